from decimal import Decimal

from extractors.indicators import find_observations


def obs(text, **kw):
    return find_observations(text, kw.get("year", 2020), kw.get("plan", 2021), kw.get("period", ("2020-01-01", "2020-12-31")))


def test_value_added_with_growth():
    o = obs("今年1-6月,区属32家非煤电规上工业企业完成增加值2.5亿元,同比增长0.4%。")
    assert o[0].concept == "AboveScaleValueAdded" and o[0].value == Decimal("250000000") and o[0].unit == "CNY"
    assert (o[0].period_start, o[0].period_end) == ("2020-01-01", "2020-06-30")
    assert "32家非煤电规上工业企业" in o[0].subject
    assert o[1].unit == "percent" and o[1].value == Decimal("0.4") and o[1].growth_of == 0


def test_decline_is_negative():
    o = obs("1-6月份,区属技改在库13个项目投资完成0.8558亿元,同比下降34.5%。")
    assert o[-1].value == Decimal("-34.5") and o[-1].growth_of == 0


def test_odd_unit_kept_as_written():
    o = obs("三大主导产业实现产值48.91万元,同比增长22.47%。")
    assert o[0].value == Decimal("489100") and o[0].metric == "产值"


def test_no_money_without_unit_and_shares_are_not_values():
    o = obs("2020年实现5000以上工业项目入库4个,其中技改投资8.6亿元,占工业投资的59.78%。三产业比重由10:52.6:37.4调整为9.9:50.2:39.9。")
    assert [x.value for x in o if x.unit == "CNY"] == [Decimal("860000000")]
    assert not any(x.unit == "percent" for x in o)


def test_electricity_to_kwh():
    o = obs("工业用电量达到8353万千瓦时,同比增长83.73%。")
    assert o[0].unit == "kWh" and o[0].value == Decimal("83530000")


def test_estimate_and_target_status():
    o = obs("预计全年规上工业总产值实现128亿元,同比增长7.0%;年度目标是:工业投资实现37亿元,增长15%。", year=2022, plan=2023)
    assert o[0].status == "estimate" and o[0].concept == "AboveScaleIndustrialOutput"
    assert [x.status for x in o if x.concept == "IndustrialInvestment" and x.unit == "CNY"] == ["target"]


def test_plan_section_targets_take_plan_year():
    text = "二、2023年工作计划\n(一)主要目标。规上工业总产值力争达到145亿元;工业投资49亿元,增长20%。"
    o = obs(text, year=2022, plan=2023)
    assert o[0].status == "target" and o[0].period_start == "2023-01-01"
