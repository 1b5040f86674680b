"""Scale benchmark: 1,000, 3,000 and 10,000 generated reports, three ways.

For each size (corpus made by ``bench_build.generate``, the same generator as
the build benchmark), in fresh output folders:

- ``jobs2``:   a whole ``kg build --jobs 2`` process (process pool);
- ``dask``:    a whole ``kg build --engine dask`` process (local cluster of 2 worker processes);
- ``extract``: extraction only, ``kg.build.extract_all`` with ``jobs=2`` into a fresh cache, as the build does it.

``kg build`` runs with ``--no-shacl --no-html`` (SHACL validation and the HTML
view are measured by bench_build.py); ``build - extract`` is then the cost of
resolution, rendering and writing the outputs.  Each run is timed from
outside; peak memory is each process's own high-water mark (``VmHWM`` from
/proc): the build process's at its exit, its worker processes' polled every
0.2 s.  One run per cell (a 10k build takes minutes on 2 cores).

    python benchmarks/bench_scale.py [--sizes 1000,3000,10000] [--modes jobs2,dask,extract]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import generate  # noqa: E402

# runs the command given after it in this process, and prints its own peak RSS (kB) at exit
PEAK = """
import atexit, runpy, sys
def _peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("PEAK_KB " + line.split()[1] + "\\n")
atexit.register(_peak)
sys.argv = sys.argv[1:]
if sys.argv[0] == "-m":
    sys.argv = sys.argv[1:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    runpy.run_path(sys.argv[0], run_name="__main__")
"""

EXTRACT_ONLY = """
import sys
from pathlib import Path
from kg.build import _gc_paused, extract_all, list_inputs
inp, cache = Path(sys.argv[1]), Path(sys.argv[2])
with _gc_paused():
    done, skipped, _ = extract_all(list_inputs(inp), lambda m: None, jobs=2, cache_dir=cache)
print(f"extracted {len(done)} skipped {len(skipped)}")
"""


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def run(cmd: list[str], cwd: Path = ROOT) -> dict:
    """Run ``python PEAK cmd…``; seconds, the process's peak MB and its children's largest peak MB."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", PEAK, *cmd], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    children: dict[int, int] = {}
    while proc.poll() is None:
        for c in _descendants(proc.pid):
            children[c] = max(children.get(c, 0), _hwm_kb(c))
        time.sleep(0.2)
    out, err = proc.communicate()
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    peak = int(re.findall(r"PEAK_KB (\d+)", err)[-1])
    workers = sorted(children.values(), reverse=True)
    return {"seconds": seconds, "peak_mb": peak / 1024, "worker_mb": (workers[0] / 1024) if workers else 0.0,
            "processes": 1 + len([w for w in workers if w > 50 * 1024]), "stdout": out}


def build_cmd(inp: Path, out: Path, mode: str) -> list[str]:
    cmd = ["-m", "kg.cli", "build", str(inp), "--out", str(out), "--no-shacl", "--no-html"]
    return cmd + (["--jobs", "2"] if mode == "jobs2" else ["--engine", "dask"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--modes", default="jobs2,dask,extract")
    ap.add_argument("--keep", type=Path, help="keep the corpora and outputs here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the rows to this file")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    modes = a.modes.split(",")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-scale-") as td:
        base = a.keep or Path(td)
        print(f"{'mode':8} {'reports':>8} {'chars':>12} {'seconds':>8} {'chars/s':>9} {'docs/s':>7} {'ms/doc':>7} "
              f"{'x 1st':>5} {'main MB':>8} {'worker MB':>9}", flush=True)
        first: dict[str, float] = {}
        for n in sizes:
            inp = base / f"in{n}"
            chars = generate(n, inp) if not inp.exists() else sum(len(p.read_text(encoding="utf-8"))
                                                                   for p in inp.glob("*.txt"))
            for mode in modes:
                out = base / f"out{n}-{mode}"
                subprocess.run(["rm", "-rf", str(out)], check=True)
                if mode == "extract":
                    r = _run_script(EXTRACT_ONLY, [str(inp), str(out / "cache")], base)
                else:
                    r = run(build_cmd(inp, out, mode))
                    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
                    assert summary["documents"] == n, summary["documents"]
                ms = 1000 * r["seconds"] / n
                first.setdefault(mode, ms)
                row = {"mode": mode, "reports": n, "chars": chars, "seconds": r["seconds"],
                       "chars_per_s": chars / r["seconds"], "docs_per_s": n / r["seconds"], "ms_per_doc": ms,
                       "vs_first": ms / first[mode], "main_mb": r["peak_mb"], "worker_mb": r["worker_mb"]}
                rows.append(row)
                print(f"{mode:8} {n:8d} {chars:12,d} {r['seconds']:8.1f} {row['chars_per_s']:9,.0f} "
                      f"{row['docs_per_s']:7.1f} {ms:7.2f} {row['vs_first']:5.2f} {r['peak_mb']:8.0f} "
                      f"{r['worker_mb']:9.0f}", flush=True)
                if a.json:
                    a.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        by = {(r["mode"], r["reports"]): r for r in rows}
        print("\nresolution + rendering + writing (build - extraction only):")
        for n in sizes:
            if ("jobs2", n) in by and ("extract", n) in by:
                rest = by[("jobs2", n)]["seconds"] - by[("extract", n)]["seconds"]
                print(f"{n:8d} reports: {rest:6.1f} s  {1000 * rest / n:6.2f} ms/doc")


def _run_script(code: str, args: list[str], base: Path) -> dict:
    script = base / "extract_only.py"
    script.write_text(code, encoding="utf-8")
    return run([str(script), *args])


if __name__ == "__main__":
    main()
