"""The query store: the build's graph in Oxigraph under OUT/store, kept by the build.

Queries open it read-only instead of re-parsing Turtle.  ``kg build`` loads it
from the graph it has just written (Oxigraph's bulk loader, once), or, on a
rebuild, updates a copy of the previous store: the blocks of the reports that
changed are removed and added again, and the entity part (``glob``, the triples
on entity nodes shared by every report) is diffed subject by subject.  The
copy is made with hard links (Oxigraph's backup) and renamed into place with
the build's other outputs, so an interrupted build leaves the previous store.

SHACL runs in the same store (:mod:`kg.validate`): on a rebuild only the nodes
of the changed blocks and of the entity part are checked, and each unchanged
block keeps the verdict it got when it was loaded.  This rests on how the graph
is written: a report's block holds triples about its own nodes only (mentions,
sentences, amounts ... whose IRIs carry the report's id), and the IRIs it
points to outside are part of its block key, so its nodes' verdicts cannot
change while the block is the same.

``OUT/store/kg-store.json`` says what the store holds: the (size, mtime) of the
graph.ttl it equals, the block file of every report, and their verdicts.  A
store that does not match graph.ttl is loaded again from graph.ttl at the
first query.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .cachefile import CacheFormatError, dumps, loads
from .validate import SHAPES, Violation, mark_focus, unmark, validate_store

STORE_DIR = "store"
MANIFEST = "kg-store.json"  # inside OUT/store; Oxigraph leaves files it does not know alone
GLOB = "kg-glob.ttl"  # the entity part as rendered (with the prefixes), for the next build's diff
_VERSION = "store/1"


@dataclass
class Manifest:
    """What an OUT/store holds."""

    graph: tuple[int, int]  # (size, mtime_ns) of the graph.ttl it equals
    rules: str  # fingerprint of the shapes and ontology the verdicts were made with
    blocks: dict[str, str] | None  # report file -> the name of its block file in OUT/cache; None: not known
    verdicts: dict[str, list[Violation]] | None  # per report, its nodes' violations; None: not known


@dataclass
class Staged:
    """A store ready to be renamed into place (:func:`commit_store`)."""

    path: Path
    violations: list[Violation] | None  # None when not validated
    incremental: bool  # updated from the previous store, not loaded whole


def file_stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


@cache
def rules_fingerprint(shapes: Path = SHAPES) -> str:
    """Verdicts depend on the shapes, the ontology (its subclasses) and the translation."""
    h = hashlib.sha256()
    for p in (shapes, SHAPES.parent / "kg.ttl", Path(__file__).with_name("validate.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def read_manifest(store_dir: Path) -> Manifest | None:
    try:
        return loads((store_dir / MANIFEST).read_bytes(), Manifest, _VERSION)
    except (OSError, CacheFormatError):
        return None


def _header(glob_text: str) -> str:
    """The base and prefix directives at the head of the rendered entity part."""
    end = glob_text.find("\n\n")
    return glob_text[: end + 2] if end >= 0 else glob_text


def _chunks(glob_text: str) -> set[str]:
    """The entity part's subjects, one Turtle statement each (as render_subjects writes them)."""
    body = glob_text[len(_header(glob_text)):]
    return {c.strip("\n") for c in body.split("\n\n") if c.strip()}


def _parse(header: str, body: bytes | str) -> list[ox.Triple]:
    data = header.encode("utf-8") + (body.encode("utf-8") if isinstance(body, str) else body)
    return list(ox.parse(data, format=ox.RdfFormat.TURTLE))


def _quads(triples: list[ox.Triple]) -> list[ox.Quad]:
    return [ox.Quad(t.subject, t.predicate, t.object) for t in triples]


