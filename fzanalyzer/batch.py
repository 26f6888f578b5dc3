"""Batch extraction: many files, worker processes, no file lost.

The work on one file is :func:`fzanalyzer.pipeline.analyze_file`, a pure function of the
file; this module only finds the inputs, gives each a unique id, fans the work out to
processes, and turns every failure into a row (code, message) instead of an exception.

>>> from pathlib import Path
>>> ids = assign_ids([Path("a/x.txt"), Path("b/x.txt"), Path("a/y.pdf")])
>>> [ids[p] for p in (Path("a/x.txt"), Path("b/x.txt"), Path("a/y.pdf"))]
['a-x', 'b-x', 'y']
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ERRORS, FzError, TimeBudgetError

#: File types read when a folder is walked (an explicitly named file is always tried).
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx", ".doc", ".wps"}
#: Files that sit beside reports but are not reports (gold annotations, manifests, notes).
SIDECAR_SUFFIXES = (".gold.json", ".meta.json", ".json", ".csv", ".md", ".jsonl", ".parquet", ".duckdb")


@dataclass
class Failure:
    """A file that could not be turned into a report: a row, never a silent skip."""

    source: str
    code: str
    message: str
    sha256: str | None = None


@dataclass
class Inputs:
    files: list[Path]
    ignored: list[Path] = field(default_factory=list)  # folder entries that are not report files


def find_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Expand files and folders (walked recursively, sorted) into the list of inputs."""
    files: list[Path] = []
    ignored: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if not child.is_file() or any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue
                if (
                    child.name.lower().endswith(SIDECAR_SUFFIXES)
                    or child.suffix.lower() not in REPORT_SUFFIXES
                ):
                    ignored.append(child)
                else:
                    files.append(child)
        else:
            files.append(p)  # a missing file becomes an E001 failure, not an exception
    seen: set[Path] = set()
    unique = [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]  # type: ignore[func-returns-value]
    return Inputs(unique, ignored)


def assign_ids(files: list[Path]) -> dict[Path, str]:
    """Ids from file names, made unique in the run by the parent folder, then a counter."""
    from .pipeline import report_id

    base = {f: report_id(f) for f in files}
    counts: dict[str, int] = {}
    for v in base.values():
        counts[v] = counts.get(v, 0) + 1
    ids: dict[Path, str] = {}
    used: set[str] = set()
    for f in files:
        rid = base[f]
        if counts[rid] > 1:
            rid = f"{f.parent.name}-{rid}" if f.parent.name else rid
        candidate, n = rid, 2
        while candidate in used:
            candidate, n = f"{rid}-{n}", n + 1
        used.add(candidate)
        ids[f] = candidate
    return ids


def file_sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


class _Budget:
    """A wall-clock time budget for the work on one file, enforced in the process doing it.

    ``SIGALRM`` raises :class:`~fzanalyzer.errors.TimeBudgetError` (E052) in the middle of the
    work (pure-Python loops and the regex engine both check for signals); it repeats every second
    in case a step swallowed it. An alarm already set by the caller (e.g. pytest-timeout) is put
    back afterwards. Off where there is no ``setitimer`` (Windows) or outside the main thread.
    """

    def __init__(self, seconds: float | None, path: Path) -> None:
        self.seconds, self.path = seconds, path
        self.armed = False
        self.usable = bool(seconds and seconds > 0) and hasattr(signal, "setitimer")
        self.usable = self.usable and threading.current_thread() is threading.main_thread()

    def _expire(self, signum: int, frame: object) -> None:
        if self.armed:
            raise TimeBudgetError.from_code("E052", path=self.path, detail=f"{self.seconds:g}")

    def arm(self) -> None:
        if not self.usable:
            return
        self.previous = signal.signal(signal.SIGALRM, self._expire)
        self.t0 = time.monotonic()
        self.armed = True
        self.outer = signal.setitimer(signal.ITIMER_REAL, float(self.seconds or 0), 1.0)

    def disarm(self) -> None:
        """Idempotent: the alarm may interrupt a first call; from its first line on it is ignored."""
        if not self.armed:
            return
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        left, every = self.outer
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - self.t0), 1e-3), every)


