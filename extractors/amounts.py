"""Money amounts: every 元/万元/亿元 figure, normalised to yuan.

``2.5亿元`` -> 250000000; ``1000多万元`` -> 10000000 (approximate);
``5000万元以上企业`` -> 50000000 (a threshold); ``3-6亿元`` -> 300000000 with
an upper bound of 600000000.  Figures in 亿 without 元 count when they stand
as values (``产值12.32亿,``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from .base import doc_text

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# what only money is: a figure in 亿 or 万 without 元 right before one of these is an amount
_MONEY = "(?:资金|基金|资本|贷款|投资|融资|授信|补助|奖补|奖励|扶持|税收|营收|销售收入|利润)"
_MONEY_RX = re.compile(_MONEY)
# a word of money shortly before a figure: 利润3000万, 投资额达500万
_MONEY_BEFORE = re.compile(_MONEY + r"(?:额|总额|总计|合计)?(?:达到?|为|约|超过?|突破|近)?$")
_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
AMOUNT = re.compile(
    rf"(?P<pre>近|约|超过|超|逾|达)?(?P<num>{_NUM})(?:\s*[-—~至到]\s*(?P<hi>{_NUM}))?\s*(?P<approx>多|余)?"
    rf"(?P<unit>千万|百万|万亿|亿|万|千)?(?P<approx2>多|余)?"
    rf"(?P<cur>元|(?<=亿)(?=[,。;、)\s]|$)|(?<=[万亿])(?=(?:以上|以下)[\u4e00-\u9fff]{{0,4}}(?:企业|项目))"
    rf"|(?<=亿)(?=[\u4e00-\u9fff]{{0,4}}{_MONEY})|(?<=万)(?={_MONEY})|(?<=万)(?=[,。;、)\s]|$))"
    rf"(?P<post>以上|以下|左右)?"
)
# a bare threshold: 亿元以上项目, 过亿元企业, 超亿元 (one 亿 or 万 yuan); not 数亿元, 几十亿元, xx亿元
# a comma ends a clause unless it groups digits (1,000亿元)
BARE = re.compile(r"(?<![\d.零〇一二两三四五六七八九十百千万亿数几多余xX])(?<!\d,)(?P<unit>亿|万)元(?P<post>以上|以下)?")
_MULT = {None: 1, "": 1, "千": 1000, "万": 10_000, "百万": 1_000_000, "千万": 10_000_000, "亿": 100_000_000, "万亿": 10**12}


def parse_number(s: str) -> Decimal:
    """Arabic (with thousands commas) or Chinese numerals."""
    s = s.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return Decimal(s)
    total, cur = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            cur = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (cur or 1) * _CN_UNITS[ch]
            cur = 0
    return Decimal(total + cur)


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: Decimal
    upper: Decimal | None = None
    approximate: bool = False
    qualifier: str | None = None  # lowerBound | upperBound | threshold


def find_amounts(text: str) -> list[Amount]:
    out = []
    for m in AMOUNT.finditer(text):
        if m.group("cur") == "" and m.group("unit") not in ("亿", "万"):
            continue
        if m.group("cur") == "" and m.group("unit") == "万" and not m.group("post") and not _MONEY_RX.match(text, m.end()) \
                and not _MONEY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue  # 3000万 ends a clause: money only after a word of money (利润3000万), not 3000万吨
        mult = _MULT[m.group("unit")]
        value = parse_number(m.group("num")) * mult
        upper = parse_number(m.group("hi")) * mult if m.group("hi") else None
        approx = bool(m.group("approx") or m.group("approx2")) or m.group("pre") in ("近", "约") or m.group("post") == "左右"
        qual = None
        post = m.group("post")
        if post == "以上" or m.group("pre") in ("超过", "超", "逾"):
            qual = "threshold" if re.match(r"[\u4e00-\u9fff]{0,4}(?:企业|项目|工业项目)", text[m.end() : m.end() + 6]) else "lowerBound"
        elif post == "以下":
            qual = "upperBound"
        start = m.start("num")
        out.append(Amount(start, m.end(), text[start : m.end()], value.normalize() if value % 1 else value.quantize(1), upper, approx, qual))
    for m in BARE.finditer(text):
        qual = "upperBound" if m.group("post") == "以下" else "threshold"
        out.append(Amount(m.start(), m.end(), m.group(0), Decimal(_MULT[m.group("unit")]), None, False, qual))
    out.sort(key=lambda a: (a.start, a.end))
    return out


@Language.factory("kg_amounts", default_config={})
class AmountExtractor:
    """Stores :class:`Amount` records in ``doc._.kg_amounts``."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_amounts = find_amounts(doc_text(doc))
        return doc
