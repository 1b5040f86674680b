"""Regions: gazetteer divisions, towns and villages, development zones.

Also records where place names (full or short, 潜江市/潜江) start, because
enterprise and agency names of the genre usually begin with one
(``doc.user_data["kg_place_starts"]``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .base import ENDS_WITH_TRIGGER, LEADING_TRIGGER, add_candidate, alternation, cut_left, doc_text, name_run
from .gazetteer import gazetteer
from .lexicon import CJK, LEFT_TRIGGERS, word_list

_TRIGGER_WORDS = set(LEFT_TRIGGERS) | {"会同", "和", "代", "通道", "于", "在", "为"}

MACRO_REGIONS = word_list("economic_areas")
_ECONOMIC_AREAS = re.compile(alternation(MACRO_REGIONS))
_SHORT_STOP = set(word_list("region_short_stop"))
# one-character names of provinces (闽 for 福建): 闽东南地区, 鄂西, 川南片区
_ABBREV = "闽粤苏浙皖赣湘鄂豫冀晋鲁川黔滇陕陇桂琼辽蒙"
_ABBREV_AREA = re.compile(rf"[{_ABBREV}](?:东南|西南|东北|西北|东|西|南|北|中)$")
_AREA_AFTER_ABBREV = re.compile("地区|片区|一带")
# a place followed by these names an area around it: 江汉平原, 武汉都市圈
_AREA_WORDS = "平原|盆地|流域|三角洲"
_AREA_SUFFIX = re.compile(rf"(?:{_AREA_WORDS})(?:经济区|经济带|城市群|都市圈|经济圈|城市圈)?|经济区|经济带|城市群|都市圈|经济圈|城市圈")
_AREA_WORD = re.compile(_AREA_WORDS)
_LEFT_CHARS = set("、,，;；:：(（“‘《<> \t\n|和与及在到赴至往从自于向对同经是由为将把")
# verbs that place something and words of extent before a place name: 地处A、B之间, 全宁波各区县
_PLACE_LEAD = re.compile(r"(?:地处|毗邻|邻近|紧邻|地跨|横跨|连接|途经|辐射|全)$")
_RIGHT_CHARS = set("、,，;；:：)）”’》<> \t\n|。和与及等")
_RIGHT_WORDS = re.compile(r"地区|一带|境内|片区|两地|三地|等地")
_RIGHT_NOT_PLACE = re.compile(r"路|街|大道|大学|学院|港|站|机场|银行|证券|日报|晚报|电视|卫视|地铁|话|菜|籍")
_LIST_SEPARATORS = set("、,，;；·|/ \t\n")
_BARE_ZONES = {"开发区", "经开区", "高新区", "园区", "新区"}
# a zone word after a verb (深入工业园区, 入驻园区) or a generic adjective is no name
_ZONE_VERBS = (
    "进入", "进驻", "走进", "迁入", "搬入", "回归", "返回", "建设", "管理", "服务", "提升", "增强", "完善", "优化", "壮大",
    "规范", "扩大", "做强", "做大", "做优", "整合", "整治", "拓展", "聚焦", "带动", "培育", "提高", "引导", "发展", "扶持",
    "鼓励", "入园", "布局", "覆盖", "推动", "规划", "创建", "认定", "升级", "改造", "提质", "扩容", "扩区", "调整", "整体",
    "全部", "所有", "部分", "支持", "保障", "激活", "盘活", "对标", "考核", "评价", "清理", "争创", "申报", "获批",
)
_ZONE_STEM_NOT_NAME = re.compile(f"(?:{alternation((*LEFT_TRIGGERS, *_ZONE_VERBS))})$")
_ZONE_LEAD = re.compile(alternation((*LEFT_TRIGGERS, *_ZONE_VERBS)))
_GENERIC_PARK_STEM = re.compile(
    r"(?:各类?|全[省市县区]|[省市县区]级|国家级?|重点|产业转移|承接|主要|相关|其他|现有|专业|特色|小微|双创|智慧|生态|循环|绿色|"
    r"现代|数字|标准化?|示范|工业|产业|科技|物流|创业|创新|农业|化工|文化|电商|高新|孵化|中小企业|企业|"
    r"该|本|各个|[一二三四五六七八九十两几多\d]+个?)+"
)
# two-character county names that are everyday words in this genre
_COMMON_DIVISIONS = {"城区", "郊区", "矿区", "新区", "市区", "东区", "西区", "南区", "北区", "中区", "市中区", "高新区"}
# stems that turn 镇/村/乡 into common nouns: 城镇, 乡村, 贫困村
_TOWN_STOP = set(
    "城乡村农古小全各本该每新老大集山一二三两几多特重示贫困边强名美和政报对向在为于到至帮回返下进入"
)
_ZONE = re.compile(
    r"(经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|开发区|工业园区|工业集聚区|工业聚集区|集聚区|经开区|"
    r"新区|保税区|综合保税区|自贸区|产业园区|园区)"
)
_TOWN = re.compile(r"镇|乡|街道|村|社区|苏木|嘎查")
# a town's own name runs from a clear left boundary (在薛家湾镇, 、布尔陶亥苏木); with one, only
# these end a stem as common words do (特色小镇, 城乡, 贫困村), not the verbs of _TOWN_STOP (选址龙回镇)
_TOWN_STEM_END_STOP = (_TOWN_STOP - set("回山")) | set("心")
_TOWN_WORDS = {"回乡", "返乡", "下乡", "还乡", "离乡", "家乡", "故乡", "老乡", "同乡", "城乡", "进村", "入村", "驻村", "到村",
               "下村", "进镇", "到镇", "入镇"}
_TOWN_STEM_STOP = re.compile(r"[的和与及在是对为各全本该个帮等了着镇乡村县旗]")
_STEM = re.compile(rf"[{CJK}]{{2}}")
# not XX市场, XX区域, nor a masked count of a category (排第x位、x县(市)排第x位)
_PLACEHOLDER = re.compile(r"(?:XX|xx|X|x)[省市县区镇乡](?![场域]|[(（][市区县])")
_PLACEHOLDER_STEM = re.compile(r"(?:XX|xx|X|x)$")


def place_starts(text: str) -> tuple[set[int], list[tuple[int, int, str]]]:
    """Start offsets of every place name, and the full-name matches (longest
    name first, left to right, names not overlapping)."""
    starts, matches = place_matches(text)
    return starts, [(s, e, w) for s, e, w, kind in matches if kind == FULL]


SHORT, FULL, ALT = 0, 1, 2


def place_matches(text: str) -> tuple[set[int], list[tuple[int, int, str, int]]]:
    """Start offsets of every place name, and every match (longest name first,
    left to right, not overlapping) with its kind: SHORT (潜江), FULL (潜江市),
    ALT (凉山州 for 凉山彝族自治州)."""
    names, lengths, pairs = _place_index()
    starts: set[int] = set()
    found: list[tuple[int, int, str, int]] = []
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
                found.append((i, i + ln, w, kind))
                hit = ln
                break
        pos = i + (hit or 1)
    return starts, found


@lru_cache(maxsize=1)
def _place_index() -> tuple[dict[str, int], dict[str, tuple[int, ...]], re.Pattern]:
    """name -> its kind; first two characters -> name lengths, longest first;
    a pattern of [first characters][second characters]."""
    gz = gazetteer()
    names: dict[str, int] = {w: SHORT for w in gz.by_short}
    names.update({w: SHORT for w in ("中国", "中华", "全国")})
    names.update({w: ALT for w in gz.by_alt})
    names.update({w: FULL for w in gz.by_name})
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
        return w in gz.by_name or w in gz.by_short or w in gz.by_alt


_PLACES = _Places()


@Language.factory("kg_regions", default_config={"min_town_stem": 2})
class RegionExtractor:
    """Named administrative places, zones and macro-regions."""

    def __init__(self, nlp: Language, name: str, min_town_stem: int):
        self.min_town_stem = min_town_stem

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, matches = place_matches(text)
        placeholder_matches = [m for m in _PLACEHOLDER.finditer(text) if not _is_latin(text, m.start() - 1)]
        starts.update(m.start() for m in placeholder_matches)
        gz = gazetteer()
        ends0 = {e: s for s, e, _w, _k in matches}
        # a county's short form glued to the word before it opens no name (组织|金鼎: not 织金)
        starts -= {s for s, e, w, kind in matches if kind == SHORT and w in gz.by_short
                   and all(d.level == "county" for d in gz.by_short[w]) and not _left_free(text, s, ends0)}
        doc.user_data["kg_place_starts"] = anchors = sorted(starts)
        for s, e, w, kind in matches:
            if kind == SHORT:
                continue
            short = (gz.by_name.get(w) or gz.by_alt[w])[0].short
            if w in _COMMON_DIVISIONS or short in _TRIGGER_WORDS or (len(w) == 2 and not _left_free(text, s, ())):
                continue
            if w.endswith("县") and short in _SHORT_STOP and not _left_free(text, s, ()):
                continue  # 矿产资源县 (a kind of county, like 农业县): the word 资源 and 县, not the county 资源县
            if kind == ALT and text.startswith("域", e):
                continue  # 河南县域经济: the province and 县域, not the county 河南县
            add_candidate(doc, s, e, "Region", priority=2)
        ends = {e: s for s, e, _w, _k in matches}  # where a place name ends -> where it starts
        covered = _Inside(matches)
        self._short_forms(doc, text, matches, starts, ends)
        placeholders = [m.group(0) for m in placeholder_matches]
        for m in placeholder_matches:
            add_candidate(doc, m.start(), m.end(), "Region", priority=2)
        if placeholders:
            # an anonymised report writes its own place as XX县 and, after a verb, bare XX
            own = max(sorted(set(placeholders)), key=placeholders.count)
            for m in re.finditer(r"(?<=迁入|落户|入驻|位于|落地|扎根)[Xx]{2}(?![A-Za-z\u4e00-\u9fff])"
                                 r"|(?<=在)[Xx]{2}(?=设立|建立|建设|新建|兴建|投资|布局|落户|成立)", text):
                add_candidate(doc, m.start(), m.end(), "Region", name=own, priority=2)
        for m in _ECONOMIC_AREAS.finditer(text):
            if m.start() not in covered:  # 江苏北部 is no 苏北
                area = _AREA_SUFFIX.match(text, m.end())  # 厦漳泉都市圈: the area with its kind
                if area and not text.endswith(area.group(0), m.start(), m.end()):
                    add_candidate(doc, m.start(), area.end(), "Region", aliases=(m.group(0),), priority=2)
                else:
                    add_candidate(doc, m.start(), m.end(), "Region", priority=2)
        self._counted_places(doc, text, matches)
        self._areas(doc, text, ends, covered)
        self._zones(doc, text, anchors, starts, ends)
        for m in _TOWN.finditer(text):
            if m.group(0) in "乡村" and text.startswith("镇", m.end()) or m.group(0) == "乡" and text.startswith("村", m.end()):
                continue  # 会同乡镇、街道; 村镇; 美丽乡村: the common nouns, not a place
            if m.start() in covered:
                continue  # the end of a county's name: 桐乡, 武乡
            if text[m.start() - 1 : m.end()] in _TOWN_WORDS:
                continue  # 回乡创业, 驻村帮扶: a verb and the common noun
            s = _town_start(text, m.start(), ends)
            if s is None:
                s = _listed_town(text, m.start(), m.end())
            # a town named from a clear boundary outranks a firm read into a list of places
            prio = 3 if s is not None and m.group(0) not in ("村", "社区") else 1
            if s is None:
                s = m.start() - self.min_town_stem
                stem = text[s : m.start()]
                if s < 0 or not _STEM.fullmatch(stem) or stem[-1] in _TOWN_STOP or stem[0] in "的和与在是对为各全本该个帮" \
                        or _ZONE.search(stem):
                    continue
            # a place's short name right before belongs to it: 北京中关村 (a county written in full
            # is a place of its own: 眉县|常兴镇)
            for k in range(2, 5):
                if s - k >= 0 and (s - k) in starts and text[s - k : s] in _PLACES and text[s - k : s] not in gz.by_name:
                    s -= k
                    break
            add_candidate(doc, s, m.end(), "Region", priority=prio)
        return doc

    @staticmethod
    def _short_forms(doc: Doc, text: str, matches, starts: set[int], ends: dict[int, int]) -> None:
        """Names written without their suffix: 山东, 青岛, 凉山, 东丽.

        A province or prefecture city short form names one place and fires where
        it opens a word (after punctuation, a verb or preposition, another
        place).  A county's short form is often an everyday word or shared by
        several counties: it fires only where the report also names the
        county's city or province, and with a boundary on both sides.  A short
        form that is an everyday word (长治, 朝阳) fires only where the full name
        is written too.  The full name, when written, names the Region."""
        gz = gazetteer()
        full_in_doc: dict[str, str] = {}  # division code -> the full form the text writes
        context: set[str] = set()
        for _s, _e, w, kind in matches:
            if kind == SHORT:
                context.add(w)
                continue
            for d in gz.by_name.get(w) or gz.by_alt.get(w) or ():
                full_in_doc.setdefault(d.code, w)
                context.update((d.name, d.short))
        if own := doc.user_data.get("kg_region"):
            context.add(own)
        inner = doc.user_data.setdefault("kg_inner_regions", set())
        for s, e, w, kind in matches:
            if kind != SHORT or w not in gz.by_short:
                continue
            if not _left_free(text, s, ends):
                # inside another name: a province or city there counts only within a project or
                # program name (中海某某惠州三期乙烯项目), which the resolver settles
                if any(d.level != "county" for d in gz.by_short[w]) and w not in _SHORT_STOP \
                        and w not in _TRIGGER_WORDS:
                    full = [full_in_doc[d.code] for d in gz.by_short[w] if d.code in full_in_doc]
                    if add_candidate(doc, s, e, "Region", name=full[0] if full else None,
                                     aliases=(w,) if full else (), priority=0) is not None:
                        inner.add((s, e))
                continue
            divs = gz.by_short[w]
            written = [full_in_doc[d.code] for d in divs if d.code in full_in_doc]
            if written:
                add_candidate(doc, s, e, "Region", name=written[0], aliases=(w,), priority=1)
                continue
            if w in _SHORT_STOP or w in _TRIGGER_WORDS or w in _COMMON_DIVISIONS:
                continue
            if _RIGHT_NOT_PLACE.match(text, e):
                continue  # 北京路, 青岛港, 山东大学
            if any(d.level != "county" for d in divs):
                # set off on both sides (赴山东、青岛等地) it is a place even where a list
                # of enterprises is read into it (与深圳、东莞等地企业)
                delimited = e >= len(text) or text[e] in _RIGHT_CHARS or not _cjk(text[e])
                add_candidate(doc, s, e, "Region", priority=3 if delimited else 1)
                continue
            placed = any(p.name in context or p.short in context for d in divs for p in gz.parents(d))
            if placed and _right_free(text, e, starts):
                add_candidate(doc, s, e, "Region", priority=1)

    @staticmethod
    def _counted_places(doc: Doc, text: str, matches) -> None:
        """A list of place names closed by its count or 等地 (临沂、日照两市, 甲、乙等地): every
        item is a place, even a short form that is an everyday word elsewhere (日照)."""
        gz = gazetteer()
        by_start = {s: (e, w) for s, e, w, _k in matches}
        for m in _PLACES_CLOSER.finditer(text):
            items: list[tuple[int, int]] = []
            e = m.start()
            while True:
                s = next((s for s in range(e - 2, max(-1, e - 9), -1) if by_start.get(s, (0,))[0] == e), None)
                if s is None:
                    break
                items.append((s, e))
                if s == 0 or text[s - 1] not in "、和及与":
                    break
                e = s - 1
            n = _count_word(m.group("n")) if m.group("n") else None
            if len(items) < 2 or (n is not None and n != len(items)):
                continue
            for s, e in items:
                w = text[s:e]
                # after 等地 a county's short form still needs its city named (岳麓 is no word, but may be
                # several counties'); a count of cities or counties (两市, 三县) settles it
                if n is None and w in gz.by_short and all(d.level == "county" for d in gz.by_short[w]):
                    continue
                add_candidate(doc, s, e, "Region", priority=3)

    @staticmethod
    def _areas(doc: Doc, text: str, ends: dict[int, int], covered: _Inside) -> None:
        """Areas named after provinces or places: 闽东南地区, 鄂西, 江汉平原."""
        for m in _AREA_AFTER_ABBREV.finditer(text):
            a = _ABBREV_AREA.search(text, max(0, m.start() - 3), m.start())
            if a and a.start() not in covered:  # 广东地区 is no 东地区
                add_candidate(doc, a.start(), m.end(), "Region", priority=2)
        for m in _AREA_SUFFIX.finditer(text):
            s = ends.get(m.start())
            # a place before 平原 or 城市群 is meant as one (平原县 is a place too: 成都平原经济区)
            if s is not None and not _AREA_WORD.fullmatch(text, s, m.start()):
                add_candidate(doc, s, m.end(), "Region", priority=2)

    @staticmethod
    def _zones(doc: Doc, text: str, anchors, starts: set[int], ends: dict[int, int]) -> None:
        """Development zones and parks: 大亚湾经济技术开发区, 新港园区, X工业园区,
        and a bare 开发区 listed among places (下陆区、开发区、铁山区)."""
        for m in _ZONE.finditer(text):
            zone = m.group(1)
            s = cut_left(text, name_run(text, m.start(), 10), m.start(), min_len=2, anchors=anchors)
            for inner in _ZONE.finditer(text, s, m.start()):
                s = inner.end()  # a zone named before ends there: 甲工业园区|争创绿色园区
            stem = text[s : m.start()]
            if (ph := _PLACEHOLDER_STEM.search(text, max(0, m.start() - 2), m.start())) and not _is_latin(text, ph.start() - 1):
                s = ph.start()  # X工业园区, XX经济开发区: the anonymised name of a real zone
            elif zone in _BARE_ZONES and m.start() - s < 2:
                if _listed_among_places(text, m.start(), m.end(), starts, ends):
                    add_candidate(doc, m.start(), m.end(), "Region", priority=3)
                    continue
                if zone == "经开区":
                    s = m.start() - 1 if m.start() > 0 and text[m.start() - 1] in "省市县区" else m.start()
                else:
                    continue
            elif m.start() - s < 2 or _ZONE_STEM_NOT_NAME.search(stem):
                continue
            else:
                lead = _ZONE_LEAD.match(stem)  # 建设大亚湾开发区: the verb is no part of the name
                if lead and len(stem) - lead.end() >= 2:
                    s, stem = s + lead.end(), stem[lead.end() :]
                if _GENERIC_PARK_STEM.fullmatch(stem):
                    continue  # 国家级经济技术开发区, 化工园区, 产业转移集聚区: a kind of zone, no name
            add_candidate(doc, s, m.end(), "Region", priority=3)


_PLACES_CLOSER = re.compile(r"(?P<n>[两二三四五六七八九十])(?:个)?(?:省|市|县|区|地|州)|等(?:地|省|市|县|区)")
_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count_word(w: str) -> int | None:
    return _CN_COUNT.get(w)


def _town_start(text: str, end: int, place_ends) -> int | None:
    """Start of a town or village name of 2-4 characters ending at ``end`` (before
    镇/乡/苏木…) that opens after a clear boundary: punctuation, a verb or
    preposition, another place.  None where no such boundary is found."""
    for k in (4, 3, 2):
        s = end - k
        if s < 0:
            continue
        stem = text[s:end]
        if not all(_cjk(ch) for ch in stem) or _TOWN_STEM_STOP.search(stem) or stem[-1] in _TOWN_STEM_END_STOP \
                or (k == 2 and stem[0] in _TOWN_STOP) or LEADING_TRIGGER.search(stem) or _ZONE.search(stem):
            continue
        if _left_free(text, s, place_ends):
            return s
    return None


_NEXT_TOWN = re.compile(rf"、[{CJK}]{{2,4}}?(?:镇|乡|街道|苏木)")
_PREV_TOWN = re.compile(r"(?:镇|乡|街道|苏木)、$")


def _listed_town(text: str, start: int, end: int) -> int | None:
    """A two-character town standing as an item of a list of towns (城关镇、新集镇、王庄乡):
    the list, not its stem, says it is a place (新集, whose first character opens common words)."""
    s = start - 2
    if s < 1 or text[s - 1] not in "、,:" or not all(_cjk(ch) for ch in text[s:start]) \
            or _TOWN_STEM_STOP.search(text, s, start):
        return None
    if _PREV_TOWN.search(text, max(0, s - 4), s) or _NEXT_TOWN.match(text, end):
        return s
    return None


def _is_latin(text: str, i: int) -> bool:
    return i >= 0 and ("A" <= text[i] <= "Z" or "a" <= text[i] <= "z")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class _Inside:
    """Positions strictly inside a place name (江苏北部: 苏 is inside 江苏)."""

    def __init__(self, matches):
        self.starts = [s for s, _e, _w, _k in matches]
        self.ends = [e for _s, e, _w, _k in matches]

    def __contains__(self, i: int) -> bool:
        k = bisect_right(self.starts, i) - 1
        return k >= 0 and self.starts[k] < i < self.ends[k]


def _left_free(text: str, s: int, place_ends) -> bool:
    """A name may open at ``s``: after punctuation, a verb or preposition, or another place."""
    if s == 0 or s in place_ends:
        return True
    ch = text[s - 1]
    if not _cjk(ch) or ch in _LEFT_CHARS:
        return True
    return ENDS_WITH_TRIGGER.search(text, max(0, s - 6), s) is not None or _PLACE_LEAD.search(text, max(0, s - 2), s) is not None


def _right_free(text: str, e: int, starts: set[int]) -> bool:
    """A name may end at ``e``: before punctuation, a conjunction, another place, 地区."""
    if e >= len(text) or e in starts:
        return True
    ch = text[e]
    return not _cjk(ch) or ch in _RIGHT_CHARS or _RIGHT_WORDS.match(text, e) is not None


def _listed_among_places(text: str, s: int, e: int, starts: set[int], ends) -> bool:
    """开发区 standing as an item of a list of places (下陆区、开发区·铁山区)."""
    before = s == 0 or text[s - 1] in _LIST_SEPARATORS
    after = e >= len(text) or text[e] in _LIST_SEPARATORS
    if not (before and after):
        return False
    return (e + 1 in starts) or (s - 1 in ends)
