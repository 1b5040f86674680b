"""Projects: named concrete projects, parks, bases and technical renovations."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, cut_left, name_run
from .lexicon import LEFT_TRIGGERS

_TRIGGERS = set(LEFT_TRIGGERS)

_SUFFIX = re.compile(r"技改项目|项目|产业园|工业园|基地|小镇|技改|枢纽港|示范园|保障工程|建设工程|改造工程")
# stems that make a generic phrase, not a named project
_GENERIC = re.compile(
    r"^(?:[省市县区]级?|各类|相关|有关|重点|重大|一批|各|新|在建|在库|入库|续建|新建|新开工|竣工|签约|招商|产业|工业|技改|"
    r"投资|建设|科技|这些|其他|部分|储备|谋划|亿元以上|千万元以上|省市|市级|县级|工业技改|实体|民生|基础设施|"
    r"固定资产|中央|地方|上级|专项|扶贫|帮扶|考核|申报|年度|全年|大|小|好|该|此|本|每个|单个)*$"
)
_BAD = re.compile(r"[是了着、]|\d+[个家户项亿万]|(?:企业|工业|产业|技改|计划|的新|新)$|工作|等$|^(?:企业|工业|产业|传统|改扩建|送|建设)|重大|重点")


@Language.factory("kg_projects", default_config={"min_stem": 2})
class ProjectExtractor:
    """Project candidates by suffix (…项目, …产业园, …基地, …技改)."""

    def __init__(self, nlp: Language, name: str, min_stem: int):
        self.min_stem = min_stem

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        anchors = doc.user_data.get("kg_place_starts", ())
        for m in _SUFFIX.finditer(text):
            run = name_run(text, m.start(), 30)
            s = cut_left(text, run, m.start(), min_len=self.min_stem, anchors=anchors)
            stem = text[s : m.start()]
            min_stem = self.min_stem + 1 if m.group(0) == "项目" else self.min_stem
            if m.group(0) == "技改项目":
                min_stem = self.min_stem
            if len(stem) < min_stem or _GENERIC.match(stem) or _BAD.search(stem) or stem in _TRIGGERS or stem[-1] in "把以对将为从":
                continue
            # 省重大科技创新项目: a provincial list enterprises are put on, not a project
            label = "Program" if m.group(0) == "项目" and re.match(r"^(?:省|市|国家|中央|省市|省级|市级)", stem) else "Project"
            add_candidate(doc, s, m.end(), label, priority=3)
        return doc
