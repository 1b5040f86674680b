"""The extraction pipeline's fingerprint, part of every cache key (its own
module so the graph's block cache and the build share it without a cycle)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .extract import PIPELINE_VERSION

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Changes when the extraction code changes: cached facts then go stale."""
    h = hashlib.sha256(PIPELINE_VERSION.encode())
    for p in sorted([*(ROOT / "extractors").glob("*.py"), *(ROOT / "extractors" / "data").glob("*.txt"),
                     *(ROOT / "kg").glob("*.py")]):
        if p.name in ("normalize.py", "extract.py", "report.py") or p.parent.name in ("extractors", "data"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]
