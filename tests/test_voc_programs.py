"""Programs on reports nobody tuned on (issue 12): designations counted at a
level and the counted items listed after them, a year written without 年 before
a ranked list, the national tiers of SME cultivation.  Excerpts invented."""

from .conftest import extract_text, names


def programs(text: str) -> set[str]:
    return names(extract_text(text), "Program")


def test_designation_counted_at_a_level_and_the_items_after_it():
    f = extract_text("全年新增省级工业互联网示范平台3个,数字化转型标杆企业6家;认定市级共享制造示范工厂2家。")
    got = names(f, "Program")
    assert {"工业互联网示范平台", "数字化转型标杆企业", "共享制造示范工厂"} <= got
    [rec] = [e for e in f.entities if e.type == "Program" and e.name == "共享制造示范工厂"]
    assert "市级共享制造示范工厂" in rec.aliases  # the level-prefixed form stays an alias


def test_counted_kinds_of_firm_are_no_designation():
    got = programs("新增省级高成长企业5家,规上工业企业12家,亿元以上企业3家;省级重点项目8个全部开工。")
    assert not got & {"规上工业企业", "亿元以上企业", "重点项目"}


def test_sme_tiers_are_titles_of_their_own():
    # 专精特新中小企业 is the members of 专精特新 (as the team's gold writes 专精特新企业); 创新型中小企业 is a title
    got = programs("培育创新型中小企业40家、专精特新中小企业18家,新增专精特新“小巨人”企业2家。")
    assert {"创新型中小企业", "专精特新", "小巨人"} <= got
    assert "专精特新中小企业" not in got


def test_year_without_nian_is_no_part_of_a_ranked_list():
    f = extract_text("甲乙精工入选2023江西省民营企业100强。")
    assert "民营企业100强" in names(f, "Program")
    assert "江西省" in names(f, "Region")
    assert not any(n.startswith("2023") for n in names(f, "Program"))


def test_designation_pursued_as_a_means_ends_before_it():
    got = programs("以创建国家级绿色工业园区为抓手,推动园区循环化改造。")
    assert "绿色工业园区" in got
    assert not any("抓手" in n for n in got)


def test_campaign_of_cultivating_enterprises_is_generic():
    assert "企业培育行动" not in programs("开展“专精特新”企业培育行动,组织企业参加培训。")


def test_a_bracket_glossing_a_quoted_title_keeps_it():
    assert "三好企业" in programs("新认定“三好企业”(好产品、好服务、好品牌)14家。")


def test_funds_at_a_level_and_above_are_generic():
    assert not any("以上" in n for n in programs("全年争取省级以上专项资金8600万元。"))


def test_a_designation_won_ends_before_its_count():
    got = programs("获批国家中小企业公共服务示范平台1个、省级小型微型企业创业创新示范基地2个。")
    assert "中小企业公共服务示范平台" in got
    assert not any(n.endswith("个") for n in got)


def test_a_title_opening_with_its_issuer_keeps_the_issuer_whole():
    f = extract_text("严格执行省工信厅关于做好2024年工业企业技术改造工作的通知精神,组织企业申报。")
    [d] = [e for e in f.entities if e.type == "PolicyDocument"]
    assert d.name == "省工信厅关于做好2024年工业企业技术改造工作的通知"
    assert "关于做好2024年工业企业技术改造工作的通知" in d.aliases


def test_a_credit_scheme_among_financial_products_is_a_program():
    assert "晋融贷" in programs("用好“晋融贷”等金融产品,为企业新增贷款8亿元。")
    assert "远红外被" not in programs("推出“远红外被”等新产品。")
