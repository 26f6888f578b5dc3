"""National scale: the Dask path on thousands of distinct synthetic reports.

Two kinds of synthetic report, both made from the real and development reports:

- for extraction, each report keeps one source report's outline (every heading line, in order)
  with its body varied: a share of paragraphs dropped, paragraphs from other reports added, every
  number redrawn, the issuer renamed, the year moved (:func:`synthetic_reports`);
- for reuse and similarity, :func:`fzanalyzer.reuse.synth.synth_corpus` (issuers over
  consecutive years, planted same-issuer and cross-issuer reuse, boilerplate), written to a
  Parquet dataset that the tasks read themselves (the large-corpus path:
  :func:`fzanalyzer.scale.reuse.find_reuse_dataset`, :func:`fzanalyzer.scale.neighbours.top_k_dataset`).

Each step runs on its own local cluster (worker processes of one thread, ``FZ_BENCH_SCALE_WORKER_LIMIT``
memory each, default 3GB, so a runaway worker is restarted by its nanny rather than taking the
machine) and is measured by wall time, CPU seconds of the worker processes and of the client,
and the peak RSS (VmHWM, reset at the start of the step) of every worker and of the client:

- extraction with 1 and 2 workers at the smallest size (each report is independent, so the
  per-report cost does not depend on the corpus; ``FZ_BENCH_SCALE_EXTRACT_ALL=1`` measures every
  size): throughput per worker, Parquet dataset size per report;
- reuse (with planted recall) and top-k similarity on ``FZ_BENCH_SCALE_WORKERS`` workers
  (default 2) at every size, and their growth exponents from the smallest to the largest size,
  computed from CPU seconds (the machine may be shared: wall time then measures the neighbours).

Every row is printed as soon as it is measured and appended to a JSON-lines log
(``FZ_BENCH_SCALE_LOG``, default ``fzanalyzer-bench-scale.jsonl`` in the current folder); a
re-run skips the steps the log already holds (``--fresh`` starts a new log);
``FZ_BENCH_SCALE_STEPS`` picks steps (default ``extract,reuse,topk``). Sizes:
``FZ_BENCH_SCALE_SIZES`` (comma-separated; default 2,000 and 20,000; ``--quick`` 100 and 400).
docs/scale.md turns the measured constants into projections for 10⁵ and 10⁶ reports.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import resource
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _usage() -> tuple[float, float]:
    """CPU seconds (user + system) of this process since it started, and its peak RSS in MB."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1e3  # ru_maxrss: kB on Linux


def _reset_peak() -> None:
    """Start this process's peak RSS afresh (Linux: ``clear_refs`` 5 resets VmHWM)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")


def _peak_mb() -> float:
    """This process's peak RSS since the last :func:`_reset_peak` (or its start), in MB."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    except OSError:
        pass
    return _usage()[1]


def measure(client: Client, fn: Callable[[], Any]) -> tuple[Any, dict[str, Any]]:
    """Run ``fn`` and measure it: wall seconds, CPU seconds of the workers (summed) and of the
    client, each worker's peak RSS and the client's (workers are fresh per step, so their peak
    is the step's)."""
    before = client.run(_usage)
    # a spawned worker's ru_maxrss keeps the RSS of the client it was forked from (Linux carries
    # the pre-exec peak over), so the peak is read from VmHWM, reset here on every process
    client.run(_reset_peak)
    cpu0 = _usage()[0]
    _reset_peak()
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    result = fn()
    wall = time.perf_counter() - t0
    after = client.run(_usage)
    peaks = client.run(_peak_mb)
    restarted = sorted(set(before) ^ set(after))
    rec = {
        "wall_s": round(wall, 2),
        "worker_cpu_s": round(sum(after[w][0] - before.get(w, (0.0, 0.0))[0] for w in after), 2),
        "client_cpu_s": round(_usage()[0] - cpu0, 2),
        "worker_peak_mb": sorted(round(peaks[w]) for w in peaks),
        "client_peak_mb": round(_peak_mb()),
        "load": [round(load0, 1), round(os.getloadavg()[0], 1)],
        "workers_restarted": len(restarted),
    }
    return result, rec


