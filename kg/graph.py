"""Facts of many reports -> one RDF graph.

Entities named in several reports become one node: names are joined across
documents when they are equal (label or alias), and each node's IRI is derived
from its type and canonical label, so IRIs do not depend on the order in which
files are read.  Generic agency names (县经信局, 县委) are scoped by the region
the report is about, so two counties' bureaux stay two nodes.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from extractors.documents import DOC_NUMBER
from extractors.gazetteer import gazetteer

from .extract import DocFacts
from .namespaces import KGO, KGR, PREFIXES, QB, SCHEMA, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE
from .triples import TripleSet

ENTITY_TYPES = ("Enterprise", "GovernmentAgency", "Organization", "Region", "Program", "PolicyDocument",
                "Project", "Person", "Industry")
RELATIONS = ("participatesIn", "undertakes", "cooperatesWith", "acquiredBy", "issuedBy", "locatedIn")
_LEVEL_CHARS = "省市县区镇乡"
_IRI_UNSAFE = set(' <>"{}|\\^`#%?/[]')


def iri_part(s: str) -> str:
    """Readable IRI segment: Unicode kept, IRI-unsafe characters percent-encoded."""
    out = []
    for ch in s:
        if ch in _IRI_UNSAFE or ord(ch) < 0x21:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


_LEGAL_FORMS = ("有限公司", "有限责任公司", "股份公司", "集团公司")


def scope_of(type_: str, name: str, region: str | None) -> str:
    """The region a name is only unique within, or "" for names unique as they stand.

    Agencies named by level alone (县经信局) belong to the report's region; so do
    enterprises named without legal form or place (天鹅公司, 联丰公司): two reports
    from different counties may mean two different firms.  Full registered
    names (安徽文盛科技有限公司, 北京仁创集团) are one firm wherever they appear.
    """
    if not region or name.startswith(region):
        return ""
    if type_ == "GovernmentAgency" and name[:1] in _LEVEL_CHARS:
        return region
    if type_ == "Enterprise" and not name.endswith(_LEGAL_FORMS) and not _starts_with_place(name):
        return region
    return ""


def _starts_with_place(name: str) -> bool:
    gz = gazetteer()
    return any(name[:k] in gz.by_name or name[:k] in gz.by_short for k in range(2, min(8, len(name)) + 1)) \
        or name.startswith(("中国", "中华", "XX"))


@dataclass
class Node:
    type: str
    scope: str
    names: set[str] = field(default_factory=set)
    label: str = ""
    iri: URIRef | None = None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, x: tuple) -> tuple:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: tuple, b: tuple) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _resolve(docs: list[DocFacts]) -> dict[tuple[str, int], Node]:
    """(doc_id, entity index) -> the graph node it belongs to."""
    uf = _UnionFind()
    keys: dict[tuple[str, int], tuple] = {}
    for d in docs:
        for i, e in enumerate(d.entities):
            scope = scope_of(e.type, e.name, d.meta.region)
            k = (e.type, scope, e.name)
            keys[(d.doc_id, i)] = k
            uf.find(k)
            for a in e.aliases:
                if len(a) >= 3 and a != e.name:
                    uf.union(k, (e.type, scope_of(e.type, a, d.meta.region), a))
    groups: dict[tuple, Node] = {}
    for k in sorted(uf.parent):
        r = uf.find(k)
        node = groups.setdefault(r, Node(k[0], r[1]))
        node.names.add(k[2])
    for d in docs:
        for i, e in enumerate(d.entities):
            groups[uf.find(keys[(d.doc_id, i)])].names.update(e.aliases)
    for node in groups.values():
        node.label = sorted(node.names, key=lambda n: (-len(n), n))[0]
        local = f"{node.type}/{iri_part(node.scope)}/{iri_part(node.label)}" if node.scope else f"{node.type}/{iri_part(node.label)}"
        node.iri = KGR[local]
    return {dk: groups[uf.find(k)] for dk, k in keys.items()}


def _date(s: str | None) -> Literal | None:
    """An xsd:date literal for a real calendar date (report text can say 1-13月)."""
    import datetime

    try:
        datetime.date.fromisoformat(s or "")
    except ValueError:
        return None
    return Literal(s, datatype=XSD.date)


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def render_turtle(docs: Iterable[DocFacts], ontology=None) -> str:
    """The Turtle text of the graph of ``docs`` (what kg build writes)."""
    import io

    buf = io.StringIO()
    write_graph(docs, buf, ontology=ontology)
    return buf.getvalue()


_LOCAL_KINDS = ("report/", "mention/", "sentence/", "assertion/", "amount/", "observation/")
_LOCAL_PREFIXES = tuple(str(KGR) + k for k in _LOCAL_KINDS)


class _Router:
    """Sends each triple to the current document's set or to the global set by
    its subject: nodes of one report (its mentions, sentences, amounts ...)
    are written together, entities once for the whole corpus."""

    def __init__(self, glob: TripleSet):
        self.glob = glob
        self.local = TripleSet()

    def add(self, t: tuple) -> None:
        (self.local if str(t[0]).startswith(_LOCAL_PREFIXES) else self.glob).add(t)

    def __contains__(self, t: tuple) -> bool:
        return t in self.local or t in self.glob


@dataclass
class GraphStats:
    triples: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    amounts: int = 0
    relations: int = 0
    view: tuple[list[dict], list[dict]] | None = None


def write_graph(docs: Iterable[DocFacts], out, cache_dir=None, ontology=None) -> GraphStats:
    """Stream the graph of ``docs`` as Turtle into the text file ``out``.

    Memory stays proportional to the entities, not to the triples: each
    report's own nodes are rendered and written as soon as they are made (and
    reused from ``cache_dir`` when the report and the IRIs it points to are
    unchanged); entity nodes, shared by the reports, follow at the end.  The
    order is deterministic: reports by name, subjects sorted within each block.
    """
    import pickle
    import tempfile

    from .turtle import TurtleWriter

    docs = sorted(docs, key=lambda d: d.doc_id)
    nodes = _resolve(docs)
    region_nodes = {n.label: n for n in nodes.values() if n.type == "Region"}
    glob = TripleSet()
    for node in sorted({id(n): n for n in nodes.values()}.values(), key=lambda n: str(n.iri)):
        _add_entity(glob, node)
    writer = TurtleWriter({p: str(ns) for p, ns in PREFIXES.items()})
    stats = GraphStats()
    mention_stats: dict[URIRef, list] = {}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as body:
        regions_sig = repr(sorted(str(n.iri) for n in region_nodes.values()))
        for d in docs:
            key = _block_key(d, nodes, regions_sig)
            cached = cache_dir / f"{d.filename}.{key}.block" if cache_dir is not None else None
            block = glob_part = None
            if cached is not None and cached.exists():
                try:
                    with cached.open("rb") as f:
                        block, glob_part, n_local, n_amounts, n_statements = pickle.load(f)
                except (OSError, pickle.UnpicklingError, EOFError, ValueError):
                    block = None
            if block is None:
                router = _Router(TripleSet())
                _add_document(router, d, nodes, region_nodes)
                glob_part = sorted(router.glob, key=str)
                local = router.local
                n_local = len(local)
                n_amounts = sum(1 for _ in local.subjects(RDF.type, SCHEMA.MonetaryAmount))
                n_statements = sum(1 for _ in local.subjects(RDF.type, RDF.Statement))
                block = writer.write(local, prefixes=False)
                if cached is not None:
                    from .build import atomic_write

                    atomic_write(cached, pickle.dumps((block, glob_part, n_local, n_amounts, n_statements)))
            for t in glob_part:
                glob.add(t)
            body.write(block)
            stats.triples += n_local
            stats.amounts += n_amounts
            stats.relations += n_statements
            for i, e in enumerate(d.entities):
                iri = nodes[(d.doc_id, i)].iri
                st = mention_stats.setdefault(iri, [0, None])
                st[0] += len(e.mentions)
                if e.mentions and st[1] is None:
                    s0 = e.mentions[0][0]
                    sent = next(((a, b) for a, b in d.sentences if a <= s0 < b), None)
                    if sent is not None:
                        st[1] = (d.doc_id, d.text[sent[0] : sent[1]])
        _add_divisions(glob, region_nodes, gazetteer())
        if ontology is not None:
            glob.parse(ontology, format="turtle")
        stats.triples += len(glob)
        out.write(writer.write(glob))
        out.write("\n")
        body.seek(0)
        while chunk := body.read(1 << 20):
            out.write(chunk)
    for t in ENTITY_TYPES:
        stats.entities[t] = sum(1 for _ in glob.subjects(RDF.type, KGO[t]))
    stats.view = _view(glob, mention_stats)
    return stats


def _block_key(d: DocFacts, nodes: dict[tuple[str, int], Node], regions_sig: str) -> str:
    """A report's block depends on its text, the pipeline and the IRIs it points to."""
    from .build import pipeline_fingerprint

    h = hashlib.sha256(f"{d.sha256}|{pipeline_fingerprint()}|{_render_fingerprint()}".encode())
    for i in range(len(d.entities)):
        n = nodes[(d.doc_id, i)]
        h.update(str(n.iri).encode())
        h.update(b"\x00")
    h.update(regions_sig.encode())
    return h.hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def _render_fingerprint() -> str:
    """Changes when the code that renders blocks changes: cached blocks then go stale."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("graph.py", "turtle.py", "namespaces.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _view(glob: TripleSet, mention_stats: dict) -> tuple[list[dict], list[dict]]:
    """Nodes and edges of the HTML view, from the entity part of the graph."""
    from .html import STYLE, view_from

    entities = []
    for t in ENTITY_TYPES:
        for s in glob.subjects(RDF.type, KGO[t]):
            st = mention_stats.get(s, [0, None])
            entities.append((s, t, str(glob.value(s, RDFS.label)), sorted(str(a) for a in glob.objects(s, SKOS.altLabel)),
                             len(set(glob.objects(s, KGO.mentionedIn))), st[0], st[1]))
    edges = []
    for rel in (*RELATIONS, "partOf"):
        for s, o in glob.subject_objects(KGO[rel]):
            edges.append((s, rel, o))
    assert STYLE
    return view_from(entities, edges)


def _add_entity(g: Graph, node: Node) -> None:
    s = node.iri
    g.add((s, RDF.type, KGO[node.type]))
    g.add((s, RDFS.label, Literal(node.label, lang="zh")))
    for n in sorted(node.names - {node.label}):
        g.add((s, SKOS.altLabel, Literal(n, lang="zh")))


def _sentence(g: TripleSet, d: DocFacts, report: URIRef, pos: int) -> URIRef | None:
    i = bisect.bisect_right(d.sentences, (pos, float("inf"))) - 1
    for s0, s1 in d.sentences[max(0, i) : i + 1]:
        if s0 <= pos < s1:
            node = KGR[f"sentence/{iri_part(d.doc_id)}/{s0}-{s1}"]
            if (node, RDF.type, KGO.Sentence) not in g:
                g.add((node, RDF.type, KGO.Sentence))
                g.add((node, KGO.text, Literal(d.text[s0:s1], lang="zh")))
                g.add((node, KGO.startOffset, Literal(s0)))
                g.add((node, KGO.endOffset, Literal(s1)))
                g.add((node, KGO.inDocument, report))
            return node
    return None


def _add_document(g: Graph, d: DocFacts, nodes: dict[tuple[str, int], Node], regions: dict[str, Node]) -> None:
    rid = iri_part(d.doc_id)
    report = KGR[f"report/{rid}"]
    m = d.meta
    g.add((report, RDF.type, KGO.Report))
    g.add((report, RDF.type, PROV.Entity))
    g.add((report, DCTERMS.title, Literal(m.title, lang="zh")))
    g.add((report, KGO.sourceFile, Literal(d.filename)))
    g.add((report, KGO.textFile, Literal(f"text/{d.doc_id}.txt")))
    g.add((report, KGO.sha256, Literal(d.sha256)))
    g.add((report, KGO.characters, Literal(len(d.text))))
    if _date(m.published) is not None:
        g.add((report, DCTERMS.issued, _date(m.published)))
    if _date(m.period_start) is not None and _date(m.period_end) is not None:
        g.add((report, KGO.periodStart, _date(m.period_start)))
        g.add((report, KGO.periodEnd, _date(m.period_end)))
    if m.plan_year:
        g.add((report, KGO.planYear, Literal(str(m.plan_year), datatype=XSD.gYear)))
    if m.region and m.region in regions:
        g.add((report, KGO.aboutRegion, regions[m.region].iri))
    elif m.region:
        g.add((report, KGO.aboutRegionName, Literal(m.region, lang="zh")))
    for i, e in enumerate(d.entities):
        node = nodes[(d.doc_id, i)]
        if m.publisher and e.type == "GovernmentAgency" and (m.publisher == e.name or m.publisher in e.aliases):
            g.add((report, DCTERMS.publisher, node.iri))
        if node.scope and node.scope in regions:
            g.add((node.iri, KGO.jurisdiction, regions[node.scope].iri))
        if e.type == "PolicyDocument":
            for alias in e.aliases:
                if DOC_NUMBER.fullmatch(alias):
                    g.add((node.iri, KGO.documentNumber, Literal(alias)))
        for s0, s1 in e.mentions:
            mention = KGR[f"mention/{rid}/{s0}-{s1}/{e.type}"]
            g.add((mention, RDF.type, KGO.Mention))
            g.add((mention, KGO.mentionOf, node.iri))
            g.add((mention, KGO.inDocument, report))
            g.add((mention, KGO.startOffset, Literal(s0)))
            g.add((mention, KGO.endOffset, Literal(s1)))
            g.add((mention, KGO.surface, Literal(d.text[s0:s1], lang="zh")))
            sent = _sentence(g, d, report, s0)
            if sent is not None:
                g.add((mention, KGO.inSentence, sent))
        g.add((node.iri, KGO.mentionedIn, report))
    for r in d.relations:
        h, t = nodes[(d.doc_id, r.head)], nodes[(d.doc_id, r.tail)]
        if h.iri == t.iri:
            continue
        pred = KGO[r.rel]
        g.add((h.iri, pred, t.iri))
        st = KGR[f"assertion/{rid}/{_h(h.iri, r.rel, t.iri, r.start)}"]
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, h.iri))
        g.add((st, RDF.predicate, pred))
        g.add((st, RDF.object, t.iri))
        g.add((st, PROV.wasDerivedFrom, report))
        sent = _sentence(g, d, report, r.start)
        if sent is not None:
            g.add((st, KGO.evidence, sent))
        if r.implied and d.entities[r.tail].mentions:
            # the sentence speaks in the report's own voice; this one names the agency
            ctx = _sentence(g, d, report, d.entities[r.tail].mentions[0][0])
            if ctx is not None:
                g.add((st, KGO.contextEvidence, ctx))
    _add_observations(g, d, report, rid, regions)
    for a in d.amounts:
        node = KGR[f"amount/{rid}/{a.start}-{a.end}"]
        g.add((node, RDF.type, SCHEMA.MonetaryAmount))
        g.add((node, SCHEMA.value, Literal(a.value, datatype=XSD.decimal)))
        g.add((node, SCHEMA.currency, Literal("CNY")))
        g.add((node, KGO.surface, Literal(a.text, lang="zh")))
        g.add((node, KGO.inDocument, report))
        g.add((node, KGO.startOffset, Literal(a.start)))
        g.add((node, KGO.endOffset, Literal(a.end)))
        if a.upper is not None:
            g.add((node, SCHEMA.maxValue, Literal(a.upper, datatype=XSD.decimal)))
        if a.approximate:
            g.add((node, KGO.approximate, Literal(True)))
        if a.qualifier:
            g.add((node, KGO.qualifier, Literal(a.qualifier)))
        sent = _sentence(g, d, report, a.start)
        if sent is not None:
            g.add((node, KGO.inSentence, sent))
    for link in d.amount_links:
        a = d.amounts[link.amount]
        node = KGR[f"amount/{rid}/{a.start}-{a.end}"]
        if link.metric:
            g.add((node, KGO.metric, Literal(link.metric, lang="zh")))
        if link.entity is not None:
            owner = nodes[(d.doc_id, link.entity)].iri
            g.add((node, KGO.measures, owner))
            if link.received:
                g.add((owner, KGO.receivedFunding, node))
        if link.program is not None:
            g.add((node, KGO.fundedBy, nodes[(d.doc_id, link.program)].iri))


UNITS = {"CNY": "CNY", "percent": "Percent", "kWh": "KilowattHour", "count": "Count"}


def _add_observations(g: Graph, d: DocFacts, report: URIRef, rid: str, regions: dict[str, Node]) -> None:
    """RDF Data Cube observations of the report's indicators."""
    if not d.observations:
        return
    ds = KGR["dataset/indicators"]
    g.add((ds, RDF.type, QB.DataSet))
    g.add((ds, RDFS.label, Literal("工信报告统计指标", lang="zh")))
    g.add((ds, RDFS.label, Literal("Indicators of industrial work reports", lang="en")))
    area = regions[d.meta.region].iri if d.meta.region in regions else None
    nodes = []
    for o in d.observations:
        node = KGR[f"observation/{rid}/{o.start}-{o.end}"]
        nodes.append(node)
        g.add((node, RDF.type, QB.Observation))
        g.add((node, QB.dataSet, ds))
        g.add((node, KGO.indicator, KGO[o.concept]))
        if o.growth_of is None:
            g.add((node, KGO.metric, Literal(o.metric, lang="zh")))
        g.add((node, SDMX_MEASURE.obsValue, Literal(o.value, datatype=XSD.decimal)))
        g.add((node, SDMX_ATTR.unitMeasure, KGO[UNITS[o.unit]]))
        g.add((node, KGO.status, KGO[o.status.capitalize()]))
        g.add((node, KGO.surface, Literal(d.text[o.start : o.end], lang="zh")))
        g.add((node, KGO.startOffset, Literal(o.start)))
        g.add((node, KGO.endOffset, Literal(o.end)))
        g.add((node, KGO.inDocument, report))
        if _date(o.period_start) is not None and _date(o.period_end) is not None:
            g.add((node, KGO.periodStart, _date(o.period_start)))
            g.add((node, KGO.periodEnd, _date(o.period_end)))
            g.add((node, SDMX_DIM.refPeriod, Literal(f"{o.period_start}/{o.period_end}")))
        if area is not None:
            g.add((node, SDMX_DIM.refArea, area))
        if o.subject:
            g.add((node, KGO.subjectText, Literal(o.subject, lang="zh")))
        sent = _sentence(g, d, report, o.start)
        if sent is not None:
            g.add((node, KGO.inSentence, sent))
        key = _amount_key(d, o) if o.unit == "CNY" else None
        if key:
            g.add((node, KGO.amount, KGR[f"amount/{rid}/{key}"]))
    for o, node in zip(d.observations, nodes, strict=True):
        if o.growth_of is not None:
            g.add((node, KGO.measureType, KGO.YearOnYearGrowth))
            g.add((node, KGO.growthOf, nodes[o.growth_of]))
            g.add((nodes[o.growth_of], KGO.yoyGrowth, node))
            g.add((nodes[o.growth_of], KGO.yoy, Literal(o.value, datatype=XSD.decimal)))


