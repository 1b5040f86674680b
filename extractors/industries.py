"""Industries: names from a standard vocabulary in the forms reports write them,
and items listed as …产业/行业.

The vocabulary is data: ``industries.txt`` (common names), ``industries_gbt4754.txt``
(GB/T 4754-2017 classes) and ``industries_sei.txt`` (strategic emerging industries
and policy names of industry groups).  From every standard name the forms reports
write are derived: without 业 (纺织业 -> 纺织), without the class tail (汽车制造业 ->
汽车制造, 汽车), and the parts of a coordinated name (橡胶和塑料制品业 -> 橡胶, 塑料).
A derived form names the same industry as its standard name, so every form the
report writes becomes an alias of one entity; a part of a coordinated name is an
industry of its own.

A short form is a word of everyday language (电子, 汽车, 物流) and counts only where
the text uses it as an industry: with 业/产业/行业 after it, listed with other
industries, or before 企业/领域/产业链/等产业.  The item must be the whole item: a
form preceded by other name characters (金华纺织, the end of a firm's name) is not.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, alternation, cut_left, doc_text, runs_with
from .lexicon import CJK, ENTERPRISE_SUFFIXES, INDUSTRIES, KNOWN_PROGRAMS, LEFT_TRIGGERS, word_list

_TRIGGERS = set(LEFT_TRIGGERS)
# words that qualify industries without naming one (新型、关键产业; 新特色产业)
_MODIFIERS = {"型", "新型", "关键", "传统", "新兴", "重点", "主导", "优势", "特色", "支柱", "战略性", "战略性新兴", "首位",
              "先导", "基础", "核心", "前沿", "未来", "现代", "高端", "一般", "其他", "相关", "配套", "上下游", "先进",
              "绿色", "智能", "数字", "新", "大", "各", "全", "本", "该", "两", "三", "多", "十大", "新一代"}
_KNOWN_PROGRAMS = re.compile("|".join(map(re.escape, KNOWN_PROGRAMS)))

# the tails of standard class names that reports leave out (汽车制造业 -> 汽车)
_TAILS = ("冶炼和压延加工业", "开采和洗选业", "生产和供应业", "及其制品业", "生产和供应", "开采和洗选",
          "采选业", "开采业", "制造业", "加工业", "制品业", "复制业", "修理业", "服务业", "制作业", "工业",
          "冶炼", "制造", "加工", "开采", "采选", "服务", "制品", "产业")
# derived forms too general to name an industry by themselves
_NOT_A_FORM = {"制造", "设备", "技术", "相关", "金属", "银行", "商务", "研究", "应用", "居民", "批发", "零售", "住宿",
               "租赁", "资本市场", "专业技术", "电视", "广播", "生产性", "生活性", "生产", "产品", "材料", "智能",
               "数字", "生态", "海洋", "科学研究", "管理", "社会", "服务", "装备", "运输设备", "专用设备", "文化", "信息",
               "服饰", "零部件", "消费品", "原材料", "高技术", "高新", "科技", "供应", "修理", "制品", "化学", "器材", "器械",
               "医疗", "卫生", "教育", "房地", "法律", "咨询", "设计", "研发", "环境", "洗选", "录音", "其制品", "新闻", "水果",
               "蔬菜", "坚果", "菌类", "屠宰", "毛皮", "羽毛", "燃料", "石灰", "石膏", "颜料", "油墨", "配件", "机动车", "证券",
               "娱乐", "电影", "电线", "航天器", "农产品", "矿产品", "水电", "电热", "齿轮", "体育", "广告", "铁路", "卫星",
               "水利", "数字产业化"}
# the generic sector words: an industry only where the report tracks it (县制造业, 制造业增加值)
_FIGURE = re.compile(r"总?产值|增加值|营业收入|营收|主营业务收入|利润")
_TRACKED_ONLY = {"制造业", "服务业", "工业"}
# names of groups of industries that head a list (新能源、新材料等新兴产业)
# forms that name an industry only as the short form of a fuller name the report also writes
_ALIAS_ONLY = {"新兴产业": ("战略性新兴产业", "战略新兴产业")}
_GROUP_HEADS = {"新兴产业", "战略性新兴产业", "战略新兴产业", "高新技术产业", "未来产业"}
_TRACKING = re.compile(r"增加值|总?产值|投资|增速|增幅|同比|增长|下降|比重|占比|营业收入|营收|利润|实现|完成|规上|规模以上")
_COORD = re.compile(r"[、和及与等]")


def _derive(name: str) -> tuple[list[str], list[str]]:
    """(forms naming the same industry, parts of a coordinated name) of a standard name."""
    same = [name]
    parts: list[str] = []
    if name.endswith("业") and not name.endswith(("产业", "行业", "企业", "工业", "农业", "林业", "渔业")):
        same.append(name[:-1])
    core = name
    changed = True
    while changed:
        changed = False
        for t in _TAILS:
            if core.endswith(t) and len(core) - len(t) >= 2:
                core = core[: -len(t)].removesuffix("及")
                if _COORD.search(core):
                    parts.extend(p.removeprefix("其他").removeprefix("类似") for p in _COORD.split(core))
                    core = ""
                else:
                    same.append(core)
                    changed = True
                break
    if _COORD.search(name) and not parts:
        base = name[:-1] if name.endswith("业") else name
        parts.extend(_COORD.split(base))

    def ok(f: str) -> bool:
        return (len(f) >= 2 and "的" not in f and f not in _NOT_A_FORM and f not in _MODIFIERS
                and not (_COORD.search(f) and f != name and not f.endswith(("业", "服务", "制品"))))

    return [f for f in same if ok(f)], [p for p in parts if ok(p)]


@cache
def vocabulary() -> dict[str, str]:
    """Every form of the vocabulary -> the name of the industry it writes."""
    concept: dict[str, str] = {}
    lines = [(w,) for w in INDUSTRIES]
    for f in ("industries_gbt4754", "industries_sei"):
        lines.extend(tuple(x.strip() for x in w.split("|") if x.strip()) for w in word_list(f))
    for names in lines:
        for name in names:
            same, parts = _derive(name)
            for f in same:
                concept.setdefault(f, same[0] if same else name)
            for p in parts:
                concept.setdefault(p, p)
    return concept


def _trie_pattern(words) -> str:
    """A regex matching the longest of ``words`` at a position, as a character
    trie (one branch per character: Python's re tries a flat alternative of
    hundreds of words one by one at every position)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


