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
