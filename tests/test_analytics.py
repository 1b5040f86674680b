"""Network analytics on the sample build: scores, communities, paths, and their copy in the RDF graph."""

from click.testing import CliRunner

from kg import analytics
from kg.cli import main
from kg.query import execute
from kg.store import open_store

KGR = "https://w3id.org/kg-cn/id/"


def by_label(g, label):
    (node,) = [n for n, d in g.nodes(data=True) if d["label"] == label]
    return node


def test_scores_of_sample_nodes(built):
    g = analytics.load(built)
    assert g.number_of_nodes() == 391
    sc = analytics.scores(g)
    xx, bureau, little = by_label(g, "XX县"), by_label(g, "县经信局"), by_label(g, "小巨人")
    # 市经信局 of two different cities are two nodes (agencies named by level are scoped by region)
    city = max((n for n, d in g.nodes(data=True) if d["label"] == "市经信局"), key=lambda n: sc[n].degree)
    assert (sc[city].degree, sc[xx].degree, sc[bureau].degree, sc[little].degree) == (6, 5, 4, 3)
    assert sc[city].community == 0 and sc[city].component == 0  # numbered largest first
    assert max(s.betweenness for s in sc.values()) == sc[city].betweenness > sc[xx].betweenness > 0
    # 小巨人, 专精特新 and their enterprises are one community
    members = {g.nodes[n]["label"] for n, s in sc.items() if s.community == sc[little].community}
    assert members == {"小巨人", "专精特新", "恒伟药业", "奔腾文创", "宇秀生物"}
    assert analytics.scores(analytics.load(built)) == sc  # deterministic


def test_synthetic_star_and_two_cliques():
    ents = [(f"n{i}", "Enterprise", f"e{i}") for i in range(8)]
    star = [("n0", "cooperatesWith", f"n{i}") for i in (1, 2, 3)]
    clique = [(f"n{a}", "cooperatesWith", f"n{b}") for a in (4, 5, 6, 7) for b in (4, 5, 6, 7) if a < b]
    g = analytics.entity_graph(ents, star + clique + [("n0", "cooperatesWith", "n9")])  # n9 unknown: dropped
    sc = analytics.scores(g)
    assert g.number_of_edges() == 9
    assert sc["n0"].betweenness > sc["n1"].betweenness == 0
    assert len({sc[f"n{i}"].community for i in (4, 5, 6, 7)}) == 1 and sc["n4"].community != sc["n0"].community
    # two components of 4: the tie goes to the least label (e0 < e4)
    assert (sc["n0"].component, sc["n4"].component) == (0, 1)


def test_linked_nodes_keep_the_sorted_order_whatever_the_hash_seed():
    # 200 linked nodes among 1,000: a subgraph view would list them in the (seed-dependent) order of a set,
    # and the sampled betweenness and Louvain would change from one process to the next
    ents = [(f"n{i:04d}", "Enterprise", f"e{i}") for i in range(1000)]
    rels = [(f"n{i:04d}", "cooperatesWith", f"n{i + 1:04d}") for i in range(0, 200, 2)]
    h = analytics._simple(analytics.entity_graph(ents, rels))
    linked = analytics._linked(h)
    assert list(linked) == sorted(n for n in h if h.degree(n) > 0) and len(linked) == 200
    assert list(linked.edges()) == list(h.edges())


def test_shortest_paths(built):
    g = analytics.load(built)
    path = analytics.shortest_path(g, "奔腾文创", "专精特新")
    assert [g.nodes[n]["label"] for n, _ in path] == ["奔腾文创", "小巨人", "恒伟药业", "专精特新"]
    assert [r for _, r in path] == ["participatesIn", "^participatesIn", "participatesIn", None]
    assert analytics.shortest_path(g, "天鹅集团", "四送一服") is None
    text = analytics.path_text(g, "天鹅集团", "四送一服", lambda: analytics.load(built, reports=True))
    assert text.startswith("not connected by contract relations") and "(Report)" in text
    r = CliRunner().invoke(main, ["analyze", "--graph", str(built), "path", "没有这个", "专精特新"])
    assert r.exit_code == 1 and "no entity named '没有这个'" in r.output


def test_program_projection(built):
    rows = analytics.program_projection(analytics.load(built))
    assert ("专精特新", "小巨人", 1, ["恒伟药业"]) in rows
    assert all(k >= 1 for _, _, k, _ in rows)


def test_scores_are_in_the_rdf_graph(built):
    g = analytics.load(built)
    sc = analytics.scores(g)
    res = execute(open_store(built), """SELECT ?e ?d ?c WHERE { ?e kgo:degree ?d ; kgo:community ?c }""")
    in_rdf = {row[0].value: (int(row[1].value), int(row[2].value)) for row in res.rows}
    assert in_rdf == {n: (s.degree, s.community) for n, s in sc.items()}
    top = execute(open_store(built), "SELECT ?l WHERE { ?e kgo:degree ?d ; rdfs:label ?l } ORDER BY DESC(?d) ?l LIMIT 2")
    assert [r[0].value for r in top.rows] == ["市经信局", "XX县"]


def test_analyze_command(built):
    r = CliRunner().invoke(main, ["analyze", "--graph", str(built), "--top", "3"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("entities: 391  contract relations: 69")
    assert "5  XX县 (Region)" in r.output and "largest communities:" in r.output
    r = CliRunner().invoke(main, ["analyze", "--graph", str(built), "programs"])
    assert "专精特新 — 小巨人: 恒伟药业" in r.output