_VOCAB = vocabulary()
_KNOWN = re.compile(f"({_trie_pattern(_VOCAB)})(产业链|产业|行业|业)?")
# a kind of new materials named by what they are made of: 稀土新材料, 硅基新材料
_MATERIAL_HEADS = {"新材料"}
_BASED_MATERIAL = re.compile(rf"([{CJK}]基新材料)(产业链|产业|行业)?")
_LIST = re.compile(
    rf"((?:[{CJK}]{{2,8}}[、和及])+[{CJK}]{{2,8}}?)(?:等)?(?:\d+|[一二三四五六七八九十两])?(?:大)?(?:主导)?(?:产业链|产业|行业)"
)
_LIST_RUN = re.compile(rf"[{CJK}、\d]+")  # the characters a _LIST match is made of

# an industry word opening a project or programme name is part of that name
_PART_OF_NAME = ("中心", "项目", "平台", "基地", "产业园", "园", "小镇", "示范区", "集聚区", "研究院", "学院", "联盟", "协会",
                 "商会", "博览会", "大会")
# what may follow a bare industry word that the text uses as an industry
_AFTER_BARE = re.compile(
    r"(?:生产|制造|加工|骨干|龙头|重点|规上)?企业|领域|产业链|板块|集群|(?:传统|新兴|优势|特色|主导|支柱)产业|等(?:产业|行业|企业|领域|板块|重点|主导|特色|优势|新兴|支柱|传统|战略|[\d一二三四五六七八九十两]|“)"
    r"|[\d一二三四五六七八九十两]+(?:大|个)")
