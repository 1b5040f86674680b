"""Regions: short forms of divisions, autonomous prefectures, placeholders, zones
and areas.  The excerpts are invented in the genre's style; place names come
from the gazetteer."""

from extractors.gazetteer import gazetteer

from .conftest import extract_text, names


def regions(text: str) -> set[str]:
    return names(extract_text(text), "Region")


def test_province_and_city_short_forms():
    got = regions("今年以来,先后赴山东、青岛、深圳等地开展招商推介活动,与北京的科研院所对接。")
    assert {"山东", "青岛", "深圳", "北京"} <= got
    # not inside a word, not an everyday word, not a street
    got = regions("依托工业互联网平台中小企业上云用云,培育朝阳产业,确保定期调度。企业搬迁至上海路以东地块。赴天津考察。")
    assert "天津" in got
    assert not got & {"台中", "朝阳", "保定", "上海"}
    # a list of places before 等地企业 is no list of enterprises
    f = extract_text("与深圳、东莞等地企业开展对接,赴滑县考察。")
    assert {"深圳", "东莞", "滑县"} <= names(f, "Region")
    assert not names(f, "Enterprise") & {"深圳", "东莞"}


def test_short_form_takes_the_full_name_written_elsewhere():
    f = extract_text("芜湖市经信局组织企业参加展会。芜湖、合肥两地企业签约。")
    [rec] = [e for e in f.entities if e.type == "Region" and e.name == "芜湖市"]
    assert "芜湖" in rec.aliases
    assert not [e for e in f.entities if e.type == "Region" and e.name == "芜湖"]


def test_enterprise_keeps_its_place_prefix():
    f = extract_text("青岛恒远精工机械有限公司新上智能装备生产线,产品销往广东。")
    assert "青岛恒远精工机械有限公司" in names(f, "Enterprise")
    assert names(f, "Region") == {"广东"}


def test_autonomous_prefecture_written_with_zhou():
    got = regions("加快推动怒江州、迪庆州、楚雄州特色优势工业消费品走出去。发展壮大河南县域经济。")
    assert {"怒江州", "迪庆州", "楚雄州"} <= got
    assert "河南县" not in got  # 河南蒙古族自治县 is written 河南县, but not in 县域


def test_autonomous_division_short_form_drops_the_ethnic_groups():
    gz = gazetteer()
    assert gz.lookup("黔东南州").name == "黔东南苗族侗族自治州"
    assert gz.by_name["恩施土家族苗族自治州"][0].short == "恩施"


def test_county_short_form_needs_its_city_in_the_report():
    assert {"岳麓", "望城"} <= regions("长沙市工信局组织企业赴岳麓、望城等地开展调研。")
    assert "岳麓" not in regions("组织企业赴岳麓、望城等地开展调研。")
    # everyday words among the county short forms
    assert not regions("长沙市推动和平发展,会同有关部门开展调研。") & {"和平", "会同"}


def test_lowercase_and_single_letter_placeholders():
    got = regions("系统摸排了解xx县制造业基础现状,推动X工业园区扩区调位。")
    assert {"xx县", "X工业园区"} <= got


def test_named_park_and_generic_parks():
    got = regions("新桥园区进规3家。提升园区承载能力,深入工业园区开展宣讲,增强园区配套。")
    assert "新桥园区" in got
    assert not got & {"提升园区", "深入工业园区", "增强园区"}
    got = regions("加快建设国家级经济技术开发区,推动承接产业转移集聚区建设,支持建设沙湾工业集聚区。")
    assert "沙湾工业集聚区" in got
    assert not any("国家级" in n or "产业转移" in n for n in got)


def test_town_and_village_stems_that_are_common_words():
    got = regions("组织新乡贤回乡创业,帮扶贫困村12个,在柳河镇、石门村召开现场会。")
    assert {"柳河镇", "石门村"} <= got
    assert not any(n.endswith(("回乡", "贫困村")) for n in got)


def test_bare_development_zone_listed_among_places():
    got = regions("岳麓区进规10家,开发区·望城区进规6家。")
    assert "开发区" in got
    assert "开发区" not in regions("加快推进开发区建设。")


def test_areas_named_after_provinces_and_places():
    got = regions("加大闽西南地区总部经济招引力度,为建设成都平原经济区提供支撑,融入长江三角洲。")
    assert {"闽西南地区", "长江三角洲"} <= got
    assert "成都平原经济区" in got
    assert "苏北" not in regions("江苏北部地区企业来访。")
