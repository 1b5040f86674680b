"""Enterprises, agencies and organisations: list grammar, coordination, verb boundaries.

Excerpts are invented, in the style of the genre."""

from .conftest import extract_text, names


def ents(text: str, type_: str = "Enterprise") -> set[str]:
    return names(extract_text(text), type_)


def test_bracket_list_after_head_noun():
    got = ents("走访企业(鑫兴再生资源、天瑞工艺品、宏达纸业),帮助解决困难。")
    assert {"鑫兴再生资源", "天瑞工艺品", "宏达纸业"} <= got


def test_colon_list_after_head_noun():
    got = ents("重点龙头企业:华宇电子、金石机械、恒通新材料,产值均超10亿元。")
    assert {"华宇电子", "金石机械", "恒通新材料"} <= got


def test_items_listed_with_a_full_name_are_firms():
    got = ents("推荐腾飞钢管、精美特表面科技有限公司申报市级绿色工厂。")
    assert {"腾飞钢管", "精美特表面科技有限公司"} <= got
    assert not any(n.startswith("推荐") for n in got)


def test_list_of_industries_is_no_list_of_firms():
    assert not ents("重点引进矿产品精加工、轻纺电子、机械制造等企业。")


def test_coordinated_bodies_are_split():
    got = ents("东阳市委市政府出台了支持政策。州科技局和州商务局联合开展调研。", "GovernmentAgency")
    assert {"东阳市委", "市政府", "州科技局", "州商务局"} <= got
    assert "州科技局和州商务局" not in got


def test_standard_short_forms_after_a_verb():
    got = ents("规划报省政府审定,取得省生态环境厅出具的意见。区人大常委会听取汇报。", "GovernmentAgency")
    assert {"省政府", "省生态环境厅", "区人大常委会"} <= got


def test_department_name_without_place():
    assert "工业和信息化局" in ents("专班办公室设立在工业和信息化局,负责日常工作。", "GovernmentAgency")


def test_office_inside_a_body_and_second_name_in_brackets():
    got = ents("省经济和信息化厅产业园区处组织培训。市工信局(国资委)被评为优秀单位。", "GovernmentAgency")
    assert {"省经济和信息化厅产业园区处", "市工信局(国资委)"} <= got


def test_bare_bureau_central_and_no_trailing_verb():
    got = ents("参加市局主办的培训班。贯彻中央和省委决策部署,用好中央预算内资金。县发展改革局局长带队调研。",
               "GovernmentAgency")
    assert {"市局", "中央", "县发展改革局"} <= got
    assert not got & {"市局主办", "县发展改革局局"}


def test_verb_glued_before_a_group_name():
    got = ents("紧盯鸿运集团等龙头企业,做好服务。")
    assert "鸿运集团" in got and "紧盯鸿运集团" not in got


def test_firms_named_in_a_list_of_projects():
    got = ents("下半年重点推动万年青新型建材、小微企业创业基地、金科酒业扩建等工业工程,力争早投产。")
    assert {"万年青新型建材", "金科酒业"} <= got
    assert "小微企业创业基地" not in got


def test_list_of_other_things_and_sentence_adverb():
    got = ents("严厉打击强买强卖、强揽工程等违法行为。连续实施县领导挂点帮扶重点企业。;华之慧申报信息消费试点示范项目。")
    assert not got & {"强揽工程", "连续"}
    assert "华之慧" in got


def test_list_items_joined_by_and_and_count_lists():
    got = ents("入围企业名单包括:星辉食品、鼎盛农业和瑞丰科技。全年3家企业获评,分别为康宁达、汇丰源、德盛。")
    assert {"星辉食品", "鼎盛农业", "瑞丰科技", "康宁达", "汇丰源", "德盛"} <= got


def test_state_firms_and_parent_company():
    got = ents("积极对接中石化、中石油等央企。东方电气集团有限公司下属东方汽轮机公司落户我市。")
    assert {"中石化", "中石油", "东方电气集团有限公司", "东方汽轮机公司"} <= got
    assert not any("下属" in n for n in got)


