"""Settle overlapping candidates and merge the names of one thing.

Within one report: the longest, most specific candidate wins an overlap; short
names are folded into the full name they abbreviate (弘盛环保 ->
淮南弘盛环保科技有限公司, 区经信局 -> 大通区经济和信息化局); every further
occurrence of a known name becomes a mention.  The result is
``doc._.kg_entities``: a list of :class:`EntityRecord`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .base import CANDIDATES, ENTITIES, alternation, doc_text, span_attrs
from .gazetteer import gazetteer
from .lexicon import ENTERPRISE_SUFFIXES, TRADE_WORDS

_PARK = re.compile(r"(?:园|园区|集聚区|小镇)(?:[一二三四五六七八九十]期)?$")
_TRIMMABLE = {"Program", "Project", "Industry"}
_HOSTS = {"GovernmentAgency", "PolicyDocument", "Organization", "Enterprise"}
TYPE_ORDER = ("PolicyDocument", "Project", "Enterprise", "Organization", "GovernmentAgency", "Program",
              "Person", "Region", "Industry")


@dataclass
class EntityRecord:
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return {self.name} | self.aliases


# a common two-character word typed twice (科技科技); not any repeated pair: 企业创业创新 repeats 业创
_STUTTER_WORDS = sorted({w for w in TRADE_WORDS if len(w) == 2} | {
    "项目", "工程", "企业", "产业", "工业", "经济", "建设", "发展", "创新", "技术", "科技", "信息", "服务", "管理",
    "安全", "生产", "制造", "资金", "专项", "示范", "计划", "行动"})
_STUTTER = re.compile("(" + "|".join(_STUTTER_WORDS) + r")\1")


@lru_cache(maxsize=65536)  # the same surfaces recur in every report
def clean_name(s: str) -> str:
    """The name a surface stands for: quotes trimmed, brackets half-width, and a
    word typed twice in a row once (申报科技科技攻关项目: scraped reports drop
    and repeat characters; names do not repeat a two-character word)."""
    s = s.strip().strip("“”\"'《》")
    s = s.replace("(", "(").replace(")", ")")
    return _STUTTER.sub(r"\1", s) if len(s) >= 4 else s


_LEGAL = re.compile(f"(?:{alternation(ENTERPRISE_SUFFIXES)})$")
_TRADE = tuple(sorted(TRADE_WORDS, key=len, reverse=True))
_TOPONYM_END = set("江河湖山溪峰岭湾洲岛")


@lru_cache(maxsize=65536)
def _strip_places(name: str) -> str:
    gz = gazetteer()
    changed = True
    while changed:
        changed = False
        for ln in range(min(8, len(name) - 2), 1, -1):
            head = name[:ln]
            if head in gz.by_name or head in gz.by_short or head in ("中国", "XX"):
                if head not in gz.by_name and name[ln] in _TOPONYM_END:
                    continue  # 清水|江磷化工: 清水江 is a river's name, longer than the place 清水
                if name[ln:].startswith(_TRADE) or name[ln] == "新" and name[ln + 1 :].startswith(_TRADE):
                    break  # 山西|广丰新能源: a place name used as the trade name stays
                name = name[ln:]
                changed = True
                break
        if name.startswith(("(", "(")) and ")" in name:
            name = name[name.index(")") + 1 :]
            changed = True
    return name


@lru_cache(maxsize=65536)
def enterprise_stem(name: str) -> str:
    """淮南弘盛环保科技有限公司 -> 弘盛环保科技; 原立特光电公司 -> 立特光电."""
    stem = _LEGAL.sub("", name)
    stem = re.sub(r"^原", "", stem)
    return _strip_places(stem) or stem


@lru_cache(maxsize=65536)
def short_forms(full: str) -> tuple[str, ...]:
    """Short names a report may use for a full enterprise name: trade name +
    first trade word (弘盛环保)."""
    stem = enterprise_stem(full)
    out = []
    for k in (2, 3):
        rest = stem[k:]
        for w in _TRADE:
            if rest.startswith(w):
                out.append(stem[:k] + w)
                break
    # 邢州钢构科技 -> 邢州钢构, 华泽农机装备 -> 华泽农机: the trade name without the trailing trade words
    rest = stem
    while (w := next((w for w in _TRADE if rest.endswith(w) and len(rest) - len(w) >= 4), None)) is not None:
        rest = rest[: -len(w)]
        out.append(rest)
    out = [s for s in out if len(s) >= 4 and s != stem]
    if len(stem) >= 4 and stem != full:
        out.append(stem)  # 湖北鄂南石材股份有限公司 -> 鄂南石材: the name without place and legal form
    return tuple(dict.fromkeys(out))


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


@lru_cache(maxsize=65536)
def agency_abbreviates(short: str, full: str) -> bool:
    """区经信局 abbreviates 大通区经济和信息化局: same last character, the
    short form's characters in order, its core opening the full core."""
    if short == full or len(short) >= len(full) or short[-1] != full[-1]:
        return False
    core = short[1:] if short[0] in "省市县区镇乡" else short
    if len(core) < 3 or not _is_subsequence(short, full):
        return False
    i = full.find(short[0]) if short[0] in "省市县区镇乡" else -1
    fcore = full[i + 1 :] if i >= 0 else _strip_places(full)
    return fcore.startswith(core[0])


