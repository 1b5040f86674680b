import json
import shutil

from click.testing import CliRunner
from rdflib import RDF, Graph

from kg.cli import main
from kg.graph import ENTITY_TYPES
from kg.namespaces import KGO


def test_build_writes_outputs_every_class_and_conforms(built):
    for f in ("graph.ttl", "graph.html", "summary.json"):
        assert (built / f).exists()
    g = Graph().parse(built / "graph.ttl")
    for t in ENTITY_TYPES:
        assert any(True for _ in g.subjects(RDF.type, KGO[t])), t
    summary = json.loads((built / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 5 and summary["shacl"]["conforms"] is True
    assert (built / "text" / "001_0bfc87de46fbd8a2.txt").read_text(encoding="utf-8").startswith(
        "经科委2020上半年工作总结及下半年工作计划")


def test_two_builds_byte_identical(seeds_dir, tmp_path):
    runner = CliRunner()
    a, b = tmp_path / "a", tmp_path / "b"
    assert runner.invoke(main, ["build", str(seeds_dir), "--out", str(a), "--no-shacl"]).exit_code == 0
    assert runner.invoke(main, ["build", str(seeds_dir), "--out", str(b), "--no-shacl"]).exit_code == 0
    for name in ("graph.ttl", "graph.html", "view.json"):  # scores, communities and the view included
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_missing_input_folder_is_one_line_error(tmp_path):
    r = CliRunner().invoke(main, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "nope" in r.output and "does not exist" in r.output
    assert not (tmp_path / "o").exists()


def test_bad_file_skipped_with_message_rest_builds(seeds_dir, tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(seeds_dir / "000_3bb81f7f92e855c0.txt", inp)
    (inp / "empty.txt").write_bytes(b"")
    (inp / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "o"), "--no-shacl"])
    assert r.exit_code == 0, r.output
    assert "empty.txt: skipped: empty file" in r.output
    assert "scan.txt: skipped: binary file" in r.output
    g = Graph().parse(tmp_path / "o" / "graph.ttl")
    assert any("淮南弘盛环保科技有限公司" in str(o) for o in g.objects())
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "o2"), "--no-shacl", "--strict"])
    assert r.exit_code == 3


def test_viz_focus_hops_types(built, tmp_path):
    out = tmp_path / "v.html"
    r = CliRunner().invoke(main, ["viz", "--graph", str(built), "--focus", "小巨人", "--hops", "1", "--out", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert "奔腾文创" in page and "四送一服" not in page
    r = CliRunner().invoke(main, ["viz", "--graph", str(built), "--types", "Person", "--out", str(out)])
    assert r.exit_code == 0 and "江春生" in out.read_text(encoding="utf-8")
    r = CliRunner().invoke(main, ["viz", "--graph", str(built), "--types", "Nope"])
    assert r.exit_code == 2
    r = CliRunner().invoke(main, ["viz", "--graph", str(built), "--focus", "没有这个"])
    assert r.exit_code == 1 and "no entity named" in r.output


def test_query_command_does_not_import_the_extraction_pipeline():
    import subprocess
    import sys

    code = ("import sys; from kg.cli import main; from kg import query, store; "
            "print(sorted(m for m in ('spacy', 'kg.extract', 'extractors') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_viz_focus_is_a_real_neighbourhood_and_says_what_it_drew(built, tmp_path):
    out = tmp_path / "v.html"
    r = CliRunner().invoke(main, ["viz", "--graph", str(built), "--focus", "四送一服", "--hops", "2", "--out", str(out)])
    assert r.exit_code == 0, r.output
    first = r.output.splitlines()[0]
    assert first.startswith("drew ") and "and 3 reports" in first and "四送一服 and everything within 2 hop(s)" in first
    assert int(first.split()[1]) > 100  # what its three reports name, not one lonely node
    r = CliRunner().invoke(main, ["viz", "--graph", str(built), "--focus", "小巨人", "--hops", "2", "--no-reports",
                                  "--out", str(out)])
    assert r.output.splitlines()[0] == ("drew 5 entities and 0 reports, 4 relations and 0 mentions: "
                                        "小巨人 and everything within 2 hop(s) over contract relations")
    data = out.read_text(encoding="utf-8")
    assert all(name in data for name in ("恒伟药业", "专精特新", "奔腾文创", "宇秀生物"))
