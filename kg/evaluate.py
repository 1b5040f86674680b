"""Extraction quality against hand annotations (``kg evaluate``).

A gold file per report (``<stem>.json``: entities with name, type and aliases,
amounts with their value in yuan, relations by head/rel/tail names, the format
of ``../shared/gold/GUIDELINES.md``) is compared with what :func:`kg.extract.extract`
finds in the report, resolved into graph nodes as ``kg build`` resolves them.
The matching rules are the team scorer's: an entity matches a gold entity of
its type when one of its names equals the gold name or an alias (after NFKC,
whitespace, bracket and quote normalisation); amounts match as a multiset of
values; a relation matches when both ends and the predicate do
(``cooperatesWith`` either way).  The lenient row accepts a name that contains
the other when the shorter is at least half the longer: the gap between the two
rows is boundary errors.

Everything runs in-process on extracted facts, so it is fast enough to run
inside a cross-validation loop (:mod:`kg.learn`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .extract import DocFacts
from .identity import resolve, summarize

TYPES = ("Enterprise", "GovernmentAgency", "Organization", "Region", "Program", "PolicyDocument", "Project",
         "Person", "Industry")
RELATIONS = ("participatesIn", "undertakes", "cooperatesWith", "acquiredBy", "issuedBy", "locatedIn")
_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "“": None, "”": None, '"': None, "《": None,
                       "》": None})


def norm(s: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", s or "")).translate(_FOLD)


class GoldError(ValueError):
    """A gold file that cannot be read; the message names it."""


@dataclass
class Gold:
    doc: str
    entities: list[tuple[str, frozenset[str]]]  # type, normalised name and aliases
    amounts: list[float]
    relations: list[tuple[frozenset[str], str, frozenset[str]]]


def read_gold(path: Path) -> Gold:
    try:
        g = json.loads(path.read_text(encoding="utf-8"))
        ents = [(e["type"], frozenset({norm(e["name"]), *map(norm, e.get("aliases", []))})) for e in g["entities"]]
        names = {norm(e["name"]): labels for e, (_t, labels) in zip(g["entities"], ents, strict=True)}

        def lab(n: str) -> frozenset[str]:
            return names.get(norm(n), frozenset({norm(n)}))

        rels = [(lab(r["head"]), r["rel"], lab(r["tail"])) for r in g.get("relations", [])]
        return Gold(g["doc"], ents, [float(a["value"]) for a in g.get("amounts", [])], rels)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise GoldError(f"{path}: not a gold file: {e}") from None


@dataclass
class Predicted:
    entities: list[tuple[str, frozenset[str]]]
    amounts: list[float]
    relations: list[tuple[frozenset[str], str, frozenset[str]]]


def predicted(facts: DocFacts) -> Predicted:
    """The entities, amounts and relations ``kg build`` would write for one report."""
    nodes = resolve([summarize(facts)])[facts.doc_id]
    seen: dict[str, tuple[str, frozenset[str]]] = {}
    for n in nodes:
        seen.setdefault(n.iri, (n.type, frozenset(map(norm, n.names))))
    rels = []
    for r in facts.relations:
        h, t = nodes[r.head], nodes[r.tail]
        if h.iri != t.iri and r.rel in RELATIONS:  # headquartersIn and the like are not scored
            rels.append((seen[h.iri][1], r.rel, seen[t.iri][1]))
    return Predicted(list(seen.values()), [float(a.value) for a in facts.amounts], sorted(set(rels), key=repr))


def _near(a: str, b: str) -> bool:
    if a == b:
        return True
    s, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(s) >= 2 and 2 * len(s) >= len(long_) and s in long_


@dataclass
class Tally:
    counts: dict[str, Counter] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, pred: int, gold: int, tp_p: int, tp_r: int) -> None:
        self.counts.setdefault(key, Counter()).update(pred=pred, gold=gold, tp_p=tp_p, tp_r=tp_r)

    def merge(self, other: Tally) -> None:
        for k, c in other.counts.items():
            self.counts.setdefault(k, Counter()).update(c)
        for src, dst in ((other.missed, self.missed), (other.spurious, self.spurious)):
            for k, v in src.items():
                dst.setdefault(k, []).extend(v)

    def prf(self, key: str) -> tuple[float, float, float, int, int]:
        c = self.counts.get(key, Counter())
        p = c["tp_p"] / c["pred"] if c["pred"] else (1.0 if not c["gold"] else 0.0)
        r = c["tp_r"] / c["gold"] if c["gold"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, c["gold"], c["pred"]


def score(gold: Gold, pred: Predicted) -> Tally:
    """One report's counts per type, amounts, relations, micro and lenient rows."""
    t = Tally()
    for ty in TYPES:
        gl = [g for tt, g in gold.entities if tt == ty]
        pl = [p for tt, p in pred.entities if tt == ty]
        tp_p = sum(1 for p in pl if any(p & g for g in gl))
        tp_r = sum(1 for g in gl if any(p & g for p in pl))
        t.add(ty, len(pl), len(gl), tp_p, tp_r)
        t.add("ENTITIES(micro)", len(pl), len(gl), tp_p, tp_r)
        t.add("ENTITIES(lenient)", len(pl), len(gl),
              sum(1 for p in pl if any(_near(x, y) for g in gl for x in p for y in g)),
              sum(1 for g in gl if any(_near(x, y) for p in pl for x in p for y in g)))
        tag = f"{gold.doc} {ty}"
        t.missed[tag] = [min(g) for g in gl if not any(p & g for p in pl)]
        t.spurious[tag] = [min(p) for p in pl if not any(p & g for g in gl)]
    left = list(pred.amounts)
    hit = 0
    for v in gold.amounts:
        for i, w in enumerate(left):
            if abs(v - w) <= 1e-6 * max(1.0, abs(v)):
                hit += 1
                del left[i]
                break
    t.add("amounts", len(pred.amounts), len(gold.amounts), hit, hit)

    def match(p: tuple, g: tuple) -> bool:
        if p[1] != g[1]:
            return False
        return bool((p[0] & g[0]) and (p[2] & g[2])) or (p[1] == "cooperatesWith" and bool(p[0] & g[2] and p[2] & g[0]))

    t.add("relations", len(pred.relations), len(gold.relations),
          sum(1 for p in pred.relations if any(match(p, g) for g in gold.relations)),
          sum(1 for g in gold.relations if any(match(p, g) for p in pred.relations)))
    return t


