"""Program, Industry and Region extraction (round 2): invented excerpts in the genre's style."""

from .conftest import extract_text, names


def test_industries_listed_with_figures_in_brackets():
    f = extract_text("前三季度,重点行业中,纺织(12.5%)、电气机械(8.1%)、有色(7 %)等行业增长较快。")
    assert {"纺织", "电气机械", "有色"} <= names(f, "Industry")
