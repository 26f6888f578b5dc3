"""The embedded store: one DuckDB file with tables reports, sections, indicators, plans, failures.

Each report is written in one transaction, so a run killed midway leaves every report either
fully stored or absent; a re-run skips files whose sha256 is already stored (resumable) and
retries files that failed before.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "fz.duckdb")
>>> with Store(path) as st:
...     st.known_files()
set()
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError

if TYPE_CHECKING:
    import pandas as pd

    from .batch import Failure

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
  id VARCHAR PRIMARY KEY, source VARCHAR, sha256 VARCHAR, format VARCHAR,
  title VARCHAR, issuer VARCHAR, province VARCHAR, city VARCHAR, county_or_district VARCHAR,
  adcode VARCHAR, region_inferred VARCHAR[], level VARCHAR, year_covered INTEGER, is_report BOOLEAN,
  doc_type VARCHAR, published VARCHAR, warnings VARCHAR[], n_chars INTEGER, text VARCHAR,
  extractor_version VARCHAR, extracted_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sections (
  report_id VARCHAR, id VARCHAR, parent VARCHAR, level INTEGER, marker VARCHAR, title VARCHAR,
  canonical VARCHAR, topic VARCHAR, start INTEGER, "end" INTEGER, style VARCHAR
);
CREATE TABLE IF NOT EXISTS indicators (
  report_id VARCHAR, "text" VARCHAR, value DOUBLE, value_max DOUBLE, unit VARCHAR, name VARCHAR,
  qualifier VARCHAR, change VARCHAR, period VARCHAR, section VARCHAR, start INTEGER, "end" INTEGER,
  sentence VARCHAR, method VARCHAR
);
CREATE TABLE IF NOT EXISTS plans (
  report_id VARCHAR, id VARCHAR, "text" VARCHAR, topic VARCHAR, section VARCHAR, start INTEGER,
  "end" INTEGER, verb VARCHAR, object VARCHAR, target VARCHAR, deadline VARCHAR
);
CREATE TABLE IF NOT EXISTS failures (
  source VARCHAR, sha256 VARCHAR, code VARCHAR, message VARCHAR, failed_at TIMESTAMP
);
"""

TABLES = ("reports", "sections", "indicators", "plans", "failures")
_ITEM_COLUMNS = {
    "sections": ("id", "parent", "level", "marker", "title", "canonical", "topic", "start", "end", "style"),
    "indicators": (
        "text",
        "value",
        "value_max",
        "unit",
        "name",
        "qualifier",
        "change",
        "period",
        "section",
        "start",
        "end",
        "sentence",
        "method",
    ),
    "plans": ("id", "text", "topic", "section", "start", "end", "verb", "object", "target", "deadline"),
}


