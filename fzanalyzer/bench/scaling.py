"""Time against input size: the worst fuzzed document, and long reports (issues 9 and 15).

Every figure is a ratio to a bare ``jieba.lcut`` over the same text, measured in the same run in
CPU time (``time.process_time``; the best of several calls for the baseline), so it means the
same on a loaded machine. Rows:

=========================  ======================================================================
worst fuzzed document      the highest ratio among mutated copies of the real report and the
                           development set (:mod:`fzanalyzer.bench.fuzz`); goal ≤ 10
report of 10 kB / 1 MB     the real report cut or repeated to that size (UTF-8 bytes); the note
/ 20 MB                    gives the seconds per 100,000 characters, which stay flat when every
                           stage is linear; goal for 20 MB: ratio ≤ 100. 20 MB runs with
                           ``--large`` (minutes)
=========================  ======================================================================

The whole analysis is timed: normalization, metadata, outline, indicators and plans (every
stage, also for a mutant no longer recognised as a report).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from . import BenchRow
from .fuzz import mutants, repeated, source_texts


def cpu(fn: Callable[[], Any], repeat: int = 1) -> float:
    """Best CPU time (``time.process_time``) of ``repeat`` calls."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def analyze_all(text: str) -> Any:
    """Every stage on ``text``, whether or not it reads as a report (``None``: rejected with a
    coded error, e.g. E040 when only whitespace is left)."""
    from ..errors import IngestError
    from ..pipeline import analyze_text, enrich

    try:
        return enrich(analyze_text(text, analyze=False))
    except IngestError:
        return None


def bare_jieba(text: str) -> list[str]:
    import jieba

    return jieba.lcut(text)


#: jieba splits runs of punctuation or spaces off in one regex step, so on a text that is mostly
#: ``，，，…`` it costs a hundredth of what it costs on prose: a document is charged at least this
#: share of jieba's time on the same length of prose (the real report, measured in the same run).
PROSE_FLOOR = 0.25


def prose_jieba_per_char() -> float:
    """CPU seconds per character of a bare ``jieba.lcut`` over the real report (best of 3)."""
    prose = source_texts()[0]
    return cpu(lambda: bare_jieba(prose), 3) / len(prose)


def baseline(text: str, per_char: float, repeat: int = 3) -> float:
    """The budget's unit for ``text``: bare ``jieba.lcut`` (best of ``repeat``), at least
    ``PROSE_FLOOR`` of jieba on prose of the same length."""
    return max(cpu(lambda: bare_jieba(text), repeat), PROSE_FLOOR * per_char * len(text))


def ratio_to_jieba(text: str, baseline_repeat: int = 3) -> tuple[float, float]:
    """``(our CPU seconds, bare jieba.lcut CPU seconds)`` on ``text`` (jieba: best of n)."""
    base = cpu(lambda: bare_jieba(text), baseline_repeat)
    ours = cpu(lambda: analyze_all(text))
    return ours, base


def warm_up() -> None:
    import logging

    import jieba

    from ..pipeline import warm_up as warm_pipeline

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    warm_pipeline()


def sized(chars_utf8: int) -> str:
    """The real report cut or repeated to about ``chars_utf8`` bytes of UTF-8."""
    seed = source_texts()[0]
    per_char = len(seed.encode("utf-8")) / len(seed)
    return repeated(seed, int(chars_utf8 / per_char))


def run(quick: bool = False, large: bool = False) -> list[BenchRow]:
    warm_up()
    rows = []
    n = 20 if quick else 200
    worst = (0.0, 0.0, 0.0, "", 0)
    per_char = prose_jieba_per_char()
    for name, text in mutants(source_texts(), n, max_chars=20_000):
        base = baseline(text, per_char)
        t0 = time.process_time()
        analyze_all(text)
        ours = time.process_time() - t0
        if ours / max(base, 1e-9) > worst[0]:
            worst = (ours / max(base, 1e-9), ours, base, name, len(text))
    rows.append(
        BenchRow(
            name="worst fuzzed document",
            items=worst[4],
            unit="chars",
            seconds=worst[1],
            baseline="jieba.lcut",
            baseline_seconds=worst[2],
            note=f"max of {n} mutants: {worst[3]} (goal ≤ 10; jieba at least {PROSE_FLOOR} of its time on prose)",
        )
    )
    sizes = [("10 kB", 10_000), ("1 MB", 1_000_000)] + ([("20 MB", 20_000_000)] if large else [])
    if quick:
        sizes = sizes[:1]
    for label, size in sizes:
        text = sized(size)
        ours, base = ratio_to_jieba(text, baseline_repeat=1 if size > 2_000_000 else 3)
        rows.append(
            BenchRow(
                name=f"report of {label}",
                items=len(text),
                unit="chars",
                seconds=ours,
                baseline="jieba.lcut",
                baseline_seconds=base,
                note=f"{ours / len(text) * 100_000:.3f} s per 100k chars"
                + (" (goal: ratio ≤ 100)" if size >= 20_000_000 else ""),
            )
        )
    return rows