def process_one(
    path: Path, rid: str, include_text: bool = True, timeout: float | None = None
) -> dict[str, Any]:
    """Worker entry: the report as a dict, or ``{"failure": ...}``. Never raises.

    ``timeout``: seconds the file may take (wall clock), else it is a failure E052."""
    budget = _Budget(timeout, path)
    try:
        budget.arm()
        try:
            return _process_one(path, rid, include_text)
        finally:
            budget.disarm()
    except TimeBudgetError as exc:
        budget.disarm()
        return {"failure": Failure(str(path), exc.code, exc.message)}


def _process_one(path: Path, rid: str, include_text: bool) -> dict[str, Any]:
    from .pipeline import analyze_file

    try:
        if not path.is_file():
            raise FzError.from_code("E001", path=path)
        report = analyze_file(path, id=rid)
        return {"report": report.to_dict(include_text=include_text)}
    except FzError as exc:
        return {"failure": Failure(str(path), exc.code, exc.message)}
    except MemoryError:
        return {"failure": Failure(str(path), "E051", ERRORS["E051"].format(path=path))}
    except Exception as exc:
        return {"failure": Failure(str(path), "E050", f"{path}: {type(exc).__name__}: {exc}")}


def run(
    files: list[Path],
    *,
    workers: int | None = None,
    skip_sha: set[str] | None = None,
    include_text: bool = True,
    on_progress: Callable[[Path], None] | None = None,
    file_timeout: float | None = None,
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Process ``files`` and yield ``(path, result)`` in input order.

    ``file_timeout``: seconds one file may take; a file over it is a failure E052 and the
    batch goes on (``None``: no budget).

    ``skip_sha``: digests already done (a resumed run); those files yield ``{"skipped": sha}``.
    A worker that dies (a native crash, the OOM killer) costs only the files it held: they are
    retried one at a time and, if they kill a worker again, reported as E051.
    """
    ids = assign_ids(files)
    todo: list[Path] = []
    done: dict[int, dict[str, Any]] = {}
    index = {f: i for i, f in enumerate(files)}
    shas = {}
    for f in files:
        sha = file_sha256(f)
        shas[f] = sha
        if skip_sha and sha in skip_sha:
            done[index[f]] = {"skipped": sha}
        else:
            todo.append(f)
    n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    pending = iter(_results(todo, ids, n_workers, include_text, on_progress, file_timeout))
    nxt = 0
    for f, res in pending:
        if "failure" in res:
            res["failure"].sha256 = shas.get(f)
        done[index[f]] = res
        while nxt in done:
            yield files[nxt], done.pop(nxt)
            nxt += 1
    while nxt < len(files):  # skipped files at the tail
        yield files[nxt], done.pop(nxt)
        nxt += 1


def _results(
    todo: list[Path],
    ids: dict[Path, str],
    workers: int,
    include_text: bool,
    on_progress: Callable[[Path], None] | None,
    timeout: float | None = None,
) -> Iterator[tuple[Path, dict[str, Any]]]:
    def tick(f: Path) -> None:
        if on_progress:
            on_progress(f)

    if workers == 1 or len(todo) <= 1:
        for f in todo:
            res = process_one(f, ids[f], include_text, timeout)
            tick(f)
            yield f, res
        return
    crashed: list[Path] = []
    # Bounded in-flight work keeps memory flat on huge batches.
    window = workers * 4
    from .pipeline import warm_up  # each (spawned) worker loads the models before its first file

    with ProcessPoolExecutor(max_workers=workers, max_tasks_per_child=200, initializer=warm_up) as pool:
        queue = list(reversed(todo))
        inflight: dict[Future, Path] = {}
        broken = False
        while queue or inflight:
            while queue and len(inflight) < window and not broken:
                f = queue.pop()
                try:
                    inflight[pool.submit(process_one, f, ids[f], include_text, timeout)] = f
                except BrokenProcessPool:
                    broken = True
                    queue.append(f)
            if not inflight:
                break
            fut = next(iter(inflight))
            f = inflight.pop(fut)
            try:
                res = fut.result()
            except BrokenProcessPool:
                broken = True
                crashed.append(f)
                continue
            tick(f)
            yield f, res
        crashed.extend(reversed(queue))
    for f in crashed:  # isolate each: only the file that really kills a worker is lost
        with ProcessPoolExecutor(max_workers=1) as solo:
            try:
                res = solo.submit(process_one, f, ids[f], include_text, timeout).result()
            except BrokenProcessPool:
                res = {"failure": Failure(str(f), "E051", ERRORS["E051"].format(path=f))}
        tick(f)
        yield f, res
