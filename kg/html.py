"""Offline interactive HTML view of the graph (pyvis's vis-network, own page).

The vis-network script and styles shipped with pyvis are inlined, so the page
fetches nothing.  Report text is untrusted: the data reaches the page once, as
one JSON block (``</`` escaped) that the page's script reads and shows with
``textContent``, never as HTML; the page is assembled by concatenation, so no
entity name can be mistaken for a placeholder.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, SKOS

from .layout import layout
from .namespaces import KGO
from .vocab import ENTITY_TYPES, RELATIONS, STYLE

if TYPE_CHECKING:
    from .identity import DocSummary, Node

REL_ZH = {"participatesIn": "参与", "undertakes": "承担", "cooperatesWith": "合作", "acquiredBy": "被收购",
          "issuedBy": "发布机构", "locatedIn": "位于", "partOf": "隶属", "mentionedIn": "提及于"}
REPORT_STYLE = ("#9e9e9e", "box", "报告")
TOP_LABELS = 25  # the most connected nodes are labelled at the default zoom
MAX_EVIDENCE = 20  # evidence sentences a node carries into the page (kg explain has all)
MAX_FIGURES = 20  # amounts, and indicators, a node carries into the page
LARGE_PAGE, LARGE_PAGE_EVIDENCE = 2000, 5  # nodes above which a page carries fewer sentences per node
UNIT_ZH = {"CNY": "元", "percent": "%", "kWh": "千瓦时", "count": "个"}
_YEAR = re.compile(r"(?:19|20)\d\d")


def _vis_assets() -> tuple[str, str]:
    """vis-network as pyvis ships it (found without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    base = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(encoding="utf-8")


def report_year(title: str) -> str:
    """The year a report is filed under in the view: the first year in its title."""
    m = _YEAR.search(title or "")
    return m.group(0) if m else ""


def graph_data(g) -> tuple[list[dict], list[dict]]:
    """View nodes and edges of a graph read from Turtle (rdflib)."""
    mentions: dict = defaultdict(int)
    first: dict = {}
    for m in g.subjects(RDF.type, KGO.Mention):
        ent = g.value(m, KGO.mentionOf)
        mentions[ent] += 1
        sent = g.value(m, KGO.inSentence)
        if sent is not None:
            doc = str(g.value(m, KGO.inDocument)).rsplit("/", 1)[-1]
            start = int(g.value(m, KGO.startOffset))
            if (ent, doc) not in first or start < first[ent, doc][0]:
                first[ent, doc] = (start, str(g.value(sent, KGO.text)))
    entities = []
    seen = set()
    reports: dict[str, str] = {}
    for r in g.subjects(RDF.type, KGO.Report):
        reports[str(r).rsplit("/", 1)[-1]] = str(g.value(r, DCTERMS.title) or "")
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, KGO[t]):
            if s in seen:
                continue
            seen.add(s)
            docs = sorted({str(r).rsplit("/", 1)[-1] for r in g.objects(s, KGO.mentionedIn)})
            evidence = [(d, first[s, d][1]) for d in docs if (s, d) in first]
            entities.append((s, t, str(g.value(s, RDFS.label)), sorted(str(a) for a in g.objects(s, SKOS.altLabel)),
                             docs, mentions[s], evidence))
    edges = [(s, rel, o) for rel in (*RELATIONS, "partOf") for s, o in g.subject_objects(KGO[rel])]
    return view_from(entities, edges, reports, figures=_graph_figures(g))