@Language.factory("kg_resolver", default_config={"min_mention_len": 3})
class EntityResolver:
    """One :class:`EntityRecord` per distinct thing in the document."""

    def __init__(self, nlp: Language, name: str, min_mention_len: int):
        self.min_mention_len = min_mention_len

    def __call__(self, doc: Doc) -> Doc:
        # (start, end, label, priority, span): Span offsets are computed on each access
        cands = [(sp.start_char, sp.end_char, sp.label_, span_attrs(doc, sp)["priority"], sp)
                 for sp in doc.spans.get(CANDIDATES, [])]
        cands.sort(key=lambda c: (-c[3], c[0] - c[1], c[0], c[2]))
        taken = bytearray(len(doc_text(doc)) + 1)
        accepted: list[tuple] = []
        nested: list[tuple] = []
        hosts = [(c[0], c[1]) for c in cands if c[2] in _HOSTS]
        inner = doc.user_data.get("kg_inner_regions", ())
        for c in cands:
            s, e, label, prio, sp = c
            if prio == 0 and label == "Region" and (s, e) in inner:
                continue  # a place inside another name: only as part of a project or program name
            quoted = label == "Program" and prio >= 6
            if quoted and any(hs < s and e < he for hs, he in hosts):
                nested.append(c)  # quoted inside a longer name: 县“百企帮百村”…办公室
                continue
            if any(taken[s:e]):
                if quoted and all(taken[s:e]):
                    nested.append(c)  # a quoted program inside a title or agency name
                    continue
                # a name whose opening characters belong to a stronger name: 证监会|IPO绿色通道
                k = s
                while k < e and taken[k]:
                    k += 1
                if label in _TRIMMABLE and e - k >= 3 and not any(taken[k:e]):
                    trimmed = doc.char_span(k, e, label=label)
                    if trimmed is None:
                        continue
                    span_attrs(doc, trimmed).update(span_attrs(doc, sp), name=None)
                    c = (k, e, label, prio, trimmed)
                    s = k
                else:
                    continue
            taken[s:e] = b"\x01" * (e - s)
            accepted.append(c)
        # agencies, organisations, regions and quoted programs named inside a document title
        # (and provinces/cities named inside program and project names: 安徽省专精特新冠军企业)
        titles = [(c[0], c[1]) for c in accepted if c[2] == "PolicyDocument"]
        host_starts = {c[0]: c[1] for c in accepted if c[2] in ("Program", "Project")}
        project_starts = {c[0]: c[1] for c in accepted if c[2] == "Project"}
        # the places an agency's name opens with name places the report means (眉山市丹棱县经信局):
        # the place, and a place right after it, are Region mentions too
        agency_ends = {c[0]: c[1] for c in accepted if c[2] == "GovernmentAgency"}
        text = doc_text(doc)
        inner_taken = bytearray(len(text) + 1)
        for c in sorted(cands, key=lambda c: (c[0], c[0] - c[1])):  # left to right: 眉山市|丹棱县|经信局
            s, e, label = c[0], c[1], c[2]
            if label not in ("GovernmentAgency", "Region", "Enterprise", "Organization"):
                continue
            if label == "Enterprise":  # the firm a project is named after: 长城汽车|项目
                pe = project_starts.get(s, -1)
                if pe > e and _PARK.search(text, e, pe) and not text.endswith(("公司", "集团"), s, e) \
                        and text.count(text[s:e]) < 2:
                    continue  # 襄都汽车零部件产业园: a park named after its place and trade, no firm
                if pe > e and not any(inner_taken[s:e]):
                    inner_taken[s:e] = b"\x01" * (e - s)
                    nested.append(c)
                continue
            inside_title = any(ts <= s and e <= te for ts, te in titles)
            inside_host = label == "Region" and (host_starts.get(s, -1) > e or (
                c[3] == 0 and (s, e) in inner and any(hs < s and e <= he for hs, he in host_starts.items())))
            opens_agency = label == "Region" and agency_ends.get(s, -1) > e
            if (inside_title or inside_host or opens_agency) and not any(inner_taken[s:e]):
                inner_taken[s:e] = b"\x01" * (e - s)
                nested.append(c)
                if opens_agency:
                    agency_ends[e] = agency_ends[s]
        accepted.extend(nested)
        accepted.sort(key=lambda c: (c[0], c[1]))

        records: dict[tuple[str, str], EntityRecord] = {}
        for s0, e0, label, _prio, sp in accepted:
            attrs = span_attrs(doc, sp)
            surface = clean_name(text[s0:e0])
            name = clean_name(attrs["name"] or surface)
            if len(name) < 2:
                continue
            rec = records.setdefault((label, name), EntityRecord(label, name))
            rec.aliases.update(clean_name(a) for a in attrs["aliases"])
            if surface != name and len(surface) >= 2:
                rec.aliases.add(surface)  # the form the text uses (XX for XX县)
            rec.mentions.append((s0, e0))
        self._merge(records)
        ents = self._dedupe(records)
        self._more_mentions(doc_text(doc), ents, taken)
        ents.sort(key=lambda r: (TYPE_ORDER.index(r.type), r.name))
        doc._.kg_entities = ents
        spans = []
        entity_index = doc.user_data["kg_entity_of"] = {}
        for i, r in enumerate(ents):
            for s, e in r.mentions:
                sp = doc.char_span(s, e, label=r.type)
                if sp is not None:
                    entity_index[(s, e, r.type)] = i
                    spans.append(sp)
        doc.spans[ENTITIES] = sorted(spans, key=lambda sp: (sp.start_char, sp.end_char))
        return doc

    @staticmethod
    def _merge(records: dict[tuple[str, str], EntityRecord]) -> None:
        """Fold short names into the full names they abbreviate."""
        by_type: dict[str, list[EntityRecord]] = {}
        for rec in records.values():
            by_type.setdefault(rec.type, []).append(rec)
        ents = [(r, enterprise_stem(r.name))
                for r in sorted(by_type.get("Enterprise", []), key=lambda r: (-len(r.name), r.name))]
        for short, sstem in ents:
            if len(sstem) < 2:
                continue
            targets = [
                full for full, fstem in ents
                if full is not short and len(full.name) >= len(short.name)
                and fstem.startswith(sstem) and not getattr(full, "_merged", False)
            ]
            if len(targets) == 1:
                _fold(short, targets[0])
        agencies = sorted(by_type.get("GovernmentAgency", []), key=lambda r: (-len(r.name), r.name))
        for short in agencies:
            targets = [f for f in agencies if f is not short and agency_abbreviates(short.name, f.name)
                       and not getattr(f, "_merged", False)]
            if len(targets) == 1:
                _fold(short, targets[0])

    @staticmethod
    def _dedupe(records: dict[tuple[str, str], EntityRecord]) -> list[EntityRecord]:
        return [r for r in records.values() if not getattr(r, "_merged", False)]

    def _more_mentions(self, text: str, ents: list[EntityRecord], taken: bytearray) -> None:
        """Every other occurrence of a known name (or a short form the text
        uses for a full enterprise name) is a mention too."""
        # a short form two enterprises of the report share names neither (ambiguity check)
        owners: dict[str, int] = {}
        for rec in ents:
            if rec.type == "Enterprise":
                for sf in short_forms(rec.name):
                    owners[sf] = owners.get(sf, 0) + 1
        gz = gazetteer()
        # the place and sector mentions, by offsets, that a longer firm name may displace
        inner = {m: r for r in ents if r.type in ("Region", "Industry") for m in r.mentions}
        inner_starts = {a for a, _b in inner}
        for rec in ents:
            names = set(rec.names)
            if rec.type == "Enterprise":
                for sf in short_forms(rec.name):
                    if owners[sf] > 1 or sf in gz.by_name or sf in gz.by_short:
                        continue
                    if sf in text:
                        rec.aliases.add(sf)
                        names.add(sf)
            for nm in sorted(names, key=len, reverse=True):
                if len(nm) < self.min_mention_len:
                    continue
                s = text.find(nm)
                while s >= 0:
                    e = s + len(nm)
                    if not any(taken[s:e]) or (rec.type == "Enterprise" and not inner_starts.isdisjoint(range(s, e))
                                               and self._displace(s, e, inner, taken)):
                        taken[s:e] = b"\x01" * (e - s)
                        rec.mentions.append((s, e))
                    s = text.find(nm, e)
            rec.mentions.sort()
        ents[:] = [r for r in ents if r.mentions]

    @staticmethod
    def _displace(s: int, e: int, inner: dict[tuple[int, int], EntityRecord], taken: bytearray) -> bool:
        """天水|瑞雪乳业入选…: a firm's known name wins over the place or sector mentions inside it
        (the place was only the first word of the name); those mentions are dropped."""
        held = [(a, b) for a in range(s, e) for b in range(a + 1, e + 1) if (a, b) in inner] if taken[s] or taken[e - 1] else []
        if not held or sum(b - a for a, b in held) != sum(taken[s:e]):
            return False
        for h in held:
            inner.pop(h).mentions.remove(h)
            taken[h[0] : h[1]] = b"\x00" * (h[1] - h[0])
        return True


def _fold(short: EntityRecord, full: EntityRecord) -> None:
    full.aliases.add(short.name)
    full.aliases.update(short.aliases)
    full.mentions.extend(short.mentions)
    short._merged = True  # type: ignore[attr-defined]
