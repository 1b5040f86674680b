"""SHACL validation of the built graph inside the query engine.

pyshacl walks an rdflib graph, and parsing the whole graph into rdflib cost
three quarters of a build.  The build already loads its graph into Oxigraph, a
SPARQL engine made for graphs of this size, so the shapes of
``ontology/shapes.ttl`` are translated into SPARQL queries (one per constraint,
as SHACL's own SPARQL-based constraints are defined) and run there.  Only the
SHACL Core constraints the shapes use are translated; a shape using another
one is refused when the shapes are read, so the translation cannot silently
check less than the shapes say.  The tests compare the result with pyshacl's on
the samples and on graphs broken on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_INSTANCE = f"<{RDF_TYPE}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
_NODE_KEYS = {"targetClass", "targetSubjectsOf", "property", "class"}
_PROPERTY_KEYS = {"path", "minCount", "maxCount", "datatype", "languageIn", "class", "hasValue", "minInclusive",
                  "message"}


class ShapesError(ValueError):
    """The shapes use SHACL this module does not translate."""


@dataclass(frozen=True)
class Violation:
    shape: str
    focus: str
    constraint: str
    message: str


def _term(t) -> str:
    """A pyoxigraph term in SPARQL syntax."""
    return str(t)


def _objects(store: ox.Store, s, p: str) -> list:
    return [q.object for q in store.quads_for_pattern(s, ox.NamedNode(SH + p), None, None)]


def _list(store: ox.Store, head) -> list:
    first, rest = ox.NamedNode(RDF_TYPE[:-4] + "first"), ox.NamedNode(RDF_TYPE[:-4] + "rest")
    out = []
    while head != ox.NamedNode(RDF_TYPE[:-4] + "nil"):
        out.append(next(store.quads_for_pattern(head, first, None, None)).object)
        head = next(store.quads_for_pattern(head, rest, None, None)).object
    return out


@cache
def compiled(shapes_path: Path = SHAPES) -> tuple[tuple[str, str, str, str], ...]:
    """(shape, constraint, message, SPARQL query selecting ?f [?v] per violation) for every constraint."""
    sg = ox.Store()
    sg.load(path=str(shapes_path), format=ox.RdfFormat.TURTLE)
    out = []
    node_shapes = sorted({q.subject for q in sg.quads_for_pattern(None, ox.NamedNode(RDF_TYPE),
                                                                   ox.NamedNode(SH + "NodeShape"), None)}, key=str)
    for shape in node_shapes:
        keys = {str(q.predicate.value)[len(SH):] for q in sg.quads_for_pattern(shape, None, None, None)
                if str(q.predicate.value).startswith(SH)}
        if keys - _NODE_KEYS:
            raise ShapesError(f"{shapes_path}: {shape}: unsupported SHACL {sorted(keys - _NODE_KEYS)}")
        targets = [f"{{ ?f {_INSTANCE} {_term(c)} }}" for c in _objects(sg, shape, "targetClass")]
        targets += [f"{{ SELECT DISTINCT ?f WHERE {{ ?f {_term(p)} ?_t }} }}" for p in _objects(sg, shape, "targetSubjectsOf")]
        if not targets:
            raise ShapesError(f"{shapes_path}: {shape}: no target")
        target = " UNION ".join(targets)
        name = shape.value
        for c in _objects(sg, shape, "class"):
            out.append((name, "class", f"not a {c.value}",
                        f"SELECT DISTINCT ?f WHERE {{ {target} FILTER NOT EXISTS {{ ?f {_INSTANCE} {_term(c)} }} }}"))
        for prop in _objects(sg, shape, "property"):
            pkeys = {str(q.predicate.value)[len(SH):] for q in sg.quads_for_pattern(prop, None, None, None)
                     if str(q.predicate.value).startswith(SH)}
            if pkeys - _PROPERTY_KEYS:
                raise ShapesError(f"{shapes_path}: {shape}: unsupported SHACL {sorted(pkeys - _PROPERTY_KEYS)}")
            (path,) = _objects(sg, prop, "path")
            if not isinstance(path, ox.NamedNode):
                raise ShapesError(f"{shapes_path}: {shape}: only predicate paths are supported")
            p = _term(path)
            msgs = _objects(sg, prop, "message")
            msg = msgs[0].value if msgs else f"{path.value}"
            focus = f"{{ SELECT DISTINCT ?f WHERE {{ {target} }} }}"
            lo = [int(n.value) for n in _objects(sg, prop, "minCount")]
            hi = [int(n.value) for n in _objects(sg, prop, "maxCount")]
            if lo or hi:  # one pass over the focus nodes for both counts; the row's ?n says which was broken
                count = "COUNT(DISTINCT ?v)"
                having = " || ".join([f"{count} < {n}" for n in lo[:1]] + [f"{count} > {n}" for n in hi[:1]])
                out.append((name, f"count:{lo[0] if lo else 0}", msg, f"SELECT ?f ({count} AS ?n) WHERE {{ {focus} "
                            f"OPTIONAL {{ ?f {p} ?v }} }} GROUP BY ?f HAVING ({having})"))
            values = f"SELECT DISTINCT ?f ?v WHERE {{ {focus} ?f {p} ?v"
            for d in _objects(sg, prop, "datatype"):
                out.append((name, "datatype", msg, f"{values} FILTER(!isLiteral(?v) || datatype(?v) != {_term(d)}) }}"))
            for head in _objects(sg, prop, "languageIn"):
                langs = " || ".join(f'langMatches(lang(?v), "{lit.value}")' for lit in _list(sg, head))
                out.append((name, "languageIn", msg, f"{values} FILTER(!isLiteral(?v) || !({langs})) }}"))
            for c in _objects(sg, prop, "class"):
                out.append((name, "class", msg, f"{values} FILTER NOT EXISTS {{ ?v {_INSTANCE} {_term(c)} }} }}"))
            for v in _objects(sg, prop, "hasValue"):
                out.append((name, "hasValue", msg, f"SELECT ?f WHERE {{ {focus} FILTER NOT EXISTS {{ ?f {p} {_term(v)} }} }}"))
            for v in _objects(sg, prop, "minInclusive"):
                out.append((name, "minInclusive", msg, f"{values} FILTER(!(?v >= {_term(v)})) }}"))
    return tuple(out)


def validate_store(store: ox.Store, shapes_path: Path = SHAPES) -> list[Violation]:
    """Every violation of the shapes in ``store``'s default graph, in a stable order."""
    found = []
    for shape, constraint, message, query in compiled(shapes_path):
        for row in store.query(query):
            kind = constraint
            if constraint.startswith("count:"):
                kind = "minCount" if int(row["n"].value) < int(constraint[6:]) else "maxCount"
            found.append(Violation(shape, str(row["f"]), kind, message))
    return sorted(found, key=lambda v: (v.shape, v.constraint, v.focus))


def validate_file(ttl: Path, shapes_path: Path = SHAPES) -> list[Violation]:
    """Load a Turtle file into an in-memory store and validate it."""
    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return validate_store(store, shapes_path)
