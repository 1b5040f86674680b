import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.query import QueryError, bundled, check_read_only, execute, term_text
from kg.store import memory_store


@pytest.fixture(scope="module")
def store(built):
    return memory_store(built / "graph.ttl")


def rows(store, name_or_query):
    q = bundled()[name_or_query][1] if name_or_query in bundled() else name_or_query
    res = execute(store, q)
    return [dict(zip(res.variables, (term_text(t) for t in r), strict=True)) for r in res.rows]


def test_at_least_ten_bundled_questions_each_with_a_question():
    b = bundled()
    assert len(b) >= 10
    assert all(question for question, _ in b.values())


def test_indicators_001_value_added_with_yoy(store):
    rs = rows(store, "indicators")
    hit = [r for r in rs if r["report"] == "001_0bfc87de46fbd8a2" and r["indicator"] == "规上工业增加值"]
    assert any(r["value"] == "1597000000" and r["yoy"] == "7.1" and r["unit"] == "CNY" and r["period"] == "2020-01-01/2020-06-30" for r in hit)


def test_indicators_003_actuals_and_targets(store):
    rs = [r for r in rows(store, "indicators") if r["report"] == "003_3abf4cf86748e6d3"]
    assert any(r["indicator"] == "规上工业增加值" and r["value"] == "2599000000" and r["period"] == "2022-01-01/2022-10-31"
               and r["status"] == "actual" for r in rs)
    targets = {r["indicator"]: r["value"] for r in rs if r["status"] == "target" and r["period"].startswith("2023")}
    assert targets.get("规上工业总产值") == "14500000000" and targets.get("工业投资") == "4900000000"


def test_enterprises_per_program(store):
    rs = {r["program"]: r for r in rows(store, "enterprises_per_program")}
    assert "奔腾文创" in rs["小巨人"]["names"] and "恒伟药业" in rs["小巨人"]["names"]


def test_programs_in_several_reports(store):
    rs = {r["program"]: int(r["reports"]) for r in rows(store, "programs_in_several_reports")}
    assert rs["四送一服"] == 3


def test_project_investment_largest_first(store):
    rs = rows(store, "project_investment")
    values = [float(r["yuan"]) for r in rs]
    assert values == sorted(values, reverse=True) and any(r["project"] == "省重大科技创新项目" or "项目" in r["project"] for r in rs)


def test_money_received(store):
    rs = rows(store, "money_received")
    assert any(r["enterprise"] == "安徽圣桑林业科技发展有限公司" and r["total"] == "400000" for r in rs)


def test_program_funds(store):
    assert any(r["program"] == "推进自主创新若干政策奖补资金" and r["yuan"] == "8591100" for r in rows(store, "program_funds"))


def test_policy_documents_number_issuer(store):
    rs = {r["document"]: r for r in rows(store, "policy_documents")}
    d = rs["关于做好疫情防控期间工业企业复工工作的通知"]
    assert d["number"] == "大疫控办〔2020〕53号" and d["issuer"] == "大通区经济和信息化局" and d["reported"] == "2020-07-30"


def test_research_cooperation(store):
    rs = rows(store, "research_cooperation")
    assert {(r["enterprise"], r["organization"]) for r in rs} >= {
        ("安徽圣桑林业科技发展有限公司", "安徽农科院蚕桑所"),
        ("安徽映山红博览园文化发展股份有限公司", "中国科学院合肥物质科学研究院")}


def test_enterprise_profile(store):
    res = execute(store, bundled()["enterprise_profile"][1], params={"name": "天鹅集团"})
    assert res.variables == ["label", "relation", "other"]  # the parameter is no column
    rels = {(term_text(r[1]), term_text(r[2])) for r in res.rows}
    assert ("participatesIn", "重大科技专项") in rels and {("altLabel", "天鹅公司"), ("altLabel", "天鹅集团")} & rels
    # the same query in another SPARQL client (no substitution) uses its default
    assert {(r["relation"], r["other"]) for r in rows(store, "enterprise_profile")} == rels


