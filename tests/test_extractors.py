"""Each extractor on short excerpts of the sample reports, with negative cases."""

from decimal import Decimal

import pytest

from extractors.amounts import find_amounts

from .conftest import extract_text, names


def rels(facts, rel):
    out = set()
    for r in facts.relations:
        if r.rel == rel:
            out.add((facts.entities[r.head].name, facts.entities[r.tail].name))
    return out


def test_enterprise_enumeration_and_full_names():
    f = extract_text("摸排后备升规企业有淮南弘盛环保科技有限公司、安徽文盛科技有限公司、淮南市昊通电力设备有限公司等25家企业。")
    ents = names(f, "Enterprise")
    assert {"淮南弘盛环保科技有限公司", "安徽文盛科技有限公司", "淮南市昊通电力设备有限公司"} <= ents
    assert not any(n.startswith("有") for n in ents)


def test_short_enterprise_names_in_lists():
    f = extract_text("推动东颢制衣、奥瑟夫、艾颢制衣等一批有条件的企业转产扩能生产防护服。新增捷力泰、迈锐客13家规模工业企业。")
    assert {"东颢制衣", "奥瑟夫", "艾颢制衣", "捷力泰", "迈锐客"} <= names(f, "Enterprise")


def test_enterprise_negatives():
    f = extract_text("全区共有规上工业企业34户,97家规模企业累计实现产值。积极协调三大运营商提供服务。筛选一批发展潜力大、成长性好等企业。")
    ents = names(f, "Enterprise")
    assert not ents & {"规上工业企业", "规模企业", "三大运营商", "发展潜力大", "成长性好"}


def test_short_name_resolved_to_full_name():
    f = extract_text("摸排后备升规企业有淮南弘盛环保科技有限公司等25家企业。以弘盛环保工业废盐环保综合资源化利用车间技改等项目为抓手。")
    [e] = [e for e in f.entities if e.name == "淮南弘盛环保科技有限公司"]
    assert "弘盛环保" in e.aliases


def test_agencies_and_abbreviation():
    f = extract_text("发布时间:2020-07-30 08:08信息来源:大通区经济和信息化局\n区经信局紧紧围绕区委、区政府的决策部署。邀请市自然资源和规划局来我区现场办公。")
    ag = {e.name: e for e in f.entities if e.type == "GovernmentAgency"}
    assert "区经信局" in ag["大通区经济和信息化局"].aliases
    assert {"区委", "区政府", "市自然资源和规划局"} <= set(ag)
    assert "政府" not in ag and "我局" not in names(f, "GovernmentAgency")


def test_organizations():
    f = extract_text("组织安徽圣桑林业科技发展有限公司与安徽农科院蚕桑所开展产学研合作,组织中国科学院合肥物质科学研究院与安徽映山红博览园文化发展股份有限公司开展研究。")
    assert {"安徽农科院蚕桑所", "中国科学院合肥物质科学研究院"} <= names(f, "Organization")
    assert "安徽映山红博览园文化发展股份有限公司" in names(f, "Enterprise")


def test_regions_gazetteer_towns_zones_and_negatives():
    f = extract_text("大通工业园区(含上窑工业集聚区)以服装制造为主。分赴温泉镇西营村和牌坊村核查。全区共有企业34户,我县加强对乡镇的调度。")
    regs = names(f, "Region")
    assert {"大通工业园区", "上窑工业集聚区", "温泉镇", "西营村", "牌坊村"} <= regs
    assert not regs & {"全区", "我县", "强对乡", "乡镇"}
    assert ("牌坊村", "温泉镇") in rels(f, "locatedIn") and ("西营村", "温泉镇") in rels(f, "locatedIn")


def test_programs_quoted_known_and_funds():
    f = extract_text("持续深化“四送一服”工作。5家企业获评市级“专精特新”企业。19家企业申报安庆市2020年推进自主创新若干政策奖补资金859.11万元。贯彻落实“六稳”“六保”。做好疫情防控工作。")
    progs = names(f, "Program")
    assert {"四送一服", "专精特新", "推进自主创新若干政策奖补资金", "六稳", "六保"} <= progs
    assert "疫情防控" not in progs