def _graph_figures(g) -> dict[str, dict[str, list]]:
    """Amounts and indicators of each node, read from a graph (as :func:`entity_view` has them from the build)."""
    from extractors.indicators import CONCEPT_LABELS

    from .namespaces import QB as qb
    from .namespaces import SCHEMA as schema
    from .namespaces import SDMX_ATTR as sdmx_a
    from .namespaces import SDMX_DIM as sdmx_d
    from .namespaces import SDMX_MEASURE as sdmx_m
    figures: dict[str, dict[str, list]] = defaultdict(lambda: {"amounts": [], "indicators": []})

    def doc_of(node) -> str:
        return str(g.value(node, KGO.inDocument)).rsplit("/", 1)[-1]

    def start(node) -> int:
        v = g.value(node, KGO.startOffset)
        return int(v) if v is not None else 0

    received = set(g.subject_objects(KGO.receivedFunding))
    for a in sorted(g.subjects(RDF.type, schema.MonetaryAmount), key=lambda a: (doc_of(a), start(a), str(a))):
        row = [doc_of(a), str(g.value(a, schema.value) or ""), str(g.value(a, KGO.surface) or ""), "",
               str(g.value(a, KGO.metric) or "")]
        for owner in g.objects(a, KGO.measures):
            figures[str(owner)]["amounts"].append(
                _with(row, 3, "receivedFunding" if (owner, a) in received else "measures"))
        for program in g.objects(a, KGO.fundedBy):
            figures[str(program)]["amounts"].append(_with(row, 3, "fundedBy"))
    for o in sorted(g.subjects(RDF.type, qb.Observation), key=lambda o: (doc_of(o), start(o), str(o))):
        concept = str(g.value(o, KGO.indicator) or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        unit = {"Percent": "percent", "KilowattHour": "kWh", "Count": "count"}.get(
            str(g.value(o, sdmx_a.unitMeasure) or "").rsplit("#", 1)[-1], "CNY")
        growth = g.value(o, KGO.growthOf) is not None
        row = [doc_of(o), CONCEPT_LABELS.get(concept, (concept,))[0], "同比" if growth else str(g.value(o, KGO.metric) or ""),
               str(g.value(o, sdmx_m.obsValue) or ""), UNIT_ZH.get(unit, unit),
               str(g.value(o, KGO.status) or "").rsplit("#", 1)[-1].lower(), str(g.value(o, sdmx_d.refPeriod) or ""),
               str(g.value(o, KGO.surface) or "")]
        figures["report:" + row[0]]["indicators"].append(row)
        area = g.value(o, sdmx_d.refArea)
        if area is not None:
            figures[str(area)]["indicators"].append(row)
    return dict(figures)


def _with(row: list, i: int, value) -> list:
    out = list(row)
    out[i] = value
    return out


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")


def view_from(entities: list[tuple], edges: list[tuple], reports: dict[str, str] | None = None,
              scores: dict | None = None, figures: dict[str, dict[str, list]] | None = None
              ) -> tuple[list[dict], list[dict]]:
    """View nodes and edges from (iri, type, label, aliases, report ids, mentions,
    [(report id, evidence sentence)]) entity tuples, (iri, relation, iri) edges
    and report id -> title; ``scores`` (kg.analytics) are computed when not given.
    Reports become nodes of group ``Report`` linked by ``mentionedIn`` edges.
    ``figures``: iri (or ``report:<id>``) -> {"amounts": [[report, value, text,
    relation, metric]], "indicators": [[report, concept, metric, value, unit,
    status, period, text]]}, in report and text order, for the panel."""
    figures = figures or {}
    from .analytics import entity_graph
    from .analytics import scores as compute_scores

    entities = sorted(entities, key=lambda e: str(e[0]))
    if scores is None:
        scores = compute_scores(entity_graph([(str(e[0]), e[1], e[2]) for e in entities],
                                             [(str(s), rel, str(o)) for s, rel, o in edges if rel in RELATIONS]))
    reports = dict(reports or {})
    for e in entities:
        for r in e[4]:
            reports.setdefault(r, "")
    community_size: dict = defaultdict(int)
    for sc in scores.values():
        community_size[sc.community] += 1
    nodes = []
    ids: dict[str, int] = {}
    for i, (s, t, label, aliases, docs, n_mentions, evidence) in enumerate(entities):
        ids[str(s)] = i
        sc = scores.get(str(s))
        evidence = [[d, sent[:200]] for d, sent in evidence[:MAX_EVIDENCE]]
        title = "\n".join(
            [f"{STYLE[t][2]} ({t})", label]
            + ([f"别名: {'、'.join(aliases)}"] if aliases else [])
            + [f"提及: {n_mentions} 次, {len(docs)} 份报告"]
            + ([f"[{evidence[0][0]}] {evidence[0][1][:160]}"] if evidence else [])
        )
        nodes.append({"id": i, "label": label, "group": t, "title": title, "aliases": aliases, "mentions": n_mentions,
                      "reports": list(docs), "years": sorted({report_year(reports[d]) for d in docs} - {""}),
                      "evidence": evidence, "more_evidence": max(0, len(docs) - len(evidence)),
                      "degree": sc.degree if sc else 0, "betweenness": sc.betweenness if sc else 0.0,
                      "community": sc.community if sc else -1,
                      "community_size": community_size[sc.community] if sc else 0,
                      "color": STYLE[t][0], "shape": STYLE[t][1], **_figures(figures.get(str(s)))})
    for j, (doc, title) in enumerate(sorted(reports.items())):
        rid = len(entities) + j
        ids[f"report:{doc}"] = rid
        year = report_year(title)
        nodes.append({"id": rid, "label": doc, "group": "Report", "title": f"报告 (Report)\n{doc}\n{title}",
                      "aliases": [title] if title else [], "mentions": 0, "reports": [doc], "years": [year] if year else [],
                      "evidence": [], "more_evidence": 0, "degree": 0, "betweenness": 0.0, "community": -1,
                      "community_size": 0, "color": REPORT_STYLE[0], "shape": REPORT_STYLE[1],
                      **_figures(figures.get(f"report:{doc}"))})
    out_edges = [{"from": ids[str(s)], "to": ids[str(o)], "title": f"{REL_ZH[rel]} / {rel}", "rel": rel}
                 for s, rel, o in edges if str(s) in ids and str(o) in ids]
    out_edges += [{"from": ids[str(e[0])], "to": ids[f"report:{d}"], "title": "提及于 / mentionedIn", "rel": "mentionedIn"}
                  for e in entities for d in e[4]]
    links: dict = defaultdict(int)
    for e in out_edges:
        links[e["from"]] += 1
        links[e["to"]] += 1
    for n in nodes:
        n["links"] = links[n["id"]]  # relations and reports: what the view draws around the node
        n["value"] = 1 + n["links"] if n["group"] != "Report" else 1 + n["links"] // 4
    ranked = sorted((n for n in nodes if n["group"] != "Report"), key=lambda n: (-n["links"], -n["mentions"], n["id"]))
    top = {n["id"] for n in ranked[:TOP_LABELS]}
    for n in nodes:
        n["top"] = n["id"] in top or n["group"] == "Report"
    out_edges.sort(key=lambda e: (e["from"], e["to"], e["rel"]))
    return nodes, out_edges


def with_layout(view: tuple[list[dict], list[dict]]) -> tuple[list[dict], list[dict]]:
    """The view with every node's position (kg.layout), so the page draws at once and kg viz uses the same.
    The build lays out only when it writes the page (1.5 s of CPU at 1,000 reports); a view.json written
    without positions is laid out when kg viz draws it."""
    if all("x" in n for n in view[0]):
        return view
    positions = layout([n["id"] for n in view[0]], [(e["from"], e["to"]) for e in view[1]])
    return [n | {"x": positions[n["id"]][0], "y": positions[n["id"]][1]} for n in view[0]], view[1]


def _figures(f: dict[str, list] | None) -> dict:
    """A node's amounts and indicators as the page carries them: the first MAX_FIGURES and how many more."""
    f = f or {}
    amounts, indicators = f.get("amounts", []), f.get("indicators", [])
    return {"amounts": amounts[:MAX_FIGURES], "more_amounts": max(0, len(amounts) - MAX_FIGURES),
            "indicators": indicators[:MAX_FIGURES], "more_indicators": max(0, len(indicators) - MAX_FIGURES)}


def doc_figures(docs: list[DocSummary], doc_nodes: dict[str, list[Node]]) -> dict[str, dict[str, list]]:
    """Amounts and indicators of each node from the reports' summaries: an amount
    on the entity it measures or that received it, and on the program it came
    from; an indicator on its report and on the report's region (its refArea)."""
    from extractors.indicators import CONCEPT_LABELS

    regions = {n.label: n.iri for ns in doc_nodes.values() for n in ns if n.type == "Region"}
    figures: dict[str, dict[str, list]] = defaultdict(lambda: {"amounts": [], "indicators": []})
    for d in sorted(docs, key=lambda d: d.doc_id):
        ns = doc_nodes[d.doc_id]
        for a in d.amounts:
            row = [d.doc_id, a.value, a.text, "", a.metric]
            if a.entity is not None:
                figures[ns[a.entity].iri]["amounts"].append(_with(row, 3, "receivedFunding" if a.received else "measures"))
            if a.program is not None:
                figures[ns[a.program].iri]["amounts"].append(_with(row, 3, "fundedBy"))
        area = regions.get(d.region) if d.region else None
        for o in d.indicators:
            row = [d.doc_id, CONCEPT_LABELS.get(o.concept, (o.concept,))[0], o.metric, o.value,
                   UNIT_ZH.get(o.unit, o.unit), o.status, o.period, o.text]
            figures[f"report:{d.doc_id}"]["indicators"].append(row)
            if area is not None:
                figures[area]["indicators"].append(row)
    return dict(figures)


def entity_view(glob: set[tuple[str, str, str]], nodes: dict, mention_stats: dict, text: Callable[[DocSummary], str],
                analysis: dict, docs: list[DocSummary], doc_nodes: dict[str, list[Node]]
                ) -> tuple[list[dict], list[dict]]:
    """Nodes and edges of the HTML view, from the entity part of the graph:
    every report an entity is named in with its first sentence there, and the
    amounts and indicators attached to it (from the summaries, so a rebuild
    from the cache shows the same)."""
    from .report import read_meta

    texts: dict[str, str] = {}

    def text_of(d: DocSummary) -> str:
        if d.doc_id not in texts:
            texts[d.doc_id] = text(d)
        return texts[d.doc_id]

    entities = []
    for iri, n in nodes.items():
        st = mention_stats.get(iri, [0, {}, set()])
        evidence = [(doc, text_of(d)[a:b]) for doc, (d, (a, b)) in sorted(st[1].items())[:MAX_EVIDENCE]]
        entities.append((iri, n.type, n.label, sorted(n.names - {n.label}), sorted(st[2]), st[0], evidence))
    titles = {d.doc_id: read_meta(text_of(d), d.doc_id).title for d in docs}
    wanted = {f"kgo:{rel}": rel for rel in (*RELATIONS, "partOf")}  # predicates as the graph writes them
    edges = [(s, wanted[p], o) for s, p, o in glob if p in wanted]
    return view_from(entities, edges, titles, analysis, doc_figures(docs, doc_nodes))


@dataclass
class Selection:
    """The part of the graph a page draws, and what to tell the user about it."""

    nodes: list[dict]
    edges: list[dict]
    warning: str
    description: str


def select(nodes: list[dict], edges: list[dict], *, focus: str | None = None, hops: int = 2,
           types: list[str] | None = None, limit: int = 2000, reports: bool = True) -> Selection:
    """The part of the graph a view shows: ``types`` (reports stay with the
    entities they name, unless not ``reports``), the networkx ego graph of
    radius ``hops`` around ``focus``, then at most ``limit`` entities."""
    import networkx as nx

    warning = ""
    by_id = {n["id"]: n for n in nodes}
    keep = {n["id"] for n in nodes if n["group"] != "Report" and (not types or n["group"] in types)}
    if reports:
        keep |= {n["id"] for n in nodes if n["group"] == "Report"}
    description = ""
    if focus:
        start = sorted(i for i in keep if by_id[i]["group"] != "Report"
                       and (by_id[i]["label"] == focus or focus in by_id[i]["aliases"]))
        if not start:
            start = sorted(i for i in keep if by_id[i]["group"] != "Report" and focus in by_id[i]["label"])
        if not start:
            raise ValueError(f"no entity named {focus!r}")
        g = nx.Graph()
        g.add_nodes_from(sorted(keep))
        g.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] in keep and e["to"] in keep)
        seen: set[int] = set()
        for s in start:
            seen |= set(nx.ego_graph(g, s, radius=hops))
        keep = seen
        names = "、".join(by_id[i]["label"] for i in start[:5]) + (" …" if len(start) > 5 else "")
        via = "relations and the reports that name them" if reports else "contract relations"
        description = f"{names} and everything within {hops} hop(s) over {via}"
    else:
        # a report is drawn with the entities it names
        named = {r for n in nodes if n["id"] in keep for r in n["reports"] if n["group"] != "Report"}
        keep = {i for i in keep if by_id[i]["group"] != "Report" or by_id[i]["label"] in named}
    entities = [by_id[i] for i in keep if by_id[i]["group"] != "Report"]
    if len(entities) > limit:
        ranked = sorted(entities, key=lambda n: (-n["value"], n["id"]))
        kept = {n["id"] for n in ranked[:limit]}
        # and the reports that name most of them, a quarter as many (each report is a hub of many edges)
        named: dict[str, int] = defaultdict(int)
        for i in kept:
            for r in by_id[i]["reports"]:
                named[r] += 1
        report_nodes = sorted((by_id[i] for i in keep if by_id[i]["group"] == "Report" and by_id[i]["label"] in named),
                              key=lambda n: (-named[n["label"]], n["label"]))
        keep = kept | {n["id"] for n in report_nodes[:max(1, limit // 4)]}
        cut = f", {min(len(report_nodes), max(1, limit // 4))} of {len(report_nodes)} reports" \
            if len(report_nodes) > limit // 4 else ""
        warning = (f"图过大: 共 {len(ranked)} 个节点, 只显示连接最多的 {limit} 个 / "
                   f"graph too large: showing the {limit} most connected of {len(ranked)} nodes{cut} "
                   f"(kg viz --focus narrows it)")
    out_nodes = [n for n in nodes if n["id"] in keep]
    out_edges = [e for e in edges if e["from"] in keep and e["to"] in keep]
    return Selection(out_nodes, out_edges, warning, description)


def describe(sel: Selection) -> str:
    """One line on what a page draws (kg viz prints it)."""
    n_rep = sum(1 for n in sel.nodes if n["group"] == "Report")
    n_rel = sum(1 for e in sel.edges if e["rel"] != "mentionedIn")
    head = f"drew {len(sel.nodes) - n_rep} entities and {n_rep} reports, {n_rel} relations and " \
           f"{len(sel.edges) - n_rel} mentions"
    return head + (f": {sel.description}" if sel.description else "")


def render_view(view: tuple[list[dict], list[dict]], title: str = "kg — 工信报告知识图谱", *, focus: str | None = None,
                hops: int = 2, types: list[str] | None = None, limit: int = 2000, reports: bool = True) -> tuple[str, str]:
    """The page for a view and the line that says what it draws."""
    view = with_layout(view)  # a view.json of a build without the page has no positions yet
    sel = select(*view, focus=focus, hops=hops, types=types, limit=limit, reports=reports)
    js, css = _vis_assets()
    style = {t: list(v) for t, v in STYLE.items()} | {"Report": list(REPORT_STYLE)}
    # tooltips are made in the page from the data (a third of the bytes of a large page); a large page
    # carries fewer evidence sentences per node
    edges = [{"from": e["from"], "to": e["to"], "rel": e["rel"]} for e in sel.edges]
    keep = MAX_EVIDENCE if len(sel.nodes) <= LARGE_PAGE else LARGE_PAGE_EVIDENCE
    nodes = [{k: v for k, v in n.items() if k != "title"}
             | {"evidence": n["evidence"][:keep], "more_evidence": n["more_evidence"] + len(n["evidence"][keep:])}
             for n in sel.nodes]
    data = {"nodes": nodes, "edges": edges, "warning": sel.warning, "style": style, "rel_zh": REL_ZH}
    page = "".join([PAGE_HEAD, html.escape(title), PAGE_STYLE_OPEN, css, PAGE_BODY, js.replace("</script", "<\\/script"),
                    '</script>\n<script id="data" type="application/json">', _json(data), "</script>\n<script>",
                    APP_JS, "</script>\n</body></html>\n"])
    return page, describe(sel)


def render_html(g=None, title: str = "kg — 工信报告知识图谱", *, view: tuple[list[dict], list[dict]] | None = None,
                focus: str | None = None, hops: int = 2, types: list[str] | None = None, limit: int = 2000,
                reports: bool = True) -> str:
    """The page for a graph ``g`` (rdflib-like) or a precomputed ``view``."""
    return render_view(view if view is not None else graph_data(g), title, focus=focus, hops=hops, types=types,
                       limit=limit, reports=reports)[0]


PAGE_HEAD = '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>'
PAGE_STYLE_OPEN = "</title>\n<style>"
PAGE_BODY = """</style>
<style>
html,body{margin:0;height:100%;font-family:sans-serif}
#bar{position:absolute;top:0;left:0;right:0;padding:6px;background:#f7f7f7;border-bottom:1px solid #ccc;z-index:2;font-size:13px}
#bar label{margin-right:8px;white-space:nowrap}
.sw{display:inline-block;width:10px;height:10px;margin:0 3px;border-radius:2px}
#net{position:absolute;top:86px;bottom:0;left:0;right:0}
#msg,#warn{color:#a00;margin-left:8px}
#panel{position:absolute;top:86px;right:0;bottom:0;width:380px;overflow:auto;background:#fff;border-left:1px solid #ccc;
  padding:8px 12px;font-size:13px;z-index:3;display:none}
#panel h3{margin:4px 0} #panel ul{padding-left:18px} #panel li{margin-bottom:4px}
#panel .doc{color:#555;font-weight:bold}
#close{float:right}
</style></head>
<body>
<div id="bar"><input id="q" placeholder="搜索名称 / search" size="24"> <button id="go">查找</button>
<span id="msg"></span> <span id="count"></span> <span id="warn"></span>
<div id="legend"></div>
<div id="filters"><label>报告 / report <select id="report"><option value="">全部 / all</option></select></label>
<label>年份 / year <select id="year"><option value="">全部 / all</option></select></label>
<label><input type="checkbox" id="reports" checked>报告节点 / report nodes</label>
<label>颜色 / colour <select id="colour"><option value="type">类型 / type</option>
<option value="community">社区 / community</option></select></label>
<label>大小 / size <select id="size"><option value="links">连接 / links</option>
<option value="betweenness">介数 / betweenness</option><option value="mentions">提及 / mentions</option></select></label>
<label><input type="checkbox" id="physics">物理布局 / physics</label></div></div>
<div id="net"></div>
<div id="panel"></div>
<script>"""
APP_JS = """
(function(){
  var timings = window.kgTimings = {start: performance.now()};  // ms since navigation start, for benchmarks
  var data = JSON.parse(document.getElementById('data').textContent);
  timings.parsed = performance.now();
  var PALETTE = ['#1f77b4','#ff7f0e','#2ca02c','#d62728','#9467bd','#8c564b','#e377c2','#bcbd22','#17becf',
                 '#393b79','#637939','#8c6d31','#843c39','#7b4173','#3182bd','#e6550d','#31a354','#756bb1'];
  var byId = {}; data.nodes.forEach(function(n){ byId[n.id] = n; });
  var state = {shown:{}, reports:true, report:'', year:'', colour:'type', size:'links'};
  function el(tag, text, cls){ var e = document.createElement(tag); if(text!==undefined){e.textContent = text;}
    if(cls){e.className = cls;} return e; }
  function opt(sel, value, text){ var o = el('option', text); o.value = value; sel.appendChild(o); }
  document.getElementById('warn').textContent = data.warning || '';
  // legend and filters, built from the data (text only)
  var legend = document.getElementById('legend');
  Object.keys(data.style).forEach(function(t){
    if(t === 'Report'){ return; }
    var lab = el('label'); var cb = el('input'); cb.type = 'checkbox'; cb.className = 'tf'; cb.value = t; cb.checked = true;
    var sw = el('span', undefined, 'sw'); sw.style.background = data.style[t][0];
    lab.appendChild(cb); lab.appendChild(sw); lab.appendChild(document.createTextNode(data.style[t][2] + ' ' + t));
    legend.appendChild(lab);
    cb.addEventListener('change', function(){ state.shown[t] = cb.checked; refresh(); });
  });
  var reports = data.nodes.filter(function(n){ return n.group === 'Report'; });
  var years = {}; reports.forEach(function(r){ r.years.forEach(function(y){ years[y] = true; }); });
  reports.forEach(function(r){ opt(document.getElementById('report'), r.label, r.label + (r.aliases[0] ? ' ' + r.aliases[0].slice(0, 30) : '')); });
  Object.keys(years).sort().forEach(function(y){ opt(document.getElementById('year'), y, y); });
  function visible(n){
    if(n.group === 'Report'){
      if(!state.reports){ return false; }
    } else if(state.shown[n.group] === false){ return false; }
    if(state.report && n.reports.indexOf(state.report) < 0){ return false; }
    if(state.year && n.years.indexOf(state.year) < 0){ return false; }
    return true;
  }
  function colour(n){
    if(state.colour === 'community' && n.group !== 'Report'){
      return n.community_size > 1 && n.community < PALETTE.length ? PALETTE[n.community] : '#d0d0d0';
    }
    return n.color;
  }
  function size(n){
    if(state.size === 'betweenness'){ return 1 + 1000 * n.betweenness; }
    if(state.size === 'mentions'){ return 1 + n.mentions; }
    return n.value;
  }
  // positions come from the build (networkx): drawn at once, physics only when asked for
  function tooltip(n){
    if(n.group === 'Report'){ return '报告 (Report)\\n' + n.label + '\\n' + (n.aliases[0] || ''); }
    return [data.style[n.group][2] + ' (' + n.group + ')', n.label].concat(n.aliases.length ? ['别名: ' + n.aliases.join('、')] : [],
      ['提及: ' + n.mentions + ' 次, ' + n.reports.length + ' 份报告'],
      n.evidence.length ? ['[' + n.evidence[0][0] + '] ' + n.evidence[0][1].slice(0, 160)] : []).join('\\n');
  }
  var nodes = new vis.DataSet(data.nodes.map(function(n){
    return {id:n.id, x:n.x, y:n.y, label:n.label, title:tooltip(n), color:colour(n), shape:n.shape, value:size(n)};}));
  // vis-network spends ~25 us on each edge it is given: above BIG edges the mentions (most of them) are not
  // given to it but stroked in one path before each frame; the physics toggle hands them over
  var BIG = 20000, big = data.edges.length > BIG;
  var mentions = [];
  data.edges.forEach(function(e, i){ if(e.rel === 'mentionedIn'){ mentions.push(i); } });
  var mentionsInVis = !big;
  function visEdge(i){
    var e = data.edges[i];
    var title = data.rel_zh[e.rel] + ' / ' + e.rel;
    return e.rel === 'mentionedIn' ? {id:i, from:e.from, to:e.to, title:title}
      : {id:i, from:e.from, to:e.to, title:title, arrows:'to', dashes:false, color:{color:'#888888'}};
  }
  var edges = new vis.DataSet(data.edges.map(function(e, i){ return i; })
    .filter(function(i){ return mentionsInVis || data.edges[i].rel !== 'mentionedIn'; }).map(visEdge));
  var view = new vis.DataView(nodes, {filter:function(n){ return visible(byId[n.id]); }});
  timings.datasets = performance.now();
  var network = new vis.Network(document.getElementById('net'), {nodes:view, edges:edges}, {
    nodes:{font:{size:14}, scaling:{min:8, max:40, label:{enabled:false, min:14, max:30, maxVisible:30, drawThreshold:7}}},  // labels under 7 px on screen are not drawn
    edges:{smooth:false, arrows:{to:{enabled:false}}, dashes:!big, color:{color:'#d4d4d4'}},
    layout:{improvedLayout:false, randomSeed:1},
    physics:{enabled:false, stabilization:false, barnesHut:{gravitationalConstant:-8000, springLength:120}},
    interaction:{hover:true, tooltipDelay:120, hideEdgesOnDrag:big, hideEdgesOnZoom:big}});
  function count(){
    document.getElementById('count').textContent = '显示 ' + view.length + ' / ' + data.nodes.length + ' 个节点 / nodes shown';
  }
  function refresh(){ view.refresh(); count(); }
  function restyle(){ nodes.update(data.nodes.map(function(n){ return {id:n.id, color:colour(n), value:size(n)}; })); }
  // labels of the most connected nodes stay readable at the zoom the layout ends at
  function labelTop(){
    var s = network.getScale() || 1;
    nodes.update(data.nodes.filter(function(n){ return n.top; }).map(function(n){
      return {id:n.id, font:{size: Math.max(14, Math.ceil(12 / s)), strokeWidth:3, strokeColor:'#ffffff'}}; }));
  }
  timings.network = performance.now();
  network.once('afterDrawing', function(){
    timings.drawn = performance.now();  // the first frame on screen
    labelTop(); window.kgStable = true; });
  network.fit({animation:false});
  network.on('zoom', labelTop);
  network.on('beforeDrawing', function(ctx){
    if(mentionsInVis){ return; }
    var at = network.body.nodes;  // only the nodes the filters show
    ctx.beginPath();
    for(var i = 0; i < mentions.length; i++){
      var e = data.edges[mentions[i]], a = at[e.from], b = at[e.to];
      if(a && b){ ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); }
    }
    ctx.lineWidth = 1; ctx.strokeStyle = '#d4d4d4'; ctx.stroke();
  });
  document.getElementById('physics').addEventListener('change', function(e){
    if(e.target.checked && !mentionsInVis){ mentionsInVis = true; edges.add(mentions.map(visEdge)); }
    network.setOptions({physics:{enabled: e.target.checked}}); });
  count();
  window.kgNetwork = network; window.kgData = data; window.kgView = view; window.kgVisible = function(id){ return visible(byId[id]); };
  document.getElementById('report').addEventListener('change', function(e){ state.report = e.target.value; refresh(); });
  document.getElementById('year').addEventListener('change', function(e){ state.year = e.target.value; refresh(); });
  document.getElementById('reports').addEventListener('change', function(e){ state.reports = e.target.checked; refresh(); });
  document.getElementById('colour').addEventListener('change', function(e){ state.colour = e.target.value; restyle(); });
  document.getElementById('size').addEventListener('change', function(e){ state.size = e.target.value; restyle(); });
  // why a node is hidden, and the filters undone to show it
  function unhide(n){
    var why = [];
    if(n.group === 'Report' && !state.reports){ state.reports = true; document.getElementById('reports').checked = true; why.push('报告节点 / report nodes'); }
    if(n.group !== 'Report' && state.shown[n.group] === false){
      state.shown[n.group] = true; document.querySelector('input.tf[value="' + n.group + '"]').checked = true;
      why.push('类型 / type ' + n.group);
    }
    if(state.report && n.reports.indexOf(state.report) < 0){ state.report = ''; document.getElementById('report').value = ''; why.push('报告 / report'); }
    if(state.year && n.years.indexOf(state.year) < 0){ state.year = ''; document.getElementById('year').value = ''; why.push('年份 / year'); }
    refresh();
    return why;
  }
  function find(){
    var q = document.getElementById('q').value.trim(); var msg = document.getElementById('msg');
    if(!q){ return; }
    var hit = data.nodes.find(function(n){ return n.label === q || n.aliases.indexOf(q) >= 0; }) ||
              data.nodes.find(function(n){ return n.label.indexOf(q) >= 0 || n.aliases.some(function(a){ return a.indexOf(q) >= 0; }); });
    if(!hit){ msg.textContent = '未找到 / not found in this view (' + data.nodes.length + ' nodes; kg viz --focus NAME draws any entity)'; return; }
    msg.textContent = '';
    if(!visible(hit)){
      var why = unhide(hit);
      msg.textContent = '「' + hit.label + '」被筛选隐藏, 已显示 / was hidden by the filter: ' + why.join(', ') + ' (shown again)';
    }
    network.selectNodes([hit.id]); network.focus(hit.id, {scale:1.2, animation:false});
    labelTop(); highlight(hit.id); panel(hit.id);
  }
  function highlight(id){
    var near = new Set([id]);
    data.edges.forEach(function(e){ if(e.from === id){ near.add(e.to); } else if(e.to === id){ near.add(e.from); } });
    nodes.update(data.nodes.map(function(n){ return {id:n.id, opacity: near.has(n.id) ? 1 : 0.25}; }));
  }
  function section(box, title, items){
    if(!items.length){ return; }
    box.appendChild(el('h4', title)); var ul = el('ul'); box.appendChild(ul);
    items.forEach(function(parts){ var li = el('li');
      parts.forEach(function(p){ li.appendChild(typeof p === 'string' ? document.createTextNode(p) : p); }); ul.appendChild(li); });
  }
  function panel(id){
    var n = byId[id], box = document.getElementById('panel');
    box.textContent = '';
    var close = el('button', '×'); close.id = 'close'; close.addEventListener('click', function(){ box.style.display = 'none'; });
    box.appendChild(close);
    box.appendChild(el('h3', n.label));
    box.appendChild(el('div', data.style[n.group][2] + ' (' + n.group + ')'));
    if(n.aliases.length){ box.appendChild(el('div', (n.group === 'Report' ? '标题 / title: ' : '别名 / aliases: ') + n.aliases.join('、'))); }
    if(n.group !== 'Report'){
      box.appendChild(el('div', '提及 / mentions: ' + n.mentions + ', 报告 / reports: ' + n.reports.length +
        ', 度 / degree: ' + n.degree + ', 介数 / betweenness: ' + n.betweenness +
        ', 社区 / community: ' + n.community + ' (' + n.community_size + ')'));
    }
    section(box, '证据 / evidence', n.evidence.map(function(ev){ return [el('span', '[' + ev[0] + '] ', 'doc'), ev[1]]; }));
    if(n.more_evidence){ box.appendChild(el('div', '… ' + n.more_evidence + ' more: kg explain ' + n.label)); }
    var REL = {measures:'金额 / measures', receivedFunding:'获得资金 / receivedFunding', fundedBy:'资金来源 / fundedBy'};
    section(box, '金额 / amounts', n.amounts.map(function(a){
      return [el('span', '[' + a[0] + '] ', 'doc'), el('b', a[2]), ' = ' + a[1] + ' 元 · ' + REL[a[3]] + (a[4] ? ' · ' + a[4] : '')]; }));
    if(n.more_amounts){ box.appendChild(el('div', '… ' + n.more_amounts + ' more amounts: kg explain ' + n.label)); }
    section(box, '指标 / indicators', n.indicators.map(function(o){
      return [el('span', '[' + o[0] + '] ', 'doc'), el('b', o[1]), (o[2] && o[2] !== o[1] ? ' (' + o[2] + ')' : '') + ': ' +
              o[3] + ' ' + o[4] + ' · ' + o[5] + (o[6] ? ' · ' + o[6] : '') + ' · 「' + o[7] + '」']; }));
    if(n.more_indicators){ box.appendChild(el('div', '… ' + n.more_indicators + ' more indicators (kg query indicators)')); }
    var rels = data.edges.filter(function(e){ return (e.from === id || e.to === id) && e.rel !== 'mentionedIn'; }).map(function(e){
      var out = e.from === id, other = byId[out ? e.to : e.from];
      return [(out ? '→ ' : '← ') + data.rel_zh[e.rel] + ' ' + e.rel + ': ', el('b', other.label), ' (' + other.group + ')'];
    });
    section(box, '关系 / relations', rels);
    if(n.group === 'Report'){
      var named = data.edges.filter(function(e){ return e.to === id && e.rel === 'mentionedIn'; }).length;
      box.appendChild(el('div', '提及 ' + named + ' 个实体 / names ' + named + ' entities in this view'));
    } else {
      section(box, '报告 / reports', n.reports.map(function(r){ return [r]; }));
    }
    box.style.display = 'block';
  }
  window.kgPanel = panel;
  document.getElementById('go').addEventListener('click', find);
  document.getElementById('q').addEventListener('keydown', function(e){ if(e.key === 'Enter'){ find(); } });
  network.on('click', function(p){
    if(p.nodes.length){ highlight(p.nodes[0]); panel(p.nodes[0]); }
    else { nodes.update(data.nodes.map(function(n){ return {id:n.id, opacity:1}; }));
           document.getElementById('panel').style.display = 'none'; }
  });
})();
"""
