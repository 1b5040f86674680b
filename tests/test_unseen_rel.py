"""Mechanisms that carry to unseen reports (issue 12): short forms of a report's own firms,
centres being built as projects, relation cues. Excerpts are invented, in the genre's style."""

from __future__ import annotations

from tests.conftest import extract_text


def _ents(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.name) for e in extract_text(text).entities}


def _rels(text: str) -> set[tuple[str, str, str]]:
    f = extract_text(text)
    return {(f.entities[r.head].name, r.rel, f.entities[r.tail].name) for r in f.relations}


def test_short_form_without_trailing_trade_words_is_a_mention():
    # 青禾钢构科技 -> 青禾钢构: the firm's own short form links it to the university
    text = "青禾钢构科技股份有限公司入选绿色工厂。支持青禾钢构与北岭工业大学共建钢结构研发中心。"
    rels = _rels(text)
    assert ("青禾钢构科技股份有限公司", "cooperatesWith", "北岭工业大学") in rels
    assert ("青禾钢构科技股份有限公司", "undertakes", "钢结构研发中心") in rels


def test_shared_short_form_is_ambiguous_and_left_alone():
    from extractors.resolver import short_forms

    assert "青禾钢构" in short_forms("青禾钢构科技股份有限公司")
    text = "青禾钢构科技股份有限公司和青禾钢构装备有限公司均已投产。青禾钢构获评绿色工厂。"
    f = extract_text(text)
    firms = [e for e in f.entities if e.type == "Enterprise"]
    assert not any("青禾钢构" in e.aliases for e in firms)


def test_centre_built_by_partners_is_a_project_not_an_organization():
    text = "支持云杉丝绸科技与东湖理工大学共建丝绸新材料研究院。"
    ents = _ents(text)
    assert ("Project", "丝绸新材料研究院") in ents
    assert ("Organization", "东湖理工大学") in ents
    assert not any(t == "Organization" and "共建" in n for t, n in ents)


def test_centre_under_construction_after_its_name():
    ents = _ents("一、项目建设。白桦物流园区冷链物流中心加快建设,进展顺利。")
    assert ("Project", "白桦物流园区冷链物流中心") in ents


def test_leveled_honour_centre_is_not_a_project():
    ents = _ents("支持企业建设省级企业技术中心,全年新增3家。")
    assert not any(t == "Project" for t, _n in ents)


def test_known_firm_name_wins_over_the_place_it_starts_with():
    text = "引进锦城新材、天河瑞雪乳业等8家企业落户园区。晨曦食品、天河瑞雪乳业入选专精特新中小企业名单。"
    rels = _rels(text)
    assert ("天河瑞雪乳业", "participatesIn", "专精特新") in rels


def test_cooperation_with_a_list_of_partners():
    text = "推动白鹭新能源科技有限公司与西岭交通大学、东川动力研究院开展产学研合作。"
    rels = _rels(text)
    assert ("白鹭新能源科技有限公司", "cooperatesWith", "西岭交通大学") in rels
    assert ("白鹭新能源科技有限公司", "cooperatesWith", "东川动力研究院") in rels


def test_joint_tackling_is_cooperation():
    rels = _rels("青峦精密机械有限公司与北岭大学开展技术攻关。")
    assert ("青峦精密机械有限公司", "cooperatesWith", "北岭大学") in rels


def test_planned_purchase_is_an_acquisition():
    rels = _rels("云帆新材料有限公司拟收购东岸宏达塑胶有限公司。")
    assert ("东岸宏达塑胶有限公司", "acquiredBy", "云帆新材料有限公司") in rels


def test_shortlisted_is_participation():
    rels = _rels("浙南明光皮革股份有限公司入围中国民营企业500强。")
    assert ("浙南明光皮革股份有限公司", "participatesIn", "中国民营企业500强") in rels


def test_project_started_in_a_zone_is_located_there():
    rels = _rels("四川白沙新能源科技有限公司年产10GWh储能电池项目在德阳经济技术开发区开工建设,总投资45亿元。")
    assert any(r == "locatedIn" and t == "德阳经济技术开发区" for _h, r, t in rels)


