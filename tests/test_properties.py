"""Property tests: any text or bytes through the normaliser and every extractor."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.normalize import DecodeError, normalize, normalize_text

# Chinese report vocabulary mixed with arbitrary Unicode, so rules actually fire
WORDS = st.sampled_from(["有限公司", "集团", "县经信局", "“四送一服”", "《关于", "》", "(大办〔2020〕2号)", "项目", "、",
                         "等5家企业", "亿元", "万元", "同比增长", "%", "1-6月", "镇", "村", "市长", "江", "(", ")", "。", "\n",
                         "安徽", "淮南市", "XX县", "申报", "获评", "专精特新", "与", "合作", "收购", "由", "接收"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=60).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=400))
def test_normalize_never_crashes_on_bytes(data):
    try:
        out = normalize(data)
    except DecodeError:
        return
    out.encode("utf-8")  # always writable


@SETTINGS
@given(TEXT)
def test_extractors_offsets_inside_text_and_evidence_matches(raw):
    text = normalize_text(raw)
    facts = extract(text, "p.txt")
    n = len(text)
    for e in facts.entities:
        assert e.name
        for s, t in e.mentions:
            assert 0 <= s < t <= n
    for a in facts.amounts:
        assert 0 <= a.start < a.end <= n and text[a.start : a.end] == a.text
    for o in facts.observations:
        assert 0 <= o.start < o.end <= n
    for r in facts.relations:
        assert 0 <= r.start < r.end <= n
        assert 0 <= r.head < len(facts.entities) and 0 <= r.tail < len(facts.entities)
    for s0, s1 in facts.sentences:
        assert 0 <= s0 < s1 <= n


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("ab  \u3000\n\t中,(1１（，")), max_size=40))
def test_char_tokenizer_one_token_per_character_and_text_round_trips(text):
    from kg.extract import pipeline

    doc = pipeline().make_doc(text)
    assert doc.text == text
    # a space right after a non-whitespace character is its trailing space; any other character is a token
    expected = [ch for i, ch in enumerate(text) if not (ch == " " and i > 0 and not text[i - 1].isspace())]
    assert [t.text for t in doc] == expected


@SETTINGS
@given(st.text(alphabet=st.one_of(st.sampled_from([chr(0xFF01 + i) for i in range(94)]), st.characters()), max_size=40))
def test_halfwidth_folding_is_the_translate_table(text):
    from kg.normalize import _FULLWIDTH, _halfwidth

    assert _halfwidth(text) == text.translate(_FULLWIDTH)
