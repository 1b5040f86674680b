import pytest

from kg.normalize import DecodeError, decode_bytes, normalize, normalize_text, strip_readings

from .conftest import SEEDS


def test_pinyin_readings_removed_real_brackets_kept():
    assert strip_readings("經(jīng)科委工作總(zǒng)結(jié)") == "經科委工作總結"
    text = "大通工业园区(含上窑工业集聚区),方案(2022—2025年)"
    assert strip_readings(text) == text


def test_unmarked_readings_only_where_the_document_has_readings():
    assert strip_readings("新的(app)平台") == "新的(app)平台"
    assert strip_readings("經(jīng)科(kē)委(wěi)的(de)") == "經科委的"


def test_traditional_to_simplified_and_mojibake():
    out = normalize_text("邁出堅(jiān)實(shí)步伐?,F(xiàn)將2020年上半年工作總(zǒng)結(jié)")
    assert out.strip() == "迈出坚实步伐现将2020年上半年工作总结"


def test_sample_001_title_and_no_readings():
    text = normalize((SEEDS / "001_0bfc87de46fbd8a2.txt").read_bytes())
    assert text.startswith("经科委2020上半年工作总结及下半年工作计划")
    assert "(jīng)" not in text and "(zhǎn)" not in text


def test_sample_000_keeps_brackets_and_drops_chrome():
    text = normalize((SEEDS / "000_3bb81f7f92e855c0.txt").read_bytes())
    assert "(含上窑工业集聚区)" in text
    assert "验 证 码" not in text and "文字大小" not in text and "社会公众对政策执行效果" not in text


def test_chrome_lines_dropped():
    raw = "您现在所在的位置 : 首页 > 政务公开\n分享到:\n正文第一句。\n扫一扫在手机打开当前页\n"
    assert normalize_text(raw) == "正文第一句。\n"


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "utf-16-le"])
def test_decodes_common_encodings(enc):
    text = "县经信局2020年工作总结:规上工业增加值增长7.1%。" * 3
    data = text.encode(enc)
    assert decode_bytes(data).text.lstrip("\ufeff") == text


@pytest.mark.parametrize("data", [b"", b"   \n", b"%PDF-1.4\n%\xe2\xe3", b"\x89PNG\r\n\x1a\n\x00\x00\x00"])
def test_empty_and_binary_rejected(data):
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_html_page_text_extracted():
    page = "<html><head><script>var x='四送一服';</script></head><body><p>区经信局推进“四送一服”。</p></body></html>"
    out = normalize_text(page)
    assert "区经信局推进“四送一服”。" in out and "var x" not in out


def test_traditional_script_report_gives_the_same_entities():
    import opencc

    from kg.extract import extract

    raw = (SEEDS / "000_3bb81f7f92e855c0.txt").read_text(encoding="utf-8")
    trad = opencc.OpenCC("s2t").convert(raw)
    a = extract(normalize(raw.encode("utf-8")), "a.txt")
    b = extract(normalize(trad.encode("big5", errors="ignore").decode("big5").encode("utf-8")), "a.txt")
    assert {(e.type, e.name) for e in a.entities} == {(e.type, e.name) for e in b.entities}


def test_fullwidth_punctuation_folded_to_the_ascii_the_extractors_read():
    # raw reports write ,():; full width; the extractors' patterns are written for the ASCII forms
    assert normalize_text("某某公司（简称某某）：产值1，2亿元；增长5％！\n") == "某某公司(简称某某):产值1,2亿元;增长5%!\n"
