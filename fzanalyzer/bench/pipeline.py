"""Extraction throughput: text → sections → indicators, against one bare ``jieba.lcut`` pass.

The input is the seed report and every development report, normalized and concatenated
(each report is analysed on its own, as the pipeline does). Rows:

=====================  ========================================================================
extract                ``segment`` + ``extract_indicators`` (rules; the default)
extract + NER          the same with the trained NER refining weak subjects
indicators only        ``extract_indicators`` given the sections
=====================  ========================================================================

``ratio`` = our time / the time of ``jieba.lcut`` over the same texts in the same run (both
warmed up first, so dictionary loading is not counted). Goal: ratio ≤ 1.0, i.e. the whole
extraction costs no more than tokenizing the text once.
"""

from __future__ import annotations

from pathlib import Path

from . import BenchRow, peak_memory_mb, timed


def texts() -> list[str]:
    """The normalized report texts the bench runs on."""
    from ..normalize import normalize

    root = Path(__file__).resolve().parents[2] / "tests" / "data"
    paths = sorted((root / "seed").glob("*.txt")) + sorted((root / "dev").glob("*.txt"))
    out = []
    for p in paths:
        out.append(normalize(p.read_text(encoding="utf-8"), fmt="txt").text)
    return out


def run(quick: bool = False) -> list[BenchRow]:
    import logging

    import jieba

    from ..extract.indicators import extract_indicators
    from ..meta import extract_meta
    from ..segment import segment

    jieba.setLogLevel(logging.WARNING)
    docs = texts()
    if quick:
        docs = docs[:2]
    metas = [extract_meta(t, {}) for t in docs]
    chars = sum(len(t) for t in docs)
    repeat = 1 if quick else 5

    def bare() -> None:
        for t in docs:
            jieba.lcut(t)

    def extract(ner: bool = False) -> int:
        n = 0
        for t, m in zip(docs, metas, strict=True):
            secs = segment(t, m)
            n += len(extract_indicators(t, secs, m, use_ner=ner))
        return n

    sections = [segment(t, m) for t, m in zip(docs, metas, strict=True)]

    def indicators_only() -> int:
        return sum(
            len(extract_indicators(t, s, m, use_ner=False))
            for t, s, m in zip(docs, sections, metas, strict=True)
        )

    # warm up: jieba's dictionary, the lexicons, regexes and the NER model are loaded once
    bare()
    extract(ner=False)
    extract(ner=True)
    base_s, _ = timed(bare, repeat)
    rows = []
    for name, fn in (
        ("extract (text→sections→indicators)", lambda: extract(False)),
        ("extract + NER", lambda: extract(True)),
        ("indicators only", indicators_only),
    ):
        s, n = timed(fn, repeat)
        rows.append(
            BenchRow(
                name=name,
                items=chars,
                unit="chars",
                seconds=s,
                baseline="jieba.lcut",
                baseline_seconds=base_s,
                peak_mb=peak_memory_mb(fn) if not quick else None,
                note=f"{n} indicators in {len(docs)} reports",
            )
        )
    return rows
