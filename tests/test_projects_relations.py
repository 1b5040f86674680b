"""Projects, people and relations on short invented excerpts in the genre's style."""

from .conftest import extract_text, names


def rels(facts, rel):
    return {(facts.entities[r.head].name, facts.entities[r.tail].name) for r in facts.relations if r.rel == rel}


def test_project_name_starts_after_amount_or_verb():
    f = extract_text("县政府投资3亿元建设城南污水处理项目。800亩锦华智造产业园完成征地,300亩龙溪创业园开工。")
    assert names(f, "Project") == {"城南污水处理项目", "锦华智造产业园", "龙溪创业园"}


def test_coordinated_projects_are_split():
    f = extract_text("力争获批瑞丰科技产业园项目和恒达新材料项目。以明远电力厂房建设和启航产业园建设等项目为抓手。")
    assert {"瑞丰科技产业园项目", "恒达新材料项目", "启航产业园"} <= names(f, "Project")
    [p] = [e for e in f.entities if e.name == "明远电力厂房建设"]
    assert "明远电力厂房" in p.aliases


def test_enterprise_facilities_are_projects():
    f = extract_text("打造鑫源机械数字化车间、宏达集团智能化工厂等5家数字工厂。推动海川酒业扩建等工程建设。")
    assert {"鑫源机械数字化车间", "宏达集团智能化工厂", "海川酒业扩建"} <= names(f, "Project")


def test_facility_honours_and_generic_phrases_are_not_projects():
    f = extract_text("培育智能工厂5家,新增安徽省数字化车间3家,建设标准化厂房。今年签约落地投资项目共有8项,全部为新建项目。"
                     "推进总投资5亿元以上项目15个,全力保障规划中的青峰产业园。")
    assert names(f, "Project") == {"青峰产业园"}


def test_platforms_and_systems_being_built():
    f = extract_text("我区山药产业信息化平台已经完成设备安装,加快青川鱼-稻产业数据中心和小龙虾质量追溯体系建设。")
    assert {"山药产业信息化平台", "青川鱼-稻产业数据中心", "小龙虾质量追溯体系"} <= names(f, "Project")


def test_agency_division_is_not_a_park():
    f = extract_text("四川省经济和信息化厅产业园区处印发通知。")
    assert not names(f, "Project")


def test_enterprise_undertakes_the_project_named_after_it():
    f = extract_text("打造鑫源机械数字化车间、宏达集团智能化工厂等5家数字工厂。推动海川酒业扩建等工程建设。"
                     "安徽瑞丰新材料股份有限公司签约落地。瑞丰新材料年产5万吨项目开工。")
    assert {("鑫源机械", "鑫源机械数字化车间"), ("宏达集团", "宏达集团智能化工厂"), ("海川酒业", "海川酒业扩建"),
            ("安徽瑞丰新材料股份有限公司", "瑞丰新材料年产5万吨项目")} <= rels(f, "undertakes")


def test_issuer_named_inside_a_title_is_not_shared_with_the_next_title():
    f = extract_text("认真落实《中共某县委关于加快发展的意见》、《某县节能行动方案》。")
    assert rels(f, "issuedBy") == {("中共某县委关于加快发展的意见", "中共某县委")}


def test_projects_placed_in_regions():
    f = extract_text("恒达电子项目位于长丰县。在肥西县建设光伏产业园。")
    assert {("恒达电子项目", "长丰县"), ("光伏产业园", "肥西县")} <= rels(f, "locatedIn")


def test_own_voice_drafting_names_the_report_bureau():
    head = "某县经信局2021年上半年工作总结\n\n发布时间:2021-07-30 信息来源:某县经济和信息化局\n\n"
    f = extract_text(head + "今年编制了《某县工业发展规划》。启动《某县数字经济发展规划》编制工作。我县光电产业园已开工。")
    issued = rels(f, "issuedBy")
    assert {d for d, _ in issued} == {"某县工业发展规划", "某县数字经济发展规划"}


def test_person_fused_with_title_keeps_the_fused_form_as_alias():
    f = extract_text("感谢马亚圣局长做客访谈。记者:谢谢马局长。副县长李明华出席会议。")
    people = {e.name: e.aliases for e in f.entities if e.type == "Person"}
    assert set(people) == {"马亚圣", "李明华"}
    assert {"马亚圣局长", "马局长"} <= set(people["马亚圣"]) and "副县长李明华" in people["李明华"]


def test_known_figures_named_in_speeches():
    f = extract_text("学习焦裕禄精神,践行毛泽东思想和邓小平理论。")
    assert {"焦裕禄", "毛泽东", "邓小平"} <= names(f, "Person")


def test_people_after_titles_comrades_and_bylines():
    f = extract_text("副市长周海涛对企业提出要求。王刚生同志主持会议,全体同志参加。\n编辑:李晓明 审核:王军")
    assert names(f, "Person") >= {"周海涛", "王刚生", "李晓明", "王军"}
    assert "全体" not in names(f, "Person")


def test_firms_bracketed_or_listed_after_an_honour_take_part_in_it():
    f = extract_text("新增高新技术企业8家(海润集团、中泰化工)。获评专精特新企业的有:广源控股、华峰机械。"
                     "2家企业入选专精特新“小巨人”企业(金瑞电子、星河材料)。")
    got = rels(f, "participatesIn")
    assert {("海润集团", "高新技术企业"), ("中泰化工", "高新技术企业"), ("广源控股", "专精特新"), ("华峰机械", "专精特新"),
            ("金瑞电子", "小巨人"), ("金瑞电子", "专精特新"), ("星河材料", "小巨人")} <= got


def test_doer_named_after_the_document_or_project():
    f = extract_text("《某县工业发展规划》由县政府印发实施。城南污水处理项目由海川环保有限公司投资建设。"
                     "恒远化工有限公司的城北热电项目开工。")
    assert ("某县工业发展规划", "县政府") in rels(f, "issuedBy")
    assert {("海川环保有限公司", "城南污水处理项目"), ("恒远化工有限公司", "城北热电项目")} <= rels(f, "undertakes")


def test_enterprise_setting_up_in_a_region_is_placed_there():
    f = extract_text("恒达电子有限公司在长丰县设立了研发中心。海川环保有限公司在肥西县建设光伏产业园。")
    got = rels(f, "locatedIn")
    assert ("恒达电子有限公司", "长丰县") in got and ("海川环保有限公司", "肥西县") not in got


def test_project_named_without_its_level():
    f = extract_text("建成省级农业科技示范园,建设国家级大数据产业基地。")  # 获批省级… is a designation won: a Program
    ps = {e.name: e.aliases for e in f.entities if e.type == "Project"}
    assert ps.keys() == {"农业科技示范园", "大数据产业基地"}
    assert "国家级大数据产业基地" in ps["大数据产业基地"]


def test_name_after_a_greeting_and_more_titles():
    f = extract_text("王建华厂长介绍了情况。商会会长刘伟出席。感谢李红女士。")
    assert {"王建华", "刘伟", "李红"} <= names(f, "Person") and "谢李红" not in names(f, "Person")


def test_sector_workshop_names_no_enterprise():
    f = extract_text("实施汽车零部件数字化车间改造。")
    assert not names(f, "Enterprise") and not names(f, "Project")
