"""`kg build`: reports folder -> graph.ttl, graph.html, summary.json, text/, store/.

Every output is written to a temporary file beside it and renamed into place,
so an interrupted build leaves the previous complete output.  Documents are
extracted in a process pool (``jobs``) and cached by content hash and pipeline
fingerprint under ``OUT/cache``, so a rebuild re-extracts changed files only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.user_lexicon import Entry

from .cachefile import CacheFormatError, dumps, loads
from .errors import BuildError, InterruptedAfterCommit
from .extract import DocFacts, extract
from .files import atomic_write
from .files import stage as _stage
from .fingerprint import pipeline_fingerprint
from .graph import BlockInfo, DocSummary, summarize, write_graph
from .normalize import DecodeError, decode_bytes, normalize_text

INPUT_SUFFIXES = (".txt", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
# with ``jobs=None`` (the CLI's default) fewer reports to extract than this stay
# in this process: a pool's start (fork, each worker's first extraction ~0.3 s)
# would cost more than it saves
POOL_MIN_REPORTS = 32


def default_jobs() -> int:
    """Extraction processes when not told: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity masks on this platform
        return os.cpu_count() or 1


def pool_size(jobs: int | None, work: int) -> int:
    """Processes for ``work`` reports to extract or render: ``jobs`` as asked,
    or (None) the usable CPUs, but 1 (this process) for fewer than
    ``POOL_MIN_REPORTS`` or a single report."""
    n = default_jobs() if jobs is None else jobs
    return 1 if work < 2 or (jobs is None and work < POOL_MIN_REPORTS) else n


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
    # not folders; anything else with a report's suffix is named (and skipped by read_input if it is no file)
    return sorted(p for p in entries if p.suffix.lower() in INPUT_SUFFIXES and not p.is_dir())


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def _too_large(size: int, max_bytes: int) -> DecodeError:
    return DecodeError(f"too large ({size / 2**20:.0f} MB, limit {max_bytes / 2**20:.0f} MB)")


def _inside(root: str, path: str) -> bool:
    return os.path.commonpath([root, path]) == root


