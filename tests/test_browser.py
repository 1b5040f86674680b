"""The HTML view in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

import os
import shutil

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg.graph import ENTITY_TYPES
from kg.html import render_html
from kg.namespaces import KGO, SCHEMA

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
    page.wait_for_function("window.kgNetwork !== undefined", timeout=120000)
    return ctx, page, errors, requests


def shown(page):
    return page.evaluate("window.kgNetwork.body.nodeIndices.length")


def click_node(page, node_id):
    """A real mouse click on a node where the canvas draws it (brought to the middle first), at a point of it that
    no other node covers (with the build's layout and physics off, a report box may lie over part of it)."""
    page.evaluate(f"window.kgNetwork.focus({node_id}, {{scale: 1.5, animation: false}})")
    pos = page.evaluate(f"""(() => {{ const n = window.kgNetwork, id = {node_id};
        const c = n.getPositions([id])[id], b = n.getBoundingBox(id);
        const pts = [[c.x, c.y]];
        for (const fx of [0.5, 0.25, 0.75, 0.1, 0.9]) for (const fy of [0.5, 0.25, 0.75, 0.1, 0.9])
            pts.push([b.left + fx * (b.right - b.left), b.top + fy * (b.bottom - b.top)]);
        for (const [x, y] of pts) {{ const d = n.canvasToDOM({{x, y}}); if (n.getNodeAt(d) === id) return d; }}
        return n.canvasToDOM(c); }})()""")
    box = page.locator("#net").bounding_box()
    page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])


def test_sample_page_offline_draws_every_entity_and_search(browser, built):
    g = Graph().parse(built / "graph.ttl")
    n_entities = len({s for t in ENTITY_TYPES for s in g.subjects(RDF.type, KGO[t])})
    n_reports = len(set(g.subjects(RDF.type, KGO.Report)))
    ctx, page, errors, requests = open_page(browser, built / "graph.html")
    page.wait_for_function("window.kgStable === true", timeout=120000)
    drawn = shown(page)
    assert drawn == n_entities + n_reports == 391 + 5
    assert page.text_content("#count").startswith(f"显示 {drawn} / {drawn} ")
    assert errors == [] and requests == []
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link" not in html
    page.fill("#q", "四送一服")
    page.press("#q", "Enter")
    selected = page.evaluate("window.kgNetwork.getSelectedNodes().map(id => window.kgData.nodes.find(n => n.id === id).label)")
    assert selected == ["四送一服"]
    assert page.text_content("#msg") == ""
    page.uncheck("input.tf[value=Enterprise]")
    fewer = shown(page)
    assert fewer == drawn - len(set(g.subjects(RDF.type, KGO.Enterprise)))
    assert page.text_content("#count").startswith(f"显示 {fewer} / {drawn} ")  # the counter follows the filters
    ctx.close()


def test_labels_of_top_nodes_readable_at_default_zoom(browser, built):
    ctx, page, errors, _ = open_page(browser, built / "graph.html")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_function("window.kgStable === true", timeout=120000)
    sizes = page.evaluate("""(() => { const n = window.kgNetwork, s = n.getScale();
        return window.kgData.nodes.filter(d => d.top && d.group !== 'Report')
          .map(d => [d.label, n.body.nodes[d.id].options.font.size * s]); })()""")
    labels = [label for label, _ in sizes]
    assert len(sizes) == 25 and "XX县" in labels
    # vis-network draws no label smaller than 5 px on screen; these are 12 px or more
    assert all(px >= 11.9 for _, px in sizes), sizes
    others = page.evaluate("""(() => { const n = window.kgNetwork, s = n.getScale();
        return window.kgData.nodes.filter(d => !d.top).map(d => n.body.nodes[d.id].options.font.size * s); })()""")
    assert max(others) < 12
    assert errors == []
    ctx.close()