ROWS = (*TYPES, "amounts", "relations", "ENTITIES(micro)", "ENTITIES(lenient)")


def table(t: Tally) -> str:
    lines = [f"{'':18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    for k in ROWS:
        p, r, f, g, n = t.prf(k)
        lines.append(f"{k:18} {p:6.3f} {r:6.3f} {f:6.3f} {g:5d} {n:5d}")
    return "\n".join(lines)


def gold_files(gold_dir: Path) -> list[Path]:
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise GoldError(f"{gold_dir}: no gold files (*.json)")
    return files


def evaluate(pairs: Iterable[tuple[Gold, DocFacts]]) -> Tally:
    total = Tally()
    for gold, facts in pairs:
        total.merge(score(gold, predicted(facts)))
    return total


def load_pairs(gold_dir: Path, docs_dir: Path, lexicon: tuple = ()) -> list[tuple[Gold, DocFacts]]:
    """Each gold file with the facts extracted from its report in ``docs_dir``."""
    from .build import read_report
    from .extract import extract

    pairs = []
    for gf in gold_files(gold_dir):
        gold = read_gold(gf)
        path = docs_dir / gold.doc
        try:
            _data, text, _warnings = read_report(path)
        except (OSError, ValueError) as e:
            raise GoldError(f"{path}: cannot read the report of {gf.name}: {e}") from None
        pairs.append((gold, extract(text, path.name, lexicon=lexicon)))
    return pairs
