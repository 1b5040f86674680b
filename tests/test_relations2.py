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


_HEAD = "青山县经济和信息化局2021年工作总结\n"


@pytest.mark.parametrize("text", [
    "宏达集团成功收购远航机械有限公司,实现强强联合。",
    "宏达集团兼并重组远航机械有限公司。",
    "推动远航机械有限公司整体并入宏达集团,实现上下游联合。",
])
def test_acquisition_either_order(text):
    assert ("远航机械有限公司", "acquiredBy", "宏达集团") in _rels(text)
    assert ("宏达集团", "acquiredBy", "远航机械有限公司") not in _rels(text)


def test_document_sent_to_agencies_for_issuing():
    rels = _rels(_HEAD + "拟订了《青山县工业企业扶持办法》并送县委、县政府审定发布,实施后成效明显。")
    assert {("青山县工业企业扶持办法", "issuedBy", "县委"), ("青山县工业企业扶持办法", "issuedBy", "县政府")} <= rels
    # the speaker drafted it, the agencies it was sent to issued it
    assert ("青山县工业企业扶持办法", "issuedBy", "青山县经济和信息化局") not in rels


def test_document_approved_then_issued():
    rels = _rels("《青山县工业企业扶持办法》经县政府常务会议审议通过后印发。")
    assert ("青山县工业企业扶持办法", "issuedBy", "县政府") in rels


def test_speaker_issues_jointly_with_another_agency():
    rels = _rels(_HEAD + "扎实开展服务企业活动,与县委组织部联合印发了《关于深化服务企业活动的通知》。")
    assert {("关于深化服务企业活动的通知", "issuedBy", "县委组织部"),
            ("关于深化服务企业活动的通知", "issuedBy", "青山县经济和信息化局")} <= rels
    # two other agencies issuing together: the speaker is not one of them
    rels = _rels(_HEAD + "县发改委与县财政局联合印发了《关于支持中小企业发展的通知》。")
    assert ("关于支持中小企业发展的通知", "issuedBy", "青山县经济和信息化局") not in rels


@pytest.mark.parametrize("text", [
    "获评省级企业技术中心的启明电子公司、北辰材料集团。",
    "新增企业技术中心2家,分别是启明电子公司、北辰材料集团。",
    "今年共有2家企业入选省级企业技术中心,包括启明电子公司、北辰材料集团等。",
])
def test_firms_listed_after_an_honour(text):
    rels = _rels(text)
    assert {("启明电子公司", "participatesIn", "企业技术中心"), ("北辰材料集团", "participatesIn", "企业技术中心")} <= rels


def test_region_before_the_firm_it_holds():
    assert ("启明电子公司", "locatedIn", "温泉镇") in _rels("位于温泉镇的启明电子公司已投产。")
    assert not any(r[1] == "locatedIn" for r in _rels("走访温泉镇的启明电子公司。"))