def test_policy_document_with_number():
    f = extract_text("我局拟定出台了《关于做好疫情防控期间工业企业复工工作的通知》(大疫控办〔2020〕53号),对复工条件做了规定。")
    [d] = [e for e in f.entities if e.type == "PolicyDocument"]
    assert d.name == "关于做好疫情防控期间工业企业复工工作的通知" and "大疫控办〔2020〕53号" in d.aliases


def test_projects_and_negatives():
    f = extract_text("成功签约开工建设奇瑞锂离子动力电池项目;凯达汽车内饰件项目正在落实用地。重点项目入库进程缓慢,工业和技改投资项目过少。")
    projs = names(f, "Project")
    assert {"奇瑞锂离子动力电池项目", "凯达汽车内饰件项目"} <= projs
    assert not any(p.endswith("重点项目") or "投资项目" in p for p in projs)


def test_people_with_titles():
    f = extract_text("根据江春生县长6月1日主持召开的会议。市长龚定荣带领调研。认真贯彻落实习近平新时代中国特色社会主义思想。")
    assert {"江春生", "龚定荣", "习近平"} <= names(f, "Person")
    # the fused form is an alias (GUIDELINES: 江春生县长 -> name 江春生), never the name
    assert "江春生县长" not in {e.name for e in f.entities if e.type == "Person"}


def test_industries_listed_or_qualified_only():
    f = extract_text("主要以服装制造、装备制造、新型建材、医药物流行业为主。31户装备制造企业产值12.32亿。企业健康平稳生产。")
    inds = names(f, "Industry")
    assert {"服装制造", "装备制造", "新型建材", "医药物流"} <= inds
    assert "健康" not in inds


@pytest.mark.parametrize(
    "text,value,approx,qualifier",
    [
        ("增加值2.5亿元,同比增长0.4%", "250000000", False, None),
        ("涉及资金1000多万元", "10000000", True, None),
        ("全区共有5000万元以上企业14户", "50000000", False, "threshold"),
        ("三大主导产业实现产值48.91万元", "489100", False, None),
        ("人均增收一万元", "10000", False, None),
        ("产值12.32亿,", "1232000000", False, None),
    ],
)
def test_amounts(text, value, approx, qualifier):
    [a] = find_amounts(text)
    assert a.value == Decimal(value) and a.approximate is approx and a.qualifier == qualifier
    assert text[a.start : a.end] == a.text


def test_not_amounts():
    assert find_amounts("5000以上工业项目入库4个,占工业投资的59.78%,从10:52.6:37.4调整为9.9:50.2:39.9") == []


def test_range_amount_has_upper_bound():
    [a] = find_amounts("计划投资3-6亿元")
    assert a.value == Decimal("300000000") and a.upper == Decimal("600000000")


def test_relations_participates_undertakes_acquired_cooperates():
    f = extract_text(
        "组织天鹅集团申报国家级两化融合管理体系贯标试点企业。瑞林公司实施DQ380技改项目。"
        "中晨机械已完成了收购,并由可瑞公司进行了接收。"
        "组织安徽圣桑林业科技发展有限公司与安徽农科院蚕桑所就桑椹果开展产学研合作。"
    )
    assert ("天鹅集团", "两化融合管理体系贯标试点企业") in rels(f, "participatesIn")  # level prefix out of the name (v2)
    assert ("瑞林公司", "DQ380技改项目") in rels(f, "undertakes")
    assert ("中晨机械", "可瑞公司") in rels(f, "acquiredBy")
    assert ("安徽圣桑林业科技发展有限公司", "安徽农科院蚕桑所") in rels(f, "cooperatesWith")


