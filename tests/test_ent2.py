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
