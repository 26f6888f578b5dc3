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
    skipped: int = 0  # already in the store (resumed run): not extracted again
    read_back: int = 0  # of the skipped, written to the output from the store
    failures: list[Failure] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # folder entries that are not report files
    not_reports: list[str] = field(default_factory=list)  # read fine, but meta.is_report is false
    left_out: list[str] = field(default_factory=list)  # not reports, kept out of the outputs (reports_only)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # copy id -> id of the report kept (output)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def left_out_processed(self) -> list[str]:
        """The documents left out that this run extracted (not read back from the store)."""
        return [i for i in self.left_out if i in set(self.not_reports)]


#: Reports per store transaction, and the longest a finished report waits for its commit.
BATCH_REPORTS = 64
BATCH_SECONDS = 10.0


def extract(
    inputs: Iterable[str | Path],
    *,
    output: str | None = None,
    fmt: str = "jsonl",
    store: str | Path | None = None,
    workers: int | None = None,
    include_text: bool = True,
    progress: bool = True,
    dataset: str | Path | None = None,
    client: Any = None,
    force: bool = False,
    file_timeout: float | None = None,
    reports_only: bool = False,
) -> Summary:
    """Extract every input file; write JSON/CSV/Parquet to ``output`` and/or tables to ``store``.

    Files already in the store (same source, same sha256) are not extracted again: an interrupted
    run resumes where its last committed batch ended, and the output still holds every report asked
    for (the stored ones are read back); a stored report's id is never given to another file.
    Nothing is lost: a file that fails becomes a :class:`~fzanalyzer.batch.Failure`. Before the
    run, the outputs are checked (:mod:`fzanalyzer.destinations`): never an input, in a folder that
    exists and can be written, and not replacing a file unless ``force`` (or a ``store``, from which
    the output is rebuilt). The output is written
    under a temporary name and renamed when the run is complete.

    Copies of one report (a traditional-script copy, a repost, the PDF of a web page) get
    ``meta.duplicate_of``: among the reports of the output (not on stdout, which is streamed), and
    among every report of the store (:meth:`~fzanalyzer.store.Store.mark_duplicates`).

    ``dataset``: also write a Parquet dataset partitioned by year (:mod:`fzanalyzer.scale.dataset`).
    ``client``: a ``dask.distributed.Client`` to run the files on (same results as the local pool).
    A file that takes longer than ``file_timeout`` seconds (default ``limits.FILE_TIMEOUT_S``; 0:
    none) is stopped and becomes a failure E052.

    ``reports_only``: the output file and the dataset hold only documents whose ``is_report`` is
    true; the others are listed in ``Summary.left_out``. Every document is still extracted and
    kept in the store (with ``is_report`` and ``report_confidence``), so a re-run does not read
    them again and ``Corpus.from_store(…).reports.query("is_report")`` filters the same way.
    """
    from .destinations import check_destinations, output_files
    from .export import writer
    from .store import Store

    found = find_inputs(inputs)
    targets = output_files(output, fmt) if output and output != "-" else []
    # With a store, the output is rebuilt from it on a re-run (stored reports read back): replacing
    # it loses nothing, so the README's command can be run again. Without one, only with force.
    check_destinations(targets, inputs=found.files, force=force or store is not None)
    if store:  # an existing store is resumed, not replaced
        check_destinations([Path(store)], inputs=found.files, force=True)
    summary = Summary(ignored=[str(p) for p in found.ignored])
    out = writer(output, fmt, include_text) if output else None
    try:
        st = Store(store) if store else None
    except BaseException:
        if out is not None:
            out.close(ok=False)  # no temporary file left behind
        raise
    batch = _Batch(st)
    from .reuse.duplicates import CopyFinder

    copies = CopyFinder()  # the output's reports (fed only when there is an output)
    if dataset is not None:
        from .scale.dataset import DatasetWriter

        ds_out = DatasetWriter(dataset, include_text=include_text)
    t0 = time.perf_counter()
    ok = False
    try:
        skip = st.known_files() if st else None
        stored_ids = st.ids_by_source() if st else None
        with _progress(len(found.files), progress) as advance, _CtrlC() as ctrl_c:
            for _path, res in run(
                found.files,
                workers=workers,
                skip=skip,
                stored_ids=stored_ids,
                include_text=True,
                client=client,
                file_timeout=_budget(file_timeout),
                interrupted=lambda: ctrl_c.hit,
            ):
                ctrl_c.check()
                advance()
                if "skipped" in res:
                    summary.skipped += 1
                    if out is not None and st is not None:
                        d = st.stored_report(res["skipped"], res.get("id"))
                        if d is not None and reports_only and not _is_report(d):
                            summary.left_out.append(d["id"])
                        elif d is not None:
                            summary.read_back += 1
                            out.write(_without_text(d, include_text))
                            copies.add(d)
                    continue
                if "failure" in res:
                    summary.failures.append(res["failure"])
                    batch.add(failure=res["failure"])
                    continue
                d = res["report"]
                summary.processed += 1
                if not _is_report(d):
                    summary.not_reports.append(d["id"])
                batch.add(report=d)  # the store keeps every document, reports_only or not
                if reports_only and not _is_report(d):
                    summary.left_out.append(d["id"])
                    continue
                if dataset is not None:
                    ds_out.write(d)
                if out is not None:
                    out.write(_without_text(d, include_text))
                    copies.add(d)
        if out is not None:
            summary.copies = copies.duplicates()
            out.set_duplicates(summary.copies)
        if out is not None and hasattr(out, "write_failures"):
            out.write_failures([asdict(f) for f in summary.failures])
        if dataset is not None:
            ds_out.write_failures([asdict(f) for f in summary.failures])
            summary.outputs.extend(str(p) for p in ds_out.close())
        if st is not None and summary.processed:  # a run that stored nothing new changes no copy
            batch.flush()
            st.mark_duplicates()
        ok = True
    finally:
        try:
            batch.flush()  # what finished is kept, even on Ctrl-C
        finally:
            if out is not None:
                summary.outputs[:0] = [str(p) for p in out.close(ok=ok)] or [str(output)]
            if st:
                st.close()
    summary.seconds = time.perf_counter() - t0
    return summary


