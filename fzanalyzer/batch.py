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

from . import limits
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


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the file, passed to it explicitly: a worker process
    (started with 'spawn', see :func:`_pool_run`) imports every module afresh,
    so a limit a caller raised in this process (``fzanalyzer.limits.MAX_FILE_BYTES = …``) would
    otherwise be back at its default there."""

    include_text: bool = True
    limits: dict[str, int] = field(default_factory=limits.current)
    file_timeout: float | None = None  # seconds one file may take (E052); None: no budget


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
                if any(part.startswith(".") for part in child.relative_to(p).parts):
                    continue
                if not child.is_file() and not _broken_link(child):
                    continue  # a folder (a broken link is listed: process_one makes it an E006 row)
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
    unique = [f for f in files if not (_key(f) in seen or seen.add(_key(f)))]  # type: ignore[func-returns-value]
    return Inputs(unique, ignored)


def _key(path: Path) -> Path:
    """The file a path names (links followed), for finding the same file named twice."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a loop of links: 3.11 raises RuntimeError, later OSError
        return path.absolute()


def _broken_link(path: Path) -> bool:
    """A symbolic link whose target does not exist or that loops."""
    return path.is_symlink() and not path.exists()


def _link_target(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except FileNotFoundError:
        return f"{os.readlink(path)}, which does not exist"
    except (RuntimeError, OSError):  # a loop: 3.11 raises RuntimeError, later OSError (ELOOP)
        return f"{os.readlink(path)}, a loop of links"
    return os.readlink(path)


def assign_ids(files: list[Path], stored: dict[str, str] | None = None) -> dict[Path, str]:
    """Ids from file names, made unique in the run by the parent folder, then a counter.

    ``stored`` maps the sources already in a store to their ids: a source keeps its id, and no
    other file is given an id a stored report holds (``a/report.txt`` then ``b/report.txt``
    into one store are two reports).

    >>> ids = assign_ids([Path("b/report.txt")], stored={"a/report.txt": "report"})
    >>> ids[Path("b/report.txt")]
    'b-report'
    """
    from .pipeline import report_id

    stored = stored or {}
    base = {f: report_id(f) for f in files}
    counts: dict[str, int] = {}
    for v in base.values():
        counts[v] = counts.get(v, 0) + 1
    ids = {f: stored[str(f)] for f in files if str(f) in stored}
    used = set(stored.values())
    for f in files:
        if f in ids:
            continue
        rid = base[f]
        if counts[rid] > 1 or rid in used:
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


def shown_path(path: Path) -> str:
    """The path as text that every output can hold: the bytes of a name that is not UTF-8 (which
    Python reads as lone surrogates) written as ``\\xff`` escapes.

    >>> import os
    >>> shown_path(Path(os.fsdecode(b"a-\\xff.txt")))
    'a-\\\\xff.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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


def process_one(path: Path, rid: str, settings: Settings | None = None) -> dict[str, Any]:
    """Worker entry: the report as a dict, or ``{"failure": ...}``. Never raises.

    ``settings.file_timeout``: seconds the file may take (wall clock), else it is a failure E052."""
    settings = settings or Settings()
    budget = _Budget(settings.file_timeout, path)
    try:
        budget.arm()
        try:
            return _process_one(path, rid, settings)
        finally:
            budget.disarm()
    except TimeBudgetError as exc:
        budget.disarm()
        return {"failure": Failure(str(path), exc.code, exc.message)}


def _process_one(path: Path, rid: str, settings: Settings) -> dict[str, Any]:
    from .pipeline import analyze_file

    include_text = settings.include_text
    shown = shown_path(path)
    if shown != str(path):  # a name that is not UTF-8: no output (JSON, the store) can hold it
        detail = "a byte of the file name that is not UTF-8"
        return {"failure": Failure(shown, "E041", ERRORS["E041"].format(path=shown, detail=detail))}
    try:
        limits.apply(settings.limits)
        if _broken_link(path):
            raise FzError.from_code("E006", path=path, detail=_link_target(path))
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
    skip: set[tuple[str, str]] | None = None,
    stored_ids: dict[str, str] | None = None,
    include_text: bool = True,
    on_progress: Callable[[Path], None] | None = None,
    client: Any = None,
    file_timeout: float | None = None,
    interrupted: Callable[[], bool] | None = None,
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Process ``files`` and yield ``(path, result)`` in input order.

    ``interrupted``: asked while waiting for the workers; when it says yes (a Ctrl-C that a
    DuckDB query took and did not raise), the pool is stopped and KeyboardInterrupt raised, rather
    than waiting for the next file to finish.

    ``file_timeout``: seconds one file may take; a file over it is a failure E052 and the
    batch goes on (``None``: no budget).

    ``client``: a ``dask.distributed.Client``; the files then run as tasks on its cluster
    (:mod:`fzanalyzer.scale.tasks`) instead of on a local process pool, with the same results.

    ``skip``: ``(source, sha256)`` of the files already done (a resumed run); those files yield
    ``{"skipped": sha, "id": id}``. A file whose bytes are stored under another name is not
    skipped: it is a report of its own. ``stored_ids``: the ids a store holds, by source (see
    :func:`assign_ids`). A worker that dies (a native crash, the OOM killer) restarts the pool;
    the files it held are retried one at a time and, if they kill a worker again, reported as E051.
    """
    ids = assign_ids(files, stored_ids)
    # the limits in force now, for every worker
    settings = Settings(include_text=include_text, file_timeout=file_timeout)
    todo: list[Path] = []
    done: dict[int, dict[str, Any]] = {}
    index = {f: i for i, f in enumerate(files)}
    shas = {}
    for f in files:
        sha = file_sha256(f)
        shas[f] = sha
        if skip and sha is not None and (str(f), sha) in skip:
            done[index[f]] = {"skipped": sha, "id": ids[f]}
        else:
            todo.append(f)
    n_workers = max(1, workers if workers is not None else (os.cpu_count() or 1))
    if client is not None:
        from .scale.tasks import dask_results

        pending = dask_results(todo, ids, client, settings, on_progress)
    else:
        pending = iter(_results(todo, ids, n_workers, settings, on_progress, interrupted))
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
    settings: Settings,
    on_progress: Callable[[Path], None] | None,
    interrupted: Callable[[], bool] | None = None,
) -> Iterator[tuple[Path, dict[str, Any]]]:
    def tick(f: Path) -> None:
        if on_progress:
            on_progress(f)

    if workers == 1 or len(todo) <= 1:
        for f in todo:
            res = process_one(f, ids[f], settings)
            tick(f)
            yield f, res
        return
    # A worker that dies (the OOM killer, a native crash) breaks its pool: the pool is restarted
    # for the rest of the batch, and the files it held are suspects, retried afterwards.
    suspects: list[Path] = []
    queue = list(reversed(todo))
    while queue:
        for f, res in _pool_run(queue, suspects, workers, workers * 4, ids, settings, interrupted):
            tick(f)
            yield f, res
    # One suspect at a time in one worker process (restarted only when it dies again): only the
    # file that really kills a worker is lost, as E051.
    queue = list(reversed(suspects))
    while queue:
        killers: list[Path] = []
        for f, res in _pool_run(queue, killers, 1, 1, ids, settings, interrupted):
            tick(f)
            yield f, res
        for f in killers:
            tick(f)
            yield f, {"failure": Failure(str(f), "E051", ERRORS["E051"].format(path=f))}


