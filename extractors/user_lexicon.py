"""A user's own names: entries from lexicon files given to ``kg build --lexicon``.

A province has programs, parks and firms of its own that no general rule can
know.  A lexicon file names them, one entity a line, tab-separated::

    # type      name            other names the reports use
    Program     亩均英雄榜
    Enterprise  某某重工集团有限公司    某某重工

Every occurrence of a name or alias in a report becomes a candidate of that
type with a priority above the rules', so a listed name wins an overlap; the
resolver merges it with the rules' findings like any other candidate.  The
entries are the component's config (saved with the pipeline, as spaCy's
``entity_ruler`` saves its patterns).
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .base import add_candidate, alternation, doc_text

TYPES = ("Enterprise", "GovernmentAgency", "Organization", "Region", "Program", "PolicyDocument", "Project",
         "Person", "Industry")
PRIORITY = 7  # above every rule's candidates (quoted programs are 6)

Entry = tuple[str, str, tuple[str, ...]]  # type, name, aliases


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file and line."""


def read_lexicon(path: Path) -> tuple[Entry, ...]:
    """The entries of one lexicon file (UTF-8, tab-separated: type, name, aliases…)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise LexiconError(f"{path}: cannot read: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text") from None
    entries: list[Entry] = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in re.split(r"\t+", line.strip())]
        if len(fields) < 2:
            raise LexiconError(f"{path}:{n}: expected 'TYPE<tab>NAME[<tab>ALIAS…]', got {line.strip()[:40]!r}")
        etype, name, *aliases = fields
        if etype not in TYPES:
            raise LexiconError(f"{path}:{n}: unknown type {etype!r} (one of {', '.join(TYPES)})")
        if len(name) < 2 or any(len(a) < 2 for a in aliases):
            raise LexiconError(f"{path}:{n}: names need at least two characters")
        entries.append((etype, name, tuple(aliases)))
    return tuple(entries)


@Language.factory("kg_user_lexicon", default_config={"entries": []})
class UserLexicon:
    """Candidates for every occurrence of a user-listed name."""

    def __init__(self, nlp: Language, name: str, entries: list[list]):
        self.by_form: dict[str, tuple[str, str]] = {}
        for etype, ename, *rest in entries:
            aliases = rest[0] if rest else ()
            for form in (ename, *aliases):
                self.by_form.setdefault(form, (etype, ename))
        self.pattern = re.compile(alternation(self.by_form)) if self.by_form else None

    def __call__(self, doc: Doc) -> Doc:
        if self.pattern is None:
            return doc
        for m in self.pattern.finditer(doc_text(doc)):
            etype, ename = self.by_form[m.group(0)]
            add_candidate(doc, m.start(), m.end(), etype, name=ename, priority=PRIORITY)
        return doc