# what follows 等 when the items listed are not industries (融资、基建、环保等多个方面)
_BAD_HEAD = re.compile(r"等(?:多个|各个|各项|各类|方面|问题|工作|环节|措施|要素|因素|基础设施|设施|保障|民生|工程|项目|部门|单位)")
# a figure in brackets after a listed item: 有色(36.2%)、化工(18 %)等行业
_FIG_BRACKET = r"[(（]\s*[+-]?\d[\d.]*\s*[%％]?\s*[)）]"
_DELIM_AFTER = re.compile(rf"[、,,;;。::)\)\s“”\"\d等]|和|及|与|以及|或|{_FIG_BRACKET}|$")
_LIST_SEP = ("、", "和", "及", "与", "或", "以及", "/")
_LISTED_SEP = re.compile(rf"(?:{_FIG_BRACKET})?(?:、|和|及|与|或|以及|/)")
# words between a clause start and an industry that leave it a whole item
_LEAD_WORDS = (
    "发展", "培育", "壮大", "做强", "做大", "做优", "做精", "聚焦", "布局", "引育", "延伸", "提升", "打造", "构建", "突破", "招引",
    "引进", "主攻", "瞄准", "深耕", "培植", "集聚", "拓展", "涉及", "包括", "其中", "主要", "着力", "全县", "全市", "全区", "全省",
    "全州", "全镇", "全旗", "我县", "我市", "我区", "我省", "本地", "当地", "地区", "区域", "境内", "辖区", "规上", "规模以上",
    "省级", "市级", "县级", "区级", "国家级", "省", "市", "县", "区", "的", "巩固", "加快", "力争", "确保", "争取", "优化", "升级", "推动", "推进",
    "围绕", "依托", "坚持", "锻造", "补齐", "重点")
_CONJ = ("和", "及", "与", "以及", "或", "、")
_LEAD = re.compile(f"(?:{alternation(set(_LEAD_WORDS) | _MODIFIERS | _TRIGGERS)})$")
_FUNCTION_START = re.compile(
    r"^(?:[的是了着在对为将以等和及与或把被让使给从向于就并而且也都又再还更最很已]|打造|建设|推动|推进|发展|加快|培育|壮大|"
    r"做强|做大|做优|聚焦|围绕|构建|提升|促进|支持|引进|实施|加强|强化|坚持|深化|优化|完善|形成|带动|承压|实现|完成|落实)")
_QUALIFIER_INSIDE = re.compile(r"主导|重点|优势|特色|新兴|传统|支柱|战略|首位|关键|[一二三四五六七八九十两\d]大|^第")
# what the last of a long list may run on into (…、健康养老、总部经济引进力度)
_RUN_ON = re.compile(r"引进|引育|发展|集聚|融合|招商|培育|提升|壮大|升级|转型")
_EVENT_END = re.compile(r"(?:展|会|节|赛|活动|论坛|大会|峰会|博览|引|化)$")
_HEAD_AFTER_LIST = re.compile(r"对接|合作|交流|招商|推介|博览|论坛|峰会|大会|联盟|协会|商会")
# a clause opening with an industry the report tracks: 橡塑行业实现规上产值…
_ITEM_HEAD = re.compile(f"(?:行业|产业)(?={_TRACKING.pattern}|[,,;;。、]|发展|运行|得到|持续|稳步|快速|规模|链条)")
_OWN_PLACE = tuple(a + b for a in "我全本" for b in "省市县区州旗盟镇乡")
_OWN_PLACE_RX = re.compile(r"[我全本][省市县区州旗盟镇乡]")
_CLAUSE_ITEM = re.compile(rf"(?:^|[,,;;。::\n])([{CJK}]{{2,4}})$")


