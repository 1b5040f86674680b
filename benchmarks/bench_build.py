"""Build benchmark: generated corpora of 10, 100 and 1,000 reports.

Reports are generated from the raw sample reports and, when the shared dev
corpus is beside the project (``../shared/corpus/dev``, read at run time, never
copied), the 20 dev reports of 14 provinces: traditional script with pinyin
readings and web chrome as they came, paragraphs shuffled and mixed with a
second report's, years kept; in the normalised half, enterprise and project
names are redrawn from a pool of ~90,000 trade names.  Each measurement is a
whole ``kg build`` process (start-up, extraction, SHACL validation, the query
store loaded), timed from outside; the median of ``--repeat`` runs is
reported, with the slowest beside it.  Inside the same process the time spent
in SHACL validation (``kg.validate.validate_store`` and the marking of the
nodes to check) is summed, so its share of the build is printed.  After each
one-file rebuild, the first query is a whole ``kg query`` process too.  A
plain ``jieba.posseg`` pass over the same text is timed for reference.

    python benchmarks/bench_build.py [--sizes 10,100,1000] [--repeat 3] [--no-jobs]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
# characters of trade names: 300 common ones, two at a time
POOL = ("华瑞恒泰鑫源宏达盛兴隆昌福锦嘉德润丰永和信诚康泽东明新远金科智创联合汇通安宁天海龙凯博盈益佳美立"
        "正元中光辉祥荣顺发成建晨阳星月云山川江湖水林森木春秋冬夏宇航飞腾跃翔鹏鸿雁凤凰麒麟虎豹狮象鹰"
        "宝玉珠翠晶银铜铁钢石岩峰岭原野田园绿青蓝紫红白黑黄彩虹霞雨雪风雷电波涛洋浪帆舟港湾桥路通达畅"
        "远近高大小中上下左右前后东西南北方圆长久恒常永固坚强力雄威武英豪杰俊秀灵慧聪敏捷速快乐欣喜悦"
        "康健寿福禄喜庆丰收富贵吉祥如意平安顺利和谐友爱仁义礼智信忠孝廉耻勤俭朴实诚恳谦让宽厚温良恭")


def _sources() -> list[tuple[str, str, bool]]:
    """(stem, text, raw) of every source report: raw as written, or normalised."""
    from kg.normalize import normalize

    out = []
    for p in [*sorted((ROOT / "seeds").glob("*.txt")), *sorted(DEV.glob("*.txt"))]:
        data = p.read_bytes()
        out.append((p.stem, data.decode("utf-8", "replace"), True))
        out.append((p.stem, normalize(data), False))
    return out


def generate(n: int, dest: Path, seed: int = 7) -> int:
    sys.path.insert(0, str(ROOT))
    from kg.extract import extract

    rng = random.Random(seed)
    sources = _sources()
    names = {}
    for stem, text, raw in sources:
        if not raw:
            names[stem] = sorted({e.name for e in extract(text, stem + ".txt").entities
                                  if e.type in ("Enterprise", "Project") and len(e.name) >= 4}, key=len, reverse=True)
    dest.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        stem, text, raw = sources[i % len(sources)]
        _, other, _ = rng.choice([s for s in sources if s[2] == raw])
        title, *paras = [ln for ln in text.split("\n") if ln.strip()]
        extra = [ln for ln in other.split("\n")[1:] if ln.strip()]
        paras += rng.sample(extra, min(len(extra), max(1, len(paras) // 3)))
        rng.shuffle(paras)
        body = "\n".join([title, *paras]) + "\n"
        if not raw:
            for name in names[stem]:
                body = body.replace(name, rng.choice(POOL) + rng.choice(POOL) + name[2:])
        (dest / f"{i:05d}_{stem}.txt").write_text(body, encoding="utf-8")
        chars += len(body)
    return chars


EXTRA: list[str] = []  # the default build: SHACL in the query store it loads; --plain: ["--no-shacl"]

# `kg build` with the time spent validating summed in the same process and printed at exit
TIMED_BUILD = """
import atexit, sys, time
import kg.validate as v
spent = [0.0, 0.0]
def timed(f):
    def g(*a, **k):
        w, c = time.perf_counter(), time.process_time()
        try:
            return f(*a, **k)
        finally:
            spent[0] += time.perf_counter() - w
            spent[1] += time.process_time() - c
    return g
for name in ("validate_store", "mark_focus", "unmark"):
    setattr(v, name, timed(getattr(v, name)))
atexit.register(lambda: print(f"VALIDATION {spent[0]:.3f} {spent[1]:.3f}", file=sys.stderr))
from kg.cli import main
main(prog_name="kg")
"""


def run_build(inp: Path, out: Path, jobs: int | None = None) -> dict:
    """One whole `kg build` process, timed from outside (wall; user+sys CPU from /usr/bin/time);
    ``jobs`` None: the build's default, as many processes as usable CPUs."""
    cmd = [sys.executable, "-c", TIMED_BUILD, "build", str(inp), "--out", str(out), *(["--jobs", str(jobs)] if jobs else []), *EXTRA,
           "--no-html"]
    t = time.perf_counter()
    res = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *cmd], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    seconds = time.perf_counter() - t
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    extracted = int(re.search(r"extracted (\d+)", res.stdout).group(1))
    peak, user, system = res.stderr.strip().splitlines()[-1].split()
    vwall, vcpu = (float(x) for x in re.search(r"VALIDATION (\S+) (\S+)", res.stderr).groups())
    return {"seconds": seconds, "cpu": float(user) + float(system), "docs": summary["documents"],
            "chars": summary["characters"], "extracted": extracted, "peak_mb": int(peak) / 1024,
            "shacl": summary["shacl"]["conforms"], "valid_wall": vwall, "valid_cpu": vcpu}


