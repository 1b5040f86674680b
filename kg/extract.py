"""Per-document extraction: text in, facts out.

:func:`extract` is a pure function of its arguments (no I/O, no global state
beyond the cached pipeline), so documents can be extracted in a process pool.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import extractors  # noqa: F401  (registers the pipeline components)
from extractors.amounts import Amount
from extractors.base import sentences
from extractors.indicators import Observation
from extractors.measures import AmountLink
from extractors.relations import RelationRecord
from extractors.user_lexicon import Entry

from .report import ReportMeta, read_meta

PIPELINE = ("kg_regions", "kg_organizations", "kg_programs", "kg_documents", "kg_projects", "kg_people",
            "kg_industries", "kg_amounts", "kg_indicators", "kg_user_lexicon", "kg_resolver", "kg_publisher", "kg_relations",
            "kg_measures")
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class EntityFact:
    type: str
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DocFacts:
    doc_id: str
    filename: str
    text: str
    sha256: str
    meta: ReportMeta
    entities: tuple[EntityFact, ...]
    relations: tuple[RelationRecord, ...]
    amounts: tuple[Amount, ...]
    observations: tuple[Observation, ...] = field(default=())
    amount_links: tuple[AmountLink, ...] = field(default=())
    sentences: tuple[tuple[int, int], ...] = field(default=())


class CharTokenizer:
    """One token per character, as spaCy's Chinese ``char`` segmenter makes them,
    without its alignment pass (7x faster): a single space after a token is
    that token's trailing whitespace, any other whitespace a token of its own.

    Words go to ``Doc`` as string-store IDs, looked up once per distinct
    character: ``Doc`` would otherwise hash every character's UTF-8 again."""

    def __init__(self, vocab):
        self.vocab = vocab
        self._orth: dict[str, int] = {}

    def _add(self, ch: str) -> int:
        orth = self._orth[ch] = self.vocab.strings.add(ch)
        return orth

    def __call__(self, text: str) -> Doc:
        words: list[int] = []
        spaces: list[bool] = []
        known = self._orth.get
        add = self._add
        # a space right after a non-whitespace character is that character's trailing space
        pieces = _TRAILING_SPACE.split(text)
        last = len(pieces) - 1
        for j, piece in enumerate(pieces):
            words.extend([known(ch) or add(ch) for ch in piece])
            spaces.extend([False] * len(piece))
            if j < last:  # not empty: it ends with the non-whitespace character
                spaces[-1] = True
        return Doc(self.vocab, words=words, spaces=spaces)


_TRAILING_SPACE = re.compile(r"(?<=\S) ")


