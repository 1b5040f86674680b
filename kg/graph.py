"""Facts of many reports -> one RDF graph, written as Turtle.

Which names are one node is :mod:`kg.identity`'s; how terms are written is
:mod:`kg.turtle`'s; indicators are :mod:`kg.cube`'s.  This module renders each
report's block (its mentions, sentences, relations and amounts), the triples
on entity nodes shared by all reports, and the network scores, and writes
them in a fixed order so the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.documents import DOC_NUMBER
from extractors.gazetteer import gazetteer

from .block import Block
from .cube import add_observations
from .extract import DocFacts
from .identity import DocSummary, Node, resolve, summarize
from .namespaces import PREFIXES
from .turtle import (
    BASE_DIRECTIVE,
    DC,
    PV,
    RS,
    SK,
    A,
    K,
    R,
    S,
    Triples,
    abs_iri,
    date_lit,
    dec,
    lit,
    render_subjects,
    rid,
    short_hash,
    write_rendered,
)
from .vocab import ENTITY_TYPES, RELATIONS

__all__ = ["BASE_DIRECTIVE", "ENTITY_TYPES", "RELATIONS", "BlockInfo", "DocSummary", "GraphStats", "Node",
           "render_subjects", "render_turtle", "summarize", "write_graph", "write_rendered"]


def render_turtle(docs: Iterable[DocFacts], ontology=None) -> str:
    """The Turtle text of the graph of ``docs`` (what kg build writes)."""
    import io

    by_name = {d.filename: d for d in docs}
    buf = io.BytesIO()
    write_graph([summarize(d) for d in by_name.values()], buf, lambda s: by_name[s.filename], ontology=ontology)
    return buf.getvalue().decode("utf-8")




@dataclass
class GraphStats:
    triples: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    amounts: int = 0
    relations: int = 0
    view: tuple[list[dict], list[dict]] | None = None
    glob_text: str = ""  # the prefixes and the entity part as written, for the query store's diff
    blocks: dict[str, Path] = field(default_factory=dict)  # report file -> its block file (in block_dir)


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
    nodes = resolve(docs)
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
            block = Block(f.sentences)
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
        stats.glob_text = write_rendered(glob, header=True)
        out.write(stats.glob_text.encode("utf-8"))
        out.write(b"\n")
        stats.blocks = {d.filename: path for d, path in zip(docs, files, strict=True)}
        for path in files:
            with path.open("rb") as src:
                shutil.copyfileobj(src, out)
    for t in ENTITY_TYPES:
        stats.entities[t] = sum(1 for n in unique.values() if n.type == t)
    from .html import entity_view

    stats.view = entity_view(glob, unique, mention_stats, text or (lambda d: facts(d).text), analysis, docs, nodes)
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
    for name in ("graph.py", "block.py", "cube.py", "turtle.py", "namespaces.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]




def _add_entity(g: Triples, node: Node) -> None:
    s = node.iri
    g.add((s, A, K[node.type]))
    g.add((s, RS.label, lit(node.label, "zh")))
    for n in sorted(node.names - {node.label}):
        g.add((s, SK.altLabel, lit(n, "zh")))




def _add_document(b: Block, d: DocFacts, nodes: dict[str, list[Node]], regions: dict[str, Node]) -> None:
    rid_ = rid(d.doc_id)
    report = R(f"report/{rid_}")
    m = d.meta
    r = b.node(report)
    r.update(((A, K.Report), (A, PV.Entity), (DC.title, lit(m.title, "zh")), (K.sourceFile, lit(d.filename)),
              (K.textFile, lit(f"text/{d.doc_id}.txt")), (K.sha256, lit(d.sha256)), (K.characters, str(len(d.text)))))
    if date_lit(m.published) is not None:
        r.add((DC.issued, date_lit(m.published)))
    if date_lit(m.period_start) is not None and date_lit(m.period_end) is not None:
        r.add((K.periodStart, date_lit(m.period_start)))
        r.add((K.periodEnd, date_lit(m.period_end)))
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
            sent = b.sentence(d, report, s0)
            b.ordered(R(f"mention/{rid_}/{s0}-{s1}/{e.type}"), (
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
        st = b.node(R(f"assertion/{rid_}/{short_hash(abs_iri(h.iri), rel.rel, abs_iri(t.iri), rel.start)}"))
        st.update(((A, "rdf:Statement"), ("rdf:subject", h.iri), ("rdf:predicate", pred), ("rdf:object", t.iri),
                   (PV.wasDerivedFrom, report)))
        sent = b.sentence(d, report, rel.start)
        if sent is not None:
            st.add((K.evidence, sent))
        if rel.implied and d.entities[rel.tail].mentions:
            # the sentence speaks in the report's own voice; this one names the agency
            ctx = b.sentence(d, report, d.entities[rel.tail].mentions[0][0])
            if ctx is not None:
                st.add((K.contextEvidence, ctx))
    add_observations(b, d, report, rid_, regions)
    for a in d.amounts:
        pairs = b.node(R(f"amount/{rid_}/{a.start}-{a.end}"))
        pairs.update(((A, S.MonetaryAmount), (S.value, dec(a.value)), (S.currency, lit("CNY")),
                      (K.surface, lit(a.text, "zh")), (K.inDocument, report), (K.startOffset, str(a.start)),
                      (K.endOffset, str(a.end))))
        if a.upper is not None:
            pairs.add((S.maxValue, dec(a.upper)))
        if a.approximate:
            pairs.add((K.approximate, "true"))
        if a.qualifier:
            pairs.add((K.qualifier, lit(a.qualifier)))
        sent = b.sentence(d, report, a.start)
        if sent is not None:
            pairs.add((K.inSentence, sent))
    for link in d.amount_links:
        a = d.amounts[link.amount]
        node = R(f"amount/{rid_}/{a.start}-{a.end}")
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
