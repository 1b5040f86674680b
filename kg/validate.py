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

The build validates in the query store it keeps (:mod:`kg.store`); on a
rebuild only the nodes it marks (those of the changed reports and the entity
nodes) are checked, against the whole graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
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


@dataclass(frozen=True)
class _Check:
    """One query's worth of a shape: ``kind`` is "class" (the focus node's own
    class), "count" (min/max counts of every counted property at once), or a
    value constraint ("datatype", "languageIn", "class", "hasValue",
    "minInclusive") on ``path``; ``arg`` its SPARQL operand(s)."""

    shape: str
    targets: tuple[tuple[str, str], ...]  # ("class", IRI) or ("subjectsOf", IRI)
    kind: str
    message: str
    path: str = ""
    arg: str = ""
    counts: tuple[tuple[str, int | None, int | None, str], ...] = ()  # (path, min, max, message)


@cache
def compiled(shapes_path: Path = SHAPES) -> tuple[_Check, ...]:
    """Every constraint of the shapes, checked for translatability (a shape using
    SHACL this module does not translate raises :class:`ShapesError`)."""
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
        targets = tuple([("class", _term(c)) for c in _objects(sg, shape, "targetClass")]
                        + [("subjectsOf", _term(p)) for p in _objects(sg, shape, "targetSubjectsOf")])
        if not targets:
            raise ShapesError(f"{shapes_path}: {shape}: no target")
        name = shape.value
        for c in _objects(sg, shape, "class"):
            out.append(_Check(name, targets, "class", f"not a {c.value}", arg=_term(c)))
        counts = []
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
            lo = [int(n.value) for n in _objects(sg, prop, "minCount")]
            hi = [int(n.value) for n in _objects(sg, prop, "maxCount")]
            if lo or hi:
                counts.append((p, lo[0] if lo else None, hi[0] if hi else None, msg))
            for d in _objects(sg, prop, "datatype"):
                out.append(_Check(name, targets, "datatype", msg, p, f"FILTER(!isLiteral(?v) || datatype(?v) != {_term(d)})"))
            for head in _objects(sg, prop, "languageIn"):
                langs = " || ".join(f'langMatches(lang(?v), "{lit.value}")' for lit in _list(sg, head))
                out.append(_Check(name, targets, "languageIn", msg, p, f"FILTER(!isLiteral(?v) || !({langs}))"))
            for c in _objects(sg, prop, "class"):
                out.append(_Check(name, targets, "class", msg, p, _term(c)))
            for v in _objects(sg, prop, "hasValue"):
                out.append(_Check(name, targets, "hasValue", msg, p, _term(v)))
            for v in _objects(sg, prop, "minInclusive"):
                out.append(_Check(name, targets, "minInclusive", msg, p, f"FILTER(!(?v >= {_term(v)}))"))
        if counts:
            out.append(_Check(name, targets, "count", "", counts=tuple(counts)))
    return tuple(out)


