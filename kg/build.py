"""`kg build`: reports folder -> graph.ttl, graph.html, summary.json, text/, store/.

Every output is written to a temporary file beside it and renamed into place,
so an interrupted build leaves the previous complete output.  Documents are
extracted in a process pool (``jobs``) and cached by content hash and pipeline
fingerprint under ``OUT/cache``, so a rebuild re-extracts changed files only.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .extract import PIPELINE_VERSION, DocFacts, extract
from .graph import write_graph
from .normalize import DecodeError, decode_bytes, normalize_text

INPUT_SUFFIXES = (".txt", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024
SHACL_MAX_TRIPLES = 300_000
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"


class BuildError(Exception):
    """The build as a whole cannot run (missing folder, nothing to read)."""


@dataclass
class BuildResult:
    documents: int
    entities: dict[str, int]
    triples: int
    amounts: int
    relations: int
    characters: int = 0
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    extracted: int = 0  # documents extracted (not taken from the cache)
    shacl_conforms: bool | None = None
    shacl_violations: int = 0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "characters": self.characters,
            "entities": self.entities,
            "triples": self.triples,
            "amounts": self.amounts,
            "relations": self.relations,
            "shacl": {"conforms": self.shacl_conforms, "violations": self.shacl_violations},
            "skipped": self.skipped,
            "warnings": self.warnings,
        }


def list_inputs(input_dir: Path) -> list[Path]:
    if not input_dir.exists():
        raise BuildError(f"{input_dir}: input folder does not exist")
    if not input_dir.is_dir():
        raise BuildError(f"{input_dir}: not a folder")
    try:
        entries = list(input_dir.iterdir())
    except OSError as e:
        raise BuildError(f"{input_dir}: cannot list folder: {e.strerror or e}") from None
    return sorted(p for p in entries if p.suffix.lower() in INPUT_SUFFIXES and (p.is_file() or p.is_symlink()))


def read_report(path: Path, max_bytes: int = MAX_BYTES, data: bytes | None = None) -> tuple[bytes, str, list[str]]:
    """Raw bytes, normalised text and warnings of one report (``data``: its
    bytes when the caller has read them already).

    Raises ``DecodeError`` (not a report) or ``OSError`` (cannot be read), each
    with a reason short enough for a one-line message.
    """
    size = path.stat().st_size
    if size > max_bytes:
        raise DecodeError(f"too large ({size / 2**20:.0f} MB, limit {max_bytes / 2**20:.0f} MB)")
    if data is None:
        data = path.read_bytes()
    decoded = decode_bytes(data)
    text = normalize_text(decoded.text)
    if not text.strip():
        raise DecodeError("no text after normalisation (empty page)")
    warnings = []
    if decoded.replaced:
        warnings.append(f"{path}: {decoded.replaced} undecodable byte sequence(s) or invalid characters replaced")
    return data, text, warnings


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Changes when the extraction code changes: cached facts then go stale."""
    h = hashlib.sha256(PIPELINE_VERSION.encode())
    for p in sorted([*(ROOT / "extractors").glob("*.py"), *(ROOT / "kg").glob("*.py")]):
        if p.name in ("normalize.py", "extract.py", "report.py") or p.parent.name == "extractors":
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class _Extracted:
    name: str
    facts: DocFacts | None
    warnings: list[str]
    reason: str | None = None  # why the file was skipped
    fresh: bool = False  # extracted now, not taken from the cache
    cache_path: str | None = None
    blocks: dict = field(default_factory=dict)  # rendered graph blocks by key (kg.graph.write_graph)


