"""Vocabulary as data: the word lists in extractors/data and a user's own lexicon."""

from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal

from extractors.lexicon import KNOWN_PROGRAMS, word_list
from kg.cli import main
from kg.extract import extract
from kg.namespaces import KGO

REPORT = "县经信局全力推进亩均英雄榜创建工作，组织某某重工参加培训。\n"


def test_word_lists_are_read_from_data_files():
    assert "专精特新" in KNOWN_PROGRAMS and KNOWN_PROGRAMS == word_list("programs")
    assert not any(w.startswith("#") for w in KNOWN_PROGRAMS)


def _programs(ttl):
    g = Graph().parse(ttl)
    return {str(g.value(s, RDFS.label)) for s in g.subjects(RDF.type, KGO.Program)}


def test_user_lexicon_adds_an_entity_and_changes_the_cache_key(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "r.txt").write_text(REPORT, encoding="utf-8")
    lex = tmp_path / "mine.tsv"
    lex.write_text("# my province's programs\nProgram\t亩均英雄榜\nEnterprise\t某某重工集团有限公司\t某某重工\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    r = runner.invoke(main, ["build", str(inp), "--out", str(out), "--no-shacl", "--no-html"])
    assert r.exit_code == 0, r.output
    assert "亩均英雄榜" not in _programs(out / "graph.ttl")
    # same output folder, so the cached facts of the unchanged report must not be reused
    r = runner.invoke(main, ["build", str(inp), "--out", str(out), "--no-shacl", "--no-html", "--lexicon", str(lex)])
    assert r.exit_code == 0, r.output
    assert "亩均英雄榜" in _programs(out / "graph.ttl")
    g = Graph().parse(out / "graph.ttl")
    firm = next(g.subjects(RDFS.label, Literal("某某重工集团有限公司", lang="zh")))
    assert (firm, RDF.type, KGO.Enterprise) in g


def test_user_lexicon_in_extract_is_pure():
    plain = extract(REPORT, "r.txt")
    mine = extract(REPORT, "r.txt", lexicon=(("Program", "亩均英雄榜", ()),))
    assert ("Program", "亩均英雄榜") in {(e.type, e.name) for e in mine.entities}
    assert ("Program", "亩均英雄榜") not in {(e.type, e.name) for e in plain.entities}


def test_bad_lexicon_is_one_line_error_naming_file_and_line(tmp_path):
    lex = tmp_path / "bad.tsv"
    lex.write_text("Program\t亩均英雄榜\nCompany\t某某公司\n", encoding="utf-8")
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "r.txt").write_text(REPORT, encoding="utf-8")
    r = CliRunner().invoke(main, ["build", str(inp), "--out", str(tmp_path / "o"), "--lexicon", str(lex)])
    assert r.exit_code == 1
    assert f"{lex}:2: unknown type 'Company'" in r.output and len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()