def test_coordination_is_not_cooperation_and_groups_do_not_leak():
    f = extract_text("安徽文盛科技有限公司和安徽鼎图液压设备有限公司生产平稳。指导联丰公司申报科技攻关项目,指导悠然农业公司申报科技扶贫项目。")
    assert rels(f, "cooperatesWith") == set()
    part = rels(f, "participatesIn")
    assert ("联丰公司", "科技攻关项目") in part and ("悠然农业公司", "科技扶贫项目") in part
    assert ("联丰公司", "科技扶贫项目") not in part


def test_issued_by_report_agency():
    f = extract_text("县经信局2022年工作总结\n起草印发《枞阳县制造业提质扩量增效行动方案(2022—2025年)》(枞政〔2022〕11号)。")
    assert ("枞阳县制造业提质扩量增效行动方案(2022—2025年)", "县经信局") in rels(f, "issuedBy")


def test_project_names_with_de_and_owner_prefix():
    f = extract_text("组织安徽圣桑林业科技发展有限公司与安徽农科院蚕桑所就桑椹果的综合利用开发项目开展产学研合作。"
                     "共统筹国网供电XX公司、县水电公司建设农网改造项目40个。培育一批带动性强的工业大项目。")
    projs = names(f, "Project")
    assert "桑椹果的综合利用开发项目" in projs
    assert not any(p.startswith(("建设", "县水电")) or "带动性强" in p for p in projs)
    assert ("安徽圣桑林业科技发展有限公司", "桑椹果的综合利用开发项目") in rels(f, "undertakes")


def test_trade_names_with_numerals_and_not_industries():
    f = extract_text("绿色家居产业仅万华板业一己之力。1家矿山进行安全隐患整改【九鼎玄武岩】。着力打造十大工程。铝基新材料产业链延伸。")
    ents = names(f, "Enterprise")
    assert {"万华板业", "九鼎玄武岩"} <= ents
    assert not ents & {"十大工程", "铝基新材"}


def test_quoted_program_inside_agency_name_keeps_both():
    f = extract_text("县“百企帮百村”精准扶贫行动领导小组办公室于今年5月份再次组织验收。")
    assert "百企帮百村" in names(f, "Program")
    assert any("领导小组办公室" in n for n in names(f, "GovernmentAgency"))


def test_report_from_another_province():
    """Rules, not sample names: a paragraph in the style of a report the samples do not contain."""
    f = extract_text(
        "宁波市经信局2021年工作总结\n"
        "2021年,市经信局围绕“两化融合”和“专精特新”工作,推动浙江华立科技有限公司、宁波均胜电子股份有限公司等12家企业"
        "入选省级专精特新中小企业名单。市长李明到杭州湾新区调研,强调要加快推进吉利汽车杭州湾基地项目建设。"
        "1-11月,全市规上工业增加值完成1234.5亿元,同比增长9.2%。印发了《关于加快推进制造业高质量发展的若干意见》"
        "(甬政发〔2021〕15号)。宁波大学与宁波均胜电子股份有限公司签订战略合作协议。余姚市、慈溪市分别新增规上企业35家、42家。"
        "中国银行宁波分行为100家中小企业提供授信50亿元。",
        "nb.txt",
    )
    assert f.meta.publisher == "宁波市经信局" and f.meta.region == "宁波市" and f.meta.period_start == "2021-01-01"
    assert {"浙江华立科技有限公司", "宁波均胜电子股份有限公司"} <= names(f, "Enterprise")
    assert {"宁波大学", "中国银行宁波分行"} <= names(f, "Organization")
    assert {"杭州湾新区", "余姚市", "慈溪市"} <= names(f, "Region")
    assert "吉利汽车杭州湾基地项目" in names(f, "Project") and "李明" in names(f, "Person")
    assert ("宁波大学", "宁波均胜电子股份有限公司") in rels(f, "cooperatesWith")
    assert ("浙江华立科技有限公司", "专精特新") in rels(f, "participatesIn")
    [obs] = [o for o in f.observations if o.concept == "AboveScaleValueAdded" and o.unit == "CNY"]
    assert obs.period_end == "2021-11-30"


