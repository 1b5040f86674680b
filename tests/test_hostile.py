"""Bad input: one clear message per bad file, the rest still builds."""

import dataclasses
import os
import pickle
import shutil

from click.testing import CliRunner
from rdflib import Graph

from kg.build import IndexEntry, build
from kg.cachefile import dumps, loads
from kg.cli import main

GOOD = "县经信局2022年工作总结\n组织安徽圣桑林业科技发展有限公司申报高新技术企业,持续深化“四送一服”工作。\n"


def make_corpus(tmp_path, seeds_dir):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seeds_dir / "000_3bb81f7f92e855c0.txt", inp)
    (inp / "empty.txt").write_bytes(b"")
    (inp / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" + bytes(range(256)) * 4)
    (inp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 100)
    (inp / "gbk.txt").write_bytes(GOOD.replace("圣桑", "金桑").encode("gbk"))
    (inp / "utf16.txt").write_bytes(GOOD.replace("圣桑", "银桑").encode("utf-16"))
    (inp / "page.html").write_text(
        "<html><head><title>x</title><script>var a='<b>';</script></head><body><div>您现在所在的位置:首页</div>"
        "<p>组织安徽铜桑林业科技发展有限公司申报高新技术企业。</p></body></html>", encoding="utf-8")
    (inp / "surrogates.txt").write_bytes("组织安徽铁桑林业科技发展有限公司申报高新技术企业".encode() + b"\xed\xa0\x80\xed\xbf\xbf" + "。".encode())
    with (inp / "huge.txt").open("wb") as f:
        f.truncate(50 * 2**20)
    os.symlink(inp / "gone.txt", inp / "unreadable.txt")
    return inp


def test_each_bad_file_one_message_good_entities_present(tmp_path, seeds_dir):
    inp = make_corpus(tmp_path, seeds_dir)
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "out"), "--no-shacl", "--no-html"])
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.output.splitlines() if ln.startswith("warning:")]
    for name, reason in [("empty.txt", "empty file"), ("scan.txt", "binary file"), ("image.txt", "binary file"),
                         ("huge.txt", "too large"), ("unreadable.txt", "No such file")]:
        hits = [ln for ln in lines if f"{name}: skipped" in ln]
        assert len(hits) == 1 and reason in hits[0], (name, lines)
    assert sum("surrogates.txt" in ln for ln in lines) == 1
    labels = {str(o) for o in Graph().parse(tmp_path / "out" / "graph.ttl").objects()}
    for name in ("淮南弘盛环保科技有限公司", "安徽金桑林业科技发展有限公司", "安徽银桑林业科技发展有限公司",
                 "安徽铜桑林业科技发展有限公司", "安徽铁桑林业科技发展有限公司"):
        assert name in labels, name
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "out2"), "--no-shacl", "--no-html", "--strict"])
    assert r.exit_code == 3


