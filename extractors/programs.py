"""Programs: quoted initiative names, well-known programs, funds and honour lists.

Government initiatives are usually quoted (“四送一服”); funds and honour lists
are recognised by what they end with (…补助资金, …示范企业) after the verb
that introduces them (申报, 入选, 获评).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import (
    ENDS_WITH_TRIGGER,
    LEADING_TRIGGER,
    add_candidate,
    alternation,
    cut_left,
    doc_text,
    is_cjk,
    name_run,
)
from .gazetteer import gazetteer
from .lexicon import CJK, INDUSTRIES, KNOWN_PROGRAMS, PROGRAM_SUFFIXES, word_list

_QUOTED = re.compile(r"“([^“”\n]{1,30})”|\"([^\"\n]{1,30})\"")
# single quotes are quotes inside quotes (“三季度‘四争’先进集体”): a pass of their own
_SINGLE_QUOTED = re.compile(r"‘([^‘’“”\n]{1,30})’")
# a two-character quote names an initiative when a campaign word follows it: “接链”活动
_CAMPAIGN_AFTER = re.compile(r"(?:专项)?(?:活动|行动|工程|计划|战略|攻坚|专项)")
# quoted rhetoric, not an initiative: a clause with a verb of obligation or a copula
# (“硬人必抽、抽人必硬”, “停不得”), a comma inside, 边查边改, 以商引商, a mindset (…意识)
_RHETORIC = re.compile(r"[是不必也]|就(?!业)|(?<![获取])得|,|^边.边.$|^以.[保引促带补].|(?:意识|自信|精神|理念|作风)$")
# 一对一, 一张网, 一口受理: a quote counting only ones describes a manner of work
_ONES_ONLY = re.compile(r"^一[^二三四五六七八九十两双百千万\d]*$")
# a quoted figure being ranked (“制造业增加值占地区生产总值”综合指数), a contest (“荔枝王”擂台赛)
_INDICATOR_AFTER = re.compile(r"(?:综合)?(?:指数|排名|比重|占比)|擂台赛|大赛|比赛|竞赛|技术|问题|现象|难题|瓶颈|难点|堵点|痛点|"
                             r"态势|局面|势头|效应|的?(?:方式|形式|模式|方法)|式")
# a result reached or a state shown is not an initiative: 实现“开门红”, 呈现“稳中向好”
_RESULT_BEFORE = re.compile(r"(?:实现|迎来|取得|呈现|保持|夺取|赢得)$")
_NOT_PROGRAMS = set(word_list("not_programs"))
# a bracket right after a quoted name glosses it
_GLOSS = re.compile(r"^\([^()]{1,30}\)")
_NOT_PROGRAM_AFTER = re.compile(r"^[^,。;]{0,6}(?:新产品|(?<!金融)(?<!信贷)产品|速度|红利|宗旨|理念)|^(?:、?“[^”]{1,20}”)*等?(?:品牌|精神|商标)")
# “远红外健康功能被”、“负离子抗菌防螨功能被”二项新产品: a list of quoted products
_PRODUCT_LIST_AFTER = re.compile(r"^(?:、?“[^”]{1,20}”)*[二三四五六七八九十两\d]+(?:项|个|款|类)(?:新)?产品")
# figures in quotes are not programs (“30%”), numbered targets are (省“5100”)
_NOT_PROGRAM = re.compile(r"^\d{1,2}$|^[\d.%]*[.%][\d.%]*$|^[^\d{CJK}]+$".replace("{CJK}", CJK))
# a quoted ordinal of a congress or plenum: 党的“十六”大, “十四”届
_CONGRESS = re.compile(r"[一二三四五六七八九十]+")
_CONGRESS_AFTER = re.compile(r"[大届]")
_PERIOD_OR_PLACE_AFTER = re.compile(r"期间|前后|以来|时期|假期|地区|区域|地带|片区")
# 拟联合建设“华为(潜江)工业互联网发展中心”: a centre being built is a project
_BUILD_BEFORE = re.compile(r"(?:建设|建成|共建|筹建|打造|搭建|成立|组建)$")
_NOT_PROGRAM_END = re.compile(r"(?:问题|式|表|速度|赛|[^社]会|博览|论坛)$")
_KNOWN_SET = set(KNOWN_PROGRAMS)
_SUFFIX = re.compile(alternation(PROGRAM_SUFFIXES))
_KNOWN = re.compile(alternation(KNOWN_PROGRAMS))
_APPLIED_NAME = (
    rf"([{CJK}A-Za-z0-9“”‘’]{{2,32}}?"
    rf"(?:企业|项目|中心|车间|工厂|基地|资金|基金|专项|示范|试点|集群|平台|(?<!\d)\d+强|百强[县市区榜]?))(?=[,。;、和并及【]|名单|\((?!试点|示范)|\d(?!\d*强)|$)"
)
_APPLY = re.compile(rf"(?:申报|申请|入选|入围|获评|评为|认定为|列入|纳入|争创|和){_APPLIED_NAME}")
# the further items of the list applied for: 申报A示范平台、B示范基地
_APPLY_ITEM = re.compile(_APPLIED_NAME)
# funds a government hands out or an enterprise wins: 安排工业产业扶贫资金4.17亿元
_FUND = re.compile(
    rf"(?:争取到|争取|安排|下达|拨付|兑现|获批|获得|获|落实)([{CJK}A-Za-z0-9“”]{{2,24}}?(?:资金|基金))"
    rf"(?=[,。;、和并及(]|\d|$)"
)
# a fund named with its level: “锡信贷”和市级转贷资金续贷金额
_LEVEL_FUND = re.compile(rf"(?:国家级|省级|市级|县级|区级)(?!及?以上)[{CJK}]{{2,12}}?资金")
# ranked lists: 中国企业500强, 中国县域经济百强县 (found from 强, a literal scan)
_RANK_HEAD = re.compile("强")
_RANK = re.compile(r"(?:(?<!\d)\d+|[十百千])强(?:榜|县|市|区|企业)?")
# the words a ranked or honour list begins after: 13家企业入围中国企业500强
_LIST_CUT = re.compile(
    r"发布|入围|位列|跻身|进入|荣登|上榜|荣获|获得|获|创建|争创|成为|\d+[家个户项名位]|\d{4}年度?|"
    r"第[一二三四五六七八九十\d]+批|首批"
)
# chain slogans: 强链补链延链, 产业链补链延链固链强链行动 (found from their first 链)
_CHAIN_HEAD = re.compile("链(?=[强补延固建稳畅拓育锻优]链[强补延固建稳畅拓育锻优]链)")
_CHAIN = re.compile(r"(?:[强补延固建稳畅拓育锻优]链){3,}(?:行动|工程)?")
# campaign years: 产业项目建设年, 营商环境优化年 (not a year number), found from 年
_YEAR_HEAD = re.compile(r"年(?=活动|行动|”|,|。|、|和|及|$)")
_CAMPAIGN_YEAR = re.compile(
    rf"[{CJK}]{{2,8}}?(?:建设|提升|优化|增效|攻坚|突破|服务|落实|招商|引资|质量|效能|作风|改革|创新|发展|项目)年$"
)
# poverty-relief campaigns pursued: 推进工业产业扶贫, 开展消费帮扶 (found from 扶贫/帮扶)
_RELIEF = re.compile(r"扶贫|帮扶")
_RELIEF_NAME = re.compile(rf"(?:推进|实施|开展|深化|抓好|做好|参与)([{CJK}]{{3,6}}?)$")
_GENERIC_RELIEF = re.compile(r"^(?:精准|结对|对口|定点|企业|各项|相关|重点|帮扶|扶贫)+$")
_RELIEF_AFTER = re.compile(r"[,。;、和及]|工作|行动|活动|$")
# a designation won at a level: 获批省级工业园产业聚集区, 争创国家级…示范区
_DESIGNATION = re.compile(
    rf"(?:获批|争创|创建|荣获|授予|认定为)((?:国家级|省级|市级|国家|省)[{CJK}A-Za-z0-9]{{4,16}}?)"
    r"(?=[,。;、]|(?:\d+|[一二三四五六七八九十两]+)(?:个|家|户|项|名|所|条)|为(?:抓手|重点|目标|核心|主线|引领|突破口)|$)"
)
# a designation counted at a level: 新增省级智能制造示范车间14个, 国家级绿色工厂3家; the
# items listed after it with their own counts are designations too (…7家,创新型中小企业15家)
_HONOUR_HEADS = "企业|工厂|车间|中心|基地|平台|冠军|示范|试点|集群|场景|产品|品牌|单位|标杆|名牌"
_COUNTED = re.compile(
    rf"(?P<level>国家级|省级|市级|县级|区级|州级|自治区级)(?P<title>[{CJK}A-Za-z0-9“”‘’]{{2,16}}?(?:{_HONOUR_HEADS}))"
    r"(?=(?:\d+|[一二三四五六七八九十两]+)(?:家|个|户|项|名|所|条))"
)
_COUNTED_NEXT = re.compile(
    rf"(?:\d+|[一二三四五六七八九十两]+)(?:家|个|户|项|名|所|条)(?:以上|左右)?(?:\([^()]{{0,40}}\))?[、,]"
    rf"(?:(?:国家级|省级|市级|县级|区级|州级|自治区级)?)(?P<title>[{CJK}A-Za-z0-9“”‘’]{{2,16}}?(?:{_HONOUR_HEADS}))"
    r"(?=(?:\d+|[一二三四五六七八九十两]+)(?:家|个|户|项|名|所|条))"
)
# counted kinds of firm that are no honour: 规上工业企业10家, 亿元以上企业, 龙头企业
_NOT_HONOUR = re.compile(r"规上|规模以上|限上|亿元|万元|骨干|龙头|重点|新增|新建|入库|上市|挂牌|外资|外商|民营|个体|小微|"
                         r"工业企业$|^企业$|^中小企业$|项目$|在建|投产|开工|园区|开发区")
_GENERIC_HONOUR = re.compile(r"^(?:优秀|先进|重点|骨干|龙头|示范|标杆)*(?:企业|单位|集体|个人)?$")
# works that are policies, not constructions: 中小企业成长工程, 万企万亿技改工程, “十百千”企业培育工程
_WORKS = re.compile("工程")
_POLICY_WORKS = re.compile(r"成长|上云|强基|技改|人才|振兴|倍增|培优|万企|千企|百企|帮扶")
# national strategies named X强国/X强省: 制造强国, 网络强国, 工业强省
_POWER = re.compile(
    r"(?:制造|网络|质量|科技|交通|人才|工业|教育|文化|农业|数字|品牌|航天|海洋|体育|贸易|知识产权)强(?:国|省|市|县|区)"
    r"(?!级|委|政府)"
)
# initiatives named after a province or city: 智慧X, 数字X (数字中国), X制造2025 (中国制造2025)
_PLACE_AFTER = re.compile(r"智慧|数字")
_PLACE_PROGRAM_END = re.compile(r"建设|工程|战略|行动|[、,,。;;”和及]|$")
_PLACE_BEFORE = re.compile(r"制造2025(?!\d)")
_LEAD_YEAR = re.compile(r"\d{4}年度?")
_INDUSTRY_BEFORE = re.compile(f"(?:{alternation(INDUSTRIES)})(?:产业链)?$")
# 大力实施科技兴区、工业强战略: each item of the list is a strategy pursued
_STRATEGY = re.compile(rf"(?:实施|推进|落实|坚持|深化|践行)((?:[{CJK}]{{2,10}}、)*[{CJK}]{{2,10}}?)战略")
_GENERIC = re.compile(
    r"^(?:[省市县区]级?)?(?:及?以上)?(?:中央|国家|各类|相关|有关|重点|专项|其他|上级|财政|支持|扶持|奖励|银行|贷款|融资|投资|配套|自筹|到位|社会|奖补|补助|资金|项目|企业|工作|建设|民生|基础设施|"
    r"技改|工业|产业|一批|各项|部分|这些|此类|本级|培育|梯度培育)*(?:资金|基金|奖补|专项|工程|项目|行动|计划|培育行动)$"
)


_LEVEL_YEAR = re.compile(r"(?:省级|市级|县级|区级)?(?:\d{4}年度?|(?:19|20)\d{2}(?=[\u4e00-\u9fff]))")


def strip_level_year(text: str, s: int, end: int) -> int:
    """县级2020年促进…资金 -> 促进…资金: the year (and level) is the instance, not the name."""
    m = _LEVEL_YEAR.match(text, s)
    return m.end() if m and end - m.end() >= 2 else s


# the level or batch written before a program's name: 第五批国家级绿色工厂 -> 绿色工厂
_LEVEL_PREFIX = re.compile(
    r"(?:\d{4}年度?|(?:19|20)\d{2}(?=[\u4e00-\u9fff])|第[一二三四五六七八九十\d]+批|首批|新一批|新一轮|国家级|省级|市级|县级|区级|州级|国家|省市|年度|"
    r"[省市县区州](?![场域块属直委政府内外级长民]))"
)
# a verb of winning inside a stem means the name's start was not found: 乙公司获得省…奖
_VERB_INSIDE = re.compile(r"获得|荣获|入选|申报|获评|评为|认定")
_AWARD_ITEMS = ("奖励项目", "奖补项目", "补助项目", "扶持项目")
_BATCH = re.compile(r"第[一二三四五六七八九十\d]+批|首批|新一批")
_LEVEL_ENDS = set("级家省市县区州批")
_NOT_PLACE_HEADS = {"中国", "中华", "全国"}


def _big_place(w: str) -> bool:
    """``w`` names China, a province or a prefecture city (full or short form)."""
    if w == "中国":
        return True
    gz = gazetteer()
    divs = gz.by_name.get(w) or gz.by_short.get(w) or ()
    return any(d.level != "county" for d in divs)


def _place_prefix(name: str) -> int:
    """Length of a gazetteer place opening ``name`` (安徽省, 湖北, 潜江市), else 0."""
    gz = gazetteer()
    for k in range(min(8, len(name) - 2), 1, -1):
        head = name[:k]
        if head in _NOT_PLACE_HEADS:
            continue
        if head in gz.by_name:
            return k
        if head in gz.by_short:
            if name[k : k + 1] in ("省", "市", "县", "区") and len(name) - k - 1 >= 2:
                return k + 1
            # a bare short name only of a province or city (湖北, 潜江): county names are words (富民, 永安)
            if any(d.level != "county" for d in gz.by_short[head]):
                return k
    return 0


def strip_level(name: str, min_len: int = 2) -> str:
    """The name without the levels, places and batches written before it:
    湖北省第五批电信普遍服务4G项目 -> 电信普遍服务4G项目, 国家级专精特新 -> 专精特新."""
    while True:
        m = _LEVEL_PREFIX.match(name)
        k = m.end() if m else _place_prefix(name)
        if not k or len(name) - k < min_len:
            return name
        name = name[k:]


_MEMBER_TAILS = ("中小企业", "企业", "工程", "专项行动", "行动")
_KNOWN_HEADS = {w[:2] for w in KNOWN_PROGRAMS}
_QUOTES = str.maketrans("", "", "“”‘’\"")


def split_fused(name: str) -> list[tuple[int, int]] | None:
    """Offsets in ``name`` of the known honour lists it fuses (专精特新“小巨人”企业 ->
    专精特新, 小巨人), or None when it is one title."""
    if name.translate(_QUOTES)[:2] not in _KNOWN_HEADS:
        return None
    parts = []
    i = 0
    while i < len(name):
        if name[i] in "“”‘’\"":
            i += 1
            continue
        m = _KNOWN.match(name, i)
        if not m:
            break
        parts.append((i, m.end()))
        i = m.end()
    rest = name[i:].translate(_QUOTES)
    if len(parts) >= 2 and rest in ("", "企业", "培育库", "企业培育库", "名单"):
        return parts
    return None


def emit(doc: Doc, text: str, s: int, e: int, priority: int, aliases: tuple[str, ...] = ()) -> None:
    """A program candidate for ``text[s:e]``, named without its level prefix (the
    prefixed form an alias); a name fusing known honour lists gives each of them."""
    surface = text[s:e]
    name = strip_level(surface)
    k = s + len(surface) - len(name)
    fused = split_fused(name)
    if fused:
        for a, b in fused:
            add_candidate(doc, k + a, k + b, "Program", priority=priority)
        return
    if name in _NOT_PROGRAMS:
        return
    # an honour list and its members: 专精特新中小企业, “小巨人”企业 -> 专精特新, 小巨人
    bare = name.translate(_QUOTES)
    for tail in _MEMBER_TAILS:
        if bare not in _KNOWN_SET and bare.endswith(tail) and bare[: -len(tail)] in _KNOWN_SET:
            name = bare[: -len(tail)]
            aliases = (*aliases, bare)
            break
    add_candidate(doc, s, e, "Program", name=name if name != surface else None, aliases=aliases, priority=priority)


@Language.factory("kg_programs", default_config={"max_quoted": 30})
class ProgramExtractor:
    """Program candidates (and quoted project names, which end in 项目)."""

    def __init__(self, nlp: Language, name: str, max_quoted: int):
        self.max_quoted = max_quoted

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in (*_QUOTED.finditer(text), *_SINGLE_QUOTED.finditer(text)):
            g = 1 if m.group(1) is not None else 2
            s, e = m.start(g), m.end(g)
            inner = text[s:e].strip()
            if len(inner) < 2 or len(inner) > self.max_quoted or _NOT_PROGRAM.match(inner):
                continue
            if _CONGRESS.fullmatch(inner) and _CONGRESS_AFTER.match(text, m.end()):
                continue
            after = text[m.end() : m.end() + 60]
            after = _GLOSS.sub("", after, count=1)  # “三好企业”(好产品、好服务): the gloss says what it is
            if _NOT_PROGRAM_AFTER.match(after) or _PRODUCT_LIST_AFTER.match(after) or _NOT_PROGRAM_END.search(inner) \
                    or "—" in inner or _INDICATOR_AFTER.match(after):
                continue
            known = inner in _KNOWN_SET
            if not known and (inner in _NOT_PROGRAMS or _RHETORIC.search(inner) or _ONES_ONLY.match(inner)
                              or _RESULT_BEFORE.search(text, max(0, m.start() - 2), m.start())):
                continue
            # two-character quotes are words in quotation marks (红利, 家底) unless a
            # numbered slogan (六稳), a known program or a campaign (“接链”活动)
            if len(inner) == 2 and not re.match(r"[一二三四五六七八九十百千万两双]", inner) and not known \
                    and not _CAMPAIGN_AFTER.match(after):
                continue
            # a numbered abbreviation naming a period or a kind of place is not an initiative: “两节”期间, “三偏”地区
            if len(inner) <= 3 and not known and _PERIOD_OR_PLACE_AFTER.match(text, m.end()):
                continue
            # a quoted name of something built is a project: “筑梦小镇”, “…研发项目”
            label = "Project" if (inner.endswith(("项目", "工程")) and len(inner) > 6) or (
                inner.endswith(("小镇", "产业园", "基地", "园区")) and len(inner) > 3) or (
                inner.endswith(("中心", "平台", "实验室", "研究院")) and _BUILD_BEFORE.search(text, max(0, m.start() - 6), m.start())
            ) else "Program"
            add_candidate(doc, s, e, label, priority=6)
        for m in _KNOWN.finditer(text):
            # the level or place written before it is part of the surface: 国家级绿色工厂, 安徽省数字化车间
            s = m.start()
            for k in range(min(8, s) if text[s - 1 : s] in _LEVEL_ENDS else 0, 0, -1):
                if is_cjk(text[s - k]) and strip_level(text[s - k : m.end()]) == m.group(0):
                    s -= k
                    b = _BATCH.match(text, s)  # the batch is the instance: 第五批|国家级绿色工厂
                    s = b.end() if b else s
                    break
            if m.group(0).endswith("链长制"):  # 铝基新材料产业链链长制: the chain the scheme is for
                ind = _INDUSTRY_BEFORE.search(text, max(0, s - 12), s)
                s = ind.start() if ind else s
            add_candidate(doc, s, m.end(), "Program", name=m.group(0) if s < m.start() and not
                          m.group(0).endswith("链长制") else None, priority=3)
        places = doc.user_data.get("kg_place_starts", ())
        for m in _SUFFIX.finditer(text):
            if m.group(0) == "专项" and text.startswith(("整治", "整改", "行动", "检查", "治理", "工作", "资金"), m.end()):
                continue
            self._suffixed(doc, text, m.start(), m.end(), places)
        for h in _RANK_HEAD.finditer(text):
            m = _RANK.search(text, max(0, h.start() - 5), h.end() + 2)
            if m and m.start() < h.start() < m.end():
                self._suffixed(doc, text, m.start(), m.end(), places, min_stem=2)
        for m in _STRATEGY.finditer(text):
            pos = m.start(1)
            for item in m.group(1).split("、"):
                s, e = pos, pos + len(item)
                pos = e + 1
                t = LEADING_TRIGGER.match(text, s, e)
                if t and e - t.end() >= 2:
                    s = t.end()
                if e - s >= 3 and not _GENERIC.match(text[s:e]) and not re.search(r"[的是了着]|^(?:国家|省|市|县)", text[s:e]):
                    add_candidate(doc, s, e, "Program", priority=2)
        for h in _CHAIN_HEAD.finditer(text):
            m = _CHAIN.match(text, h.start() - 1)
            if m and h.start() >= 1:
                s = h.start() - 1
                s = s - 3 if text.endswith("产业链", 0, s) else s
                add_candidate(doc, s, m.end(), "Program", priority=3)
        for h in _RELIEF.finditer(text):
            m = _RELIEF_NAME.search(text, max(0, h.start() - 10), h.start())
            if m and _RELIEF_AFTER.match(text, h.end()) and not _GENERIC_RELIEF.match(m.group(1)):
                add_candidate(doc, m.start(1), h.end(), "Program", priority=2)
        self._counted(doc, text)
        for m in _DESIGNATION.finditer(text):
            s, e = m.start(1), m.end(1)
            e -= 2 if text.endswith(("称号", "荣誉", "牌子", "名单"), s, e) else 0
            if not text.endswith(("开发区", "高新区", "园区", "资金", "支持"), s, e) \
                    and not _GENERIC_HONOUR.match(strip_level(text[s:e])):
                emit(doc, text, s, e, 3)
        for m in _WORKS.finditer(text):
            if text.startswith(("建设", "施工", "项目"), m.end()):
                continue  # works being built are projects
            run = name_run(text, m.start(), 16)
            s = cut_left(text, run, m.start(), min_len=4, anchors=places)
            for c in _LIST_CUT.finditer(text, s, m.start()):
                if m.start() - c.end() >= 4:
                    s = c.end()
            stem = text[s : m.start()].lstrip("“”")
            if len(stem) >= 4 and _POLICY_WORKS.search(stem) and not _VERB_INSIDE.search(stem) \
                    and not re.search(r"[的是了着]|\d+[家个户项]|相关|有关|各类|项目", stem):
                emit(doc, text, s, m.end(), 4)
        self._place_programs(doc, text)
        for m in _POWER.finditer(text):
            add_candidate(doc, m.start(), m.end(), "Program", priority=1)
        for h in _YEAR_HEAD.finditer(text):
            m = _CAMPAIGN_YEAR.search(text, max(0, h.start() - 12), h.end())
            if not m:
                continue
            s, e = m.start(), m.end()
            for t in LEADING_TRIGGER.finditer(text, s, e - 3):
                s = t.end()  # the name begins after the last verb: 深入开展产业项目建设年
            if e - s >= 5 and not re.search(r"[的是了着]|\d", text[s:e]):
                add_candidate(doc, s, e, "Program", priority=3)
        for m in _APPLY.finditer(text):
            s, e = m.start(1), m.end(1)
            t = LEADING_TRIGGER.match(text, s)
            if t and e - t.end() >= 4:
                s = t.end()
            s = strip_level_year(text, s, e)
            if m.group(0).startswith("和") and not text[max(0, m.start() - 40) : m.start()].count("申报"):
                continue
            self._applied(doc, text, s, e, places)
            while text.startswith("、", e):
                item = _APPLY_ITEM.match(text, e + 1)
                if not item or _VERB_INSIDE.search(item.group(1)) or re.match(r"\d", item.group(1)):
                    break  # a new clause, not a further item: 、4家企业申报…
                s, e = item.start(1), item.end(1)
                self._applied(doc, text, strip_level_year(text, s, e), e, places)
        for rx in (_FUND, _LEVEL_FUND):
            for m in rx.finditer(text):
                s, e = (m.start(1), m.end(1)) if m.groups() else (m.start(), m.end())
                self._applied(doc, text, s, e, places)
        return doc

    @staticmethod
    def _counted(doc: Doc, text: str) -> None:
        """Designations counted at a level (省级专精特新中小企业7家), and the counted items
        listed right after one (…,创新型中小企业15家)."""
        for m in _COUNTED.finditer(text):
            title = m.group("title")
            if _NOT_HONOUR.search(title) or _GENERIC_HONOUR.match(title) or _VERB_INSIDE.search(title):
                continue
            emit(doc, text, m.start(), m.end(), 3)
            e = m.end()
            while (n := _COUNTED_NEXT.match(text, e)) is not None:
                t = n.group("title")
                if _NOT_HONOUR.search(t) or _GENERIC_HONOUR.match(t) or _VERB_INSIDE.search(t):
                    break
                emit(doc, text, n.end() - len(t) - (n.end("title") - n.end()), n.end("title"), 3)
                e = n.end()

    @staticmethod
    def _place_programs(doc: Doc, text: str) -> None:
        """智慧广州, 数字福建, 宁波制造2025: a province or city (not a county, whose
        short names are words) named by an initiative word before or after it."""
        for m in _PLACE_AFTER.finditer(text):
            for k in range(5, 1, -1):
                if _big_place(text[m.end() : m.end() + k]) and _PLACE_PROGRAM_END.match(text, m.end() + k):
                    add_candidate(doc, m.start(), m.end() + k, "Program", priority=3)
                    break
        for m in _PLACE_BEFORE.finditer(text):
            for k in range(5, 1, -1):
                if m.start() - k >= 0 and _big_place(text[m.start() - k : m.start()]):
                    add_candidate(doc, m.start() - k, m.end(), "Program", priority=3)
                    break

    @staticmethod
    def _suffixed(doc: Doc, text: str, start: int, end: int, places, min_stem: int = 2) -> None:
        """A program name ending in a program word at ``start:end`` (…示范企业, …500强)."""
        run = name_run(text, start, 40)
        s = cut_left(text, run, start, min_len=2, anchors=places, keep_soft=True)
        t = LEADING_TRIGGER.match(text, s)
        if t and start - t.end() >= 2:
            s = t.end()
        for c in _LIST_CUT.finditer(text, s, start):
            if start - c.end() >= 2:
                s = c.end()
        s = strip_level_year(text, s, start)
        name = text[s:end]
        stem = text[s:start]
        if len(stem) < min_stem or _GENERIC.match(name) or re.search(r"[的是了着]|\d+[家个户项]|相关|有关|各类", name) \
                or ENDS_WITH_TRIGGER.search(stem) or _VERB_INSIDE.search(stem):
            return
        # a title built on a known program (两化融合试点示范企业) is one title: it competes
        # with the known name on length, not below it
        k = s + len(name) - len(strip_level(name))
        k += 2 if text.startswith("全国", k) else 0
        prio = 3 if _KNOWN.match(text, k) and not split_fused(name) else 2
        if text.endswith(_AWARD_ITEMS, start, end):
            prio = 4  # a category of awards (…后续奖励项目) is a program, not a project
        whole = text[s - 2 : s] in ("全国", "全省", "全市", "全县", "全区")  # 全县…专项行动: the written form
        emit(doc, text, s, end, prio, aliases=(text[s - 2 : end],) if whole else ())

    @staticmethod
    def _applied(doc: Doc, text: str, s: int, e: int, places) -> None:
        """A program applied for or won (申报…资金, 入选…集群): the name after the verb."""
        # 安庆市2020年推进…资金 -> 推进…资金; 2020年XX县…资金 keeps its place
        y = _LEAD_YEAR.match(text, s)
        if y:
            s = y.end()
        elif s in places:
            for k in range(2, 9):
                y = _LEAD_YEAR.match(text, s + k)
                if y:
                    s = y.end()
                    break
        for c in _LIST_CUT.finditer(text, s, e):
            if e - c.end() >= 4 and (not c.group(0).startswith(("第", "首")) or text[c.start() - 1] in "部委厅局办院署"):
                s = c.end()
        name = text[s:e].strip("“”")
        stripped = strip_level(name)
        if _GENERIC.match(name) or _GENERIC.match(stripped) or len(name) < 5 or len(stripped) < 4 or "及" in name \
                or re.search(r"\d+[家个户项]|[的了着]|相关|有关|各类|各项|^[省市县区]?(?:级)?(?:各类|相关)", name):
            return
        emit(doc, text, s, e, 4)
