"""Query worker processes for `kg serve`, one graph version per generation.

Each worker holds the graph in an in-memory Oxigraph store.  A query past its
time limit is stopped by ending its worker (a running Oxigraph query cannot be
interrupted from Python) and a fresh worker takes its place.  Every worker of a
generation, replacements included, loads the same private snapshot of
graph.ttl taken when the generation started, so a rebuild of ``out/`` under a
running server never gives mixed answers; ``reload()`` starts a new generation
from the current graph.ttl and swaps all workers at once.

Each worker's address space is capped (``RLIMIT_AS``): a query that needs more
memory ends that worker, not the machine.  Time limits count from the request's
arrival, the wait for a free worker included.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

LOAD_TIMEOUT = 600.0  # loading the graph is not under the query time limit


def _limit_memory(max_memory_mb: int) -> None:
    import resource

    if max_memory_mb > 0:
        limit = max_memory_mb * 2**20
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker(ttl_path: str, conn, max_memory_mb: int) -> None:
    import pyoxigraph as ox

    from .sandbox import no_network

    no_network()  # talks to the server over its pipe only; SERVICE cannot reach anything

    from .query import QueryError, QueryRefused, json_term, prefixes, run_query
    from .results import GRAPH_FORMATS

    graph_formats = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                     "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
    assert set(graph_formats) == set(GRAPH_FORMATS)
    # in memory: several times faster to query than the on-disk store
    store = ox.Store()
    store.bulk_load(path=ttl_path, format=ox.RdfFormat.TURTLE)
    _limit_memory(max_memory_mb)
    conn.send(("ready",))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        query, max_rows, base_iri, graph_format = msg
        try:
            res = run_query(store, query, base_iri=base_iri)
            if isinstance(res, ox.QuerySolutions):
                variables = [v.value for v in res.variables]
                rows, truncated = [], False
                for sol in res:
                    if len(rows) >= max_rows:
                        truncated = True
                        break
                    rows.append({v: json_term(sol[v]) for v in variables if sol[v] is not None})
                conn.send(("select", variables, rows, truncated))
            elif isinstance(res, ox.QueryBoolean):
                conn.send(("ask", bool(res)))
            else:
                fmt = graph_formats[graph_format]
                extra = {"prefixes": prefixes()} if graph_format in ("turtle", "rdfxml") else {}
                conn.send(("graph", ox.serialize(list(res), format=fmt, **extra).decode("utf-8")))
        except QueryRefused as e:
            conn.send(("error", 403, str(e)))
        except QueryError as e:
            conn.send(("error", 400, str(e)))
        except SyntaxError as e:
            conn.send(("error", 400, f"query syntax {e}"))
        except MemoryError:
            conn.send(("error", 507, f"query stopped: it needs more than the {max_memory_mb} MB a worker may use"))
        except Exception as e:  # noqa: BLE001 - reported to the client, worker stays up
            conn.send(("error", 500, f"query failed: {e}"))


class _Worker:
    def __init__(self, ttl_path: str, generation: int, max_memory_mb: int):
        ctx = mp.get_context("spawn")
        self.generation = generation
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(ttl_path, child, max_memory_mb), daemon=True)
        self.proc.start()
        child.close()
        if not self.conn.poll(LOAD_TIMEOUT) or self.conn.recv() != ("ready",):
            self.stop()
            raise RuntimeError(f"query worker could not load {ttl_path}")

    def stop(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


@dataclass
class _Generation:
    number: int
    snapshot: str
    pool: queue.Queue


class QueryRunner:
    """A pool of worker processes with a per-query time limit and a memory cap."""

    def __init__(self, ttl_path: Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10000,
                 max_memory_mb: int = 2048):
        self.ttl_path = Path(ttl_path)
        self.workers = workers
        self.timeout = timeout
        self.max_rows = max_rows
        self.max_memory_mb = max_memory_mb
        self._dir = Path(tempfile.mkdtemp(prefix="kg-serve-"))
        self._lock = threading.Lock()
        self._closed = False
        self.gen = self._start(1)

    def _start(self, number: int) -> _Generation:
        snapshot = self._dir / f"graph.{number}.ttl"
        shutil.copyfile(self.ttl_path, snapshot)
        pool: queue.Queue[_Worker] = queue.Queue()
        try:
            started = _start_all(str(snapshot), number, self.max_memory_mb, self.workers)
        except BaseException:
            snapshot.unlink(missing_ok=True)
            raise
        for w in started:
            pool.put(w)
        return _Generation(number, str(snapshot), pool)

    def reload(self) -> int:
        """Start a new generation from the current graph.ttl and swap every
        worker to it at once; the old graph keeps answering until then."""
        new = self._start(self.gen.number + 1)
        with self._lock:
            old, self.gen = self.gen, new
        _drain(old.pool)
        Path(old.snapshot).unlink(missing_ok=True)
        return new.number

    def _replace(self, gen: _Generation) -> None:
        """Put a fresh worker of generation ``gen`` into its pool (in the background)."""
        def start() -> None:
            try:
                w = _Worker(gen.snapshot, gen.number, self.max_memory_mb)
            except Exception:  # noqa: BLE001 - the generation was swapped or the server closed
                return
            if self._closed or gen is not self.gen:
                w.stop()
            else:
                gen.pool.put(w)
        threading.Thread(target=start, daemon=True).start()

    def run(self, query: str, deadline: float | None = None, base_iri: str | None = None,
            graph_format: str = "turtle"):
        """Run ``query`` before ``deadline`` (time.monotonic(); default: timeout from now)."""
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        w, gen = self._take(deadline)
        if w is None:
            return ("error", 503, f"query timed out after {self.timeout:g} s waiting for a free worker")
        try:
            w.conn.send((query, self.max_rows, base_iri, graph_format))
            if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                w.stop()
                self._replace(gen)
                return ("error", 503, f"query timed out after {self.timeout:g} s")
            res = w.conn.recv()
        except (EOFError, BrokenPipeError, OSError):
            w.proc.join(2)  # the pipe can close before the process is reaped
            code = w.proc.exitcode
            w.stop()
            self._replace(gen)
            if code is not None and code < 0:
                return ("error", 507, f"query stopped: its worker ended (signal {-code}), most likely past the "
                                      f"{self.max_memory_mb} MB memory cap")
            return ("error", 500, "query worker failed")
        if gen is self.gen and not self._closed:
            gen.pool.put(w)
        else:
            w.stop()
        return res

    def _take(self, deadline: float) -> tuple[_Worker | None, _Generation]:
        while True:
            gen = self.gen
            left = deadline - time.monotonic()
            if left <= 0:
                return None, gen
            try:
                return gen.pool.get(timeout=min(left, 0.2)), gen
            except queue.Empty:
                continue

    def close(self) -> None:
        self._closed = True
        _drain(self.gen.pool)
        shutil.rmtree(self._dir, ignore_errors=True)


def _start_all(snapshot: str, number: int, max_memory_mb: int, n: int) -> list[_Worker]:
    """``n`` workers started in parallel (each loads the graph for a while)."""
    out: list[_Worker] = []
    errors: list[BaseException] = []

    def one() -> None:
        try:
            out.append(_Worker(snapshot, number, max_memory_mb))
        except BaseException as e:  # noqa: BLE001 - re-raised below
            errors.append(e)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        for w in out:
            w.stop()
        raise errors[0]
    return out


def _drain(pool: queue.Queue) -> None:
    while True:
        try:
            pool.get_nowait().stop()
        except queue.Empty:
            return
