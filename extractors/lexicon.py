"""General domain vocabulary of Chinese industrial-policy reports, read from
the word lists in ``extractors/data/`` (one entry a line, ``#`` comments).

Only vocabulary of the genre lives there: legal-form suffixes, agency and
organisation suffixes, nationally known programs and industry names (GB/T 4754
classes, the strategic emerging industries catalogue), the verbs that introduce
names.  Names of particular enterprises or places never do; places come from the
gazetteer (:mod:`extractors.gazetteer`).  Keeping the lists as data lets a user
read and extend them without touching code; a user's own names of a province's
programs or firms go in a lexicon file given to ``kg build --lexicon``
(:mod:`extractors.user_lexicon`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

CJK = "\u3400-\u4dbf\u4e00-\u9fff"


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt`` in file order, without duplicates."""
    lines = (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(dict.fromkeys(w for w in (ln.strip() for ln in lines) if w and not w.startswith("#")))


ENTERPRISE_SUFFIXES = word_list("enterprise_suffixes")
TRADE_WORDS = word_list("trade_words")
WEAK_TRADE_WORDS = word_list("weak_trade_words")
AGENCY_SUFFIXES = word_list("agency_suffixes")
NATIONAL_AGENCIES = word_list("national_agencies")
LEVEL_PREFIXES = word_list("level_prefixes")
AGENCY_CORES = word_list("agency_cores")
ORG_SUFFIXES = word_list("organization_suffixes")
KNOWN_ORGANIZATIONS = word_list("organizations")
KNOWN_PROGRAMS = word_list("programs")
PROGRAM_SUFFIXES = word_list("program_suffixes")
INDUSTRIES = word_list("industries")
INDUSTRY_SUFFIXES = word_list("industry_suffixes")
TITLES = word_list("titles")
SURNAMES = "".join(word_list("surnames"))
COMPOUND_SURNAMES = word_list("compound_surnames")
LEFT_TRIGGERS = word_list("left_triggers")