def test_names_with_trigger_characters_and_bracketed_places():
    f = extract_text("华为技术(东莞)有限公司、维沃移动通信有限公司等龙头企业产值持续增长。推动“双十”产业集群建设,松山湖高新区、长安镇电子信息产业集群产值突破5000亿元。")
    assert {"华为技术(东莞)有限公司", "维沃移动通信有限公司"} <= names(f, "Enterprise")
    assert "松山湖高新区" in names(f, "Region") and "松山湖高新区" not in names(f, "Industry")


def test_fullwidth_digits_and_approximate_after_unit():
    from kg.normalize import normalize_text

    [a] = find_amounts(normalize_text("投资１.２亿多元"))
    assert a.value == Decimal("120000000") and a.approximate
    [b] = find_amounts("减免租金5亿余元")
    assert b.value == Decimal("500000000") and b.approximate


def test_capacity_in_project_names_but_not_counts_or_money():
    f = extract_text("加快建设年产10万吨锂电池材料项目,推进总投资5亿元以上项目15个。")
    assert names(f, "Project") == {"年产10万吨锂电池材料项目"}


def test_boilerplate_gives_no_entities():
    f = extract_text(
        "(一)工业经济平稳运行。全县规模以上工业企业达到126家。认真落实县委县政府决策部署。"
        "全年新签约项目45个,其中亿元以上项目12个。各乡镇、各部门要切实提高认识,加强组织领导。"
        "一是企业融资难、融资贵问题依然突出;二是部分企业创新能力不强。推动工业、农业和服务业协调发展。")
    assert {(e.type, e.name) for e in f.entities} == {("GovernmentAgency", "县委"), ("GovernmentAgency", "县政府")}


def test_quoted_products_chains_and_built_things_are_not_programs():
    f = extract_text("完成了“远红外健康功能被”、“负离子抗菌防螨功能被”二项新产品研发。启动“筑梦小镇”建设。"
                     "形成“科技型中小企业——高新技术入库培育企业——高新技术企业”梯次培育。深化“四送一服”。")
    progs = names(f, "Program")
    assert "四送一服" in progs and not any("功能被" in p or "——" in p for p in progs)
    assert "筑梦小镇" in names(f, "Project") and "筑梦小镇" not in progs


def test_numbered_quotes_naming_a_period_or_place_are_not_programs():
    f = extract_text("今年1月,我委开展了“两节”期间安全大检查。“三偏”地区仍有通信网络覆盖薄弱。8.推进制造业“四化”改造。"
                     "扎实做好“六稳”工作。")
    progs = names(f, "Program")
    assert {"四化", "六稳"} <= progs and not progs & {"两节", "三偏"}


def test_word_typed_twice_is_named_once():
    f = extract_text("指导圣桑公司申报2020年科技科技攻关项目并获支持资金40万元。组织申报省级小型微型企业创业创新示范基地。")
    progs = names(f, "Program")
    assert "科技攻关项目" in progs and "科技科技攻关项目" not in progs
    assert any("企业创业创新示范基地" in p for p in progs | names(f, "Project"))  # 业创业创 is no stutter


def test_issuer_right_before_a_title_and_coordinated_titles():
    f = extract_text("经科委2020年上半年工作总结\n为兑现县委办《关于印发XX县“百企帮百村”精准扶贫行动工作方案的通知》补助政策。"
                     "先后下发了《转发市安委会关于建立六项制度的通知》和《关于开展冬季和春节期间安全生产大检查的通知》等文件。"
                     "对照市政府办公室的要求做好《关于做好复工工作的通知》的落实。")
    issued = rels(f, "issuedBy")
    assert ("关于印发XX县“百企帮百村”精准扶贫行动工作方案的通知", "县委办") in issued
    assert ("关于开展冬季和春节期间安全生产大检查的通知", "经科委") in issued
    assert not any(agency == "市政府办公室" for _, agency in issued)  # named, but nowhere near as issuer


