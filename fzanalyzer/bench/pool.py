"""What renewing the worker pool costs an extract run.

A local ``extract`` with two workers hands each worker ``batch.FILES_PER_POOL_WORKER`` files (200),
then replaces the pool by a fresh one: Python's own ``max_tasks_per_child`` can leave a pool with
no worker and the run waiting forever (CPython gh-115634). The same files are extracted twice in
one process with two workers: with the pool renewed as shipped, and with one pool for the whole
run (the baseline: no renewal, nothing to give back). The ratio is the renewed run's wall time
over the baseline's, the best of two alternating runs (one with ``--quick``).

The inputs are those of the store bench (the seed and development reports, repeated): 1,000 files
(``--quick``: 600; 400 files a pool).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from . import BenchRow

N_FILES = 1000
QUICK_FILES = 600
WORKERS = 2


def _timed_extract(paths: list[Path], files_per_worker: int) -> tuple[float, int]:
    from .. import batch
    from ..jobs import extract

    shipped = batch.FILES_PER_POOL_WORKER
    batch.FILES_PER_POOL_WORKER = files_per_worker
    try:
        t0 = time.perf_counter()
        summary = extract(paths, workers=WORKERS, progress=False)
        return time.perf_counter() - t0, summary.processed
    finally:
        batch.FILES_PER_POOL_WORKER = shipped


def run(quick: bool = False) -> list[BenchRow]:
    from .. import batch
    from .store import write_inputs

    n = QUICK_FILES if quick else N_FILES
    per_worker = batch.FILES_PER_POOL_WORKER
    pools = -(-n // (WORKERS * per_worker))
    with tempfile.TemporaryDirectory(prefix="fz-bench-pool-") as tmp:
        paths = write_inputs(Path(tmp), n)
        _timed_extract(paths[:4], per_worker)  # warm up: this process's lexicons and models
        renewed: list[tuple[float, int]] = []
        single: list[tuple[float, int]] = []
        for _ in range(1 if quick else 2):  # alternate, keep the best of each (shared machines)
            renewed.append(_timed_extract(paths, per_worker))
            single.append(_timed_extract(paths, n))
        wall, done = min(renewed)
        base_wall, _ = min(single)
    return [
        BenchRow(
            name=f"extract -w {WORKERS}, pool renewed every {per_worker} files a worker ({pools} pool{'s' if pools > 1 else ''})",
            items=done,
            unit="files",
            seconds=wall,
            baseline=f"the same run in one pool ({WORKERS} workers)",
            baseline_seconds=base_wall,
            note=f"renewal costs {wall / base_wall - 1:+.0%} of wall time; {done} files",
        )
    ]
