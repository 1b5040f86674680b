"""Rule-based spaCy components that find the entities, amounts and relations
of Chinese industrial-policy work reports.  Importing the package registers
every component factory with spaCy."""

from . import (  # noqa: F401
    amounts,
    documents,
    indicators,
    industries,
    measures,
    organizations,
    people,
    programs,
    projects,
    publisher,
    regions,
    relations,
    resolver,
    user_lexicon,
)