class _Closures:
    """SHACL's instance test (``rdf:type/rdfs:subClassOf*``) with the subclasses
    looked up once per class in the data graph: the property path evaluated
    from every typed node was half the time of the constraint queries."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.known: dict[str, list[str]] = {}

    def classes(self, c: str) -> list[str]:
        if c not in self.known:
            rows = self.store.query(f"SELECT DISTINCT ?t WHERE {{ ?t <{RDFS_SUBCLASS}>* {c} }}")
            self.known[c] = sorted({c, *(_term(r["t"]) for r in rows)})
        return self.known[c]

    def instance(self, var: str, c: str) -> str:
        """A pattern true when ``var`` is an instance of ``c``."""
        cs = self.classes(c)
        if len(cs) == 1:
            return f"{var} <{RDF_TYPE}> {cs[0]} ."
        return f"VALUES ?_c {{ {' '.join(cs)} }} {var} <{RDF_TYPE}> ?_c ."


def _target(check: _Check, closures: _Closures, restrict: str) -> str:
    """The pattern binding ?f to the shape's focus nodes (among the marked ones
    when ``restrict``); a node may come more than once, the queries allow it.
    The target classes and their subclasses are one VALUES: one pass over the
    marked nodes, not one per class."""
    parts = []
    classes = sorted({c for kind, iri in check.targets if kind == "class" for c in closures.classes(iri)})
    if len(classes) == 1:
        parts.append(f"{{ {restrict} ?f <{RDF_TYPE}> {classes[0]} . }}")
    elif classes:
        parts.append(f"{{ {restrict} VALUES ?_t {{ {' '.join(classes)} }} ?f <{RDF_TYPE}> ?_t . }}")
    for kind, iri in check.targets:
        if kind == "subjectsOf":
            parts.append(f"{{ SELECT DISTINCT ?f WHERE {{ {restrict} ?f {iri} ?_o }} }}")
    return " UNION ".join(parts)


def _query(check: _Check, closures: _Closures, target: str, whole: bool = False) -> str:
    """The SPARQL selecting ?f (and ?v, or the counts) of every violation of
    ``check`` among the focus nodes bound by the pattern ``target``.  With
    ``whole`` (every focus node of the graph), a value constraint first scans
    the property's triples for bad values and joins the few it finds with the
    target, 3-6x faster on disk than looking up each focus node's values."""
    if check.kind == "count":
        # every counted property in one pass over the (marked) focus nodes; rows
        # multiply only where a node has several values, COUNT(DISTINCT) ignores that
        cols = " ".join(f"(COUNT(DISTINCT ?v{i}) AS ?n{i})" for i in range(len(check.counts)))
        opts = " ".join(f"OPTIONAL {{ ?f {p} ?v{i} }}" for i, (p, *_rest) in enumerate(check.counts))
        broken = " || ".join(c for i, (_p, lo, hi, _m) in enumerate(check.counts)
                             for c in ([f"COUNT(DISTINCT ?v{i}) < {lo}"] if lo is not None else [])
                             + ([f"COUNT(DISTINCT ?v{i}) > {hi}"] if hi is not None else []))
        return f"SELECT ?f {cols} WHERE {{ {target} {opts} }} GROUP BY ?f HAVING ({broken})"
    if check.kind == "class" and not check.path:
        return f"SELECT DISTINCT ?f WHERE {{ {{ {target} }} MINUS {{ {closures.instance('?f', check.arg)} }} }}"
    if check.kind == "hasValue":
        return f"SELECT DISTINCT ?f WHERE {{ {target} FILTER NOT EXISTS {{ ?f {check.path} {check.arg} }} }}"
    # sh:class on values: MINUS, a hash anti-join, not a lookup per value
    untyped = f"MINUS {{ {closures.instance('?v', check.arg)} }}" if check.kind == "class" else ""
    if whole:
        bad = f"{{ ?f {check.path} ?v }} {untyped}" if check.kind == "class" else f"?f {check.path} ?v {check.arg}"
        return f"SELECT DISTINCT ?f ?v WHERE {{ {{ SELECT ?f ?v WHERE {{ {bad} }} }} {target} }}"
    if check.kind == "class":
        return f"SELECT DISTINCT ?f ?v WHERE {{ {{ {target} ?f {check.path} ?v }} {untyped} }}"
    return f"SELECT DISTINCT ?f ?v WHERE {{ {target} ?f {check.path} ?v {check.arg} }}"


FOCUS_GRAPH = "urn:kg:validate:focus"  # where validate_store(only_marked=True) finds the nodes to check


def mark_focus(store: ox.Store, nodes) -> None:
    """Mark ``nodes`` (pyoxigraph terms) as the focus candidates of the next
    ``validate_store(store, only_marked=True)``, in a named graph of their own
    (queries on the default graph do not see it); :func:`unmark` removes it."""
    g, m = ox.NamedNode(FOCUS_GRAPH), ox.NamedNode(FOCUS_GRAPH)
    store.extend(ox.Quad(n, m, m, g) for n in nodes)


def unmark(store: ox.Store) -> None:
    store.remove_graph(ox.NamedNode(FOCUS_GRAPH))


