"""Writing outputs whole or not at all: a temporary file beside the target,
renamed onto it (shared by the build, the graph's block cache, viz and export)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: str | bytes) -> None:
    os.replace(stage(path, data), path)


def stage(path: Path, data: str | bytes) -> str:
    """A temporary file beside ``path`` holding ``data``, to be renamed onto it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp
