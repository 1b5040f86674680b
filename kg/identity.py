"""Which names are one entity: identity resolution across reports.

Entities named in several reports become one node: names are joined across
documents when they are equal (label or alias), and each node's IRI is derived
from its type and canonical label, so IRIs do not depend on the order in which
files are read.  Generic agency names (县经信局, 县委) are scoped by the region
the report is about, so two counties' bureaux stay two nodes.
"""

from __future__ import annotations

import bisect
import functools
import sys
from dataclasses import dataclass, field

from extractors.documents import DOC_NUMBER
from extractors.gazetteer import gazetteer

from .extract import DocFacts
from .turtle import R, iri_part

_LEVEL_CHARS = "省市县区镇乡"


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
class ViewAmount:
    """A money amount tied to an entity of the report, as the view's panel shows it."""

    entity: int | None  # index of the entity it measures (kgo:measures), if any
    program: int | None  # index of the program it came from (kgo:fundedBy), if any
    received: bool  # the entity received it (kgo:receivedFunding)
    value: str  # yuan, as a decimal string
    text: str  # the report's own wording
    metric: str


@dataclass(frozen=True)
class ViewIndicator:
    """A statistical indicator of the report (a Data Cube observation), as the panel shows it."""

    concept: str
    metric: str
    value: str
    unit: str
    status: str
    period: str  # "start/end", or ""
    text: str


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
    # the view's panel: amounts tied to entities, indicators (kept here so a rebuild shows them without the facts)
    amounts: tuple[ViewAmount, ...] = ()
    indicators: tuple[ViewIndicator, ...] = ()


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
    links = sorted((link for link in d.amount_links if link.entity is not None or link.program is not None),
                   key=lambda link: (d.amounts[link.amount].start, d.amounts[link.amount].end))
    amounts = tuple(ViewAmount(link.entity, link.program, link.received, str(d.amounts[link.amount].value),
                               d.amounts[link.amount].text, link.metric) for link in links)
    indicators = tuple(ViewIndicator(o.concept, o.metric if o.growth_of is None else "同比", str(o.value), o.unit,
                                     o.status, f"{o.period_start}/{o.period_end}" if o.period_start and o.period_end
                                     else "", d.text[o.start:o.end])
                       for o in sorted(d.observations, key=lambda o: (o.start, o.end)))
    return DocSummary(d.doc_id, d.filename, d.sha256, len(d.text), d.meta.region,
                      tuple((intern(e.type), intern(e.name), tuple(map(intern, e.aliases))) for e in d.entities),
                      tuple(len(e.mentions) for e in d.entities), tuple(firsts), amounts, indicators)


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


def resolve(docs: list[DocSummary]) -> dict[str, list[Node]]:
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
