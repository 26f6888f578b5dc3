"""Writers for extraction results: JSON Lines, JSON, CSV and Parquet.

JSON forms are the output-contract objects. Tabular forms (CSV, Parquet) are one file per table:
``OUT`` gets the reports table and ``OUT``'s siblings ``<stem>.sections.<ext>``,
``<stem>.indicators.<ext>``, ``<stem>.plans.<ext>`` and ``<stem>.failures.<ext>`` the rest, each
row carrying the report's id and metadata.
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


class JsonWriter:
    """Streams reports as JSON Lines (or collects them for one JSON array).

    A file is written under a temporary name beside it and renamed into place by ``close(ok=True)``:
    a run that is killed never leaves half a JSON document (nor replaces a good one)."""

    def __init__(self, output: str, fmt: str) -> None:
        self.fmt = fmt
        self._out = None if output == "-" else Path(output)
        self._tmp = None
        if self._out is not None:
            fd, name = tempfile.mkstemp(prefix=f".{self._out.name}.", suffix=".part", dir=self._out.parent)
            os.close(fd)
            self._tmp = Path(name)
        self._fh: IO[str] = sys.stdout if self._tmp is None else open(self._tmp, "w", encoding="utf-8")  # noqa: SIM115
        self._first = True
        if fmt == "json":
            self._fh.write("[\n")

    def write(self, d: dict[str, Any]) -> None:
        line = json.dumps(d, ensure_ascii=False)
        if self.fmt == "jsonl":
            self._fh.write(line + "\n")
        else:
            self._fh.write(("" if self._first else ",\n") + line)
        self._first = False
        self._fh.flush()

    def close(self, ok: bool = True) -> None:
        """Finish the output; ``ok=False`` (the run failed): drop it and keep what was there."""
        if self.fmt == "json" and ok:
            self._fh.write("\n]\n")
        if self._tmp is None or self._out is None:
            self._fh.flush()
            return
        self._fh.close()
        if ok:
            os.replace(self._tmp, self._out)
        self._tmp.unlink(missing_ok=True)


class TableWriter:
    """Collects rows and writes one CSV/Parquet file per table at the end."""

    def __init__(self, output: str, fmt: str, include_text: bool = True) -> None:
        if output == "-":
            raise UsageError.from_code("E100", detail=f"--format {fmt}", fmt=fmt)
        self.output = Path(output)
        self.fmt = fmt
        self.include_text = include_text
        self.rows: dict[str, list[dict[str, Any]]] = {
            t: [] for t in ("reports", "sections", "indicators", "plans")
        }

    def write(self, d: dict[str, Any]) -> None:
        for table, rows in tables_of(d, include_text=self.include_text).items():
            self.rows[table].extend(rows)

    def write_failures(self, failures: list[dict[str, Any]]) -> None:
        self.rows["failures"] = failures

    def close(self, ok: bool = True) -> list[Path]:
        import pandas as pd

        from .safecell import safe_frame

        written: list[Path] = []
        if not ok:
            return written
        for table, rows in self.rows.items():
            path = self.output if table == "reports" else _sibling(self.output, table)
            df = pd.DataFrame(rows)
            if self.fmt == "csv":
                safe_frame(df).to_csv(path, index=False, encoding="utf-8")
            else:
                _to_parquet(df, path)
            written.append(path)
        return written


def writer(output: str, fmt: str, include_text: bool = True) -> JsonWriter | TableWriter:
    if fmt not in FORMATS:
        raise UsageError.from_code("E101", detail=fmt)
    return JsonWriter(output, fmt) if fmt in ("jsonl", "json") else TableWriter(output, fmt, include_text)


def report_row(d: dict[str, Any], include_text: bool = False) -> dict[str, Any]:
    """One flat metadata row of a report dict (the reports table)."""
    m = d.get("meta") or {}
    region = m.get("region") or {}
    row = {
        "id": d["id"],
        "source": d.get("source"),
        "sha256": d.get("sha256"),
        "format": d.get("format"),
        "title": m.get("title"),
        "issuer": m.get("issuer"),
        "province": region.get("province"),
        "city": region.get("city"),
        "county_or_district": region.get("county_or_district"),
        "adcode": m.get("adcode"),
        "region_inferred": ";".join(m.get("region_inferred") or []),
        "level": m.get("level"),
        "year_covered": m.get("year_covered"),
        "is_report": m.get("is_report"),
        "doc_type": m.get("doc_type"),
        "warnings": " | ".join(m.get("warnings") or []),
        "n_sections": len(d.get("sections") or []),
        "n_indicators": len(d.get("indicators") or []),
        "n_plans": len(d.get("plans") or []),
    }
    if include_text:
        row["text"] = d.get("text")
    return row


def tables_of(d: dict[str, Any], include_text: bool = False) -> dict[str, list[dict[str, Any]]]:
    """A report dict split into flat rows per table, each item row keyed by report id."""
    m = d.get("meta") or {}
    keys = {"report_id": d["id"], "issuer": m.get("issuer"), "year": m.get("year_covered")}
    return {
        "reports": [report_row(d, include_text)],
        "sections": [{**keys, **s} for s in d.get("sections") or []],
        "indicators": [{**keys, **i} for i in d.get("indicators") or []],
        "plans": [{**keys, **p} for p in d.get("plans") or []],
    }


def _sibling(path: Path, table: str) -> Path:
    return path.with_name(f"{path.stem}.{table}{path.suffix}")


def _to_parquet(df: pd.DataFrame, path: Path) -> None:
    # Mixed int/float/None columns (value) are fine; object columns of all-None need a type.
    for col in df.columns:
        if df[col].dtype == object and df[col].isna().all():
            df[col] = df[col].astype("string")
    df.to_parquet(path, index=False)
