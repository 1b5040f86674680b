"""Enterprises, government agencies and other organisations, by name grammar.

A name of the genre is ``[place] + trade name + [trade words] + suffix``: the
suffix says the type (有限公司 -> Enterprise, 局/委/办 -> GovernmentAgency,
研究院/银行/协会 -> Organization) and the left boundary is found by
:func:`extractors.base.cut_left`.  Enterprises also come bare in enumerations
that end in ``等N家企业``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from .base import (
    ENDS_WITH_TRIGGER,
    LEADING_TRIGGER,
    add_candidate,
    alternation,
    cut_left,
    doc_text,
    name_run,
    runs_with,
)
from .gazetteer import gazetteer
from .lexicon import (
    AGENCY_CORES,
    AGENCY_SUFFIXES,
    CJK,
    ENTERPRISE_SUFFIXES,
    INDUSTRIES,
    KNOWN_ORGANIZATIONS,
    KNOWN_PROGRAMS,
    LEFT_TRIGGERS,
    LEVEL_PREFIXES,
    NATIONAL_AGENCIES,
    ORG_SUFFIXES,
    TRADE_WORDS,
    WEAK_TRADE_WORDS,
    word_list,
)

_ENT_SUFFIX = re.compile(
    rf"(?:{alternation(ENTERPRISE_SUFFIXES)}|股份(?!制|合作|改|化|转|分|比|投|权|占|有限|公司|经济))(?![{CJK}]*?(?:职工|员工))"
)
_AGENCY_SUFFIX = re.compile(alternation(AGENCY_SUFFIXES))
_ORG_SUFFIX = re.compile(f"(?:{alternation(ORG_SUFFIXES)})(?!业)")  # 细分行业 is no bank branch
_NATIONAL = re.compile(alternation(NATIONAL_AGENCIES))
_CORES = re.compile(alternation(AGENCY_CORES))
_KNOWN_ORG = re.compile(alternation(KNOWN_ORGANIZATIONS))
_TRADE_WORD = re.compile(alternation(TRADE_WORDS))
# a verb dealing with firms glued before a name: 紧盯鸿运集团
_FIRM_VERB = re.compile(alternation(word_list("firm_verbs")))
# agencies: 主办, 承办: 办 after a verb is no office
_WORKING_BODIES = {"领导小组", "领导组", "指挥部"}
_VERB_BEFORE_BAN = set("主承协举创开督交代包兴操申筹合试停帮查照立快速即通好难么")
_LEVEL = alternation(LEVEL_PREFIXES)
_COORD_LEVEL = re.compile(rf"(?:及|、|和|与)(?={_LEVEL})")
_DEPARTMENTS = alternation(word_list("agency_departments"))
_DEPT_SUFFIX = r"(?:委员会|局|厅|委|办)"
_DEPT_ENDS = {w[-2:] for w in word_list("agency_departments") if len(w) >= 2}
_DEPARTMENT_NAME = re.compile(rf"(?:{_DEPARTMENTS})(?:[和与及]?(?:{_DEPARTMENTS}))*{_DEPT_SUFFIX}")
_BODY = r"(?:政府|人民政府|委|人大(?:常委会)?|政协|纪委|监委|纪委监委|局|厅)"
# the standard short forms after a level: 省政府, 市委, 区人大常委会, 省生态环境厅, 市局
_STANDARD_AGENCY = re.compile(
    rf"(?:{_LEVEL})(?:{_BODY}|(?:{_DEPARTMENTS})(?:[和与及]?(?:{_DEPARTMENTS}))*{_DEPT_SUFFIX}|{alternation(AGENCY_CORES)})"
)
_AGENCY_END = re.compile(rf"(?:{alternation(AGENCY_SUFFIXES)}|常委会)$")
_PARENT_SUFFIXES = {"厅", "局", "委", "委员会", "部"}
# 产业园区处, 投资促进科: an office of the body named right after it
_OFFICE = re.compile(rf"([{CJK}]{{2,8}}?)(?:处|科|室|司|股)(?![理置于在罚分技学研普内外机法长员份票权东])")
_SECOND_NAME = re.compile(rf"[((]((?:{alternation(AGENCY_CORES)}|{alternation(NATIONAL_AGENCIES)}))[))]")
# 中央: the party centre written alone (中央和省委决策部署), not 中央企业, 中央预算
_CENTRAL = re.compile(r"(?<![党共])中央(?=[、和及与](?:省委|国务院|省政府)|决策|部署|要求|精神|关于|印发|出台|提出|的决策|的部署)")
_BUILDS = re.compile(r"共建|合作建设|联合建设|筹建|建设|组建|签订|签约|合作")
# the partner after 与 and the cue; the name before 与 is read back from there (cheaper than a lookbehind scan)
_COOP_PAIR = re.compile(
    rf"[与和同]([{CJK}]{{4,8}}?)(?=(?:签署|签订|达成|开展|建立|共建|合作|联合)[^,。;,;]{{0,10}}?(?:合作|协议|共建))"
)
_CJK_CHAR = re.compile(rf"[{CJK}]")
_COUNTED_TAIL = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)(?:个|家|项|户|批)")
_INDUSTRIES_AFTER = re.compile(rf"等?(?:\d+|[一二三四五六七八九十两几]+)大[{CJK}]{{0,6}}?(?:产业|行业|领域|板块)")
_TWO_CJK = re.compile(rf"[{CJK}]{{2}}")
# 组织明威申报…: a name between a directing verb and what the enterprise does
_DIRECTED = re.compile(
    rf"(?:组织|指导|督促|推荐|帮助|支持|推动|协调|[;。])([{CJK}]{{2,5}}?)(?=申报|参加|参与|实施|入选|获评|争创)"
)
_TRADE_LEFT = re.compile(r"(?:指导|督促|推动|支持|组织|帮助|协调|引导|推荐|新增|以及|、|与|和|及|由|对|为|让|将|把|年|月|日|仅|有|是|了|盘活)$")

# what may not stand before 公司/集团 in an enterprise name: determiners and generic words
_GENERIC_ENT = re.compile(
    r"^(?:[该本我其各子分总母全此每一两二三四五六七八九十百千万多几原新老省市县区]|这些|相关|国有|民营|上市|龙头|骨干|重点|规上|"
    r"规模|企业|工业|科技型|其他|其它|有关|下属|运营|施工|建筑|电力|供电|通信|运营商|物流|服务|投资|平台|"
    r"自来水|供水|水务|水电|燃气|热力|供热|公交|邮政|"
    r"中小|外资|私营|集体|合资|独资|控股|参股|网络|网络运营|家|户|公司|集团)+$"
)
_GENERIC_STEM_END = set("的和与及等个家户种类批型性该本其此各")
_BAD_IN_NAME = re.compile(r"企业|项目|工作|产业|行业|资金|政策|工程|会议|活动|建设|发展中|问题|任务|目标|[0-9]+[家户个]")
_DETERMINERS = re.compile(r"^(?:我|本|该|各|全|其|原)")
_FACTORY = re.compile(rf"[{CJK}]{{2,}}(?:造船|制造|机械|化工|水泥|纺织|服装|食品|印刷|酿酒|制药|钢铁|机床|电机|玻璃|陶瓷|造纸)厂")

_FIRM_WORDS = ("企业", "公司", "厂商", "厂家", "主机厂", "车企", "药企", "央企", "国企", "民企", "外企")
_FIRM_NOUNS = "|".join(_FIRM_WORDS)
_ENUM = re.compile(
    rf"((?:[{CJK}A-Za-z0-9]{{2,16}}、)*[{CJK}A-Za-z0-9]{{2,16}}?)"
    rf"(等(?:\d+|[一二三四五六七八九十百几多]+)?(?:家|户|个|一批|批)?|(?:\d+|[一二三四五六七八九十百几多]+)(?:家|户))"
    rf"[{CJK}“”\"]{{0,12}}?(?:{_FIRM_NOUNS})"
)
# 劳动密集型企业例如锦希时装等: the examples a sentence gives of enterprises
_EXAMPLES = re.compile(
    rf"(?:{_FIRM_NOUNS})(?:例如|比如|譬如|诸如|像|如)((?:[{CJK}A-Za-z0-9]{{2,12}}、)*[{CJK}A-Za-z0-9]{{2,12}}?)等"
)
_COUNT = r"(?:\d+|[一二三四五六七八九十百几多两]+)"
# 3家(汇丰技术、东岭精密集团), 龙头企业:华宇电子、金石机械, 企业有A、B: a head noun for firms, then the list
_LIST_OPEN = re.compile(r"[((::]|(?:分别|依次)[是为][::]?")
_HEAD_BEFORE = re.compile(
    rf"(?:(?:{_FIRM_NOUNS})(?:名单|名录)?(?:有|包括|包含|分别是|分别为|主要有|如)?"
    rf"|{_COUNT}[家户](?:企业|公司)?(?:分别是|分别为|为|是|有)?)$"
)
_COUNT_BEFORE = re.compile(rf"{_COUNT}[家户](?:企业|公司)?[^。;,,]{{0,10}}?[,,]?$")
_LIST_ITEM_END = re.compile(r"[))]|[,,。;;:\n]")
_ITEM_RIGHT = re.compile(rf"[{CJK}A-Za-z0-9·]{{2,16}}")
# what a list of firms (or of their projects) ends with: 等25家企业, 等重点项目
_FIRM_TAIL = re.compile(rf"等[^,。;,;、]{{0,10}}?(?:{_FIRM_NOUNS}|集团|单位|项目|工程)")
# a firm's short name: a trade name of 2-4 characters + trade or industry words (万年青新型建材)
# a plant of a firm named after it: 天钢集团智能化工厂, 宏达数字化车间
_FACILITY_WORDS = r"(?:数字化|智能化|自动化|信息化|绿色|智能|数字|无人)?(?:车间|工厂|生产线|产线)"
_FACILITY = re.compile(_FACILITY_WORDS)
_FACILITY_END = re.compile(_FACILITY_WORDS + "$")
# 丰田系配套企业: the firms supplying a maker, named after it
_BRAND_LINE = re.compile(r"(?<![体关派联直水统列])系(?:配套|供应商)?(?:企业|厂商|厂家)")
# what follows a firm's name: its headquarters, or its branch's place in brackets
_FIRM_CUE = re.compile(rf"总部(?!经济|基地|园)|[((][{CJK}]{{2,6}}[))]")
_NAME_CHAR = re.compile(rf"[{CJK}A-Za-z0-9]")
_TRADE_SEQ = re.compile(rf"(?:{alternation((*TRADE_WORDS, *INDUSTRIES, '用品', '制品', '器材'))})+(?:集团|公司|股份)?")
_ONE_TRADE = re.compile(alternation((*TRADE_WORDS, *INDUSTRIES)))
_BAD_STEM = re.compile(r"[的和与及是在了着为对将等一个新各全本该省市县级区镇乡村]|企业|工业|产业|项目")
# A、B等重点项目: a list of projects, named after the firms that run them
_PROJ_HEAD = re.compile(rf"等(?:\d+|[一二三四五六七八九十百几多]+)?[个批项]?[{CJK}“”\"]{{0,10}}?(?:项目|工程)")
_LIST_CHAR = re.compile(rf"[{CJK}A-Za-z0-9、]")
_PROJECT_TAIL = re.compile(r"(?:扩建|新建|续建|技改|改造|扩能|搬迁|升级|[一二三四五六]期|项目|工程)+$")
# a list of industries or products, not firms: 精加工、轻纺电子、机械制造等企业
_INDUSTRY_ITEM = re.compile(r"(?:制造|加工|产业|行业|经济|服务业)$")
# words between 等 and 企业 that say what the list is of, when it is not firms
_NOT_FIRM_LIST = re.compile(
    r"方式|方面|措施|物资|产品|领域|问题|形式|渠道|手段|环节|途径|内容|政策|设备|材料|资料|行业|指标|机构|部门|单位|组织|院校|高校|"
    r"了解|提升|推动|帮助|支持|引导|促进|服务|调研|走访"
)
# what list items that are no firm names look like: 含个体, 省级龙头, 数字化转型
_NOT_A_NAME = re.compile(r"^(?:含|其中|包括|包含|即|共|约|另有)|[省市县区国]级|(?:改造|更新|转型|升级|提升|培育|创新|攻关)$")
# the characters an _ENUM match is made of
_ENUM_RUN = re.compile(rf"[{CJK}A-Za-z\d、“”\"]+")
_ADJECTIVAL = re.compile(r"(?:好|大|强|高|低|小|多|少|快|优|差|弱|较好|不高|偏小|较低|不足|突出|明显|实现|完成|达到|开展)$")
_EVENT = re.compile(r"(?:日|会|节|展|论坛|大会|周|月|赛|工程|计划|行动|基地|园区|园|开发区|集聚区)$")
_INDUSTRY_SET = set(INDUSTRIES)
_PROGRAM_SET = set(KNOWN_PROGRAMS)
_TRIGGERS = set(LEFT_TRIGGERS)
_TRADE_START = tuple(sorted(TRADE_WORDS, key=len, reverse=True))
_INDUSTRY_START = re.compile(alternation(INDUSTRIES))
_WEAK = set(WEAK_TRADE_WORDS)
# 白鹭电子与某大学签署合作协议: a cooperation cue later in the clause makes the name a party
_WEAK_AFTER = re.compile(rf"(?:[^{CJK}]|公司|集团|股份|等|、|董事长|总经理|负责人|[与和同](?=[^,。;,;]{{2,24}}?(?:合作|协议|共建|攻关)))")
_VERB_STEM = re.compile(r"^(?:推进|狠抓|落实|解决|开工|提高|申报|立足|加速|加快|核减|乡镇|项目|跟进|推动|抓好|做好|实现|完成|提升|促进|带动|"
                        r"力争|争取|确保|计划|加大|积极|全力|大力|着力|继续|持续|不断|努力)$")
_COMMON_STEMS = {
    "高新", "信息", "农业", "工业", "现代", "新型", "绿色", "智能", "数字", "电子", "生物", "医疗", "节能", "科技",
    "技术", "先进", "传统", "重点", "规上", "企业", "产业", "行业", "相关", "中小", "民营", "国有", "装备", "汽车",
    "化工", "新能", "能源", "创新", "高端", "精密", "基础", "关键", "核心", "材料", "制造", "加工", "服务", "软件",
    "通用", "专用", "机械", "光伏", "环保", "安全", "应急", "防疫", "医用", "消毒", "农产", "水产", "畜牧", "粮食",
    "食品", "纺织", "服装", "电力", "通信", "网络", "金融", "文化", "旅游", "教育", "体育", "卫生", "交通", "建筑",
    "房地", "实体", "特色", "优势", "主导", "支柱", "新兴", "未来", "数据", "互联", "电商", "林业", "矿业", "金属",
    "钢铁", "家居", "家纺", "药业", "制药", "医药", "生产", "销售", "研发", "设计", "检测", "运营", "管理", "经营",
    "投资", "发展", "建设", "工程", "施工", "物流", "贸易", "商贸", "一批", "一家", "部分", "其他", "各类", "全市",
    "全县", "全区", "全省", "我市", "我县", "我区", "小微", "中型", "大型", "小型", "骨干", "龙头", "领军", "链主", "技改",
    "培训", "学习", "宣传", "监管", "监测", "保障", "招商", "改造", "提升", "升级", "转型", "融合", "协同", "示范", "试点",
    "帮扶", "扶贫", "防控", "民间", "社会", "政府", "财政", "固定", "公共", "基建", "城乡", "农村", "城市",
}


@Language.factory("kg_organizations", default_config={"max_name_len": 24})
class OrganizationExtractor:
    """Enterprise, GovernmentAgency and Organization candidates."""

    def __init__(self, nlp: Language, name: str, max_name_len: int):
        self.max_name_len = max_name_len

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        anchors = doc.user_data.get("kg_place_starts", [])
        self._enterprises(doc, text, anchors)
        self._agencies(doc, text, anchors)
        self._organizations(doc, text, anchors)
        self._enumerations(doc, text)
        self._head_lists(doc, text)
        self._project_lists(doc, text)
        self._examples(doc, text)
        self._cued_names(doc, text)
        for m in _BRAND_LINE.finditer(text):
            e0 = m.start()
            if not _TWO_CJK.fullmatch(text, e0 - 2, e0):
                continue
            s0 = e0 - 3 if e0 >= 3 and _opens_name(text, e0 - 3) else e0 - 2
            if self._plausible_short_name(text[s0:e0]):
                add_candidate(doc, s0, e0, "Enterprise", priority=2)
        self._trade_names(doc, text)
        self._firm_shaped_lists(doc, text)
        self._cooperation_pairs(doc, text)
        for m in _DIRECTED.finditer(text):
            s = m.start(1)
            t = LEADING_TRIGGER.match(text, s, m.end(1))
            if t:
                s = t.end()
            name = text[s : m.end(1)]
            if not t and text[m.start()] in ";。" and not text.startswith(("申报", "入选", "获评", "争创"), m.end(1)) \
                    and not name.endswith(_TRADE_START):
                continue  # 。连续实施: what opens a sentence before 实施 is an adverb, not a firm
            if self._plausible_short_name(name) and not re.search(r"企业|公司|单位|部门|人员|力量|专家|园区", name):
                add_candidate(doc, s, m.end(1), "Enterprise", priority=1)
        return doc

    # -- enterprises --------------------------------------------------------------
    def _enterprises(self, doc: Doc, text: str, anchors) -> None:
        listed_until = -1  # the end of the last list whose items were taken: each list once
        for m in _ENT_SUFFIX.finditer(text):
            suffix = m.group(0)
            if suffix.endswith("厂"):
                if not _FACTORY.search(text[max(0, m.start() - 8) : m.end()]) or re.search(
                    r"(?:智能|数字|自动|信息|网络|绿色)化工厂$", text[max(0, m.start() - 5) : m.end()]
                ):
                    continue
            run = name_run(text, m.start(), self.max_name_len)
            s = cut_left(text, run, m.start(), min_len=2, anchors=anchors)
            stem = text[s : m.start()]
            if m.group(0) in ("公司", "集团") and re.search(r"[和与及]", stem):  # 移动、电信、联通三家公司
                continue
            # a one-character trigger inside the trade name (华为|技术(东莞)有限公司): names
            # do not start with a trade word, so the two characters before belong to it
            if stem.startswith(_TRADE_START) and s - 2 >= run and re.fullmatch(rf"[{CJK}]{{2}}", text[s - 2 : s]) \
                    and not re.search(r"[各该本我其每全的了是在等和与及同]", text[s - 2 : s]):
                s -= 2
                stem = text[s : m.start()]
            while stem and _DETERMINERS.match(stem) and len(stem) > 2:
                s += 1
                stem = stem[1:]
            inner = max(stem.rfind("公司"), stem.rfind("集团"))
            if inner >= 0 and len(stem) - inner - 2 >= 2:
                s += inner + 2  # 东方电气集团有限公司下属|东方汽轮机公司
            s = _after_firm_verb(text, s, m.start())
            stem = text[s : m.start()]
            if _GENERIC_ENT.match(stem) and m.group(0) == "公司" and (u := _local_utility(text, s, m.start())) is not None:
                add_candidate(doc, u, m.end(), "Enterprise", priority=5)
                continue
            if len(stem) < 2 or _GENERIC_ENT.match(stem) or stem[-1] in _GENERIC_STEM_END or _BAD_IN_NAME.search(stem) or stem in _TRIGGERS:
                continue
            if re.fullmatch(r"[0-9A-Za-z]+", stem):
                continue
            add_candidate(doc, s, m.end(), "Enterprise", priority=5)
            if (text[s - 1 : s] == "、" or text[m.end() : m.end() + 1] == "、") and s > listed_until:
                listed_until = self._siblings(doc, text, s, m.end())

    def _siblings(self, doc: Doc, text: str, s: int, e: int) -> int:
        """腾飞钢管、精美特表面技术有限公司: the items listed with a firm's full name are firms."""
        f = _FACILITY.match(text, e)
        own = (s, f.end() if f else e)
        if not f and _NAME_CHAR.match(text, e) and text[e] not in "、等" and not LEADING_TRIGGER.match(text, e):
            return e  # 宏达集团智能园区、…: the items are things of the firm, not firms
        items = _list_around(text, *own)
        if len(items) < 2:
            return e
        a, b = items[0]
        items[0] = (_after_firm_verb(text, cut_left(text, a, b, min_len=2), b), b)
        others = []
        for a, b in items:
            if (a, b) == own:
                continue
            if f:  # 天石休闲数字化车间、天钢集团智能化工厂: firm + facility, each item
                g = _FACILITY_END.search(text, a + 2, b)
                if not g:
                    continue
                b = g.start()
            others.append((a, b))
        self._add_list_items(doc, text, others)
        return items[-1][1]

    # -- agencies -----------------------------------------------------------------------
    def _agencies(self, doc: Doc, text: str, anchors) -> None:
        anchor_set = set(anchors)
        for m in _AGENCY_SUFFIX.finditer(text):
            suffix = m.group(0)
            nxt = text[m.end() : m.end() + 1]
            prev = text[m.start() - 1 : m.start()]
            if (suffix == "部" and nxt in ("门", "分", "署")) or (suffix == "办" and nxt in "理法事好学成结公"):
                continue
            if suffix in ("局", "厅") and nxt == "长" and re.match(rf"[{CJK}]", prev) and not _AGENCY_SUFFIX.search(text, max(0, m.start() - 1), m.start()):
                continue  # 李厅长, 王局长: a surname and a title, no body
            if suffix in ("局", "厅") and nxt in "部面势限域" and text[m.end() + 1 : m.end() + 2] != "署" or suffix == "部" and prev in "局全内外东西南北中上下顶底本总":
                continue  # 局部, 局面, 内部
            if (suffix == "办" and prev in _VERB_BEFORE_BAN) or (len(suffix) == 1 and prev == suffix):
                continue  # 市局主办, 红旗镇举办: a verb; 局局长: the title after the name
            run = name_run(text, m.start(), 30)
            # quoted program names sit inside agency names: 县“百企帮百村”…领导小组办公室
            while run >= 2 and text[run - 1] in "”\"" and "“" in text[max(0, run - 14) : run]:
                q = text.rfind("“", 0, run)
                run = name_run(text, q, 30) if q >= 0 else run
                if q < 0:
                    break
            level_starts = sorted(i for i in range(run, m.start()) if text.startswith(LEVEL_PREFIXES, i))
            near = anchors[bisect_left(anchors, run) : bisect_left(anchors, m.start())]
            if suffix in _WORKING_BODIES:
                self._working_body(doc, text, run, m, sorted({*near, *level_starts}))
                continue
            s = cut_left(text, run, m.start(), min_len=1, anchors=sorted({*near, *level_starts}), soft_inside=True)
            cut = None
            for c in _COORD_LEVEL.finditer(text, s, m.start()):
                cut = c.end()
            if cut is not None:
                s = cut
            while text[s] in "我本该各" and m.end() - s > 2:
                s += 1
            if not self._is_agency(text[s : m.end()], s, anchor_set):
                # 报省政府, 取得省生态环境厅: a verb glued before a standard short form
                s = next((i for i in level_starts if i > s and _STANDARD_AGENCY.fullmatch(text, i, m.end())), -1)
                if s < 0:
                    # 设立在工业和信息化局: the longest department name, when nothing of a name is before it
                    s = next((i for i in range(run, m.start()) if _DEPARTMENT_NAME.fullmatch(text, i, m.end())), -1) \
                        if text[m.start() - 2 : m.start()] in _DEPT_ENDS else -1
                    if s < 0 or not _opens_name(text, s):
                        continue
            end = m.end()
            office = _OFFICE.match(text, end) if suffix in _PARENT_SUFFIXES else None
            if office and not LEADING_TRIGGER.search(office.group(1)):
                end = office.end()  # 省经信厅产业园区处: an office inside the body
            self._add_agency(doc, text, s, end)
        for rx in (_NATIONAL, _CORES):
            for m in rx.finditer(text):
                if text[m.end() - 1] == "部" and text[m.end() : m.end() + 1] == "门":
                    continue  # 工信部门: the departments of a sector
                s, e = m.start(), m.end()
                if s > 0 and text[s - 1] in "省市县区" and not text[s:].startswith(("县", "市", "区", "省")):
                    s -= 1
                if rx is _NATIONAL and text.startswith(("办公厅", "办公室"), e):
                    e += 3  # 国务院办公厅: the general office of a national body is a body of its own
                add_candidate(doc, s, e, "GovernmentAgency", priority=3)
        for m in _CENTRAL.finditer(text):
            add_candidate(doc, m.start(), m.end(), "GovernmentAgency", priority=3)

    def _working_body(self, doc: Doc, text: str, run: int, m: re.Match, starts: list[int]) -> None:
        """潜江市加快推进5G网络建设领导小组, 成立推进评价工作领导小组: a working body is named
        after its task, verbs and all, from its place (or the verb that sets it up) on."""
        d = text.rfind("的", run, m.start())
        run = d + 1 if d >= 0 else run
        for c in _COORD_LEVEL.finditer(text, run, m.start()):
            run = c.end()  # 县委政府及|县脱贫攻坚指挥部
        s = next((a for a in starts if a >= run), None)
        if s is None:
            t = LEADING_TRIGGER.match(text, run, m.start())
            if not t or m.start() - t.end() < 4:
                return  # 成立领导小组: no name
            s = t.end()
        if m.start() - s < 2:
            return
        e = m.end()
        if text.startswith("办公室", e):
            e += 3
        add_candidate(doc, s, e, "GovernmentAgency", priority=4)

    @staticmethod
    def _add_agency(doc: Doc, text: str, s: int, e: int) -> None:
        """An agency name, split where it coordinates two bodies (东阳市委市政府,
        县委县政府), with a second name in brackets kept (市工信局(国资委))."""
        name = text[s:e]
        two = re.fullmatch(r"([省市县区])委([省市县区]?)政府", name)
        if two:  # 县委政府, 县委县政府: two bodies
            add_candidate(doc, s, s + 2, "GovernmentAgency", priority=4)
            add_candidate(doc, s + 2, e, "GovernmentAgency", name=two.group(1) + "政府", priority=4)
            return
        for k in range(s + 2, e - 1):
            if text.startswith(LEVEL_PREFIXES, k) and _AGENCY_END.search(text, s, k) \
                    and _STANDARD_AGENCY.fullmatch(text, k, e):
                add_candidate(doc, s, k, "GovernmentAgency", priority=4)
                add_candidate(doc, k, e, "GovernmentAgency", priority=4)
                return
        br = _SECOND_NAME.match(text, e)
        if br:
            add_candidate(doc, s, br.end(), "GovernmentAgency", aliases=(name,), priority=4)
            return
        add_candidate(doc, s, e, "GovernmentAgency", priority=4)

    @staticmethod
    def _is_agency(name: str, start: int, anchors: set[int]) -> bool:
        if len(name) < 2 or re.search(r"[0-9]", name):
            return False
        if _NATIONAL.fullmatch(name) or _CORES.fullmatch(name):
            return True
        if re.fullmatch(rf"[{CJK}]{{2,12}}(?:区|园)(?:管委会|管理委员会|工委)", name):
            return True  # 高新区管委会: the body running a zone
        opens_with_level = name.startswith(LEVEL_PREFIXES) or name.startswith(("中共", "XX", "国家"))
        if not (opens_with_level or start in anchors):
            return False
        core = name[1:] if opens_with_level else name
        if len(core) < 1 or core in ("部", "办", "委"):
            return False
        if re.search(r"企业|项目|工作|资金|政策|会议|活动|任务|目标|问题|能力|全部|格局|布局|大局|结局|开局|[两三四五]级|各级",
                     name.replace("企业服务中心", "服务中心")):
            return False
        return True

    # -- other organisations ------------------------------------------------------------
    def _organizations(self, doc: Doc, text: str, anchors) -> None:
        for m in _ORG_SUFFIX.finditer(text):
            run = name_run(text, m.start(), self.max_name_len)
            s = cut_left(text, run, m.start(), min_len=2, anchors=anchors)
            t = LEADING_TRIGGER.match(text, s, m.start())
            if t and text.startswith(LEVEL_PREFIXES, t.end()):
                s = t.end()  # 与省农科院
            for c in _COORD_LEVEL.finditer(text, s, m.start()):
                s = c.end()  # 青松科技和|省农科院
            stem = text[s : m.start()]
            if stem in LEVEL_PREFIXES and len(m.group(0)) >= 3:
                pass  # 省农科院, 市科学院
            elif len(stem) < 2 or _BAD_IN_NAME.search(stem.replace("产业", "") if m.group(0) == "联盟" else stem) or _GENERIC_ENT.match(stem) or re.search(r"高校|院所|各类|相关", stem) or stem in _TRIGGERS:
                continue
            if m.group(0) == "所" and not re.search(r"院|研究|科学|事务", stem):
                continue
            if _BUILDS.search(stem):  # 与某大学共建|某某研究院: a body a partner builds is a project, not its name
                continue
            add_candidate(doc, s, m.end(), "Organization", priority=4)
        for m in _KNOWN_ORG.finditer(text):
            add_candidate(doc, m.start(), m.end(), "Organization", priority=3)

    # -- bare short names -------------------------------------------------------------------
    def _enumerations(self, doc: Doc, text: str) -> None:
        """``A、B、C等25家企业``: every item of the list is an enterprise."""
        for m in (m for a, b in runs_with(text, _ENUM_RUN, _FIRM_WORDS, ("等", "家", "户"))
                  for m in _ENUM.finditer(text, a, b)):
            items = [re.sub(r"\d+$", "", it) for it in m.group(1).split("、")]
            if not m.group(2).startswith("等") and len(items) < 2:
                continue  # 共解决5家企业, 区属32家企业: one phrase before a count is no list of names
            if _NOT_FIRM_LIST.search(text, m.end(2), m.end()):
                continue  # 现场查看、调阅资料等方式了解企业: the list is of ways, goods, fields
            pos = m.start(1)
            spans = []
            for k, it in enumerate(items):
                s, e = pos, pos + len(it)
                pos = e + 1
                if k == 0:
                    s = _after_firm_verb(text, cut_left(text, s, e, min_len=2), e)
                spans.append((s, e))
            if _is_industry_list(text, spans):
                continue
            for s, e in self._split_and(text, spans):
                item = text[s:e]
                if not self._plausible_short_name(item):
                    continue
                add_candidate(doc, s, e, "Enterprise", priority=2)

    def _head_lists(self, doc: Doc, text: str) -> None:
        """``企业(A、B、C)``, ``3家(A、B)``, ``龙头企业:A、B、C``: a head noun for firms
        opens a list in brackets or after a colon; each item shaped like a name is a firm."""
        for m in _LIST_OPEN.finditer(text):
            opener = m.group(0)
            w = max(0, m.start() - 20)
            if not (_HEAD_BEFORE if len(opener) == 1 else _COUNT_BEFORE).search(text, w, m.start()):
                continue
            bracket = opener in "(("
            end = _LIST_ITEM_END.search(text, m.end(), m.end() + 160)
            if end is None:
                continue
            if bracket and end.group(0) not in "))":
                continue
            body_end = end.start()
            spans = []
            pos = m.end()
            for item in re.split(r"[、,,]" if bracket else "、", text[m.end() : body_end]):
                spans.append((pos, pos + len(item)))
                pos += len(item) + 1
            if not bracket and len(spans) < 2:
                continue
            # the last item of an open list ends before 等 or a verb: A、B等, A、B分别获得
            s, e = spans[-1]
            k = text.find("等", s + 2, e)
            if k >= 0:
                e = k
            t = LEADING_TRIGGER.search(text, s + 2, e)
            if t and not bracket:
                e = t.start()
            spans[-1] = (s, e)
            self._add_list_items(doc, text, spans)

    def _project_lists(self, doc: Doc, text: str) -> None:
        """``万年青新型建材、金科酒业扩建等工业工程``: items shaped like a firm's short
        name (+ what is done: 扩建, 技改) name the firm that runs the project."""
        for m in _PROJ_HEAD.finditer(text):
            a = m.start()
            while a > 0 and m.start() - a < 400 and _LIST_CHAR.match(text, a - 1):
                a -= 1
            items = text[a : m.start()].split("、")
            if len(items) < 2 or any(not (2 <= len(it) <= 16) for it in items[1:]):
                continue
            items[0] = items[0][-16:]
            pos = m.start() - len("、".join(items))
            spans = []
            for k, it in enumerate(items):
                s, e = pos, pos + len(it)
                pos = e + 1
                if k == 0:
                    s = _after_firm_verb(text, cut_left(text, s, e, min_len=2), e)
                spans.append((s, e))
            if _is_industry_list(text, spans):
                continue
            for s, e in spans:
                t = _PROJECT_TAIL.search(text, s + 4, e)
                if t:
                    e = t.start()
                if _firm_shaped(text[s:e]):
                    add_candidate(doc, s, e, "Enterprise", priority=3)
                    continue
                # 华欣体育用品金华纺织: two names whose 、 the text lost
                j = next((k for k in range(s + 4, e - 3) if _firm_shaped(text[s:k]) and _firm_shaped(text[k:e])), -1)
                if j > 0:
                    add_candidate(doc, s, j, "Enterprise", priority=3)
                    add_candidate(doc, j, e, "Enterprise", priority=3)
                    continue
                # 鑫达电子智能终端: the firm, then what the project makes
                j = next((s + k + len(w.group(0)) for k in (2, 3) if (w := _ONE_TRADE.match(text, s + k, e))
                          and e - w.end() >= 2 and _firm_shaped(text[s : w.end()])), -1)
                if j > 0:
                    add_candidate(doc, s, j, "Enterprise", priority=3)

    def _add_list_items(self, doc: Doc, text: str, spans: list[tuple[int, int]]) -> None:
        spans = self._split_and(text, spans)
        items = [text[s:e] for s, e in spans]
        if _is_industry_list(text, spans) or any("简称" in it for it in items):
            return  # a list of industries or a naming note
        for (s, e), item in zip(spans, items, strict=True):
            if self._plausible_short_name(item):
                add_candidate(doc, s, e, "Enterprise", priority=3)

    def _cued_names(self, doc: Doc, text: str) -> None:
        """深圳华为总部, 华为(潜江)工业互联网发展中心: a name before 总部, or before its
        branch's place in brackets, is a firm's."""
        gz = gazetteer()

        def is_place(w: str) -> bool:
            return w in gz.by_name or w in gz.by_short or w in ("中国", "XX")

        for m in _FIRM_CUE.finditer(text):
            e = m.start()
            if m.group(0)[0] in "((" and not is_place(m.group(0)[1:-1]):
                continue  # the brackets hold no place
            run = name_run(text, e, 8)
            s = _after_firm_verb(text, cut_left(text, run, e, min_len=2), e)
            for k in range(s + 2, e - 1):  # 深圳|华为总部: the place before the firm
                if is_place(text[s:k]):
                    s = k
                    break
            while e - s > 2 and (text[s : s + 2] in _COMMON_STEMS or _FIRM_VERB.match(text, s, s + 2)):
                s += 2  # 拟联合建设|华为(潜江)
            name = text[s:e]
            if is_place(name) or not (2 <= len(name) <= 6) or name in _TRIGGERS or _GENERIC_ENT.match(name):
                continue  # 中国(安徽)自由贸易试验区: a place, not a firm
            if any(is_place(name[k:]) for k in range(len(name) - 1)):
                continue  # 第十三届中国(海南)交易会
            if name[:2] in _COMMON_STEMS or re.search(r"[0-9的是了着和与及等届第]|企业|产业|公司|集团|区域|地区", name):
                continue
            add_candidate(doc, s, e, "Enterprise", priority=2)

    def _split_and(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """鼎盛农业和瑞丰科技: the last items of a list joined by 和/及/与."""
        out = []
        for s, e in spans:
            j = next((k for k in range(s + 2, e - 1) if text[k] in "和及与"
                      and self._plausible_short_name(text[s:k]) and self._plausible_short_name(text[k + 1 : e])), -1)
            out.extend([(s, j), (j + 1, e)] if j >= 0 else [(s, e)])
        return out

    def _examples(self, doc: Doc, text: str) -> None:
        for m in _EXAMPLES.finditer(text):
            pos = m.start(1)
            for item in m.group(1).split("、"):
                if self._plausible_short_name(item):
                    add_candidate(doc, pos, pos + len(item), "Enterprise", priority=2)
                pos += len(item) + 1

    @staticmethod
    def _plausible_short_name(item: str) -> bool:
        if not (2 <= len(item) <= 14) or item in _INDUSTRY_SET or item in _PROGRAM_SET:
            return False
        if item.endswith(("公司", "集团")) and _GENERIC_ENT.match(item[:-2]):  # 自来水公司: a kind of firm
            return False
        if item[:2] in _COMMON_STEMS and len(item) <= 4 or len(re.findall(rf"[{CJK}]", item)) < 2:
            return False
        if re.search(r"[0-9]|企业|产业|行业|项目|工作|资金|政策|市场|部门|单位|领域|环节|设备|产品|投资|效益|服务$", item):
            return False
        if _ADJECTIVAL.search(item) or _EVENT.search(item) or item in ("规上", "规下", "规模", "其中") or item in _TRIGGERS:
            return False
        if _NOT_A_NAME.search(item):
            return False
        return not re.search(r"^[的和与及是在了着为对将等]|[的和与及是在了着为对将]$|[的是了着]", item)

    def _firm_shaped_lists(self, doc: Doc, text: str) -> None:
        """引进了A新能源、B能投、C新能源: a list of three or more items, two of them shaped
        like a firm's short name (trade name + trade words), is a list of firms."""
        done = -1
        pos = 0
        while (k := text.find("、", pos)) >= 0:
            pos = k + 1
            if k < done:
                continue
            a = name_run(text, k, 16)
            if k - a < 2:
                continue
            items = _list_around(text, a, k)
            done = items[-1][1]
            if len(items) < 2 or _is_industry_list(text, items):
                continue
            a, b = items[0]
            items[0] = (_after_firm_verb(text, cut_left(text, a, b, min_len=2), b), b)
            # 推荐青松科技、白鹭电子申报: two items shaped like firms' short names make a list of firms
            if sum(_firm_shaped(text[a:b]) and text[a : a + 2] not in _COMMON_STEMS for a, b in items) < 2:
                continue
            self._add_list_items(doc, text, items)

    def _cooperation_pairs(self, doc: Doc, text: str) -> None:
        """青松科技与白鹭电子达成战略合作: a name shaped like a firm's on either side of 与, with a
        cooperation cue after, is a party (the other side may be any named body)."""
        for m in _COOP_PAIR.finditer(text):
            a = m.start()
            while a > 0 and m.start() - a < 9 and _CJK_CHAR.match(text, a - 1):
                a -= 1
            if not 4 <= m.start() - a <= 8:
                continue  # the name before 与 is 4-8 characters, a whole run
            for s, e in ((a, m.start()), m.span(1)):
                if _firm_shaped(text[s:e]) and text[s : s + 2] not in _COMMON_STEMS:
                    s = _after_firm_verb(text, s, e)
                    add_candidate(doc, s, e, "Enterprise", priority=3)

    def _trade_names(self, doc: Doc, text: str) -> None:
        """``绿峰机械``: a two-character trade name + trade word, standing alone."""
        last_list = (-1, -1, False)
        for start, end, stem, word in _trade_name_matches(text):
            if stem in _COMMON_STEMS or stem in _INDUSTRY_SET or _TRADE_WORD.fullmatch(stem) or re.search(r"[的和与及是在了着为对将等一个年月日新各全本该省市县级]", stem):
                continue
            if stem in _TRIGGERS or stem[0] in _TRIGGERS or _VERB_STEM.search(stem) or re.match(r"[一二三四五六七八九十百千两]+大", stem) \
                    or re.fullmatch(r"[十百千万亿]元", stem):  # 投资X亿元建设: a sum before the verb
                continue
            ind = _INDUSTRY_START.match(text, start)
            if ind and len(ind.group(0)) >= end - start:
                continue
            if word in _WEAK and not _WEAK_AFTER.match(text, end):
                continue
            before = text[max(0, start - 2) : start]
            if before and re.match(rf"[{CJK}]", before[-1]) and not _TRADE_LEFT.search(before):
                continue
            if text[start - 1 : start] == "、" or text[end : end + 1] in ("、", "等"):
                if not (last_list[0] <= start < last_list[1]):  # each list judged once
                    items = _list_around(text, start, end)
                    b = items[-1][1]
                    bad = _is_industry_list(text, items) or (text[b : b + 1] == "等" and not _FIRM_TAIL.match(text, b))
                    last_list = (items[0][0], b, bad)
                if last_list[2]:
                    continue  # 精加工、轻纺电子、机械制造: industries; 强揽工程等违法行为: other things
            add_candidate(doc, start, end, "Enterprise", priority=3)


# the local utility, one firm of the place: 县水电公司, 市供电公司, or 自来水公司 listed with other firms
_UTILITY = re.compile(r"(?:自来水|供水|水务|水电|燃气|热力|供热|公交|供电|电力|移动|电信|联通|烟草|邮政)$")
_UTILITY_LISTED = re.compile(r"(?:自来水|供水|水务|水电|燃气|热力|供热|供电)$")


def _local_utility(text: str, s: int, e: int) -> int | None:
    """Where the name of a local utility firm ending at ``e`` (before 公司) starts, or None:
    the utility word after a level (县|水电公司), or alone as an item of a list of firms."""
    u = _UTILITY.search(text, s, e)
    if not u:
        return None
    a = u.start()
    if a - 1 >= 0 and text[a - 1] in "省市县区" and (a - 1 == 0 or not _NAME_CHAR.match(text, a - 2)
                                                 or ENDS_WITH_TRIGGER.search(text, max(0, a - 5), a - 1)
                                                 or text[a - 2] in "、和与及"):
        return a - 1
    if _UTILITY_LISTED.search(text, s, e) and a == s and text[e + 2 : e + 3] == "、" and _NAME_CHAR.match(text, e + 3):
        return a
    return None


def _firm_shaped(item: str) -> bool:
    """万年青新型建材, 金科酒业: a distinctive trade name + trade or industry words."""
    if not (4 <= len(item) <= 12) or item in _INDUSTRY_SET or _INDUSTRY_START.match(item):
        return False
    for k in (2, 3, 4):
        stem = item[:k]
        if len(item) - k >= 2 and _TRADE_SEQ.fullmatch(item, k):
            return (stem not in _COMMON_STEMS and not _BAD_STEM.search(stem)
                    and not _TRADE_WORD.match(stem) and len(re.findall(rf"[{CJK}]", stem)) == k)
    return False


def _after_firm_verb(text: str, s: int, e: int) -> int:
    """Where a firm name begins when a verb of dealing with firms opens ``s:e``
    and at least two characters are left: 紧盯|鸿运集团."""
    v = _FIRM_VERB.match(text, s, e)
    return v.end() if v and e - v.end() >= 2 else s


_DATE_BEFORE = re.compile(r"\d年度?$|\d月$|\d日$")


def _opens_name(text: str, i: int) -> bool:
    """Nothing of a name stands before ``i``: a non-name character or a trigger word."""
    return (i == 0 or not re.match(rf"[{CJK}]", text[i - 1]) or bool(ENDS_WITH_TRIGGER.search(text, max(0, i - 4), i))
            or bool(_DATE_BEFORE.search(text, max(0, i - 8), i)))


def _list_around(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The items of the ``、`` list that the name at ``s:e`` stands in (itself
    included), left to right; the last one ends before 等 or a verb."""
    items = [(s, e)]
    p = s
    while p > 1 and text[p - 1] == "、" and len(items) < 30:
        a = name_run(text, p - 1, 16)
        if p - 1 - a < 2:
            break
        items.insert(0, (a, p - 1))
        p = a
    q = e
    while text[q : q + 1] == "、" and len(items) < 30:
        m = _ITEM_RIGHT.match(text, q + 1)
        if not m:
            break
        items.append(m.span())
        q = m.end()
    a, b = items[-1]
    if b > e:
        k = text.find("等", a + 2, b)
        if k >= 0:
            b = k
        c = _COUNTED_TAIL.search(text, a + 2, b)
        if c:
            b = c.start()  # 北山光伏3个项目: the count after the last item is not part of it
        t = LEADING_TRIGGER.search(text, a + 2, b)
        if t:
            b = t.start()
        items[-1] = (a, b)
    return items


def _is_industry_list(text: str, items: list[tuple[int, int]]) -> bool:
    """磷化工、酱香白酒、民族医药三大特色产业: an item is an industry, or the list is counted as industries."""
    return any(text[a:b] in _INDUSTRY_SET or _INDUSTRY_ITEM.search(text, a, b) for a, b in items) \
        or (len(items) >= 2 and _INDUSTRIES_AFTER.match(text, items[-1][1]) is not None)


def _trade_name_matches(text: str) -> list[tuple[int, int, str, str]]:
    """Non-overlapping matches of two CJK characters + a trade word, leftmost
    first, as (start, end, stem, trade word): what ``re.finditer`` of
    ``[CJK]{2}(trade words)`` finds, 3x faster by searching for the trade word
    first instead of trying the stem at every position."""
    out = []
    last = pos = 0
    while (m := _TRADE_WORD.search(text, pos)) is not None:
        q = pos = m.start()
        pos += 1
        if q - 2 < last or not _TWO_CJK.fullmatch(text, q - 2, q):
            continue
        out.append((q - 2, m.end(), text[q - 2 : q], m.group(0)))
        last = m.end()
    return out
