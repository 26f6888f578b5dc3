"""Where a run writes, checked before the run starts.

An output into a missing or read-only folder used to fail after the whole batch had run (with a
traceback, every result lost); ``extract r.txt -o r.txt`` truncated its input; an existing output
was replaced without a word. :func:`check_destinations` refuses all of these up front, each with
its own code:

- ``E107`` the output is one of the inputs;
- ``E106`` the output's folder does not exist;
- ``E108`` the output's folder cannot be written to (read-only, no permission);
- ``E109`` the output exists and ``force`` is not set;
- ``E110`` a folder was asked for and the name is a file (``export -o FILE``), or the reverse.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> check_destinations([folder / "out.jsonl"], inputs=[folder / "r.txt"])
>>> try:
...     check_destinations([folder / "r.txt"], inputs=[folder / "r.txt"])
... except UsageError as exc:
...     print(exc.code)
E107
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError


def check_destinations(
    targets: Iterable[str | Path],
    *,
    inputs: Iterable[str | Path] = (),
    force: bool = False,
    folders: bool = False,
) -> None:
    """Raise :class:`~fzanalyzer.errors.UsageError` unless every target can be written.

    ``targets`` are the files a run will write (``folders=True``: the folders it will fill, which
    may not exist yet). ``force`` allows replacing existing files.
    """
    ins = [Path(p) for p in inputs]
    for raw in targets:
        target = Path(raw)
        for inp in ins:
            if _same_file(target, inp):
                raise UsageError.from_code("E107", path=target, detail=str(inp))
        if folders:
            if target.exists() and not target.is_dir():
                raise UsageError.from_code("E110", path=target, detail="a folder")
            parent = _nearest_existing(target)
        else:
            if target.is_dir():
                raise UsageError.from_code("E110", path=target, detail="a file name")
            parent = target.parent if str(target.parent) else Path(".")
            if not parent.is_dir():
                raise UsageError.from_code("E106", path=target, detail=str(parent))
            if target.exists() and not force:
                raise UsageError.from_code("E109", path=target)
        _check_writable(target, parent)


def output_files(output: str | Path, fmt: str) -> list[Path]:
    """The files ``extract --output OUTPUT --format FMT`` writes (tabular formats: one per table)."""
    from .export import sibling_path

    out = Path(output)
    if fmt not in ("csv", "parquet"):
        return [out]
    return [out, *(sibling_path(out, t) for t in ("sections", "indicators", "plans", "failures"))]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet), or is a loop of links
        try:
            return a.resolve() == b.resolve()
        except RuntimeError:  # a loop of links (Python 3.11)
            return False


def _nearest_existing(path: Path) -> Path:
    for p in (path, *path.resolve().parents):
        if p.exists():
            return p
    return Path("/")


def _check_writable(target: Path, folder: Path) -> None:
    # Create and remove a file: os.access() says yes to root on a read-only mount.
    try:
        fd, name = tempfile.mkstemp(prefix=".fz-write-check.", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        raise UsageError.from_code("E108", path=target, detail=f"{folder}: {exc.strerror}") from exc
