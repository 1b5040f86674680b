"""Build benchmark: generated corpora of 10, 100 and 1,000 reports.

Reports are the samples with varied enterprise/project names and numbers.  For
each corpus size it prints characters and documents per second of a full
`kg build` (one process, no SHACL, empty output folder), peak memory, then for
the largest corpus a rebuild after changing one file, and --jobs 2 against
--jobs 1; plus, in the same run, the time of a plain ``jieba.posseg`` pass over
the same text.

Times are the best of ``--repeat`` runs, as ``timeit`` reports them: on a
shared machine other work only ever adds time, so the minimum is the estimate
that varies least from run to run.

    python benchmarks/bench_build.py [--sizes 10,100,1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOL = "华瑞恒泰鑫源宏达盛兴隆昌福锦嘉德润丰永和信诚康泽东明新远金科智创联合汇通安宁"


def generate(n: int, dest: Path, seed: int = 7) -> int:
    sys.path.insert(0, str(ROOT))
    from kg.extract import extract
    from kg.normalize import normalize

    rng = random.Random(seed)
    samples = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = normalize(p.read_bytes())
        names = sorted({e.name for e in extract(text, p.name).entities if e.type in ("Enterprise", "Project")
                        and len(e.name) >= 4}, key=len, reverse=True)
        samples.append((p.stem, text, names))
    dest.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        stem, text, names = samples[i % len(samples)]
        for name in names:
            k = 2 if len(name) > 6 else 1
            new = name[:k] + rng.choice(POOL) + name[k + 1:]
            text = text.replace(name, new)
        text = re.sub(r"\d+", lambda m: str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in m.group(0)[1:]), text)
        (dest / f"{i:05d}_{stem}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


RUN = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from kg.build import build
t = time.perf_counter()
r = build(Path({inp!r}), Path({out!r}), shacl=False, warn=lambda m: None, jobs={jobs})
print(json.dumps({{"seconds": time.perf_counter() - t, "docs": r.documents, "chars": r.characters,
                   "extracted": r.extracted, "triples": r.triples,
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run_build(inp: Path, out: Path, jobs: int = 1) -> dict:
    code = RUN.format(root=str(ROOT), inp=str(inp), out=str(out), jobs=jobs)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def jieba_pass(inp: Path) -> float:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [p.read_text(encoding="utf-8") for p in sorted(inp.glob("*.txt"))]
    t = time.perf_counter()
    for text in texts:
        for _ in pseg.cut(text):
            pass
    return time.perf_counter() - t


def best(runs: list[dict]) -> dict:
    out = min(runs, key=lambda r: r["seconds"])
    return {**out, "peak_mb": max(r["peak_mb"] for r in runs)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    ap.add_argument("--no-jieba", action="store_true")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        print(f"best of {a.repeat} runs")
        print(f"{'reports':>8} {'chars':>11} {'seconds':>8} {'chars/s':>9} {'docs/s':>7} {'s/doc':>7} {'peak MB':>8} {'jieba s':>8}")
        last = None
        for n in sizes:
            inp = td / f"in{n}"
            chars = generate(n, inp)
            runs = []
            for _ in range(a.repeat):
                shutil.rmtree(td / f"out{n}", ignore_errors=True)  # a full build: no cache
                runs.append(run_build(inp, td / f"out{n}"))
            r = best(runs)
            jb = "-" if a.no_jieba else f"{jieba_pass(inp):.1f}"
            print(f"{n:8d} {chars:11,d} {r['seconds']:8.1f} {r['chars'] / r['seconds']:9,.0f} {n / r['seconds']:7.1f} "
                  f"{r['seconds'] / n:7.3f} {r['peak_mb']:8.0f} {jb:>8}", flush=True)
            last = (n, inp, td / f"out{n}", r)
        n, inp, out, full = last
        victim = sorted(inp.glob("*.txt"))[n // 2]
        runs = []
        for k in range(a.repeat):
            victim.write_text(victim.read_text(encoding="utf-8") + f"\n新增安徽基准{POOL[k]}测试科技有限公司。\n", encoding="utf-8")
            runs.append(run_build(inp, out))
        r = best(runs)
        print(f"\nrebuild of {n} with one file changed: {r['seconds']:.2f} s ({r['extracted']} re-extracted), "
              f"{100 * r['seconds'] / full['seconds']:.1f}% of the full build")
        jobs = {}
        for j in (1, 2):
            runs = []
            for _ in range(a.repeat):
                shutil.rmtree(td / "j", ignore_errors=True)
                runs.append(run_build(inp, td / "j", jobs=j))
            jobs[j] = best(runs)["seconds"]
        print(f"--jobs 1: {jobs[1]:.1f} s   --jobs 2: {jobs[2]:.1f} s   (fresh output folders, no cache)")


if __name__ == "__main__":
    main()
