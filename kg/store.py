"""The fast query store: the build's graph loaded once into Oxigraph under OUT/store.

Queries open it read-only instead of re-parsing Turtle each time.  The store is
built in a temporary folder and renamed into place, like every other output.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

STORE_DIR = "store"


def write_store(ttl: Path, out_dir: Path) -> Path:
    """Load ``ttl`` into a new Oxigraph store at ``out_dir/store``."""
    tmp = stage_store(ttl, out_dir)
    try:
        return commit_store(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def stage_store(ttl: Path, out_dir: Path) -> Path:
    """``ttl`` loaded into a new Oxigraph store in a temporary folder of
    ``out_dir``, for :func:`commit_store` (the build loads it while it
    validates, in a thread: Oxigraph releases the GIL as it loads)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=out_dir))
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
        return tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def commit_store(tmp: Path, out_dir: Path) -> Path:
    """The store staged in ``tmp`` becomes ``out_dir/store``."""
    target = out_dir / STORE_DIR
    old = None
    if target.exists():
        old = out_dir / f".store.old.{tmp.name[7:]}"
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def open_store(out_dir: Path) -> ox.Store:
    """The build's store, read-only; built from graph.ttl if missing or older."""
    ttl = out_dir / "graph.ttl"
    path = out_dir / STORE_DIR
    if not ttl.exists():
        raise FileNotFoundError(f"{ttl}: no graph; run `kg build` first")
    if not path.exists() or path.stat().st_mtime < ttl.stat().st_mtime:
        write_store(ttl, out_dir)
    return ox.Store.read_only(str(path))


def load_graph(out_dir: Path):
    """The build's graph as an rdflib Graph (for code that walks it in Python)."""
    from rdflib import Graph

    ttl = out_dir / "graph.ttl"
    if not ttl.exists():
        raise FileNotFoundError(f"{ttl}: no graph; run `kg build` first")
    return Graph().parse(ttl, format="turtle")


def memory_store(ttl: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return store
