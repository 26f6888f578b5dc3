"""Writers for extraction results: JSON Lines, JSON, CSV and Parquet.

JSON forms are the output-contract objects. Tabular forms (CSV, Parquet) are one file per table:
``OUT`` gets the reports table and ``OUT``'s siblings ``<stem>.sections.<ext>``,
``<stem>.indicators.<ext>``, ``<stem>.plans.<ext>`` and ``<stem>.failures.<ext>`` the rest, each
item row carrying the report's id and metadata; the columns are those of :mod:`fzanalyzer.schema`
(the store's and the DataFrames'). In CSV a list (``warnings``, ``region_inferred``) is one JSON
array per cell.

Every file is written under a temporary name beside it and renamed into place when complete, so
a run that is killed or fails leaves the previous file as it was and never a half line.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("jsonl", "json", "csv", "parquet")


class AtomicPath:
    """A temporary path beside ``path`` that replaces it on :meth:`commit` (and is removed on
    :meth:`discard`); as a context manager, it commits when the block ends without error.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "out.txt"
    >>> with AtomicPath(p) as tmp:
    ...     _ = tmp.write_text("done", encoding="utf-8")
    >>> p.read_text(encoding="utf-8"), sorted(x.name for x in p.parent.iterdir())
    ('done', ['out.txt'])
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(name)

    def commit(self) -> None:
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> Path:
        return self.tmp

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.commit()
        self.discard()


class JsonWriter:
    """Streams reports as JSON Lines (or collects them for one JSON array)."""

    def __init__(self, output: str, fmt: str) -> None:
        self.fmt = fmt
        self.output = output
        self._atomic = None if output == "-" else AtomicPath(output)
        self._tmp = self._atomic.tmp if self._atomic else None
        self._fh: IO[str] = open(self._tmp, "w", encoding="utf-8") if self._tmp else sys.stdout  # noqa: SIM115
        self._first = True
        self._copies: dict[str, str] = {}
        if fmt == "json":
            self._fh.write("[\n")

    def write(self, d: dict[str, Any]) -> None:
        line = json.dumps(d, ensure_ascii=False)
        if self.fmt == "jsonl":
            self._fh.write(line + "\n")
        else:
            self._fh.write(("" if self._first else ",\n") + line)
        self._first = False
        if self._tmp is None:
            self._fh.flush()

    def set_duplicates(self, copies: dict[str, str]) -> None:
        """Record ``meta.duplicate_of`` of the copies among the reports written (known only when
        all are): the file is rewritten at :meth:`close`; stdout, already streamed, is not."""
        self._copies = dict(copies)

    def close(self, ok: bool = True) -> list[Path]:
        """Finish the file and move it into place (``ok=False``: drop it, keep the old one)."""
        if self.fmt == "json" and ok:
            self._fh.write("\n]\n")
        if self._atomic is None:
            self._fh.flush()
            return []
        self._fh.close()
        if ok and self._copies and self._tmp is not None:
            self._mark_copies(self._tmp)
        if ok:
            self._atomic.commit()
        self._atomic.discard()
        return [Path(self.output)] if ok else []

    def _mark_copies(self, path: Path) -> None:
        # one report per line in both forms (json.dumps escapes newlines); the JSON array's lines
        # end with a comma except the last
        with (
            AtomicPath(path) as tmp,
            open(path, encoding="utf-8") as src,
            open(tmp, "w", encoding="utf-8") as dst,
        ):
            for line in src:
                body = line.rstrip("\n")
                if body.startswith("{"):
                    comma = "," if body.endswith(",") else ""
                    d = json.loads(body[: len(body) - len(comma)])
                    d.setdefault("meta", {})["duplicate_of"] = self._copies.get(d["id"])
                    line = json.dumps(d, ensure_ascii=False) + comma + ("\n" if line.endswith("\n") else "")
                dst.write(line)


class TableWriter:
    """Collects rows and writes one CSV/Parquet file per table at the end."""

    def __init__(self, output: str, fmt: str, include_text: bool = True) -> None:
        if output == "-":
            raise UsageError.from_code("E100", detail=f"--format {fmt}", fmt=fmt)
        self.output = Path(output)
        self.fmt = fmt
        self.include_text = include_text
        self.rows: dict[str, list[dict[str, Any]]] = {
            t: [] for t in ("reports", "sections", "indicators", "plans", "failures")
        }

    def write(self, d: dict[str, Any]) -> None:
        from .schema import tables_of

        for table, rows in tables_of(d, text=self.include_text).items():
            self.rows[table].extend(rows)

    def write_failures(self, failures: list[dict[str, Any]]) -> None:
        self.rows["failures"] = failures

    def set_duplicates(self, copies: dict[str, str]) -> None:
        """Record ``duplicate_of`` of the copies among the reports written."""
        for row in self.rows["reports"]:
            row["duplicate_of"] = copies.get(row["id"])

    def close(self, ok: bool = True) -> list[Path]:
        import pandas as pd

        from .schema import columns

        if not ok:
            return []
        written = []
        for table, rows in self.rows.items():
            path = self.output if table == "reports" else sibling_path(self.output, table)
            names = columns(table, docvars=True, text=self.include_text)
            df = pd.DataFrame(rows, columns=names)
            with AtomicPath(path) as tmp:
                if self.fmt == "csv":
                    write_csv(df, tmp)
                else:
                    write_parquet(df, tmp)
            written.append(path)
        return written


def writer(output: str, fmt: str, include_text: bool = True) -> JsonWriter | TableWriter:
    if fmt not in FORMATS:
        raise UsageError.from_code("E101", detail=fmt)
    return JsonWriter(output, fmt) if fmt in ("jsonl", "json") else TableWriter(output, fmt, include_text)


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    """A table as CSV, the one CSV writer of the toolkit: UTF-8 with a byte-order mark (so Excel
    on a Chinese Windows reads UTF-8 instead of guessing GBK; pandas and R skip the BOM), no
    index, lists as one compact JSON array per cell (as DuckDB's ``to_json`` writes them in
    ``fzanalyzer export``), and no field a spreadsheet would run as a formula
    (:func:`fzanalyzer.safecell.safe_frame`: report text is untrusted)."""
    from .safecell import safe_frame

    df = df.copy()
    for col in df.columns:
        if any(isinstance(v, list) for v in df[col]):  # (Series.any() refuses datetime columns)
            df[col] = df[col].map(
                lambda v: (
                    json.dumps(v, ensure_ascii=False, separators=(",", ":")) if isinstance(v, list) else v
                )
            )
    safe_frame(df).to_csv(path, index=False, encoding="utf-8-sig")


def sibling_path(path: Path, table: str) -> Path:
    return path.with_name(f"{path.stem}.{table}{path.suffix}")


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    # Mixed int/float/None columns (value) are fine; object columns of all-None need a type.
    for col in df.columns:
        if df[col].dtype == object and df[col].isna().all():
            df[col] = df[col].astype("string")
    df.to_parquet(path, index=False)
