"""The report's own agency: the publisher named in the header or title.

It is an entity of the report even where only a header field names it
(发文机关: 冷水滩区科技和工业信息化局), and relations such as "我局起草印发《…》"
point to it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .resolver import EntityRecord, agency_abbreviates


@Language.factory("kg_publisher", default_config={})
class PublisherLinker:
    """Sets ``doc.user_data["kg_publisher_entity"]`` to the publisher's index."""

    def __init__(self, nlp: Language, name: str):
        pass

    def __call__(self, doc: Doc) -> Doc:
        publisher = doc.user_data.get("kg_publisher")
        ents: list[EntityRecord] = doc._.kg_entities or []
        if not publisher:
            return doc
        idx = None
        for i, e in enumerate(ents):
            if e.type == "GovernmentAgency" and (publisher in e.names or agency_abbreviates(publisher, e.name)):
                idx = i
                break
        if idx is None:
            for i, e in enumerate(ents):
                if e.type == "GovernmentAgency" and agency_abbreviates(e.name, publisher):
                    e.aliases.add(e.name)
                    e.name = publisher
                    idx = i
                    break
        if idx is None:
            pos = doc.text.find(publisher)
            rec = EntityRecord("GovernmentAgency", publisher)
            if pos >= 0:
                rec.mentions.append((pos, pos + len(publisher)))
            ents.append(rec)
            idx = len(ents) - 1
            doc._.kg_entities = ents
        doc.user_data["kg_publisher_entity"] = idx
        return doc
