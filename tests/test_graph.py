from click.testing import CliRunner
from rdflib import Graph

from kg.cli import main
from kg.extract import extract
from kg.graph import render_turtle
from kg.normalize import normalize
from kg.query import execute, term_text
from kg.store import memory_store


def run(built, q):
    res = execute(memory_store(built / "graph.ttl"), q)
    return res.variables, [[term_text(t) for t in row] for row in res.rows]


def test_graph_independent_of_document_order(seeds_dir):
    docs = [extract(normalize(p.read_bytes()), p.name) for p in sorted(seeds_dir.glob("*.txt"))]
    assert render_turtle(docs) == render_turtle(list(reversed(docs)))


def test_one_program_node_across_reports(built):
    cols, rows = run(built, """SELECT ?p (GROUP_CONCAT(DISTINCT STRAFTER(STR(?r), "report/"); separator=" ") AS ?docs)
        WHERE { ?p a kgo:Program ; rdfs:label "四送一服"@zh ; kgo:mentionedIn ?r } GROUP BY ?p""")
    assert len(rows) == 1
    docs = rows[0][1].split()
    assert {"000_3bb81f7f92e855c0", "001_0bfc87de46fbd8a2", "003_3abf4cf86748e6d3"} <= set(docs)


def test_every_relation_reaches_evidence_naming_both_ends(built):
    g = Graph().parse(built / "graph.ttl")
    q = """SELECT ?s ?o ?text ?ctx WHERE {
        VALUES ?p { kgo:participatesIn kgo:undertakes kgo:cooperatesWith kgo:acquiredBy kgo:issuedBy kgo:locatedIn }
        ?s ?p ?o . ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:evidence/kgo:text ?text .
        OPTIONAL { ?st kgo:contextEvidence/kgo:text ?ctx } }"""
    res = list(g.query("PREFIX kgo: <https://w3id.org/kg-cn/ontology#>\n" + q))
    assert len(res) >= 40
    from rdflib import RDFS
    from rdflib.namespace import SKOS

    def names(n):
        return {str(x) for x in g.objects(n, RDFS.label)} | {str(x) for x in g.objects(n, SKOS.altLabel)}

    implied = 0
    for s, o, text, ctx in res:
        t = str(text)
        assert any(n in t for n in names(s)), (s, t)
        if not any(n in t for n in names(o)):
            # stated in the report's own voice: the context sentence names the agency
            implied += 1
            assert ctx is not None and any(n in str(ctx) for n in names(o)), (o, t)
    assert implied < len(res) // 2


def test_generic_agency_names_scoped_by_region(built):
    cols, rows = run(built, 'SELECT ?a ?r WHERE { ?a a kgo:GovernmentAgency ; rdfs:label "县政府"@zh ; kgo:jurisdiction/rdfs:label ?r }')
    assert sorted(r[1] for r in rows) == ["XX县", "枞阳县"]  # two counties, two nodes


def test_explain_prints_mentions_and_edges_with_evidence(built):
    r = CliRunner().invoke(main, ["explain", "中晨机械", "--graph", str(built)])
    assert r.exit_code == 0
    assert "types: Enterprise" in r.output and "acquiredBy 可瑞公司" in r.output
    assert "evidence [001_0bfc87de46fbd8a2]: 中晨机械已完成了收购" in r.output
    r = CliRunner().invoke(main, ["explain", "没有这个名字", "--graph", str(built)])
    assert r.exit_code == 1 and "no entity named" in r.output


def test_query_table_and_csv(built):
    q = 'SELECT ?l WHERE { ?p a kgo:Person ; rdfs:label ?l } ORDER BY ?l'
    r = CliRunner().invoke(main, ["query", q, "--graph", str(built), "--format", "csv"])
    assert r.exit_code == 0 and "江春生" in r.output and r.output.startswith("l\n")
    r = CliRunner().invoke(main, ["query", "SELECT ?x WHERE {\n ?x ?y }", "--graph", str(built)])
    assert r.exit_code == 1 and "error: query: syntax" in r.output and "2:" in r.output


def test_short_enterprise_names_kept_apart_across_regions():
    from kg.normalize import normalize_text

    def doc(name, body):
        return extract(normalize_text(body), name)

    a = doc("a.txt", "枞阳县经信局2022年工作总结\n组织天鹅公司申报高新技术企业。安徽文盛科技有限公司获评专精特新企业。枞阳县。")
    b = doc("b.txt", "潜江市经信局2022年工作总结\n组织天鹅公司申报高新技术企业。安徽文盛科技有限公司获评专精特新企业。潜江市。")
    c = doc("c.txt", "枞阳县经信局2021年工作总结\n推动天鹅公司实施技改。枞阳县。")
    ttl = render_turtle([a, b, c])
    assert ttl.count("<Enterprise/安徽文盛科技有限公司> a kgo:Enterprise") == 1
    assert "<Enterprise/枞阳县/天鹅公司> a kgo:Enterprise" in ttl
    assert "<Enterprise/潜江市/天鹅公司> a kgo:Enterprise" in ttl


def _document_nodes(tmp_path, reports):
    from click.testing import CliRunner
    from rdflib import RDF, Graph

    from kg.cli import main
    from kg.namespaces import KGO

    inp = tmp_path / "in"
    inp.mkdir(parents=True)
    for name, text in reports.items():
        (inp / name).write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "out"), "--no-html"])
    assert r.exit_code == 0, r.output
    return len(set(Graph().parse(tmp_path / "out" / "graph.ttl").subjects(RDF.type, KGO.PolicyDocument)))


TITLE = "《关于做好企业复工复产工作的通知》"


def test_same_title_in_two_counties_is_two_documents(tmp_path):
    assert _document_nodes(tmp_path, {
        "a.txt": f"南漳县经信局2020年工作总结\n南漳县经信局印发{TITLE}，推动企业复工。\n",
        "b.txt": f"谷城县经信局2020年工作总结\n谷城县经信局印发{TITLE}，推动企业复工。\n",
    }) == 2


def test_document_number_is_the_identity(tmp_path):
    same = _document_nodes(tmp_path / "same", {
        "a.txt": f"南漳县经信局2020年工作总结\n市政府印发{TITLE}(某政发〔2020〕9号)。\n",
        "b.txt": f"谷城县经信局2020年工作总结\n认真落实{TITLE}(某政发〔2020〕9号)。\n",
    })
    other = _document_nodes(tmp_path / "other", {
        "a.txt": f"南漳县经信局2020年工作总结\n市政府印发{TITLE}(某政发〔2020〕9号)。\n",
        "b.txt": f"南漳县经信局2021年工作总结\n市政府印发{TITLE}(某政发〔2021〕3号)。\n",
    })
    assert (same, other) == (1, 2)
