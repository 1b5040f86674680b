"""Regions: gazetteer divisions, towns and villages, development zones.

Also records where place names (full or short, 潜江市/潜江) start, because
enterprise and agency names of the genre usually begin with one
(``doc.user_data["kg_place_starts"]``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, cut_left, doc_text, is_cjk, name_run
from .gazetteer import gazetteer
from .lexicon import CJK, LEFT_TRIGGERS

_TRIGGER_WORDS = set(LEFT_TRIGGERS) | {"会同", "和", "代", "通道", "于", "在", "为"}

MACRO_REGIONS = ("长三角", "珠三角", "京津冀", "粤港澳大湾区", "长江经济带", "成渝地区双城经济圈", "长株潭", "中原城市群")
# two-character county names that are everyday words in this genre
_COMMON_DIVISIONS = {"城区", "郊区", "矿区", "新区", "市区", "东区", "西区", "南区", "北区", "中区", "市中区", "高新区"}
# stems that turn 镇/村/乡 into common nouns: 城镇, 乡村, 贫困村
_TOWN_STOP = set(
    "城乡村农古小全各本该每新老大集山一二三两几多特重示贫边强名美和政报对向在为于到至帮"
)
_ZONE = re.compile(
    r"(经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|开发区|工业园区|工业集聚区|工业聚集区|集聚区|经开区|新区|保税区|综合保税区|自贸区)"
)
_TOWN = re.compile(r"镇|乡|街道|村|社区")
_STEM = re.compile(rf"[{CJK}]{{2}}")
_PLACEHOLDER = re.compile(r"X{2}(?:省|市|县|区|镇|乡)")


def place_starts(text: str) -> tuple[set[int], list[tuple[int, int, str]]]:
    """Start offsets of every place name, and the full-name matches (longest
    name first, left to right, names not overlapping)."""
    names, lengths, pairs = _place_index()
    starts: set[int] = set()
    full: list[tuple[int, int, str]] = []
    n = len(text)
    pos = 0
    # one position in a hundred opens a name: let the regex engine skip to those that may
    while (m := pairs.search(text, pos)) is not None:
        i = m.start()
        hit = 0
        for ln in lengths.get(text[i : i + 2], ()):
            w = text[i : i + ln]
            kind = names.get(w)
            if kind is not None and i + ln <= n:
                starts.add(i)
                if kind:
                    full.append((i, i + ln, w))
                hit = ln
                break
        pos = i + (hit or 1)
    return starts, full


@lru_cache(maxsize=1)
def _place_index() -> tuple[dict[str, bool], dict[str, tuple[int, ...]], re.Pattern]:
    """name -> is a full division name; first two characters -> name lengths,
    longest first; a pattern of [first characters][second characters]."""
    gz = gazetteer()
    names: dict[str, bool] = {w: False for w in gz.by_short}
    names.update({w: False for w in ("中国", "中华", "全国")})
    names.update({w: True for w in gz.by_name})
    lengths: dict[str, set[int]] = {}
    for w in names:
        if len(w) >= 2:
            lengths.setdefault(w[:2], set()).add(len(w))
    firsts, seconds = ("".join(sorted({k[j] for k in lengths})) for j in (0, 1))
    pairs = re.compile(f"[{re.escape(firsts)}][{re.escape(seconds)}]")
    return names, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}, pairs


class _Places:
    def __contains__(self, w: str) -> bool:
        gz = gazetteer()
        return w in gz.by_name or w in gz.by_short


_PLACES = _Places()


@Language.factory("kg_regions", default_config={"min_town_stem": 2})
class RegionExtractor:
    """Named administrative places, zones and macro-regions."""

    def __init__(self, nlp: Language, name: str, min_town_stem: int):
        self.min_town_stem = min_town_stem

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, full = place_starts(text)
        placeholder_matches = list(_PLACEHOLDER.finditer(text))
        starts.update(m.start() for m in placeholder_matches)
        doc.user_data["kg_place_starts"] = anchors = sorted(starts)
        gz = gazetteer()
        for s, e, w in full:
            short = gz.by_name[w][0].short
            if w in _COMMON_DIVISIONS or short in _TRIGGER_WORDS or (len(w) == 2 and s > 0 and is_cjk(text[s - 1])):
                continue
            add_candidate(doc, s, e, "Region", priority=2)
        placeholders = [m.group(0) for m in placeholder_matches]
        for m in placeholder_matches:
            add_candidate(doc, m.start(), m.end(), "Region", priority=2)
        if placeholders:
            # an anonymised report writes its own place as XX县 and, after a verb, bare XX
            own = max(sorted(set(placeholders)), key=placeholders.count)
            for m in re.finditer(r"(?<=迁入|落户|入驻|位于|落地|扎根)XX(?![A-Za-z\u4e00-\u9fff])"
                                 r"|(?<=在)XX(?=设立|建立|建设|新建|兴建|投资|布局|落户|成立)", text):
                add_candidate(doc, m.start(), m.end(), "Region", name=own, priority=2)
        for w in MACRO_REGIONS:
            for m in re.finditer(re.escape(w), text):
                add_candidate(doc, m.start(), m.end(), "Region", priority=2)
        for m in _ZONE.finditer(text):
            s = cut_left(text, name_run(text, m.start(), 10), m.start(), min_len=2, anchors=anchors)
            if m.group(1) == "经开区" and m.start() - s < 2:
                s = m.start() - 1 if m.start() > 0 and text[m.start() - 1] in "省市县区" else m.start()
            elif m.start() - s < 2:
                continue
            add_candidate(doc, s, m.end(), "Region", priority=3)
        for m in _TOWN.finditer(text):
            if m.group(0) in "乡村" and text.startswith("镇", m.end()):
                continue  # 会同乡镇、街道; 村镇: the common nouns, not a place
            s = m.start() - self.min_town_stem
            stem = text[s : m.start()]
            if s < 0 or not _STEM.fullmatch(stem) or stem[-1] in _TOWN_STOP or stem[0] in "的和与在是对为各全本该个帮":
                continue
            # a place name right before belongs to it: 北京中关村
            for k in range(2, 5):
                if s - k >= 0 and (s - k) in starts and text[s - k : s] in _PLACES:
                    s -= k
                    break
            add_candidate(doc, s, m.end(), "Region", priority=1)
        return doc