def validate_store(store: ox.Store, shapes_path: Path = SHAPES, only_marked: bool = False) -> list[Violation]:
    """Every violation of the shapes in ``store``'s default graph, in a stable
    order; with ``only_marked``, those of the nodes :func:`mark_focus` marked
    (the rest of the graph is still read, for the values' classes and counts).

    With marked nodes, each shape's focus nodes among them are looked up once
    and marked apart, so its constraint queries walk those alone (a one-report
    rebuild marks a few thousand nodes, a few hundred per shape)."""
    closures = _Closures(store)
    restrict = f"GRAPH <{FOCUS_GRAPH}> {{ ?f <{FOCUS_GRAPH}> <{FOCUS_GRAPH}> }}" if only_marked else ""
    found = []
    by_shape: dict[str, list[_Check]] = {}
    for check in compiled(shapes_path):
        by_shape.setdefault(check.shape, []).append(check)
    types: dict[str, list] = {}  # class -> the marked nodes typed with it, looked up in one pass
    if only_marked:
        for r in store.query(f"SELECT ?f ?t WHERE {{ {restrict} ?f <{RDF_TYPE}> ?t }}"):
            types.setdefault(str(r["t"]), []).append(r["f"])
    for i, checks in enumerate(by_shape.values()):
        target = _target(checks[0], closures, restrict)
        own = None
        if only_marked:
            nodes = {n for kind, iri in checks[0].targets if kind == "class" for c in closures.classes(iri)
                     for n in types.get(c, ())}
            for kind, iri in checks[0].targets:
                if kind == "subjectsOf":
                    nodes.update(r["f"] for r in store.query(f"SELECT DISTINCT ?f WHERE {{ {restrict} ?f {iri} ?_o }}"))
            if not nodes:
                continue
            own = ox.NamedNode(f"{FOCUS_GRAPH}/{i}")
            store.extend(ox.Quad(n, own, own, own) for n in nodes)
            target = f"GRAPH {own} {{ ?f {own} {own} }}"
        try:
            for check in checks:
                screens = _screens(check, target) if own is None else None
                if screens is None:
                    _run(store, check, _query(check, closures, target, whole=own is None), found)
                    continue
                flagged = {r["f"] for q in screens for r in store.query(q)}
                if flagged:  # the precise count query, on the flagged nodes alone
                    mark = ox.NamedNode(f"{FOCUS_GRAPH}/flagged/{i}")
                    store.extend(ox.Quad(n, mark, mark, mark) for n in flagged)
                    try:
                        _run(store, check, _query(check, closures, f"GRAPH {mark} {{ ?f {mark} {mark} }}"), found)
                    finally:
                        store.remove_graph(mark)
        finally:
            if own is not None:
                store.remove_graph(own)
    return sorted(found, key=lambda v: (v.shape, v.constraint, v.focus, v.message))


def _screens(check: _Check, target: str) -> list[str] | None:
    """Queries flagging every focus node that may break ``check``'s counts, each
    one scan of the nodes' own triples (grouped), which is several times cheaper
    on disk than a lookup per node and property; None where the screen would
    not be exact (a target other than classes, a minimum above 1, rdf:type
    counted).  A node missing a required property has fewer distinct
    properties than required (its rdf:type counts as one); a node with too many
    values of a property has two values of one property at least."""
    if check.kind != "count" or any(kind != "class" for kind, _ in check.targets):
        return None
    if any(lo not in (None, 1) or p == f"<{RDF_TYPE}>" for p, lo, _hi, _m in check.counts):
        return None
    need = [p for p, lo, _hi, _m in check.counts if lo == 1]
    most = [p for p, _lo, hi, _m in check.counts if hi is not None]
    if need and set(need) == set(most):  # one scan for both: a second value shows as more rows than properties
        preds = ", ".join([f"<{RDF_TYPE}>", *need])
        return [f"SELECT ?f WHERE {{ {target} ?f ?p ?v FILTER(?p IN ({preds})) }} "
                f"GROUP BY ?f HAVING (COUNT(DISTINCT ?p) < {len(need) + 1} || COUNT(*) > COUNT(DISTINCT ?p))"]
    out = []
    if need:
        preds = ", ".join([f"<{RDF_TYPE}>", *need])
        out.append(f"SELECT ?f WHERE {{ {target} ?f ?p ?v FILTER(?p IN ({preds})) }} "
                   f"GROUP BY ?f HAVING (COUNT(DISTINCT ?p) < {len(need) + 1})")
    if most:
        out.append(f"SELECT ?f WHERE {{ {target} ?f ?p ?v FILTER(?p IN ({', '.join(most)})) }} "
                   f"GROUP BY ?f ?p HAVING (COUNT(DISTINCT ?v) > 1)")
    return out


def _run(store: ox.Store, check: _Check, query: str, found: list[Violation]) -> None:
    for row in store.query(query):
        focus = str(row["f"])
        if check.kind != "count":
            found.append(Violation(check.shape, focus, check.kind, check.message))
            continue
        for i, (_p, lo, hi, msg) in enumerate(check.counts):
            n = int(row[f"n{i}"].value)
            if lo is not None and n < lo:
                found.append(Violation(check.shape, focus, "minCount", msg))
            elif hi is not None and n > hi:
                found.append(Violation(check.shape, focus, "maxCount", msg))


def validate_file(ttl: Path, shapes_path: Path = SHAPES) -> list[Violation]:
    """Load a Turtle file into an in-memory store and validate it."""
    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return validate_store(store, shapes_path)
