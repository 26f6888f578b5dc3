"""How the cost of reuse detection grows with the number of reports.

Corpora of 250, 500, 1,000 and 2,000 reports are built by recombining and perturbing the
paragraphs of the reports at hand (:mod:`fzanalyzer.reuse.synth`), and
:func:`~fzanalyzer.reuse.passages.find_reuse` is timed on each. The growth exponent is the slope of
log(time) against log(reports) between 500 and 2,000 reports: 1 is linear, 2 is all-pairs; the
goal is ≤ 1.3. Both wall time and process CPU time are given (CPU time is steadier on a shared
machine). The baseline of each row is the bare character-shingle hashing of the same corpus
(numpy), the floor any method that reads every character pays.

Source reports: ``corpora/`` and ``tests/data/{dev,seed}`` of the source tree, or the folders
in the environment variable ``FZ_BENCH_SOURCES`` (separated by the OS path separator).
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

from . import BenchRow

SIZES = (250, 500, 1000, 2000)
QUICK_SIZES = (60, 120, 240)


def source_texts() -> list[str]:
    """Texts of the report files found in the source folders (normalized like the pipeline's
    input, NFKC)."""
    import unicodedata

    env = os.environ.get("FZ_BENCH_SOURCES")
    if env:
        folders = [Path(p) for p in env.split(os.pathsep) if p]
    else:
        root = Path(__file__).resolve().parents[2]
        folders = [root / "corpora", root / "tests" / "data" / "dev", root / "tests" / "data" / "seed"]
    texts = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                texts.append(
                    unicodedata.normalize("NFKC", path.read_text(encoding="utf-8", errors="replace"))
                )
    if not texts:
        from ..errors import FzError

        raise FzError.from_code(
            "E090",
            detail="no source reports (.txt) for the bench; set FZ_BENCH_SOURCES to a folder of reports",
        )
    return texts


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) on log(sizes).

    >>> round(growth_exponent([500, 1000, 2000], [1.0, 2.0, 4.0]), 3)
    1.0
    """
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(s, 1e-9)) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else float("nan")


def _hash_only(reports: list) -> None:
    import numpy as np

    from ..reuse.passages import shingle_hashes

    for r in reports:
        shingle_hashes(np.frombuffer(r.text.encode("utf-32-le"), dtype=np.uint32), 5)


def run(quick: bool = False) -> list[BenchRow]:
    from ..reuse.passages import find_reuse
    from ..reuse.synth import planted_recall, synth_corpus

    texts = source_texts()
    sizes: tuple[int, ...] = QUICK_SIZES if quick else SIZES
    rows: list[BenchRow] = []
    walls: list[float] = []
    cpus: list[float] = []
    for n in sizes:
        corpus = synth_corpus(texts, n, seed=n)
        chars = sum(len(r.text) for r in corpus.reports)
        t0 = time.perf_counter()
        _hash_only(corpus.reports)
        base = time.perf_counter() - t0
        c0, t0 = time.process_time(), time.perf_counter()
        pairs = find_reuse(corpus.reports)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        walls.append(wall)
        cpus.append(cpu)
        recall = planted_recall(corpus, pairs)
        rows.append(
            BenchRow(
                name=f"find_reuse, {n} synthetic reports",
                items=n,
                unit="reports",
                seconds=wall,
                baseline="shingle hashing (numpy)",
                baseline_seconds=base,
                note=f"cpu {cpu:.1f} s; {chars / 1e6:.1f}M chars; {len(pairs)} passages; planted recall "
                + ", ".join(f"{k} {v:.2f}" for k, v in sorted(recall.items()) if k != "boilerplate"),
            )
        )
    # Exponent over the larger sizes (500 → 2,000 in the full run).
    tail = slice(1, None)
    exp_wall = growth_exponent(list(sizes[tail]), walls[tail])
    exp_cpu = growth_exponent(list(sizes[tail]), cpus[tail])
    rows.append(
        BenchRow(
            name=f"reuse growth exponent {sizes[1]}→{sizes[-1]} reports",
            items=sum(sizes),
            unit="reports",
            seconds=sum(walls),
            note=f"slope wall {exp_wall:.2f}, cpu {exp_cpu:.2f} (goal ≤ 1.3)",
        )
    )
    return rows
