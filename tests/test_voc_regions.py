"""Regions on reports nobody tuned on (issue 12): towns named from a clear left
boundary, places opening an agency's name, the report's own county, a zone
named twice in one clause.  Excerpts invented; places from the gazetteer."""

from kg.report import read_meta

from .conftest import extract_text, names


def regions(text: str) -> set[str]:
    return names(extract_text(text), "Region")


def test_towns_of_three_and_four_characters_and_sumu():
    got = regions("会同旗应急管理局,对石门子镇、哈拉乌素苏木、桃园乡境内的企业开展检查;某某公司在南坪岭镇建设示范项目。")
    assert {"石门子镇", "哈拉乌素苏木", "桃园乡", "南坪岭镇"} <= got
    # no tail of the name (门子镇, 坪岭镇), and the town is not read as a firm
    assert not got & {"门子镇", "坪岭镇", "乌素苏木"}
    f = extract_text("对石门子镇、哈拉乌素苏木、桃园乡境内的27家企业实现全覆盖。")
    assert not names(f, "Enterprise") & {"石门子镇", "哈拉乌素苏木"}


def test_town_after_a_verb_of_siting_and_common_nouns_stay_out():
    assert "鹿回镇" in regions("某某家居公司智能工厂项目,总投资8亿元,选址鹿回镇。")
    got = regions("建设特色小镇和美丽乡村,推动城乡融合,问题不能解决的上报镇县。全县128个行政村全部通网。")
    assert not got & {"特色小镇", "美丽乡", "上报镇", "行政村", "色小镇"}


def test_town_then_village_are_two_places():
    got = regions("工作专班分赴青石镇西岭村和东岭村。")
    assert {"青石镇", "西岭村"} <= got
    assert "青石镇西岭村" not in got


def test_places_opening_an_agency_name_are_regions():
    f = extract_text("眉山市丹棱县经济和信息化局2023年工作总结\n县经信局推动企业技术改造。\n")
    assert {"眉山市", "丹棱县"} <= names(f, "Region")
    assert "眉山市丹棱县经济和信息化局" in names(f, "GovernmentAgency")


def test_own_county_is_the_longest_name_not_a_county_inside_it():
    # 兴县 is a county of its own; inside 长兴县 it is not the report's place
    meta = read_meta("在全县工业工作会议上的讲话\n2023年,长兴县完成工业产值。长兴县工业投资增长。\n", "t.txt")
    assert meta.region == "长兴县"
    assert "兴县" not in regions("2023年,长兴县完成工业产值。长兴县工业投资增长。")


def test_a_zone_named_before_a_second_zone_word_ends_there():
    got = regions("推动金鸡岭工业园区争创绿色园区。")
    assert "金鸡岭工业园区" in got
    assert not any("争创" in r for r in got)


def test_a_list_closed_by_a_count_of_places_gives_every_item():
    # 日照 is an everyday word elsewhere; in 甲、乙两市 it is a city
    assert {"临沂", "日照"} <= regions("临沂、日照两市企业到我县考察。")
    assert {"上海", "日照"} <= regions("组织企业赴上海、日照等地对接。")
    assert "日照" not in regions("全年日照时数增加,光伏发电量提升。")


def test_a_county_written_in_full_before_a_town_is_a_place_of_its_own():
    got = regions("推动蔡家坡经济技术开发区、眉县常兴镇等园区镇发展。")
    assert {"眉县", "常兴镇"} <= got
    assert not got & {"眉县常兴镇", "园区镇"}


def test_areas_of_national_regional_plans():
    assert {"济南都市圈", "淮海经济区"} <= regions("依托鲁南高铁,加快融入济南都市圈和淮海经济区。")


def test_a_town_of_three_characters_may_open_with_xiao():
    got = regions("晓溪食品在小溪塔街道投资2.6亿元建设中央厨房。")
    assert "小溪塔街道" in got
    assert "溪塔街道" not in got


def test_a_town_listed_among_towns_whatever_its_stem():
    got = regions("全县12个乡镇中,城关镇、新集镇、王庄乡工业产值居前三位。")
    assert {"城关镇", "新集镇", "王庄乡"} <= got
    assert not regions("建设特色小镇、美丽乡村和新型城镇。") & {"特色小镇", "新型城镇", "美丽乡"}


def test_a_city_inside_a_project_name_is_a_region_but_not_inside_a_word():
    assert "惠州" in regions("推进南港石化惠州三期乙烯项目前期工作。")
    got = regions("依托工业互联网平台中小企业上云用云,培育朝阳产业。")
    assert not got & {"台中", "朝阳"}
    # inside a firm's name a place is no Region (the guidelines: 淮南某某公司 is not placed by its name)
    assert "苏州" not in regions("推动华苏州精密有限公司扩产。")


def test_a_kind_of_county_is_not_the_reports_own_place():
    # 资源县 is a county of its own; 矿产资源县 is a kind of county
    meta = read_meta("x县工业运行情况\nx县是无煤矿产资源县,地处几个矿产资源县之中,矿产资源县发展受限。\n", "t.txt")
    assert meta.region != "资源县"


def test_a_county_short_form_glued_to_the_word_before_opens_no_name():
    # 组织|金鼎机械: 织金 is a county's short form, but 织 ends the verb 组织
    f = extract_text("组织金鼎机械有限公司申报省级工业转型升级专项资金。")
    assert "金鼎机械有限公司" in names(f, "Enterprise")
    assert "织金鼎机械有限公司" not in names(f, "Enterprise")