def _extract_file(path: str, max_bytes: int, cache_dir: str | None) -> _Extracted:
    """Worker: one report's facts, from OUT/cache when its bytes are unchanged.

    A cache entry holds the facts, the reading warnings and the report's last
    rendered graph block, so a rebuild loads one file per report.
    """
    p = Path(path)
    cached = None
    data = None
    try:
        if cache_dir and p.stat().st_size <= max_bytes:
            # the cache is keyed by the file's bytes: a hit needs no decoding at all
            data = p.read_bytes()
            key = hashlib.sha256(data).hexdigest() + "-" + pipeline_fingerprint()
            cached = Path(cache_dir) / f"{p.name}.{key}.pkl"
            if cached.exists():
                try:
                    with cached.open("rb") as f:
                        entry = pickle.load(f)
                    return _Extracted(p.name, entry["facts"], entry["warnings"], cache_path=str(cached),
                                      blocks=entry.get("blocks", {}))
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, KeyError):
                    pass
        _data, text, warnings = read_report(p, max_bytes, data)
    except (OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return _Extracted(p.name, None, [], reason=reason)
    facts = extract(text, p.name)
    if cached is not None:
        write_cache_entry(cached, facts, warnings, {})
    return _Extracted(p.name, facts, warnings, fresh=True, cache_path=str(cached) if cached else None)


def write_cache_entry(path: Path, facts: DocFacts, warnings: list[str], blocks: dict) -> None:
    atomic_write(path, pickle.dumps({"facts": facts, "warnings": warnings, "blocks": blocks},
                                    protocol=pickle.HIGHEST_PROTOCOL))


def extract_all(
    paths: list[Path],
    warn: Callable[[str], None],
    *,
    jobs: int = 1,
    cache_dir: Path | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[DocFacts], list[str], list[str], int, dict[str, _Extracted]]:
    """Facts of every readable report; skipped names; warnings; count extracted;
    the cache entries by file name."""
    docs, skipped, warnings = [], [], []
    extracted = 0
    args = [(str(p), max_bytes, str(cache_dir) if cache_dir else None) for p in paths]
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results: Iterable = pool.map(_extract_file, *zip(*args, strict=True), chunksize=max(1, len(args) // (jobs * 8)))
            results = list(_with_progress(results, len(args), progress))
    else:
        results = list(_with_progress((_extract_file(*a) for a in args), len(args), progress))
    entries = {}
    for p, r in zip(paths, results, strict=True):
        for w in r.warnings:
            warn(w)
            warnings.append(w)
        if r.facts is None:
            msg = f"{p}: skipped: {r.reason}"
            warn(msg)
            skipped.append(r.name)
            warnings.append(msg)
            continue
        docs.append(r.facts)
        entries[r.name] = r
        extracted += r.fresh
    return docs, skipped, warnings, extracted, entries


def _with_progress(results: Iterable, total: int, progress: Callable[[int, int], None] | None):
    for i, r in enumerate(results, 1):
        if progress is not None:
            progress(i, total)
        yield r


def atomic_write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def validate(ttl: str) -> tuple[bool, int, str]:
    """SHACL validation of the graph against ontology/shapes.ttl."""
    from pyshacl import validate as shacl
    from rdflib import Graph
    from rdflib.namespace import SH

    data = Graph().parse(data=ttl, format="turtle")
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, report_graph, text = shacl(data, shacl_graph=shapes, inference="none", advanced=False)
    n = len(list(report_graph.subjects(predicate=SH.resultSeverity)))
    return bool(conforms), n, text


def build(
    input_dir: Path,
    out_dir: Path,
    *,
    shacl: bool = True,
    html: bool = True,
    warn: Callable[[str], None] = print,
    jobs: int = 1,
    cache: bool = True,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    store: bool = False,
) -> BuildResult:
    """Build the graph of every report in ``input_dir`` into ``out_dir``.

    The query store (OUT/store) is loaded from graph.ttl by the first query
    after a build (``kg.store.open_store`` rebuilds it when graph.ttl is
    newer), or here with ``store=True``; either way once per build.
    """
    paths = list_inputs(input_dir)
    if not paths:
        raise BuildError(f"{input_dir}: no .txt/.html reports found")
    cache_dir = out_dir / "cache" if cache else None
    docs, skipped, warnings, extracted, entries = extract_all(
        paths, warn, jobs=jobs, cache_dir=cache_dir, max_bytes=max_bytes, progress=progress
    )
    if not docs:
        raise BuildError(f"{input_dir}: none of the {len(paths)} file(s) could be read")
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".graph.ttl.", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            block_cache = {name: e.blocks for name, e in entries.items()} if cache_dir is not None else None
            stats = write_graph(docs, f, block_cache=block_cache, ontology=ONTOLOGY_DIR / "kg.ttl", block_dir=cache_dir)
        result = BuildResult(
            documents=len(docs),
            entities=stats.entities,
            triples=stats.triples,
            amounts=stats.amounts,
            relations=stats.relations,
            characters=sum(len(d.text) for d in docs),
            skipped=skipped,
            warnings=warnings,
            extracted=extracted,
        )
        if shacl and stats.triples > SHACL_MAX_TRIPLES:
            msg = f"SHACL skipped: {stats.triples:,} triples is more than pyshacl checks in reasonable time ({SHACL_MAX_TRIPLES:,})"
            warn(msg)
            result.warnings.append(msg)
        elif shacl:
            conforms, n, _text = validate(Path(tmp).read_text(encoding="utf-8"))
            result.shacl_conforms, result.shacl_violations = conforms, n
            if not conforms:
                msg = f"SHACL: {n} violation(s) of ontology/shapes.ttl"
                warn(msg)
                result.warnings.append(msg)
        for d in docs:
            target = out_dir / "text" / f"{d.doc_id}.txt"
            if not (target.exists() and target.stat().st_size == len(d.text.encode("utf-8"))
                    and target.read_text(encoding="utf-8") == d.text):
                atomic_write(target, d.text)
        # the view's nodes and edges, so kg viz need not parse the whole graph again
        atomic_write(out_dir / "view.json", json.dumps({"nodes": stats.view[0], "edges": stats.view[1]},
                                                         ensure_ascii=False, sort_keys=True))
        if html:
            from .html import render_html

            atomic_write(out_dir / "graph.html", render_html(view=stats.view))
        atomic_write(out_dir / "summary.json",
                     json.dumps(result.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        os.replace(tmp, out_dir / "graph.ttl")
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    if store:
        from .store import write_store

        write_store(out_dir / "graph.ttl", out_dir)
    if cache_dir is not None:
        for d in docs:
            e = entries[d.filename]
            if d.filename in stats.rendered and e.cache_path:
                write_cache_entry(Path(e.cache_path), d, e.warnings, block_cache[d.filename])
        _prune_cache(cache_dir, {d.filename for d in docs})
    return result


def _prune_cache(cache_dir: Path, names: set[str]) -> None:
    """Keep one cache entry of each kind per current file: the newest."""
    for pattern in ("*.pkl", "*.ttl", "*.block"):  # *.block: an earlier layout
        _prune(cache_dir, names, pattern)


def _prune(cache_dir: Path, names: set[str], pattern: str) -> None:
    newest: dict[str, Path] = {}
    for p in cache_dir.glob(pattern):
        name = p.name.rsplit(".", 2)[0]
        if name not in names:
            p.unlink(missing_ok=True)
            continue
        keep = newest.get(name)
        if keep is None or p.stat().st_mtime > keep.stat().st_mtime:
            if keep is not None:
                keep.unlink(missing_ok=True)
            newest[name] = p
        else:
            p.unlink(missing_ok=True)
