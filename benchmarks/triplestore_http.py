"""The graph in an existing triplestore: Oxigraph's server, queried over HTTP.

Loads OUT/graph.ttl with ``oxigraph load`` (the ``oxigraph`` package on PyPI,
``pip install 'kg[triplestore]'``), starts ``oxigraph serve-read-only`` on a
free loopback port, runs every bundled question (``queries/*.rq``, with the
prefixes ``kg query`` predeclares) as a SPARQL 1.1 protocol request, and
checks each answer has as many rows as ``kg query`` gives on the same build.

    python benchmarks/triplestore_http.py [OUT] [--location DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph() -> str:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        raise SystemExit("needs the oxigraph server: pip install 'kg[triplestore]' (or oxigraph)")
    return exe


def sparql_csv(endpoint: str, query: str) -> list[list[str]]:
    req = urllib.request.Request(endpoint, data=query.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return list(csv.reader(io.StringIO(resp.read().decode("utf-8"))))[1:]


def main() -> None:
    from kg.query import bundled, execute, prefixes
    from kg.store import open_store

    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default="out", type=Path)
    ap.add_argument("--location", type=Path, help="Oxigraph database folder (default: a temporary one)")
    a = ap.parse_args()
    exe = _oxigraph()
    header = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(prefixes().items()))
    with tempfile.TemporaryDirectory(prefix="kg-oxigraph-") as td:
        location = a.location or Path(td) / "db"
        t = time.perf_counter()
        subprocess.run([exe, "load", "--location", str(location), "--file", str(a.out / "graph.ttl")], check=True,
                       capture_output=True)
        print(f"oxigraph load: {time.perf_counter() - t:.1f} s")
        port = _free_port()
        server = subprocess.Popen([exe, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        endpoint = f"http://127.0.0.1:{port}/query"
        try:
            for _ in range(100):
                try:
                    sparql_csv(endpoint, "ASK {}")
                    break
                except OSError:
                    time.sleep(0.1)
            total = sparql_csv(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0][0]
            print(f"serve-read-only at {endpoint}: {int(total):,} triples")
            local = open_store(a.out)
            ok = True
            for name, (_question, query) in sorted(bundled().items()):
                t = time.perf_counter()
                rows = sparql_csv(endpoint, header + query)
                ms = 1000 * (time.perf_counter() - t)
                expected = len(execute(local, query).rows)
                same = len(rows) == expected
                ok &= same
                print(f"{name:32} {len(rows):7,d} rows {ms:8.1f} ms  {'same as kg query' if same else f'kg query: {expected}'}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
