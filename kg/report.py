"""Report metadata: title, publisher, publication date, period and region.

Scraped pages carry it in header fields (发布机构:, 发文日期:); plain reports
only in the title line (区经信局2020年上半年工作总结及下半年工作计划).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extractors.gazetteer import gazetteer
from extractors.lexicon import word_list

_FIELD_PUBLISHER = re.compile(r"(?:发布机构|发文机关|信息来源|来源)\s*[::]\s*([\u4e00-\u9fff]{2,30}?)(?=\s|文字|发|$|\n)")
_FIELD_DATE = re.compile(r"(?:发布日期|发文日期|发布时间|成文日期)\s*[::]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")
_TITLE_FIELD = re.compile(r"名\s*称\s*[::]\s*(\S.{4,80})")
_TITLE_WORDS = re.compile(r"总结|计划|打算|报告|要点|安排|情况")
_AGENCY_HEAD = re.compile(r"^((?:[\u4e00-\u9fff]{0,10}?)(?:局|委|办|厅|委员会))(?=\d{4}|关于)")
_HALF = {"上半年": ("01-01", "06-30"), "下半年": ("07-01", "12-31"), "前三季度": ("01-01", "09-30"),
         "一季度": ("01-01", "03-31"), "第一季度": ("01-01", "03-31")}
_SUMMARY = re.compile(r"(\d{4})\s*年?\s*(上半年|下半年|前三季度|第?一季度|1[-—至~]\d{1,2}月)?(?:度)?(?:工作)?(?:总结|回顾|工作情况)")
_PLAN = re.compile(r"(\d{4})\s*年?\s*(?:下半年)?(?:度)?(?:工作)?(?:计划|打算|安排|思路|任务|要点)")
_HALF_PLAN = re.compile(r"下半年(?:工作)?(?:计划|打算|安排)")


@dataclass(frozen=True)
class ReportMeta:
    title: str
    publisher: str | None
    published: str | None  # ISO date
    period_start: str | None
    period_end: str | None
    plan_year: int | None
    plan_period: str | None  # e.g. "2020-07-01/2020-12-31" for a half-year plan
    region: str | None


def _last_day(month: int) -> int:
    return 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 28


def read_meta(text: str, stem: str) -> ReportMeta:
    head = text[:1500]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    title = None
    m = _TITLE_FIELD.search(head)
    if m:
        title = m.group(1).strip()
    else:
        for ln in lines[:3]:
            if _TITLE_WORDS.search(ln) and len(ln) <= 60 and not ln.startswith(("为", "根据")) \
                    and not re.match(r"[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)", ln):
                title = ln
                break
    publisher = None
    m = _FIELD_PUBLISHER.search(head)
    if m:
        publisher = m.group(1)
    elif title:
        m = _AGENCY_HEAD.match(title)
        if m:
            publisher = m.group(1)
    if publisher is None:
        m = re.search(r"([省市县区][\u4e00-\u9fff]{0,6}(?:经信|工信|经科|科工信|科技|发改)[局委])", text[:3000])
        if m:
            publisher = m.group(1)
    published = None
    m = _FIELD_DATE.search(head)
    if m:
        published = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    scope = (title or "") + "\n" + head[:600]
    p_start = p_end = None
    plan_year = None
    plan_period = None
    m = _SUMMARY.search(scope)
    if m:
        year = int(m.group(1))
        part = m.group(2)
        if part in _HALF:
            a, b = _HALF[part]
            p_start, p_end = f"{year}-{a}", f"{year}-{b}"
        elif part and re.match(r"1[-—至~](\d{1,2})月", part):
            mon = int(re.match(r"1[-—至~](\d{1,2})月", part).group(1))
            p_start, p_end = f"{year}-01-01", f"{year}-{mon:02d}-{_last_day(mon)}"
        else:
            p_start, p_end = f"{year}-01-01", f"{year}-12-31"
        if _HALF_PLAN.search(scope) and part == "上半年":
            plan_year = year
            plan_period = f"{year}-07-01/{year}-12-31"
    for pm in _PLAN.finditer(scope):
        y = int(pm.group(1))
        if p_start is None or y > int(p_start[:4]):
            plan_year = y
            plan_period = f"{y}-01-01/{y}-12-31"
            break
    return ReportMeta(title or stem, publisher, published, p_start, p_end, plan_year, plan_period,
                      _subject_region(text, publisher))


@lru_cache(maxsize=1)
def _everyday_stems() -> frozenset[str]:
    """Short forms of divisions that are everyday words of the genre (资源, 朝阳)."""
    return frozenset(word_list("region_short_stop"))


def _subject_region(text: str, publisher: str | None) -> str | None:
    """The place the report is about: named in the publisher, else the most
    frequently named division of the publisher's level."""
    gz = gazetteer()
    if publisher:
        for ln in range(min(8, len(publisher)), 1, -1):
            for i in range(0, len(publisher) - ln + 1):
                w = publisher[i : i + ln]
                if w in gz.by_name:
                    return w
    level = publisher[0] if publisher and publisher[0] in "省市县区" else None
    counts: Counter[str] = Counter()
    for m in re.finditer(r"[\u4e00-\u9fff]{2,6}?[省市县区]", text):
        w = m.group(0)
        for k in range(len(w) - 1):  # the longest name ending here: 长兴县, not 兴县
            sub = w[k:]
            if k and sub[:-1] in _everyday_stems():
                continue  # 矿产资源县: a kind of county after another word, not the county 资源县
            if sub in gz.by_name and (level is None or sub.endswith(level)):
                counts[sub] += 1
                break
    if m := re.search(r"XX([省市县区])", text):
        if level is None or m.group(1) == level:
            counts["XX" + m.group(1)] += 1
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
