"""Load test of `kg serve`: many clients at once on loopback, each sending a
simple SELECT; reports connection errors (resets), status codes and latency
percentiles.  Bounded: --clients threads, --requests each, --time-limit seconds.

    python benchmarks/bench_serve.py [--graph out] [--clients 200] [--requests 5] [--workers 2]

Starts `kg serve --port 0` on 127.0.0.1 itself (a separate process, so the
clients' threads do not share a GIL with the server) and stops it with SIGTERM.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = 'SELECT ?l WHERE { ?p a kgo:Program ; rdfs:label ?l FILTER(STR(?l) = "四送一服") }'


def start_server(graph: Path, workers: int = 2, timeout: float = 10.0, extra: list[str] | None = None,
                 wait: float = 120.0) -> tuple[subprocess.Popen, int]:
    """`kg serve` on a free loopback port: (process, port) once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--host", "127.0.0.1",
                             "--port", "0", "--workers", str(workers), "--timeout", str(timeout), *(extra or [])],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    end = time.monotonic() + wait
    line = ""
    while time.monotonic() < end:
        line = proc.stdout.readline()
        if "serving" in line or not line:
            break
    if "serving" not in line:
        proc.kill()
        raise RuntimeError(f"kg serve did not start: {line}{proc.stderr.read()}")
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    return proc, port


def load(port: int, clients: int = 200, requests: int = 1, query: str = QUERY, time_limit: float = 120.0) -> dict:
    """``clients`` threads released together, ``requests`` sequential GETs each.
    Returns latencies (s), status counts and connection errors by type."""
    path = "/sparql?query=" + urllib.parse.quote(query)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(clients)
    end = time.monotonic() + time_limit

    def client() -> None:
        barrier.wait()
        for _ in range(requests):
            if time.monotonic() > end:
                return
            t0 = time.monotonic()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=max(1.0, end - t0))
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                r = conn.getresponse()
                r.read()
                conn.close()
                with lock:
                    latencies.append(time.monotonic() - t0)
                    statuses[r.status] = statuses.get(r.status, 0) + 1
            except OSError as e:
                with lock:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, end - time.monotonic()) + 5)
    wall = time.monotonic() - t0
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return {"requests": len(latencies), "errors": errors, "statuses": statuses, "wall": wall,
            "rps": len(latencies) / wall if wall else 0.0, "p50": pct(0.50), "p99": pct(0.99),
            "max": latencies[-1] if latencies else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, default=ROOT / "out", help="build output folder (run `kg build` first)")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--requests", type=int, default=5, help="sequential requests per client")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=120.0)
    args = ap.parse_args()
    proc, port = start_server(args.graph, workers=args.workers)
    try:
        load(port, clients=10, requests=2)  # warm up
        r = load(port, args.clients, args.requests, time_limit=args.time_limit)
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(30)
    print(f"{args.clients} clients x {args.requests} requests, {args.workers} workers, {os.cpu_count()} CPUs: "
          f"{r['requests']} answered in {r['wall']:.1f} s ({r['rps']:.0f} req/s); statuses {r['statuses']}; "
          f"connection errors {r['errors'] or 'none'}; latency p50 {r['p50'] * 1000:.0f} ms, "
          f"p99 {r['p99'] * 1000:.0f} ms, max {r['max'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