#: Files a pool's workers are given, each, before the pool is replaced by a fresh one: what a long
#: run leaks in a worker is given back. (Python's own ``max_tasks_per_child`` can leave a pool with
#: no worker and the run waiting forever: CPython gh-115634, Python 3.11 to 3.15.)
FILES_PER_POOL_WORKER = 200

#: Seconds between checks of ``interrupted`` while a worker's result is awaited.
POLL_SECONDS = 0.5


def _pool_run(
    queue: list[Path],
    crashed: list[Path],
    workers: int,
    window: int,
    ids: dict[Path, str],
    settings: Settings,
    interrupted: Callable[[], bool] | None = None,
) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Work off ``queue`` (popped from its end) in one pool until it is empty, the pool breaks or
    its workers have been given ``FILES_PER_POOL_WORKER`` files each (the caller then starts a fresh
    pool for the rest); the files in flight when it broke go to ``crashed``. At most ``window``
    files are in flight, which keeps memory flat on huge batches. However the pool ends (an
    exception, Ctrl-C, SIGTERM, the consumer stopping), no worker outlives it."""
    import multiprocessing

    # fresh interpreters, not forks of a process that runs threads (DuckDB's, the progress bar's)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )
    inflight: dict[Future, Path] = {}
    done = False
    limit, submitted = workers * FILES_PER_POOL_WORKER, 0
    try:
        broken = False
        while (queue and submitted < limit) or inflight:
            while queue and len(inflight) < window and not broken and submitted < limit:
                f = queue.pop()
                try:
                    inflight[pool.submit(process_one, f, ids[f], settings)] = f
                    submitted += 1
                except BrokenProcessPool:
                    broken = True
                    queue.append(f)
            if not inflight:
                if broken and queue:  # broke before taking any file: count the next one as held
                    crashed.append(queue.pop())
                break
            fut = next(iter(inflight))
            f = inflight.pop(fut)
            try:
                res = _result(fut, interrupted)
            except BrokenProcessPool:
                broken = True
                crashed.append(f)
                continue
            yield f, res
        done = True
    finally:
        if done:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def _result(fut: Future, interrupted: Callable[[], bool] | None) -> dict[str, Any]:
    """``fut``'s result; KeyboardInterrupt as soon as ``interrupted()`` says so while waiting."""
    if interrupted is None:
        return fut.result()
    while True:
        try:
            return fut.result(timeout=POLL_SECONDS)
        except TimeoutError:
            if interrupted():
                raise KeyboardInterrupt from None


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down now: queued work cancelled, running workers terminated (not waited for)."""
    # The executor keeps its processes in a private attribute; it is the only handle on them.
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)


#: Seconds between a worker's checks that the process that started it is still alive.
PARENT_CHECK_SECONDS = 0.5


def _worker_init(parent: int) -> None:
    """Runs first in every worker process. Ctrl-C is the main process's to handle (a worker that
    took it too printed its own traceback); a worker whose parent died (SIGKILL: no handler runs)
    exits instead of living on as an orphan holding its memory."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), name="fz-watch-parent", daemon=True).start()
    from .pipeline import warm_up  # the models load before the first file, outside its time budget

    warm_up()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