def test_jobs_give_identical_output(tmp_path, seeds_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    build(seeds_dir, a, shacl=False, html=False, warn=lambda m: None, jobs=1, cache=False)
    build(seeds_dir, b, shacl=False, html=False, warn=lambda m: None, jobs=2, cache=False)
    assert (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()


def test_rebuild_extracts_changed_file_only(tmp_path, seeds_dir):
    inp = tmp_path / "in"
    shutil.copytree(seeds_dir, inp)
    out = tmp_path / "out"
    first = build(inp, out, shacl=False, html=False, warn=lambda m: None)
    assert first.extracted == 5
    again = build(inp, out, shacl=False, html=False, warn=lambda m: None)
    assert again.extracted == 0
    p = inp / "000_3bb81f7f92e855c0.txt"
    p.write_text(p.read_text(encoding="utf-8") + "\n新增安徽测试科技有限公司。\n", encoding="utf-8")
    third = build(inp, out, shacl=False, html=False, warn=lambda m: None)
    assert third.extracted == 1
    assert "安徽测试科技有限公司" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert len(list((out / "cache").glob("*.txt.*.json"))) == 5
    # what the rebuild reused (index, blocks) gives the same output as a build from nothing
    fresh = tmp_path / "fresh"
    build(inp, fresh, shacl=False, html=False, warn=lambda m: None, cache=False)
    for name in ("graph.ttl", "view.json", "text/000_3bb81f7f92e855c0.txt"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_rebuild_survives_a_damaged_cache(tmp_path, seeds_dir):
    out = tmp_path / "out"
    build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    expected = (out / "graph.ttl").read_bytes()
    (out / "cache" / "index.json").write_bytes(b"not json")
    for p in list((out / "cache").glob("001_*.json")) + list((out / "cache").glob("002_*.ttl")):
        p.unlink()
    again = build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    assert again.extracted == 1  # only the report whose facts went missing
    assert (out / "graph.ttl").read_bytes() == expected
    # index intact, facts of an unchanged report gone, its block stale: extracted again when needed
    (out / "text" / "003_3abf4cf86748e6d3.txt").unlink()
    for p in (out / "cache").glob("003_*.json"):
        p.unlink()
    assert build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None).extracted == 1
    assert (out / "graph.ttl").read_bytes() == expected
    assert (out / "text" / "003_3abf4cf86748e6d3.txt").exists()


def test_rebuild_ignores_an_index_of_another_version(tmp_path, seeds_dir, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr("kg.build.index_fingerprint", lambda: "v1")
    build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    expected = (out / "graph.ttl").read_bytes()
    # an index whose summaries mean something else to this version of the code
    idx = out / "cache" / "index.json"
    index = loads(idx.read_bytes(), dict[str, IndexEntry], "v1")
    for e in index.values():
        e.summary = dataclasses.replace(e.summary, entities=(), mentions=(), first_sentence=())
    idx.write_bytes(dumps(index, "v1"))
    monkeypatch.setattr("kg.build.index_fingerprint", lambda: "v2")
    again = build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    assert again.extracted == 0  # the facts cache still holds: nothing is extracted again
    assert (out / "graph.ttl").read_bytes() == expected


def test_interrupted_build_keeps_previous_output(tmp_path, seeds_dir, monkeypatch):
    out = tmp_path / "out"
    build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    before = (out / "graph.ttl").read_bytes()

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.build.write_graph", boom)
    r = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(out), "--no-shacl"])
    assert r.exit_code == 130 and "previous output" in r.output
    assert (out / "graph.ttl").read_bytes() == before
    assert not list(out.glob(".*.tmp"))


def test_build_gives_the_garbage_collector_back(tmp_path, seeds_dir, monkeypatch):
    import gc

    seen = []
    real = __import__("kg.build", fromlist=["write_graph"]).write_graph

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr("kg.build.write_graph", spy)
    assert gc.isenabled()
    build(seeds_dir, tmp_path / "out", shacl=False, html=False, warn=lambda m: None)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        build(seeds_dir, tmp_path / "out", shacl=False, html=False, warn=lambda m: None)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_interrupted_build_changes_no_output_file(tmp_path, seeds_dir, monkeypatch):
    import pytest

    inp, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(seeds_dir, inp)
    build(inp, out, shacl=False, warn=lambda m: None)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and "cache" not in p.parts}
    p = inp / "000_3bb81f7f92e855c0.txt"
    p.write_text("大通区经信局2021年工作总结\n组织安徽新测科技有限公司申报高新技术企业。\n", encoding="utf-8")

    def boom(*a, **k):  # the text files are staged by now: the last outputs to be made fail
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.html.render_html", boom)
    with pytest.raises(KeyboardInterrupt):
        build(inp, out, shacl=False, warn=lambda m: None)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and "cache" not in p.parts}
    assert after == before  # the changed report's text included; no temporary file left


def test_reports_sharing_a_stem_stay_apart(tmp_path, seeds_dir):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    shutil.copy(seeds_dir / "000_3bb81f7f92e855c0.txt", inp / "a.txt")
    (inp / "a.html").write_text("<html><body><p>县经信局2022年工作总结</p><p>组织安徽圣桑林业科技发展有限公司申报高新技术企业。"
                                "</p></body></html>", encoding="utf-8")
    r = build(inp, out, shacl=True, html=False, warn=lambda m: None)
    assert r.documents == 2 and r.shacl_conforms
    labels = {str(o) for o in Graph().parse(out / "graph.ttl").objects()}
    assert {"安徽圣桑林业科技发展有限公司", "淮南弘盛环保科技有限公司"} <= labels
    assert sorted(p.name for p in (out / "text").iterdir()) == ["a.html.txt", "a.txt.txt"]
    # when the other file goes, the report is "a" again, as a fresh build names it
    (inp / "a.html").unlink()
    build(inp, out, shacl=False, html=False, warn=lambda m: None)
    build(inp, tmp_path / "fresh", shacl=False, html=False, warn=lambda m: None, cache=False)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()
    assert [p.name for p in (out / "text").iterdir()] == ["a.txt"]  # texts of reports gone are gone


