"""The embedded store: one DuckDB file with tables reports, sections, indicators, plans, failures.

The tables' columns are derived from the data objects in :mod:`fzanalyzer.schema` (the same
columns as the export files and the DataFrames), and a report read back is the JSON that was
written, field for field.

Reports are written in batches (:meth:`Store.write`), each batch in one transaction through Arrow
tables that DuckDB inserts in bulk: a run killed midway leaves every batch either fully stored or
absent. Each committed batch is a checkpoint: a re-run skips files whose source and sha256 are
already stored (resumable) and retries files that failed before.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "fz.duckdb")
>>> with Store(path) as st:
...     st.write([{"id": "a", "source": "a.txt", "sha256": "1", "text": "全年办理案件12件。"}])
...     st.known_files(), st.report_dicts()[0]["text"]
({('a.txt', '1')}, '全年办理案件12件。')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StoreError
from .schema import (
    FAILURE_COLUMNS,
    ITEM_COLUMNS,
    ITEM_TABLES,
    REPORT_COLUMNS,
    TABLES,
    Column,
    columns,
    item_columns,
    report_from_rows,
    report_row,
)

if TYPE_CHECKING:
    import pandas as pd

    from .batch import Failure

_STAMP = Column("stored_at", (), "timestamp")
#: Columns of each table as stored: the schema's, plus when the row was written.
STORE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "reports": (*REPORT_COLUMNS, _STAMP),
    **ITEM_COLUMNS,
    "failures": (*FAILURE_COLUMNS, _STAMP),
}


def _ddl() -> str:
    out = []
    for t, cols in STORE_COLUMNS.items():
        out.append(f"CREATE TABLE IF NOT EXISTS {t} ({', '.join(f'{_q(c.name)} {c.sql}' for c in cols)});")
    return "\n".join(out)


class Store:
    """A DuckDB file holding extracted reports. Use as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError.from_code("E070", path=self.path, detail=str(exc).splitlines()[0]) from exc
        try:
            self._check_schema(read_only)
            if not read_only:
                # Batches are small and the extraction's workers already use the cores: DuckDB's
                # own threads cost more CPU than they save here (0.023 vs 0.038 s per 16 reports).
                self.con.execute("SET threads TO 1")
        except BaseException:
            self.con.close()
            raise

    def _check_schema(self, read_only: bool) -> None:
        """Create the tables in a new store; refuse one whose tables are not this version's
        (E071): the columns are compared, so a field added to a data object is noticed."""
        rows = self.con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall()
        found: dict[str, list[str]] = {}
        for table, col, sql in rows:
            found.setdefault(table, []).append(f"{col} {sql}")
        if not found:
            if read_only:
                raise StoreError.from_code("E070", path=self.path, detail="it holds no fzanalyzer tables")
            self.con.execute(_ddl())
            return
        for table, cols in STORE_COLUMNS.items():
            want = [f"{c.name} {c.sql}" for c in cols]
            have = found.get(table, [])
            if have != want:
                missing = [w.split()[0] for w in want if w not in have]
                extra = [h.split()[0] for h in have if h not in want]
                parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
                    [f"unknown {', '.join(extra)}"] if extra else []
                )
                detail = "; ".join(parts) or "columns in another order"
                raise StoreError.from_code("E071", path=self.path, detail=f"table {table}: {detail}")

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

    def write(self, reports: Iterable[dict[str, Any]] = (), failures: Iterable[Failure] = ()) -> None:
        """Store a batch of reports (output-contract dicts) and failures in one transaction,
        replacing older versions of the same report ids and earlier failures of their files."""
        import pyarrow as pa

        reports = list(reports)
        fails = [asdict(f) for f in failures]
        if not reports and not fails:
            return
        con = self.con
        ids = pa.table({"id": pa.array([d["id"] for d in reports], pa.string())})
        sources = pa.table(
            {
                "source": pa.array(
                    [d.get("source") for d in reports] + [f["source"] for f in fails], pa.string()
                )
            }
        )
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("_fz_ids", ids)
            con.register("_fz_sources", sources)
            # Item tables are only scanned when a report is replaced (not on a fresh run).
            replaced = con.execute(
                "SELECT count(*) FROM reports WHERE id IN (SELECT id FROM _fz_ids)"
            ).fetchone()
            for t in ("reports", *ITEM_TABLES) if replaced and replaced[0] else ():
                key = "id" if t == "reports" else "report_id"
                con.execute(f"DELETE FROM {t} WHERE {key} IN (SELECT id FROM _fz_ids)")
            con.execute("DELETE FROM failures WHERE source IN (SELECT source FROM _fz_sources)")
            self._insert("reports", _columnar(STORE_COLUMNS["reports"], [report_row(d) for d in reports]))
            for t in ITEM_TABLES:
                self._insert(t, item_columns(reports, t))
            self._insert("failures", _columnar(STORE_COLUMNS["failures"], fails))
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_fz_ids")
            con.unregister("_fz_sources")

    def _insert(self, table: str, data: dict[str, list[Any]]) -> None:
        import pyarrow as pa

        cols = [c for c in STORE_COLUMNS[table] if c is not _STAMP]
        if not data[cols[0].name]:
            return
        arrow = pa.table({c.name: pa.array(data[c.name], _arrow_type(c.kind)) for c in cols})
        names = ", ".join(_q(c.name) for c in cols)
        stamp = ", current_localtimestamp()" if table in ("reports", "failures") else ""
        target = names + (f", {_q(_STAMP.name)}" if stamp else "")
        self.con.register("_fz_batch", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} ({target}) SELECT {names}{stamp} FROM _fz_batch")
        finally:
            self.con.unregister("_fz_batch")

    def mark_duplicates(self) -> dict[str, str]:
        """Find the copies among every stored report (:mod:`fzanalyzer.reuse.duplicates`) and
        record them in the reports' ``duplicate_of`` (``None`` for the others), in one
        transaction; returns ``{copy id: id of the report kept}``."""
        from .reuse.duplicates import CopyFinder

        finder = CopyFinder()
        for rid, text, year, warnings in self.con.execute(
            "SELECT id, text, year_covered, warnings FROM reports ORDER BY id"
        ).fetchall():
            finder.add({"id": rid, "text": text, "meta": {"year_covered": year, "warnings": warnings}})
        dup = finder.duplicates()
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("UPDATE reports SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
            if dup:
                self.con.executemany(
                    "UPDATE reports SET duplicate_of = ? WHERE id = ?", [[k, c] for c, k in dup.items()]
                )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return dup

    def add_report(self, d: dict[str, Any]) -> None:
        """Store one report (a batch of one)."""
        self.write([d])

    def add_failure(self, failure: Failure) -> None:
        self.write(failures=[failure])

    # -- reading ----------------------------------------------------------------------------
    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise StoreError(f"unknown table {name!r}; tables are {', '.join(TABLES)}", code="E070")
        return self.con.execute(f"SELECT * FROM {name}").df()

    def report_dicts(self, ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Reports rebuilt as output-contract dicts, exactly as written (``Corpus.from_store``,
        the audit, ``extract`` reading back what a re-run skipped)."""
        where, params = "", []
        if ids is not None:
            if not ids:
                return []
            where = f" WHERE {{key}} IN ({','.join('?' * len(ids))})"
            params = list(ids)
        reports = self._rows(f"SELECT * FROM reports{where.format(key='id')} ORDER BY id", params)
        items: dict[str, dict[str, list[dict[str, Any]]]] = {r["id"]: {} for r in reports}
        for t in ITEM_TABLES:
            sql = f"SELECT * FROM {t}{where.format(key='report_id')} ORDER BY report_id, seq"
            for r in self._rows(sql, params):
                if r["report_id"] in items:
                    items[r["report_id"]].setdefault(t, []).append(r)
        return [report_from_rows(r, items[r["id"]]) for r in reports]

    def failures(self) -> list[Failure]:
        """The files that failed, as :class:`~fzanalyzer.batch.Failure` rows."""
        from .batch import Failure

        names = [c.name for c in FAILURE_COLUMNS]
        rows = self._rows(f"SELECT {', '.join(map(_q, names))} FROM failures ORDER BY source", [])
        return [Failure(**r) for r in rows]

    def stored_report(self, sha256: str, id: str | None = None) -> dict[str, Any] | None:
        """The stored report of a file digest (the one with ``id`` if several files had these bytes)."""
        found = [
            r[0] for r in self.con.execute("SELECT id FROM reports WHERE sha256 = ?", [sha256]).fetchall()
        ]
        if not found:
            return None
        reports = self.report_dicts([id if id is not None and id in found else found[0]])
        return reports[0] if reports else None

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def export(self, out_dir: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write every table to ``out_dir/<table>.<fmt>`` (parquet or csv) with DuckDB's COPY: the
        same columns as ``extract --format``, item rows with their report's metadata. CSV goes
        through :func:`fzanalyzer.export.write_csv` (no field may become a spreadsheet formula)."""
        from .export import write_csv

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for t in TABLES:
            target = out / f"{t}.{fmt}"
            if fmt == "csv":
                write_csv(self.con.execute(self._export_query(t, fmt)).df(), target)
                written.append(target)
                continue
            self.con.execute(f"COPY ({self._export_query(t, fmt)}) TO '{_sql_str(target)}' (FORMAT PARQUET)")
            written.append(target)
        return written

    def _export_query(self, table: str, fmt: str) -> str:
        kinds = {c.name: c.kind for cols in STORE_COLUMNS.values() for c in cols}

        def col(name: str, alias: str) -> str:
            expr = f"{alias}.{_q(name)}"
            if fmt == "csv" and kinds.get(name) == "list":
                expr = f"to_json({expr})"  # one JSON array per cell, as the extract CSV writes it
            return f"{expr} AS {_q(name)}"

        if table in ITEM_TABLES:
            docvars = set(columns(table, docvars=True)) - set(columns(table))
            sel = [col(n, "r" if n in docvars else "i") for n in columns(table, docvars=True)]
            return (
                f"SELECT {', '.join(sel)} FROM {table} i JOIN reports r ON r.id = i.report_id "
                "ORDER BY i.report_id, i.seq"
            )
        order = "id" if table == "reports" else "source"
        return f"SELECT {', '.join(col(c.name, 't') for c in STORE_COLUMNS[table])} FROM {table} t ORDER BY {order}"

    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def _columnar(cols: Iterable[Column], rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {c.name: [r.get(c.name) for r in rows] for c in cols if c is not _STAMP}


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "number": pa.float64()}
    return {**types, "bool": pa.bool_(), "list": pa.list_(pa.string()), "json": pa.string()}[kind]


def _q(col: str) -> str:
    return f'"{col}"'


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")
