"""Query benchmark: every bundled question on a realistic graph of >= 1 million triples.

The graph is a real ``kg build`` of reports made by ``bench_build.generate``
(raw samples and dev reports, shuffled paragraphs, names from a large pool,
years kept): 1,400 reports give about 1.17 M triples.  Each question runs on
Oxigraph in memory (as ``kg serve``'s workers hold the graph) and on disk (the
build's ``OUT/store``, opened read-only as ``kg query`` opens it), the two
interleaved run by run; a run is the query plus reading every value of every
row, as ``kg query`` prints them.  Medians of ``--repeat`` runs (after one
warm-up), wall clock and the process's CPU time: on a machine shared with other
work the wall clock also counts the time others had the cores.  ``--rdflib``
adds rdflib's engine for comparison (minutes of loading, GBs of memory).
Last, a trivial ``kg query`` is timed as a whole process, start-up included.

    python benchmarks/bench_query.py [--reports 1400] [--repeat 7] [--work DIR] [--rdflib]

``--work DIR`` keeps the corpus and the build there and reuses them next time.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET_MEMORY_MS, TARGET_DISK_MS, TARGET_QUERY_S = 50, 200, 0.25
TRIVIAL = "SELECT ?r WHERE { ?r a kgo:Report } LIMIT 1"


def build_graph(n: int, work: Path, jobs: int) -> dict:
    """Generate ``n`` reports and build them with the kg CLI (reused when
    ``work`` already holds a build of that many)."""
    from bench_build import generate

    inp, out = work / "in", work / "out"
    summary = out / "summary.json"
    if summary.exists() and json.loads(summary.read_text(encoding="utf-8"))["documents"] == n \
            and (out / "store").exists():
        return json.loads(summary.read_text(encoding="utf-8")) | {"build_s": None}
    shutil.rmtree(work / "in", ignore_errors=True)
    shutil.rmtree(work / "out", ignore_errors=True)
    generate(n, inp)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(inp), "--out", str(out), "--jobs", str(jobs),
                    "--store", "--no-html"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return json.loads(summary.read_text(encoding="utf-8")) | {"build_s": time.perf_counter() - t}


def timed(run) -> tuple[float, float, int]:
    """(wall ms, CPU ms, rows) of one ``run()``."""
    c, t = time.process_time(), time.perf_counter()
    rows = run()
    return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000, rows


def oxigraph_run(store, query: str):
    import pyoxigraph as ox

    from kg.query import prefixes

    def run() -> int:
        res = store.query(query, prefixes=prefixes())
        if not isinstance(res, ox.QuerySolutions):
            return 1
        names = res.variables
        n = 0
        for sol in res:
            for v in names:
                t = sol[v]
                if t is not None:
                    t.value  # noqa: B018 - reading the value, as printing does
            n += 1
        return n

    return run


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def rdflib_ms(graph, query: str, timeout: int) -> str:
    from kg.query import prefixes

    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items())
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        t = time.perf_counter()
        list(graph.query(prologue + query))
        return f"{(time.perf_counter() - t) * 1000:.0f}"
    except Timeout:
        return f">{timeout * 1000}"
    finally:
        signal.alarm(0)


def kg_query_process(out: Path, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of a whole trivial ``kg query`` process."""
    kg = Path(sys.executable).with_name("kg")
    cmd = [str(kg)] if kg.exists() else [sys.executable, "-m", "kg.cli"]
    walls, cpus = [], []
    for _ in range(repeat + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([*cmd, "query", "--graph", str(out), TRIVIAL], check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1400, help="generated reports (1,400: about 1.17 M triples)")
    ap.add_argument("--repeat", type=int, default=7, help="runs per query and store; medians are reported")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", type=Path, help="keep the corpus and build here, reuse them next time")
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib's engine (slow to load)")
    ap.add_argument("--rdflib-timeout", type=int, default=60, help="seconds per rdflib query before giving up")
    a = ap.parse_args()

    import pyoxigraph as ox

    from kg.query import bundled
    from kg.store import STORE_DIR, memory_store

    tmp = None
    if a.work is None:
        tmp = tempfile.TemporaryDirectory()
        a.work = Path(tmp.name)
    a.work.mkdir(parents=True, exist_ok=True)
    try:
        s = build_graph(a.reports, a.work, a.jobs)
        out = a.work / "out"
        built = "reused" if s["build_s"] is None else f"built in {s['build_s']:.0f} s with --store, --jobs {a.jobs}"
        print(f"graph: {s['triples']:,} triples from {s['documents']:,} generated reports "
              f"({s['characters']:,} characters; {built})")
        t = time.perf_counter()
        memory = memory_store(out / "graph.ttl")
        print(f"oxigraph in memory: graph.ttl loaded in {time.perf_counter() - t:.1f} s")
        disk = ox.Store.read_only(str(out / STORE_DIR))
        rg = None
        if a.rdflib:
            from rdflib import Graph

            t = time.perf_counter()
            rg = Graph().parse(out / "graph.ttl", format="turtle")
            print(f"rdflib: graph.ttl parsed in {time.perf_counter() - t:.1f} s")
        print(f"\nmedian of {a.repeat} runs (after one warm-up), ms; CPU = the process's CPU time\n")
        head = f"{'query':32} {'rows':>5} {'memory':>8} {'CPU':>6} {'disk':>8} {'CPU':>6} {'rdflib':>8}"
        print(head)
        print("-" * len(head))
        worst = {"memory": [0.0, 0.0], "disk": [0.0, 0.0]}  # slowest median: wall, CPU
        for name, (_question, q) in bundled().items():
            runs = {"memory": [], "disk": []}
            for i in range(a.repeat + 1):
                for label, store in (("memory", memory), ("disk", disk)):
                    r = timed(oxigraph_run(store, q))
                    if i:
                        runs[label].append(r)
            med = {k: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for k, v in runs.items()}
            rows = runs["memory"][0][2]
            assert rows == runs["disk"][0][2], name
            for k, slowest in worst.items():
                worst[k] = [max(slowest[0], med[k][0]), max(slowest[1], med[k][1])]
            rd = rdflib_ms(rg, q, a.rdflib_timeout) if rg is not None else "-"
            print(f"{name:32} {rows:5d} {med['memory'][0]:8.1f} {med['memory'][1]:6.1f} "
                  f"{med['disk'][0]:8.1f} {med['disk'][1]:6.1f} {rd:>8}", flush=True)
        wall, cpu = kg_query_process(out, a.repeat)
        print(f"\nkg query, trivial ({TRIVIAL!r}), whole process: median {wall:.3f} s wall, {cpu:.3f} s CPU")
        print(f"targets: every query < {TARGET_MEMORY_MS} ms in memory and < {TARGET_DISK_MS} ms on disk, "
              f"kg query < {TARGET_QUERY_S} s")
        for label, i, q in (("wall clock", 0, wall), ("CPU time", 1, cpu)):
            ok = worst["memory"][i] < TARGET_MEMORY_MS and worst["disk"][i] < TARGET_DISK_MS and q < TARGET_QUERY_S
            print(f"  {label:10}: slowest {worst['memory'][i]:.1f} ms in memory, {worst['disk'][i]:.1f} ms on disk, "
                  f"kg query {q:.3f} s: {'met' if ok else 'NOT met'}")
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
