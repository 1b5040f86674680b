"""Policy documents: 《titles》 with their document numbers, and work reports."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, doc_text
from .lexicon import CJK

DOC_NUMBER = re.compile(rf"[{CJK}X]{{1,10}}[〔\[【(]\s*(?:19|20)\d{{2}}\s*[〕\]】)]\s*\d+\s*号")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_REPORT = re.compile(r"[省市县区]政府工作报告")
# forms an office fills in or hands out (《隐患整改通知书》, 《安全生产责任书》) are not policy documents
_FORM = re.compile(r"(?:通知书|告知书|责任书|承诺书|确认书|申请书|申报书|任务书|登记表|申请表|申报表|统计表|报表|台账)$")


@Language.factory("kg_documents", default_config={})
class DocumentExtractor:
    """PolicyDocument candidates; the number that follows a title is its alias."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in _TITLE.finditer(text):
            if _FORM.search(m.group(1)) and not m.group(1).startswith("关于"):
                continue
            aliases = []
            num = DOC_NUMBER.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == "(" else None
            if num:
                aliases.append(num.group(0))
            add_candidate(doc, m.start(1), m.end(1), "PolicyDocument", aliases=aliases, priority=8)
        for m in _REPORT.finditer(text):
            add_candidate(doc, m.start(), m.end(), "PolicyDocument", priority=5)
        return doc
