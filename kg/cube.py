"""Statistical indicators as RDF Data Cube observations (qb:Observation).

Each indicator a report states (规上工业增加值增长8.5%) becomes an observation
with its concept, value, unit, period, area and status, and a year-on-year
growth is a second observation linked to the level it grows from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .turtle import RS, SA, SD, SM, A, K, Q, R, date_lit, dec, lit

if TYPE_CHECKING:
    from .block import Block
    from .extract import DocFacts
    from .identity import Node


UNITS = {"CNY": "CNY", "percent": "Percent", "kWh": "KilowattHour", "count": "Count"}


def add_observations(b: Block, d: DocFacts, report: str, rid: str, regions: dict[str, Node]) -> None:
    """RDF Data Cube observations of the report's indicators."""
    if not d.observations:
        return
    ds = R("dataset/indicators")
    b.glob.update(((ds, A, Q.DataSet), (ds, RS.label, lit("工信报告统计指标", "zh")),
                   (ds, RS.label, lit("Indicators of industrial work reports", "en"))))
    area = regions[d.meta.region].iri if d.meta.region in regions else None
    nodes = []
    for o in d.observations:
        node = R(f"observation/{rid}/{o.start}-{o.end}")
        nodes.append(node)
        pairs = b.node(node)
        pairs.update(((A, Q.Observation), (Q.dataSet, ds), (K.indicator, K[o.concept]), (SM.obsValue, dec(o.value)),
                      (SA.unitMeasure, K[UNITS[o.unit]]), (K.status, K[o.status.capitalize()]),
                      (K.surface, lit(d.text[o.start : o.end], "zh")), (K.startOffset, str(o.start)),
                      (K.endOffset, str(o.end)), (K.inDocument, report)))
        if o.growth_of is None:
            pairs.add((K.metric, lit(o.metric, "zh")))
        if date_lit(o.period_start) is not None and date_lit(o.period_end) is not None:
            pairs.update(((K.periodStart, date_lit(o.period_start)), (K.periodEnd, date_lit(o.period_end)),
                          (SD.refPeriod, lit(f"{o.period_start}/{o.period_end}"))))
        if area is not None:
            pairs.add((SD.refArea, area))
        if o.subject:
            pairs.add((K.subjectText, lit(o.subject, "zh")))
        sent = b.sentence(d, report, o.start)
        if sent is not None:
            pairs.add((K.inSentence, sent))
        key = _amount_key(d, o) if o.unit == "CNY" else None
        if key:
            pairs.add((K.amount, R(f"amount/{rid}/{key}")))
    for o, node in zip(d.observations, nodes, strict=True):
        if o.growth_of is not None:
            b.node(node).update(((K.measureType, K.YearOnYearGrowth), (K.growthOf, nodes[o.growth_of])))
            b.node(nodes[o.growth_of]).update(((K.yoyGrowth, node), (K.yoy, dec(o.value))))


def _amount_key(d: DocFacts, o) -> str | None:
    for a in d.amounts:
        if a.start <= o.start < a.end or o.start <= a.start < o.end:
            return f"{a.start}-{a.end}"
    return None
