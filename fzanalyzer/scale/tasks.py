"""Extraction as Dask tasks.

Each file is one task running :func:`fzanalyzer.batch.process_one` — the function the process
pool runs — so a report comes out the same on one machine or on a cluster. Tasks are submitted
in a bounded window (memory stays flat on a million files) and yielded as they finish; the
caller restores input order. A worker that dies mid-task is replaced by the scheduler, which
reruns its tasks elsewhere (``distributed.scheduler.allowed-failures`` times) before the file is
reported as E051: nothing is lost, nothing is counted twice (each file is one key).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dask.distributed import Client

    from ..batch import Settings


def dask_results(
    todo: list[Path],
    ids: dict[Path, str],
    client: Client,
    settings: Settings,
    on_progress: Callable[[Path], None] | None = None,
    window: int | None = None,
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``(path, result)`` for each file, in completion order."""
    import uuid

    from dask.distributed import as_completed
    from distributed.scheduler import KilledWorker

    from ..batch import Failure, process_one
    from ..errors import ERRORS

    run = uuid.uuid4().hex[:12]  # keys unique to this run: two runs on one scheduler never share results
    nworkers = max(1, len(client.scheduler_info().get("workers", {})))
    window = window or nworkers * 8
    queue = list(reversed(todo))
    futures: dict[Any, Path] = {}

    def submit(f: Path) -> Any:
        # one key per file of this run: the scheduler never computes a file twice or mixes two
        fut = client.submit(process_one, f, ids[f], settings, key=f"fz-extract-{run}-{ids[f]}")
        futures[fut] = f
        return fut

    pending = as_completed([submit(queue.pop()) for _ in range(min(window, len(queue)))])
    for fut in pending:
        f = futures.pop(fut)
        try:
            res = fut.result()
        except KilledWorker:
            res = {"failure": Failure(str(f), "E051", ERRORS["E051"].format(path=f))}
        fut.release()
        if on_progress:
            on_progress(f)
        if queue:
            pending.add(submit(queue.pop()))
        yield f, res
