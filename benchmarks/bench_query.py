"""Query benchmark: every bundled question on Oxigraph (the store kg uses) and on
rdflib's SPARQL engine, over a graph of >= 1 million triples.

The graph is the samples' extraction repeated under renamed entities (copy k's
IRIs and labels carry a suffix), with the ontology once.  Prints the load time
of each engine, then median latency per query and the ratio rdflib/Oxigraph.

    python benchmarks/bench_query.py [--copies 100] [--repeat 5] [--rdflib-timeout 60]
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_graph(copies: int, path: Path) -> int:
    from kg.build import ONTOLOGY_DIR
    from kg.extract import extract
    from kg.graph import render_turtle
    from kg.normalize import normalize

    docs = [extract(normalize(p.read_bytes()), p.name) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    from rdflib import Graph as _G

    nt = _G().parse(data=render_turtle(docs), format="turtle").serialize(format="nt")
    lines = [ln for ln in nt.splitlines() if ln.strip()]
    iri = re.compile(r"<https://w3id\.org/kg-cn/id/")
    lit = re.compile(r'"((?:[^"\\]|\\.)*)"@zh')
    n = 0
    with path.open("w", encoding="utf-8") as f:
        from rdflib import Graph

        onto = Graph().parse(ONTOLOGY_DIR / "kg.ttl").serialize(format="nt")
        f.write(onto)
        n += sum(1 for ln in onto.splitlines() if ln.strip())
        for k in range(copies):
            sub_iri = f"<https://w3id.org/kg-cn/id/c{k}/"
            for ln in lines:
                ln = iri.sub(sub_iri, ln)
                if k:
                    ln = lit.sub(lambda m, k=k: f'"{m.group(1)}·{k}"@zh', ln)
                f.write(ln + "\n")
                n += 1
    return n


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rdflib-repeat", type=int, default=1)
    ap.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query before giving up")
    ap.add_argument("--no-rdflib", action="store_true")
    a = ap.parse_args()

    import pyoxigraph as ox

    from kg.query import bundled, prefixes

    with tempfile.TemporaryDirectory() as td:
        nt = Path(td) / "graph.nt"
        t = time.perf_counter()
        n = make_graph(a.copies, nt)
        print(f"graph: {n:,} triples ({a.copies} copies of the samples) generated in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        disk = ox.Store(str(Path(td) / "store"))
        disk.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        disk.flush()
        print(f"oxigraph load (on disk, as kg build persists it): {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        store = ox.Store()
        store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        print(f"oxigraph load (in memory, as kg serve holds it): {time.perf_counter() - t:.1f} s")
        rg = None
        if not a.no_rdflib:
            from rdflib import Graph

            t = time.perf_counter()
            rg = Graph()
            rg.parse(nt, format="nt")
            print(f"rdflib load:   {time.perf_counter() - t:.1f} s")
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items())
        print(f"\n{'query':32} {'oxigraph ms':>12} {'on disk ms':>11} {'rows':>6} {'rdflib ms':>10} {'ratio':>7}")
        signal.signal(signal.SIGALRM, _alarm)
        for name, (_question, q) in bundled().items():
            times, rows = [], 0
            for _ in range(a.repeat):
                t = time.perf_counter()
                res = store.query(q, prefixes=prefixes())
                rows = sum(1 for _ in res) if isinstance(res, ox.QuerySolutions) else 1
                times.append((time.perf_counter() - t) * 1000)
            ox_ms = statistics.median(times)
            dtimes = []
            for _ in range(a.repeat):
                t = time.perf_counter()
                sum(1 for _ in disk.query(q, prefixes=prefixes()))
                dtimes.append((time.perf_counter() - t) * 1000)
            disk_ms = statistics.median(dtimes)
            rd = "-"
            ratio = "-"
            if rg is not None:
                rtimes = []
                try:
                    for _ in range(a.rdflib_repeat):
                        signal.alarm(a.rdflib_timeout)
                        t = time.perf_counter()
                        list(rg.query(prologue + q))
                        rtimes.append((time.perf_counter() - t) * 1000)
                        signal.alarm(0)
                    rd_ms = statistics.median(rtimes)
                    rd, ratio = f"{rd_ms:.0f}", f"{rd_ms / ox_ms:.0f}x"
                except Timeout:
                    rd, ratio = f">{a.rdflib_timeout * 1000}", f">{a.rdflib_timeout * 1000 / ox_ms:.0f}x"
                finally:
                    signal.alarm(0)
            print(f"{name:32} {ox_ms:12.1f} {disk_ms:11.1f} {rows:6d} {rd:>10} {ratio:>7}", flush=True)


if __name__ == "__main__":
    main()