class Log:
    """Measured steps, one JSON object a line, appended as each is measured."""

    def __init__(self, path: Path, fresh: bool) -> None:
        self.path = path
        if fresh and path.exists():
            path.unlink()
        self.rows: dict[str, dict[str, Any]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    self.rows[self.key(rec["step"], rec["n"], rec["workers"])] = rec

    @staticmethod
    def key(step: str, n: int, workers: int) -> str:
        return f"{step}|{n}|{workers}"

    def get(self, step: str, n: int, workers: int) -> dict[str, Any] | None:
        return self.rows.get(self.key(step, n, workers))

    def add(self, rec: dict[str, Any]) -> None:
        rec["at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.rows[self.key(rec["step"], rec["n"], rec["workers"])] = rec
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _cpu(rec: dict[str, Any]) -> float:
    return float(rec["worker_cpu_s"] + rec["client_cpu_s"])


def to_row(rec: dict[str, Any]) -> BenchRow:
    n, w = rec["n"], rec["workers"]
    titles = {
        "extract": f"extract on Dask, {n} reports, {w} worker(s)",
        "reuse": f"reuse on Dask (dataset read by the tasks), {n} reports, {w} worker(s)",
        "topk": f"top-k similarity (k=10, dim 256) on Dask, {n} reports, {w} worker(s)",
    }
    note = (
        f"CPU s: workers {rec['worker_cpu_s']:.1f}, client {rec['client_cpu_s']:.1f}; "
        f"peak RSS MB: workers {rec['worker_peak_mb']}, client {rec['client_peak_mb']}; "
        f"load {rec['load'][0]}→{rec['load'][1]}"
    )
    if rec.get("workers_restarted"):
        note += f"; {rec['workers_restarted']} worker(s) restarted"
    if rec["step"] == "extract":
        note += (
            f"; {n / rec['wall_s'] / w:.2f} reports/s per worker (wall), "
            f"{n / max(rec['worker_cpu_s'], 1e-9):.2f} reports per worker CPU s; "
            f"{rec['chars_per_report']:,.0f} chars/report; {rec['failed']} failed; "
            f"Parquet dataset {rec['output_mb']:.1f} MB ({rec['output_mb'] * 1e3 / n:.1f} kB/report)"
        )
    elif rec["step"] == "reuse":
        note += (
            f"; {rec['passages']} passages ({rec['output_mb']:.1f} MB as JSON lines); planted recall "
            + ", ".join(f"{k} {v:.2f}" for k, v in sorted(rec["recall"].items()) if k != "boilerplate")
        )
    else:
        note += f"; {rec['rows']} neighbour rows ({rec['output_mb']:.1f} MB in memory)"
    return BenchRow(
        name=titles[rec["step"]],
        items=n,
        unit="reports",
        seconds=rec["wall_s"],
        peak_mb=max(rec["worker_peak_mb"]),
        note=note,
    )


def _log_path() -> Path:
    return Path(os.environ.get("FZ_BENCH_SCALE_LOG", "fzanalyzer-bench-scale.jsonl"))


def run(quick: bool = False, fresh: bool = False) -> Iterator[BenchRow]:
    from ..jobs import extract
    from ..reuse.synth import planted_spans, recall_of, synth_corpus
    from ..scale.cluster import local_client, require_dask
    from ..scale.dataset import DatasetWriter
    from ..scale.neighbours import top_k_dataset
    from ..scale.reuse import find_reuse_dataset
    from .reuse import growth_exponent, source_texts

    require_dask()
    log = Log(_log_path(), fresh)
    limit = os.environ.get("FZ_BENCH_SCALE_WORKER_LIMIT", "3GB")
    steps = set(os.environ.get("FZ_BENCH_SCALE_STEPS", "extract,reuse,topk").split(","))
    compare_workers = [int(x) for x in os.environ.get("FZ_BENCH_SCALE_WORKERS", "2").split(",") if x.strip()]
    sources = source_texts()
    ns = sizes(quick)
    extract_sizes = ns if os.environ.get("FZ_BENCH_SCALE_EXTRACT_ALL") else ns[:1]
    tmp = Path(tempfile.mkdtemp(prefix="fz-scale-"))
    try:
        for n in ns:
            todo = []
            for w in compare_workers:
                for step in ("reuse", "topk"):
                    if step not in steps:
                        continue
                    done = log.get(step, n, w)
                    if done is None:
                        todo.append((step, w))
                    else:
                        yield to_row(done)  # measured by an earlier run (--fresh measures again)
            if not todo:
                continue
            corpus = synth_corpus(sources, n, seed=n)
            planted = planted_spans(corpus)
            root = tmp / f"synth{n}"
            writer = DatasetWriter(root, part_size=500)
            for r in corpus.reports:
                writer.write(r.to_dict())
            writer.close()
            chars = sum(len(r.text or "") for r in corpus.reports) / n
            del corpus  # the tasks read the texts from the dataset
            for step, w in todo:
                with local_client(w, limit) as client:
                    if step == "reuse":
                        pairs, rec = measure(client, partial(find_reuse_dataset, root, client))
                        out = sum(len(json.dumps(p.to_dict(), ensure_ascii=False)) + 1 for p in pairs)
                        rec.update(passages=len(pairs), recall=recall_of(planted, pairs), output_mb=out / 1e6)
                        del pairs
                    else:
                        near, rec = measure(client, partial(top_k_dataset, root, client, k=10))
                        rec.update(rows=len(near), output_mb=float(near.memory_usage(deep=True).sum()) / 1e6)
                        del near
                rec.update(
                    step=step, n=n, workers=w, chars_per_report=round(chars), dataset_mb=_tree_mb(root)
                )
                log.add(rec)
                yield to_row(rec)
            shutil.rmtree(root, ignore_errors=True)
        yield from _exponents(log, ns, compare_workers, growth_exponent)
        # extraction last: its per-report cost does not depend on the corpus, the exponents do
        for n in extract_sizes if "extract" in steps else ():
            yield from _extract_rows(n, log, limit, sources, tmp, extract)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _extract_rows(
    n: int, log: Log, limit: str, sources: list[str], tmp: Path, extract: Callable[..., Any]
) -> Iterator[BenchRow]:
    from ..scale.cluster import local_client

    folder = tmp / f"in{n}"
    for workers in (1, 2):
        rec = log.get("extract", n, workers)
        if rec is None:
            if not folder.exists():
                folder.mkdir()
                for i, t in enumerate(synthetic_reports(sources, n, seed=n)):
                    (folder / f"r{i:06d}.txt").write_text(t, encoding="utf-8")
            chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt")) / n
            out = tmp / f"ds{n}-{workers}"
            with local_client(workers, limit) as client:
                summary, rec = measure(
                    client, partial(extract, [folder], dataset=out, client=client, progress=False)
                )
            rec.update(
                step="extract",
                n=n,
                workers=workers,
                chars_per_report=round(chars),
                failed=len(summary.failures),
                output_mb=_tree_mb(out),
            )
            shutil.rmtree(out, ignore_errors=True)
            log.add(rec)
        yield to_row(rec)
    shutil.rmtree(folder, ignore_errors=True)


def _exponents(
    log: Log,
    ns: tuple[int, ...],
    workers: list[int],
    growth_exponent: Callable[[list[int], list[float]], float],
) -> Iterator[BenchRow]:
    """Growth exponents from the smallest to the largest size measured, by CPU seconds (workers
    plus client) and by wall time."""
    for w in workers:
        for step, what in (("reuse", "reuse"), ("topk", "top-k similarity")):
            got = [(n, log.get(step, n, w)) for n in ns]
            done = [(n, r) for n, r in got if r is not None]
            if len(done) < 2:
                continue
            sizes_, recs = [n for n, _ in done], [r for _, r in done]
            cpu = growth_exponent(sizes_, [_cpu(r) for r in recs])
            wall = growth_exponent(sizes_, [r["wall_s"] for r in recs])
            yield BenchRow(
                name=f"{what} growth exponent {sizes_[0]}→{sizes_[-1]} reports, {w} worker(s)",
                items=sum(sizes_),
                unit="reports",
                seconds=sum(r["wall_s"] for r in recs),
                peak_mb=max(max(r["worker_peak_mb"]) for r in recs),
                note=f"exponent {cpu:.2f} by CPU seconds ({wall:.2f} by wall time; 1 = linear, 2 = all pairs)",
            )