def test_park_named_after_place_and_trade_names_no_firm():
    f = extract_text("其中青松玻璃新材料产业园、云阳汽车零部件产业园要加快基础设施建设。")
    assert not any(e.type == "Enterprise" for e in f.entities)
    assert not f.relations


def test_firm_named_elsewhere_still_undertakes_its_park():
    rels = _rels("白杨药业获评专精特新企业。白杨药业中药饮片产业园一期竣工。")
    assert ("白杨药业", "undertakes", "白杨药业中药饮片产业园") in rels


def test_facility_project_keeps_its_project_word():
    f = extract_text("推动以下重点项目建设:东方红农机装备有限公司大马力拖拉机智能工厂项目,确保年内投产。")
    projects = {n for e in f.entities if e.type == "Project" for n in (e.name, *e.aliases)}
    assert "大马力拖拉机智能工厂项目" in projects
    assert {e.name for e in f.entities if e.type == "Enterprise"} == {"东方红农机装备有限公司"}


def test_enumerator_heading_is_no_project():
    f = extract_text("二、重点工作。(一)项目建设。一要抓项目,二要抓主体。")
    assert not any(e.type == "Project" for e in f.entities)


def test_autonomous_region_level_opens_an_agency():
    ents = _ents("落实自治区工业和信息化厅印发的有关方案。")
    assert ("GovernmentAgency", "自治区工业和信息化厅") in ents


def test_two_trade_words_are_no_firm():
    ents = _ents("对设备投资500万元以上的技改项目给予补助。")
    assert not any(t == "Enterprise" for t, _n in ents)


def test_stock_exchange_short_name_is_an_organization():
    assert ("Organization", "深交所") in _ents("凤栖新材在深交所创业板上市,募集资金12.6亿元。")


def test_clause_without_subject_goes_on_with_the_firm():
    text = "推动青田农机装备有限公司在东湖经济开发区建设农机研究院,与北岭农业大学共建农机装备创新中心。"
    rels = _rels(text)
    assert ("青田农机装备有限公司", "cooperatesWith", "北岭农业大学") in rels
    assert ("青田农机装备有限公司", "undertakes", "农机装备创新中心") in rels
    assert ("青田农机装备有限公司", "undertakes", "农机研究院") in rels


def test_parallel_partner_clauses_do_not_cooperate_with_each_other():
    text = "其中与丰禾集团意向合作项目3个,与中远建设集团意向合作项目1个,与华岭集团意向合作项目4个。"
    rels = _rels(text)
    assert not any(r == "cooperatesWith" for _h, r, _t in rels)


def test_firms_settling_in_the_park_named_earlier():
    text = "石桥工业园区完成基础设施投资2.3亿元,引进江北恒润新能源股份有限公司、青田瑞雪乳业等8家企业落户园区。"
    rels = _rels(text)
    assert ("江北恒润新能源股份有限公司", "locatedIn", "石桥工业园区") in rels


def test_directing_verb_is_not_part_of_the_firm_name():
    rels = _rels("认定翠松科技等5家企业为省级企业技术中心。")
    assert ("翠松科技", "participatesIn", "企业技术中心") in rels


def test_two_firm_shaped_items_are_a_list_of_firms():
    rels = _rels("推荐翠松科技、银鹭电子申报国家技术创新示范企业。")
    assert ("银鹭电子", "participatesIn", "技术创新示范企业") in rels
    assert ("翠松科技", "participatesIn", "技术创新示范企业") in rels


def test_short_names_around_a_cooperation_cue_are_parties():
    assert ("银鹭电子", "cooperatesWith", "清远大学") in _rels("银鹭电子与清远大学签署战略合作协议。")
    rels = _rels("翠松科技与银鹭电子达成战略合作。")
    assert ("翠松科技", "cooperatesWith", "银鹭电子") in rels or ("银鹭电子", "cooperatesWith", "翠松科技") in rels