def test_honour_followed_by_bracketed_enterprises():
    f = extract_text("县经信局2022年工作总结\n1家企业获评市级小型微型企业创业创新示范基地【旗山电子商务】。"
                     "3家企业获评省级专精特新企业(安徽甲乙科技有限公司、安徽丙丁材料有限公司、安徽戊己电子有限公司)。")
    assert "市级小型微型企业创业创新示范基地" in names(f, "Program")
    joined = rels(f, "participatesIn")
    assert ("旗山电子商务", "小型微型企业创业创新示范基地") in joined  # level prefix out of the name (v2)
    assert {(e, "专精特新") for e in ("安徽甲乙科技有限公司", "安徽丙丁材料有限公司", "安徽戊己电子有限公司")} <= joined


def test_forms_and_level_lists_are_not_documents_or_programs():
    f = extract_text("对检查发现的问题下达《隐患整改通知书》12份,签订《安全生产责任书》。印发《关于做好安全生产工作的通知书》。"
                     "积极争取国家及省市项目资金支持。")
    assert names(f, "PolicyDocument") == {"关于做好安全生产工作的通知书"}
    assert not any("国家及省市" in n for n in names(f, "Program") | names(f, "Project"))


def test_strategies_pursued_are_programs():
    f = extract_text("以习近平新时代中国特色社会主义思想为指引,大力实施科技兴区、工业强战略。深入实施创新驱动发展战略。"
                     "研究制定企业发展战略。")
    progs = names(f, "Program")
    assert {"科技兴区", "工业强", "创新驱动发展"} <= progs
    assert not any("企业发展" in p for p in progs)


def test_chain_chief_scheme_keeps_its_industry():
    f = extract_text("全面落实铝基新材料产业链链长制要求。推行新能源汽车产业链链长制。落实链长制。")
    assert {"铝基新材料产业链链长制", "新能源汽车产业链链长制", "链长制"} <= names(f, "Program")


def test_enterprises_given_as_examples_or_named_with_other_firm_nouns():
    f = extract_text("劳动密集型企业例如锦希时装等用工存在严重不足。汽配行业受江淮、奇瑞等主机厂下降影响也出现下滑。"
                     "优先推进自来水公司、新奥燃气、顺和水电等关乎民生需求的企业复工。共统筹县水电公司建设农网改造项目40个。")
    ents = names(f, "Enterprise")
    assert {"锦希时装", "江淮", "奇瑞", "新奥燃气", "顺和水电"} <= ents
    assert {"自来水公司", "县水电公司"} <= ents  # the local utility is a firm (gold of the samples, v2)


def test_subject_of_joint_research_is_a_project():
    f = extract_text("组织中国科学院合肥物质科学研究院与安徽映山红博览园文化发展股份有限公司就映山红(杜鹃花)新品种培育及综合开发利用开展研究。"
                     "与企业就有关问题开展研究。")
    assert "映山红(杜鹃花)新品种培育及综合开发利用" in names(f, "Project")
    assert ("安徽映山红博览园文化发展股份有限公司", "映山红(杜鹃花)新品种培育及综合开发利用") in rels(f, "undertakes")
    assert not any("问题" in p for p in names(f, "Project"))


def test_project_built_at_a_place_is_located_there():
    f = extract_text("XX县经科委2020年上半年工作总结\n东华软件股份公司投资1亿元在XX建立大数据中心基地。在XX县新建智能装备产业园。")
    located = rels(f, "locatedIn")
    assert ("大数据中心基地", "XX县") in located and ("智能装备产业园", "XX县") in located


