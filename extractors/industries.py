"""Industries: known industry names, and items listed as …产业/行业."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, alternation, cut_left, doc_text, runs_with
from .lexicon import CJK, INDUSTRIES, KNOWN_PROGRAMS, LEFT_TRIGGERS

_TRIGGERS = set(LEFT_TRIGGERS)
# words that qualify industries without naming one (新型、关键产业; 新特色产业)
_MODIFIERS = {"型", "新型", "关键", "传统", "新兴", "重点", "主导", "优势", "特色", "支柱", "战略性", "战略性新兴", "首位",
              "先导", "基础", "核心", "前沿", "未来", "现代", "高端", "一般", "其他", "相关", "配套", "上下游"}
_KNOWN_PROGRAMS = re.compile("|".join(map(re.escape, KNOWN_PROGRAMS)))

_KNOWN = re.compile(
    f"({alternation(INDUSTRIES)})(产业链|产业|行业|业)?"
)
_LIST = re.compile(
    rf"((?:[{CJK}]{{2,8}}[、和及])+[{CJK}]{{2,8}}?)(?:等)?(?:\d+|[一二三四五六七八九十两])?(?:大)?(?:主导)?(?:产业链|产业|行业)"
)

_LIST_RUN = re.compile(rf"[{CJK}、\d]+")  # the characters a _LIST match is made of

# an industry word opening a project or programme name is part of that name
_PART_OF_NAME = ("中心", "项目", "平台", "基地", "产业园", "小镇", "企业")


@Language.factory("kg_industries", default_config={})
class IndustryExtractor:
    """Industry candidates: name is the bare industry, the suffixed form an alias."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in _KNOWN.finditer(text):
            if text.startswith(_PART_OF_NAME, m.end()):
                continue
            # a bare industry word counts as an industry when listed or qualified
            listed = text[m.start() - 1 : m.start()] in ("、", "和", "及") or text[m.end() : m.end() + 1] in ("、", "等")
            qualified = m.group(2) or m.group(1).endswith(("产业", "行业"))
            if not (qualified or listed or text.startswith(("企业", "领域", "产业链", "板块"), m.end())):
                continue
            aliases = [m.group(0)] if m.group(2) and m.group(2) != "产业链" else []
            add_candidate(doc, m.start(), m.end(1), "Industry", aliases=aliases, priority=2)
        for m in (m for a, b in runs_with(text, _LIST_RUN, ("产业", "行业"), ("、", "和", "及"))
                  for m in _LIST.finditer(text, a, b)):
            pos = m.start(1)
            for k, item in enumerate(re.split(r"[、和及]", m.group(1))):
                s, e = pos, pos + len(item)
                pos = e + 1
                if k == 0:
                    s = cut_left(text, s, e, min_len=2)
                    item = text[s:e]
                if 2 <= len(item) <= 8 and not re.search(r"[的是了着在对为将以个]|企业|工作|项目|链|党建", item) \
                        and not _KNOWN_PROGRAMS.search(item) and item not in _TRIGGERS and item.removeprefix("新") not in _MODIFIERS:
                    add_candidate(doc, s, e, "Industry", priority=1)
        return doc
