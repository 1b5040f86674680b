"""View benchmark: the layout's cost at build time and the views' drawing time in headless Chromium.

Corpora come from ``bench_build.generate`` (the realistic generator).  For each
of ``--layout-sizes`` a corpus is built (``kg build --no-shacl``, one whole
process, timed from outside) and the layout of its view (``kg.layout.layout``,
what the build runs) is timed in-process in CPU seconds, median of
``--repeat``.  The corpus of ``--reports`` reports (4,500: ~15,500 entities,
~20,000 nodes with the reports) is built the same way; its default page
(``graph.html``: the 2,000 most connected entities) and its full view
(``kg viz --limit 1000000``) are opened ``--repeat`` times each in Debian's
chromium (Playwright), and the time from navigation start to the first drawn
frame (``window.kgTimings.drawn``, with where it went) is reported, median.

    python benchmarks/bench_view.py [--reports 4500] [--layout-sizes 100,1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from bench_build import generate  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def kg(*args: str) -> float:
    """A whole kg process, timed from outside (seconds)."""
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - t


def layout_cpu(out: Path, repeat: int) -> tuple[int, int, float]:
    """Nodes, edges and the median CPU seconds of laying out the build's view."""
    from kg.layout import layout

    view = json.loads((out / "view.json").read_text(encoding="utf-8"))
    ids = [n["id"] for n in view["nodes"]]
    edges = [(e["from"], e["to"]) for e in view["edges"]]
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        layout(ids, edges)
        runs.append(time.process_time() - t)
    return len(ids), len(edges), statistics.median(runs)


def draw_times(page_file: Path, repeat: int) -> list[dict]:
    """kgTimings of ``repeat`` fresh loads of a page (ms from navigation start)."""
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            page.goto(page_file.as_uri(), timeout=600000)
            page.wait_for_function("window.kgStable === true", timeout=600000)
            t = page.evaluate("window.kgTimings")
            t["shown"] = page.evaluate("window.kgNetwork.body.nodeIndices.length")
            out.append(t)
            ctx.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=4500, help="reports of the corpus whose views are drawn")
    ap.add_argument("--layout-sizes", default="100,1000")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        print(f"{'reports':>8} {'nodes':>7} {'edges':>8} {'build s':>8} {'layout CPU s':>13} {'share':>6}")
        sizes = [int(s) for s in a.layout_sizes.split(",") if s] + [a.reports]
        for n in sizes:
            inp, out = td / f"in{n}", td / f"out{n}"
            generate(n, inp)
            build_s = kg("build", str(inp), "--out", str(out), "--no-shacl", "--jobs", "2")
            nodes, edges, cpu = layout_cpu(out, a.repeat)
            print(f"{n:8d} {nodes:7d} {edges:8d} {build_s:8.1f} {cpu:13.2f} {100 * cpu / build_s:5.1f}%", flush=True)
        out = td / f"out{a.reports}"
        kg("viz", "--graph", str(out), "--limit", "1000000", "--out", str(out / "full.html"))
        print(f"\nfirst frame in headless chromium, ms from navigation start, median of {a.repeat} "
              f"(script start / JSON parsed / network built / drawn)")
        for name, page in (("default view (graph.html)", out / "graph.html"), ("full view (kg viz --limit 1000000)", out / "full.html")):
            runs = draw_times(page, a.repeat)
            med = {k: statistics.median(r[k] for r in runs) for k in ("start", "parsed", "network", "drawn")}
            mb = page.stat().st_size / 2**20
            print(f"{name:36s} {runs[0]['shown']:6d} nodes {mb:5.0f} MB: {med['drawn']:7.0f} ms "
                  f"({med['start']:.0f} / {med['parsed']:.0f} / {med['network']:.0f} / {med['drawn']:.0f}); "
                  f"slowest {max(r['drawn'] for r in runs):.0f} ms", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
