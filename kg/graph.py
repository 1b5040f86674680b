"""Facts of many reports -> one RDF graph.

Entities named in several reports become one node: names are joined across
documents when they are equal (label or alias), and each node's IRI is derived
from its type and canonical label, so IRIs do not depend on the order in which
files are read.  Generic agency names (县经信局, 县委) are scoped by the region
the report is about, so two counties' bureaux stay two nodes.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.documents import DOC_NUMBER
from extractors.gazetteer import gazetteer

from .extract import DocFacts
from .namespaces import KGR, PREFIXES
from .turtle import escape as _escape
from .vocab import ENTITY_TYPES, RELATIONS

# --- terms as Turtle text -----------------------------------------------------------
# The graph is emitted as already-rendered Turtle terms: creating and rendering
# rdflib terms cost more than extracting the report.

class _Vocab:
    def __init__(self, prefix: str):
        self._prefix = prefix

    def __getattr__(self, name: str) -> str:
        term = f"{self._prefix}:{name}"
        setattr(self, name, term)  # later lookups are plain attribute reads
        return term

    def __getitem__(self, name: str) -> str:
        return f"{self._prefix}:{name}"


K, S, Q, PV, DC, RS, SK = (_Vocab(p) for p in ("kgo", "schema", "qb", "prov", "dcterms", "rdfs", "skos"))
SM, SD, SA = _Vocab("sdmx-measure"), _Vocab("sdmx-dimension"), _Vocab("sdmx-attribute")
A = "a"
_BASE = str(KGR)
# resource IRIs are written relative to this base: a third of the file's bytes were the base
BASE_DIRECTIVE = f"@base <{_BASE}> ."


def R(local: str) -> str:
    """A resource IRI, relative to :data:`BASE_DIRECTIVE` (its variable parts
    already passed through iri_part; the first segment is a fixed kind, so
    never a scheme)."""
    return f"<{local}>"


def lit(text: str, lang: str | None = None) -> str:
    body = '"' + _escape(text) + '"'
    return f"{body}@{lang}" if lang else body


def dec(value) -> str:
    return f'"{value}"^^xsd:decimal'

Triples = set[tuple[str, str, str]]  # (subject, predicate, object) as Turtle terms
_LEVEL_CHARS = "省市县区镇乡"
_IRI_UNSAFE = set(' <>"{}|\\^`#%?/[]')


@functools.lru_cache(maxsize=4096)
def _rid(doc_id: str) -> str:
    return iri_part(doc_id)


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


_NATIONAL_ISSUERS = ("国务院", "中共中央", "党中央", "全国人大", "工业和信息化部", "工信部", "国家", "财政部", "商务部",
                     "科技部", "中国")


@functools.lru_cache(maxsize=65536)
def scope_of(type_: str, name: str, region: str | None, aliases: tuple[str, ...] = ()) -> str:
    """The region a name is only unique within, or "" for names unique as they stand.

    Agencies named by level alone (县经信局) belong to the report's region; so do
    enterprises named without legal form or place (天鹅公司, 联丰公司): two reports
    from different counties may mean two different firms.  Full registered
    names (安徽文盛科技有限公司, 北京仁创集团) are one firm wherever they appear.
    A document is its number (甬政发〔2020〕9号): its title is scoped by the
    number when the report gives one, else by the report's region unless a
    national body issued it — every county writes its own 关于做好…的通知.
    """
    if type_ == "PolicyDocument":
        number = name if DOC_NUMBER.search(name) else min((a for a in aliases if DOC_NUMBER.search(a)), default=None)
        if number is not None:
            return number
        return region or "" if not name.startswith(_NATIONAL_ISSUERS) else ""
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
    iri: str = ""  # rendered, relative to BASE_DIRECTIVE: <Enterprise/…>


@dataclass(frozen=True)
class DocSummary:
    """What the graph needs of a report whose rendered block is reused: its
    names (for identities across reports) and what the view shows.  A rebuild
    reads these from the cache index instead of every report's full facts."""

    doc_id: str
    filename: str
    sha256: str
    characters: int
    region: str | None
    entities: tuple[tuple[str, str, tuple[str, ...]], ...]  # (type, name, aliases): plain tuples unpickle fast
    mentions: tuple[int, ...]  # mentions of each entity
    first_sentence: tuple[tuple[int, int] | None, ...]  # offsets of each entity's first sentence