def read_input(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of one input file: a regular file inside its folder's tree
    (a symbolic link is followed only to one), at most ``max_bytes`` of it.

    Nothing outside the input folder is opened: a link to /etc/passwd,
    /proc/self/environ, /dev/zero or a FIFO elsewhere is refused by where it
    leads; a FIFO or device inside is opened without blocking and refused by
    its type.  At most ``max_bytes`` + 1 bytes are read, whatever the size the
    file claims.  Raises ``DecodeError`` or ``OSError`` with a one-line reason.
    """
    root = os.path.realpath(path.parent)
    if path.is_symlink():
        target = os.path.realpath(path)
        if not _inside(root, target):
            raise DecodeError(f"symbolic link to {target}, outside the input folder")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a file")
            raise DecodeError(f"not a regular file ({kind})")
        opened = f"/proc/self/fd/{fd}"
        if os.path.exists(opened) and not _inside(root, os.path.realpath(opened)):  # the link changed meanwhile
            raise DecodeError(f"symbolic link to {os.path.realpath(opened)}, outside the input folder")
        if st.st_size > max_bytes:
            raise _too_large(st.st_size, max_bytes)
        chunks, n = [], 0
        while n <= max_bytes:
            chunk = os.read(fd, min(2**20, max_bytes + 1 - n))
            if not chunk:
                break
            chunks.append(chunk)
            n += len(chunk)
        if n > max_bytes:  # grew since fstat
            raise _too_large(n, max_bytes)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_report(path: Path, max_bytes: int = MAX_BYTES, data: bytes | None = None) -> tuple[bytes, str, list[str]]:
    """Raw bytes, normalised text and warnings of one report (``data``: its
    bytes when the caller has read them already with :func:`read_input`).

    Raises ``DecodeError`` (not a report) or ``OSError`` (cannot be read), each
    with a reason short enough for a one-line message.
    """
    if data is None:
        data = read_input(path, max_bytes)
    decoded = decode_bytes(data)
    text = normalize_text(decoded.text)
    if not text.strip():
        raise DecodeError("no text after normalisation (empty page)")
    warnings = []
    if decoded.replaced:
        warnings.append(f"{path}: {decoded.replaced} undecodable byte sequence(s) or invalid characters replaced")
    return data, text, warnings


INDEX = "index.json"


@dataclass
class IndexEntry:
    """What a rebuild needs of an unchanged report without loading its facts."""

    key: str  # content key: hash of the file's bytes + pipeline fingerprint
    summary: DocSummary
    warnings: list[str]
    block: BlockInfo | None = None
    text_stat: tuple[int, int] | None = None  # (size, mtime_ns) of OUT/text/<doc>.txt as written


@lru_cache(maxsize=1)
def index_fingerprint() -> str:
    """Changes with the code that writes and reads the index (its classes live
    in build.py, graph.py and identity.py): an index of another version is ignored."""
    h = hashlib.sha256(pipeline_fingerprint().encode())
    for name in ("build.py", "graph.py", "identity.py"):
        h.update((ROOT / "kg" / name).read_bytes())
    return h.hexdigest()[:16]


def load_index(cache_dir: Path) -> dict[str, IndexEntry]:
    """The cache index the last build wrote, or {} (none, damaged, another version)."""
    try:
        return loads((cache_dir / INDEX).read_bytes(), dict[str, IndexEntry], index_fingerprint())
    except (OSError, CacheFormatError):
        return {}


@dataclass
class _Extracted:
    name: str
    facts: DocFacts | None
    warnings: list[str]
    reason: str | None = None  # why the file was skipped
    fresh: bool = False  # extracted now, not taken from the cache
    key: str | None = None  # content key (None without a cache)
    unchanged: bool = False  # the key the index has: facts not loaded
    summary: DocSummary | None = None  # sent instead of the facts, which are in OUT/cache under ``key``
    text: str | None = None  # the report's text, kept once its facts were loaded and dropped


def _content_key(data: bytes, lexicon: tuple[Entry, ...] = ()) -> str:
    key = hashlib.sha256(data).hexdigest() + "-" + pipeline_fingerprint()
    if lexicon:  # the user's names change what is extracted
        key += "-" + hashlib.sha256(repr(lexicon).encode()).hexdigest()[:16]
    return key


def doc_ids(paths: list[Path]) -> dict[str, str]:
    """Each report's id (its IRIs, its OUT/text file): the file name without
    the suffix, or with it when two files share the stem (a.txt, a.html)."""
    stems = Counter(p.name.rsplit(".", 1)[0] for p in paths)
    return {p.name: stem if stems[stem] == 1 else p.name for p in paths for stem in [p.name.rsplit(".", 1)[0]]}


def _extract_file(path: str, max_bytes: int, cache_dir: str | None, known_key: str | None = None,
                  doc_id: str | None = None, lexicon: tuple[Entry, ...] = ()) -> _Extracted:
    """Worker: one report's facts; from OUT/cache when its bytes are unchanged
    (and not even those when they hash to ``known_key``, the key the cache
    index holds for the file)."""
    p = Path(path)
    cached = key = data = None
    try:
        data = read_input(p, max_bytes)
        if cache_dir:
            # the cache is keyed by the file's bytes: a hit needs no decoding at all
            key = _content_key(data, lexicon)
            if key == known_key:
                return _Extracted(p.name, None, [], key=key, unchanged=True)
            cached = Path(cache_dir) / f"{p.name}.{key}.json"
            entry = _read_cache_entry(cached)
            if entry is not None:
                facts = entry.facts
                if doc_id is not None and facts.doc_id != doc_id:  # another file with the same stem came or went
                    facts = dataclasses.replace(facts, doc_id=doc_id)
                return _Extracted(p.name, facts, entry.warnings, key=key)
        _data, text, warnings = read_report(p, max_bytes, data)
    except (OSError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return _Extracted(p.name, None, [], reason=reason)
    facts = extract(text, p.name, doc_id, lexicon)
    if cached is not None:
        atomic_write(cached, dumps(CacheEntry(facts, warnings)))
    return _Extracted(p.name, facts, warnings, fresh=True, key=key)


def _extract_summary(path: str, max_bytes: int, cache_dir: str | None, known_key: str | None = None,
                     doc_id: str | None = None, lexicon: tuple[Entry, ...] = ()) -> _Extracted:
    """Worker: as :func:`_extract_file`, but what comes back is the report's
    summary (its names, for identities across reports), not its facts, when
    these are in the cache: the build loads them from there one report at a
    time as it renders, and no process holds the facts of every report."""
    r = _extract_file(path, max_bytes, cache_dir, known_key, doc_id, lexicon)
    if r.facts is not None and cache_dir and r.key is not None \
            and (Path(cache_dir) / f"{r.name}.{r.key}.json").is_file():
        r.summary = summarize(r.facts)
        r.facts = None
    return r


@dataclass(frozen=True)
class CacheEntry:
    """One report's cached extraction: OUT/cache/<file>.<content key>.json."""

    facts: DocFacts
    warnings: list[str]


def _read_cache_entry(path: Path) -> CacheEntry | None:
    try:
        return loads(path.read_bytes(), CacheEntry)
    except (OSError, CacheFormatError):
        return None


def extract_all(
    paths: list[Path],
    warn: Callable[[str], None],
    *,
    jobs: int | None = 1,
    cache_dir: Path | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    index: dict[str, IndexEntry] | None = None,
    lexicon: tuple[Entry, ...] = (),
    engine: str = "local",
    scheduler: str | None = None,
) -> tuple[list[_Extracted], list[str], list[str]]:
    """One result per readable report (with facts, with a summary of the facts
    it left in the cache, or ``unchanged`` against ``index``); the names
    skipped; the warnings, in file order.

    ``engine``: ``"local"`` (this process, or a pool of ``jobs`` processes) or
    ``"dask"`` (Dask distributed at ``scheduler``, or a local cluster of
    ``jobs`` workers, at least 2, when it is None); see :mod:`kg.engines`.
    ``jobs=None``: :func:`default_jobs`, and this process alone when fewer
    than ``POOL_MIN_REPORTS`` reports are not in the cache index."""
    index = index or {}
    ids = doc_ids(paths)
    args = [(str(p), max_bytes, str(cache_dir) if cache_dir else None,
             index[p.name].key if p.name in index and index[p.name].summary.doc_id == ids[p.name] else None, ids[p.name],
             lexicon)
            for p in paths]
    if engine == "dask":
        from .engines import LOCAL_WORKERS, dask_map

        per_task = [(a[0], a[3], a[4]) for a in args]
        results = dask_map(_dask_task, per_task, {"max_bytes": max_bytes, "cache_dir": args[0][2] if args else None,
                                                  "lexicon": lexicon},
                           scheduler=scheduler, workers=max(default_jobs() if jobs is None else jobs, LOCAL_WORKERS),
                           progress=progress)
    elif engine != "local":
        raise BuildError(f"unknown engine {engine!r} (local or dask)")
    elif (procs := pool_size(jobs, len(paths) if jobs is not None else sum(a[3] is None for a in args))) > 1:
        with ProcessPoolExecutor(max_workers=procs) as pool:
            results: Iterable = pool.map(_extract_summary, *zip(*args, strict=True),
                                         chunksize=max(1, len(args) // (procs * 8)))
            results = list(_with_progress(results, len(args), progress))
    else:
        results = list(_with_progress((_extract_file(*a) for a in args), len(args), progress))
    done, skipped, warnings = [], [], []
    for p, r in zip(paths, results, strict=True):
        if r.unchanged:
            r.warnings = list(index[r.name].warnings)
        for w in r.warnings:
            warn(w)
            warnings.append(w)
        if r.facts is None and r.summary is None and not r.unchanged:
            msg = f"{p}: skipped: {r.reason}"
            warn(msg)
            skipped.append(r.name)
            warnings.append(msg)
            continue
        done.append(r)
    return done, skipped, warnings


_FORKED: tuple[Callable, list] | None = None  # (function, items) forked workers inherit: nothing to pickle


def _forked_call(i: int):
    fn, items = _FORKED
    return fn(items[i])


def forked_map(fn: Callable, items: list, jobs: int) -> list:
    """``[fn(x) for x in items]`` in ``jobs`` forked processes, which inherit
    ``fn`` and ``items`` (closures over the build's state, unpicklable, and
    large) instead of receiving them; only results travel back."""
    global _FORKED
    _FORKED = (fn, items)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_forked_call, range(len(items)), chunksize=max(1, len(items) // (jobs * 8))))
    finally:
        _FORKED = None


def _dask_task(path: str, known_key: str | None, doc_id: str, *, max_bytes: int, cache_dir: str | None,
               lexicon: tuple[Entry, ...]) -> _Extracted:
    """A Dask task: one report, without cyclic garbage collection meanwhile
    (the pool's workers inherit the build's pause; a Dask worker does not)."""
    with _gc_paused():
        return _extract_summary(path, max_bytes, cache_dir, known_key, doc_id, lexicon)


def _with_progress(results: Iterable, total: int, progress: Callable[[int, int], None] | None):
    for i, r in enumerate(results, 1):
        if progress is not None:
            progress(i, total)
        yield r


@contextlib.contextmanager
def _gc_paused():
    """No cyclic garbage collection during a build.  What a build keeps (facts,
    the cache index, the graph's nodes) holds no cycles, yet the collector
    walked it again and again: a fifth of a rebuild's time.  Extraction leaves
    about two cyclic objects per report, so memory does not grow meanwhile;
    they are collected once the build is over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _signals_deferred():
    """Ctrl-C and SIGTERM wait while the staged outputs are renamed (milliseconds)."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, OSError, ValueError):  # no POSIX signal masks here
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def build(
    input_dir: Path,
    out_dir: Path,
    *,
    shacl: bool = True,
    html: bool = True,
    warn: Callable[[str], None] = print,
    jobs: int | None = 1,
    cache: bool = True,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    store: bool = False,
    lexicon: tuple[Entry, ...] = (),
    engine: str = "local",
    scheduler: str | None = None,
) -> BuildResult:
    """Build the graph of every report in ``input_dir`` into ``out_dir``.

    ``jobs``: extraction processes; None: as many as there are usable CPUs,
    in this process alone for a few reports (see :func:`extract_all`).

    The query store (OUT/store) is loaded here from the graph just written,
    or updated from the previous build's store (only the reports that
    changed), whenever ``shacl`` (which runs in it) or ``store`` is on; else
    the first query loads it from graph.ttl (:func:`kg.store.open_store`).

    ``engine="dask"`` extracts on Dask distributed (``scheduler``: its
    address; None: a local cluster), see :mod:`kg.engines`; the output is the
    same byte for byte.
    """
    with _gc_paused():
        return _build(input_dir, out_dir, shacl=shacl, html=html, warn=warn, jobs=jobs, cache=cache,
                      max_bytes=max_bytes, progress=progress, store=store, lexicon=lexicon, engine=engine,
                      scheduler=scheduler)


def _build(input_dir: Path, out_dir: Path, *, shacl: bool, html: bool, warn: Callable[[str], None], jobs: int | None,
           cache: bool, max_bytes: int, progress: Callable[[int, int], None] | None, store: bool,
           lexicon: tuple[Entry, ...], engine: str = "local", scheduler: str | None = None) -> BuildResult:
    paths = list_inputs(input_dir)
    if not paths:
        raise BuildError(f"{input_dir}: no .txt/.html reports found")
    cache_dir = out_dir / "cache" if cache else None
    index = load_index(cache_dir) if cache_dir is not None else {}
    results, skipped, warnings = extract_all(
        paths, warn, jobs=jobs, cache_dir=cache_dir, max_bytes=max_bytes, progress=progress, index=index,
        lexicon=lexicon, engine=engine, scheduler=scheduler,
    )
    if not results:
        raise BuildError(f"{input_dir}: none of the {len(paths)} file(s) could be read")
    by_name = {r.name: r for r in results}
    in_dir = {p.name: p for p in paths}
    ids = doc_ids(paths)

    def facts(name: str) -> DocFacts:
        """Full facts of a report, loaded from the cache for an unchanged one or
        one extracted elsewhere; these are not kept (only their text is), so
        memory holds one report's facts at a time, not the corpus'."""
        r = by_name[name]
        if r.facts is not None:
            return r.facts
        entry = _read_cache_entry(cache_dir / f"{name}.{r.key}.json") if cache_dir is not None else None
        if entry is None:  # the entry went missing: extract again
            again = _extract_file(str(in_dir[name]), max_bytes, str(cache_dir) if cache_dir else None,
                                  doc_id=ids[name], lexicon=lexicon)
            if again.facts is None:
                raise BuildError(f"{in_dir[name]}: could not be read again")
            entry = CacheEntry(again.facts, again.warnings)
            r.fresh = again.fresh
        f = entry.facts
        if f.doc_id != ids[name]:  # cached under another id: a file with the same stem came or went
            f = dataclasses.replace(f, doc_id=ids[name])
        r.text = f.text
        return f

    def doc_text(name: str) -> str:
        r = by_name[name]
        if r.facts is not None:
            return r.facts.text
        return r.text if r.text is not None else facts(name).text

    def text_written(s: DocSummary) -> bool:
        """OUT/text holds this report's text as the last build wrote it."""
        old = index.get(s.filename)
        return old is not None and old.key == by_name[s.filename].key and old.text_stat is not None \
            and _stat(out_dir / "text" / f"{s.doc_id}.txt") == old.text_stat

    def text(s: DocSummary) -> str:
        """A report's text: from its facts when loaded, else from OUT/text."""
        r = by_name[s.filename]
        if r.facts is None and r.text is None and text_written(s):
            return (out_dir / "text" / f"{s.doc_id}.txt").read_text(encoding="utf-8")
        return doc_text(s.filename)

    def map_blocks(render: Callable, items: list) -> Iterable:
        """Reports' blocks rendered in forked processes, as extraction ran in
        a pool (``jobs`` as there): each loads its facts from the cache
        there, and its text comes back for OUT/text and the view."""
        n_jobs = pool_size(jobs, len(items))
        if engine != "local" or n_jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return map(render, items)

        def one(item: tuple) -> tuple:
            info = render(item)
            r = by_name[item[0].filename]
            return info, (r.text if r.facts is None else None), r.fresh

        out = []
        for item, (info, text, fresh) in zip(items, forked_map(one, items, n_jobs), strict=True):
            r = by_name[item[0].filename]
            r.text = text if text is not None else r.text
            r.fresh = r.fresh or fresh  # its cache entry went missing: extracted again
            out.append(info)
        return out

    summaries = [index[r.name].summary if r.unchanged else r.summary if r.summary is not None else summarize(r.facts)
                 for r in results]
    blocks = {n: e.block for n, e in index.items() if e.block is not None and n in by_name and not by_name[n].fresh}
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".graph.ttl.", suffix=".tmp", dir=out_dir)
    committed = False
    staged: list[tuple[str, Path]] = []  # (temporary file, the output it becomes)
    new_store = None  # kg.store.Staged: the query store, renamed into place with the rest
    try:
        with os.fdopen(fd, "wb") as f:
            stats = write_graph(summaries, f, lambda s: facts(s.filename), block_cache=blocks if cache_dir else None,
                                ontology=ONTOLOGY_DIR / "kg.ttl", block_dir=cache_dir, text=text,
                                map_blocks=map_blocks)
        result = BuildResult(
            documents=len(summaries),
            entities=stats.entities,
            triples=stats.triples,
            amounts=stats.amounts,
            relations=stats.relations,
            characters=sum(s.characters for s in summaries),
            skipped=skipped,
            warnings=warnings,
        )
        if shacl or store:
            # the query store is loaded (or updated) from the graph just written,
            # and SHACL runs in it (kg.store, kg.validate)
            from .store import stage_store

            new_store = stage_store(out_dir, Path(tmp), stats.glob_text, stats.blocks, cache_dir, validate=shacl)
        if shacl and new_store is not None and new_store.violations is not None:
            n = len(new_store.violations)
            result.shacl_conforms, result.shacl_violations = not n, n
            if n:
                msg = f"SHACL: {n} violation(s) of ontology/shapes.ttl"
                warn(msg)
                result.warnings.append(msg)
        # every output is staged as a temporary file and renamed at the end, all
        # together: an interrupted build leaves the previous output, not a mix
        for s in summaries:
            if text_written(s):
                continue
            target = out_dir / "text" / f"{s.doc_id}.txt"
            body = doc_text(s.filename)
            st = _stat(target)
            if not (st is not None and st[0] == len(body.encode("utf-8")) and target.read_text(encoding="utf-8") == body):
                staged.append((_stage(target, body), target))
        result.extracted = sum(r.fresh for r in results)  # counted now: writing the texts may have extracted again
        # the view's nodes and edges, so kg viz need not parse the whole graph again; laid out with the page
        if html:
            from .html import with_layout

            stats.view = with_layout(stats.view)
        view = json.dumps({"nodes": stats.view[0], "edges": stats.view[1]}, ensure_ascii=False, sort_keys=True)
        staged.append((_stage(out_dir / "view.json", view), out_dir / "view.json"))
        if html:
            from .html import render_html

            staged.append((_stage(out_dir / "graph.html", render_html(view=stats.view)), out_dir / "graph.html"))
        summary = json.dumps(result.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        staged.append((_stage(out_dir / "summary.json", summary), out_dir / "summary.json"))
        staged.append((tmp, out_dir / "graph.ttl"))
        with _signals_deferred():  # a Ctrl-C meanwhile is raised as this block ends
            for staged_file, target in staged:
                os.replace(staged_file, target)
            if new_store is not None:
                from .store import commit_store

                commit_store(out_dir, new_store)
            committed = True
    except BaseException as e:
        for staged_file, _ in [*staged, (tmp, None)]:
            if os.path.exists(staged_file):
                os.unlink(staged_file)
        if new_store is not None and new_store.path.exists():
            shutil.rmtree(new_store.path, ignore_errors=True)
        if committed and isinstance(e, KeyboardInterrupt):
            raise InterruptedAfterCommit from None
        raise
    text_stats = {s.filename: _stat(out_dir / "text" / f"{s.doc_id}.txt") for s in summaries}
    current = {f"{s.doc_id}.txt" for s in summaries}
    for p in (out_dir / "text").glob("*.txt"):
        if p.name not in current:  # a report that is gone, or renamed
            p.unlink(missing_ok=True)
    if cache_dir is not None:
        new_index = {
            s.filename: IndexEntry(by_name[s.filename].key, s, by_name[s.filename].warnings, blocks.get(s.filename),
                                   text_stats[s.filename])
            for s in summaries if by_name[s.filename].key is not None
        }
        atomic_write(cache_dir / INDEX, dumps(new_index, index_fingerprint()))
        _prune_cache(cache_dir, new_index)
    return result


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _prune_cache(cache_dir: Path, index: dict[str, IndexEntry]) -> None:
    """Keep the index and, per current report, its facts and its block; drop
    the rest (earlier versions, removed reports, stray temporary files)."""
    keep = {INDEX}
    for name, e in index.items():
        keep.add(f"{name}.{e.key}.json")
        if e.block is not None:
            keep.add(f"{name}.{e.block[0]}.ttl")
    for p in cache_dir.iterdir():
        if p.name not in keep and p.is_file():
            p.unlink(missing_ok=True)
