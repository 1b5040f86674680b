"""Projects: named concrete projects, parks, bases and technical renovations."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import ENDS_WITH_TRIGGER, LEADING_TRIGGER, add_candidate, cut_left, doc_text, name_run
from .lexicon import INDUSTRIES, KNOWN_PROGRAMS, LEFT_TRIGGERS, TRADE_WORDS, word_list

_TRIGGERS = set(LEFT_TRIGGERS)
_OWNER_PREFIX = re.compile(
    rf"([\u4e00-\u9fff]{{2,3}}(?:{'|'.join(sorted(map(re.escape, TRADE_WORDS), key=len, reverse=True))})+)(?=年产|年加工|\d)"
)
_SECTORS = set(INDUSTRIES)

# what an enterprise builds in its own name: 某某机械数字化车间, 某某集团智能化工厂, 某某酒业扩建
_FACILITY = r"(?:数字化|智能化|智能|数字|自动化|无人|黑灯|5G)(?:车间|工厂|生产线)|改扩建|扩建|厂房(?:建设)?"
_SUFFIX = re.compile(
    r"技改项目|项目|(?:产业|工业|创业|科技|物流|孵化|双创|示范)园(?!区)|基地|小镇|技改|枢纽港|保障工程|建设工程|改造工程|升级改造|技术改造|智能化改造"
    r"|(?<=[岩石煤铁铜金磷锰铝矾])矿(?![山业区产])|信息化平台|信息化系统|(?:追溯|回溯)(?:系统|体系)|数据中心|平台|"
    # 大马力拖拉机智能工厂项目: a facility named as a project is one project, 项目 included
    rf"(?:{_FACILITY})(?:技改项目|项目)?"
)
_NAMED_AFTER = re.compile(r"(?:年产|年加工|年处理|\d)[\u4e00-\u9fffA-Za-z0-9.]{2,24}?(?:项目|工程)")
_MONEY_AFTER = re.compile(r"补助|补贴|奖补|奖励|资金|贴息|政策|标准|投资|贷款")
_FACILITY_RE = re.compile(rf"(?:{_FACILITY})$")
_LEADING_VERB = re.compile(r"(?:建设|实施|推进|新建|扩建|续建|开工|启动)")
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两几百千]+)(?:个|项|批|座|处)")
_PLACE_VERB = re.compile(r"[\u4e00-\u9fffX]{1,7}?[省市县区镇乡](?:新建|扩建|续建|建设|兴建|开工|启动)")
# a size or sum written before the name is not part of it: 1100亩…产业园, 投资3亿元建设…项目
_QUANTITY = re.compile(
    r"(?<![年产\d.])(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千万]+)(?:多|余)?(?:万|亿|千)?"
    r"(?:元|亩|平方米|平米|平方公里|公顷|千瓦|兆瓦|吨)(?:的|左右)?"
)
# a verb inside the stem ends the context: 投资5亿元建设|城南污水处理项目, 全力打造|…产业园
_STEM_VERB = re.compile(
    r"选址|落户|位于|入驻|承建|建设|新建|扩建|续建|兴建|筹建|实施|推进|推动|开工|启动|打造|建成|引进|招引|谋划|储备|落地|签约|争取|包装|"
    r"加快|全力|力促|促成|完成|投资|投入|开展|抓好|做好|支持|培育|承租|租赁|创建|规划建设"
)
# a batch or year of a scheme is its instance, not its name: 第五批|电信普遍服务4G项目
_BATCH = re.compile(r"(?:\d{4}年度?)?第[一二三四五六七八九十\d]+批(?:次)?|\d{4}年度?")
_LEVEL = re.compile(r"(?:国家|省|市|县|区)级")
# coordinated names: 甲产业园和乙创业园 -> the second starts after the conjunction
_COORD = re.compile(r"(?:项目|园|工程|基地|技改|中心|平台|系统|车间|工厂|扩建|厂房)(?:建设)?(?:和|及|与|以及|、)")
# stems that make a generic phrase, not a named project
_GENERIC_WORDS = word_list("project_generic")
_GENERIC = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, _GENERIC_WORDS), key=len, reverse=True)) + ")*$")
# (一)项目建设, 一要抓项目: an enumerator or a speech's "first, we must" opens no project name
_BAD = re.compile(r"^[((]?[一二三四五六七八九十\d]+[))、.]|^[一二三四五六七八九十]要|[是了着、—]|各类|各项|一批|^[省市县区]属|\d+[个家户项]|工作|等$|\d+(?:\.\d+)?(?:亿|万)?元|以[上下]$|"
                  r"^(?:企业|工业|产业|传统|改扩建|送|建设)|重大|重点|[快捷极序步实面好]地")
# a 项目 or 基地 after a bare sector or stage is a kind of project: 工业项目, 技改项目
_BAD_END = re.compile(r"(?:企业|工业|产业|技改|计划|的新|新)$")
# a kind of application or award, not a thing built: 科技扶贫项目, 后续奖励项目 (a Program)
_APPLIED = re.compile(r"(?:奖励|补助|扶持|资助|补贴|试点|示范|攻关|扶贫|专项)$")
# the noun before 的 that a name may keep (桑椹果的综合利用开发项目): not a place in a text (规划中的)
_NOT_OWNER_NOUN = re.compile(r"[中内里上下外间强大高好新多快优]$|建设|实施|正在|规划|保障|谋划")
# the enterprise's own undertakings are named after it: no level, count or place-only stem
_FACILITY_STEM_BAD = re.compile(r"^(?:[省市县区]级?|国家级?|各|全|一批|首批|新|该|本|这)|[\d个家批项]|企业$|^(?:企业|工业|产业)|"
                                r"[省市县区镇乡园型化级]$")

# 共建钢结构研发中心, 合作建设…工业互联网平台, …冷链物流中心加快建设: a centre, lab or platform being
# built is a project (GUIDELINES: "a named concrete project, plant, park or centre being built")
_BUILD_VERB = r"(?:共建|合作建设|联合建设|合作共建|投资建设|建设|新建|筹建|兴建|建成|打造|组建)"
_BUILT_SUFFIX = r"(?:中心|实验室|研究院|平台)"
_BUILT_BEFORE = re.compile(rf"{_BUILD_VERB}([\u4e00-\u9fffA-Za-z0-9]{{2,14}}?{_BUILT_SUFFIX})(?=[,。;、,;和及与]|$)")
_BUILT_AFTER = re.compile(
    rf"(?<=[,。;、,;:\n])([\u4e00-\u9fffA-Za-z0-9]{{2,16}}?{_BUILT_SUFFIX})(?=(?:加快|开工|启动|全面|顺利)?(?:建设|竣工|投用|建成))"
)
_BUILT_BAD = re.compile(r"^(?:[省市县区]级?|国家级?|各|全|一批|多个|该|本|这|企业|公共)|[\d个家批项的是]|服务中心$")
_PROGRAM_SET = set(KNOWN_PROGRAMS)

# A与B就映山红(杜鹃花)新品种培育及综合开发利用开展研究: the subject of joint research is a project
_RESEARCH = re.compile(r"就([^,。;:“”《》]{4,30}?)(?:开展|进行)(?:联合|产学研)?(?:研究|攻关|研发|合作)")


def _cut_stem(text: str, s: int, end: int, min_left: int) -> int:
    """Move ``s`` past amounts, verbs and a coordinated first name inside ``text[s:end]``."""
    stem = text[s:end]
    cut = 0
    for rx in (_QUANTITY, _STEM_VERB, _COORD, _BATCH):
        for m in rx.finditer(stem):
            if len(stem) - m.end() >= min_left and m.end() > cut:
                cut = m.end()
    return s + cut


@Language.factory("kg_projects", default_config={"min_stem": 2})
class ProjectExtractor:
    """Project candidates by suffix (…项目, …产业园, …基地, …技改, <firm>数字化车间)."""

    def __init__(self, nlp: Language, name: str, min_stem: int):
        self.min_stem = min_stem

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        anchors = doc.user_data.get("kg_place_starts", ())
        # candidate offsets without building a Span per candidate
        firms = {a: b for a, b, lab in doc.user_data.get("kg_span_attrs", {}) if lab == "Enterprise"}
        for m in _SUFFIX.finditer(text):
            suffix = m.group(0)
            facility = bool(_FACILITY_RE.match(suffix))
            if suffix == "技改" and _MONEY_AFTER.match(text, m.end()):
                continue  # 明确技改补助标准: money or rules for renovation, no project
            if suffix.endswith("扩建") and _NAMED_AFTER.match(text, m.end()):
                continue  # 推动某酒业扩建|年产5000吨白酒项目: the project is named after the verb
            run = name_run(text, m.start(), 30)
            # named projects have long stems: a trigger leaving two characters (利用|开发项目) is part of the name
            cut_min = 4 if suffix in ("项目", "技改", "升级改造", "技术改造", "智能化改造") else self.min_stem
            s = cut_left(text, run, m.start(), min_len=cut_min, anchors=anchors, keep_soft=True)
            if s > run + 1 and text[s - 1] == "的":
                # 桑椹果的综合利用开发项目: a short noun before 的 belongs to the name
                s0 = cut_left(text, run, s - 1, min_len=2)
                chunk = text[s0 : s - 1]
                if 2 <= len(chunk) <= 5 and not ENDS_WITH_TRIGGER.search(chunk) and not _LEADING_VERB.match(chunk) \
                        and not _NOT_OWNER_NOUN.search(chunk) and not _STEM_VERB.search(chunk):
                    s = s0
            owners = [o for o in re.finditer(r"公司|集团", text[s : m.start()])
                      if o.group(0) == "公司" or _STEM_VERB.match(text, s + o.end())]
            if owners:  # 县水电公司建设农网改造项目: the project starts after its owner
                s += owners[-1].end()
            while (t := LEADING_TRIGGER.match(text, s)) and m.start() - t.end() >= 2:
                s = t.end()
            v = _LEADING_VERB.match(text, s) or _PLACE_VERB.match(text, s)
            if v and m.start() - v.end() >= 3:
                s = v.end()  # (在XX县)新建智能装备产业园: the place is where, the verb what is done
            s = _cut_stem(text, s, m.start(), 3 if suffix.endswith("项目") else 2)
            if text[s] == "的" and m.start() - s > 3:
                s += 1  # 牵头实施|的…项目: what a verb cut leaves of 的 is not the name
            stem = text[s : m.start()]
            if suffix == "平台" and s not in anchors and s not in firms:  # 安徽创优营商环境为企服务平台: named by place
                continue
            if "的" in stem and (stem.index("的") > 5 or re.search(r"[强大高好新多快优]的", stem)):
                continue
            # 技术改造 in general is an activity; a named one carries its technology (5G+工业互联网…改造)
            if suffix.endswith("改造") and not re.search(r"[A-Za-z0-9]\+?", stem):
                continue
            min_stem = self.min_stem + 1 if suffix == "项目" else self.min_stem
            if suffix == "技改项目":
                min_stem = self.min_stem
            # the part after the last context word must itself name something: 全部为|新建项目
            tail = stem
            for t in LEADING_TRIGGER.finditer(stem):
                tail = stem[t.end() :]
            if len(stem) < min_stem or _GENERIC.match(stem) or _STEM_VERB.fullmatch(stem) or _GENERIC.match(tail) or _BAD.search(stem) \
                    or (suffix in ("项目", "技改项目", "技改") and _BAD_END.search(stem)) or stem.endswith("企业") \
                    or (suffix == "基地" and re.search(r"(?:技改|计划|的新|新)$|^(?:工业|产业)$", stem)) \
                    or stem in _TRIGGERS or stem[-1] in "把以对将为从" or LEADING_TRIGGER.match(stem) \
                    or ENDS_WITH_TRIGGER.search(stem) or re.match(r"(?!X)[A-Za-z][\u4e00-\u9fff]", stem):
                continue
            # a sector's workshop (汽车零部件数字化车间) names no enterprise
            if facility and (_FACILITY_STEM_BAD.search(stem) or _STEM_VERB.match(stem) or len(stem) > 10
                             or stem in _SECTORS or re.search(r"(?:制造|加工|零部件|装备|生产|行业|产业|工艺|技术)$", stem)):
                continue
            # 省重大科技创新项目: a provincial list enterprises are put on, not a project
            label = "Program" if suffix == "项目" and (
                re.match(r"^(?:省|市|国家|中央|省市|省级|市级)", stem) or _APPLIED.search(stem)) else "Project"
            # 建设农网改造项目40个: counted, so a kind of project, not one
            if label == "Project" and _COUNTED.match(text, m.end()):
                continue
            # …产业园建设: the form with 建设 is the same project
            aliases = [text[s : m.end() + 2]] if text.startswith("建设", m.end()) and not suffix.endswith("建设") \
                and re.match(r"[和及与、等,。;]", text[m.end() + 2 : m.end() + 3]) else []
            if suffix == "厂房建设":
                aliases.append(text[s : m.end() - 2])
            # a project named after its enterprise outranks the enterprise's name inside it
            prio = 6 if (facility or s in firms) and label == "Project" else 3
            # 省级农业科技示范园: named without its level, the level form an alias (GUIDELINES v2)
            level = _LEVEL.match(stem) if label == "Project" else None
            name = None
            if level and m.end() - s - level.end() >= 4:
                name = text[s + level.end() : m.end()]
                aliases.append(text[s : m.end()])
            add_candidate(doc, s, m.end(), label, name=name, aliases=aliases, priority=prio)
            owned = _OWNER_PREFIX.match(stem) if suffix.endswith("项目") and label == "Project" else None
            if owned and owned.group(1)[:2] not in _SECTORS and owned.group(1) not in _SECTORS:
                # 青松科技年产5万吨新材料项目: the firm's short name opens the name of what it builds
                doc.user_data.setdefault("kg_project_owners", {})[(s, m.end())] = s + owned.end(1)
            if facility:
                # 某某酒业扩建: the stem is the enterprise that undertakes it (kg_relations links the two)
                doc.user_data.setdefault("kg_project_owners", {})[(s, m.end())] = m.start()
        for rx in (_BUILT_BEFORE, _BUILT_AFTER):
            for m in rx.finditer(text):
                name = m.group(1)
                stem = re.sub(f"{_BUILT_SUFFIX}$", "", name)
                if len(stem) < 2 or _BUILT_BAD.search(name) or _STEM_VERB.search(stem) or name in _PROGRAM_SET \
                        or _GENERIC.match(stem) or LEADING_TRIGGER.match(stem):
                    continue
                add_candidate(doc, m.start(1), m.end(1), "Project", priority=5)
        for m in _RESEARCH.finditer(text):
            stem = m.group(1)
            if not (_GENERIC.match(stem) or re.search(r"问题|工作|事项|情况|方面|有关|相关|[这此该]", stem)):
                add_candidate(doc, m.start(1), m.end(1), "Project", priority=2)
        return doc
