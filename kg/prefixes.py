"""The prefixes queries get predeclared, as plain IRIs: ``kg query`` reads them
without importing rdflib; kg.namespaces makes its rdflib Namespaces from this table."""

PREFIX_IRIS: dict[str, str] = {
    "kgo": "https://w3id.org/kg-cn/ontology#",
    "kgr": "https://w3id.org/kg-cn/id/",
    "schema": "https://schema.org/",
    "qb": "http://purl.org/linked-data/cube#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