def summarize(d: DocFacts) -> DocSummary:
    firsts: list[tuple[int, int] | None] = []
    for e in d.entities:
        first = None
        if e.mentions:
            s0 = e.mentions[0][0]
            i = bisect.bisect_right(d.sentences, (s0, float("inf"))) - 1
            if i >= 0 and d.sentences[i][0] <= s0 < d.sentences[i][1]:
                first = d.sentences[i]
        firsts.append(first)
    intern = sys.intern  # names recur across reports: equal strings pickle once in the cache index
    return DocSummary(d.doc_id, d.filename, d.sha256, len(d.text), d.meta.region,
                      tuple((intern(e.type), intern(e.name), tuple(map(intern, e.aliases))) for e in d.entities),
                      tuple(len(e.mentions) for e in d.entities), tuple(firsts))


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


def _resolve(docs: list[DocSummary]) -> dict[str, list[Node]]:
    """doc_id -> the graph node of each of the report's entities.

    Names are joined over distinct (type, scope, name) keys, not over the
    reports' entities one by one: the same names recur in many reports."""
    doc_keys: list[list[tuple[str, str, str]]] = []
    aliases_of: dict[tuple[str, str, str], set[str]] = {}
    links: set[tuple[tuple, tuple]] = set()
    for d in docs:
        keys = []
        for type_, name, aliases in d.entities:
            k = (type_, scope_of(type_, name, d.region, aliases), name)
            keys.append(k)
            known = aliases_of.get(k)
            if known is None:
                known = aliases_of[k] = set()
            if aliases:
                known.update(aliases)
                for a in aliases:
                    if len(a) >= 3 and a != name:
                        links.add((k, (type_, scope_of(type_, a, d.region, aliases), a)))
        doc_keys.append(keys)
    uf = _UnionFind()
    for k in aliases_of:
        uf.find(k)
    for a, b in links:
        uf.union(a, b)  # the root is the least key of a group, whatever the order
    groups: dict[tuple, Node] = {}
    primary: dict[tuple, set[str]] = {}
    for k in sorted(uf.parent):
        r = uf.find(k)
        node = groups.get(r)
        if node is None:
            node = groups[r] = Node(k[0], r[1])
        node.names.add(k[2])
        node.names.update(aliases_of.get(k, ()))
        if k in aliases_of:  # a name some report gave, not only an alias
            primary.setdefault(r, set()).add(k[2])
    for r, node in groups.items():
        # the longest name the extractors gave, not an alias: 专精特新, not its prefixed form 省级专精特新
        node.label = sorted(primary[r], key=lambda n: (-len(n), n))[0]
        local = f"{node.type}/{iri_part(node.scope)}/{iri_part(node.label)}" if node.scope else f"{node.type}/{iri_part(node.label)}"
        node.iri = R(local)
    node_of = {k: groups[uf.find(k)] for k in aliases_of}
    return {d.doc_id: [node_of[k] for k in keys] for d, keys in zip(docs, doc_keys, strict=True)}


def _date(s: str | None) -> str | None:
    """An xsd:date literal for a real calendar date (report text can say 1-13月)."""
    import datetime

    try:
        datetime.date.fromisoformat(s or "")
    except ValueError:
        return None
    return f'"{s}"^^xsd:date'


def _abs(iri: str) -> str:
    return f"<{_BASE}{iri[1:]}" if not iri.startswith("<http") else iri