def test_coordinated_partner_with_a_level_is_cut_off():
    ents = _ents("翠松科技和省农科院建立产学研合作关系。")
    assert ("Organization", "省农科院") in ents
    assert ("Enterprise", "翠松科技") in ents


def test_purchase_written_with_dui():
    rels = _rels("华岳医药集团完成对丹枫药业有限公司的并购重组。")
    assert ("丹枫药业有限公司", "acquiredBy", "华岳医药集团") in rels


def test_count_after_the_last_list_item_is_cut():
    ents = _ents("引进了江岸化纤、海岳新材、北屿光伏3个项目。")
    assert {("Enterprise", "江岸化纤"), ("Enterprise", "海岳新材"), ("Enterprise", "北屿光伏")} <= ents


def test_federation_of_industry_and_commerce_is_an_organization():
    assert ("Organization", "县工商联") in _ents("县工商联、县个体劳动者协会联合举办民营企业座谈会。")


def test_honour_verb_before_the_firm():
    rels = _rels("授予翠松科技有限公司“县长质量奖”称号。")
    assert ("翠松科技有限公司", "participatesIn", "县长质量奖") in rels


def test_builder_verb_is_not_part_of_the_project_name():
    ents = _ents("由翠松科技有限公司承建的智慧仓储物流项目顺利完工。")
    assert ("Project", "智慧仓储物流项目") in ents


def test_firm_short_name_opening_a_listed_project_undertakes_it():
    rels = _rels("列入2023年省重点项目的有:翠松科技年产5万吨新材料项目、银鹭电子智能终端项目。")
    assert ("翠松科技", "undertakes", "翠松科技年产5万吨新材料项目") in rels


def test_elided_subject_builds_in_a_zone():
    rels = _rels("华岳医药集团与县政府签订投资协议,在红石开发区建设医药产业园。")
    assert ("华岳医药集团", "undertakes", "医药产业园") in rels


def test_controlling_purchase():
    rels = _rels("翠松科技有限公司控股收购宁海远景化工有限公司。")
    assert ("宁海远景化工有限公司", "acquiredBy", "翠松科技有限公司") in rels


def test_leaders_listed_after_lingdao_are_people():
    ents = _ents("市领导陈海川、林晓雁、欧阳明分别联系重点企业。")
    assert {("Person", "陈海川"), ("Person", "林晓雁"), ("Person", "欧阳明")} <= ents


def test_name_after_a_title_and_colon():
    assert ("Person", "马文斌") in _ents("区工信局局长:马文斌\n")


def test_surname_and_title_after_an_agency_is_no_agency_name():
    ents = _ents("在省工信厅李厅长的带领下,调研组走访了12家企业。")
    assert ("GovernmentAgency", "省工信厅") in ents
    assert not any("李厅" in n for _t, n in ents)


def test_firm_before_its_chairman():
    assert ("Enterprise", "翠松科技") in _ents("翠松科技董事长黄志强介绍了企业发展情况。")


def test_bodies_opening_a_title_issue_it():
    rels = _rels("落实《中共东湖县委 东湖县人民政府关于促进民营经济发展壮大的意见》。")
    issuers = {t for _h, r, t in rels if r == "issuedBy"}
    assert len(issuers) == 2


def test_forwarded_document_is_not_issued_by_the_forwarded_body():
    rels = _rels("认真落实《转发市安委会关于推进企业落实安全生产主体责任的通知》。")
    assert not any(r == "issuedBy" for _h, r, _t in rels)


def test_general_office_of_a_national_body():
    assert ("GovernmentAgency", "国务院办公厅") in _ents("国务院办公厅印发的有关意见要求各地抓好落实。")


def test_firm_stem_without_place_and_legal_form_is_a_mention():
    text = "湖北鄂东石材股份有限公司入选绿色工厂。鄂东石材与北岭建材科学研究院签订技术合作协议。"
    rels = _rels(text)
    assert ("湖北鄂东石材股份有限公司", "cooperatesWith", "北岭建材科学研究院") in rels


