"""Money amounts, including the bare thresholds of the guidelines (v2)."""

from decimal import Decimal

import pytest

from extractors.amounts import find_amounts


@pytest.mark.parametrize("text, expected", [
    ("全年新增12个亿元以上工业项目", [("亿元以上", 100_000_000, "threshold")]),
    ("培育过亿元企业5家,超亿元项目3个", [("亿元", 100_000_000, "threshold"), ("亿元", 100_000_000, "threshold")]),
    ("3000万以下工业项目入库8个", [("3000万以下", 30_000_000, "upperBound")]),
    ("2000万以上企业15家", [("2000万以上", 20_000_000, "threshold")]),
    ("总投资8亿元以上重大项目", [("8亿元以上", 800_000_000, "threshold")]),
    ("以12亿财政资金撬动80亿社会资本", [("12亿", 1_200_000_000, None), ("80亿", 8_000_000_000, None)]),
    ("安排300万资金", [("300万", 3_000_000, None)]),
    ("总量偏小,亿元以上项目不足", [("亿元以上", 100_000_000, "threshold")]),
    ("营收突破50亿,利润3000万,税收增长", [("50亿", 5_000_000_000, None), ("3000万", 30_000_000, None)]),
])
def test_thresholds_are_amounts(text, expected):
    assert [(a.text, a.value, a.qualifier) for a in find_amounts(text)] == [
        (t, Decimal(v), q) for t, v, q in expected]


@pytest.mark.parametrize("text", ["投资数亿元", "投资xx亿元", "产量12.5万吨以上", "日产口罩1万以上", "吸纳就业3万人以上", "3万户企业获得融资",
                                  "口罩日产量3000万,"])
def test_no_amount_without_money(text):
    assert find_amounts(text) == []