def test_department_name_after_a_date_and_institute_after_a_conjunction():
    assert ents("2023年工业和信息化局招商引资工作。", "GovernmentAgency") == {"工业和信息化局"}
    assert "省农科院" in ents("与省农科院、华中科技大学开展产学研合作。", "Organization")


def test_list_items_that_are_no_names():
    got = ents("新增规上企业(含个体)12家。重点企业有:省级龙头、市级龙头。企业:技术改造、设备更新、数字化转型。")
    assert not got


def test_zone_committees_offices_and_sector_departments():
    got = ents("开会。高新区管委会、经开区管委会召开会议。县经信局产业发展股牵头负责。市、县两级工信部门。吸引汇源集团投资落户。",
               "GovernmentAgency")
    assert {"高新区管委会", "经开区管委会", "县经信局产业发展股"} <= got
    assert "工信部" not in got
    assert "汇源集团" in ents("吸引汇源集团投资落户。")


def test_firms_named_with_their_plants_in_a_list():
    got = ents("打造宏石家居数字化车间、天钢集团智能化工厂等3家数字工厂。")
    assert {"宏石家居", "天钢集团"} <= got
    assert not any("车间" in n for n in got)


def test_maker_named_for_its_supplier_line():
    assert "奇瑞" in ents("3月上旬奇瑞系配套企业全面复工。")
    assert "比亚迪" in ents("推动比亚迪系企业落户。")
    assert not ents("完善标准体系企业积极参与。")


def test_two_names_glued_in_a_project_list():
    got = ents("重点推动鸿欣体育用品金利纺织、万松新型建材等工业工程。")
    assert {"鸿欣体育用品", "金利纺织", "万松新型建材"} <= got


def test_firm_a_project_is_named_after():
    assert {"吉利汽车", "长城汽车"} <= ents("推动吉利汽车、长城汽车项目落地。")


def test_listed_company_short_name_with_gufen():
    assert {"宏达股份", "天能股份"} <= ents("宏达股份成功上市。协调解决天能股份用电问题。")
    assert not ents("推进企业股份制改造,实施股份合作。持有该公司股份。")


def test_city_management_bureau_and_generic_levels():
    got = ents("开会。城市管理局部署工作。县综合行政执法局开展整治。新建超市局部改造。省市县三级财政局联动。", "GovernmentAgency")
    assert {"城市管理局", "县综合行政执法局"} <= got
    assert not any("超市" in n or "三级" in n for n in got)


def test_service_centres_and_alliances():
    assert "市招商服务中心" in ents("带领市经信局、市招商服务中心一行到外地交流。", "GovernmentAgency")
    assert not ents("建设公共服务中心。", "GovernmentAgency")
    assert "县新材料产业联盟" in ents("成立县新材料产业联盟。", "Organization")


def test_working_bodies_named_after_their_task():
    got = ents("成立以市长为组长、各部门为成员的东阳市加快推进5G网络建设领导小组,出台方案。成立推进评价工作领导小组。"
               "按照县委政府及县脱贫攻坚指挥部的部署。成立领导小组,加强领导。", "GovernmentAgency")
    assert {"东阳市加快推进5G网络建设领导小组", "推进评价工作领导小组", "县脱贫攻坚指挥部"} <= got
    assert not any(n.startswith(("成立", "县委政府及")) for n in got)


def test_firm_before_its_headquarters_or_branch_place():
    got = ents("一行到深圳鸿图总部开展交流。拟联合建设鸿图(潜江)工业互联网发展中心。")
    assert "鸿图" in got
    assert not ents("依托中国(安徽)自由贸易试验区。第十三届中国(海南)荔枝交易会开幕。发展总部经济。")


def test_firm_opening_a_project_item_and_lists_of_institutions():
    got = ents("宏发集团年产20万吨新型建材、鑫达电子智能终端、恒通汽配扩建等项目进展顺利。")
    assert {"鑫达电子", "恒通汽配"} <= got
    assert not ents("组织银行、保险等金融机构与企业对接。")
