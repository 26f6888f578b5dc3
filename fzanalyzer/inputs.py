"""Reports from whatever a user points a command at: one reader for every command.

An input is a report file, a folder of them (walked), a JSON Lines file written by
``fzanalyzer extract``, or a DuckDB store written by ``extract --store``. Files are read and
analysed (``analyze=False`` stops after normalization and metadata, for comparisons that need
only the text); files that cannot be read become :class:`~fzanalyzer.batch.Failure` rows, never
an exception that loses the rest. Ids are unique in the run (as ``extract`` assigns them); the same
id from two inputs is an error, since every comparison keys on it.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("", encoding="utf-8")
>>> reports, failures = read_reports([d])
>>> reports, [f.code for f in failures]
([], ['E003'])
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .batch import Failure, assign_ids, find_inputs
from .errors import FzError
from .model import Report

STORE_SUFFIXES = (".duckdb", ".db")


def read_reports(
    paths: Iterable[str | Path], *, analyze: bool = True, workers: int | None = 1, client: Any = None
) -> tuple[list[Report], list[Failure]]:
    """The reports of ``paths`` (files, folders, ``.jsonl`` outputs, DuckDB stores) and the
    failures of the files that could not be read. ``client``: a ``dask.distributed.Client`` to
    analyse the files on (the same reports as the local pool)."""
    inputs = [Path(p) for p in paths]
    reports: list[Report] = []
    failures: list[Failure] = []
    files: list[Path] = []
    for p in inputs:
        if p.is_file() and p.suffix.lower() in STORE_SUFFIXES:
            from .store import Store

            with Store(p, read_only=True) as st:
                reports.extend(Report.from_dict(d) for d in st.report_dicts())
        elif p.is_file() and p.suffix.lower() == ".jsonl":
            with open(p, encoding="utf-8") as fh:
                reports.extend(Report.from_dict(json.loads(line)) for line in fh if line.strip())
        else:
            files.append(p)
    if files:
        found = find_inputs(files).files
        if analyze:
            from .batch import run

            for _path, res in run(found, workers=workers, client=client):
                if "report" in res:
                    reports.append(Report.from_dict(res["report"]))
                elif "failure" in res:
                    failures.append(res["failure"])
        else:
            from .pipeline import load

            ids = assign_ids(found)
            for f in found:
                try:
                    reports.append(load(f, id=ids[f], analyze=False))
                except FzError as exc:
                    failures.append(Failure(str(f), exc.code, exc.message))
    require_unique_ids(reports)
    return reports, failures


def require_unique_ids(reports: Iterable[Report]) -> None:
    """Every comparison keys on report ids: the same id twice is an error (E090), never a silent merge."""
    seen: set[str] = set()
    for r in reports:
        if r.id in seen:
            raise FzError.from_code(
                "E090",
                detail=f"report id {r.id!r} occurs twice; give each input a unique id (pass each report once)",
            )
        seen.add(r.id)