def _h(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def render_turtle(docs: Iterable[DocFacts], ontology=None) -> str:
    """The Turtle text of the graph of ``docs`` (what kg build writes)."""
    import io

    by_name = {d.filename: d for d in docs}
    buf = io.BytesIO()
    write_graph([summarize(d) for d in by_name.values()], buf, lambda s: by_name[s.filename], ontology=ontology)
    return buf.getvalue().decode("utf-8")


class _Block:
    """One report's triples: its own nodes (mentions, sentences, amounts ...)
    as subject -> {(predicate, object)}, written together; and the triples it
    adds to entity nodes, which are written once for the whole corpus.

    Mentions and sentences, most of the nodes, come with their (predicate,
    object) pairs already in output order (:meth:`ordered`) and skip the set
    and the sort."""

    __slots__ = ("subjects", "ordered_nodes", "glob", "sentence_starts", "sentence_nodes")

    def __init__(self, sentences: Iterable[tuple[int, int]] = ()) -> None:
        self.subjects: dict[str, set[tuple[str, str]]] = {}
        self.ordered_nodes: dict[str, tuple[tuple[str, str], ...]] = {}
        self.glob: Triples = set()
        self.sentence_starts = [a for a, _ in sentences]
        self.sentence_nodes: dict[int, str] = {}  # sentence index -> its node, once used

    def node(self, s: str) -> set[tuple[str, str]]:
        """The (predicate, object) set of the report's own node ``s``."""
        pairs = self.subjects.get(s)
        if pairs is None:
            pairs = self.subjects[s] = set(self.ordered_nodes.pop(s, ()))
        return pairs

    def ordered(self, s: str, pairs: tuple[tuple[str, str], ...]) -> None:
        """Node ``s`` with ``pairs`` sorted as render_subjects sorts them, no two equal."""
        if s in self.subjects or s in self.ordered_nodes:
            self.node(s).update(pairs)
        else:
            self.ordered_nodes[s] = pairs

    def render(self) -> str:
        return render_subjects(self.subjects, self.ordered_nodes)

    def triples(self) -> int:
        return sum(map(len, self.subjects.values())) + sum(map(len, self.ordered_nodes.values()))

    def statements(self) -> int:
        return sum(1 for pairs in self.subjects.values() if (A, "rdf:Statement") in pairs)


@dataclass
class GraphStats:
    triples: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    amounts: int = 0
    relations: int = 0
    view: tuple[list[dict], list[dict]] | None = None


# a report's cached block: (block key, its triples on entity nodes, own triples, amounts, statements)
BlockInfo = tuple[str, list[tuple[str, str, str]], int, int, int]


def write_graph(docs: Iterable[DocSummary], out, facts: Callable[[DocSummary], DocFacts],
                block_cache: dict[str, BlockInfo] | None = None, ontology=None, block_dir: Path | None = None,
                text: Callable[[DocSummary], str] | None = None,
                map_blocks: Callable[[Callable, list], Iterable[BlockInfo]] | None = None) -> GraphStats:
    """Write the graph of ``docs`` as UTF-8 Turtle into the binary file ``out``.

    Each report's own nodes (mentions, sentences, amounts ...) are rendered
    from its full ``facts`` into a block file ``block_dir/<file>.<key>.ttl``,
    or, when the report and the IRIs its block points to are unchanged since
    ``block_cache[filename]`` was recorded, that file is reused as it is (and
    the full facts are never loaded); ``block_cache`` is updated.  ``text``
    gives a report's text for the view's sentences (default: from its facts).
    ``map_blocks(render, items)``: ``map`` as the caller wants it (e.g. in
    forked processes) for rendering the blocks that are not in the cache; the
    results must come in the order of ``items``.
    Memory stays proportional to the entities, not to the triples.  Output:
    prefixes, entity nodes, then the blocks, reports in name order, subjects sorted.
    """
    import tempfile

    from .files import atomic_write

    docs = sorted(docs, key=lambda d: d.doc_id)
    nodes = _resolve(docs)
    unique = {n.iri: n for ns in nodes.values() for n in ns}
    region_nodes = {n.label: n for n in unique.values() if n.type == "Region"}
    glob: Triples = set()
    for node in sorted(unique.values(), key=lambda n: n.iri):
        _add_entity(glob, node)
    stats = GraphStats()
    mention_stats: dict[str, list] = {}
    if block_cache is None:
        block_cache = {}
    with contextlib.ExitStack() as stack:
        keep = block_dir is not None
        if block_dir is None:
            block_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-blocks-")))
        files = []
        regions_sig = repr(sorted(str(n.iri) for n in region_nodes.values()))
        todo: list[tuple[DocSummary, str, Path]] = []
        for d in docs:
            key = _block_key(d, nodes, regions_sig)
            block_file = block_dir / f"{d.filename}.{key}.ttl"
            info = block_cache.get(d.filename)
            if info is None or info[0] != key or not block_file.exists():
                todo.append((d, key, block_file))
            files.append(block_file)

        def render(item: tuple[DocSummary, str, Path]) -> BlockInfo:
            d, key, block_file = item
            f = facts(d)
            block = _Block(f.sentences)
            _add_document(block, f, nodes, region_nodes)
            rendered = block.render().encode("utf-8")
            if keep:
                atomic_write(block_file, rendered)
            else:
                block_file.write_bytes(rendered)
            return key, sorted(block.glob), block.triples(), len(f.amounts), block.statements()

        rendered = map_blocks(render, todo) if map_blocks is not None and len(todo) > 1 else map(render, todo)
        for (d, _key, _file), info in zip(todo, rendered, strict=True):
            block_cache[d.filename] = info
        for d in docs:
            info = block_cache[d.filename]
            glob.update(info[1])
            stats.triples += info[2]
            stats.amounts += info[3]
            stats.relations += info[4]
            for i, (n_mentions, first) in enumerate(zip(d.mentions, d.first_sentence, strict=True)):
                iri = nodes[d.doc_id][i].iri
                st = mention_stats.get(iri)
                if st is None:
                    st = mention_stats[iri] = [0, {}, set()]
                st[0] += n_mentions
                st[2].add(d.doc_id)
                if first is not None and d.doc_id not in st[1]:
                    st[1][d.doc_id] = (d, first)  # the entity's first sentence in each report
        _add_divisions(glob, region_nodes, gazetteer())
        analysis = _add_scores(glob, unique)
        if ontology is not None:
            glob.update(_ontology_triples(str(ontology)))
        stats.triples += len(glob)
        out.write(write_rendered(glob, header=True).encode("utf-8"))
        out.write(b"\n")
        for path in files:
            with path.open("rb") as src:
                shutil.copyfileobj(src, out)
    for t in ENTITY_TYPES:
        stats.entities[t] = sum(1 for n in unique.values() if n.type == t)
    stats.view = _view(glob, unique, mention_stats, text or (lambda d: facts(d).text), analysis, docs)
    return stats


def _add_scores(glob: Triples, nodes: dict[str, Node]) -> dict:
    """Network scores of every entity, written into the graph at build time
    (kgo:degree, kgo:betweenness, kgo:community, kgo:component) so SPARQL and
    the view can use them; computed on the entities and contract relations."""
    from .analytics import entity_graph, scores

    preds = {K[r]: r for r in RELATIONS}
    g = entity_graph([(iri, n.type, n.label) for iri, n in nodes.items()],
                     [(s, preds[p], o) for s, p, o in glob if p in preds])
    result = scores(g)
    for iri, sc in result.items():
        glob.update(((iri, K.degree, str(sc.degree)), (iri, K.betweenness, dec(f"{sc.betweenness:.6f}".rstrip("0").rstrip("."))),
                     (iri, K.community, str(sc.community)), (iri, K.component, str(sc.component))))
    return result


def write_rendered(triples, header: bool = False) -> str:
    """Turtle text of already-rendered triples (see :func:`render_subjects`),
    after the base and prefix directives when ``header``."""
    by_subject: dict[str, set[tuple[str, str]]] = {}
    for s, p, o in triples:
        pairs = by_subject.get(s)
        if pairs is None:
            pairs = by_subject[s] = set()
        pairs.add((p, o))
    head = "\n".join([BASE_DIRECTIVE] + [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]) + "\n\n"
    return (head if header else "") + render_subjects(by_subject)


def render_subjects(subjects: dict[str, set[tuple[str, str]]],
                    ordered: dict[str, tuple[tuple[str, str], ...]] | None = None) -> str:
    """Turtle text of subject -> {(predicate, object)}: subjects sorted,
    predicates sorted with ``a`` first, objects sorted (``ordered``: subjects
    whose pairs are in that order already)."""
    ordered = ordered or {}
    out = []
    for s in sorted([*subjects, *ordered]):
        pairs = ordered.get(s)
        if pairs is None:
            pairs = sorted(subjects[s])
            if pairs[0][0] != A and any(p == A for p, _ in pairs):  # a predicate IRI written <…> sorts before "a"
                pairs.sort(key=lambda po: po[0] != A)
        parts: list[str] = []
        prev = None
        for p, o in pairs:
            if p == prev:
                parts[-1] += ", " + o
            else:
                parts.append(f"{p} {o}")
                prev = p
        out.append(f"{s} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(out)


@functools.lru_cache(maxsize=4)
def _ontology_triples(path: str) -> tuple[tuple[str, str, str], ...]:
    """The ontology's triples rendered as Turtle terms (parsed once per process)."""
    from rdflib import RDF as _RDF
    from rdflib import Graph as _Graph

    from .turtle import TurtleWriter

    w = TurtleWriter({p: str(ns) for p, ns in PREFIXES.items()})
    out = []
    for s, p, o in _Graph().parse(path, format="turtle"):
        out.append((w.term(s), "a" if p == _RDF.type else w.term(p), w.term(o)))
    return tuple(sorted(out))


def _block_key(d: DocSummary, nodes: dict[str, list[Node]], regions_sig: str) -> str:
    """A report's block depends on its text, the pipeline and the IRIs it points to."""
    from .fingerprint import pipeline_fingerprint

    parts = [d.doc_id, d.sha256, pipeline_fingerprint(), _render_fingerprint(), regions_sig,
             *(n.iri for n in nodes[d.doc_id])]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:24]


@functools.lru_cache(maxsize=1)
def _render_fingerprint() -> str:
    """Changes when the code that renders blocks changes: cached blocks then go stale."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("graph.py", "turtle.py", "namespaces.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


def _view(glob: Triples, nodes: dict[str, Node], mention_stats: dict, text: Callable[[DocSummary], str],
          analysis: dict, docs: list[DocSummary]) -> tuple[list[dict], list[dict]]:
    """Nodes and edges of the HTML view, from the entity part of the graph:
    every report an entity is named in with its first sentence there."""
    from .html import MAX_EVIDENCE, view_from
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
    wanted = {K[rel]: rel for rel in (*RELATIONS, "partOf")}
    edges = [(s, wanted[p], o) for s, p, o in glob if p in wanted]
    return view_from(entities, edges, titles, analysis)


def _add_entity(g: Triples, node: Node) -> None:
    s = node.iri
    g.add((s, A, K[node.type]))
    g.add((s, RS.label, lit(node.label, "zh")))
    for n in sorted(node.names - {node.label}):
        g.add((s, SK.altLabel, lit(n, "zh")))


def _sentence(b: _Block, d: DocFacts, report: str, pos: int) -> str | None:
    """The sentence node around character ``pos`` (added on first use)."""
    i = bisect.bisect_right(b.sentence_starts, pos) - 1
    if i < 0 or pos >= d.sentences[i][1]:
        return None
    node = b.sentence_nodes.get(i)
    if node is None:
        s0, s1 = d.sentences[i]
        node = b.sentence_nodes[i] = R(f"sentence/{_rid(d.doc_id)}/{s0}-{s1}")
        b.ordered(node, ((A, K.Sentence), (K.endOffset, str(s1)), (K.inDocument, report),
                         (K.startOffset, str(s0)), (K.text, lit(d.text[s0:s1], "zh"))))
    return node


def _add_document(b: _Block, d: DocFacts, nodes: dict[str, list[Node]], regions: dict[str, Node]) -> None:
    rid = _rid(d.doc_id)
    report = R(f"report/{rid}")
    m = d.meta
    r = b.node(report)
    r.update(((A, K.Report), (A, PV.Entity), (DC.title, lit(m.title, "zh")), (K.sourceFile, lit(d.filename)),
              (K.textFile, lit(f"text/{d.doc_id}.txt")), (K.sha256, lit(d.sha256)), (K.characters, str(len(d.text)))))
    if _date(m.published) is not None:
        r.add((DC.issued, _date(m.published)))
    if _date(m.period_start) is not None and _date(m.period_end) is not None:
        r.add((K.periodStart, _date(m.period_start)))
        r.add((K.periodEnd, _date(m.period_end)))
    if m.plan_year:
        r.add((K.planYear, f'"{m.plan_year}"^^xsd:gYear'))
    if m.region and m.region in regions:
        r.add((K.aboutRegion, regions[m.region].iri))
    elif m.region:
        r.add((K.aboutRegionName, lit(m.region, "zh")))
    glob = b.glob
    for i, e in enumerate(d.entities):
        node = nodes[d.doc_id][i]
        if m.publisher and e.type == "GovernmentAgency" and (m.publisher == e.name or m.publisher in e.aliases):
            r.add((DC.publisher, node.iri))
        if node.scope and node.scope in regions:
            glob.add((node.iri, K.jurisdiction, regions[node.scope].iri))
        if e.type == "PolicyDocument":
            for alias in e.aliases:
                if DOC_NUMBER.fullmatch(alias):
                    glob.add((node.iri, K.documentNumber, lit(alias)))
        for s0, s1 in e.mentions:
            sent = _sentence(b, d, report, s0)
            b.ordered(R(f"mention/{rid}/{s0}-{s1}/{e.type}"), (
                (A, K.Mention), (K.endOffset, str(s1)), (K.inDocument, report),
                *(((K.inSentence, sent),) if sent is not None else ()),
                (K.mentionOf, node.iri), (K.startOffset, str(s0)), (K.surface, lit(d.text[s0:s1], "zh"))))
        glob.add((node.iri, K.mentionedIn, report))
    for rel in d.relations:
        h, t = nodes[d.doc_id][rel.head], nodes[d.doc_id][rel.tail]
        if h.iri == t.iri:
            continue
        pred = K[rel.rel]
        glob.add((h.iri, pred, t.iri))
        # hashed as absolute IRIs: assertion IRIs stay what they were before IRIs were written relative
        st = b.node(R(f"assertion/{rid}/{_h(_abs(h.iri), rel.rel, _abs(t.iri), rel.start)}"))
        st.update(((A, "rdf:Statement"), ("rdf:subject", h.iri), ("rdf:predicate", pred), ("rdf:object", t.iri),
                   (PV.wasDerivedFrom, report)))
        sent = _sentence(b, d, report, rel.start)
        if sent is not None:
            st.add((K.evidence, sent))
        if rel.implied and d.entities[rel.tail].mentions:
            # the sentence speaks in the report's own voice; this one names the agency
            ctx = _sentence(b, d, report, d.entities[rel.tail].mentions[0][0])
            if ctx is not None:
                st.add((K.contextEvidence, ctx))
    _add_observations(b, d, report, rid, regions)
    for a in d.amounts:
        pairs = b.node(R(f"amount/{rid}/{a.start}-{a.end}"))
        pairs.update(((A, S.MonetaryAmount), (S.value, dec(a.value)), (S.currency, lit("CNY")),
                      (K.surface, lit(a.text, "zh")), (K.inDocument, report), (K.startOffset, str(a.start)),
                      (K.endOffset, str(a.end))))
        if a.upper is not None:
            pairs.add((S.maxValue, dec(a.upper)))
        if a.approximate:
            pairs.add((K.approximate, "true"))
        if a.qualifier:
            pairs.add((K.qualifier, lit(a.qualifier)))
        sent = _sentence(b, d, report, a.start)
        if sent is not None:
            pairs.add((K.inSentence, sent))
    for link in d.amount_links:
        a = d.amounts[link.amount]
        node = R(f"amount/{rid}/{a.start}-{a.end}")
        pairs = b.node(node)
        if link.metric:
            pairs.add((K.metric, lit(link.metric, "zh")))
        if link.entity is not None:
            owner = nodes[d.doc_id][link.entity].iri
            pairs.add((K.measures, owner))
            if link.received:
                glob.add((owner, K.receivedFunding, node))
        if link.program is not None:
            pairs.add((K.fundedBy, nodes[d.doc_id][link.program].iri))


UNITS = {"CNY": "CNY", "percent": "Percent", "kWh": "KilowattHour", "count": "Count"}


def _add_observations(b: _Block, d: DocFacts, report: str, rid: str, regions: dict[str, Node]) -> None:
    """RDF Data Cube observations of the report's indicators."""
    if not d.observations:
        return
    ds = R("dataset/indicators")
    b.glob.update(((ds, A, Q.DataSet), (ds, RS.label, lit("工信报告统计指标", "zh")),
                   (ds, RS.label, lit("Indicators of industrial work reports", "en"))))
    area = regions[d.meta.region].iri if d.meta.region in regions else None
    nodes = []
    for o in d.observations:
        node = R(f"observation/{rid}/{o.start}-{o.end}")
        nodes.append(node)
        pairs = b.node(node)
        pairs.update(((A, Q.Observation), (Q.dataSet, ds), (K.indicator, K[o.concept]), (SM.obsValue, dec(o.value)),
                      (SA.unitMeasure, K[UNITS[o.unit]]), (K.status, K[o.status.capitalize()]),
                      (K.surface, lit(d.text[o.start : o.end], "zh")), (K.startOffset, str(o.start)),
                      (K.endOffset, str(o.end)), (K.inDocument, report)))
        if o.growth_of is None:
            pairs.add((K.metric, lit(o.metric, "zh")))
        if _date(o.period_start) is not None and _date(o.period_end) is not None:
            pairs.update(((K.periodStart, _date(o.period_start)), (K.periodEnd, _date(o.period_end)),
                          (SD.refPeriod, lit(f"{o.period_start}/{o.period_end}"))))
        if area is not None:
            pairs.add((SD.refArea, area))
        if o.subject:
            pairs.add((K.subjectText, lit(o.subject, "zh")))
        sent = _sentence(b, d, report, o.start)
        if sent is not None:
            pairs.add((K.inSentence, sent))
        key = _amount_key(d, o) if o.unit == "CNY" else None
        if key:
            pairs.add((K.amount, R(f"amount/{rid}/{key}")))
    for o, node in zip(d.observations, nodes, strict=True):
        if o.growth_of is not None:
            b.node(node).update(((K.measureType, K.YearOnYearGrowth), (K.growthOf, nodes[o.growth_of])))
            b.node(nodes[o.growth_of]).update(((K.yoyGrowth, node), (K.yoy, dec(o.value))))


def _amount_key(d: DocFacts, o) -> str | None:
    for a in d.amounts:
        if a.start <= o.start < a.end or o.start <= a.start < o.end:
            return f"{a.start}-{a.end}"
    return None


def _add_divisions(g: Triples, regions: dict[str, Node], gz) -> None:
    """Gazetteer knowledge: adcode and parent division of every named region."""
    context = set(regions)
    for name in sorted(regions):
        div = gz.lookup(name, context)
        if div is None or div.name != name:
            continue
        node = regions[name]
        g.add((node.iri, K.adcode, lit(div.code[:6])))
        parents = gz.parents(div)
        if parents:
            p = parents[0]
            if p.name in regions:
                g.add((node.iri, K.partOf, regions[p.name].iri))
            else:
                piri = R(f"division/{p.code[:6]}")
                g.add((piri, A, K.AdministrativeDivision))
                g.add((piri, RS.label, lit(p.name, "zh")))
                g.add((piri, K.adcode, lit(p.code[:6])))
                g.add((node.iri, K.partOf, piri))
                for pp in gz.parents(p):
                    ppiri = regions[pp.name].iri if pp.name in regions else R(f"division/{pp.code[:6]}")
                    if pp.name not in regions:
                        g.add((ppiri, A, K.AdministrativeDivision))
                        g.add((ppiri, RS.label, lit(pp.name, "zh")))
                        g.add((ppiri, K.adcode, lit(pp.code[:6])))
                    g.add((piri, K.partOf, ppiri))