def _is_report(d: dict[str, Any]) -> bool:
    return bool(d["meta"].get("is_report", True))


def _budget(file_timeout: float | None) -> float | None:
    """The per-file time budget in force: the given one, else ``limits.FILE_TIMEOUT_S``; 0 is none."""
    from . import limits

    budget = limits.FILE_TIMEOUT_S if file_timeout is None else file_timeout
    return budget or None


def _without_text(d: dict[str, Any], include_text: bool) -> dict[str, Any]:
    return d if include_text else {k: v for k, v in d.items() if k != "text"}


class _CtrlC:
    """Remembers a Ctrl-C so that it cannot be lost: one that lands while DuckDB runs a query
    is taken by DuckDB, and when the query ends before DuckDB looks, nothing is raised and the run
    went on to the end (exit 0 after Ctrl-C). The flag is checked before each file's result."""

    def __enter__(self) -> _CtrlC:
        import signal
        import threading

        self.hit = False
        self.previous: Any = None
        main = threading.current_thread() is threading.main_thread()
        if main and signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
            self.previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def _on_sigint(self, signum: int, frame: Any) -> None:
        self.hit = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.hit:
            raise KeyboardInterrupt

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            import signal

            signal.signal(signal.SIGINT, self.previous)


class _Batch:
    """Reports and failures waiting for one store transaction (see ``BATCH_REPORTS``)."""

    def __init__(self, st: Any) -> None:
        self.st = st
        self.reports: list[dict[str, Any]] = []
        self.failures: list[Failure] = []
        self.since = time.perf_counter()

    def add(self, report: dict[str, Any] | None = None, failure: Failure | None = None) -> None:
        if self.st is None:
            return
        if report is not None:
            self.reports.append(report)
        if failure is not None:
            self.failures.append(failure)
        full = len(self.reports) + len(self.failures) >= BATCH_REPORTS
        if full or time.perf_counter() - self.since > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.st is not None and (self.reports or self.failures):
            self.st.write(self.reports, self.failures)
        self.reports, self.failures = [], []
        self.since = time.perf_counter()


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
