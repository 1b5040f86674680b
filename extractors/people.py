"""People: a surname-led name fused with a title (江春生县长, 市长龚定荣)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, alternation, doc_text
from .lexicon import CJK, COMPOUND_SURNAMES, LEFT_TRIGGERS, SURNAMES, TITLES

_TITLE = alternation(TITLES)
_SUR = rf"(?:{'|'.join(COMPOUND_SURNAMES)}|[{SURNAMES}])"
# characters that do not occur in given names but do in places and bodies
_NOT_GIVEN = set("区县市省局委办厅部院司处科所镇乡村党组会政府长副常务主任记书的和与在是了企业工作")
_FUNCTION_END = set("以为由对将把被向与和及等在了的之其")
_NAME_TITLE = re.compile(rf"(?<![{CJK}])({_SUR}[{CJK}]{{1,2}})(?:同志)?(?:{_TITLE})")
_NAME_TITLE_CTX = re.compile(rf"({_SUR}[{CJK}]{{1,2}})(?:同志)?(?:{_TITLE})")
_TITLE_NAME = re.compile(rf"(?:{_TITLE})({_SUR}[{CJK}]{{1,2}})(?=[,。、;:(\s]|同志|在|到|来|等|一行|率|带队|带领|陪同|出席|主持|参加|深入|调研|视察|指出|强调|要求)")


_AFTER_TRIGGER = re.compile("(?:" + "|".join(map(re.escape, LEFT_TRIGGERS)) + ")$")
# the leader whose name opens the standard ideological formula
_LEADER = re.compile(rf"({_SUR}[{CJK}]{{2}})(?=新时代中国特色社会主义思想|总书记)")


def _given_ok(name: str) -> bool:
    # nor end in a function word: 成立以市长为组长 has no person 成立以
    return len(name) >= 2 and not any(ch in _NOT_GIVEN for ch in name[1:]) and name[-1] not in _FUNCTION_END


@Language.factory("kg_people", default_config={})
class PersonExtractor:
    """Person candidates; the title stays out of the name."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        for m in _NAME_TITLE_CTX.finditer(text):
            name = m.group(1)
            s = m.start(1)
            prev = text[s - 1] if s else ""
            if prev and re.match(rf"[{CJK}]", prev) and prev not in "、和与及由对向请在让经为" and not _AFTER_TRIGGER.search(text[max(0, s - 4) : s]):
                # 3 characters fused to a preceding word: try the two-character name
                continue
            if not _given_ok(name):
                continue
            # prefer a two-character name when the third character starts the title
            add_candidate(doc, s, s + len(name), "Person", priority=4)
        for m in _LEADER.finditer(text):
            add_candidate(doc, m.start(1), m.end(1), "Person", priority=4)
        for m in _TITLE_NAME.finditer(text):
            if _given_ok(m.group(1)):
                add_candidate(doc, m.start(1), m.end(1), "Person", priority=4)
        return doc
