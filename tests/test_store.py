"""The query store is loaded by the build and updated report by report on a
rebuild: it always holds exactly graph.ttl, and SHACL run in it (only the new
nodes on a rebuild) gives the verdict of validating the whole graph."""

import functools
import shutil

import pyoxigraph as ox
import pytest

import kg.store
from kg.build import build
from kg.store import STORE_DIR, open_store, read_manifest
from kg.validate import SHAPES, validate_file

FIRM = "城关区经信局2023年工作总结\n组织安徽青禾测试科技有限公司申报高新技术企业。\n"
OTHER = "河西区经信局2022年工作要点\n支持淮南蓝鲸智造有限公司参与专精特新培育。\n"
# shapes that the samples break in some reports' blocks and some entity nodes
STRICT = SHAPES.read_text(encoding="utf-8") + """
kgo:PlanShape a sh:NodeShape ; sh:targetClass kgo:Report ;
    sh:property [ sh:path kgo:planYear ; sh:minCount 1 ] .
kgo:PlaceShape a sh:NodeShape ; sh:targetClass kgo:Enterprise ;
    sh:property [ sh:path kgo:jurisdiction ; sh:minCount 1 ] .
"""


def _triples(store: ox.Store) -> set:
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _graph(out) -> set:
    g = ox.Store()
    g.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return _triples(g)


@pytest.fixture
def corpus(tmp_path, seeds_dir):
    inp = tmp_path / "in"
    shutil.copytree(seeds_dir, inp)
    (inp / "x.txt").write_text(FIRM, encoding="utf-8")
    return inp


def _no_whole_load(*a, **k):
    raise AssertionError("the store was loaded whole, not updated")


def test_rebuild_updates_the_store_to_exactly_the_new_graph(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    r = build(corpus, out, html=False, warn=lambda m: None)
    assert r.shacl_conforms and _triples(open_store(out)) == _graph(out)
    # one report changed, one gone, one new: the previous store is updated, not reloaded
    (corpus / "x.txt").write_text(FIRM + "推动安徽青禾测试科技有限公司与合肥赤松研究院合作。\n", encoding="utf-8")
    (corpus / "001_0bfc87de46fbd8a2.txt").unlink()
    (corpus / "y.txt").write_text(OTHER, encoding="utf-8")
    monkeypatch.setattr(kg.store, "_load_whole", _no_whole_load)
    r = build(corpus, out, html=False, warn=lambda m: None)
    assert r.shacl_conforms and r.documents == 6
    store = open_store(out)  # the build's store is the graph's: no reload (it would fail above)
    assert _triples(store) == _graph(out)
    labels = {str(t.object.value) for t in _triples(store)}
    assert "合肥赤松研究院" in labels and "001_0bfc87de46fbd8a2.txt" not in labels
    assert not list(out.glob(".store*"))


def test_verdicts_of_a_rebuild_are_those_of_the_whole_graph(corpus, tmp_path, monkeypatch):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(STRICT, encoding="utf-8")
    monkeypatch.setattr(kg.store, "stage_store", functools.partial(kg.store.stage_store, shapes=shapes))
    out = tmp_path / "out"
    r = build(corpus, out, html=False, warn=lambda m: None)
    expected = validate_file(out / "graph.ttl", shapes)
    kinds = {v.shape.rsplit("#")[-1] for v in expected}
    assert {"PlanShape", "PlaceShape"} <= kinds  # broken in blocks and on entity nodes
    assert (r.shacl_conforms, r.shacl_violations) == (False, len(expected))
    assert read_manifest(out / STORE_DIR).verdicts is not None  # each violation found its block
    monkeypatch.setattr(kg.store, "_load_whole", _no_whole_load)
    for text in (FIRM + "支持安徽青禾测试科技有限公司技术改造。\n", OTHER):  # kept verdicts, then again
        (corpus / "x.txt").write_text(text, encoding="utf-8")
        r = build(corpus, out, html=False, warn=lambda m: None)
        assert r.shacl_violations == len(validate_file(out / "graph.ttl", shapes)) > 0


def test_interrupted_rebuild_leaves_the_previous_store(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out, html=False, warn=lambda m: None)
    before = _triples(open_store(out))
    (corpus / "x.txt").write_text(OTHER, encoding="utf-8")

    def boom(*a, **k):  # after the store was staged: the last output to be made fails
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.build._stage", boom)
    with pytest.raises(KeyboardInterrupt):
        build(corpus, out, html=False, warn=lambda m: None)
    assert _triples(open_store(out)) == before == _graph(out)
    assert not list(out.glob(".store*"))


def test_a_build_without_the_store_leaves_it_to_the_first_query(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out, html=False, warn=lambda m: None)
    (corpus / "x.txt").write_text(OTHER, encoding="utf-8")
    build(corpus, out, html=False, shacl=False, warn=lambda m: None)  # the store is now another graph's
    assert _triples(open_store(out)) == _graph(out)


def test_a_damaged_store_is_loaded_again_whole(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out, html=False, warn=lambda m: None)
    (out / STORE_DIR / "CURRENT").unlink()  # Oxigraph can no longer open it
    (corpus / "x.txt").write_text(OTHER, encoding="utf-8")
    r = build(corpus, out, html=False, warn=lambda m: None)
    assert r.shacl_conforms and _triples(open_store(out)) == _graph(out)
    assert not list(out.glob(".store*"))