def test_filters_by_report_and_year_and_search_of_a_hidden_type(browser, built):
    ctx, page, errors, _ = open_page(browser, built / "graph.html")
    page.wait_for_function("window.kgStable === true", timeout=120000)
    total = shown(page)
    report = "001_0bfc87de46fbd8a2"
    expected = page.evaluate(f"window.kgData.nodes.filter(n => n.reports.includes('{report}')).length")
    page.select_option("#report", report)
    assert shown(page) == expected < total
    assert page.text_content("#count").startswith(f"显示 {expected} / {total} ")
    page.select_option("#report", "")
    years = page.evaluate("Array.from(document.querySelectorAll('#year option')).map(o => o.value).filter(v => v)")
    assert years and all(len(y) == 4 for y in years)
    in_year = page.evaluate(f"window.kgData.nodes.filter(n => n.years.includes('{years[0]}')).length")
    page.select_option("#year", years[0])
    assert shown(page) == in_year < total
    page.select_option("#year", "")
    # a node of a hidden type: the search shows it again and says why it was hidden
    page.uncheck("input.tf[value=Program]")
    assert shown(page) < total
    page.fill("#q", "四送一服")
    page.press("#q", "Enter")
    assert "Program" in page.text_content("#msg") and "hidden" in page.text_content("#msg")
    assert page.is_checked("input.tf[value=Program]") and shown(page) == total
    assert page.evaluate("window.kgNetwork.getSelectedNodes().length") == 1
    page.fill("#q", "没有这个名字")
    page.press("#q", "Enter")
    assert "not found" in page.text_content("#msg")
    assert errors == []
    ctx.close()


def test_panel_on_click_shows_evidence_and_relations(browser, built):
    ctx, page, errors, _ = open_page(browser, built / "graph.html")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_function("window.kgStable === true", timeout=120000)
    node_id = page.evaluate("window.kgData.nodes.find(n => n.label === '小巨人').id")
    click_node(page, node_id)
    page.wait_for_selector("#panel", state="visible")
    text = page.text_content("#panel")
    assert "小巨人" in text and "政策项目 (Program)" in text and "证据 / evidence" in text
    assert "participatesIn: 奔腾文创" in text  # a relation, with the other end
    reports = page.evaluate(f"window.kgData.nodes.find(n => n.id === {node_id}).reports")
    assert all(r in text for r in reports)
    # an entity with money tied to it, and a region with indicators: the panel lists them
    page.uncheck("#reports")  # no report box drawn over the node clicked
    for kind, heading in (("amounts", "金额 / amounts"), ("indicators", "指标 / indicators")):
        node = page.evaluate(f"(() => {{ const n = window.kgData.nodes.find(n => n.group !== 'Report' && n.{kind}.length > 1);"
                             f" return {{id: n.id, rows: n.{kind}}}; }})()")
        click_node(page, node["id"])
        page.wait_for_selector("#panel", state="visible")
        text = page.text_content("#panel")
        assert heading in text
        for row in node["rows"]:
            surface = row[2] if kind == "amounts" else row[7]
            assert f"[{row[0]}] " in text and surface in text
    assert errors == []
    ctx.close()


def test_positions_from_the_build_physics_off_until_asked(browser, built):
    """The page draws the build's layout as it is; the physics toggle starts the simulation."""
    ctx, page, errors, _ = open_page(browser, built / "graph.html")
    page.wait_for_function("window.kgStable === true", timeout=120000)
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is False
    moved = page.evaluate("""(() => { const n = window.kgNetwork, p = n.getPositions();
        return window.kgData.nodes.filter(d => p[d.id].x !== d.x || p[d.id].y !== d.y).length; })()""")
    assert moved == 0
    timings = page.evaluate("window.kgTimings")
    assert timings["start"] <= timings["parsed"] <= timings["network"] <= timings["drawn"]
    page.check("#physics")
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is True
    assert errors == []
    ctx.close()


