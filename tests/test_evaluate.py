"""kg evaluate: quality against hand annotations, agreeing with the team's scorer."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "tools" / "kgscore.py"
GOLD = ROOT.parent / "shared" / "gold" / "seeds"


def _gold(tmp_path, entities, amounts=(), relations=()):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "r.txt").write_text(
        "县经信局组织某某机械有限公司申报专精特新企业，争取扶持资金300万元。\n", encoding="utf-8")
    (tmp_path / "gold" / "r.json").write_text(json.dumps(
        {"doc": "r.txt", "entities": entities, "amounts": list(amounts), "relations": list(relations)},
        ensure_ascii=False), encoding="utf-8")
    return CliRunner().invoke(main, ["evaluate", str(tmp_path / "gold"), str(tmp_path / "docs"), "-v"])


def _row(output, name):
    return next(line.split()[1:] for line in output.splitlines() if line.startswith(name + " "))


def test_evaluate_counts_hits_misses_and_aliases(tmp_path):
    r = _gold(tmp_path, [
        {"type": "Enterprise", "name": "某某机械", "aliases": ["某某机械有限公司"]},
        {"type": "Program", "name": "专精特新"},
        {"type": "Person", "name": "张三"},
    ], amounts=[{"text": "300万元", "value": 3000000}],
        relations=[{"head": "某某机械", "rel": "participatesIn", "tail": "专精特新"}])
    assert r.exit_code == 0, r.output
    assert _row(r.output, "Enterprise")[:3] == ["1.000", "1.000", "1.000"]  # matched through the alias
    assert _row(r.output, "Person")[1] == "0.000" and "r.txt Person missed: 张三" in r.output
    assert _row(r.output, "amounts")[:2] == ["1.000", "1.000"]
    assert _row(r.output, "relations")[1] == "1.000"


def test_evaluate_bad_gold_is_one_line_error(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text("{not json", encoding="utf-8")
    r = CliRunner().invoke(main, ["evaluate", str(tmp_path / "gold"), str(tmp_path)])
    assert r.exit_code == 1 and "x.json: not a gold file" in r.output and len(r.output.strip().splitlines()) == 1


@pytest.mark.skipif(not SCORER.exists() or not GOLD.exists(), reason="the team's scorer and gold are not beside the project")
def test_evaluate_agrees_with_the_team_scorer_on_the_samples():
    ours = CliRunner().invoke(main, ["evaluate", str(GOLD), str(ROOT / "seeds")]).output
    kg = f"{sys.executable} -m kg.cli"
    theirs = subprocess.run([sys.executable, str(SCORER), "--project", str(ROOT), "--docs", str(ROOT / "seeds"),
                             "--gold", str(GOLD), "--kg", kg, "--jobs", "2"], capture_output=True, text=True,
                            check=True).stdout
    assert ours.strip() == theirs.strip()
