"""What the DuckDB store adds to an extract run.

The same files are extracted twice in the same process with one worker: once with no output at
all (the extraction alone, the baseline) and once into a fresh store (``extract --store``). The
ratio is the store run's CPU time over the baseline's; the store's overhead is ``ratio - 1``
(goal ≤ 0.20). CPU time of the whole process (DuckDB's threads included) is steadier than wall
time on a shared machine; both are given, each the best of two alternating runs.

The inputs are the seed report and the development reports written as ``.txt`` files, repeated
to 200 files (``--quick``: 30) in alternating encodings, so every file has its own digest and id.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from . import BenchRow

N_REPORTS = 200
QUICK_REPORTS = 30


def write_inputs(folder: Path, n: int) -> list[Path]:
    """``n`` report files made from the seed and development reports (see the module doc)."""
    from .pipeline import texts
    from .samples import render_txt

    sources = texts()
    paths = []
    for i in range(n):
        text = sources[i % len(sources)]
        # A different encoding or trailing newlines: another file with the same report in it.
        data = render_txt(text, "gb18030" if i % 2 else "utf-8") + b"\n" * (i // len(sources))
        path = folder / f"r{i:04d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _timed_extract(paths: list[Path], store: Path | None) -> tuple[float, float, int]:
    from ..jobs import extract

    c0, t0 = time.process_time(), time.perf_counter()
    summary = extract(paths, store=store, workers=1, progress=False)
    return time.process_time() - c0, time.perf_counter() - t0, summary.processed


def run(quick: bool = False) -> list[BenchRow]:
    n = QUICK_REPORTS if quick else N_REPORTS
    with tempfile.TemporaryDirectory(prefix="fz-bench-store-") as tmp:
        folder = Path(tmp)
        paths = write_inputs(folder, n)
        _timed_extract(paths[:2], None)  # warm up: jieba's dictionary, lexicons, models
        _timed_extract(paths[:2], folder / "warm.duckdb")  # and DuckDB itself
        runs: dict[str, list[tuple[float, float, int]]] = {"bare": [], "store": []}
        for i in range(1 if quick else 2):  # alternate, keep the best of each (shared machines)
            runs["bare"].append(_timed_extract(paths, None))
            runs["store"].append(_timed_extract(paths, folder / f"fz{i}.duckdb"))
        base_cpu, base_wall, done = min(runs["bare"])
        cpu, wall, stored = min(runs["store"])
    return [
        BenchRow(
            name=f"extract --store, {n} reports (CPU)",
            items=stored,
            unit="reports",
            seconds=cpu,
            baseline="the same extraction without the store",
            baseline_seconds=base_cpu,
            note=f"store overhead {cpu / base_cpu - 1:+.0%} of CPU (goal ≤ +20%); wall {wall:.1f} s "
            f"vs {base_wall:.1f} s ({wall / base_wall - 1:+.0%}); {done} reports",
        )
    ]