# a list's own count and head: 三大主导产业, 四条产业链, 3个产业集群, 三大方向
_COUNT_HEAD = re.compile(
    r"等?(?P<n>[二三四五六七八九十两]|\d{1,2})(?:大|个|条|类)(?:主导|重点|优势|特色|支柱|新兴|战略性新兴|首位|传统)?"
    r"(?P<head>产业集群|产业链|产业|行业|集群|方向|领域|板块|赛道)"
)
_WEAK_HEADS = {"方向", "领域", "板块", "赛道", "集群"}
_CN_NUM = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CLAUSE_BOUND = re.compile(r"[,,;;。::!?\n()()“”]")
_ITEM_SEP = re.compile(r"、|和|及|与|以及")
# verbs and qualifiers opening a list's first item: 巩固提升|智能家电
_LIST_LEAD = re.compile(f"(?:{alternation(set(_LEAD_WORDS) | _TRIGGERS)})+")
# a clause reporting an industry's figure: 甲产业增长12.4%, 丙和丁分别增长, 乙产值196亿元
_FIGURE_CLAUSE = re.compile(
    rf"(?:^|(?<=[,,;;::。\n]))(?:其中|特别是|尤其是)?(?P<item>[{CJK}、]{{2,17}}?)(?:产业|行业)?"
    r"(?P<each>分别)?(?:同比)?(?:增长|下降|回落|增加值|产值)[\d.]"
)
_PREDICATE = re.compile(r"(?:增长|下降|回落|增加值|产值)[\d.]")
# what measures rather than names a sector: 工业投资增长, 规上工业增加值
_METRIC = re.compile(r"投资|增加值|产值|收入|利润|税|出口|进出口|用电|规上|规模|^工业$|全[省市县区州旗]|企业|项目|总额|总量|"
                     r"[我本][省市县区]|同比|其中")
_INDUSTRY_TAIL = re.compile(r"(?:产业|行业)$")
_SECTOR_TAIL = re.compile(r"(?:工业|产业|行业|制造业|加工业)$")
_FIRM_END = re.compile(f"(?:{alternation(ENTERPRISE_SUFFIXES)}|厂)$")


def _count(w: str) -> int | None:
    return int(w) if w.isdigit() else _CN_NUM.get(w)


def _list_item_ok(w: str) -> bool:
    """An item that may name an industry: two to ten name characters, no function word."""
    return 2 <= len(w) <= 10 and re.fullmatch(rf"[{CJK}]+", w) is not None \
        and not re.search(r"[的是了着在对为将以个]|企业|工作|项目|党建|建设|服务业?$", w) \
        and not _FUNCTION_START.search(w) and w.removeprefix("新") not in _MODIFIERS and w not in _TRIGGERS \
        and not _KNOWN_PROGRAMS.search(w)


