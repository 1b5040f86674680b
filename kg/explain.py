"""`kg explain NAME`: everything the graph knows about one entity, with evidence."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from .namespaces import KGO
from .vocab import ENTITY_TYPES, RELATIONS


def find_entities(g: Graph, name: str) -> list[URIRef]:
    """Entities whose label or alias is ``name`` (exact), else contains it."""
    exact, partial = set(), set()
    for pred in (RDFS.label, SKOS.altLabel):
        for s, o in g.subject_objects(pred):
            if not any((s, RDF.type, KGO[t]) in g for t in ENTITY_TYPES):
                continue
            if str(o) == name:
                exact.add(s)
            elif name in str(o):
                partial.add(s)
    return sorted(exact or partial, key=str)


def _label(g: Graph, node) -> str:
    return str(g.value(node, RDFS.label) or node)


def explain(g: Graph, node: URIRef) -> str:
    lines = [f"{_label(g, node)}  <{node}>"]
    types = sorted(str(t).rsplit("#", 1)[-1] for t in g.objects(node, RDF.type))
    lines.append(f"  types: {', '.join(types)}")
    aliases = sorted(str(a) for a in g.objects(node, SKOS.altLabel))
    if aliases:
        lines.append(f"  aliases: {'、'.join(aliases)}")
    mentions = sorted(g.subjects(KGO.mentionOf, node), key=lambda m: (str(g.value(m, KGO.inDocument)), int(g.value(m, KGO.startOffset))))
    lines.append(f"  mentions: {len(mentions)}")
    for m in mentions:
        doc = str(g.value(m, KGO.inDocument)).rsplit("/", 1)[-1]
        sent = g.value(g.value(m, KGO.inSentence), KGO.text) if g.value(m, KGO.inSentence) else ""
        lines.append(f"    [{doc} {g.value(m, KGO.startOffset)}-{g.value(m, KGO.endOffset)}] {sent}")
    lines.append("  edges:")
    for rel in RELATIONS + ("partOf", "jurisdiction"):
        p = KGO[rel]
        for o in sorted(g.objects(node, p), key=str):
            lines.append(f"    -> {rel} {_label(g, o)}")
            lines.extend(_evidence(g, node, p, o))
        for s in sorted(g.subjects(p, node), key=str):
            lines.append(f"    <- {rel} {_label(g, s)}")
            lines.extend(_evidence(g, s, p, node))
    return "\n".join(lines) + "\n"


def _evidence(g: Graph, s, p, o) -> list[str]:
    out = []
    for st in g.subjects(RDF.subject, s):
        if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g:
            sent = g.value(st, KGO.evidence)
            if sent is not None:
                doc = str(g.value(sent, KGO.inDocument)).rsplit("/", 1)[-1]
                text = g.value(sent, KGO.text)
                out.append(f"       evidence [{doc}]: {text if isinstance(text, Literal) else ''}")
    return sorted(out)


_FIND = """SELECT DISTINCT ?name ?e WHERE {{
  VALUES ?t {{ {types} }} ?e a ?t ; rdfs:label|skos:altLabel ?l . FILTER({test}) }} ORDER BY ?e"""
_AROUND = (
    "CONSTRUCT {{ ?e ?p ?o }} WHERE {{ VALUES ?e {{ {e} }} ?e ?p ?o }}",
    "CONSTRUCT {{ ?s ?p ?e }} WHERE {{ VALUES ?e {{ {e} }} ?s ?p ?e }}",
    "CONSTRUCT {{ ?m ?p ?o . ?s kgo:text ?t }} WHERE {{ VALUES ?e {{ {e} }} ?m kgo:mentionOf ?e ; ?p ?o ."
    " OPTIONAL {{ ?m kgo:inSentence ?s . ?s kgo:text ?t }} }}",
    "CONSTRUCT {{ ?st ?p ?o . ?ev kgo:text ?t ; kgo:inDocument ?d }} WHERE {{ VALUES ?e {{ {e} }}"
    " {{ ?st rdf:subject ?e }} UNION {{ ?st rdf:object ?e }} ?st ?p ?o ."
    " OPTIONAL {{ ?st kgo:evidence ?ev . ?ev kgo:text ?t ; kgo:inDocument ?d }} }}",
    "CONSTRUCT {{ ?x rdfs:label ?l }} WHERE {{ VALUES ?e {{ {e} }} {{ ?e ?p ?x }} UNION {{ ?x ?p ?e }} ?x rdfs:label ?l }}",
)


def explain_from_store(store, name: str) -> list[str]:
    """What :func:`explain` says of every entity named ``name`` (exact, else
    containing it), reading only the triples around them from the query store
    instead of parsing the whole graph.  The name is bound, never pasted."""
    import pyoxigraph as ox

    from .query import prefixes

    types = " ".join(f"kgo:{t}" for t in ENTITY_TYPES)
    found: list[str] = []
    for test in ("STR(?l) = ?name", "CONTAINS(STR(?l), ?name)"):
        q = _FIND.format(types=types, test=test)
        found = sorted({r["e"].value for r in store.query(q, prefixes=prefixes(),
                                                          substitutions={ox.Variable("name"): ox.Literal(name)})})
        if found:
            break
    if not found:
        return []
    values = " ".join(str(ox.NamedNode(e)) for e in found)  # IRIs from the store, written in N-Triples syntax
    triples = set()
    for q in _AROUND:
        triples.update(store.query(q.format(e=values), prefixes=prefixes()))
    g = Graph().parse(data=ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                      format="nt")
    return [explain(g, URIRef(e)) for e in found]
