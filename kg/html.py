"""Offline interactive HTML view of the graph (pyvis's vis-network, own template).

The vis-network script and styles shipped with pyvis are inlined, so the page
fetches nothing.  Report text is untrusted: it only reaches the page as JSON
inside a script block (with ``</`` escaped) and is shown as text, never HTML.
"""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path

from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from .namespaces import KGO
from .vocab import ENTITY_TYPES, RELATIONS, STYLE

REL_ZH = {"participatesIn": "参与", "undertakes": "承担", "cooperatesWith": "合作", "acquiredBy": "被收购",
          "issuedBy": "发布机构", "locatedIn": "位于", "partOf": "隶属"}


def _vis_assets() -> tuple[str, str]:
    """vis-network as pyvis ships it (found without importing pyvis)."""
    spec = importlib.util.find_spec("pyvis")
    base = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"
    return (base / "vis-network.min.js").read_text(encoding="utf-8"), (base / "vis-network.css").read_text(encoding="utf-8")


def graph_data(g) -> tuple[list[dict], list[dict]]:
    """Nodes (entities) and edges (contract relations) of a graph read from Turtle."""
    mentions: dict = defaultdict(int)
    first: dict = {}
    for m in g.subjects(RDF.type, KGO.Mention):
        ent = g.value(m, KGO.mentionOf)
        mentions[ent] += 1
        sent = g.value(m, KGO.inSentence)
        if sent is not None:
            doc = str(g.value(m, KGO.inDocument))
            key = (doc, int(g.value(m, KGO.startOffset)))
            if ent not in first or key < first[ent][0]:
                first[ent] = (key, doc.rsplit("/", 1)[-1], str(g.value(sent, KGO.text)))
    entities = []
    seen = set()
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, KGO[t]):
            if s in seen:
                continue
            seen.add(s)
            fs = first.get(s)
            entities.append((s, t, str(g.value(s, RDFS.label)), sorted(str(a) for a in g.objects(s, SKOS.altLabel)),
                             len(set(g.objects(s, KGO.mentionedIn))), mentions[s], (fs[1], fs[2]) if fs else None))
    edges = [(s, rel, o) for rel in (*RELATIONS, "partOf") for s, o in g.subject_objects(KGO[rel])]
    return view_from(entities, edges)


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True).replace("</", "<\\/").replace("<!--", "<\\!--")


def view_from(entities: list[tuple], edges: list[tuple]) -> tuple[list[dict], list[dict]]:
    """View nodes and edges from (iri, type, label, aliases, reports, mentions,
    (doc, first sentence)) entity tuples and (iri, relation, iri) edges."""
    nodes = []
    ids = {}
    for i, (s, t, label, aliases, reports, n_mentions, fs) in enumerate(sorted(entities, key=lambda e: str(e[0]))):
        ids[s] = i
        title = "\n".join(
            [f"{STYLE[t][2]} ({t})", label]
            + ([f"别名: {'、'.join(aliases)}"] if aliases else [])
            + [f"提及: {n_mentions} 次, {reports} 份报告"]
            + ([f"[{fs[0]}] {fs[1][:160]}"] if fs else [])
        )
        nodes.append({"id": i, "label": label, "group": t, "title": title, "aliases": aliases,
                      "mentions": n_mentions, "color": STYLE[t][0], "shape": STYLE[t][1]})
    out_edges = [{"from": ids[s], "to": ids[o], "title": f"{REL_ZH[rel]} / {rel}", "rel": rel}
                 for s, rel, o in edges if s in ids and o in ids]
    degree: dict = defaultdict(int)
    for e in out_edges:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    for n in nodes:
        n["value"] = 1 + n["mentions"] + 2 * degree[n["id"]]
    out_edges.sort(key=lambda e: (e["from"], e["to"], e["rel"]))
    return nodes, out_edges


def select(nodes: list[dict], edges: list[dict], *, focus: str | None = None, hops: int = 2,
           types: list[str] | None = None, limit: int = 2000) -> tuple[list[dict], list[dict], str]:
    """The part of the graph a view shows, and a warning when it had to cut."""
    warning = ""
    keep = {n["id"] for n in nodes if not types or n["group"] in types}
    if focus:
        start = {n["id"] for n in nodes if n["id"] in keep and (n["label"] == focus or focus in n["aliases"])}
        if not start:
            start = {n["id"] for n in nodes if n["id"] in keep and focus in n["label"]}
        if not start:
            raise ValueError(f"no entity named {focus!r}")
        adj: dict[int, set[int]] = defaultdict(set)
        for e in edges:
            if e["from"] in keep and e["to"] in keep:
                adj[e["from"]].add(e["to"])
                adj[e["to"]].add(e["from"])
        seen, frontier = set(start), set(start)
        for _ in range(hops):
            frontier = {m for n in frontier for m in adj[n]} - seen
            seen |= frontier
        keep = seen
    if len(keep) > limit:
        ranked = sorted((n for n in nodes if n["id"] in keep), key=lambda n: (-n["value"], n["id"]))
        keep = {n["id"] for n in ranked[:limit]}
        warning = (f"图过大: 共 {len(ranked)} 个节点, 只显示连接最多的 {limit} 个 / "
                   f"graph too large: showing the {limit} most connected of {len(ranked)} nodes (kg viz --focus narrows it)")
    return ([n for n in nodes if n["id"] in keep], [e for e in edges if e["from"] in keep and e["to"] in keep], warning)


