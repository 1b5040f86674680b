"""Namespaces of the graph and the prefixes queries get predeclared (light to import)."""

from rdflib import RDF, RDFS, XSD, Namespace
from rdflib.namespace import DCTERMS, PROV, SKOS

KGO = Namespace("https://w3id.org/kg-cn/ontology#")
KGR = Namespace("https://w3id.org/kg-cn/id/")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
ORG = Namespace("http://www.w3.org/ns/org#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")

PREFIXES = {"kgo": KGO, "kgr": KGR, "schema": SCHEMA, "qb": QB, "org": ORG, "prov": PROV, "skos": SKOS,
            "sdmx-measure": SDMX_MEASURE, "sdmx-dimension": SDMX_DIM, "sdmx-attribute": SDMX_ATTR,
            "dcterms": DCTERMS, "rdfs": RDFS, "xsd": XSD, "rdf": RDF}
