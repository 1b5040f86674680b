"""Statistical indicators: every figure of a tracked concept becomes an observation.

``1至10月份,规上工业增加值实现25.99亿元,增速0.1%;`` gives an observation of
规上工业增加值 = 2599000000 yuan for Jan-Oct of the report year, status actual,
and a year-on-year growth observation of 0.1 % linked to it.  The period and the
status (预计 -> estimate, 目标/力争/计划 -> target) carry over the clauses of a
sentence, as the text means them to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from .amounts import parse_number
from .base import doc_text

# concept key, Chinese label, English label, pattern (most specific first)
CONCEPTS: tuple[tuple[str, str, str, str], ...] = (
    ("AboveScaleIndustrialOutput", "规上工业总产值", "Gross industrial output of enterprises above designated size",
     r"规上工业总产值|规模以上工业总产值|规上工业产值|规模工业产值|规模以上工业产值|工业总产值"),
    ("AboveScaleValueAdded", "规上工业增加值", "Industrial value added of enterprises above designated size",
     r"规上工业增加值|规模以上工业增加值|规模工业增加值|工业增加值|增加值"),
    ("TechRenovationInvestment", "技改投资", "Technical renovation investment", r"技改投资|技术改造投资"),
    ("IndustrialInvestment", "工业投资", "Industrial investment", r"工业投资|工业固定资产投资"),
    ("IndustrialElectricity", "工业用电量", "Industrial electricity consumption", r"工业用电量|用电量"),
    ("TaxRevenue", "税收", "Tax revenue", r"税收|纳税|入库税金"),
    ("OperatingRevenue", "营业收入", "Operating revenue", r"主营业务收入|营业收入|销售收入"),
    ("RnDExpenditure", "研发经费投入", "R&D expenditure", r"研发经费投入|R&D研发经费投入|研发投入"),
    ("PatentApplications", "专利申请数", "Patent applications", r"申报专利|专利申请"),
    ("PatentsGranted", "专利授权数", "Patents granted", r"专利授权"),
    ("BaseStations5G", "5G基站数", "5G base stations", r"5G基站"),
    ("HighTechEnterprises", "高新技术企业数", "High-tech enterprises", r"高新技术企业总数|高新技术企业"),
    ("AboveScaleEnterprises", "规上工业企业数", "Industrial enterprises above designated size",
     r"规上工业企业|规模以上工业企业|规上企业|规模工业企业"),
    ("OutputValue", "产值", "Output value", r"产值"),
    ("Investment", "投资", "Investment", r"总投资|完成投资|计划投资|投资"),
)
CONCEPT_LABELS = {k: (zh, en) for k, zh, en, _ in CONCEPTS}
_CONCEPT_RE = [(k, re.compile(p)) for k, _zh, _en, p in CONCEPTS]
_ANY_CONCEPT = re.compile("|".join(p for *_, p in CONCEPTS))  # no match: no concept's pattern matches

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_VALUE = re.compile(
    rf"(?P<num>{_NUM})\s*(?P<approx>多|余)?\s*(?P<unit>亿元|万元|元|亿千瓦时|万千瓦时|千瓦时|万度|亿|户|家|个|件|座)(?![\u4e00-\u9fff]{{0,1}}以上企业)"
)
_GROWTH = re.compile(
    rf"(?P<kw>同比增长|同比下降|同比减少|比上年增长|较去年同期下降|较去年同期增长|较上年增长|增速为?|增长|下降|减少)"
    rf"(?:了|达到|达)?\s*(?P<num>-?{_NUM})\s*%"
)
_PERIOD = re.compile(r"(?:(?P<y>\d{4})年)?(?P<a>1)\s*[-—至~到]\s*(?P<b>\d{1,2})\s*月份?|(?P<h>上半年|前三季度|全年|年度|截止(?P<m>\d{1,2})月份?)")
_HAS_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(\d{4})年")
_BASE_YEAR = re.compile(r"\d{4}年(?:末|底)?基数")
_TARGET = re.compile(r"目标|力争|计划|确保|争取|预期")
_ESTIMATE = re.compile(r"预计")
_CLAUSE = re.compile(r"[^,;:,;:]+")
_SCALE = {"亿元": 100_000_000, "万元": 10_000, "元": 1, "亿": 100_000_000, "亿千瓦时": 100_000_000, "万千瓦时": 10_000,
          "千瓦时": 1, "万度": 10_000}
_UNIT = {"亿元": "CNY", "万元": "CNY", "元": "CNY", "亿": "CNY", "亿千瓦时": "kWh", "万千瓦时": "kWh", "千瓦时": "kWh",
         "万度": "kWh", "户": "count", "家": "count", "个": "count", "件": "count", "座": "count"}
_COUNT_CONCEPTS = {"PatentApplications", "PatentsGranted", "BaseStations5G", "HighTechEnterprises", "AboveScaleEnterprises"}


_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{4}年)")
_PLAN_HEADING = re.compile(r"计划|打算|思路|安排|目标|谋划|下一步")
_SUMMARY_HEADING = re.compile(r"总结|回顾|完成情况|主要工作|工作情况")


_UNIT_END = re.compile(r"[。\n]")


def _units(text: str) -> list[tuple[int, int]]:
    """Spans of text between 。 and line ends: the scope a period or status
    stated once applies to."""
    out, pos = [], 0
    for m in _UNIT_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


@dataclass(frozen=True)
class Observation:
    start: int
    end: int
    concept: str
    metric: str  # the text's own wording
    value: Decimal
    unit: str  # CNY | percent | kWh | count
    status: str  # actual | estimate | target
    period_start: str | None
    period_end: str | None
    subject: str
    growth_of: int | None = None  # index of the observation a growth rate qualifies


def _last_day(month: int) -> int:
    return 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28


def _period(m: re.Match[str], year: int) -> tuple[str, str] | None:
    if m.group("y"):
        year = int(m.group("y"))
    if m.group("b"):
        b = int(m.group("b"))
        return (f"{year}-01-01", f"{year}-{b:02d}-{_last_day(b)}") if 1 <= b <= 12 else None
    h = m.group("h")
    if h == "上半年":
        return f"{year}-01-01", f"{year}-06-30"
    if h == "前三季度":
        return f"{year}-01-01", f"{year}-09-30"
    if m.group("m"):
        b = int(m.group("m"))
        return (f"{year}-01-01", f"{year}-{b:02d}-{_last_day(b)}") if 1 <= b <= 12 else None
    return f"{year}-01-01", f"{year}-12-31"


def find_observations(text: str, year: int | None = None, plan_year: int | None = None,
                      period: tuple[str | None, str | None] = (None, None)) -> list[Observation]:
    """Observations of the tracked concepts, sentence by sentence."""
    out: list[Observation] = []
    section_status, section_year = "actual", year
    for s0, s1 in _units(text):
        line = text[s0:s1]
        heading = _HEADING.match(line)
        if heading:
            if _PLAN_HEADING.search(line[:40]):
                section_status = "target"
                ym = re.search(r"(\d{4})年", line[:40])
                section_year = int(ym.group(1)) if ym else (plan_year or year)
            elif _SUMMARY_HEADING.search(line[:40]):
                section_status, section_year = "actual", year
        sent_period = None
        status = section_status
        sent_year = section_year
        last_value: int | None = None
        for cm in _CLAUSE.finditer(text, s0, s1):
            c0, c1 = cm.start(), cm.end()
            clause = text[c0:c1]
            if _ESTIMATE.search(clause):
                status = "estimate"
            elif _TARGET.search(clause):
                status = "target"

            # years, values and growth rates are written with digits; periods with a digit or 年
            has_digit = _HAS_DIGIT.search(clause) is not None
            ym = _YEAR.search(clause) if has_digit else None
            if ym and not _BASE_YEAR.search(clause):
                sent_year = int(ym.group(1))
            pm = _PERIOD.search(clause) if has_digit or "年" in clause else None
            if pm and sent_year:
                sent_period = _period(pm, sent_year) or sent_period
            if not has_digit:
                continue
            values = list(_VALUE.finditer(text, c0, c1))
            concept_hits = [(m, k) for m, k in ((rx.search(clause), k) for k, rx in _CONCEPT_RE) if m] \
                if values and _ANY_CONCEPT.search(clause) else []
            for vm in values if concept_hits else ():
                before = text[c0 : vm.start()]
                if re.search(r"[%:]$|占|比重|以上$|以下$", before[-3:]) or "基数" in before[-6:]:
                    continue
                hits = [(m, k) for m, k in concept_hits if m.start() < vm.start() - c0]
                if not hits:
                    continue
                m, k = max(hits, key=lambda h: (h[0].end(), len(h[0].group(0))))
                unit = _UNIT[vm.group("unit")]
                if unit == "count" and k not in _COUNT_CONCEPTS:
                    continue
                if unit != "count" and k in _COUNT_CONCEPTS:
                    continue
                value = parse_number(vm.group("num")) * _SCALE.get(vm.group("unit"), 1)
                p = sent_period
                if p is None:
                    if status == "target" and plan_year and (sent_year is None or sent_year >= plan_year):
                        p = (f"{plan_year}-01-01", f"{plan_year}-12-31")
                    elif sent_year and sent_year != year:
                        p = (f"{sent_year}-01-01", f"{sent_year}-12-31")
                    else:
                        p = period
                subj = _subject(text, c0, m.start() + c0)
                out.append(Observation(vm.start(), vm.end(), k, m.group(0), _norm(value), unit, status, p[0], p[1], subj))
                last_value = len(out) - 1
            for gm in _GROWTH.finditer(text, c0, c1):
                val = Decimal(gm.group("num"))
                if any(w in gm.group("kw") for w in ("下降", "减少")):
                    val = -val
                ref = last_value
                if ref is None:
                    continue
                base = out[ref]
                out.append(Observation(gm.start("num"), gm.end(), base.concept, base.metric + "同比", _norm(val), "percent",
                                       base.status, base.period_start, base.period_end, base.subject, growth_of=ref))
    return out


_GROUP = re.compile(r"((?:区属|县属|市属|全[县市区])?\d+(?:家|户)[\u4e00-\u9fff]{0,12}?(?:企业|行业))")


def _subject(text: str, c0: int, concept_start: int) -> str:
    """The group a figure is about, when the clause names one (97家规模企业)."""
    groups = list(_GROUP.finditer(text, max(0, c0 - 30), concept_start))
    return groups[-1].group(1) if groups else ""


def _norm(v: Decimal) -> Decimal:
    return v.quantize(1) if v == v.to_integral_value() else v.normalize()


@Language.factory("kg_indicators", default_config={})
class IndicatorExtractor:
    """Stores :class:`Observation` records in ``doc._.kg_observations``."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        ud = doc.user_data
        doc._.kg_observations = find_observations(
            doc_text(doc), ud.get("kg_year"), ud.get("kg_plan_year"), (ud.get("kg_period_start"), ud.get("kg_period_end"))
        )
        return doc