def test_query_parameters_bound_safely(built):
    run = CliRunner().invoke
    r = run(main, ["query", "--graph", str(built), "enterprise_profile", "--param", "name=天鹅集团"])
    assert r.exit_code == 0, r.output
    assert "重大科技专项" in r.output and r.output.splitlines()[0].split() == ["label", "|", "relation", "|", "other"]
    r = run(main, ["query", "--graph", str(built), "enterprise_profile", "--param", "name=瑞林公司"])
    assert "DQ380技改项目" in r.output and "重大科技专项" not in r.output
    # a value that would break out of a pasted string is just a name no entity has
    r = run(main, ["query", "--graph", str(built), "enterprise_profile", "--param", 'name=x") || true || ("'])
    assert r.exit_code == 0 and r.output == "0 rows\n"
    r = run(main, ["query", "--graph", str(built), "SELECT ?x WHERE { ?x a kgo:Nothing }"])
    assert r.output == "0 rows\n"
    r = run(main, ["query", "--graph", str(built), "SELECT ?x WHERE { ?x a kgo:Region }", "--param", "nope=1"])
    assert r.exit_code == 1 and "nope" in r.output
    r = run(main, ["query", "--graph", str(built), "enterprise_profile", "--param", "name"])
    assert r.exit_code == 2


def test_unknown_bundled_name_lists_the_names(built):
    r = CliRunner().invoke(main, ["query", "--graph", str(built), "nosuchname"])
    assert r.exit_code == 1
    assert "no bundled question named 'nosuchname'" in r.output and "enterprise_profile" in r.output


def test_regions_and_agencies(store):
    rs = {(r["region"], r["agency"]) for r in rows(store, "regions_and_agencies")}
    assert ("枞阳县", "县经信局") in rs and ("冷水滩区", "冷水滩区科技和工业信息化局") in rs


def test_enterprises_in_several_reports_runs(store):
    for r in rows(store, "enterprises_in_several_reports"):
        assert int(r["reports"]) > 1


def test_report_overview(store):
    rs = {r["report"]: r for r in rows(store, "report_overview")}
    assert rs["004_0a762c21fc868f47"]["region"] == "冷水滩区" and rs["002_8885437da397c476"]["plan"] == "2021"


@pytest.mark.parametrize("q", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
])
def test_updates_and_service_refused(q):
    with pytest.raises(QueryError):
        check_read_only(q)


def test_strings_mentioning_insert_are_fine():
    check_read_only('SELECT ?s WHERE { ?s rdfs:label "INSERT DATA {" }')


def test_cli_list_name_formats(built):
    r = CliRunner().invoke(main, ["query", "--list"])
    assert r.exit_code == 0 and "indicators" in r.output and "enterprises_per_program" in r.output
    r = CliRunner().invoke(main, ["query", "programs_in_several_reports", "--graph", str(built), "--format", "json"])
    data = json.loads(r.output)
    assert data["head"]["vars"] == ["program", "reports"]
    r = CliRunner().invoke(main, ["query", "-f", "queries/indicators.rq", "--graph", str(built), "--format", "tsv"])
    assert r.exit_code == 0 and r.output.startswith("report\tregion")
    r = CliRunner().invoke(main, ["query", "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kgo:Person ; rdfs:label ?l }",
                                  "--graph", str(built), "--format", "turtle"])
    assert r.exit_code == 0 and "江春生" in r.output
    r = CliRunner().invoke(main, ["query", "INSERT DATA { <http://a> <http://b> <http://c> }", "--graph", str(built)])
    assert r.exit_code == 1 and "not allowed" in r.output


def test_table_aligns_double_width(built):
    r = CliRunner().invoke(main, ["query", 'SELECT ?l WHERE { ?p a kgo:Person ; rdfs:label ?l } ORDER BY ?l', "--graph", str(built)])
    lines = r.output.splitlines()
    assert lines[0].startswith("l") and set(lines[1]) == {"-"}


# --- SERVICE and Update are decided on the parsed query, not on its text -------------