def test_interrupt_during_the_final_renames_reports_the_new_output(tmp_path, seeds_dir, monkeypatch):
    import contextlib

    @contextlib.contextmanager
    def signal_arrives_meanwhile():
        yield
        raise KeyboardInterrupt  # what a deferred Ctrl-C does as the mask is lifted

    monkeypatch.setattr("kg.build._signals_deferred", signal_arrives_meanwhile)
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(seeds_dir), "--out", str(out), "--no-shacl", "--no-html"])
    assert r.exit_code == 130 and "new output is complete" in r.output
    assert (out / "graph.ttl").exists() and not list(out.glob(".*.tmp"))


class _Boom:
    def __reduce__(self):
        return (exec, ("raise SystemExit('pickle in the cache ran')",))


def test_a_planted_pickle_in_the_cache_is_never_loaded(tmp_path, seeds_dir):
    """A shared or downloaded OUT/cache must not run code: the cache is JSON read by types."""
    out = tmp_path / "out"
    build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    expected = (out / "graph.ttl").read_bytes()
    evil = pickle.dumps(_Boom())
    for p in (out / "cache").iterdir():
        if p.suffix == ".json":
            p.write_bytes(evil)
    for name in ("index.pickle", "index.json"):
        (out / "cache" / name).write_bytes(evil)
    again = build(seeds_dir, out, shacl=False, html=False, warn=lambda m: None)
    assert again.extracted == 5 and (out / "graph.ttl").read_bytes() == expected


def _limited_memory():  # the build runs in a child that cannot take the machine down
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def test_links_out_of_the_folder_and_special_files_are_skipped_promptly(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    inp, out = tmp_path / "in", tmp_path / "out"
    (inp / "sub").mkdir(parents=True)
    (inp / "good.txt").write_text(GOOD, encoding="utf-8")
    (inp / "sub" / "inner.txt").write_text(GOOD.replace("圣桑", "内桑"), encoding="utf-8")
    os.symlink(inp / "sub" / "inner.txt", inp / "inner.txt")  # a link inside the folder tree is read
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD.replace("圣桑", "密桑"), encoding="utf-8")
    os.symlink(secret, inp / "outside.txt")
    os.symlink("../secret.txt", inp / "relative.txt")
    os.symlink("/dev/zero", inp / "zero.txt")
    os.symlink("/dev/urandom", inp / "urandom.html")
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "pipe", inp / "fifo.txt")
    os.mkfifo(inp / "pipe.txt")
    skipped = ["outside.txt", "relative.txt", "zero.txt", "urandom.html", "fifo.txt", "pipe.txt"]
    for name, target in [("passwd.txt", "/etc/passwd"), ("environ.txt", "/proc/self/environ")]:
        if Path(target).exists():
            os.symlink(target, inp / name)
            skipped.append(name)
    r = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(inp), "--out", str(out), "--no-shacl", "--no-html"],
                       capture_output=True, text=True, timeout=60, preexec_fn=_limited_memory,
                       cwd=Path(__file__).resolve().parent.parent)
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    for name in skipped:
        hits = [ln for ln in lines if f"{name}: skipped" in ln]
        assert len(hits) == 1, (name, lines)
    assert sorted(p.name for p in (out / "text").iterdir()) == ["good.txt", "inner.txt"]
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "安徽圣桑林业科技发展有限公司" in ttl and "安徽内桑林业科技发展有限公司" in ttl
    assert "密桑" not in ttl and "root:" not in ttl


