"""Enterprise, Person and Project extraction: mechanisms of round 2 (invented excerpts)."""

from .conftest import extract_text, names


def test_title_name_before_taking_office():
    f = extract_text("成立工作领导小组,副县长李明辉担任组长、局长周建兵担任副组长,成员有各镇分管领导。")
    people = {e.name: e.aliases for e in f.entities if e.type == "Person"}
    assert {"李明辉", "周建兵"} <= set(people)
    assert "副县长李明辉" in people["李明辉"]


def test_speaker_under_speech_title():
    f = extract_text("关于某区科学技术和信息化局的工作报告\n\n某区科学技术和信息化局局长 赵 强\n\n主任、各位委员:\n我代表本局报告工作。")
    assert "赵强" in names(f, "Person")
    f = extract_text("全局干部职工 团结一心\n局长 讲话稿\n")
    assert not names(f, "Person")


def test_sum_before_verb_is_no_firm_and_anonymised_project_kept():
    f = extract_text("与X云石材集团有限公司就投资X亿元建设X石材产业园项目签订正式协议。与X农旅集团有限公司就投资X亿元打造X康养小镇签订协议。")
    assert "亿元建设" not in names(f, "Enterprise")
    assert {"X石材产业园项目", "X康养小镇"} <= names(f, "Project")


def test_list_of_firm_shaped_names_is_a_list_of_firms():
    text = "引进了湖北云能物流、华能湖北清洁能源、湖北广林新能源、星辰新能源、……,但链条仍短。"
    f = extract_text(text)
    assert {"湖北云能物流", "华能湖北清洁能源", "湖北广林新能源", "星辰新能源"} <= names(f, "Enterprise")
    f = extract_text("通过工业转型升级、智慧城市建设和新业态、制造业电子商务、中小微企业发展、节能、基础设施建设等重点专项扶持。")
    assert not names(f, "Enterprise")


def test_place_used_as_trade_name_is_no_project_owner():
    # 广丰 is also a place: the firm's stem is not the bare trade word 新能源
    f = extract_text("引导新建新能源液化天然气项目,引进了江西广丰新能源、星辰新能源、湖北云能物流等企业。")
    assert "江西广丰新能源" in names(f, "Enterprise")
    assert not any(r.rel == "undertakes" for r in f.relations)


def test_local_utility_firms():
    f = extract_text("共统筹国网供电某某公司、县水电公司建设农网改造项目40个。优先推进自来水公司、新源燃气、顺达水电等企业复工。")
    assert {"县水电公司", "自来水公司"} <= names(f, "Enterprise")
    f = extract_text("各燃气公司要落实安全责任,督促供电公司保障用电。")
    assert not names(f, "Enterprise")


def test_figures_cited_in_speeches():
    f = extract_text("要大力弘扬邓稼先、华罗庚等老一辈科学家的爱国精神,坚持以马克思主义为指导。")
    people = names(f, "Person")
    assert {"邓稼先", "华罗庚"} <= people
    assert "马克思" not in people