class Store:
    """A DuckDB file holding extracted reports. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA)
        except duckdb.Error as exc:
            raise StoreError.from_code("E070", path=self.path, detail=str(exc).splitlines()[0]) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing ----------------------------------------------------------------------------
    def known_files(self) -> set[tuple[str, str]]:
        """``(source, sha256)`` of every stored report: what a resumed run need not extract again.
        Keyed by the source too, so that a byte-identical copy under another name still gets its
        own report (with the same sha256)."""
        return {(r[0], r[1]) for r in self.con.execute("SELECT source, sha256 FROM reports").fetchall()}

    def ids_by_source(self) -> dict[str, str]:
        """The id of every stored report, by its source: a run into this store gives a source its
        old id and a new source an id nobody holds (never a silent replacement)."""
        return {r[1]: r[0] for r in self.con.execute("SELECT id, source FROM reports").fetchall()}

    def add_report(self, d: dict[str, Any]) -> None:
        """Store one report (output-contract dict) atomically, replacing an older version."""
        m = d.get("meta") or {}
        region = m.get("region") or {}
        rid = d["id"]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in ("reports", "sections", "indicators", "plans"):
                key = "id" if table == "reports" else "report_id"
                con.execute(f"DELETE FROM {table} WHERE {key} = ?", [rid])
            con.execute("DELETE FROM failures WHERE source = ?", [d.get("source")])
            con.execute(
                "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    rid,
                    d.get("source"),
                    d.get("sha256"),
                    d.get("format"),
                    m.get("title"),
                    m.get("issuer"),
                    region.get("province"),
                    region.get("city"),
                    region.get("county_or_district"),
                    m.get("adcode"),
                    m.get("region_inferred") or [],
                    m.get("level"),
                    m.get("year_covered"),
                    m.get("is_report"),
                    m.get("doc_type"),
                    m.get("published"),
                    m.get("warnings") or [],
                    len(d.get("text") or ""),
                    d.get("text"),
                    d.get("extractor_version"),
                    datetime.now(UTC).replace(tzinfo=None),
                ],
            )
            for table, cols in _ITEM_COLUMNS.items():
                rows = [[rid, *(item.get(c) for c in cols)] for item in d.get(table) or []]
                if rows:
                    marks = ",".join("?" * (len(cols) + 1))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def add_failure(self, failure: Failure) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM failures WHERE source = ?", [failure.source])
        self.con.execute(
            "INSERT INTO failures VALUES (?,?,?,?,?)",
            [
                failure.source,
                failure.sha256,
                failure.code,
                failure.message,
                datetime.now(UTC).replace(tzinfo=None),
            ],
        )
        self.con.execute("COMMIT")

    # -- reading ----------------------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise StoreError(f"unknown table {name!r}; tables are {', '.join(TABLES)}", code="E070")
        return self.con.execute(f"SELECT * FROM {name}").df()

    def report_dicts(self, ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Reports rebuilt as output-contract dicts (for ``Corpus.from_store`` and the audit)."""
        where = ""
        params: list[Any] = []
        if ids:
            where = f" WHERE id IN ({','.join('?' * len(ids))})"
            params = list(ids)
        reports = self.con.execute(f"SELECT * FROM reports{where} ORDER BY id", params).df()
        out = []
        for row in reports.to_dict("records"):
            d: dict[str, Any] = {
                "id": row["id"],
                "source": row["source"],
                "sha256": row["sha256"],
                "format": row["format"],
                "text": row["text"] or "",
                "extractor_version": row["extractor_version"],
                "meta": {
                    "title": row["title"],
                    "issuer": row["issuer"],
                    "region": {
                        "province": row["province"],
                        "city": row["city"],
                        "county_or_district": row["county_or_district"],
                    },
                    "adcode": row["adcode"],
                    "region_inferred": list(
                        row["region_inferred"] if row["region_inferred"] is not None else []
                    ),
                    "level": row["level"],
                    "year_covered": None if _isnull(row["year_covered"]) else int(row["year_covered"]),
                    "is_report": bool(row["is_report"]),
                    "warnings": list(row["warnings"] if row["warnings"] is not None else []),
                    "doc_type": row["doc_type"],
                    "published": row["published"],
                },
            }
            for table, cols in _ITEM_COLUMNS.items():
                items = self.con.execute(
                    f"SELECT {','.join(_quote(c) for c in cols)} FROM {table} WHERE report_id = ? ORDER BY start",
                    [row["id"]],
                ).fetchall()
                d[table] = [
                    {c: (None if _isnull(v) else v) for c, v in zip(cols, it, strict=True)} for it in items
                ]
            out.append(d)
        return out

    def export(self, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write every table to ``out_dir/<table>.<fmt>`` (parquet or csv) with DuckDB's COPY."""
        from .safecell import safe_frame

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for t in TABLES:
            target = out / f"{t}.{fmt}"
            if fmt == "csv":  # report text is untrusted: no field may become a spreadsheet formula
                safe_frame(self.con.execute(f"SELECT * FROM {t}").df()).to_csv(
                    target, index=False, encoding="utf-8"
                )
                written.append(target)
                continue
            self.con.execute(f"COPY {t} TO '{_sql_str(target)}' (FORMAT PARQUET)")
            written.append(target)
        return written

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def _quote(col: str) -> str:
    return f'"{col}"'


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


def _isnull(v: Any) -> bool:
    try:
        return v is None or v != v  # NaN
    except (TypeError, ValueError):
        return False
