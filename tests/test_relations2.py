"""Relations (round 2): linear pairing on long inputs, and the grammar of the genre.

Excerpts are invented, in the style of the reports."""

from __future__ import annotations

import time

import pytest

from tests.conftest import extract_text


def _rels(text: str) -> set[tuple[str, str, str]]:
    f = extract_text(text)
    return {(f.entities[r.head].name, r.rel, f.entities[r.tail].name) for r in f.relations}


@pytest.fixture
def component_time(monkeypatch):
    """Seconds spent in the relation and amount-linking components, by component."""
    from extractors.measures import AmountLinker
    from extractors.relations import RelationExtractor

    spent = {"relations": 0.0, "measures": 0.0}

    def timed(cls, key):
        call = cls.__call__

        def wrapper(self, doc):
            t = time.perf_counter()
            try:
                return call(self, doc)
            finally:
                spent[key] += time.perf_counter() - t

        monkeypatch.setattr(cls, "__call__", wrapper)

    timed(RelationExtractor, "relations")
    timed(AmountLinker, "measures")
    return spent


_FIRMS = ("华东精工有限公司", "启明电子公司", "北辰材料集团", "长河化工", "云岭机械股份有限公司")


def test_many_firm_mentions_pair_in_linear_time(component_time):
    # 2,000 firm mentions in one run without a sentence end: pairing them all would be quadratic
    text = "、".join(_FIRMS[i % len(_FIRMS)] for i in range(2000)) + "等企业入选“专精特新”名单"
    extract_text(text)
    assert component_time["relations"] < 1.0


def test_many_amounts_find_their_owner_in_linear_time(component_time):
    text = "".join(f"{_FIRMS[i % len(_FIRMS)]}获支持资金{i + 1}万元," for i in range(6000)) + "。"
    f = extract_text(text)
    assert len(f.amount_links) >= 6000
    assert component_time["measures"] < 0.5
