"""The report's own agency and region, as named in its header or title.

Both are entities of the report even where only a header field or a longer
name contains them (发文机关: 冷水滩区科技和工业信息化局), and relations such as
"我局起草印发《…》" point to the agency.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import doc_text
from .resolver import EntityRecord, agency_abbreviates


def _ensure(doc: Doc, ents: list[EntityRecord], type_: str, name: str) -> int:
    for i, e in enumerate(ents):
        if e.type == type_ and (name in e.names or (type_ == "GovernmentAgency" and agency_abbreviates(name, e.name))):
            return i
    if type_ == "GovernmentAgency":
        for i, e in enumerate(ents):
            if e.type == type_ and agency_abbreviates(e.name, name):
                e.aliases.add(e.name)
                e.name = name
                return i
    rec = EntityRecord(type_, name)
    pos = doc_text(doc).find(name)
    if pos >= 0:
        rec.mentions.append((pos, pos + len(name)))
    ents.append(rec)
    return len(ents) - 1


@Language.factory("kg_publisher", default_config={})
class PublisherLinker:
    """Sets ``doc.user_data["kg_publisher_entity"]`` to the publisher's index."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        ents: list[EntityRecord] = doc._.kg_entities or []
        publisher = doc.user_data.get("kg_publisher")
        region = doc.user_data.get("kg_region")
        if publisher:
            doc.user_data["kg_publisher_entity"] = _ensure(doc, ents, "GovernmentAgency", publisher)
        if region and region in doc_text(doc):
            doc.user_data["kg_region_entity"] = _ensure(doc, ents, "Region", region)
        doc._.kg_entities = ents
        return doc