SERVICE_TRICKS = [
    'SELECT * WHERE {{ BIND(" #" AS ?c) SERVICE <{url}> {{ ?x ?p ?o }} }}',  # " #" is no comment
    "SELECT * WHERE {{ BIND(' #' AS ?c) SERVICE <{url}> {{ ?x ?p ?o }} }}",
    'SELECT * WHERE {{ ?s rdfs:label """ #\n""" . SERVICE <{url}> {{ ?x ?p ?o }} }}',
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?x ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?x ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1",
    "ASK {{ \\u0053ERVICE <{url}> {{ ?x ?p ?o }} }}",  # \\u escapes are expanded before parsing
]


def test_cli_service_is_refused_and_nothing_is_fetched(built, listener):
    for template in SERVICE_TRICKS:
        r = CliRunner().invoke(main, ["query", template.format(url=listener.url), "--graph", str(built)])
        assert listener.connections() == [], template
        assert r.exit_code == 1 and "error: query:" in r.output and "SERVICE" in r.output, (template, r.output)


VALID = [
    'SELECT ?service WHERE { ?service a kgo:Program } LIMIT 1',
    'SELECT ?s WHERE { ?s a schema:Service } LIMIT 1',
    "SELECT ?s WHERE { ?s rdfs:label 'insert data' }",
    'SELECT ?s WHERE { ?s rdfs:label "x" } # SERVICE <http://127.0.0.1:1/> { ?a ?b ?c }',
    "SELECT ?s WHERE { ?s rdfs:label 'DROP ALL' . ?s rdfs:comment 'load <http://x/>' }",
]


def test_queries_that_only_look_like_service_or_update_run(store):
    for q in VALID:
        check_read_only(q)
        execute(store, q)


def test_cli_query_named_service_runs(built):
    r = CliRunner().invoke(main, ["query", VALID[0], "--graph", str(built), "--format", "csv"])
    assert r.exit_code == 0 and r.output.startswith("service\n") and len(r.output.splitlines()) == 2, r.output


def test_updates_refused_as_updates():
    for q in ["PREFIX x: <http://x/> INSERT{ ?s x:p 1 } WHERE { ?s ?p ?o }",  # forms the text match let through
              "DELETE{ ?s ?p ?o } WHERE { ?s ?p ?o }",
              "PREFIX x: <http://x/> DELETE { ?s x:p ?o } INSERT { ?s x:q ?o } WHERE { ?s x:p ?o }"]:
        with pytest.raises(QueryError, match="Update"):
            check_read_only(q)


def test_long_queries_are_checked(store):
    q = "SELECT * WHERE { " + " . ".join(f'OPTIONAL {{ ?s{i} a schema:Service ; rdfs:label "v{i}" }}' for i in range(400)) + " } LIMIT 1"
    check_read_only(q)
    execute(store, q)


def test_syntax_errors_name_line_and_column():
    with pytest.raises(QueryError, match=r"syntax.*line 2"):
        check_read_only("SELECT ?s\nWHERE { ?s ?p }")


# --- time limit and Ctrl-C (issue 13, item 6) ----------------------------------------

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _kg_query(built, *args):
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "kg.cli", "query", CARTESIAN, "--graph", str(built), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_cli_query_timeout(built):
    import time

    t0 = time.monotonic()
    p = _kg_query(built, "--timeout", "1")
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 1 and "timed out after 1 s" in err and time.monotonic() - t0 < 15, err


def test_cli_query_default_timeout_like_the_server():
    r = CliRunner().invoke(main, ["query", "--help"])
    assert "--timeout" in r.output and "10" in r.output


def test_cli_query_stops_promptly_on_sigint(built):
    import signal
    import subprocess
    import sys
    import time

    # past start-up: as long as a trivial query's whole process takes now (the machine may be loaded), and more
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-m", "kg.cli", "query", "ASK {}", "--graph", str(built)], capture_output=True,
                   check=True, timeout=120)
    startup = time.monotonic() - t0
    p = _kg_query(built, "--timeout", "120")
    time.sleep(startup + 2)  # the query is running
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    _out, err = p.communicate(timeout=60)
    assert time.monotonic() - t0 < 3 and p.returncode == 130 and "interrupted" in err, err
    assert "Traceback" not in err