def sentences_of(text: str):
    """Sentence spans (split at 。!? and line ends; a ; joins the clauses of one report of figures)."""
    pos = 0
    for m in re.finditer(r"[。!!?\n]", text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def _region_ends(doc: Doc) -> dict[int, int]:
    """End -> start of the place names the region extractor found (read from the
    candidates' attribute table: iterating the span group builds a Span each)."""
    out: dict[int, int] = {}
    for s, e, label in doc.user_data.get("kg_span_attrs", {}):
        if label == "Region":
            out[e] = min(out.get(e, s), s)
    return out


def _lead_clean(text: str, start: int, places: dict[int, int]) -> bool:
    """A clause or list boundary, a verb, a qualifier or a place right before
    ``start``: the industry is a whole item, not the end of another name (金华纺织)."""
    if start == 0 or not re.match(rf"[{CJK}]", text[start - 1]) or text.endswith(_CONJ, 0, start):
        return True
    return start in places or bool(_LEAD.search(text, max(0, start - 6), start)) \
        or bool(_SCALE.search(text, max(0, start - 5), start))


# a scale written before an industry: 千亿级电子信息产业集群, 百亿元级
_SCALE = re.compile(r"(?:[\d百千万]+亿元?|[百千万]亿)级$")


@Language.factory("kg_industries", default_config={})
class IndustryExtractor:
    """Industry candidates: name is the form of the industry the text writes, its
    other written forms aliases."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        places = _region_ends(doc)
        found: list[tuple[int, int, int, str, int]] = []  # (start, end of form, end with suffix, form, priority)
        matches = list(_KNOWN.finditer(text))
        # chains: forms written one after another (轻纺电子) share their context
        chains: list[list[re.Match]] = []
        for m in matches:
            if chains and chains[-1][-1].end() == m.start() and not chains[-1][-1].group(2):
                chains[-1].append(m)
            else:
                chains.append([m])
        clean = [_lead_clean(text, ch[0].start(), places) for ch in chains]
        suffixed = [(bool(ch[-1].group(2)) and ch[-1].group(2) != "产业链") or ch[-1].group(1).endswith(("产业", "行业"))
                    for ch in chains]
        whole = [bool(suffixed[k] or _DELIM_AFTER.match(text, ch[-1].end()) or _AFTER_BARE.match(text, ch[-1].end())
                      or _TRACKING.match(text, ch[-1].end())) for k, ch in enumerate(chains)]

        def neighbour(k: int, step: int) -> int | None:
            """The clean, whole chain listed right before (step -1) or after (+1) chain ``k``."""
            j = k + step
            if not 0 <= j < len(chains) or not (clean[j] and whole[j]):
                return None
            a, b = (chains[j][-1].end(), chains[k][0].start()) if step < 0 else (chains[k][-1].end(), chains[j][0].start())
            return j if _LISTED_SEP.fullmatch(text, a, b) else None

        for m in _BASED_MATERIAL.finditer(text):
            if _lead_clean(text, m.start(), places):
                found.append((m.start(), m.end(1), m.end(), m.group(1), 3))
        for k, ch in enumerate(chains):
            end = ch[-1].end()
            if len(ch) >= 2 and ch[-1].group(1) in _MATERIAL_HEADS and clean[k] \
                    and not any(x.group(1).startswith("新") for x in ch[:-1]):
                # 稀土新材料, 化工新材料: one industry of materials, not 稀土 and 新材料 (but 新能源新材料: two)
                form = text[ch[0].start() : ch[-1].end(1)]
                found.append((ch[0].start(), ch[-1].end(1), end, form, 3))
                continue
            if text.startswith(_PART_OF_NAME, end) or text.startswith("化", end) \
                    or self._in_program(text, ch[0].start(), end):
                continue
            j = neighbour(k, -1)
            listed = j is not None or neighbour(k, 1) is not None \
                or (text.startswith("等", end) and not _BAD_HEAD.match(text, end)) \
                or bool(_AFTER_BARE.match(text, end))
            # the last of three or more listed items may run on into the sentence (…、总部经济引进力度)
            last_of_many = j is not None and neighbour(j, -1) is not None and bool(_RUN_ON.match(text, end))
            for m in ch:
                form = m.group(1)
                strong = len(form) >= 3 and form.endswith("业") and not form.endswith(("产业", "行业"))
                if not (clean[k] or (strong and len(form) >= 5)):
                    continue
                if form in _TRACKED_ONLY:
                    s = m.start()
                    tracked = s in places or _TRACKING.match(text, m.end()) or text.endswith(("省", "市", "县", "区"), 0, s)
                    if len(ch) == 1 and tracked:
                        found.append((s, m.end(1), m.end(), form, 3))
                    continue
                if form in ("先进制造", "先进制造业") and text.startswith("集群", m.end()):
                    continue  # 先进制造业集群: the national programme
                if form in _GROUP_HEADS and text.endswith("等", 0, m.start()):
                    continue  # 新能源等新兴产业: the head of a list, not an industry the report names
                if suffixed[k] or form.endswith(("产业", "行业")) or strong:
                    found.append((m.start(), m.end(1), m.end(), form, 3))
                elif (listed and (whole[k] or last_of_many)) or (len(form) >= 4 and _FIGURE.match(text, end)):
                    found.append((m.start(), m.end(1), m.end(), form, 2))
        self._add_found(doc, text, found)
        self._unknown_items(doc, text, found, places)
        self._counted_lists(doc, text)
        self._parallel_clauses(doc, text, found)
        return doc

    @staticmethod
    def _counted_lists(doc: Doc, text: str) -> None:
        """A list closed by its own count: 甲、乙、丙三大主导产业, 甲、乙、丙三条产业链.  When the
        count equals the number of items, every item is an industry, in full (新能源电池, not
        新能源 and 电池).  Heads that name no industry by themselves (三大方向, 四大领域) need an
        item the vocabulary knows."""
        for h in _COUNT_HEAD.finditer(text):
            n = _count(h.group("n"))
            if n is None or n < 2:
                continue
            lo = max(0, h.start() - 80)
            b = max((m.end() for m in _CLAUSE_BOUND.finditer(text, lo, h.start())), default=lo)
            items = _ITEM_SEP.split(text[b : h.start()])
            if len(items) != n:
                continue
            pos, spans = b, []
            for k, item in enumerate(items):
                s, e = pos, pos + len(item)
                pos = text.find(items[k + 1], e) if k + 1 < len(items) else e
                if k == 0:
                    s = cut_left(text, s, e, min_len=2)
                    t = _LIST_LEAD.match(text, s, e)
                    s = t.end() if t and e - t.end() >= 2 else s
                spans.append((s, e))
            words = [text[s:e] for s, e in spans]
            if not all(_list_item_ok(w) for w in words):
                continue
            if h.group("head") in _WEAK_HEADS and not any(_VOCAB.get(w) or _VOCAB.get(w.removesuffix("业")) for w in words):
                continue
            for (s, e), w in zip(spans, words, strict=True):
                add_candidate(doc, s, e, "Industry", name=_VOCAB.get(w) if _VOCAB.get(w) == w else None, priority=3)

    @staticmethod
    def _parallel_clauses(doc: Doc, text: str, found) -> None:
        """Figures reported clause by clause: 甲产业增长12%,乙增长10%,丙和丁分别增长5%和3%.  Where
        two or more of a sentence's clauses open with an industry the vocabulary knows, the
        other clauses of the same shape open with one too (再生金属增长8.9%)."""
        for s0, e0 in sentences_of(text):
            if len(_PREDICATE.findall(text, s0, e0)) < 2:
                continue  # fewer than two figures: no parallel clauses (a literal scan, cheaper than the clause pattern)
            clauses = []
            for m in _FIGURE_CLAUSE.finditer(text, s0, e0):
                s, e = m.span("item")
                words = _ITEM_SEP.split(m.group("item")) if m.group("each") else [m.group("item")]
                pos = s
                for w in words:
                    ws = text.find(w, pos, e)
                    clauses.append((ws, ws + len(w), w))
                    pos = ws + len(w)
            known = [c for c in clauses if _VOCAB.get(c[2]) or _VOCAB.get(c[2].removesuffix("业"))
                     or _VOCAB.get(c[2].removesuffix("工业"))
                     or _VOCAB.get(_INDUSTRY_TAIL.sub("", c[2]))]
            # one known item is enough where every item names a sector by its tail (煤炭工业, 非煤工业)
            tailed = len(clauses) >= 2 and all(_SECTOR_TAIL.search(c[2]) for c in clauses)
            if len(known) < 2 and not (known and tailed):
                continue
            places = [(a, b) for a, b, label in doc.user_data.get("kg_span_attrs", {}) if label == "Region"]
            for s, e, w in clauses:
                if (_list_item_ok(w) or w in _VOCAB) and not _METRIC.search(w) and not _FIRM_END.search(w) \
                        and not any(a < e and s < b for a, b in places):
                    # typed by its siblings: outranks a firm read from a trade word (再生金属)
                    add_candidate(doc, s, e, "Industry", priority=4)

    @staticmethod
    def _in_program(text: str, s: int, e: int) -> bool:
        """The industry word opens a known programme name longer than itself (先进制造业集群)."""
        m = _KNOWN_PROGRAMS.match(text, s)
        return bool(m and m.end() > e)

    @staticmethod
    def _add_found(doc: Doc, text: str, found: list[tuple[int, int, int, str, int]]) -> None:
        groups: dict[str, list[tuple[int, int, int, str, int]]] = {}
        for f in found:
            groups.setdefault(_VOCAB.get(f[3], f[3]), []).append(f)
        for items in groups.values():
            forms = {text[s:e] for s, e, *_ in items}
            if forms <= _ALIAS_ONLY.keys() and not any(f in text for w in forms for f in _ALIAS_ONLY[w]):
                continue  # 新兴产业 alone is a kind of industry; beside 战略性新兴产业 it is that name's short form
            written = {text[s:e] for s, e, *_ in items} | {text[s:se] for s, _, se, *_ in items}
            name = max((text[s:e] for s, e, *_ in items), key=lambda w: (len(w), w))
            for s, e, _se, _, prio in items:
                add_candidate(doc, s, e, "Industry", name=name, aliases=sorted(written - {name}), priority=prio)

    @staticmethod
    def _unknown_items(doc: Doc, text: str, found: list[tuple[int, int, int, str, int]], places: dict[int, int]) -> None:
        """Industries the vocabulary does not know: items listed before 产业/行业 (X、Y、Z等产业),
        a clause opening with a tracked X行业, a place's X产业 (县茶叶产业发展)."""
        known = {(s, e) for s, e, *_ in found}
        covered = bytearray(len(text) + 1)
        for s, _, se, *_ in found:
            covered[s:se] = b"\x01" * (se - s)
        for m in (m for a, b in runs_with(text, _LIST_RUN, ("产业", "行业"), ("、", "和", "及"))
                  for m in _LIST.finditer(text, a, b)):
            items = re.split(r"[、和及]", m.group(1))
            if _HEAD_AFTER_LIST.match(text, m.end()) or text.startswith(_PART_OF_NAME, m.end()):
                continue  # 产业对接交流活动
            if items[-1].removeprefix("新") in _MODIFIERS and not any(covered[m.start(1) : m.end(1)]):
                continue  # 科技创新、关键产业发展等领域: a list of things, one of them qualified industries
            pos = m.start(1)
            for k, item in enumerate(items):
                s, e = pos, pos + len(item)
                pos = e + 1
                if k == 0:
                    s = cut_left(text, s, e, min_len=2)
                    item = text[s:e]
                if (s, e) in known or any(covered[s:e]):
                    continue
                if 2 <= len(item) <= 6 and not re.search(r"[的是了着在对为将以个]|企业|工作|项目|链|党建", item) \
                        and not _FUNCTION_START.search(item) and not _EVENT_END.search(item) \
                        and not _QUALIFIER_INSIDE.search(item) \
                        and not _KNOWN_PROGRAMS.search(item) and item not in _TRIGGERS \
                        and item.removeprefix("新") not in _MODIFIERS:
                    add_candidate(doc, s, e, "Industry", priority=1)
        for t in _ITEM_HEAD.finditer(text):
            m = _CLAUSE_ITEM.search(text, max(0, t.start() - 5), t.start()) if _TRACKING.match(text, t.end()) else None
            if m:
                s, e = m.span(1)
                if _OWN_PLACE_RX.match(text, s) and e - s >= 4:
                    s += 2  # 我州锂电产业实现产值: the report's own place is no part of the name
            else:  # after a place: 我县铁合金产业运行, 某区荔枝产业得到展示
                e = t.start()
                s = next((p for p in range(e - 4, e - 1) if (p in places and places[p] < p) or text.endswith(_OWN_PLACE, 0, p)), -1)
                if s < 0 or not re.fullmatch(rf"[{CJK}]+", text[s:e]):
                    continue
            lead = _LIST_LEAD.match(text, s, e)
            if lead and e - lead.end() >= 2:
                s = lead.end()  # 力争|白酒产业产值, 布局|配套产业: the verb is no part of the name
            item = text[s:e]
            if any(covered[s:e]) or item in _MODIFIERS or item in _TRIGGERS or _FUNCTION_START.search(item) \
                    or _QUALIFIER_INSIDE.search(item) \
                    or re.search(r"[的是了着在对为将以个各全本该]|工业|企业", item):
                continue
            add_candidate(doc, s, e, "Industry", aliases=[text[s : t.end()]], priority=1)