def test_listed_project_named_after_another_firm_is_not_the_subjects():
    text = ("产值排名前三的企业分别为:北燕乳业有限公司、雪杉木业、南川米业。"
            "北燕乳业年产10万吨液态奶扩建项目、雪杉木业定制家居智能工厂项目进展顺利。")
    rels = _rels(text)
    assert ("北燕乳业有限公司", "undertakes", "雪杉木业定制家居智能工厂项目") not in rels
    assert ("雪杉木业", "undertakes", "雪杉木业定制家居智能工厂项目") in rels


def test_expansion_verb_before_a_named_project_is_no_project():
    ents = _ents("推动苗岭酒业扩建年产5000吨酱香白酒项目尽快投产。")
    assert not any(t == "Project" and n.endswith("扩建") for t, n in ents)
    assert any(t == "Project" and "酱香白酒项目" in n for t, n in ents)


def test_project_already_started_in_a_park():
    rels = _rels("新引进的北疆寒地药业有限公司中药饮片加工项目已在宁远工业园区开工建设。")
    assert any(r == "locatedIn" and t == "宁远工业园区" for _h, r, t in rels)


def test_firms_after_qizhong_take_part_in_the_counted_honour():
    rels = _rels("新增高新技术企业12家,其中翠松科技、银鹭电子为首次认定。")
    assert ("银鹭电子", "participatesIn", "高新技术企业") in rels
    assert ("翠松科技", "participatesIn", "高新技术企业") in rels


def test_bracketed_level_note_keeps_a_list_of_firms_together():
    rels = _rels("翠松科技(国家级)、银鹭电子(省级)获评绿色工厂。")
    assert ("翠松科技", "participatesIn", "绿色工厂") in rels


def test_rural_credit_cooperative_is_an_organization():
    assert ("Organization", "县农信社") in _ents("县农商行、县农信社加大信贷投放。")


def test_bank_branch_co_authoring_a_title_is_an_organization():
    ents = _ents("按照《省经济和信息化厅 建行东湖省分行 关于合作推进“企业氧舱”建设的通知》要求,我局积极推进。")
    assert ("Organization", "建行东湖省分行") in ents


def test_place_followed_by_a_river_word_is_not_stripped_from_a_firm_stem():
    from extractors.resolver import enterprise_stem

    assert enterprise_stem("贵州清水江磷化工有限公司") == "清水江磷化工"
    rels = _rels("贵州清水江磷化工有限公司被云岭化工集团兼并重组。推动苗岭酒业扩建年产5000吨白酒项目、"
                 "清水江磷化工新能源材料项目尽快投产。")
    assert ("苗岭酒业", "undertakes", "清水江磷化工新能源材料项目") not in rels
    assert ("贵州清水江磷化工有限公司", "undertakes", "清水江磷化工新能源材料项目") in rels


def test_list_counted_as_industries_names_no_firm():
    ents = _ents("抓好磷化工、酱香白酒、民族医药三大特色产业。")
    assert not any(t == "Enterprise" for t, _n in ents)


def test_renovation_subsidy_is_no_project():
    ents = _ents("市经信局联合印发文件,明确技改补助标准。")
    assert not any(t == "Project" for t, _n in ents)


def test_firm_investing_in_a_plant_in_a_town_is_located_there():
    assert ("华岳医药集团", "locatedIn", "石桥镇") in _rels("华岳医药集团在石桥镇投资建厂。")


def test_firms_newly_settled_in_a_named_zone():
    rels = _rels("今年以来,石桥经济开发区新入驻翠松科技、银鹭电子等企业12家。")
    assert ("翠松科技", "locatedIn", "石桥经济开发区") in rels
    assert ("银鹭电子", "locatedIn", "石桥经济开发区") in rels


def test_site_verb_ends_a_project_name():
    ents = _ents("引进的华岳医药集团年产5万吨原料药项目选址红石工业园。")
    assert any(t == "Project" and n.endswith("原料药项目") for t, n in ents)
    assert not any("选址" in n for _t, n in ents)