def test_a_report_over_a_million_characters_builds_with_offsets_into_its_text(tmp_path):
    import re

    from kg.build import read_report

    para = ("组织安徽圣桑林业科技发展有限公司申报高新技术企业,持续深化“四送一服”工作。\n"
            "全年各项工作稳步推进,服务企业的能力持续提升,营商环境不断优化,干部作风明显转变。\n"
            "规上工业增加值实现25.99亿元,同比增长7.1%。\n")
    last = "年末,安徽尾声林业科技发展有限公司获批高新技术企业,获得支持资金12万元。\n"
    body = "县经信局2022年工作总结\n" + para * (1_050_000 // len(para)) + last
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "long.txt").write_text(body, encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(out), "--no-shacl", "--no-html"])
    assert r.exit_code == 0, r.output
    text = (out / "text" / "long.txt").read_text(encoding="utf-8")
    assert len(text) > 1_000_000 and text == read_report(inp / "long.txt")[1]
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    # the last paragraph's enterprise: its mention's offsets point at its name in the text
    name = "安徽尾声林业科技发展有限公司"
    starts = [int(m.group(1)) for m in re.finditer(r"mention/long/(\d+)-(\d+)/Enterprise", ttl)
              if text[int(m.group(1)):int(m.group(2))] == name]
    assert starts == [text.rindex(name)]
    surfaces = {text[int(m.group(1)):int(m.group(2))] for m in re.finditer(r"mention/long/(\d+)-(\d+)/Enterprise", ttl)}
    assert surfaces == {"安徽圣桑林业科技发展有限公司", name}
    # the last paragraph's amount, by its offsets
    a = text.rindex("12万元")
    assert f"amount/long/{a}-{a + 4}>" in ttl or f"amount/long/{a}-{a + 4} " in ttl


def test_chunked_extraction_shifts_every_offset_and_index(monkeypatch):
    from kg import extract as ex
    from kg.normalize import normalize_text

    paras = ["县经信局2022年工作总结\n"] + [
        f"组织安徽{w}林业科技发展有限公司申报高新技术企业,获得支持资金{i + 10}万元。规上工业增加值实现{i + 20}.5亿元,同比增长7.{i}%。\n"
        for i, w in enumerate("甲乙丙丁戊己")]
    text = normalize_text("".join(paras) * 3)
    whole = ex.extract(text, "t.txt")
    monkeypatch.setattr(ex, "CHUNK_CHARS", 150)
    spans = ex.chunks(text, 150)
    assert len(spans) > 5 and spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))  # contiguous
    assert all(text[b - 1] in "。\n" for _, b in spans[:-1])  # cut at sentence ends
    parts = ex.extract(text, "t.txt")
    for e in parts.entities:
        assert all(text[s:t] in {e.name, *e.aliases} for s, t in e.mentions), e
    for a in parts.amounts:
        assert text[a.start:a.end] == a.text
    for o in parts.observations:
        assert o.growth_of is None or parts.observations[o.growth_of].end <= o.start
    for r in parts.relations:
        assert parts.entities[r.head].mentions and text[r.start:r.end].strip()
    for lk in parts.amount_links:
        assert lk.entity is None or parts.entities[lk.entity].mentions[0][0] < parts.amounts[lk.amount].start
    # what the text states once per sentence comes out the same in chunks as in one piece
    assert {(e.type, e.name, e.mentions) for e in parts.entities if e.type == "Enterprise"} == \
        {(e.type, e.name, e.mentions) for e in whole.entities if e.type == "Enterprise"}
    assert [(a.start, a.end, a.value) for a in parts.amounts] == [(a.start, a.end, a.value) for a in whole.amounts]
    assert [(o.start, o.end, o.value, o.growth_of) for o in parts.observations] == \
        [(o.start, o.end, o.value, o.growth_of) for o in whole.observations]
    assert parts.sentences == whole.sentences

    def rels(f):
        return {(f.entities[r.head].name, r.rel, f.entities[r.tail].name, r.start, r.end) for r in f.relations}

    def links(f):
        return [(f.amounts[lk.amount].start, lk.metric, None if lk.entity is None else f.entities[lk.entity].name,
                 lk.received, None if lk.program is None else f.entities[lk.program].name) for lk in f.amount_links]

    assert rels(parts) == rels(whole) and rels(whole)
    assert links(parts) == links(whole) and links(whole)
