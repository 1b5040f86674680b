"""Projects: named concrete projects, parks, bases and technical renovations."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import ENDS_WITH_TRIGGER, LEADING_TRIGGER, add_candidate, cut_left, doc_text, name_run
from .lexicon import LEFT_TRIGGERS

_TRIGGERS = set(LEFT_TRIGGERS)

_SUFFIX = re.compile(r"技改项目|项目|产业园|工业园|基地|小镇|技改|枢纽港|示范园|保障工程|建设工程|改造工程|升级改造|技术改造|智能化改造|(?<=[岩石煤铁铜金磷锰铝矾])矿(?![山业区产])|平台")
_LEADING_VERB = re.compile(r"(?:建设|实施|推进|新建|扩建|续建|开工|启动)")
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两几百千]+)(?:个|项|批|座|处)")
_PLACE_VERB = re.compile(r"[\u4e00-\u9fffX]{1,7}?[省市县区镇乡](?:新建|扩建|续建|建设|兴建|开工|启动)")
# stems that make a generic phrase, not a named project
_GENERIC = re.compile(
    r"^(?:[省市县区]级?|国家级?|中央|及|和|各类|相关|有关|重点|重大|一批|各|新|在建|在库|入库|续建|新建|新开工|竣工|签约|招商|产业|工业|技改|"
    r"投资|建设|科技|这些|其他|部分|储备|谋划|亿元以上|千万元以上|省市|市级|县级|工业技改|实体|民生|基础设施|"
    r"固定资产|中央|地方|上级|专项|扶贫|帮扶|考核|申报|年度|全年|大|小|好|该|此|本|每个|单个)*$"
)
_BAD = re.compile(r"[是了着、—]|各类|各项|一批|^[省市县区]属|\d+[个家户项]|\d+(?:\.\d+)?(?:亿|万)?元|(?:企业|工业|产业|技改|计划|的新|新)$|工作|等$|^(?:企业|工业|产业|传统|改扩建|送|建设)|重大|重点")


# A与B就映山红(杜鹃花)新品种培育及综合开发利用开展研究: the subject of joint research is a project
_RESEARCH = re.compile(r"就([^,。;:“”《》]{4,30}?)(?:开展|进行)(?:联合|产学研)?(?:研究|攻关|研发|合作)")


@Language.factory("kg_projects", default_config={"min_stem": 2})
class ProjectExtractor:
    """Project candidates by suffix (…项目, …产业园, …基地, …技改)."""

    def __init__(self, nlp: Language, name: str, min_stem: int):
        self.min_stem = min_stem

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        anchors = doc.user_data.get("kg_place_starts", ())
        for m in _SUFFIX.finditer(text):
            run = name_run(text, m.start(), 30)
            # named projects have long stems: a trigger leaving two characters (利用|开发项目) is part of the name
            cut_min = 4 if m.group(0) in ("项目", "升级改造", "技术改造", "智能化改造") else self.min_stem
            s = cut_left(text, run, m.start(), min_len=cut_min, anchors=anchors, keep_soft=True)
            if s > run + 1 and text[s - 1] == "的":
                # 桑椹果的综合利用开发项目: a short noun before 的 belongs to the name
                s0 = cut_left(text, run, s - 1, min_len=2)
                chunk = text[s0 : s - 1]
                if 2 <= len(chunk) <= 5 and not ENDS_WITH_TRIGGER.search(chunk) and not _LEADING_VERB.match(chunk) \
                        and not re.search(r"[强大高好新多快优]$|建设|实施|正在", chunk):
                    s = s0
            owners = list(re.finditer(r"公司|集团", text[s : m.start()]))
            if owners:  # 县水电公司建设农网改造项目: the project starts after its owner
                s += owners[-1].end()
            while (t := LEADING_TRIGGER.match(text, s)) and m.start() - t.end() >= 2:
                s = t.end()
            v = _LEADING_VERB.match(text, s) or _PLACE_VERB.match(text, s)
            if v and m.start() - v.end() >= 3:
                s = v.end()  # (在XX县)新建智能装备产业园: the place is where, the verb what is done
            if m.group(0) == "平台" and s not in anchors:  # 安徽创优营商环境为企服务平台: named by place
                continue
            stem = text[s : m.start()]
            if "的" in stem and (stem.index("的") > 5 or re.search(r"[强大高好新多快优]的", stem)):
                continue
            # 技术改造 in general is an activity; a named one carries its technology (5G+工业互联网…改造)
            if m.group(0).endswith("改造") and not re.search(r"[A-Za-z0-9]\+?", stem):
                continue
            min_stem = self.min_stem + 1 if m.group(0) == "项目" else self.min_stem
            if m.group(0) == "技改项目":
                min_stem = self.min_stem
            if len(stem) < min_stem or _GENERIC.match(stem) or _BAD.search(stem) or stem in _TRIGGERS or stem[-1] in "把以对将为从" or LEADING_TRIGGER.match(stem) \
                    or ENDS_WITH_TRIGGER.search(stem) or re.match(r"[A-Za-z][\u4e00-\u9fff]", stem):
                continue
            # 省重大科技创新项目: a provincial list enterprises are put on, not a project
            label = "Program" if m.group(0) == "项目" and re.match(r"^(?:省|市|国家|中央|省市|省级|市级)", stem) else "Project"
            # 建设农网改造项目40个: counted, so a kind of project, not one
            if label == "Project" and _COUNTED.match(text, m.end()):
                continue
            add_candidate(doc, s, m.end(), label, priority=3)
        for m in _RESEARCH.finditer(text):
            stem = m.group(1)
            if not (_GENERIC.match(stem) or re.search(r"问题|工作|事项|情况|方面|有关|相关|[这此该]", stem)):
                add_candidate(doc, m.start(1), m.end(1), "Project", priority=2)
        return doc