def test_hostile_label_and_evidence_are_text(browser, tmp_path):
    g = Graph()
    evil = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>"
    report = URIRef("https://w3id.org/kg-cn/id/report/r1")
    g.add((report, RDF.type, KGO.Report))
    g.add((report, DCTERMS.title, Literal("2021年工作总结")))
    for i, label in enumerate([evil, "四送一服", "关于%%COUNT%%的通知", "%%DATA%%"]):
        s = URIRef(f"https://w3id.org/kg-cn/id/Program/x{i}")
        g.add((s, RDF.type, KGO.Program))
        g.add((s, RDFS.label, Literal(label, lang="zh")))
        g.add((s, KGO.mentionedIn, report))
        m, sent = URIRef(f"https://w3id.org/kg-cn/id/mention/r1/{i}"), URIRef(f"https://w3id.org/kg-cn/id/sentence/r1/{i}")
        g.add((m, RDF.type, KGO.Mention))
        g.add((m, KGO.mentionOf, s))
        g.add((m, KGO.inDocument, report))
        g.add((m, KGO.startOffset, Literal(i)))
        g.add((m, KGO.inSentence, sent))
        g.add((sent, KGO.text, Literal(f"证据{i}: {evil}", lang="zh")))
    # an amount whose wording is hostile, tied to the hostile node
    amount = URIRef("https://w3id.org/kg-cn/id/amount/r1/0-5")
    g.add((amount, RDF.type, SCHEMA.MonetaryAmount))
    g.add((amount, SCHEMA.value, Literal("2000000")))
    g.add((amount, KGO.surface, Literal(f"200万元{evil}", lang="zh")))
    g.add((amount, KGO.metric, Literal(f"奖补{evil}", lang="zh")))
    g.add((amount, KGO.inDocument, report))
    g.add((amount, KGO.measures, URIRef("https://w3id.org/kg-cn/id/Program/x0")))
    page_file = tmp_path / "evil.html"
    page_file.write_text(render_html(g), encoding="utf-8")
    ctx, page, errors, requests = open_page(browser, page_file)
    page.wait_for_function("window.kgStable === true", timeout=120000)
    page.fill("#q", "onerror")
    page.press("#q", "Enter")
    page.hover("#net")
    page.wait_for_selector("#panel", state="visible")
    assert evil in page.text_content("#panel")  # the sentence shown as text
    assert f"200万元{evil} = 2000000 元" in page.text_content("#panel") and f"奖补{evil}" in page.text_content("#panel")
    assert page.evaluate("document.querySelectorAll('#panel img, #panel script').length") == 0
    assert page.evaluate("window.pwned === undefined")
    assert page.evaluate("window.kgData.nodes.some(n => n.label.includes('<script>'))")
    labels = page.evaluate("window.kgData.nodes.map(n => n.label)")
    assert "关于%%COUNT%%的通知" in labels and "%%DATA%%" in labels  # no placeholder replaced inside data
    page.fill("#q", "%%COUNT%%")
    page.press("#q", "Enter")
    assert page.text_content("#panel h3") == "关于%%COUNT%%的通知"
    assert page.evaluate("window.kgData.nodes.find(n => n.group === 'Report').years") == ["2021"]
    assert errors == [] and requests == []
    ctx.close()


def test_screenshot_shows_legend(browser, built, tmp_path):
    ctx, page, errors, _ = open_page(browser, built / "graph.html")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_function("window.kgStable === true", timeout=120000)
    shot = tmp_path / "graph.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20000
    assert page.is_visible("#legend") and "企业" in page.text_content("#legend")
    ctx.close()


def test_large_graph_warns_draws_limit_and_settles(browser, tmp_path):
    from kg.html import view_from

    entities = [(f"https://w3id.org/kg-cn/id/Enterprise/e{i}", "Enterprise", f"企业{i}", [], [f"r{i % 3}"], 1 + i % 7, [])
                for i in range(3000)]
    edges = [(f"https://w3id.org/kg-cn/id/Enterprise/e{i}", "cooperatesWith", f"https://w3id.org/kg-cn/id/Enterprise/e{(i * 7 + 1) % 3000}")
             for i in range(3000)]
    page_file = tmp_path / "big.html"
    page_file.write_text(render_html(view=view_from(entities, edges)), encoding="utf-8")
    ctx, page, errors, requests = open_page(browser, page_file)
    page.wait_for_function("window.kgStable === true", timeout=120000)
    assert page.evaluate("window.kgNetwork.body.nodeIndices.length") == 2000 + 3  # and the 3 reports
    assert "2000" in page.text_content("#warn")
    assert page.evaluate("window.kgNetwork.physics.options.enabled") is False
    assert errors == [] and requests == []
    ctx.close()