def test_second_wall_a_service_past_the_check_reaches_nothing(built, listener, monkeypatch):
    """Were the parsed-query check ever wrong, the query's thread has no network: the engine cannot fetch."""
    import kg.query
    from kg.sandbox import no_network

    monkeypatch.setattr(kg.query, "check_read_only", lambda q: None)
    kg.query._checked.cache_clear()
    q = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    r = CliRunner().invoke(main, ["query", q, "--graph", str(built)])
    kg.query._checked.cache_clear()
    assert listener.connections() == []
    import threading
    probe: list = []
    t = threading.Thread(target=lambda: probe.append(no_network()))
    t.start()
    t.join()
    assert probe == [True] and r.exit_code != 0, r.output  # the wall exists here, and the query failed on it


def test_prefix_table_is_the_namespaces():
    from kg.namespaces import PREFIXES
    from kg.prefixes import PREFIX_IRIS

    assert PREFIX_IRIS == {p: str(ns) for p, ns in PREFIXES.items()}


@pytest.mark.parametrize("q", [
    "select * where { service <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } # a comment\nLOAD <http://127.0.0.1:1/>",
])
def test_words_that_write_or_fetch_take_the_full_check(store, q):
    from kg.query import QueryRefused, cannot_write_or_fetch, run_query

    assert not cannot_write_or_fetch(q)
    with pytest.raises(QueryError):
        run_query(store, q)
    if "ERVICE" in q.upper():
        with pytest.raises(QueryRefused):
            run_query(store, q)


def test_plain_query_skips_the_parse_but_keeps_its_syntax_message(store):
    from kg.query import cannot_write_or_fetch, run_query

    assert cannot_write_or_fetch("SELECT ?s WHERE { ?s a kgo:Report }")
    assert len(list(run_query(store, "SELECT ?s WHERE { ?s a kgo:Report }"))) == 5
    with pytest.raises(QueryError, match=r"syntax error at line 2, column"):
        run_query(store, "SELECT ?s WHERE {\n ?s a }")


def test_kg_query_process_imports_neither_spacy_nor_rdflib(built):
    """A trivial `kg query` starts in about 0.1 s: the extraction pipeline and
    rdflib (with its SPARQL parser) stay out of it."""
    import subprocess
    import sys

    code = ("import sys; from kg.cli import main\n"
            "try:\n    main(['query', '--graph', sys.argv[1], 'SELECT ?r WHERE { ?r a kgo:Report } LIMIT 1'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'kg.extract', 'extractors', 'rdflib', 'pyparsing') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code, str(built)], capture_output=True, text=True, check=True)
    assert "kgr:report/" in r.stdout and r.stdout.strip().splitlines()[-1] == "[]"


def test_same_title_from_two_issuers_is_two_documents(tmp_path):
    """Every county writes its own 关于做好…的通知: one title from two issuers is
    two documents, each with its issuer, and the bundled question lists both."""
    inp = tmp_path / "in"
    inp.mkdir()
    title = "《关于做好园区企业用工保障工作的通知》"
    (inp / "a.txt").write_text(f"青岚县经信局2021年工作总结\n青岚县经信局印发{title}，保障企业用工。\n", encoding="utf-8")
    (inp / "b.txt").write_text(f"白沙县经信局2021年工作总结\n白沙县经信局印发{title}，保障企业用工。\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "out"), "--no-html"])
    assert r.exit_code == 0, r.output
    st = memory_store(tmp_path / "out" / "graph.ttl")
    docs = rows(st, "SELECT ?d ?issuer WHERE { ?d a kgo:PolicyDocument ; kgo:issuedBy/rdfs:label ?issuer }")
    assert len({d["d"] for d in docs}) == 2
    assert sorted(d["issuer"] for d in docs) == ["白沙县经信局", "青岚县经信局"]
    listed = rows(st, "policy_documents")
    assert sorted((d["document"], d["issuer"], d["reports"]) for d in listed) == [
        (title[1:-1], "白沙县经信局", "1"), (title[1:-1], "青岚县经信局", "1")]


def test_bundled_questions_skip_the_parse():
    """No bundled question (comments included: "remove" holds "move") pays for
    rdflib's parser when kg query runs it."""
    from kg.query import cannot_write_or_fetch

    assert [name for name, (_, q) in bundled().items() if not cannot_write_or_fetch(q)] == []