def stage_store(out_dir: Path, graph_file: Path, glob_text: str, blocks: dict[str, Path], cache_dir: Path | None,
                *, validate: bool, shapes: Path = SHAPES) -> Staged:
    """A new store for the graph just written to ``graph_file`` (rendered
    entity part ``glob_text``, ``blocks``: report file -> its block file in
    ``cache_dir``), in a temporary folder of ``out_dir``; validated against
    ``shapes`` if ``validate``.  Updated from OUT/store when its manifest's
    blocks are known and their files still in ``cache_dir``, else loaded whole."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / f".store.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    rules = rules_fingerprint(shapes)
    old_dir = out_dir / STORE_DIR
    old = read_manifest(old_dir)
    old_glob = None
    with contextlib.suppress(OSError):
        old_glob = (old_dir / GLOB).read_text(encoding="utf-8")
    usable = (cache_dir is not None and old is not None and old.blocks is not None and old_glob is not None
              and all((cache_dir / name).is_file() for f, name in old.blocks.items()
                      if f not in blocks or blocks[f].name != name))
    try:
        if usable:
            try:
                violations, verdicts = _update(tmp, old_dir, old, old_glob, glob_text, blocks, cache_dir,
                                               validate, shapes, rules)
            except (OSError, SyntaxError, ValueError):  # a damaged store or block: load the graph whole
                usable = False
            if not usable:  # (out of the except block, which keeps the failed store open)
                shutil.rmtree(tmp, ignore_errors=True)
                tmp = out_dir / f".store.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        if not usable:
            violations, verdicts = _load_whole(tmp, graph_file, glob_text, blocks, validate, shapes)
        manifest = Manifest(file_stamp(graph_file), rules, {f: p.name for f, p in blocks.items()}, verdicts)
        (tmp / MANIFEST).write_bytes(dumps(manifest, _VERSION))
        (tmp / GLOB).write_text(glob_text, encoding="utf-8")
        return Staged(tmp, violations, usable)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _subjects(glob_text: str) -> list[ox.NamedNode | ox.BlankNode]:
    """The subjects of the entity part: the first term of each statement, read
    with a triple of its own (not the whole part's triples)."""
    header = _header(glob_text)
    mark = "<urn:kg:subject>"
    lines = "".join(f"{c.split(' ', 1)[0]} {mark} {mark} .\n" for c in sorted(_chunks(glob_text)))
    return [t.subject for t in _parse(header, lines)]


def _per_block(violations: list[Violation], blocks: dict[str, Path], header: str, glob: set[str],
               owner: dict[str, str] | None = None) -> dict[str, list[Violation]] | None:
    """Each report's violations (of its block's nodes); those of the entity
    part, validated every build, are not kept.  ``owner``: node -> report for
    the blocks parsed already; the others are parsed only if a violation needs
    them.  None when a violation's node is in no block."""
    owner = dict(owner or {})
    verdicts: dict[str, list[Violation]] = {f: [] for f in blocks}
    parsed = False
    for v in violations:
        if v.focus in glob:
            continue
        if v.focus not in owner and not parsed:
            parsed = True
            for f, path in blocks.items():
                for t in _parse(header, path.read_bytes()):
                    owner.setdefault(str(t.subject), f)
        if v.focus not in owner:
            return None
        verdicts[owner[v.focus]].append(v)
    return verdicts


def _load_whole(tmp: Path, graph_file: Path, glob_text: str, blocks: dict[str, Path], validate: bool,
                shapes: Path) -> tuple[list[Violation] | None, dict[str, list[Violation]] | None]:
    store = ox.Store(str(tmp))
    store.bulk_load(path=str(graph_file), format=ox.RdfFormat.TURTLE)
    violations = verdicts = None
    if validate:
        violations = validate_store(store, shapes)
        # (which block a node is in is looked up only when one is in violation)
        if all(p.is_file() for p in blocks.values()):
            verdicts = _per_block(violations, blocks, _header(glob_text), {str(n) for n in _subjects(glob_text)} if violations else set())
    store.flush()
    del store
    return violations, verdicts


def _update(tmp: Path, old_dir: Path, old: Manifest, old_glob: str, glob_text: str, blocks: dict[str, Path],
            cache_dir: Path, validate: bool, shapes: Path, rules: str):
    """Copy the previous store and bring it to the new graph: changed and gone
    blocks out, changed and new ones in, the entity part's changed subjects
    out and in; then validate the nodes of the added blocks and of the entity
    part (all nodes when the previous verdicts are not usable)."""
    assert old.blocks is not None
    ox.Store.read_only(str(old_dir)).backup(str(tmp))  # hard links: milliseconds, whatever the size
    store = ox.Store(str(tmp))
    header, old_header = _header(glob_text), _header(old_glob)
    for f, name in old.blocks.items():
        if f not in blocks or blocks[f].name != name:
            for q in _quads(_parse(old_header, (cache_dir / name).read_bytes())):
                store.remove(q)
    added: dict[str, list[ox.Triple]] = {}
    for f, path in blocks.items():
        if old.blocks.get(f) != path.name:
            added[f] = _parse(header, path.read_bytes())
            store.extend(_quads(added[f]))
    before, after = _chunks(old_glob), _chunks(glob_text)
    for q in _quads(_parse(old_header, "\n\n".join(sorted(before - after)))):
        store.remove(q)
    store.extend(_quads(_parse(header, "\n\n".join(sorted(after - before)))))
    violations = verdicts = None
    if validate:
        glob = _subjects(glob_text)
        keep = old.verdicts is not None and old.rules == rules \
            and all(f in old.verdicts for f in blocks if f not in added)
        if keep:
            mark_focus(store, {t.subject for ts in added.values() for t in ts} | set(glob))
            violations = validate_store(store, shapes, only_marked=True)
            unmark(store)
        else:
            violations = validate_store(store, shapes)
        owner = {str(t.subject): f for f, ts in added.items() for t in ts}
        glob_nodes = {str(n) for n in glob}
        if keep:  # only the added blocks' and the entity part's nodes were validated
            kept = [f for f in blocks if f not in added]
            verdicts = _per_block(violations, {f: blocks[f] for f in added}, header, glob_nodes, owner)
            assert verdicts is not None  # every marked node is in an added block or the entity part
            verdicts.update({f: old.verdicts[f] for f in kept})  # type: ignore[index]
            violations = sorted([*violations, *(v for f in kept for v in verdicts[f])],
                                key=lambda v: (v.shape, v.constraint, v.focus, v.message))
        else:
            verdicts = _per_block(violations, blocks, header, glob_nodes, owner)
    store.flush()
    del store
    return violations, verdicts


def commit_store(out_dir: Path, staged: Staged) -> None:
    """Rename the staged store into place (the previous one is removed after)."""
    target = out_dir / STORE_DIR
    old = None
    if target.exists():
        old = out_dir / f".store.old.{staged.path.name[7:]}"
        target.rename(old)
    staged.path.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_store(ttl: Path, out_dir: Path) -> Path:
    """Load ``ttl`` whole into a new store at ``out_dir/store`` (a store made
    by another build, or none: the first query after such a build)."""
    staged = stage_store_from_file(ttl, out_dir)
    commit_store(out_dir, staged)
    return out_dir / STORE_DIR


def stage_store_from_file(ttl: Path, out_dir: Path) -> Staged:
    """A store of ``ttl`` alone: no blocks known, no verdicts (the next build loads it whole)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".store.", dir=out_dir))
    try:
        shutil.rmtree(tmp)
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
        (tmp / MANIFEST).write_bytes(dumps(Manifest(file_stamp(ttl), "", None, None), _VERSION))
        return Staged(tmp, None, False)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def open_store(out_dir: Path) -> ox.Store:
    """The build's store, read-only; loaded from graph.ttl if missing or not
    the store of this graph.ttl (another build's, or one interrupted between renames)."""
    ttl = out_dir / "graph.ttl"
    path = out_dir / STORE_DIR
    if not ttl.exists():
        raise FileNotFoundError(f"{ttl}: no graph; run `kg build` first")
    m = read_manifest(path)
    if m is None or m.graph != file_stamp(ttl):
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
