"""Extraction engines: Dask distributed and the process pool give the bytes of --jobs 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main

pytest.importorskip("distributed")


def _outputs(out: Path) -> dict[str, bytes]:
    """Every output file but the cache, by relative path."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "cache" not in p.relative_to(out).parts}


def _quiet(msg: str) -> None:
    pass


@pytest.fixture(scope="module")
def reference(tmp_path_factory, seeds_dir) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("jobs1")
    build(seeds_dir, out, shacl=False, html=False, warn=_quiet, jobs=1)
    return _outputs(out)


def test_dask_local_cluster_build_is_byte_identical_to_jobs_1(tmp_path, seeds_dir, reference):
    """A local cluster of 2 worker processes; then a rebuild (facts from the cache index) on it."""
    out = tmp_path / "dask"
    result = build(seeds_dir, out, shacl=False, html=False, warn=_quiet, engine="dask")
    assert result.extracted == 5
    assert _outputs(out) == reference
    # the workers wrote each report's facts to OUT/cache and sent back its summary only
    assert len(list((out / "cache").glob("*.txt.*.json"))) == 5
    again = build(seeds_dir, out, shacl=False, html=False, warn=_quiet, engine="dask")
    assert again.extracted == 0
    assert _outputs(out) == reference


def test_dask_scheduler_address_from_cli(tmp_path, seeds_dir, reference):
    """`kg build --engine dask --scheduler ADDRESS` against a running cluster (in-process workers here)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        out = tmp_path / "remote"
        r = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(out), "--no-shacl", "--no-html",
                                      "--engine", "dask", "--scheduler", cluster.scheduler_address])
        assert r.exit_code == 0, r.output
    assert "documents: 5 (skipped 0, extracted 5, cached 0)" in r.output
    assert _outputs(out) == reference


def test_dask_build_skips_bad_files_like_the_local_build(tmp_path, seeds_dir):
    inp = tmp_path / "in"
    shutil.copytree(seeds_dir, inp)
    (inp / "empty.txt").write_bytes(b"")
    (inp / "scan.txt").write_bytes(b"\x00\x01\x02" * 100)
    local, dask = [], []
    build(inp, tmp_path / "a", shacl=False, html=False, warn=local.append, jobs=1)
    build(inp, tmp_path / "b", shacl=False, html=False, warn=dask.append, engine="dask", cache=False)
    assert dask == local
    assert sum("skipped" in m for m in dask) == 2
    a, b = (json.loads((tmp_path / d / "summary.json").read_text(encoding="utf-8")) for d in "ab")
    assert a == b
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()


def test_process_pool_sends_summaries_and_gives_the_same_bytes(tmp_path, seeds_dir, reference):
    out = tmp_path / "pool"
    build(seeds_dir, out, shacl=False, html=False, warn=_quiet, jobs=2)
    assert _outputs(out) == reference


def test_scheduler_needs_the_dask_engine(tmp_path, seeds_dir):
    r = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:1"])
    assert r.exit_code == 2
    assert "--scheduler needs --engine dask" in r.output
