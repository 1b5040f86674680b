"""The SPARQL endpoint over HTTP on a free loopback port."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.serve import make_server, serve_in_thread


@pytest.fixture(scope="module")
def endpoint(built):
    server, runner = make_server(built, "127.0.0.1", 0, timeout=2.0, max_rows=50, workers=1)
    serve_in_thread(server)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    runner.close()


def get(url, accept=None):
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def post(url, data, ctype, accept=None):
    headers = {"Content-Type": ctype}
    if accept:
        headers["Accept"] = accept
    req = urllib.request.Request(url, data=data.encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


Q = 'SELECT ?l WHERE { ?p a kgo:Program ; rdfs:label ?l FILTER(STR(?l) = "四送一服") }'


def test_get_json(endpoint):
    status, headers, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(Q)}")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert json.loads(body)["results"]["bindings"][0]["l"]["value"] == "四送一服"


@pytest.mark.parametrize("accept,ctype,needle", [
    ("text/csv", "text/csv", "l\r\n四送一服"),
    ("text/tab-separated-values", "text/tab-separated-values", '?l\n"四送一服"@zh'),
    ("application/sparql-results+xml", "application/sparql-results+xml", '<literal xml:lang="zh">四送一服</literal>'),
])
def test_post_content_negotiation(endpoint, accept, ctype, needle):
    status, headers, body = post(f"{endpoint}/sparql", urllib.parse.urlencode({"query": Q}),
                                 "application/x-www-form-urlencoded", accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype) and needle in body


def test_post_sparql_query_body(endpoint):
    status, _, body = post(f"{endpoint}/sparql", "ASK { ?s a kgo:Enterprise }", "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_update_service_and_timeout_refused_server_keeps_answering(endpoint):
    status, _, body = post(f"{endpoint}/sparql", urllib.parse.urlencode({"query": "INSERT DATA { <http://a> <http://b> <http://c> }"}),
                           "application/x-www-form-urlencoded")
    assert status == 403 and "not allowed" in json.loads(body)["error"]
    status, _, body = post(f"{endpoint}/sparql", "INSERT DATA { <http://a> <http://b> <http://c> }", "application/sparql-update")
    assert status == 403
    svc = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(svc)}")
    assert status == 403 and "SERVICE" in json.loads(body)["error"]
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(slow)}")
    assert status == 503 and "timed out" in json.loads(body)["error"]
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(Q)}")
    assert status == 200 and "四送一服" in body


def test_row_limit_and_syntax_error(endpoint):
    status, headers, body = get(f"{endpoint}/sparql?query={urllib.parse.quote('SELECT ?s WHERE { ?s ?p ?o }')}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50 and headers["X-Result-Truncated"]
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote('SELECT ?s WHERE {')}")
    assert status == 400 and "syntax" in json.loads(body)["error"]


def test_query_page_has_bundled_questions_and_no_cdn(endpoint):
    status, _, body = get(f"{endpoint}/")
    assert status == 200 and "<textarea" in body and "indicators" in body
    assert "http://" not in body and "https://" not in body


SERVICE_QUERY = 'SELECT * WHERE {{ BIND(" #" AS ?c) SERVICE <{url}> {{ ?x ?p ?o }} }}'


@pytest.mark.parametrize("how", ["get", "form", "sparql-query"])
def test_service_refused_and_nothing_fetched(endpoint, listener, how):
    q = SERVICE_QUERY.format(url=listener.url)
    if how == "get":
        status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(q)}")
    elif how == "form":  # what a page on another origin can send
        status, _, body = post(f"{endpoint}/sparql", urllib.parse.urlencode({"query": q}), "application/x-www-form-urlencoded")
    else:
        status, _, body = post(f"{endpoint}/sparql", q, "application/sparql-query")
    assert listener.connections() == []
    assert status == 403 and "SERVICE" in json.loads(body)["error"], body


@pytest.mark.parametrize("q", [
    "SELECT ?service WHERE { ?service a kgo:Program } LIMIT 1",
    "SELECT ?s WHERE { ?s a schema:Service } LIMIT 1",
    "SELECT ?s WHERE { ?s rdfs:label 'insert data' }",
])
def test_queries_that_only_look_like_service_or_update_are_answered(endpoint, q):
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(q)}")
    assert status == 200, body


# --- results hygiene (issue 13) --------------------------------------------------------

FORMULAS = 'SELECT ?x WHERE { VALUES ?x { "=HYPERLINK(\\"http://x\\")" "+1+2" "-2+3" "@SUM(A1)" "-3.5" "ok" } }'


def test_csv_formula_cells_neutralised(endpoint):
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(FORMULAS)}", "text/csv")
    cells = body.split("\r\n")[1:-1]
    assert status == 200 and cells == ['"\'=HYPERLINK(""http://x"")"', "'+1+2", "'-2+3", "'@SUM(A1)", "-3.5", "ok"], cells


def test_cli_csv_formula_cells_neutralised(built):
    from click.testing import CliRunner

    from kg.cli import main

    r = CliRunner().invoke(main, ["query", FORMULAS, "--graph", str(built), "--format", "csv"])
    assert r.exit_code == 0 and "'+1+2" in r.output and "\n-3.5\n" in r.output and "\n=" not in r.output, r.output


def test_xml_results_well_formed_with_control_characters(endpoint):
    import xml.dom.minidom

    q = 'SELECT ?x WHERE { BIND("a\\u0001b\\u001Fc" AS ?x) }'
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(q)}", "application/sparql-results+xml")
    assert status == 200
    xml.dom.minidom.parseString(body.encode("utf-8"))
    q = 'CONSTRUCT { <http://e/s> <http://e/p> "a\\u0001b" } WHERE {}'
    status, _, body = get(f"{endpoint}/sparql?query={urllib.parse.quote(q)}", "application/rdf+xml")
    assert status == 200
    xml.dom.minidom.parseString(body.encode("utf-8"))