def test_counted_projects_are_kinds_not_projects():
    f = extract_text("共统筹国网供电XX公司、县水电公司建设农网改造项目40个。其中与中粮集团意向合作项目3个。"
                     "列入省市重大产品创新项目5个。实施安徽圣桑年产5000吨桑椹果汁项目。")
    projects = names(f, "Project")
    assert not any(p.endswith(("农网改造项目", "意向合作项目")) for p in projects)
    assert "省市重大产品创新项目" in names(f, "Program")  # a provincial list, counted or not
    assert any("桑椹果汁项目" in p for p in projects)


def test_counts_and_lists_of_other_things_are_not_enterprise_names():
    f = extract_text("全年区级层面共解决5家企业历史遗留问题。市经信局下达的任务是净增4家规上企业。区属32家规上工业企业生产平稳。"
                     "通过现场查看、调阅资料、座谈交流等方式详细了解企业生产经营状况。协调全市口罩、医用防护服、消毒液等疫情防控物资生产企业。"
                     "第二批26家申报企业正在考核。力争建设5G基站450个。开展新型产业科技工人的学习与培训工程。民间投资、基础设施投资分别增长14.6%、17.9%。"
                     "新增捷力泰、迈锐客13家规模工业企业。")
    ents = names(f, "Enterprise")
    assert {"捷力泰", "迈锐客"} <= ents
    assert not ents & {"全年区级层面共解决", "净增", "区属", "现场查看", "调阅资料", "座谈交流", "口罩", "医用防护服",
                       "第二批", "力争建设", "培训工程", "民间投资"}, ents


def test_dates_verbs_and_function_words_stay_out_of_names():
    f = extract_text("2020年5月人民日报社发布中国县域经济百强榜。打造一批细分行业“隐形冠军”。"
                     "9月27日,潜江市市委副书记、市长龚定荣带领市政数局、市经信局一行调研。成立以市长为组长的领导小组。"
                     "今年预计可获批省级制造业高质量发展专项资金1600万元。")
    assert "人民日报社" in names(f, "Organization") and not any("细分" in n for n in names(f, "Organization"))
    assert "市政数局" in names(f, "GovernmentAgency") and "龚定荣" in names(f, "Person")
    assert "成立以" not in names(f, "Person")
    assert "省级制造业高质量发展专项资金" in names(f, "Program")


def test_modifiers_chains_and_centres_being_built():
    f = extract_text("涉及科技创新、新型基础设施、关键产业发展等领域。新化工、新能源、新特色产业产值分别增长20.6%、25%、10%。"
                     "按照“领军企业—重大项目—产业链—产业集聚—形成基地”的思路。全年争取各类项目资金51亿元。"
                     "拟联合建设“华为(潜江)工业互联网发展中心”。")
    inds = names(f, "Industry")
    assert {"新化工", "新能源"} <= inds and not inds & {"关键", "新型", "新特色"}
    projects = names(f, "Project")
    assert "华为(潜江)工业互联网发展中心" in projects
    assert not any("—" in p or "各类" in p or p == "形成基地" for p in projects | names(f, "Program"))


def test_townships_in_general_and_batches_are_not_names():
    f = extract_text("区经信局会同乡镇、街道对全区企业进行摸排,督促乡镇落实责任。年初投入一批技改项目。推动区属技改。温泉镇西营村发展民宿。")
    assert names(f, "Region") >= {"温泉镇", "西营村"} and not any(r.endswith("乡") for r in names(f, "Region"))
    assert not any("一批" in p or p.startswith("区属") for p in names(f, "Project"))


def test_quoted_brands_and_spirits_are_not_programs_and_conjunctions_do_not_join_names():
    f = extract_text("借助“潜江虾稻”品牌影响力。弘扬服务企业“店小二”精神。深化“四送一服”。"
                     "9家金融机构代表与企业代表及投资公司等市场主体签订协议。组织华为技术有限公司参展。")
    progs = names(f, "Program")
    assert "四送一服" in progs and not progs & {"潜江虾稻", "店小二"}
    ents = names(f, "Enterprise")
    assert "华为技术有限公司" in ents and not any(e.startswith("表及") for e in ents)
