"""Program, Industry and Region extraction (round 2): invented excerpts in the genre's style."""

from .conftest import extract_text, names


def test_industries_listed_with_figures_in_brackets():
    f = extract_text("前三季度,重点行业中,纺织(12.5%)、电气机械(8.1%)、有色(7 %)等行业增长较快。")
    assert {"纺织", "电气机械", "有色"} <= names(f, "Industry")


def test_programs_named_after_a_province_or_city():
    f = extract_text("全面推进杭州制造2025规划,加快智慧杭州建设和数字浙江、智慧城市建设。")
    progs = names(f, "Program")
    assert {"杭州制造2025", "智慧杭州", "数字浙江"} <= progs
    assert "智慧城市" not in progs


def test_campaign_year_before_a_conjunction():
    f = extract_text("深入实施全区工业经济质量提升年和招商引资年活动,扎实推进园区建设。")
    assert "工业经济质量提升年" in names(f, "Program")


def test_quoted_congress_ordinal_is_no_program():
    f = extract_text("坚持以党的“十八”大和十八届三中全会精神为指导,落实“六稳”工作。")
    progs = names(f, "Program")
    assert "十八" not in progs
    assert "六稳" in progs


def test_places_after_a_placing_verb_or_all():
    f = extract_text("浙江省某县地处桐乡、海宁等地之间,上半年增速居全杭州各区县(市)第二位。")
    regions = names(f, "Region")
    assert {"桐乡", "杭州"} <= regions


def test_masked_count_of_counties_is_no_placeholder_region():
    f = extract_text("累计增速在全市排第x位、x县(市)排第x位。XX县工业增加值增长5%。")
    regions = names(f, "Region")
    assert "x县" not in regions
    assert "XX县" in regions


def test_county_named_by_an_everyday_word_needs_a_boundary():
    f = extract_text("湖北省某市是矿产资源县之一,湖北省工业稳步增长。")
    assert "资源县" not in names(f, "Region")


def test_bare_emerging_industries_only_beside_the_strategic_name():
    f = extract_text("尤其是新兴产业领域的企业数量少、规模小。")
    assert "新兴产业" not in names(f, "Industry")
    f = extract_text("新兴产业发展较快。全县战略性新兴产业产值增长12%。")
    inds = {e.name: e.aliases for e in f.entities if e.type == "Industry"}
    assert "战略性新兴产业" in inds or "新兴产业" in inds


def test_new_materials_named_by_their_material_are_one_industry():
    f = extract_text("重点发展稀土新材料、硅基新材料、光伏等产业,壮大新能源新材料等新兴产业。")
    inds = names(f, "Industry")
    assert {"稀土新材料", "硅基新材料", "光伏", "新能源", "新材料"} <= inds
    assert "稀土" not in inds


def test_own_place_of_a_prefecture_or_banner_is_no_part_of_the_industry():
    f = extract_text("我州锂电产业实现产值120亿元。全旗羊绒产业实现产值12亿元。")
    inds = names(f, "Industry")
    assert {"锂电", "羊绒"} <= inds
    assert not any(n.startswith(("我", "全")) for n in inds)


def test_national_city_clusters_and_areas_with_their_kind():
    f = extract_text("主动融入北部湾经济区、呼包鄂榆城市群,推进厦漳泉都市圈建设。")
    regions = names(f, "Region")
    assert {"北部湾经济区", "呼包鄂榆城市群", "厦漳泉都市圈"} <= regions
