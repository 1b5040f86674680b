"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and a small query page.

Queries run in worker processes that hold the graph in an in-memory Oxigraph store; a
query past its time limit is stopped by ending its worker (a running Oxigraph
query cannot be interrupted from Python), and a fresh worker takes its place,
so the server keeps answering.  Updates and SERVICE are refused before anything
runs, on the parsed query (``kg.query.run_query``, in the worker, so parsing a
long query is under the time limit too).
"""

from __future__ import annotations

import html
import json
import multiprocessing as mp
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape as xml_escape

from .query import QueryError, bundled

FORMATS = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
}


# --- worker process -------------------------------------------------------------

def _worker(ttl_path: str, conn) -> None:
    import pyoxigraph as ox

    from .query import QueryError, QueryRefused, json_term, prefixes, run_query

    # in memory: several times faster to query than the on-disk store
    store = ox.Store()
    store.bulk_load(path=ttl_path, format=ox.RdfFormat.TURTLE)
    conn.send(("ready",))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        query, max_rows = msg
        try:
            res = run_query(store, query)
            if isinstance(res, ox.QuerySolutions):
                variables = [v.value for v in res.variables]
                rows, truncated = [], False
                for sol in res:
                    if len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append({v: json_term(sol[v]) for v in variables if sol[v] is not None})
                conn.send(("select", variables, rows, truncated))
            elif isinstance(res, ox.QueryBoolean):
                conn.send(("ask", bool(res)))
            else:
                triples = list(res)
                conn.send(("graph", ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()).decode()))
        except QueryRefused as e:
            conn.send(("error", 403, str(e)))
        except QueryError as e:
            conn.send(("error", 400, str(e)))
        except SyntaxError as e:
            conn.send(("error", 400, f"query syntax {e}"))
        except Exception as e:  # noqa: BLE001 - reported to the client, worker stays up
            conn.send(("error", 500, f"query failed: {e}"))


class _Worker:
    def __init__(self, store_path: str):
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(store_path, child), daemon=True)
        self.proc.start()
        # the time limit is for queries, not for loading the graph
        if not self.conn.poll(600) or self.conn.recv() != ("ready",):
            self.stop()
            raise RuntimeError(f"query worker could not load {store_path}")

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(5)


class QueryRunner:
    """A pool of worker processes with a per-query time limit."""

    def __init__(self, store_path: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10000):
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self.pool: queue.Queue[_Worker] = queue.Queue()
        for _ in range(workers):
            self.pool.put(_Worker(self.store_path))

    def run(self, query: str):
        w = self.pool.get()
        try:
            w.conn.send((query, self.max_rows))
            if not w.conn.poll(self.timeout):
                w.stop()
                w = _Worker(self.store_path)
                return ("error", 503, f"query timed out after {self.timeout:g} s")
            return w.conn.recv()
        except (EOFError, BrokenPipeError, OSError):
            w.stop()
            w = _Worker(self.store_path)
            return ("error", 500, "query worker failed")
        finally:
            self.pool.put(w)

    def close(self) -> None:
        while not self.pool.empty():
            self.pool.get().stop()


# --- result serialisation -------------------------------------------------------------

def _plain(t: dict) -> str:
    return t["value"]


def _nt(t: dict) -> str:
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    v = t["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    if "xml:lang" in t:
        return f'"{v}"@{t["xml:lang"]}'
    if "datatype" in t:
        return f'"{v}"^^<{t["datatype"]}>'
    return f'"{v}"'


def _csv_field(s: str) -> str:
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s


def serialize_select(variables: list[str], rows: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}, ensure_ascii=False)
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_csv_field(_plain(r[v])) if v in r else "" for v in variables) for r in rows]
        return "\r\n".join(lines) + "\r\n"
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)] + ["\t".join(_nt(r[v]) if v in r else "" for v in variables) for r in rows]
        return "\n".join(lines) + "\n"
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{xml_escape(v)}"/>' for v in variables] + ["</head>", "<results>"]
    for r in rows:
        out.append("<result>")
        for v, t in r.items():
            if t["type"] == "uri":
                inner = f"<uri>{xml_escape(t['value'])}</uri>"
            elif t["type"] == "bnode":
                inner = f"<bnode>{xml_escape(t['value'])}</bnode>"
            else:
                attrs = f' xml:lang="{xml_escape(t["xml:lang"])}"' if "xml:lang" in t else (
                    f' datatype="{xml_escape(t["datatype"])}"' if "datatype" in t else "")
                inner = f"<literal{attrs}>{xml_escape(t['value'])}</literal>"
            out.append(f'<binding name="{xml_escape(v)}">{inner}</binding>')
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def negotiate(accept: str, explicit: str | None) -> str:
    if explicit:
        key = explicit.lower()
        for k, mime in FORMATS.items():
            if key in (k, mime):
                return k
    for part in (accept or "").split(","):
        mime = part.split(";")[0].strip().lower()
        for k, m in FORMATS.items():
            if mime == m or (k == "xml" and mime == "application/xml") or (k == "json" and mime == "application/json"):
                return k
    return "json"


# --- HTTP ---------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql/1"
    runner: QueryRunner

    def log_message(self, fmt: str, *args) -> None:  # quiet by default; errors still go to stderr
        pass

    def _send(self, status: int, body: str, ctype: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, msg: str) -> None:
        self._send(status, json.dumps({"error": msg}, ensure_ascii=False), "application/json")

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        params = parse_qs(url.query)
        if url.path == "/":
            self._send(200, page(), "text/html")
        elif url.path == "/queries":
            self._send(200, json.dumps({k: {"question": q, "query": t} for k, (q, t) in bundled().items()},
                                       ensure_ascii=False), "application/json")
        elif url.path == "/sparql":
            if "update" in params:
                self._error(403, "SPARQL Update is not allowed: the graph is read-only")
            elif "query" not in params:
                self._error(400, "missing query parameter")
            else:
                self._query(params["query"][0], params.get("format", [None])[0])
        else:
            self._error(404, "not found")

    def do_POST(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        if url.path != "/sparql":
            self._error(404, "not found")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > 1_000_000:
            self._error(413, "query too large")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fmt = parse_qs(url.query).get("format", [None])[0]
        if ctype == "application/sparql-update":
            self._error(403, "SPARQL Update is not allowed: the graph is read-only")
        elif ctype == "application/sparql-query":
            self._query(body, fmt)
        else:
            params = parse_qs(body)
            if "update" in params:
                self._error(403, "SPARQL Update is not allowed: the graph is read-only")
            elif "query" not in params:
                self._error(400, "missing query parameter")
            else:
                self._query(params["query"][0], fmt or params.get("format", [None])[0])

    def _query(self, query: str, explicit_format: str | None) -> None:
        try:
            res = self.runner.run(query)
        except QueryError as e:
            self._error(403 if "not allowed" in str(e) else 400, str(e))
            return
        kind = res[0]
        if kind == "error":
            self._error(res[1], res[2])
        elif kind == "graph":
            self._send(200, res[1], FORMATS["turtle"])
        elif kind == "ask":
            fmt = negotiate(self.headers.get("Accept", ""), explicit_format)
            if fmt == "xml":
                body = ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                        f"<boolean>{str(res[1]).lower()}</boolean></sparql>")
                self._send(200, body, FORMATS["xml"])
            else:
                self._send(200, json.dumps({"head": {}, "boolean": res[1]}), FORMATS["json"])
        else:
            _, variables, rows, truncated = res
            fmt = negotiate(self.headers.get("Accept", ""), explicit_format)
            if fmt == "turtle":
                fmt = "json"
            body = serialize_select(variables, rows, fmt)
            self.send_response(200)
            data = body.encode("utf-8")
            self.send_header("Content-Type", f"{FORMATS[fmt]}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if truncated:
                self.send_header("X-Result-Truncated", f"rows limited to {self.runner.max_rows}")
            self.end_headers()
            self.wfile.write(data)


def make_server(out_dir: Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10000, workers: int = 2) -> tuple[ThreadingHTTPServer, QueryRunner]:
    if not (out_dir / "graph.ttl").exists():
        raise FileNotFoundError(f"{out_dir / 'graph.ttl'}: no graph; run `kg build` first")
    runner = QueryRunner(out_dir / "graph.ttl", workers=workers, timeout=timeout, max_rows=max_rows)
    handler = type("BoundHandler", (Handler,), {"runner": runner})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
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
