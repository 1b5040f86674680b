"""Industries: known industry names, and items listed as …产业/行业."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate
from .lexicon import CJK, INDUSTRIES

_KNOWN = re.compile(
    "(" + "|".join(sorted(map(re.escape, INDUSTRIES), key=len, reverse=True)) + ")(产业链|产业|行业|业)?"
)
_LIST = re.compile(
    rf"((?:[{CJK}]{{2,8}}[、和及])+[{CJK}]{{2,8}}?)(?:等)?(?:\d+|[一二三四五六七八九十两])?(?:大)?(?:主导)?(?:产业链|产业|行业)"
)


@Language.factory("kg_industries", default_config={})
class IndustryExtractor:
    """Industry candidates: name is the bare industry, the suffixed form an alias."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        for m in _KNOWN.finditer(text):
            before = text[m.start() - 1 : m.start()] if m.start() else ""
            if before and re.match(rf"[{CJK}]", before) and before not in "、和及与以等大了为括":
                continue
            aliases = [m.group(0)] if m.group(2) and m.group(2) != "产业链" else []
            add_candidate(doc, m.start(), m.end(1), "Industry", aliases=aliases, priority=2)
        for m in _LIST.finditer(text):
            pos = m.start(1)
            for item in re.split(r"[、和及]", m.group(1)):
                s, e = pos, pos + len(item)
                pos = e + 1
                if 2 <= len(item) <= 8 and not re.search(r"[的是了着在对为将]|企业|工作|项目", item):
                    add_candidate(doc, s, e, "Industry", priority=1)
        return doc
