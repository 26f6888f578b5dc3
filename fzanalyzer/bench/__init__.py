"""Benchmarks: figures and ratios against a baseline measured in the same run.

Each module in this package exposes ``run(quick: bool = False) -> list[BenchRow]``; the
``fzanalyzer bench`` command runs them in order and prints one table. A ratio compares our
time with the bare library call on the same input in the same run (lower is better), so the
figures mean something on any machine.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Bench modules, in the order they run; add yours here.
BENCH_MODULES = ["ingest", "reuse", "pipeline", "audit", "store", "pool", "startup", "scaling", "scale"]


@dataclass
class BenchRow:
    name: str  # what was measured
    items: int  # documents, characters ... (see ``unit``)
    unit: str
    seconds: float
    baseline: str | None = None  # the bare call it is compared with
    baseline_seconds: float | None = None
    peak_mb: float | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else float("inf")

    @property
    def ratio(self) -> float | None:
        if not self.baseline_seconds:
            return None
        return self.seconds / self.baseline_seconds


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls, and the last result."""
    best = float("inf")
    result = None
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def peak_memory_mb(fn: Callable[[], Any]) -> float:
    """Peak Python heap allocation of one call, in MB (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6
