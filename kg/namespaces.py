"""Namespaces of the graph as rdflib Namespaces, made from the one table of
prefixes that queries get predeclared (kg.prefixes, light to import)."""

from rdflib import Namespace

from .prefixes import PREFIX_IRIS

KGO = Namespace(PREFIX_IRIS["kgo"])
KGR = Namespace(PREFIX_IRIS["kgr"])
SCHEMA = Namespace(PREFIX_IRIS["schema"])
QB = Namespace(PREFIX_IRIS["qb"])
ORG = Namespace(PREFIX_IRIS["org"])
SDMX_MEASURE = Namespace(PREFIX_IRIS["sdmx-measure"])
SDMX_DIM = Namespace(PREFIX_IRIS["sdmx-dimension"])
SDMX_ATTR = Namespace(PREFIX_IRIS["sdmx-attribute"])

PREFIXES = {p: Namespace(iri) for p, iri in PREFIX_IRIS.items()}