def render_html(g=None, title: str = "kg — 工信报告知识图谱", *, view: tuple[list[dict], list[dict]] | None = None,
                focus: str | None = None, hops: int = 2, types: list[str] | None = None, limit: int = 2000) -> str:
    """The page for a graph ``g`` (rdflib-like) or a precomputed ``view``."""
    nodes, edges, warning = select(*(view if view is not None else graph_data(g)), focus=focus, hops=hops,
                                   types=types, limit=limit)
    js, css = _vis_assets()
    legend = "".join(
        f'<label><input type="checkbox" class="tf" value="{t}" checked>'
        f'<span class="sw" style="background:{c}"></span>{zh} {t}</label>'
        for t, (c, _shape, zh) in STYLE.items()
    )
    data = {"nodes": nodes, "edges": edges, "warning": warning}
    return TEMPLATE.replace("%%TITLE%%", title).replace("%%CSS%%", css).replace("%%JS%%", js.replace("</script", "<\\/script")) \
        .replace("%%LEGEND%%", legend).replace("%%DATA%%", _json(data)).replace("%%COUNT%%", str(len(nodes)))


TEMPLATE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>%%TITLE%%</title>
<style>%%CSS%%</style>
<style>
html,body{margin:0;height:100%;font-family:sans-serif}
#bar{position:absolute;top:0;left:0;right:0;padding:6px;background:#f7f7f7;border-bottom:1px solid #ccc;z-index:2;font-size:13px}
#bar label{margin-right:8px;white-space:nowrap}
.sw{display:inline-block;width:10px;height:10px;margin:0 3px;border-radius:2px}
#net{position:absolute;top:64px;bottom:0;left:0;right:0}
#msg,#warn{color:#a00;margin-left:8px}
</style></head>
<body>
<div id="bar"><input id="q" placeholder="搜索名称 / search" size="24"> <button id="go">查找</button>
<span id="msg"></span> <span id="count">%%COUNT%% nodes</span> <span id="warn"></span><div id="legend">%%LEGEND%%</div></div>
<div id="net"></div>
<script>%%JS%%</script>
<script id="data" type="application/json">%%DATA%%</script>
<script>
(function(){
  var data = JSON.parse(document.getElementById('data').textContent);
  document.getElementById('warn').textContent = data.warning || '';
  var nodes = new vis.DataSet(data.nodes.map(function(n){
    return {id:n.id,label:n.label,title:n.title,color:n.color,shape:n.shape,value:n.value,kind:n.group,
            font:{size:14}};}));
  var edges = new vis.DataSet(data.edges.map(function(e,i){
    return {id:i,from:e.from,to:e.to,title:e.title,arrows:'to',color:{color:'#999'}};}));
  var shown = {};
  var view = new vis.DataView(nodes,{filter:function(n){return shown[n.kind]!==false;}});
  var network = new vis.Network(document.getElementById('net'), {nodes:view, edges:edges}, {
    nodes:{scaling:{min:8,max:40}},
    layout:{improvedLayout: data.nodes.length < 500},
    physics:{stabilization:{iterations:300, updateInterval:50}, barnesHut:{gravitationalConstant:-8000, springLength:120}},
    interaction:{hover:true, tooltipDelay:120}});
  network.once('stabilizationIterationsDone', function(){ network.setOptions({physics:false}); window.kgStable = true; });
  window.kgNetwork = network; window.kgData = data;
  document.querySelectorAll('.tf').forEach(function(cb){
    cb.addEventListener('change', function(){ shown[cb.value] = cb.checked; view.refresh(); });});
  function find(){
    var q = document.getElementById('q').value.trim(); var msg = document.getElementById('msg');
    if(!q){return;}
    var hit = data.nodes.find(function(n){return n.label===q || n.aliases.indexOf(q)>=0;}) ||
              data.nodes.find(function(n){return n.label.indexOf(q)>=0 || n.aliases.some(function(a){return a.indexOf(q)>=0;});});
    if(!hit){ msg.textContent = '未找到 / not found'; return; }
    msg.textContent = '';
    network.selectNodes([hit.id]); network.focus(hit.id, {scale:1.2, animation:false});
    highlight(hit.id);
  }
  function highlight(id){
    var near = new Set(network.getConnectedNodes(id)); near.add(id);
    nodes.update(data.nodes.map(function(n){ return {id:n.id, opacity: near.has(n.id) ? 1 : 0.25}; }));
  }
  document.getElementById('go').addEventListener('click', find);
  document.getElementById('q').addEventListener('keydown', function(e){ if(e.key==='Enter'){find();} });
  network.on('click', function(p){
    if(p.nodes.length){ highlight(p.nodes[0]); }
    else { nodes.update(data.nodes.map(function(n){ return {id:n.id, opacity:1}; })); }
  });
})();
</script>
</body></html>
"""
