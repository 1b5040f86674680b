"""The view's data: amounts and indicators in the panel, the same on a fresh build and on a rebuild from the cache."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from kg.build import build
from kg.html import graph_data

# invented firms and programs; the counties are real divisions (the gazetteer knows them), named in no report
DEQING = """德清县经济和信息化局2023年上半年工作总结
一、主要指标完成情况
1-6月，全县规上工业增加值12.5亿元，同比增长8.2%。规上工业企业达到56户。
二、重点工作
鸿远智能科技有限公司获得省级专精特新奖补资金200万元。
"""
ANJI = """安吉县经济和信息化局2023年工作总结
一、主要指标完成情况
全年全县规上工业增加值30.1亿元。
二、重点工作
鸿远智能科技有限公司获得省级专精特新奖补资金50万元。
"""


def _corpus(tmp_path: Path) -> Path:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "deqing.txt").write_text(DEQING, encoding="utf-8")
    (inp / "anji.txt").write_text(ANJI, encoding="utf-8")
    return inp


def _node(view: dict, label: str, group: str) -> dict:
    return next(n for n in view["nodes"] if n["label"] == label and n["group"] == group)


def test_panel_amounts_and_indicators_fresh_and_from_cache(tmp_path):
    inp, out = _corpus(tmp_path), tmp_path / "out"
    first = build(inp, out, warn=lambda m: None, shacl=False)
    assert first.extracted == 2
    fresh = (out / "view.json").read_bytes()
    view = json.loads(fresh)
    firm = _node(view, "鸿远智能科技有限公司", "Enterprise")
    assert [(a[0], a[1], a[2], a[3]) for a in firm["amounts"]] == [
        ("anji", "500000", "50万元", "receivedFunding"), ("deqing", "2000000", "200万元", "receivedFunding")]
    program = _node(view, "专精特新奖补资金", "Program")
    assert sorted((a[0], a[3]) for a in program["amounts"]) == [("anji", "fundedBy"), ("deqing", "fundedBy")]
    county = _node(view, "德清县", "Region")
    assert [(o[1], o[3], o[4], o[7]) for o in county["indicators"]] == [
        ("规上工业增加值", "1250000000", "元", "12.5亿元"), ("规上工业增加值", "8.2", "%", "8.2%"),
        ("规上工业企业数", "56", "个", "56户")]
    assert county["indicators"][1][2] == "同比" and county["indicators"][0][6] == "2023-01-01/2023-06-30"
    assert [o[7] for o in _node(view, "anji", "Report")["indicators"]] == ["30.1亿元"]
    assert _node(view, "安吉县", "Region")["indicators"][0][0] == "anji"

    # a rebuild takes both reports from the cache (no facts loaded) and shows the same panel data
    again = build(inp, out, warn=lambda m: None, shacl=False)
    assert again.extracted == 0
    assert (out / "view.json").read_bytes() == fresh
    # one report changed: the other still comes from the cache, with its amounts and indicators
    (inp / "anji.txt").write_text(ANJI + "鸿远智能科技有限公司获得技改补助资金80万元。\n", encoding="utf-8")
    third = build(inp, out, warn=lambda m: None, shacl=False)
    assert third.extracted == 1
    view3 = json.loads((out / "view.json").read_bytes())
    assert [a[2] for a in _node(view3, "鸿远智能科技有限公司", "Enterprise")["amounts"]] == ["50万元", "80万元", "200万元"]
    assert _node(view3, "德清县", "Region")["indicators"] == county["indicators"]


def test_panel_figures_agree_with_the_graph(tmp_path):
    """kg viz without view.json reads the figures back from graph.ttl: the same as the build's."""
    inp, out = _corpus(tmp_path), tmp_path / "out"
    build(inp, out, warn=lambda m: None, shacl=False)
    built = {(n["label"], n["group"]): n for n in json.loads((out / "view.json").read_bytes())["nodes"]}
    nodes, _ = graph_data(Graph().parse(out / "graph.ttl"))
    assert sum(len(n["amounts"]) + len(n["indicators"]) for n in nodes) > 0
    for n in nodes:
        b = built[n["label"], n["group"]]
        assert (n["amounts"], n["indicators"]) == (b["amounts"], b["indicators"]), n["label"]


def _page_data(page: str) -> dict:
    start = page.index('<script id="data" type="application/json">') + len('<script id="data" type="application/json">')
    return json.loads(page[start:page.index("</script>", start)])


def test_large_page_carries_fewer_sentences_and_reports():
    """Above 2,000 entities a page keeps the most connected, the reports naming most of them (a quarter as
    many) and five sentences a node (the rest counted), and every node has its build-time position."""
    from kg.html import render_view, view_from, with_layout

    entities = [(f"https://w3id.org/kg-cn/id/Enterprise/e{i}", "Enterprise", f"企业{i}", [],
                 [f"r{i % 900}", f"r{(i * 7) % 900}"] if i < 2500 else [f"r{i % 900}"], 1,
                 [(f"r{i % 900}", f"第{k}句。") for k in range(8)]) for i in range(3000)]
    view = with_layout(view_from(entities, []))
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in view[0])
    data = _page_data(render_view(view)[0])
    shown = [n for n in data["nodes"] if n["group"] != "Report"]
    reports = [n for n in data["nodes"] if n["group"] == "Report"]
    assert len(shown) == 2000 and len(reports) == 500
    assert "500 of 900 reports" in data["warning"]
    assert all(len(n["evidence"]) == 5 and n["more_evidence"] == 3 for n in shown)
    assert all(set(e) == {"from", "to", "rel"} for e in data["edges"])  # tooltips are made in the page
    small = _page_data(render_view(view_from(entities[:50], []))[0])
    assert all(len(n["evidence"]) == 8 for n in small["nodes"] if n["group"] != "Report")


def test_view_without_positions_is_laid_out_when_drawn():
    """A view.json without positions (a build without the page, or one from before positions were written)
    still draws a laid-out page, the same as the build would have laid it out."""
    from kg.html import render_view, view_from, with_layout

    entities = [(f"https://w3id.org/kg-cn/id/Program/p{i}", "Program", f"项目{i}", [], ["r1"], 1, []) for i in range(5)]
    nodes, edges = with_layout(view_from(entities, []))
    old = [{k: v for k, v in n.items() if k not in ("x", "y")} for n in nodes]
    data = _page_data(render_view((old, edges))[0])
    assert [(n["x"], n["y"]) for n in data["nodes"]] == [(n["x"], n["y"]) for n in nodes]
