"""SHACL in the query engine agrees with pyshacl, on the samples and on graphs broken on purpose."""

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace
from rdflib.namespace import SH

from kg.validate import SHAPES, ShapesError, compiled, validate_file

KGO = Namespace("https://w3id.org/kg-cn/ontology#")
SCHEMA = Namespace("https://schema.org/")
DCT = Namespace("http://purl.org/dc/terms/")


def _pyshacl(path):
    conforms, report, _ = pyshacl_validate(Graph().parse(path), shacl_graph=Graph().parse(SHAPES), inference="none")
    return conforms, len(list(report.subjects(SH.resultSeverity, None)))


def _break(g, how):
    ent = next(g.subjects(RDF.type, KGO.Enterprise))
    if how == "no label":
        g.remove((ent, RDFS.label, None))
    elif how == "two labels":
        g.add((ent, RDFS.label, Literal("另一个名字", lang="zh")))
    elif how == "english label":
        g.set((ent, RDFS.label, Literal("a name", lang="en")))
    elif how == "plain label":
        g.set((ent, RDFS.label, Literal("某某公司")))
    elif how == "negative offset":
        m = next(g.subjects(RDF.type, KGO.Mention))
        g.set((m, KGO.startOffset, Literal(-3, datatype=XSD.integer)))
    elif how == "dollars":
        a = next(g.subjects(RDF.type, SCHEMA.MonetaryAmount))
        g.set((a, SCHEMA.currency, Literal("USD")))
    elif how == "issued by a firm":
        doc = next(g.subjects(RDF.type, KGO.PolicyDocument))
        g.add((doc, KGO.issuedBy, ent))
    elif how == "mention without surface":
        m = next(g.subjects(RDF.type, KGO.Mention))
        g.remove((m, KGO.surface, None))
    elif how == "mention with two ends":
        m = next(g.subjects(RDF.type, KGO.Mention))
        g.add((m, KGO.endOffset, Literal(99999, datatype=XSD.integer)))
    elif how == "two titles":
        r = next(g.subjects(RDF.type, KGO.Report))
        g.add((r, DCT.title, Literal("另一个标题")))
    return g


@pytest.mark.parametrize("how", [None, "no label", "two labels", "english label", "plain label", "negative offset",
                                 "dollars", "issued by a firm", "two titles",
                                 "mention without surface", "mention with two ends"])
def test_same_verdict_and_count_as_pyshacl(built, tmp_path, how):
    path = built / "graph.ttl"
    if how is not None:
        path = tmp_path / "broken.ttl"
        _break(Graph().parse(built / "graph.ttl"), how).serialize(path, format="turtle")
    conforms, n = _pyshacl(path)
    ours = validate_file(path)
    assert (not ours, len(ours)) == (conforms, n)
    assert conforms == (how is None)


def test_shapes_with_untranslated_constraints_are_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.read_text(encoding="utf-8") + """
kgo:ExtraShape a sh:NodeShape ; sh:targetClass kgo:Report ;
    sh:property [ sh:path kgo:sha256 ; sh:pattern "^[0-9a-f]+$" ] .
""", encoding="utf-8")
    with pytest.raises(ShapesError, match="pattern"):
        compiled(shapes)
