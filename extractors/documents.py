"""Policy documents: 《titles》 with their document numbers, titles written
without 《》 after a verb of issuing (制定…实施意见), numbers standing alone,
and work reports."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import LEADING_TRIGGER, add_candidate, alternation, doc_text
from .lexicon import CJK, word_list

DOC_NUMBER = re.compile(rf"[{CJK}X]{{1,10}}[〔\[【(]\s*(?:19|20)\d{{2}}\s*[〕\]】)]\s*\d+\s*号")
# a number standing alone is found from its 号 (a literal scan), then read backwards
_NUMBER_END = re.compile("号")
_NUMBER_BEFORE = re.compile(DOC_NUMBER.pattern + "$")
_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_REPORT = re.compile(r"[省市县区]?政府工作报告")
# forms an office fills in or hands out (《隐患整改通知书》, 《安全生产责任书》) are not policy documents
_FORM = re.compile(r"(?:通知书|告知书|责任书|承诺书|确认书|申请书|申报书|任务书|登记表|申请表|申报表|统计表|报表|台账)$")

# a title written without 《》: [verb of issuing] title [kind of document] (制定…指导意见, 按照…任务清单要求)
DOCUMENT_KINDS = word_list("document_kinds")
DOCUMENT_VERBS = word_list("document_verbs")
_KINDS_BY_TAIL: dict[str, list[str]] = {}
for _k in sorted(DOCUMENT_KINDS, key=len, reverse=True):
    _KINDS_BY_TAIL.setdefault(_k[-2:], []).append(_k)
# found by their last two characters (a literal alternation the regex engine scans fast)
_KIND_TAIL = re.compile(alternation({k[-2:] for k in DOCUMENT_KINDS}))
_KIND_AFTER = re.compile(r"[,。;、:)()\s]|和|及|与|等|要求|精神|编制|落实|的|中|文件|$")
_VERB = re.compile(alternation(DOCUMENT_VERBS))
_CLAUSE_END = re.compile(r"[,。;:!?、()《》\n]")
# levels listed before a title (按照省、市、县…实施意见) do not end its clause
_LEVEL_ITEM = re.compile(r"(?:^|[和及])(?:国家|中央|省|市|县|区)$|^[^、]{0,4}(?:国家|中央|省|市|县|区)$")
# what a title's subject must be more than: years, levels and words of any document
_FILLER = re.compile(
    r"\d{4}(?:[—\-]\d{4})?年度?|[“”\"]|关于|各项|相关|有关|具体|针对性|一系列|系列|这些|配套|工作|年度|新一轮|扶持|"
    r"支持|帮扶|优惠|专项|政策|若干|实施|^[省市县区]|国家|上级|的"
)
# the owner written before a title: 省沿江化工…清单, 新一轮扶持…意见
_OWNER = re.compile(r"^(?:新一轮|(?:(?:国家|中央|省|市|县|区)[、和及]?)*(?:国家|中央|省市|[省市县区](?![场域块属直委政府内外级])))")
_LEAD_YEAR = re.compile(r"^\d{4}年度?")
# an issuing body written before 关于: 工信厅关于…, 人民政府关于…
_ISSUER_BEFORE_ABOUT = re.compile(rf"[{CJK}]{{1,12}}?(?:厅|局|委|办|政府|部|院|署|会)关于")
# a policy package (稳住经济一揽子政策措施) is a program, not a document
_PACKAGE = re.compile(r"一揽子")
_BRACKET = re.compile(r"[〔\[【(]")


def _titles_without_brackets(text: str):
    """(start, end, name, aliases) of document titles written without 《》."""
    prev_end = -1
    for t in _KIND_TAIL.finditer(text):
        e = t.end()
        kind = next((k for k in _KINDS_BY_TAIL[t.group(0)] if text.startswith(k, e - len(k))), None)
        if kind is None or not _KIND_AFTER.match(text, e):
            continue
        k0 = e - len(kind)
        if text[e : e + 1] == "》":
            continue
        lo = max(0, k0 - 60)
        seg = lo
        opened = text.rfind("《", lo, k0)
        if opened >= 0 and text.find("》", opened, k0) < 0:
            continue  # inside a bracketed title
        bounds = [b.end() for b in _CLAUSE_END.finditer(text, lo, k0)]
        while bounds:
            seg = bounds.pop()
            prev = bounds[-1] if bounds else lo
            if not (text[seg - 1] == "、" and _LEVEL_ITEM.search(text[prev : seg - 1])):
                break
            seg = prev
        # coordinated titles: …“十四五”规划和…“十四五”规划
        if seg <= prev_end < k0 and text[prev_end : prev_end + 1] in ("和", "及", "与"):
            s = prev_end + 1
        else:
            s = -1
            for v in _VERB.finditer(text, seg, k0):
                s = v.end()
            if s < 0:
                about = text.rfind("关于", seg, k0)
                if about < 0:
                    continue
                s = about  # 省委、省政府关于…的优惠政策: the title opens with 关于
        if text.startswith("了", s) or text.startswith("的", s) and _VERB.search(text, max(0, s - 4), s):
            s += 1  # 出台了…, 县政府出台的…二十条: the title opens after the particle
        t = LEADING_TRIGGER.match(text, s)
        if t and t.group(0) in ("全力", "积极", "大力", "进一步", "完成") and k0 - t.end() >= 4:
            s = t.end()
        title = text[s:e]
        stem = text[s:k0]
        if _PACKAGE.search(title) or re.search(r"[我们了着]|各项|各类|相关|有关", stem) or stem.startswith("的") \
                or re.match(r"\d+[个家项条]?$", stem):
            continue
        # what the title is about: all but the last word of its kind (县域工业发展|规划)
        subject = _FILLER.sub("", stem)
        quoted = re.search(r"“([^“”]+)”", stem)
        if quoted and subject == quoted.group(1):
            continue  # a program's own work plan: 年度“万企上云”工作计划, “三率一水平”工作指南
        strong = "关于" in stem or stem.endswith("的")
        if len(subject) < (4 if strong else 5):
            continue
        aliases = [title]
        o = _OWNER.match(title)
        if o and _ISSUER_BEFORE_ABOUT.match(title, o.end()):
            o = None  # 省工信厅关于…的通知: the level is part of the issuer's name the title opens with
        if (issuer := _ISSUER_BEFORE_ABOUT.match(title)) is not None:
            aliases.append(title[issuer.end() - 2 :])  # the title without its issuer: 关于…的通知
        name = title[o.end() :] if o and len(title) - o.end() >= 6 else title
        y = _LEAD_YEAR.match(name)
        if y and len(name) - y.end() >= 6:
            aliases.append(name[y.end() :])
        prev_end = e
        yield s, e, name, [a for a in aliases if a != name]


@Language.factory("kg_documents", default_config={})
class DocumentExtractor:
    """PolicyDocument candidates; the number that follows a title is its alias."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        numbered: set[int] = set()
        for m in _TITLE.finditer(text):
            if _FORM.search(m.group(1)) and not m.group(1).startswith("关于"):
                continue
            aliases = []
            num = DOC_NUMBER.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == "(" else None
            if num:
                aliases.append(num.group(0))
                numbered.add(num.start())
            add_candidate(doc, m.start(1), m.end(1), "PolicyDocument", aliases=aliases, priority=8)
        bracketed = {_LEAD_YEAR.sub("", m.group(1)) for m in _TITLE.finditer(text)}
        for s, e, name, aliases in _titles_without_brackets(text):
            if _LEAD_YEAR.sub("", name) in bracketed:
                continue  # the title written again without its 《》
            num = DOC_NUMBER.match(text, e + 1) if text[e : e + 1] in ("(", "(") else None
            if num:
                aliases.append(num.group(0))
                numbered.add(num.start())
            add_candidate(doc, s, e, "PolicyDocument", name=name, aliases=aliases, priority=5)
        # a document number standing alone names the document: 按照宣办发〔2020〕9号要求
        for h in _NUMBER_END.finditer(text):
            m = _NUMBER_BEFORE.search(text, max(0, h.start() - 30), h.end())
            if m is None:
                continue
            s = m.start()
            if s in numbered or text[max(0, s - 2) : s].endswith(("》(", "》(", "》")):
                continue
            b = s + _BRACKET.search(m.group(0)).start()
            for t in LEADING_TRIGGER.finditer(text, s, b):
                if b - t.end() >= 1:
                    s = t.end()
            add_candidate(doc, s, m.end(), "PolicyDocument", priority=6)
        for m in _REPORT.finditer(text):
            add_candidate(doc, m.start(), m.end(), "PolicyDocument", priority=5)
        return doc
