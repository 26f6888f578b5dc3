"""The extract job: inputs → reports written to a file and/or the store, with progress.

The CLI's ``extract`` command is a thin call of :func:`extract`; notebooks can call it too.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .batch import Failure, find_inputs, run


@dataclass
class Summary:
    """What an extract run did; ``failures`` lists every file that failed, with its reason."""

    processed: int = 0
    skipped: int = 0  # already in the store (resumed run)
    failures: list[Failure] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # folder entries that are not report files
    not_reports: list[str] = field(default_factory=list)  # read fine, but meta.is_report is false
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def extract(
    inputs: Iterable[str | Path],
    *,
    output: str | None = None,
    fmt: str = "jsonl",
    store: str | Path | None = None,
    workers: int | None = None,
    include_text: bool = True,
    progress: bool = True,
    file_timeout: float | None = None,
) -> Summary:
    """Extract every input file; write JSON/CSV/Parquet to ``output`` and/or tables to ``store``.

    Files already in the store (same sha256) are skipped, so an interrupted run resumes.
    Nothing is lost: a file that fails becomes a :class:`~fzanalyzer.batch.Failure`. A file
    that takes longer than ``file_timeout`` seconds (default ``limits.FILE_TIMEOUT_S``) is
    stopped and becomes a failure E052.
    """
    from . import limits
    from .export import writer
    from .store import Store

    found = find_inputs(inputs)
    summary = Summary(ignored=[str(p) for p in found.ignored])
    st = Store(store) if store else None
    out = writer(output, fmt, include_text) if output else None
    t0 = time.perf_counter()
    try:
        skip = st.known_sha256() if st else None
        with _progress(len(found.files), progress) as advance:
            budget = limits.FILE_TIMEOUT_S if file_timeout is None else file_timeout
            for _path, res in run(
                found.files, workers=workers, skip_sha=skip, include_text=True, file_timeout=budget
            ):
                advance()
                if "skipped" in res:
                    summary.skipped += 1
                    continue
                if "failure" in res:
                    summary.failures.append(res["failure"])
                    if st:
                        st.add_failure(res["failure"])
                    continue
                d = res["report"]
                summary.processed += 1
                if not d["meta"].get("is_report", True):
                    summary.not_reports.append(d["id"])
                if st:
                    st.add_report(d)
                if out:
                    if not include_text:
                        d = {k: v for k, v in d.items() if k != "text"}
                    out.write(d)
        if out is not None and hasattr(out, "write_failures"):
            out.write_failures([asdict(f) for f in summary.failures])
    finally:
        if out is not None:
            written = out.close()
            summary.outputs = [str(p) for p in written] if written else [str(output)]
        if st:
            st.close()
    summary.seconds = time.perf_counter() - t0
    return summary


class _progress:
    """A rich progress bar with files/s and ETA (silent when disabled or not a terminal)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self._p: Any = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._p = Progress(
            TextColumn("[bold]extract"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._p.start()
        task = self._p.add_task("extract", total=self.total, rate="")
        t0 = time.perf_counter()

        def advance() -> None:
            done = self._p.tasks[0].completed + 1
            rate = done / max(time.perf_counter() - t0, 1e-9)
            self._p.update(task, advance=1, rate=f"{rate:.1f} files/s")

        return advance

    def __exit__(self, *exc: object) -> None:
        if self._p is not None:
            self._p.stop()
