"""The HTML view in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

import os
import shutil

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kg.graph import ENTITY_TYPES
from kg.html import render_html
from kg.namespaces import KGO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed (.ci/run installs it)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, path):
    ctx = browser.new_context()
    page = ctx.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgNetwork !== undefined")
    return ctx, page, errors, requests


def test_sample_page_offline_draws_every_entity_and_search(browser, built):
    g = Graph().parse(built / "graph.ttl")
    n_entities = len({s for t in ENTITY_TYPES for s in g.subjects(RDF.type, KGO[t])})
    ctx, page, errors, requests = open_page(browser, built / "graph.html")
    page.wait_for_function("window.kgStable === true", timeout=60000)
    drawn = page.evaluate("window.kgNetwork.body.nodeIndices.length")
    assert drawn == n_entities
    assert errors == [] and requests == []
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link" not in html
    page.fill("#q", "四送一服")
    page.press("#q", "Enter")
    selected = page.evaluate("window.kgNetwork.getSelectedNodes().map(id => window.kgData.nodes.find(n => n.id === id).label)")
    assert selected == ["四送一服"]
    assert page.text_content("#msg") == ""
    page.uncheck("input.tf[value=Enterprise]")
    fewer = page.evaluate("window.kgNetwork.body.nodeIndices.length")
    assert fewer == n_entities - len(set(g.subjects(RDF.type, KGO.Enterprise)))
    ctx.close()


def test_hostile_label_is_text(browser, tmp_path):
    g = Graph()
    evil = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>"
    for i, label in enumerate([evil, "四送一服"]):
        s = URIRef(f"https://w3id.org/kg-cn/id/Program/x{i}")
        g.add((s, RDF.type, KGO.Program))
        g.add((s, RDFS.label, Literal(label, lang="zh")))
    page_file = tmp_path / "evil.html"
    page_file.write_text(render_html(g), encoding="utf-8")
    ctx, page, errors, requests = open_page(browser, page_file)
    page.fill("#q", "onerror")
    page.press("#q", "Enter")
    page.hover("#net")
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("window.kgData.nodes.some(n => n.label.includes('<script>'))")
    assert errors == [] and requests == []
    ctx.close()


def test_screenshot_shows_legend(browser, built, tmp_path):
    ctx, page, errors, _ = open_page(browser, built / "graph.html")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_function("window.kgStable === true", timeout=60000)
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20000
    assert page.is_visible("#legend") and "企业" in page.text_content("#legend")
    ctx.close()


def test_large_graph_warns_draws_limit_and_settles(browser, tmp_path):
    from kg.html import view_from

    entities = [(f"https://w3id.org/kg-cn/id/Enterprise/e{i}", "Enterprise", f"企业{i}", [], 1, 1 + i % 7, None)
                for i in range(3000)]
    edges = [(f"https://w3id.org/kg-cn/id/Enterprise/e{i}", "cooperatesWith", f"https://w3id.org/kg-cn/id/Enterprise/e{(i * 7 + 1) % 3000}")
             for i in range(3000)]
    page_file = tmp_path / "big.html"
    page_file.write_text(render_html(view=view_from(entities, edges)), encoding="utf-8")
    ctx, page, errors, requests = open_page(browser, page_file)
    page.wait_for_function("window.kgStable === true", timeout=120000)
    assert page.evaluate("window.kgNetwork.body.nodeIndices.length") == 2000
    assert "2000" in page.text_content("#warn")
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is False
    assert errors == [] and requests == []
    ctx.close()
