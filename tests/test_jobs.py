"""`kg build` uses the machine's CPUs by default: a process pool for many new
reports, this process alone for a few, the same bytes either way."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

import kg.build as kb
from kg.build import build
from kg.cli import main


def _quiet(msg: str) -> None:
    pass


class _CountingPool(kb.ProcessPoolExecutor):
    """The real pool, counted."""

    started = 0

    def __init__(self, *a, **k):
        type(self).started += 1
        super().__init__(*a, **k)


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "cache" not in p.relative_to(out).parts}


def test_default_jobs_is_the_usable_cpus(monkeypatch):
    monkeypatch.setattr(kb.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert kb.default_jobs() == 3


def test_a_few_reports_stay_in_this_process_by_default(tmp_path, seeds_dir, monkeypatch):
    monkeypatch.setattr(kb, "default_jobs", lambda: 4)
    monkeypatch.setattr(kb, "ProcessPoolExecutor", _CountingPool)
    _CountingPool.started = 0
    build(seeds_dir, tmp_path / "auto", shacl=False, html=False, warn=_quiet, jobs=None)
    assert _CountingPool.started == 0
    build(seeds_dir, tmp_path / "two", shacl=False, html=False, warn=_quiet, jobs=2)  # asked for: pools
    assert _CountingPool.started == 2  # extraction, then the blocks of the graph
    assert _outputs(tmp_path / "auto") == _outputs(tmp_path / "two")


def test_many_new_reports_go_to_a_pool_by_default_and_give_the_bytes_of_one_process(tmp_path, seeds_dir, monkeypatch):
    inp = tmp_path / "in"
    inp.mkdir()
    for k in range(3):  # 15 reports
        for p in sorted(seeds_dir.glob("*.txt")):
            shutil.copy(p, inp / f"{k}_{p.name}")
    monkeypatch.setattr(kb, "default_jobs", lambda: 2)
    monkeypatch.setattr(kb, "POOL_MIN_REPORTS", 10)
    monkeypatch.setattr(kb, "ProcessPoolExecutor", _CountingPool)
    _CountingPool.started = 0
    build(inp, tmp_path / "auto", shacl=False, html=False, warn=_quiet, jobs=None)
    assert _CountingPool.started == 2  # extraction, then the blocks of the graph
    build(inp, tmp_path / "one", shacl=False, html=False, warn=_quiet, jobs=1)
    assert _CountingPool.started == 2
    assert _outputs(tmp_path / "auto") == _outputs(tmp_path / "one")
    # a rebuild with one report changed has one new report: no pool
    p = sorted(inp.glob("*.txt"))[0]
    p.write_text(p.read_text(encoding="utf-8") + "\n新增示例测试科技有限公司。\n", encoding="utf-8")
    again = build(inp, tmp_path / "auto", shacl=False, html=False, warn=_quiet, jobs=None)
    assert again.extracted == 1
    assert _CountingPool.started == 2
    fresh = tmp_path / "fresh"
    build(inp, fresh, shacl=False, html=False, warn=_quiet, jobs=1, cache=False)
    assert _outputs(tmp_path / "auto") == _outputs(fresh)


def test_the_cli_leaves_jobs_to_the_library_and_says_so(tmp_path, seeds_dir, monkeypatch):
    seen = {}

    def fake_build(input_dir, out_dir, **kw):
        seen.update(kw)
        raise kb.BuildError("stop here")

    monkeypatch.setattr(kb, "build", fake_build)
    r = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1 and seen["jobs"] is None
    help_text = " ".join(CliRunner().invoke(main, ["build", "--help"]).output.split())
    assert "usable CPUs" in help_text and f"fewer than {kb.POOL_MIN_REPORTS} new reports" in help_text


def test_blocks_rendered_in_forked_processes_bring_back_texts_even_when_extracted_again(tmp_path, seeds_dir,
                                                                                        monkeypatch):
    ref = tmp_path / "ref"
    build(seeds_dir, ref, shacl=False, html=False, warn=_quiet, jobs=1, cache=False)
    # every cache entry unreadable: the forked renderers extract each report again
    monkeypatch.setattr(kb, "_read_cache_entry", lambda path: None)
    res = build(seeds_dir, tmp_path / "pool", shacl=False, html=False, warn=_quiet, jobs=2)
    assert res.extracted == 5
    assert _outputs(tmp_path / "pool") == _outputs(ref)
    assert len(list((tmp_path / "pool" / "text").glob("*.txt"))) == 5
