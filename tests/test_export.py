"""kg export: every format read back (networkx, csv, rdflib) with the counts of the RDF graph."""

import csv

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.query import execute
from kg.store import open_store


@pytest.fixture(scope="module")
def counts(built):
    store = open_store(built)
    ents = execute(store, """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
      VALUES ?t { kgo:Enterprise kgo:GovernmentAgency kgo:Organization kgo:Region kgo:Program kgo:PolicyDocument
                  kgo:Project kgo:Person kgo:Industry } ?e a ?t }""").rows[0][0]
    rels = execute(store, """SELECT (COUNT(*) AS ?n) WHERE {
      VALUES ?p { kgo:participatesIn kgo:undertakes kgo:cooperatesWith kgo:acquiredBy kgo:issuedBy kgo:locatedIn }
      ?s ?p ?o . FILTER(?s != ?o) }""").rows[0][0]
    statements = execute(store, "SELECT (COUNT(*) AS ?n) WHERE { ?st a rdf:Statement }").rows[0][0]
    return int(ents.value), int(rels.value), int(statements.value)


def export(built, tmp_path, fmt, name=None):
    target = tmp_path / name if name else tmp_path / fmt
    r = CliRunner().invoke(main, ["export", "--graph", str(built), "--format", fmt, "--out", str(target)])
    assert r.exit_code == 0, r.output
    assert f"wrote {target}" in r.output
    return target


def test_graphml_round_trip(built, tmp_path, counts):
    g = nx.read_graphml(export(built, tmp_path, "graphml", "g.graphml"), force_multigraph=True)
    assert (g.number_of_nodes(), g.number_of_edges()) == counts[:2] == (391, 69)
    node = next(n for n, d in g.nodes(data=True) if d["label"] == "XX县")
    d = g.nodes[node]
    assert (d["type"], d["color"], d["degree"], d["community"]) == ("Region", "#756bb1", 5, 1)
    assert {e["relation"] for _, _, e in g.edges(data=True)} <= {
        "participatesIn", "undertakes", "cooperatesWith", "acquiredBy", "issuedBy", "locatedIn"}


def test_gexf_round_trip_and_reproducible(built, tmp_path, counts):
    path = export(built, tmp_path, "gexf", "g.gexf")
    g = nx.read_gexf(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == counts[:2]
    node = next(n for n, d in g.nodes(data=True) if d["label"] == "小巨人")
    assert g.nodes[node]["viz"]["color"] == {"r": 214, "g": 97, "b": 107, "a": 1.0}
    assert b"lastmodifieddate" not in path.read_bytes()
    assert export(built, tmp_path, "gexf", "again.gexf").read_bytes() == path.read_bytes()


def test_csv_round_trip_opens_in_excel(built, tmp_path, counts):
    folder = export(built, tmp_path, "csv")
    raw = (folder / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with (folder / "entities.csv").open(encoding="utf-8-sig", newline="") as f:
        ents = list(csv.DictReader(f))
    assert list(ents[0]) == ["id", "type", "label", "aliases", "reports", "mentions", "degree", "community"]
    assert len(ents) == counts[0]
    xx = next(e for e in ents if e["label"] == "XX县")
    assert xx["degree"] == "5" and int(xx["mentions"]) > 0 and xx["reports"]
    with (folder / "relations.csv").open(encoding="utf-8-sig", newline="") as f:
        rels = list(csv.DictReader(f))
    assert len(rels) == counts[2]
    row = next(r for r in rels if r["source_label"] == "中晨机械")
    assert (row["relation"], row["target_label"], row["report"]) == ("acquiredBy", "可瑞公司", "001_0bfc87de46fbd8a2")
    assert "中晨机械已完成了收购" in row["sentence"]


@pytest.mark.parametrize("fmt,rdf_format", [("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_round_trip(built, tmp_path, fmt, rdf_format):
    path = export(built, tmp_path, fmt, f"g.{fmt}")
    original = Graph().parse(built / "graph.ttl", format="turtle")
    back = Graph().parse(path, format=rdf_format)
    assert len(back) == len(original) > 10000
    assert set(back) == set(original)


def test_default_target_and_missing_build(built, tmp_path):
    r = CliRunner().invoke(main, ["export", "--graph", str(tmp_path / "none"), "--format", "nt"])
    assert r.exit_code == 1 and "run `kg build` first" in r.output
    r = CliRunner().invoke(main, ["export", "--graph", str(built), "--format", "xml"])
    assert r.exit_code == 2
