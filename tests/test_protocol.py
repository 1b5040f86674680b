"""The W3C SPARQL 1.1 Protocol tests that apply to a read-only endpoint, run
against `kg serve` on a free loopback port.

Our own transcription of the cases of the W3C manifest
https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl
(test names kept).  Not applicable: the update_* positive cases (the endpoint
is read-only: every update is refused with a 4xx) and the dataset cases'
expected results (this endpoint serves one graph, so default-graph-uri and
named-graph-uri are refused with 400 instead of silently ignored).
"""

from __future__ import annotations

import http.client
import json
import urllib.parse
import xml.dom.minidom

import pytest

from kg.serve import make_server, serve_in_thread

SELECT_ACCEPT = ("application/sparql-results+xml, application/sparql-results+json, text/tab-separated-values, "
                 "text/csv")
GRAPH_ACCEPT = "application/rdf+xml, application/rdf+json, text/turtle"
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def port(built):
    server, runner = make_server(built, "127.0.0.1", 0, timeout=5.0, max_rows=50, workers=1)
    serve_in_thread(server)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    runner.close()


def request(port: int, method: str, path: str, body: str | bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        data = body.encode("utf-8") if isinstance(body, str) else body
        conn.putrequest(method, path)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def get(port: int, query: str, extra: str = "", headers: dict[str, str] | None = None):
    return request(port, "GET", "/sparql?query=" + urllib.parse.quote(query) + extra, headers=headers)


def one_line_json_error(status: int, headers: dict, body: str) -> str:
    assert 400 <= status < 500, (status, body)
    assert headers["content-type"].startswith("application/json"), body
    return json.loads(body)["error"]


# --- positive cases ------------------------------------------------------------------

def test_query_get(port):
    status, headers, body = get(port, "ASK {}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_query_post_form(port):
    status, _, body = request(port, "POST", "/sparql", urllib.parse.urlencode({"query": "ASK {}"}),
                              {"Content-Type": FORM + "; charset=UTF-8"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_query_post_direct(port):
    status, _, body = request(port, "POST", "/sparql", "ASK {}", {"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_query_content_type_select(port):
    status, headers, _ = get(port, "SELECT (1 AS ?value) {}", headers={"Accept": SELECT_ACCEPT})
    assert status == 200 and headers["content-type"].split(";")[0] in SELECT_ACCEPT


def test_query_content_type_ask(port):
    accept = "application/sparql-results+json, application/sparql-results+xml"
    status, headers, _ = get(port, "ASK {}", headers={"Accept": accept})
    assert status == 200 and headers["content-type"].split(";")[0] in accept


def test_query_content_type_describe(port):
    status, headers, _ = get(port, "DESCRIBE <http://example.org/>", headers={"Accept": GRAPH_ACCEPT})
    assert status == 200 and headers["content-type"].split(";")[0] in GRAPH_ACCEPT


def test_query_content_type_construct_relative_iris(port):
    """The W3C case's query has relative IRIs: they resolve against the endpoint's URL."""
    status, headers, body = get(port, "CONSTRUCT { <s> <p> 1 } WHERE {}", headers={"Accept": GRAPH_ACCEPT})
    assert status == 200 and headers["content-type"].split(";")[0] in GRAPH_ACCEPT, body
    assert f"127.0.0.1:{port}/s" in body


def test_trailing_slash_endpoint(port):
    status, _, body = request(port, "GET", "/sparql/?query=" + urllib.parse.quote("ASK {}"))
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize("accept,ctype,check", [
    ("text/turtle", "text/turtle", lambda b: "<http://example.org/s>" in b or "example.org/s" in b),
    ("application/n-triples", "application/n-triples",
     lambda b: b.strip() == '<http://example.org/s> <http://example.org/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'),
    ("application/ld+json", "application/ld+json", lambda b: json.loads(b)[0]["@id"] == "http://example.org/s"),
    ("application/rdf+xml", "application/rdf+xml", lambda b: xml.dom.minidom.parseString(b.encode()) is not None),
])
def test_construct_honours_accept(port, accept, ctype, check):
    q = "CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 } WHERE {}"
    status, headers, body = get(port, q, headers={"Accept": accept})
    assert status == 200 and headers["content-type"].startswith(ctype), (headers, body)
    assert check(body), body


def test_describe_honours_accept(port):
    status, headers, body = get(port, "DESCRIBE ?p WHERE { ?p a kgo:Program } LIMIT 1",
                                headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    assert body.strip() and all(line.endswith(" .") for line in body.strip().splitlines())


# --- dataset cases: one graph here, so refused with 400, never ignored -------------------

@pytest.mark.parametrize("extra", [
    "&default-graph-uri=" + urllib.parse.quote("http://kgdata.example.org/data0.rdf"),  # query_dataset_default_graph
    "&named-graph-uri=" + urllib.parse.quote("http://kgdata.example.org/data1.rdf"),  # query_dataset_named_graphs_get
    "&default-graph-uri=a&named-graph-uri=b",  # query_dataset_full
])
def test_query_dataset_get_refused(port, extra):
    assert "graph-uri" in one_line_json_error(*get(port, "ASK {}", extra))


def test_query_dataset_post_refused(port):
    body = urllib.parse.urlencode([("query", "ASK {}"), ("default-graph-uri", "http://x/a"),
                                   ("named-graph-uri", "http://x/b")])
    assert "graph-uri" in one_line_json_error(*request(port, "POST", "/sparql", body, {"Content-Type": FORM}))
    status, headers, body = request(port, "POST", "/sparql?default-graph-uri=" + urllib.parse.quote("http://x/a"),
                                    "ASK {}", {"Content-Type": "application/sparql-query"})
    assert "graph-uri" in one_line_json_error(status, headers, body)


# --- negative cases ----------------------------------------------------------------------

@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_bad_query_method(port, method):
    status, headers, body = request(port, method, "/sparql?query=" + urllib.parse.quote("ASK {}"), "ASK {}",
                                    {"Content-Type": "application/sparql-query"})
    assert status == 405 and "GET" in headers["allow"]
    assert "read-only" in one_line_json_error(status, headers, body)


def test_bad_multiple_queries(port):
    status, headers, body = get(port, "ASK {}", "&query=" + urllib.parse.quote("SELECT * {}"))
    assert status == 400 and one_line_json_error(status, headers, body)
    body = urllib.parse.urlencode([("query", "ASK {}"), ("query", "SELECT * {}")])
    status, headers, body = request(port, "POST", "/sparql", body, {"Content-Type": FORM})
    assert status == 400 and one_line_json_error(status, headers, body)


def test_bad_query_wrong_media_type(port):
    status, headers, body = request(port, "POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"})
    assert one_line_json_error(status, headers, body)


def test_bad_query_missing_form_type(port):
    status, headers, body = request(port, "POST", "/sparql", "query=" + urllib.parse.quote("ASK {}"))
    assert one_line_json_error(status, headers, body)


def test_bad_query_missing_direct_type(port):
    status, headers, body = request(port, "POST", "/sparql", "ASK {}")
    assert one_line_json_error(status, headers, body)


def test_bad_query_non_utf8(port):
    status, headers, body = request(port, "POST", "/sparql", "ASK {}".encode("utf-16"),
                                    {"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert one_line_json_error(status, headers, body)


def test_bad_query_syntax(port):
    assert "syntax" in one_line_json_error(*get(port, "ASK { ?s ?p }"))


def test_bad_update_get(port):
    status, headers, body = request(port, "GET", "/sparql?update=" + urllib.parse.quote("CLEAR ALL"))
    assert one_line_json_error(status, headers, body)


@pytest.mark.parametrize("body,ctype", [
    ("update=" + urllib.parse.quote("CLEAR NAMED") + "&update=" + urllib.parse.quote("CLEAR DEFAULT"), FORM),  # bad_multiple_updates
    ("CLEAR NAMED", "text/plain"),  # bad_update_wrong_media_type
    ("update=" + urllib.parse.quote("CLEAR NAMED"), None),  # bad_update_missing_form_type
    ("CLEAR NAMED", "application/sparql-update"),  # update_post_direct: read-only
    ("update=" + urllib.parse.quote("CLEAR NAMED"), FORM),  # update_post_form: read-only
    ("update=" + urllib.parse.quote("CLEAR XYZ"), FORM),  # bad_update_syntax
])
def test_updates_refused(port, body, ctype):
    status, headers, text = request(port, "POST", "/sparql", body, {"Content-Type": ctype} if ctype else {})
    assert one_line_json_error(status, headers, text)