def _amount_key(d: DocFacts, o) -> str | None:
    for a in d.amounts:
        if a.start <= o.start < a.end or o.start <= a.start < o.end:
            return f"{a.start}-{a.end}"
    return None


def _add_divisions(g: Graph, regions: dict[str, Node], gz) -> None:
    """Gazetteer knowledge: adcode and parent division of every named region."""
    context = set(regions)
    for name in sorted(regions):
        div = gz.lookup(name, context)
        if div is None or div.name != name:
            continue
        node = regions[name]
        g.add((node.iri, KGO.adcode, Literal(div.code[:6])))
        parents = gz.parents(div)
        if parents:
            p = parents[0]
            if p.name in regions:
                g.add((node.iri, KGO.partOf, regions[p.name].iri))
            else:
                piri = KGR[f"division/{p.code[:6]}"]
                g.add((piri, RDF.type, KGO.AdministrativeDivision))
                g.add((piri, RDFS.label, Literal(p.name, lang="zh")))
                g.add((piri, KGO.adcode, Literal(p.code[:6])))
                g.add((node.iri, KGO.partOf, piri))
                for pp in gz.parents(p):
                    ppiri = regions[pp.name].iri if pp.name in regions else KGR[f"division/{pp.code[:6]}"]
                    if pp.name not in regions:
                        g.add((ppiri, RDF.type, KGO.AdministrativeDivision))
                        g.add((ppiri, RDFS.label, Literal(pp.name, lang="zh")))
                        g.add((ppiri, KGO.adcode, Literal(pp.code[:6])))
                    g.add((piri, KGO.partOf, ppiri))
