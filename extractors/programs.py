"""Programs: quoted initiative names, well-known programs, funds and honour lists.

Government initiatives are usually quoted (“四送一服”); funds and honour lists
are recognised by what they end with (…补助资金, …示范企业) after the verb
that introduces them (申报, 入选, 获评).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import ENDS_WITH_TRIGGER, LEADING_TRIGGER, add_candidate, alternation, cut_left, doc_text, name_run
from .lexicon import CJK, INDUSTRIES, KNOWN_PROGRAMS, PROGRAM_SUFFIXES

_QUOTED = re.compile(r"“([^“”\n]{1,30})”|\"([^\"\n]{1,30})\"")
_NOT_PROGRAM_AFTER = re.compile(r"^[^,。;]{0,6}(?:新产品|产品|速度|红利|宗旨|理念)|^(?:品牌|精神|商标)")
# “远红外健康功能被”、“负离子抗菌防螨功能被”二项新产品: a list of quoted products
_PRODUCT_LIST_AFTER = re.compile(r"^(?:、?“[^”]{1,20}”)*[二三四五六七八九十两\d]+(?:项|个|款|类)(?:新)?产品")
# figures in quotes are not programs (“30%”), numbered targets are (省“5100”)
_NOT_PROGRAM = re.compile(r"^\d{1,2}$|^[\d.%]*[.%][\d.%]*$|^[^\d{CJK}]+$".replace("{CJK}", CJK))
_PERIOD_OR_PLACE_AFTER = re.compile(r"期间|前后|以来|时期|假期|地区|区域|地带|片区")
# 拟联合建设“华为(潜江)工业互联网发展中心”: a centre being built is a project
_BUILD_BEFORE = re.compile(r"(?:建设|建成|共建|筹建|打造|搭建|成立|组建)$")
_NOT_PROGRAM_END = re.compile(r"(?:问题|式|表|速度)$")
_KNOWN_SET = set(KNOWN_PROGRAMS)
_SUFFIX = re.compile(alternation(PROGRAM_SUFFIXES))
_KNOWN = re.compile(alternation(KNOWN_PROGRAMS))
_APPLY = re.compile(
    rf"(?:申报|申请|入选|获评|评为|认定为|列入|纳入|争创|和)([{CJK}A-Za-z0-9“”]{{2,32}}?"
    rf"(?:企业|项目|中心|车间|工厂|基地|资金|基金|专项|示范|试点))(?=[,。;、和并及【(]|\d|$)"
)
_LEAD_YEAR = re.compile(r"\d{4}年度?")
_INDUSTRY_BEFORE = re.compile(f"(?:{alternation(INDUSTRIES)})(?:产业链)?$")
# 大力实施科技兴区、工业强战略: each item of the list is a strategy pursued
_STRATEGY = re.compile(rf"(?:实施|推进|落实|坚持|深化|践行)((?:[{CJK}]{{2,10}}、)*[{CJK}]{{2,10}}?)战略")
_GENERIC = re.compile(
    r"^(?:[省市县区]级?)?(?:各类|相关|有关|重点|专项|其他|上级|财政|奖补|补助|资金|项目|企业|工作|建设|民生|基础设施|"
    r"技改|工业|产业|一批|各项|部分|这些|此类|本级)*(?:资金|基金|奖补|专项|工程|项目|行动|计划)$"
)


_LEVEL_YEAR = re.compile(r"(?:省级|市级|县级|区级)?\d{4}年度?")


def strip_level_year(text: str, s: int, end: int) -> int:
    """县级2020年促进…资金 -> 促进…资金: the year (and level) is the instance, not the name."""
    m = _LEVEL_YEAR.match(text, s)
    return m.end() if m and end - m.end() >= 2 else s


@Language.factory("kg_programs", default_config={"max_quoted": 30})
class ProgramExtractor:
    """Program candidates (and quoted project names, which end in 项目)."""

    def __init__(self, nlp: Language, name: str, max_quoted: int):
        self.max_quoted = max_quoted

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in _QUOTED.finditer(text):
            g = 1 if m.group(1) is not None else 2
            s, e = m.start(g), m.end(g)
            inner = text[s:e].strip()
            if len(inner) < 2 or len(inner) > self.max_quoted or _NOT_PROGRAM.match(inner):
                continue
            after = text[m.end() : m.end() + 60]
            if _NOT_PROGRAM_AFTER.match(after) or _PRODUCT_LIST_AFTER.match(after) or _NOT_PROGRAM_END.search(inner) \
                    or "—" in inner:
                continue
            # two-character quotes are words in quotation marks (红利, 家底) unless a
            # numbered slogan (六稳) or a known program
            if len(inner) == 2 and not re.match(r"[一二三四五六七八九十百千万两双]", inner) and inner not in _KNOWN_SET:
                continue
            # a numbered abbreviation naming a period or a kind of place is not an initiative: “两节”期间, “三偏”地区
            if len(inner) <= 3 and inner not in _KNOWN_SET and _PERIOD_OR_PLACE_AFTER.match(text, m.end()):
                continue
            # a quoted name of something built is a project: “筑梦小镇”, “…研发项目”
            label = "Project" if (inner.endswith(("项目", "工程")) and len(inner) > 6) or (
                inner.endswith(("小镇", "产业园", "基地", "园区")) and len(inner) > 3) or (
                inner.endswith(("中心", "平台", "实验室", "研究院")) and _BUILD_BEFORE.search(text, max(0, m.start() - 6), m.start())
            ) else "Program"
            add_candidate(doc, s, e, label, priority=6)
        for m in _KNOWN.finditer(text):
            pre = re.search(r"(?:国家级|省级|市级|县级|安徽省|[省市])$", text[max(0, m.start() - 3) : m.start()])
            s = m.start() - len(pre.group(0)) if pre and m.group(0).endswith(("车间", "工厂", "企业", "中心", "矿山")) else m.start()
            if m.group(0).endswith("链长制"):  # 铝基新材料产业链链长制: the chain the scheme is for
                ind = _INDUSTRY_BEFORE.search(text, max(0, s - 12), s)
                s = ind.start() if ind else s
            add_candidate(doc, s, m.end(), "Program", priority=3)
        for m in _SUFFIX.finditer(text):
            if m.group(0) == "专项" and text.startswith(("整治", "整改", "行动", "检查", "治理", "工作", "资金"), m.end()):
                continue
            run = name_run(text, m.start(), 40)
            s = cut_left(text, run, m.start(), min_len=2, anchors=doc.user_data.get("kg_place_starts", ()), keep_soft=True)
            t = LEADING_TRIGGER.match(text, s)
            if t and m.start() - t.end() >= 2:
                s = t.end()
            s = strip_level_year(text, s, m.start())
            name = text[s : m.end()]
            stem = text[s : m.start()]
            if len(stem) < 2 or _GENERIC.match(name) or re.search(r"[的是了着]|\d+[家个户项]", name) or ENDS_WITH_TRIGGER.search(stem):
                continue
            add_candidate(doc, s, m.end(), "Program", priority=2)
        for m in _STRATEGY.finditer(text):
            pos = m.start(1)
            for item in m.group(1).split("、"):
                s, e = pos, pos + len(item)
                pos = e + 1
                t = LEADING_TRIGGER.match(text, s, e)
                if t and e - t.end() >= 2:
                    s = t.end()
                if e - s >= 3 and not _GENERIC.match(text[s:e]) and not re.search(r"[的是了着]|^(?:国家|省|市|县)", text[s:e]):
                    add_candidate(doc, s, e, "Program", priority=2)
        places = doc.user_data.get("kg_place_starts", ())
        for m in _APPLY.finditer(text):
            s, e = m.start(1), m.end(1)
            t = LEADING_TRIGGER.match(text, s)
            if t and e - t.end() >= 4:
                s = t.end()
            s = strip_level_year(text, s, e)
            if m.group(0).startswith("和") and not text[max(0, m.start() - 40) : m.start()].count("申报"):
                continue
            # 安庆市2020年推进…资金 -> 推进…资金; 2020年XX县…资金 keeps its place
            y = _LEAD_YEAR.match(text, s)
            if y:
                s = y.end()
            elif s in places:
                for k in range(2, 9):
                    y = _LEAD_YEAR.match(text, s + k)
                    if y:
                        s = y.end()
                        break
            name = text[s:e].strip("“”")
            if _GENERIC.match(name) or len(name) < 5 or "及" in name or re.search(r"\d+[家个户项]|[的了着]|^[省市县区]?(?:级)?(?:各类|相关)", name):
                continue
            add_candidate(doc, s, e, "Program", priority=4)
        return doc
