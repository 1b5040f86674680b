from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """One build of the sample reports, shared by the tests that read it."""
    from kg.build import build

    out = tmp_path_factory.mktemp("out")
    build(SEEDS, out, warn=lambda m: None)
    return out


def extract_text(text: str, name: str = "t.txt"):
    from kg.extract import extract
    from kg.normalize import normalize_text

    return extract(normalize_text(text), name)


def names(facts, type_: str) -> set[str]:
    out = set()
    for e in facts.entities:
        if e.type == type_:
            out.add(e.name)
            out.update(e.aliases)
    return out
