"""People: a surname-led name fused with a title (江春生县长, 市长龚定荣), and
nationally known figures a speech names (焦裕禄)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, alternation, doc_text
from .lexicon import CJK, COMPOUND_SURNAMES, LEFT_TRIGGERS, SURNAMES, TITLES, word_list

_TITLE = alternation(TITLES)
_SUR = rf"(?:{'|'.join(COMPOUND_SURNAMES)}|[{SURNAMES}])"
# characters that do not occur in given names but do in places and bodies
_NOT_GIVEN = set("区县市省局委办厅部院司处科所镇乡村党组会政府长副常务主任记书的和与在是了企业工作")
_FUNCTION_END = set("以为由对将把被向与和及等在了的之其")
_NAME_TITLE_CTX = re.compile(rf"({_SUR}[{CJK}]{{1,2}})(同志)?({_TITLE})")
_TITLE_NAME = re.compile(rf"({_TITLE})({_SUR}[{CJK}]{{1,2}})(?=[,。、;:(\s]|同志|在|到|来|等|一行|率|带队|带领|陪同|出席|主持|参加|深入|调研|视察|指出|强调|要求|"
                         r"对|就|向|为|作|做|讲话|介绍|表示|一同|分别|先后|亲自|实地|莅临|走访|听取|召开|慰问|看望|检查|督导|督查|考察|会见|宣布|提出|担任|兼任)")
# the speaker under a speech's title: 某某局局长 王 某 (a two-character name padded with a space), alone on its line
_SPEAKER = re.compile(rf"(?:{_TITLE})[ \t\u3000]+({_SUR}(?:[ \u3000]?[{CJK}]){{1,2}})[ \t\u3000]*(?=\n|$)")

# 王某某同志: a three-character name the text calls comrade
_COMRADE = re.compile(rf"(?<![{CJK}])({_SUR}[{CJK}]{{2}})同志")
_NOT_COMRADE = re.compile(r"^(?:全体|各位|广大|有关|青年|老干|党员|干部|基层|女|男)")
# the people a web page credits: 记者 王某某, 编辑:李某, 联系人:张某某
_BYLINE = re.compile(rf"(?:记者|通讯员|作者|撰稿|供稿|编辑|责任编辑|审核|校对|联系人|摄影|摄)[::\s]\s*({_SUR}[{CJK}]{{1,2}})(?=[\s,。、;)]|$)")
_BODY_BEFORE = re.compile(r"(?:[省市县区州镇乡旗]委?|党组|党委)$")
_AFTER_TRIGGER = re.compile("(?:" + "|".join(map(re.escape, LEFT_TRIGGERS)) + ")$")
# words a name follows in an interview or a speech: 感谢马某某局长, 请问王局长
_GREETING = ("感谢", "谢谢", "欢迎", "祝贺", "恭喜", "请问", "邀请", "会见", "看望", "慰问", "采访", "专访", "问候", "致敬", "学习")
_AFTER_GREETING = re.compile("(?:" + "|".join(_GREETING) + ")$")
# the leader whose name opens the standard ideological formula
_LEADER = re.compile(rf"({_SUR}[{CJK}]{{2}})(?=新时代中国特色社会主义思想|总书记)")
_KNOWN = re.compile(alternation(word_list("known_people")))
# 市领导陈某某、林某某、欧阳某分别…; 局长:马某某: names listed after 领导 or a title (and a colon)
_LISTED = re.compile(
    rf"(?:领导|{_TITLE})[::]?((?:{_SUR}[{CJK}]{{1,2}}、)*{_SUR}[{CJK}]{{1,2}})"
    rf"(?=[,。;:(\s]|$|同志|等|分别|出席|参加|陪同|一行|带队|主持|讲话)"
)


def _given_ok(name: str) -> bool:
    # nor end in a function word: 成立以市长为组长 has no person 成立以
    return len(name) >= 2 and not any(ch in _NOT_GIVEN for ch in name[1:]) and name[-1] not in _FUNCTION_END \
        and not name.startswith(_GREETING)


@Language.factory("kg_people", default_config={})
class PersonExtractor:
    """Person candidates; the title stays out of the name, the fused form is an alias."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: dict[tuple[int, int], set[str]] = {}
        pos = 0
        while m := _NAME_TITLE_CTX.search(text, pos):
            name = m.group(1)
            s = m.start(1)
            pos = m.end()
            prev = text[s - 1] if s else ""
            if prev and re.match(rf"[{CJK}]", prev) and prev not in "、和与及由对向请在让经为" \
                    and not _AFTER_TRIGGER.search(text[max(0, s - 4) : s]) and not _AFTER_GREETING.search(text[max(0, s - 2) : s]):
                # fused to a preceding word (感谢|李红女士 read as 谢李红): look again one character on
                pos = s + 1
                continue
            if not _given_ok(name):
                continue
            found.setdefault((s, s + len(name)), set()).add(text[s : m.end()])
        for m in _COMRADE.finditer(text):
            if _given_ok(m.group(1)) and not _NOT_COMRADE.match(m.group(1)):
                found.setdefault((m.start(1), m.end(1)), set()).add(m.group(0))
        for m in _BYLINE.finditer(text):
            if _given_ok(m.group(1)):
                found.setdefault((m.start(1), m.end(1)), set())
        for m in _LEADER.finditer(text):
            found.setdefault((m.start(1), m.end(1)), set())
        for m in _TITLE_NAME.finditer(text):
            if _given_ok(m.group(2)):
                # 县委书记张国庆: both the fused form and the one with the bare title
                body = found.setdefault((m.start(2), m.end(2)), set())
                body.add(m.group(0))
                pre = _BODY_BEFORE.search(text, max(0, m.start() - 2), m.start())
                if pre:
                    body.add(text[pre.start() : m.end()])
        for m in _LISTED.finditer(text):
            items = m.group(1).split("、")
            if len(items) < 2 and text[m.start(1) - 1] not in "::":
                continue  # one name right after a title: _TITLE_NAME's case, with its aliases
            pos = m.start(1)
            for it in items:
                if _given_ok(it) and 2 <= len(it) <= 4:
                    found.setdefault((pos, pos + len(it)), set())
                pos += len(it) + 1
        speakers: dict[tuple[int, int], str] = {}
        for m in _SPEAKER.finditer(text):
            name = re.sub(r"[ \u3000]", "", m.group(1))
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if _given_ok(name) and len(line) <= 30:
                speakers[(m.start(1), m.end(1))] = name
        for m in _KNOWN.finditer(text):
            # not the first characters of a longer name: 朱德 in 朱德华
            if not re.match(rf"[{CJK}]", text[m.end() : m.end() + 1]) or re.match(
                    r"(?:同志|总书记|主席|总理|精神|思想|理论|式|的|在|等|和|、)", text[m.end() :]):
                found.setdefault((m.start(), m.end()), set())
        # 马局长 for 马某某局长: the surname with a title is the same person when only one person has that surname
        names = {text[s:e] for s, e in found}
        by_surname: dict[str, set[str]] = {}
        for n in names:
            by_surname.setdefault(n[0], set()).add(n)
        for (s, e), aliases in found.items():
            n = text[s:e]
            if len(by_surname[n[0]]) == 1:
                aliases.update(m.group(0) for m in re.finditer(rf"{re.escape(n[0])}(?:{_TITLE})", text))
            add_candidate(doc, s, e, "Person", aliases=sorted(aliases), priority=4)
        for (s, e), name in speakers.items():
            add_candidate(doc, s, e, "Person", name=name, priority=4)
        return doc