def first_query(out: Path) -> dict:
    """The first `kg query` after a build: a whole process, timed from outside."""
    cmd = [sys.executable, "-m", "kg.cli", "query", "programs_in_several_reports", "--graph", str(out)]
    t = time.perf_counter()
    res = subprocess.run(["/usr/bin/time", "-f", "%U %S", *cmd], capture_output=True, text=True, check=True, cwd=ROOT)
    seconds = time.perf_counter() - t
    user, system = res.stderr.strip().splitlines()[-1].split()
    return {"seconds": seconds, "cpu": float(user) + float(system), "rows": res.stdout.count("\n") - 2}


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


def median(runs: list[dict]) -> dict:
    """The median run by wall time; every other figure is the median of its own over the runs."""
    out = dict(sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2])
    for k in ("cpu", "valid_wall", "valid_cpu"):
        if k in out:
            out[k] = statistics.median(r[k] for r in runs)
    return {**out, "slowest": max(r["seconds"] for r in runs), "peak_mb": max(r.get("peak_mb", 0) for r in runs)}


def share(r: dict) -> str:
    return (f"validation {r['valid_wall']:.2f} s wall = {100 * r['valid_wall'] / r['seconds']:.1f}% of the build, "
            f"{r['valid_cpu']:.2f} s CPU = {100 * r['valid_cpu'] / r['cpu']:.1f}% of its CPU")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    ap.add_argument("--no-jieba", action="store_true")
    ap.add_argument("--plain", action="store_true", help="without SHACL and the query store")
    ap.add_argument("--no-jobs", action="store_true", help="skip the --jobs 1 / --jobs 2 comparison")
    a = ap.parse_args()
    if a.plain:
        EXTRA[:] = ["--no-shacl"]
    sizes = [int(s) for s in a.sizes.split(",")]
    with tempfile.TemporaryDirectory() as td:
        td = Path(td)
        print(f"median of {a.repeat} runs of whole `kg build {' '.join(EXTRA)}` processes (default --jobs: "
              f"{len(os.sched_getaffinity(0))} usable CPUs; load average at start {os.getloadavg()[0]:.1f})")
        print(f"{'reports':>8} {'chars':>11} {'seconds':>8} {'slowest':>8} {'CPU s':>6} {'chars/s':>9} {'docs/s':>7} {'s/doc':>7} {'peak MB':>8} {'jieba s':>8}")
        last = None
        shares: list[str] = []
        for n in sizes:
            inp = td / f"in{n}"
            chars = generate(n, inp)
            runs = []
            for _ in range(a.repeat):
                shutil.rmtree(td / f"out{n}", ignore_errors=True)  # a full build: no cache
                runs.append(run_build(inp, td / f"out{n}"))
            r = median(runs)
            jb = "-" if a.no_jieba else f"{jieba_pass(inp):.1f}"
            print(f"{n:8d} {chars:11,d} {r['seconds']:8.1f} {r['slowest']:8.1f} {r['cpu']:6.1f} {r['chars'] / r['seconds']:9,.0f} {n / r['seconds']:7.1f} "
                  f"{r['seconds'] / n:7.3f} {r['peak_mb']:8.0f} {jb:>8}", flush=True)
            shares.append(f"{n:8d}: {share(r)}" if r["shacl"] is not None else f"{n:8d}: not validated")
            last = (n, inp, td / f"out{n}", r)
        print("\n".join(shares))
        n, inp, out, full = last
        victim = sorted(inp.glob("*.txt"))[n // 2]
        runs, queries = [], []
        for k in range(a.repeat):
            victim.write_text(victim.read_text(encoding="utf-8") + f"\n新增安徽基准{POOL[k]}测试科技有限公司。\n", encoding="utf-8")
            runs.append(run_build(inp, out))
            queries.append(first_query(out))
        r = median(runs)
        print(f"\nrebuild of {n} with one file changed: {r['seconds']:.2f} s ({r['extracted']} re-extracted), "
              f"{100 * r['seconds'] / full['seconds']:.1f}% of the full build; {r['cpu']:.1f} s CPU")
        if r["shacl"] is not None:
            print(f"  {share(r)}")
        q = median(queries)
        print(f"first query after each rebuild (whole `kg query` process, {q['rows']} rows): median {q['seconds']:.2f} s "
              f"(slowest {q['slowest']:.2f} s), {q['cpu']:.2f} s CPU")
        if a.no_jobs:
            return
        jobs = {}
        for j in (1, 2):
            runs = []
            for _ in range(a.repeat):
                shutil.rmtree(td / "j", ignore_errors=True)
                runs.append(run_build(inp, td / "j", jobs=j))
            jobs[j] = median(runs)["seconds"]
        print(f"--jobs 1: {jobs[1]:.1f} s   --jobs 2: {jobs[2]:.1f} s   (fresh output folders, no cache)")


if __name__ == "__main__":
    main()
