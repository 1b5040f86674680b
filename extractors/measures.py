"""What each money amount measures: its metric word and the entity it belongs to.

``项目计划总投资9.55亿元`` -> metric 计划总投资, measures the project;
``指导圣桑公司申报2020年科技攻关项目并获支持资金40万元`` -> metric 支持资金,
received by the enterprise, funded by the program.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .base import ENTITIES, doc_text, entity_of

METRICS = re.compile(
    r"计划总投资|年度计划投资|累计完成投资|完成投资|总投资额|总投资|计划投资|技改投资|工业投资|投资|"
    r"财政支持资金|支持资金|扶持资金|补助资金|奖补资金|奖励资金|专项资金|转型升级资金|建设资金|投入资金|资金|奖补|补助|"
    r"贷款|授信|融资|税收|产值|增加值|营业收入|销售收入|减免租金|租金|收入|经费投入|经费|费用"
)
_FUNDING = re.compile(r"获|获得|争取|兑现|兑付|下达|拨付|支持|补助|奖补|奖励|扶持")
_OWNERS = ("Project", "Enterprise", "Program", "Organization")


@dataclass(frozen=True)
class AmountLink:
    amount: int  # index into doc._.kg_amounts
    metric: str
    entity: int | None  # index into doc._.kg_entities
    received: bool = False  # an enterprise received it
    program: int | None = None  # the program it came from


@Language.factory("kg_measures", default_config={"window": 40})
class AmountLinker:
    """Stores :class:`AmountLink` records in ``doc.user_data["kg_amount_links"]``."""

    def __init__(self, nlp: Language, name: str, window: int):
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = [sp for sp in doc.spans.get(ENTITIES, []) if sp.label_ in _OWNERS]
        # spans by start, to take those between the clause start and each amount without a full scan
        order = sorted(range(len(spans)), key=lambda k: spans[k].start_char)
        starts = [spans[k].start_char for k in order]
        links = []
        for i, a in enumerate(doc._.kg_amounts or []):
            lo = max(0, a.start - self.window)
            stop = max((m.end() for m in re.finditer(r"[。;!?\n]", text[lo : a.start])), default=0)
            c0 = lo + stop
            before = text[c0 : a.start]
            clause_start = c0 + max((m.end() for m in re.finditer(r"[,:]", before)), default=0)
            metric = None
            for m in METRICS.finditer(text, clause_start, a.start):
                metric = m.group(0)
            lo_k, hi_k = bisect_left(starts, c0), bisect_left(starts, a.start)
            near = [spans[k] for k in sorted(order[lo_k:hi_k]) if spans[k].end_char <= a.start]
            owner = None
            for label in _OWNERS:
                cands = [sp for sp in near if sp.label_ == label]
                if cands:
                    owner = max(cands, key=lambda sp: sp.end_char)
                    break
            if metric is None and owner is None:
                continue
            received = bool(owner is not None and owner.label_ == "Enterprise" and metric and "资金" in metric
                            or owner is not None and owner.label_ == "Enterprise" and _FUNDING.search(text[owner.end_char : a.start]))
            program = None
            if received:
                progs = [sp for sp in near if sp.label_ == "Program" and sp.start_char > owner.start_char]
                program = entity_of(doc, progs[-1]) if progs else None
            entity = entity_of(doc, owner) if owner is not None else None
            links.append(AmountLink(i, metric or "", entity, received, program))
        doc.user_data["kg_amount_links"] = links
        return doc
