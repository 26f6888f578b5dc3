"""A Parquet dataset of extraction results, partitioned by year (hive layout).

``DIR/reports/year_covered=2021/part-….parquet`` and likewise ``sections``, ``indicators`` and ``plans``
(the store's tables, the same flat rows as ``fzanalyzer export``); ``failures`` is not
partitioned. Parts are written as results arrive (a few hundred reports each), so memory stays
bounded, and every reader of hive-partitioned Parquet — DuckDB
(``read_parquet('DIR/indicators/**/*.parquet', hive_partitioning=true)``), pandas, Polars, Spark,
R's arrow — reads it. Parts may type a column differently (a column that is empty in one part);
:func:`open_table` reads them under one unified schema.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow.dataset as pads

    from ..model import Report

ITEM_TABLES = ("reports", "sections", "indicators", "plans")
TABLES = (*ITEM_TABLES, "failures")
PARTITION = "year_covered"


class DatasetWriter:
    """Buffers rows of reports and writes a part per table every ``part_size`` reports."""

    def __init__(self, root: str | Path, include_text: bool = True, part_size: int = 500) -> None:
        self.root = Path(root)
        self.include_text = include_text
        self.part_size = part_size
        self.token = uuid.uuid4().hex[:8]
        self.parts = 0
        self.pending = 0
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.root.mkdir(parents=True, exist_ok=True)

    def write(self, d: dict[str, Any]) -> None:
        from ..schema import tables_of

        for table, rows in tables_of(d, text=self.include_text).items():
            self.rows[table].extend(rows)
        self.pending += 1
        if self.pending >= self.part_size:
            self.flush()

    def write_failures(self, failures: list[dict[str, Any]]) -> None:
        self.rows["failures"].extend(failures)

    def flush(self) -> None:
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        for table, rows in self.rows.items():
            if not rows:
                continue
            arrow = pa.Table.from_pandas(pd.DataFrame(rows), preserve_index=False)
            name = f"part-{self.token}-{self.parts:05d}-{{i}}.parquet"
            if table == "failures":
                (self.root / table).mkdir(parents=True, exist_ok=True)
                pq.write_table(arrow, self.root / table / name.format(i=0))
            else:
                pq.write_to_dataset(
                    arrow,
                    self.root / table,
                    partition_cols=[PARTITION],
                    basename_template=name,
                    existing_data_behavior="overwrite_or_ignore",
                )
            rows.clear()
        self.parts += 1
        self.pending = 0

    def close(self) -> list[Path]:
        self.flush()
        return [self.root]


def is_dataset(path: str | Path) -> bool:
    """Whether ``path`` is a Parquet dataset written by ``extract --dataset`` (a folder with
    ``reports/…/*.parquet``)."""
    return bool(table_files(path, "reports")) if Path(path).is_dir() else False


def table_files(root: str | Path, table: str) -> list[str]:
    """The Parquet files of one table, in a fixed (sorted) order: the order a dataset's rows are read in."""
    path = Path(root) / table
    return sorted(str(p) for p in path.rglob("*.parquet")) if path.is_dir() else []


def open_table(root: str | Path, table: str, files: list[str] | None = None) -> pads.Dataset | None:
    """One table of a dataset as a lazy ``pyarrow.dataset`` (None when the table has no part);
    ``files``: only these parts of it."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = Path(root) / table
    files = table_files(root, table) if files is None else files
    if not files:
        return None
    partitioning = (
        None if table == "failures" else ds.partitioning(pa.schema([(PARTITION, pa.int64())]), flavor="hive")
    )
    parts = ds.dataset(files, format="parquet", partitioning=partitioning, partition_base_dir=str(path))
    schema = pa.unify_schemas(
        [f.physical_schema for f in parts.get_fragments()], promote_options="permissive"
    )
    if partitioning is not None and PARTITION not in schema.names:
        schema = schema.append(pa.field(PARTITION, pa.int64()))
    return ds.dataset(
        files, format="parquet", schema=schema, partitioning=partitioning, partition_base_dir=str(path)
    )


class ParquetCorpus:
    """A corpus read lazily from a Parquet dataset: each table is read when first asked for,
    and ``scan(table, years=…)`` reads only the partitions asked for.

    The DataFrames have the same columns as ``Corpus.from_store`` gives.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        if not (self.root / "reports").is_dir():
            from ..errors import FzError

            raise FzError.from_code("E132", path=self.root, detail="no reports/ folder")
        self._cache: dict[str, pd.DataFrame] = {}

    def __repr__(self) -> str:
        return f"<ParquetCorpus {self.root}>"

    def scan(
        self, table: str, years: list[int] | None = None, columns: list[str] | None = None
    ) -> pd.DataFrame:
        """Rows of ``table`` (for ``years`` only, reading just those partitions)."""
        import pandas as pd
        import pyarrow.dataset as ds

        data = open_table(self.root, table)
        if data is None:
            return pd.DataFrame()
        flt = ds.field(PARTITION).isin(years) if years is not None and table != "failures" else None
        return data.to_table(filter=flt, columns=columns).to_pandas()

    def _table(self, table: str) -> pd.DataFrame:
        if table not in self._cache:
            self._cache[table] = self.scan(table)
        return self._cache[table]

    @property
    def reports(self) -> pd.DataFrame:
        return self._table("reports")

    @property
    def sections_df(self) -> pd.DataFrame:
        return self._table("sections")

    @property
    def indicators_df(self) -> pd.DataFrame:
        return self._table("indicators")

    @property
    def plans_df(self) -> pd.DataFrame:
        return self._table("plans")

    @property
    def failures_df(self) -> pd.DataFrame:
        return self._table("failures")

    def __len__(self) -> int:
        data = open_table(self.root, "reports")
        return 0 if data is None else data.count_rows()


def read_reports(root: str | Path, files: list[str], *, text: bool = True) -> list[Report]:
    """The reports stored in ``files`` of a dataset's ``reports`` table, in file order, with their
    text and metadata (item tables are not read: a task that compares texts needs neither).
    ``text=False`` reads the metadata only (what a driver needs to plan the tasks)."""
    from ..model import Report
    from ..schema import report_from_rows

    data = open_table(root, "reports", files)
    if data is None:
        return []
    columns = None if text else [c for c in data.schema.names if c != "text"]
    rows = data.to_table(columns=columns).to_pylist()
    return [Report.from_dict(report_from_rows(row, {})) for row in rows]
