"""Program and PolicyDocument grammar: level prefixes, fused lists, ranked lists,
campaigns, funds, quoted rhetoric; documents named without 《》 and by number.
Excerpts are invented, in the genre's style."""

from .conftest import extract_text, names


def programs(text: str) -> set[str]:
    return names(extract_text(text), "Program")


def program_entities(text: str):
    return [e for e in extract_text(text).entities if e.type == "Program"]


def test_level_and_batch_prefixes_are_out_of_the_name():
    ents = program_entities("甲乙焊材有限公司被评为第三批国家级绿色工厂。推荐丙丁钢管申报2021年市级绿色工厂。")
    [e] = [e for e in ents if "绿色工厂" in e.name]
    assert e.name == "绿色工厂" and {"国家级绿色工厂", "市级绿色工厂"} & set(e.aliases)
    [c] = program_entities("云计算产业成功入选国家首批先进制造业集群。")
    assert c.name == "先进制造业集群"


def test_fused_honour_lists_are_split():
    progs = programs("2户企业申报第四批国家级专精特新“小巨人”企业。培育专精特新小巨人企业3家。")
    assert {"专精特新", "小巨人"} <= progs
    assert not any("专精特新小巨人" in p or "专精特新“小巨人”" in p for p in progs)


def test_ranked_lists():
    progs = programs("全市8家企业入围中国企业500强,12家企业入围中国制造业企业500强。")
    assert {"中国企业500强", "中国制造业企业500强"} <= progs
    assert "500强" not in progs and "中国制造业企业" not in progs


def test_chain_slogans_strategies_and_campaign_years():
    progs = programs("推动强链补链延链。实施产业链补链延链固链强链行动。奋力推进制造强国和网络强国建设。"
                     "开展产业项目建设年活动。组织12场“接链”活动。")
    assert {"强链补链延链", "产业链补链延链固链强链行动", "制造强国", "网络强国", "产业项目建设年", "接链"} <= progs


def test_funds_granted_and_named_with_their_level():
    ents = program_entities("全年安排产业帮扶资金3.2亿元。“甲信贷”和市级转贷资金续贷金额再创新高。今年获批省级制造业高质量发展专项资金。")
    by_name = {e.name: e for e in ents}
    assert "产业帮扶资金" in by_name and "转贷资金" in by_name
    assert "市级转贷资金" in by_name["转贷资金"].aliases
    assert not any(n.startswith("批") for n in by_name)
    assert not programs("为企业争取智能制造相关政策扶持奖励资金1亿元。获得中央财政专项资金264万元。")


def test_quoted_rhetoric_indicators_and_contests_are_not_programs():
    progs = programs("坚持“严管必查、查必严管”。推行“一对一”服务。增强“四个意识”。倡导“红线意识,安全发展”。"
                     "“工业增加值占地区生产总值”综合指数位居全省第二。完成了“柑橘王”擂台赛。借助“甲乙龙虾”“甲乙虾稻”品牌影响力。"
                     "深化“四送一服”。")
    assert progs == {"四送一服"}, progs


def documents(text: str) -> set[str]:
    return names(extract_text(text), "PolicyDocument")


def test_titles_without_brackets_after_a_verb_of_issuing():
    docs = documents("按照省、市、县大力推进结构调整的实施意见,处置困难企业。推动出台新一轮扶持企业发展的实施意见。"
                     "制定甲县制造业高质量发展“十四五”规划和甲县数字经济发展“十四五”规划。"
                     "制定2021年依法依规推动落后产能退出工作方案。按照省沿江企业搬迁改造任务清单要求推进。")
    assert {"大力推进结构调整的实施意见", "扶持企业发展的实施意见", "甲县制造业高质量发展“十四五”规划",
            "甲县数字经济发展“十四五”规划", "2021年依法依规推动落后产能退出工作方案", "沿江企业搬迁改造任务清单"} <= docs
    assert "新一轮扶持企业发展的实施意见" in docs  # the written form stays an alias
    # generic plans and policy packages are not documents
    docs = documents("制定2021年度工作计划,制定针对性工作计划。制定年度“万企上云”工作计划。落实各项优惠政策。"
                     "全力谋划“十四五”规划项目。全面执行稳住经济一揽子政策措施。实施规上工业企业倍增计划。")
    assert not docs, docs


