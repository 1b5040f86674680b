"""Where per-document extraction runs: this process, a process pool, or Dask.

Extraction is a pure function of one report (``kg.build._extract_file``: its
path, the size limit, the cache folder, the user's lexicon), so any engine
that can call a function on arguments and return its result will do.  The
Dask engine submits one task per report to a ``distributed`` scheduler (a
local cluster when no address is given); the tasks carry only the path, the
content key the cache index knows and the report's id, while the size limit,
the cache folder and the lexicon are sent once.  Workers read the reports
and write their facts into ``OUT/cache`` by path, so the reports and the
output folder must be on a file system every worker sees at the same path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .errors import BuildError

ENGINES = ("local", "dask")
LOCAL_WORKERS = 2


def dask_map(fn: Callable[..., Any], per_task: Sequence[tuple], shared: dict[str, Any], *,
             scheduler: str | None = None, workers: int = LOCAL_WORKERS,
             progress: Callable[[int, int], None] | None = None) -> list[Any]:
    """``[fn(*args, **shared) for args in per_task]``, run as Dask tasks, in order.

    ``scheduler``: address of a running ``distributed`` scheduler
    (``tcp://host:8786``); ``None`` starts a local cluster of ``workers``
    single-threaded worker processes for this call.  ``shared`` (constant
    keyword arguments) is scattered to the workers once, not sent per task.
    Results are collected as they complete and released on the workers.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BuildError("--engine dask needs Dask distributed: pip install 'kg[dask]'") from None
    import logging

    # the cluster's own chatter (worker start-up, closing) is not the build's
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise BuildError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        else:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            client = Client(cluster)
        with client:
            big = {k: v for k, v in shared.items() if isinstance(v, tuple | list | dict) and v}
            kwargs = dict(shared)
            for k, v in big.items():  # e.g. the lexicon: once per worker, not once per task
                kwargs[k] = client.scatter([v], broadcast=True)[0]
            total = len(per_task)
            if not total:
                return []
            futures = client.map(fn, *zip(*per_task, strict=True), pure=False, **kwargs)
            position = {f.key: i for i, f in enumerate(futures)}
            results: list[Any] = [None] * total
            done = 0
            for future, result in as_completed(futures, with_results=True):
                results[position[future.key]] = result
                future.release()
                done += 1
                if progress is not None:
                    progress(done, total)
            return results
    finally:
        if cluster is not None:
            cluster.close()
