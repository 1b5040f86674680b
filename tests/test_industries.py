"""Industries: the standard vocabulary in the forms reports write, lists, and what is not an industry.

Excerpts are invented, in the style of the reports (firm names made up)."""

from .conftest import extract_text


def industries(text: str) -> dict[str, set[str]]:
    f = extract_text(text)
    return {e.name: {e.name, *e.aliases} for e in f.entities if e.type == "Industry"}


def labels(text: str) -> set[str]:
    return {x for names in industries(text).values() for x in names}


def test_standard_classes_in_their_written_forms():
    got = labels("1-9月,全县非金属矿物制品业增加值增长8.1%,农副食品加工业、热力生产和供应业保持增长;"
                 "软件和信息技术服务业营业收入增长12%。")
    assert {"非金属矿物制品业", "农副食品加工业", "热力生产和供应业", "软件和信息技术服务业"} <= got


def test_forms_of_one_class_are_one_entity():
    inds = industries("汽车制造业1-11月份产值同比增长13.2%。组织开展了汽车产业对接会、银企对接会。")
    [names] = [v for v in inds.values() if "汽车制造业" in v]
    assert "汽车产业" in names


def test_strategic_emerging_and_policy_names():
    got = labels("聚焦物联网、车联网、集成电路等产业,打造新一代信息技术产业高地;做强做大石化产业,培育新型显示、第三代半导体。")
    assert {"新一代信息技术产业", "物联网", "车联网", "集成电路", "石化产业", "新型显示", "第三代半导体"} <= got
    assert "信息技术" not in got


def test_fused_coordination_is_split():
    got = labels("重点引进矿产品精加工、轻纺电子、机械制造等企业。加大服装轻纺电子产业总部经济的招商力度。")
    assert {"矿产品精加工", "轻纺", "电子", "机械制造", "服装"} <= got
    assert "轻纺电子" not in got


def test_end_of_a_firm_name_is_not_an_industry():
    got = labels("下半年重点推动恒泰纺织、万泰新型建材、金禾酒业扩建等工业项目。")
    assert not got & {"纺织", "新型建材"}


def test_tracked_sector_at_clause_start():
    got = labels("其中,橡塑行业实现规上产值12.3亿元,同比增长5.2%;机械行业实现规上产值8.1亿元。我县铁合金产业运行平稳。")
    assert {"橡塑行业", "机械行业", "铁合金产业"} <= got


def test_manufacturing_only_where_tracked():
    assert "制造业" not in labels("推动制造业高质量发展,助力制造业绿色转型。")
    assert "制造业" in labels("摸排全县制造业基础现状。1-6月,制造业增加值同比增长6.2%。")


def test_list_heads_events_and_fragments_are_not_industries():
    got = labels("成功举办深海科技成果展、沪锡对接周等产业对接交流活动。涉及科技创新、新型基础设施、关键产业发展等领域。"
                 "围绕壮大新能源、新材料等新兴产业,入选国家先进制造业集群。涉及融资、基建、环保等多个方面。")
    assert {"新能源", "新材料"} <= got
    assert not got & {"深海科技成果展", "沪锡对接周", "科技创新", "新型基础设施", "新兴产业", "先进制造业", "先进制造", "环保"}


def test_unknown_industry_of_a_place():
    got = labels("大力推进我县茶叶产业发展,全县食用菌产业持续壮大。我区山药产业信息化平台已完成安装。")
    assert {"茶叶产业", "食用菌产业"} <= got
    assert "山药" not in got and "山药产业" not in got
