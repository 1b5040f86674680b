"""`kg build --store` loads the query store while it validates: the store holds
the graph that was committed, and a build that fails leaves the previous store
and no temporary folder."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import kg.build as kb
import kg.store as ks
from kg.build import build


def _quiet(msg: str) -> None:
    pass


def _count(store_dir) -> int:
    return len(ox.Store.read_only(str(store_dir)))


def _leftovers(out) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def test_the_store_holds_the_committed_graph(tmp_path, seeds_dir):
    out = tmp_path / "out"
    res = build(seeds_dir, out, html=False, warn=_quiet, store=True)
    assert res.shacl_conforms
    expected = ox.Store()
    expected.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert _count(out / "store") == len(expected) == res.triples
    assert _leftovers(out) == []
    # a query finds the store newer than the graph: it is not loaded again
    assert (out / "store").stat().st_mtime >= (out / "graph.ttl").stat().st_mtime


def test_a_failed_validation_leaves_the_previous_store(tmp_path, seeds_dir, monkeypatch):
    out = tmp_path / "out"
    build(seeds_dir, out, html=False, warn=_quiet, store=True)
    before = _count(out / "store")
    graph = (out / "graph.ttl").read_bytes()

    def broken(ttl):
        raise RuntimeError("validator crashed")

    monkeypatch.setattr(kb, "validate", broken)
    with pytest.raises(RuntimeError):
        build(seeds_dir, out, html=False, warn=_quiet, store=True, cache=False)
    assert _count(out / "store") == before
    assert (out / "graph.ttl").read_bytes() == graph
    assert _leftovers(out) == []


def test_a_store_that_cannot_be_loaded_commits_nothing(tmp_path, seeds_dir, monkeypatch):
    out = tmp_path / "out"
    build(seeds_dir, out, html=False, warn=_quiet)
    summary = (out / "summary.json").read_bytes()

    def full_disk(ttl, out_dir):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ks, "stage_store", full_disk)
    with pytest.raises(OSError):
        build(seeds_dir, out, html=False, warn=_quiet, store=True, shacl=False, cache=False)
    assert not (out / "store").exists()
    assert (out / "summary.json").read_bytes() == summary
    assert _leftovers(out) == []