@lru_cache(maxsize=4)
def pipeline(lexicon: tuple[Entry, ...] = ()) -> Language:
    """The spaCy pipeline: a character tokenizer, the rule-based extractors of
    :mod:`extractors` and the user's ``lexicon`` entries (type, name, aliases)."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    for name in PIPELINE:
        config = {"entries": [[t, n, list(a)] for t, n, a in lexicon]} if name == "kg_user_lexicon" else {}
        nlp.add_pipe(name, config=config)
    return nlp


def extract(text: str, filename: str, doc_id: str | None = None, lexicon: tuple[Entry, ...] = ()) -> DocFacts:
    """Extract the facts of one normalised report (``doc_id``: its id in the
    corpus, by default the file name without its suffix; ``lexicon``: the
    user's own names, see :mod:`extractors.user_lexicon`).  A report longer
    than ``CHUNK_CHARS`` is extracted in sentence-aligned chunks whose offsets
    are shifted back into the whole text."""
    stem = filename.rsplit(".", 1)[0]
    meta = read_meta(text, stem)
    parts = chunks(text, CHUNK_CHARS)
    if len(parts) == 1:
        ents, relations, amounts, observations, links = _extract_part(text, meta, lexicon)
        entities = tuple(
            EntityFact(e.type, e.name, tuple(sorted(e.aliases - {e.name})), tuple(sorted(set(e.mentions)))) for e in ents)
    else:
        entities, relations, amounts, observations, links = _merge(
            [(a, _extract_part(text[a:b], meta, lexicon)) for a, b in parts])
    return DocFacts(
        doc_id=doc_id or stem,
        filename=filename,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        meta=meta,
        entities=entities,
        relations=relations,
        amounts=amounts,
        observations=observations,
        amount_links=links,
        sentences=tuple(sentences(text)),
    )


# spaCy refuses texts over nlp.max_length (1,000,000 characters); chunks stay
# well below it, and the extractors' time grows faster than the text's length
CHUNK_CHARS = 100_000
_CHUNK_ENDS = "。!?！？\n"


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text``, each at most ``size`` characters,
    cut after the last sentence end (。!? or a line end) in the second half of
    the span; where there is none, at ``size``."""
    out, start = [], 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        end = max(text.rfind(ch, lo, hi) for ch in _CHUNK_ENDS) + 1
        end = end if end > lo else hi
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _extract_part(text: str, meta: ReportMeta, lexicon: tuple[Entry, ...] = ()) -> tuple:
    """The pipeline over ``text`` (a report, or a chunk of one): entity records,
    relations, amounts, observations, amount links, offsets into ``text``."""
    nlp = pipeline(lexicon)
    doc = nlp.make_doc(text)
    doc.user_data["kg_text"] = text  # Doc.text would rebuild it from 10^4 tokens
    doc.user_data["kg_publisher"] = meta.publisher
    doc.user_data["kg_region"] = meta.region
    doc.user_data["kg_year"] = int(meta.period_start[:4]) if meta.period_start else None
    doc.user_data["kg_plan_year"] = meta.plan_year
    doc.user_data["kg_period_start"] = meta.period_start
    doc.user_data["kg_period_end"] = meta.period_end
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return (list(doc._.kg_entities or ()), tuple(doc._.kg_relations or ()), tuple(doc._.kg_amounts or ()),
            tuple(doc._.kg_observations or ()), tuple(doc.user_data.get("kg_amount_links", ())))


def _merge(parts: list[tuple[int, tuple]]) -> tuple:
    """The facts of chunks as the facts of one text: every offset shifted by its
    chunk's start, entities of the same (type, name) merged (in order of first
    appearance), and the indexes into entities, amounts and observations
    renumbered."""
    index: dict[tuple[str, str], int] = {}
    names: list[tuple[str, str]] = []
    aliases: list[set[str]] = []
    mentions: list[set[tuple[int, int]]] = []
    relations: list[RelationRecord] = []
    amounts: list[Amount] = []
    observations: list[Observation] = []
    links: list[AmountLink] = []
    for off, (ents, rels, amts, obs, lks) in parts:
        emap = []
        for e in ents:
            i = index.get((e.type, e.name))
            if i is None:
                i = index[(e.type, e.name)] = len(names)
                names.append((e.type, e.name))
                aliases.append(set())
                mentions.append(set())
            aliases[i].update(e.aliases)
            mentions[i].update((s + off, t + off) for s, t in e.mentions)
            emap.append(i)
        relations.extend(replace(r, head=emap[r.head], tail=emap[r.tail], start=r.start + off, end=r.end + off)
                         for r in rels)
        a0, o0 = len(amounts), len(observations)
        amounts.extend(replace(a, start=a.start + off, end=a.end + off) for a in amts)
        observations.extend(replace(o, start=o.start + off, end=o.end + off,
                                    growth_of=None if o.growth_of is None else o.growth_of + o0) for o in obs)
        links.extend(replace(lk, amount=lk.amount + a0, entity=None if lk.entity is None else emap[lk.entity],
                             program=None if lk.program is None else emap[lk.program]) for lk in lks)
    entities = tuple(EntityFact(t, n, tuple(sorted(aliases[i] - {n})), tuple(sorted(mentions[i])))
                     for i, (t, n) in enumerate(names))
    return entities, tuple(relations), tuple(amounts), tuple(observations), tuple(links)
