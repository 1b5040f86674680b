"""`kg export`: the graph in the formats analysts' tools read.

GraphML and GEXF (Gephi, yEd, networkx) hold the entities and their contract
relations with label, type, colour and the network scores as attributes; CSV
(UTF-8 with BOM, so Excel reads the Chinese) is ``entities.csv`` and
``relations.csv`` with each relation's report and sentence; N-Triples and
JSON-LD are the whole graph for other triple stores.  Every format is written
in a fixed order: the same build exports byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .analytics import from_store, scores
from .vocab import STYLE

FORMATS = ("graphml", "gexf", "csv", "nt", "jsonld")
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "nt": ".nt", "jsonld": ".jsonld"}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def annotated(store: ox.Store) -> nx.MultiDiGraph:
    """The entity graph with flat attributes every graph tool accepts (no lists, no None)."""
    g = from_store(store)
    sc = scores(g)
    reports, mentions = _mentions(store)
    for n, d in g.nodes(data=True):
        s = sc[n]
        colour = STYLE[d["type"]][0]
        d.update(aliases="|".join(d["aliases"]), color=colour, degree=s.degree, betweenness=s.betweenness,
                 community=s.community, component=s.component, reports="|".join(reports.get(n, [])),
                 mentions=mentions.get(n, 0))
    for _s, _o, d in g.edges(data=True):
        d["label"] = d["relation"]
    return g


def _mentions(store: ox.Store) -> tuple[dict[str, list[str]], dict[str, int]]:
    from .query import prefixes

    reports: dict[str, list[str]] = {}
    for row in store.query("SELECT ?e ?r WHERE { ?e kgo:mentionedIn ?r } ORDER BY ?e ?r", prefixes=prefixes()):
        reports.setdefault(row["e"].value, []).append(row["r"].value.rsplit("/", 1)[-1])
    mentions = {row["e"].value: int(row["n"].value) for row in store.query(
        "SELECT ?e (COUNT(?m) AS ?n) WHERE { ?m kgo:mentionOf ?e } GROUP BY ?e", prefixes=prefixes())}
    return reports, mentions


def graphml(store: ox.Store) -> bytes:
    buf = io.BytesIO()
    nx.write_graphml(annotated(store), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def gexf(store: ox.Store) -> bytes:
    """GEXF 1.2 with Gephi's viz colours; without the writer's date, so it is reproducible."""
    from networkx.readwrite.gexf import GEXFWriter

    g = annotated(store)
    for _n, d in g.nodes(data=True):
        c = d["color"]
        d["viz"] = {"color": {"r": int(c[1:3], 16), "g": int(c[3:5], 16), "b": int(c[5:7], 16), "a": 1.0}}
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(g)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _csv(header: list[str], rows: Iterable[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


RELATIONS_CSV_QUERY = """SELECT ?s ?p ?o ?sl ?ol ?r ?text WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?r .
  ?s rdfs:label ?sl . ?o rdfs:label ?ol .
  OPTIONAL { ?st kgo:evidence/kgo:text ?text }
}"""


def csv_files(store: ox.Store) -> dict[str, bytes]:
    """entities.csv and relations.csv (one row per relation statement, with its evidence)."""
    from .query import prefixes

    g = annotated(store)
    ents = _csv(["id", "type", "label", "aliases", "reports", "mentions", "degree", "community"],
                ([n, d["type"], d["label"], d["aliases"], d["reports"], d["mentions"], d["degree"], d["community"]]
                 for n, d in g.nodes(data=True)))
    kgo = prefixes()["kgo"]
    rows = sorted(
        [r["s"].value, r["p"].value.removeprefix(kgo), r["o"].value, r["r"].value.rsplit("/", 1)[-1],
         r["text"].value if r["text"] is not None else "", r["sl"].value, r["ol"].value]
        for r in store.query(RELATIONS_CSV_QUERY, prefixes=prefixes()))
    rels = _csv(["source", "relation", "target", "report", "sentence", "source_label", "target_label"], rows)
    return {"entities.csv": ents, "relations.csv": rels}


def _nt_term(t) -> str:
    return str(t)  # pyoxigraph prints terms in N-Triples syntax


def ntriples(store: ox.Store) -> bytes:
    """The whole graph as N-Triples, lines sorted."""
    lines = sorted(f"{_nt_term(q.subject)} {_nt_term(q.predicate)} {_nt_term(q.object)} .\n"
                   for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return "".join(lines).encode("utf-8")


def _jsonld_object(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"@id": t.value}
    if isinstance(t, ox.BlankNode):
        return {"@id": f"_:{t.value}"}
    if t.language:
        return {"@value": t.value, "@language": t.language}
    if t.datatype.value != XSD_STRING:
        return {"@value": t.value, "@type": t.datatype.value}
    return {"@value": t.value}


def jsonld(store: ox.Store) -> bytes:
    """The whole graph as flattened JSON-LD (full IRIs, one object per subject, sorted)."""
    subjects: dict[str, dict[str, list]] = {}
    for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        s = q.subject.value if isinstance(q.subject, ox.NamedNode) else f"_:{q.subject.value}"
        props = subjects.setdefault(s, {})
        if q.predicate.value == RDF_TYPE and not isinstance(q.object, ox.Literal):
            props.setdefault("@type", []).append(_jsonld_object(q.object)["@id"])
        else:
            props.setdefault(q.predicate.value, []).append(_jsonld_object(q.object))
    graph = []
    for s in sorted(subjects):
        node: dict = {"@id": s}
        for p in sorted(subjects[s]):
            node[p] = sorted(subjects[s][p], key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        graph.append(node)
    return (json.dumps({"@graph": graph}, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def export(store: ox.Store, fmt: str) -> dict[str, bytes]:
    """File name -> content of an export in ``fmt`` (csv gives two files)."""
    if fmt == "csv":
        return csv_files(store)
    body = {"graphml": graphml, "gexf": gexf, "nt": ntriples, "jsonld": jsonld}[fmt](store)
    return {f"graph{SUFFIX[fmt]}": body}


def write(out_dir: Path, fmt: str, target: Path | None = None) -> list[Path]:
    """Export the build in ``out_dir``: to ``target`` (a file; a folder for csv),
    by default OUT/export/; returns the files written."""
    from .files import atomic_write
    from .store import open_store

    files = export(open_store(out_dir), fmt)
    if fmt == "csv" or target is None:
        folder = target if target is not None else out_dir / "export"
        paths = [folder / name for name in files]
    else:
        paths = [target]
    for path, body in zip(paths, files.values(), strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, body)
    return paths
