"""Turn raw report bytes into clean simplified-Chinese text.

Every extractor sees only the output of :func:`normalize`, and evidence offsets
in the graph point into it, so this module decides what "the text" of a report
is: decoded, pinyin readings removed, mojibake repaired where recognisable,
traditional script converted, and web-page chrome dropped.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DecodeError", "Decoded", "decode_bytes", "normalize", "normalize_text", "html_to_text"]


class DecodeError(ValueError):
    """The bytes are not a text report (binary data, or empty)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # undecodable sequences and lone surrogates replaced by U+FFFD


def _finish(text: str, encoding: str) -> Decoded:
    if _has_surrogates(text):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
    return Decoded(text, encoding, text.count("\ufffd"))


_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x7fELF")


def decode_bytes(data: bytes) -> Decoded:
    """Decode report bytes: BOMs, UTF-8, UTF-16 without BOM, then GB18030.

    Raises :class:`DecodeError` for empty or binary input rather than
    producing garbage that would yield garbage entities.
    """
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith(_BINARY_MAGIC):
        raise DecodeError("binary file (not text)")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _finish(data.decode(enc, errors="replace"), enc)
    sample = data[:4096]
    nul = sample.count(0)
    if nul > len(sample) // 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > even * 2:
            return _finish(data.decode("utf-16-le", errors="replace"), "utf-16-le")
        if even > odd * 2:
            return _finish(data.decode("utf-16-be", errors="replace"), "utf-16-be")
        raise DecodeError("binary file (not text)")
    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few bad sequences (encoded surrogates, truncation) stays UTF-8;
    # GBK read as UTF-8 fails almost everywhere
    lossy = data.decode("utf-8", errors="replace")
    non_ascii = sum(1 for b in data if b >= 0x80)
    if lossy.count("\ufffd") * 10 < non_ascii:
        return _finish(lossy, "utf-8")
    try:
        return _finish(data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError:
        pass
    if lossy.count("\ufffd") > len(lossy) // 10:
        raise DecodeError("binary file (undecodable bytes)")
    return _finish(lossy, "utf-8")


# --- HTML ------------------------------------------------------------------

_DROP_ELEMENTS = re.compile(r"<(script|style|noscript|head)\b.*?</\1\s*>", re.S | re.I)
_BLOCK_TAGS = re.compile(r"<\s*/?\s*(p|div|br|li|tr|h[1-6]|table|section|article|ul|ol)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Extract the readable text of an HTML page, one block per line."""
    markup = _DROP_ELEMENTS.sub(" ", markup)
    markup = re.sub(r"<!--.*?-->", " ", markup, flags=re.S)
    markup = _BLOCK_TAGS.sub("\n", markup)
    markup = _TAGS.sub("", markup)
    return html.unescape(markup)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


# --- pinyin readings and mojibake --------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
_PY = rf"[a-zü{_TONED}]{{1,7}}"
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A reading inserted after a Han character: 經(jīng)  -- tone marks make it certain.
_READING_TONED = re.compile(rf"(?<=[{_CJK}?])\((?=[a-zü]*[{_TONED}])({_PY})\)")
# Unmarked (neutral tone) readings are only removed when the document clearly
# carries readings, so real brackets such as (app) survive elsewhere.
_READING_PLAIN = re.compile(rf"(?<=[{_CJK}])\(([a-zü]{{1,6}})\)")
# GBK double-byte characters whose lead byte was lost show as '?' (and stray
# ASCII) followed by the trail byte; the reading right after tells which one.
_MOJIBAKE = re.compile(rf"\?+[,.]?([\x40-\x7e])\((?=[a-zü]*[{_TONED}])({_PY})\)")


def _char_for(trail: str, reading: str) -> str | None:
    """The GBK character with trail byte ``trail`` (the first lead byte up)
    that reads ``reading``."""
    return _readings_with_trail(trail).get(reading)


@lru_cache(maxsize=256)
def _readings_with_trail(trail: str) -> dict[str, str]:
    """reading -> the first GBK character (by lead byte) with trail byte
    ``trail`` that has it: one pass over the lead bytes per trail byte, not
    one per (trail, reading) pair."""
    from pypinyin import Style, pinyin

    out: dict[str, str] = {}
    for lead in range(0x81, 0xFF):
        try:
            ch = bytes([lead, ord(trail)]).decode("gbk")
        except UnicodeDecodeError:
            continue
        for r in pinyin(ch, style=Style.TONE, heteronym=True)[0]:
            out.setdefault(r, ch)
    return out


def _repair_mojibake(text: str) -> str:
    def fix(m: re.Match[str]) -> str:
        ch = _char_for(m.group(1), m.group(2))
        return ch if ch else m.group(0)

    return _MOJIBAKE.sub(fix, text) if "?" in text else text


def strip_readings(text: str) -> str:
    """Remove pinyin readings inserted after characters, keep real brackets."""
    text, n = _READING_TONED.subn("", text)
    if n >= 3:
        text = _READING_PLAIN.sub("", text)
    return text


# --- script conversion ------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


# --- web-page chrome ------------------------------------------------------------------

_CHROME_LINE = re.compile(
    r"^\s*(?:[•·]\s*)?(?:"
    r"您(?:现在)?(?:所在|当前)的?位置|当前位置|首页\s*>|分享到|扫一扫|打印本页|关闭窗口|【?\s*打印|"
    r"\*?\s*姓\s*名\s*[::]|\*?\s*联系方式\s*[::]|\*?\s*内\s*容\s*[::]|\*?\s*验\s*证\s*码|"
    r"为进一步了解掌握社会公众对政策执行效果|相关链接|上一篇|下一篇|【\s*字体"
    r")"
)
_CHROME_FRAGMENT = re.compile(r"(?:文字大小|字体|背景色)\s*[::].*$|【\s*字体[::].*$|\s*打印\s*$")


def drop_chrome(text: str) -> str:
    """Drop navigation, share buttons and feedback forms of scraped pages."""
    out = []
    for line in text.split("\n"):
        if _CHROME_LINE.match(line):
            continue
        # every fragment holds one of these words: the regex (no literal prefix) runs only there
        if "字体" in line or "打印" in line or "文字大小" in line or "背景色" in line:
            line = _CHROME_FRAGMENT.sub("", line)
        out.append(line.rstrip())
    return "\n".join(out)


# --- entry points -------------------------------------------------------------------

_SPACES = re.compile(r"[^\S\n]+")
_FULLWIDTH = str.maketrans({"\uff08": "(", "\uff09": ")", "\uff1a": ":", "\uff0c": ",", "\uff1b": ";", "\uff1f": "?",
                            "\uff05": "%", "\uff0e": ".", "\uff0d": "-", "\uff0b": "+", "\uff5e": "~", "\uff0f": "/",
                            "\uff01": "!",
                            **{chr(0xFF10 + i): str(i) for i in range(10)},
                            **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                            **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}})


_FULLWIDTH_PAIRS = tuple((chr(k), v) for k, v in _FULLWIDTH.items())


def _halfwidth(text: str) -> str:
    """``text.translate(_FULLWIDTH)``, 6x faster on CJK text: a dict-table
    translate looks up every character, str.replace scans in C."""
    for full, half in _FULLWIDTH_PAIRS:
        if full in text:
            text = text.replace(full, half)
    return text


# control characters (Cc) but tab and newline, lone surrogates (Cs), private use (Co)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def normalize_text(text: str) -> str:
    """Normalise decoded text: the text that extractors and evidence use."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # lone surrogates and other unencodable code points cannot be written out
    text = text.encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace") if _has_surrogates(text) else text
    text = _CONTROL.sub("", text)
    if looks_like_html(text):
        text = html_to_text(text)
    text = _halfwidth(text)
    text = _repair_mojibake(text)
    text = strip_readings(text)
    text = to_simplified(text)
    text = drop_chrome(text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip() + "\n"


def normalize(data: bytes) -> str:
    """Bytes of a report file -> normalised text (raises DecodeError)."""
    return normalize_text(decode_bytes(data).text)