def test_document_number_alone_names_a_document():
    f = extract_text("按照宣办发〔2021〕9号文件要求,开展专项整治。")
    assert "宣办发〔2021〕9号" in names(f, "PolicyDocument")


def test_government_work_report():
    assert "政府工作报告" in documents("区经信局继续按照政府工作报告和市工业目标任务推进工作。")


def test_quotes_inside_quotes_awards_designations_and_relief_campaigns():
    progs = programs("夺得“三季度‘五比’先进集体”荣誉。有序推进强镇富民(区)后续奖励项目组织实施。力争获批省级物流产业聚集区。"
                     "推进工业产业扶贫,开展跟踪帮扶。")
    assert {"五比", "强镇富民(区)后续奖励项目", "物流产业聚集区", "工业产业扶贫"} <= progs
    assert "跟踪帮扶" not in progs


def test_a_title_built_on_a_known_program_stays_whole():
    ents = program_entities("积极推动两化融合试点示范企业的贯标。8家企业被评为2020年两化融合示范(试点)企业。")
    assert {"两化融合试点示范企业", "两化融合示范(试点)企业"} <= {e.name for e in ents}
    assert not any(e.name in ("试点示范", "两化融合示范", "(试点)企业") for e in ents)


def test_honour_titles_members_and_fairs():
    ents = program_entities("入选全国两化融合先进县。丙丁科技入选工信部第二批服务型制造示范企业名单。新培育省级专精特新中小企业18家。"
                            "组织企业参加“中博会”“广交会”。")
    by_name = {e.name: e for e in ents}
    assert "全国两化融合先进县" in by_name
    assert not any(n.startswith("工信部") for n in by_name)
    assert "专精特新" in by_name and "专精特新中小企业" not in by_name
    assert not by_name.keys() & {"中博会", "广交会"}


def test_title_opening_with_about_after_its_issuers():
    assert "关于促进民营经济发展的优惠政策" in documents("认真落实省委、省政府关于促进民营经济发展的优惠政策。")


def test_campaign_actions_awards_and_listed_applications():
    progs = programs("组织实施技术改造三年行动。甲公司荣获市长质量奖,乙公司获得省科技进步奖二等奖。"
                     "积极申报国家中小企业公共服务示范平台、国家小型微型企业创业创新示范基地。"
                     "4家企业申报省企业技术中心、3家企业申报省工业设计中心。")
    assert {"技术改造三年行动", "市长质量奖", "科技进步奖", "中小企业公共服务示范平台", "小型微型企业创业创新示范基地",
            "企业技术中心", "工业设计中心"} <= progs
    assert not any("公司" in p or "申报" in p for p in progs), progs


def test_quoted_problems_results_and_manners_are_not_programs():
    progs = programs("攻克一批“卡脖子”技术。解决企业“急难愁盼”问题。工业经济实现“开门红”,呈现“稳中有进、稳中向好”态势。"
                     "采取“专家会诊”形式排查隐患,陷入“滚雪球”式的循环。深化“揭榜挂帅”机制。")
    assert progs == {"揭榜挂帅"}, progs


def test_works_that_are_policies():
    f = extract_text("大力实施中小企业成长工程。全力推进企业上云工程,实施万企万亿技改工程。实施城区污水管网改造工程。"
                     "加快推动入园企业工程建设。")
    progs = names(f, "Program")
    assert {"中小企业成长工程", "万企万亿技改工程", "企业上云"} <= progs
    assert "企业上云工程" in {a for e in f.entities if e.name == "企业上云" for a in e.aliases}
    assert not any("管网" in p or "入园" in p for p in progs)


def test_a_region_opening_a_known_program_stays_a_region():
    f = extract_text("抢抓融入长三角一体化发展历史机遇。")
    assert "长三角一体化发展" in names(f, "Program") and "长三角" in names(f, "Region")
