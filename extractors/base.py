"""What every extractor shares: the span group it writes to, name boundaries.

Extractors write candidate entity spans into ``doc.spans[CANDIDATES]`` with the
entity type as label; :mod:`extractors.resolver` later settles overlaps and
merges aliases into ``doc.spans[ENTITIES]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span

from .lexicon import CJK, LEFT_TRIGGERS

CANDIDATES = "kg_candidates"
ENTITIES = "kg_entities"

for _name in ("kg_relations", "kg_amounts", "kg_observations", "kg_entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def span_attrs(doc: Doc, span: Span) -> dict:
    """What the extractors said about a candidate span: name, aliases, priority.

    Kept per (start, end, label) in ``doc.user_data``: two candidates over the
    same characters with different types must not share them.
    """
    return doc.user_data.setdefault("kg_span_attrs", {}).setdefault(
        (span.start_char, span.end_char, span.label_), {"name": None, "aliases": (), "priority": 0})


def entity_of(doc: Doc, span: Span) -> int:
    """Index into ``doc._.kg_entities`` of an entity mention span."""
    return doc.user_data["kg_entity_of"][(span.start_char, span.end_char, span.label_)]


def doc_text(doc: Doc) -> str:
    """The document's text, computed once (``Doc.text`` rebuilds it from tokens)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def add_candidate(
    doc: Doc,
    start: int,
    end: int,
    label: str,
    *,
    name: str | None = None,
    aliases: Iterable[str] = (),
    priority: int = 0,
) -> Span | None:
    """Add an entity candidate for characters ``start:end`` of the text."""
    if end <= start:
        return None
    span = doc.char_span(start, end, label=label, alignment_mode="strict")
    if span is None:
        return None
    # extension values live with (start, end, label): a second extractor proposing
    # the same span must not lower what the first one said about it
    table = doc.user_data.setdefault("kg_span_attrs", {})
    key = (start, end, label)
    a = table.get(key)
    if a is not None:
        a["priority"] = max(a["priority"], priority)
        a["aliases"] = tuple(dict.fromkeys((*a["aliases"], *aliases)))
        a["name"] = a["name"] or name
        return span
    table[key] = {"name": name, "aliases": tuple(aliases), "priority": priority}
    group = doc.spans.setdefault(CANDIDATES, [])
    group.append(span)
    return span


def alternation(words: Iterable[str]) -> str:
    """A regex alternative of literal ``words``, longest first (so the longest wins)."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_NAME_CHAR = re.compile(rf"[{CJK}A-Za-z0-9·()+\-]")
_ENUMERATOR = re.compile(r"\([一二三四五六七八九十\d]+\)")
_YEAR = re.compile(r"\d{4}年度?(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?")  # a date before a name


# a bracket that ends a name rather than sits in one: an enumerator (三), a gloss (简称某某)
_BOUNDARY_BRACKET = re.compile(r"\((?:[一二三四五六七八九十\d]+|(?:以下)?(?:简称|下称)[^()]*)\)")


def name_run(text: str, end: int, max_len: int = 24) -> int:
    """Start of the longest run of name characters ending at ``end``; brackets
    inside a name (华为(潜江)…) are part of it, an enumerator or a gloss is not."""
    i = end
    depth = 0
    close = -1
    while i > 0 and end - i < max_len:
        ch = text[i - 1]
        if ch == ")":
            depth += 1
            if depth == 1:
                close = i
        elif ch == "(":
            if depth == 0:
                break
            depth -= 1
            if depth == 0 and _BOUNDARY_BRACKET.fullmatch(text, i - 1, close):
                return close
        if not _NAME_CHAR.match(ch):
            break
        i -= 1
    return i


ENDS_WITH_TRIGGER = re.compile(f"(?:{alternation(LEFT_TRIGGERS)})$")
LEADING_TRIGGER = re.compile(alternation(LEFT_TRIGGERS))
_SOFT = {"和", "及", "与", "同", "以及"}
_HARD_RE = re.compile(alternation(t for t in LEFT_TRIGGERS if t not in _SOFT))


_SOFT_RE = re.compile(alternation(_SOFT))


def cut_left(
    text: str,
    start: int,
    end: int,
    min_len: int = 2,
    anchors: Sequence[int] = (),
    soft_inside: bool = False,
    keep_soft: bool = False,
) -> int:
    """Where a name ending at ``end`` begins inside the run ``start:end``.

    The rightmost trigger word (verb, preposition, conjunction) that leaves at
    least ``min_len`` characters ends the left context (``keep_soft``: only
    verbs and prepositions do, for names that coordinate: 电力和通信保障工程).  A place name
    (``anchors``: sorted positions where a gazetteer name starts) further left still
    opens the name when only conjunctions lie between, since names of the genre
    do contain them (冷水滩区科技和工业信息化局).
    """
    run = text[start:end]
    cut = 0
    for m in (_HARD_RE if keep_soft else LEADING_TRIGGER).finditer(run):
        if len(run) - m.end() >= min_len:
            cut = max(cut, m.end())
    begin = start + cut
    for a in anchors[bisect_left(anchors, start) : bisect_left(anchors, begin)]:
        if not _HARD_RE.search(text[a:end]) and (soft_inside or not _SOFT_RE.search(text[a:end])):
            begin = a
            break
    m = _YEAR.match(text, begin)
    if m and end - m.end() >= min_len:
        begin = m.end()
    m = _ENUMERATOR.match(text, begin)
    if m and end - m.end() >= min_len:
        begin = m.end()
    return begin


def runs_with(text: str, chars: re.Pattern, *need: tuple[str, ...]) -> list[tuple[int, int]]:
    """Maximal runs of the characters ``chars`` matches that contain a word of
    each group in ``need``.  A pattern made of those characters and needing
    those words can only match inside such a run; searching only there keeps
    patterns with nested repeats from backtracking across the whole text."""
    first, *rest = (_words(ws) for ws in need)
    runs: list[tuple[int, int]] | None = None
    starts: list[int] = []
    out: list[tuple[int, int]] = []
    seen = -1
    for m in first.finditer(text):  # the runs around the first group's words, found in C
        if runs is None:
            runs = [r.span() for r in chars.finditer(text)]
            starts = [a for a, _ in runs]
        i = bisect_left(starts, m.start() + 1) - 1
        if i <= seen:
            continue
        a, b = runs[i]
        if a <= m.start() and m.end() <= b:
            seen = i
            if all(rx.search(text, a, b) for rx in rest):
                out.append((a, b))
    return out


@lru_cache(maxsize=64)
def _words(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(alternation(words))


def is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{CJK}]", ch))


SENT_END = re.compile(r"[。!?;!?;\n]+")


def doc_sentences(doc: Doc) -> list[tuple[int, int]]:
    """:func:`sentences` of the document's text, computed once."""
    sents = doc.user_data.get("kg_sentences")
    if sents is None:
        sents = doc.user_data["kg_sentences"] = sentences(doc_text(doc))
    return sents


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of the text: split at 。!?; and line ends."""
    out = []
    pos = 0
    for m in SENT_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start() + (1 if text[m.start()] != "\n" else 0)))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]
