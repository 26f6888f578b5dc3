"""National scale: the Dask path on thousands of distinct synthetic reports.

Reports are made from the real and development reports by keeping each one's outline (every
heading line stays, in order) and varying its body: a share of paragraphs dropped, paragraphs
from other reports' same part added, every number redrawn, the issuer renamed, the year moved —
so each report is distinct, of realistic length, and still reads as the genre. Measured with a
local Dask cluster of 1 and 2 worker processes on this machine:

- extraction throughput per worker (reports/s), the largest worker's peak memory (RSS) and the
  Parquet dataset's size per report, at the smallest size (each report is independent, so the
  per-report cost does not depend on the corpus; ``FZ_BENCH_SCALE_EXTRACT_ALL=1`` measures every
  size);
- reuse detection (:mod:`fzanalyzer.scale.reuse`, with planted recall) and top-k similarity
  (:mod:`fzanalyzer.scale.neighbours`) on 2 workers at every size, and their growth exponents.

Sizes: ``FZ_BENCH_SCALE_SIZES`` (comma-separated; default 2,000 and 20,000; ``--quick`` 100 and
400). docs/scale.md turns the measured constants into projections for 10⁵ and 10⁶ reports.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import BenchRow

if TYPE_CHECKING:
    from dask.distributed import Client

SIZES = (2000, 20000)
QUICK_SIZES = (100, 400)
_DIGITS = re.compile(r"\d+")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、]|[（(]\d+[)）])"
)


def sizes(quick: bool) -> tuple[int, ...]:
    env = os.environ.get("FZ_BENCH_SCALE_SIZES")
    if env and not quick:
        return tuple(int(x) for x in env.split(",") if x.strip())
    return QUICK_SIZES if quick else SIZES


def synthetic_reports(sources: list[str], n: int, seed: int = 0) -> list[str]:
    """``n`` distinct report texts varied from ``sources`` (outline kept, body varied)."""
    rng = random.Random(seed)
    bodies = [[ln for ln in s.splitlines() if ln.strip()] for s in sources]
    paragraphs = [ln for b in bodies for ln in b if len(ln) > 40 and not _HEADING.match(ln)]
    counties = [
        "清河",
        "长宁",
        "安平",
        "永和",
        "新城",
        "东湖",
        "西岭",
        "南川",
        "北塘",
        "石门",
        "云溪",
        "兴安",
    ]
    out = []
    for i in range(n):
        lines = bodies[rng.randrange(len(bodies))]
        name = f"{rng.choice(counties)}{rng.choice(counties)}{'区县'[i % 2]}"
        year = rng.randint(2016, 2025)
        text = [f"{name}人民政府关于{year}年度法治政府建设情况的报告"]
        for ln in lines[1:]:
            if _HEADING.match(ln) or len(ln) <= 40:
                text.append(ln)
                continue
            if rng.random() < 0.2:
                continue  # a paragraph dropped
            text.append(ln)
            if rng.random() < 0.15:
                text.append(rng.choice(paragraphs))  # a paragraph borrowed
        body = "\n".join(text)
        body = _DIGITS.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), body)
        out.append(re.sub(r"20\d\d年", f"{year}年", body, count=3) + f"\n（第{i}号样本）\n")
    return out


def _tree_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _worker_peak_mb(client: Client) -> float:
    """The largest peak RSS of any worker process since it started (``ru_maxrss``)."""

    def peak() -> int:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux

    return max(client.run(peak).values()) / 1e3


def run(quick: bool = False) -> list[BenchRow]:
    from ..jobs import extract
    from ..reuse.synth import planted_recall, synth_corpus
    from ..scale.cluster import local_client, require_dask
    from ..scale.neighbours import top_k
    from ..scale.reuse import find_reuse_dask
    from .reuse import growth_exponent, source_texts

    require_dask()
    sources = source_texts()
    rows: list[BenchRow] = []
    ns = sizes(quick)
    extract_sizes = ns if os.environ.get("FZ_BENCH_SCALE_EXTRACT_ALL") else ns[:1]
    tmp = Path(tempfile.mkdtemp(prefix="fz-scale-"))
    reuse_secs: list[float] = []
    topk_secs: list[float] = []
    try:
        for n in extract_sizes:
            texts = synthetic_reports(sources, n, seed=n)
            folder = tmp / f"in{n}"
            folder.mkdir()
            for i, t in enumerate(texts):
                (folder / f"r{i:06d}.txt").write_text(t, encoding="utf-8")
            chars = sum(len(t) for t in texts)
            for workers in (1, 2):
                with local_client(workers) as client:
                    t0 = time.perf_counter()
                    summary = extract(
                        [folder], dataset=tmp / f"ds{n}-{workers}", client=client, progress=False
                    )
                    wall = time.perf_counter() - t0
                    peak = _worker_peak_mb(client)
                size = _tree_mb(tmp / f"ds{n}-{workers}")
                rows.append(
                    BenchRow(
                        name=f"extract on Dask, {n} reports, {workers} worker(s)",
                        items=n,
                        unit="reports",
                        seconds=wall,
                        peak_mb=peak,
                        note=f"{n / wall / workers:.2f} reports/s per worker; {chars / n:,.0f} chars/report; "
                        f"{len(summary.failures)} failed; Parquet dataset {size:.1f} MB ({size * 1e3 / n:.1f} kB/report); "
                        "peak MB = largest worker RSS",
                    )
                )
            shutil.rmtree(folder)
        for n in ns:
            corpus = synth_corpus(sources, n, seed=n)
            texts = [r.text for r in corpus.reports]
            with local_client(2) as client:
                t0 = time.perf_counter()
                pairs = find_reuse_dask(corpus.reports, client)
                reuse_secs.append(time.perf_counter() - t0)
                reuse_peak = _worker_peak_mb(client)
            recall = planted_recall(corpus, pairs)
            rows.append(
                BenchRow(
                    name=f"reuse on Dask (2 workers), {n} reports",
                    items=n,
                    unit="reports",
                    seconds=reuse_secs[-1],
                    peak_mb=reuse_peak,
                    note=f"{len(pairs)} passages; planted recall "
                    + ", ".join(f"{k} {v:.2f}" for k, v in sorted(recall.items()) if k != "boilerplate"),
                )
            )
            with local_client(2) as client:
                t0 = time.perf_counter()
                top_k(texts, [r.id for r in corpus.reports], k=10, client=client)
                topk_secs.append(time.perf_counter() - t0)
                topk_peak = _worker_peak_mb(client)
            rows.append(
                BenchRow(
                    name=f"top-k similarity (k=10, dim 256) on Dask (2 workers), {n} reports",
                    items=n,
                    unit="reports",
                    seconds=topk_secs[-1],
                    peak_mb=topk_peak,
                )
            )
        if len(ns) > 1:
            for what, secs in (("reuse", reuse_secs), ("top-k similarity", topk_secs)):
                rows.append(
                    BenchRow(
                        name=f"{what} growth exponent {ns[0]}→{ns[-1]} reports",
                        items=sum(ns),
                        unit="reports",
                        seconds=sum(secs),
                        note=f"exponent {growth_exponent(list(ns), secs):.2f} (1 = linear, 2 = all pairs)",
                    )
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows
