"""Name boundaries shared by every extractor: a bracket inside a name is part of
it, an enumerator or a gloss before a name is not (raw reports write full-width
brackets, which the normaliser now folds to the ASCII the patterns read)."""

from extractors.base import name_run

from .conftest import extract_text, names


def test_name_run_keeps_a_bracket_inside_a_name():
    text = ",华为(青川)工业互联网中心"
    assert text[name_run(text, len(text)) :] == "华为(青川)工业互联网中心"


def test_name_run_stops_after_an_enumerator_or_a_gloss():
    text = "(三)前期项目"
    assert text[name_run(text, len(text)) :] == "前期项目"
    text = "鑫源化工有限公司(简称鑫源化工)年产5万吨甲醇项目"
    assert text[name_run(text, len(text), 40) :] == "年产5万吨甲醇项目"


def test_gloss_in_full_width_brackets_is_no_part_of_the_project():
    f = extract_text("敖东工业园区内，鑫源化工有限公司（简称鑫源化工）年产5万吨甲醇项目完成投资3亿元。")
    assert not any(n.startswith(("(", "简称")) for n in names(f, "Project"))
