"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and a small query page.

HTTP is the standard library's threaded server (a thread per connection, a
backlog of 1024, a socket time limit so slow clients cannot hold a thread);
queries run in the worker processes of ``kg.workers``.  Updates and SERVICE are
refused on the parsed query (``kg.query.run_query``, in the worker, so parsing
a long query is under the time limit too).  Errors are one JSON line
``{"error": ...}`` with a 4xx/5xx status, never an HTML page or a traceback.
"""

from __future__ import annotations

import errno
import html
import ipaddress
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from .query import bundled
from .results import GRAPH_FORMATS, RESULT_FORMATS, negotiate, serialize_ask, serialize_select, xml_clean
from .workers import QueryRunner

MAX_BODY = 1_000_000
ENDPOINTS = ("/sparql", "/sparql/")
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class ServeError(RuntimeError):
    """The server cannot start: one line for the user."""


class _Refuse(Exception):
    def __init__(self, status: int, msg: str):
        super().__init__(msg)
        self.status = status


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql/1"
    runner: QueryRunner
    timeout = 10.0  # socket time limit per read: a client that stops sending is dropped
    arrival = 0.0

    def log_message(self, fmt: str, *args) -> None:  # quiet by default; errors still go to stderr
        pass

    def parse_request(self) -> bool:
        self.arrival = time.monotonic()  # the query time limit counts from here
        return super().parse_request()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's errors (bad request line, unknown method) as JSON, not HTML."""
        if code == 501:  # a method this endpoint does not have (PUT, DELETE, ...)
            code, message = 405, f"method {self.command} is not allowed: the endpoint is read-only (GET, POST)"
        try:
            self._error(code, message or self.responses.get(code, ("error",))[0])
        except OSError:
            pass
        self.close_connection = True

    def _send(self, status: int, body: str, ctype: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if status == 405:
            self.send_header("Allow", "GET, POST")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, msg: str) -> None:
        self._send(status, json.dumps({"error": msg}, ensure_ascii=False), "application/json")

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        if url.path == "/":
            self._send(200, page(), "text/html")
        elif url.path == "/queries":
            self._send(200, json.dumps({k: {"question": q, "query": t} for k, (q, t) in bundled().items()},
                                       ensure_ascii=False), "application/json")
        elif url.path in ENDPOINTS:
            self._handle(lambda: (parse_qs(url.query, keep_blank_values=True), None))
        else:
            self._error(404, "not found")

    def do_POST(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        if url.path not in ENDPOINTS:
            self._error(404, "not found")
            return
        self._handle(lambda: self._post_params(url.query))

    def _post_params(self, url_query: str) -> tuple[dict[str, list[str]], str | None]:
        """(parameters, direct query) of a POST; refuses what the protocol does not allow."""
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise _Refuse(411, "POST needs a Content-Length")
        if not raw.strip().isdigit():
            raise _Refuse(400, f"bad Content-Length {raw[:40]!r}")
        length = int(raw)
        if length > MAX_BODY:
            raise _Refuse(413, f"query too large (more than {MAX_BODY} bytes)")
        body = self.rfile.read(length)
        if len(body) < length:
            raise ConnectionAbortedError("client closed the connection before sending its body")
        ctype, _, rest = (self.headers.get("Content-Type") or "").partition(";")
        ctype = ctype.strip().lower()
        charset = rest.partition("charset=")[2].split(";")[0].strip().strip('"').lower()
        if charset and charset not in ("utf-8", "utf8"):
            raise _Refuse(415, f"charset {charset} is not supported: send UTF-8")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Refuse(400, "the request body is not UTF-8") from None
        params = parse_qs(url_query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            raise _Refuse(403, "SPARQL Update is not allowed: the graph is read-only")
        if ctype == "application/sparql-query":
            return params, text
        if ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            return params, None
        raise _Refuse(415, "POST a query as application/x-www-form-urlencoded (query=...) or application/sparql-query")

    def _handle(self, read) -> None:
        try:
            params, direct = read()
            if "update" in params:
                raise _Refuse(403, "SPARQL Update is not allowed: the graph is read-only")
            queries = params.get("query", []) + ([direct] if direct is not None else [])
            if not queries:
                raise _Refuse(400, "missing query parameter")
            if len(queries) > 1:
                raise _Refuse(400, "give exactly one query")
            for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
                if name in params:
                    raise _Refuse(400, f"{name} is not supported: this endpoint serves one default graph "
                                       "(use GRAPH-free queries without it)")
            formats = params.get("format", [])
            self._query(queries[0], formats[0] if formats else None)
        except _Refuse as e:
            self._error(e.status, str(e))

    def _base_iri(self) -> str:
        host = self.headers.get("Host") or ""
        if not _HOST.fullmatch(host):
            host = f"{self.server.server_address[0]}:{self.server.server_address[1]}"
        return f"http://{host}/sparql"

    def _query(self, query: str, explicit: str | None) -> None:
        accept = self.headers.get("Accept", "")
        rfmt = negotiate(accept, explicit, RESULT_FORMATS, "json")
        gfmt = negotiate(accept, explicit, GRAPH_FORMATS, "turtle")
        if explicit and rfmt is None and gfmt is None:
            raise _Refuse(400, f"unknown format {explicit!r}; choose from {', '.join([*RESULT_FORMATS, *GRAPH_FORMATS])}")
        rfmt, gfmt = rfmt or "json", gfmt or "turtle"
        res = self.runner.run(query, deadline=self.arrival + self.runner.timeout, base_iri=self._base_iri(),
                              graph_format=gfmt)
        kind = res[0]
        if kind == "error":
            self._error(res[1], res[2])
        elif kind == "graph":
            body = xml_clean(res[1]) if gfmt == "rdfxml" else res[1]
            self._send(200, body, GRAPH_FORMATS[gfmt])
        elif kind == "ask":
            body, key = serialize_ask(res[1], rfmt)
            self._send(200, body, RESULT_FORMATS[key])
        else:
            _, variables, rows, truncated = res
            headers = {"X-Result-Truncated": f"rows limited to {self.runner.max_rows}"} if truncated else None
            self._send(200, serialize_select(variables, rows, rfmt), RESULT_FORMATS[rfmt], headers)


class Server(ThreadingHTTPServer):
    request_queue_size = 1024  # 200 clients connecting at once wait in the backlog instead of being reset
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """One line, not a traceback; clients that hang up or time out are not errors."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        print(f"kg serve: error answering {client_address[0]}: {type(exc).__name__}: {exc}", file=sys.stderr)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10000, workers: int = 2, max_memory_mb: int = 2048,
                client_timeout: float | None = None) -> tuple[Server, QueryRunner]:
    """A bound server and its workers; raises ServeError or FileNotFoundError with a one-line reason."""
    if not (out_dir / "graph.ttl").exists():
        raise FileNotFoundError(f"{out_dir / 'graph.ttl'}: no graph; run `kg build` first")
    handler = type("BoundHandler", (Handler,), {"timeout": client_timeout or timeout})
    try:
        server = Server((host, port), handler)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise ServeError(f"port {port} on {host} is in use (another `kg serve`?); choose another with --port") from None
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    try:
        runner = QueryRunner(out_dir / "graph.ttl", workers=workers, timeout=timeout, max_rows=max_rows,
                             max_memory_mb=max_memory_mb)
    except BaseException:
        server.server_close()
        raise
    handler.runner = runner
    return server, runner


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    return t


def page() -> str:
    options = "".join(
        f'<option value="{html.escape(k)}">{html.escape(k)} — {html.escape(q[:80])}</option>' for k, (q, _t) in bundled().items()
    )
    return PAGE.replace("%%OPTIONS%%", options)


PAGE = """<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>body{font-family:sans-serif;margin:1em}textarea{width:100%;height:14em;font-family:monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;vertical-align:top}
#msg{color:#a00}</style></head>
<body><h2>kg — SPARQL</h2>
<select id="q"><option value="">bundled questions…</option>%%OPTIONS%%</select>
<textarea id="text">SELECT ?program (COUNT(DISTINCT ?r) AS ?reports) WHERE { ?p a kgo:Program ; rdfs:label ?program ; kgo:mentionedIn ?r } GROUP BY ?program ORDER BY DESC(?reports) LIMIT 20</textarea>
<button id="run">Run</button> <span id="msg"></span>
<div id="out"></div>
<script>
var bundled = {};
fetch('/queries').then(function(r){return r.json();}).then(function(d){bundled=d;});
document.getElementById('q').addEventListener('change', function(e){
  if (bundled[e.target.value]) { document.getElementById('text').value = bundled[e.target.value].query; }});
document.getElementById('run').addEventListener('click', function(){
  var msg = document.getElementById('msg'), out = document.getElementById('out');
  msg.textContent = 'running…'; out.textContent = '';
  fetch('/sparql', {method:'POST', headers:{'Content-Type':'application/sparql-query', 'Accept':'application/sparql-results+json'},
        body: document.getElementById('text').value})
  .then(function(r){ return r.text().then(function(t){ return {ok:r.ok, text:t}; }); })
  .then(function(r){
    msg.textContent = '';
    var d; try { d = JSON.parse(r.text); } catch(e) { var pre = document.createElement('pre'); pre.textContent = r.text; out.appendChild(pre); return; }
    if (!r.ok) { msg.textContent = d.error; return; }
    if ('boolean' in d) { out.textContent = String(d.boolean); return; }
    var table = document.createElement('table'), tr = document.createElement('tr');
    d.head.vars.forEach(function(v){ var th = document.createElement('th'); th.textContent = v; tr.appendChild(th); });
    table.appendChild(tr);
    d.results.bindings.forEach(function(b){
      var row = document.createElement('tr');
      d.head.vars.forEach(function(v){ var td = document.createElement('td'); td.textContent = b[v] ? b[v].value : ''; row.appendChild(td); });
      table.appendChild(row); });
    out.appendChild(table);
    msg.textContent = d.results.bindings.length + ' rows';
  });
});
</script></body></html>
"""
