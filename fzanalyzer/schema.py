"""One mapping from the data objects to every flat form: store tables, export rows, DataFrames.

The JSON of a report is its dataclasses (:mod:`fzanalyzer.model`) as they are. Every flat form —
the DuckDB store's tables, the CSV/Parquet files of ``extract``/``export`` and the DataFrames of
:class:`~fzanalyzer.corpus.Corpus` — uses the columns derived here from the same dataclasses, so a
field added to a dataclass reaches every form and a column is named the same everywhere:

- ``reports``: one row per report. The report's own fields, then its ``meta`` fields lifted to
  columns with their contract names (``region.province`` → ``province`` …), the counts
  ``n_chars``, ``n_sections``, ``n_indicators``, ``n_plans``, and ``text`` last. One rename:
  ``meta.level`` is ``gov_level``, because in the sections table ``level`` is a heading's level.
- ``sections``, ``indicators``, ``plans``: one row per item: ``report_id``, ``seq`` (the item's
  position in its report's list, to which ``pair_of`` refers), then the item's fields. Rows
  written for people (export files, DataFrames) also carry the report's metadata
  :data:`DOCVARS` after ``report_id``, under the same names as in ``reports``.

Whole numbers are ints and other numbers floats, as the extractor writes them; a ``number``
column (``value``, ``value_max``) is stored as DOUBLE and read back as an int when it is whole.

>>> [c.name for c in REPORT_COLUMNS][:6]
['id', 'source', 'sha256', 'format', 'title', 'issuer']
>>> row = report_row({"id": "a", "meta": {"level": "city", "region": {"city": "某市"}}})
>>> row["gov_level"], row["city"], row["n_sections"]
('city', '某市', 0)
>>> report_from_rows(row, {})["meta"]["region"]
{'province': None, 'city': '某市', 'county_or_district': None}
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from .batch import Failure
from .model import Indicator, Plan, Report, Section

#: DuckDB type of each kind of column.
SQL_TYPES = {
    "str": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "number": "DOUBLE",
    "bool": "BOOLEAN",
    "list": "VARCHAR[]",
    "json": "VARCHAR",  # nested values (a list of pairs) as one JSON text
    "timestamp": "TIMESTAMP",
}
#: Flat names that are not the field's own name (see the module doc).
RENAMED: dict[tuple[str, ...], str] = {("meta", "level"): "gov_level"}
#: The item tables and the dataclass of their rows.
ITEM_TABLES: dict[str, type] = {"sections": Section, "indicators": Indicator, "plans": Plan}
TABLES = ("reports", *ITEM_TABLES, "failures")


@dataclass(frozen=True)
class Column:
    """One flat column: its name, where its value sits in a report's JSON, and its kind."""

    name: str
    path: tuple[str, ...]
    kind: str

    @property
    def sql(self) -> str:
        return SQL_TYPES[self.kind]


def _kind(tp: Any) -> str:
    """The column kind of a (resolved) field type: ``str | None`` → ``str``, ``float | int`` → ``number``."""
    args = set(typing.get_args(tp)) - {type(None)}
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        if args == {float, int}:
            return "number"
        if len(args) == 1:
            return _kind(args.pop())
    if typing.get_origin(tp) is list:
        return "list" if typing.get_args(tp) == (str,) else "json"
    for py, kind in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str")):
        if tp is py:
            return kind
    raise TypeError(f"no column kind for field type {tp!r}: add it to fzanalyzer.schema")


def _flatten(cls: type, prefix: tuple[str, ...] = ()) -> list[Column]:
    hints = typing.get_type_hints(cls)
    cols: list[Column] = []
    for f in fields(cls):
        tp = hints[f.name]
        path = (*prefix, f.name)
        if is_dataclass(tp):
            cols += _flatten(tp, path)  # type: ignore[arg-type]
        elif typing.get_origin(tp) is list and is_dataclass(typing.get_args(tp)[0]):
            continue  # a list of items is a table of its own
        else:
            cols.append(Column(RENAMED.get(path, f.name), path, _kind(tp)))
    return cols


def _report_columns() -> tuple[Column, ...]:
    own = _flatten(Report)
    text = [c for c in own if c.name == "text"]
    counts = [Column(f"n_{t}", (), "int") for t in ("chars", *ITEM_TABLES)]
    return (*[c for c in own if c.name != "text"], *counts, *text)


#: Columns of the reports table (every form).
REPORT_COLUMNS: tuple[Column, ...] = _report_columns()
#: Report columns repeated on the item rows written for people (export files, DataFrames).
DOCVARS: tuple[str, ...] = (
    "issuer",
    "province",
    "city",
    "county_or_district",
    "adcode",
    "gov_level",
    "year_covered",
)
_KEY = (Column("report_id", (), "str"), Column("seq", (), "int"))
#: Columns of each item table as stored: ``report_id``, ``seq``, then the item's fields.
ITEM_COLUMNS: dict[str, tuple[Column, ...]] = {t: (*_KEY, *_flatten(cls)) for t, cls in ITEM_TABLES.items()}
#: Columns of the failures table: the fields of :class:`~fzanalyzer.batch.Failure`.
FAILURE_COLUMNS: tuple[Column, ...] = tuple(_flatten(Failure))


def columns(table: str, *, docvars: bool = False, text: bool = True) -> list[str]:
    """Column names of a table; ``docvars`` adds the report metadata to item tables.

    >>> columns("plans", docvars=True)[:3]
    ['report_id', 'issuer', 'province']
    """
    if table == "reports":
        return [c.name for c in REPORT_COLUMNS if text or c.name != "text"]
    if table == "failures":
        return [c.name for c in FAILURE_COLUMNS]
    names = [c.name for c in ITEM_COLUMNS[table]]
    return [names[0], *DOCVARS, *names[1:]] if docvars else names


def _get(d: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)  # type: ignore[assignment]
    return d


def report_row(d: dict[str, Any], *, text: bool = True) -> dict[str, Any]:
    """The reports-table row of a report's JSON (``text`` or not)."""
    counts = {"n_chars": len(d.get("text") or ""), **{f"n_{t}": len(d.get(t) or []) for t in ITEM_TABLES}}
    row: dict[str, Any] = {}
    for c in REPORT_COLUMNS:
        if c.name == "text" and not text:
            continue
        v: Any = _get(d, c.path) if c.path else counts[c.name]
        row[c.name] = list(v or []) if c.kind == "list" else _json(v) if c.kind == "json" else v
    return row


def item_rows(
    d: dict[str, Any], table: str, *, docvars: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The rows of one item table of a report's JSON; ``docvars`` (from :func:`docvars_of`) adds
    the report's metadata to each row."""
    data = item_columns([d], table)
    head = docvars or {}
    return [{**head, **{k: v[i] for k, v in data.items()}} for i in range(len(data["seq"]))]


def item_columns(reports: list[dict[str, Any]], table: str) -> dict[str, list[Any]]:
    """The item rows of many reports' JSON as columns (``report_id``, ``seq``, the fields): the
    store's bulk insert."""
    owned = [(d["id"], i, item) for d in reports for i, item in enumerate(d.get(table) or [])]
    data: dict[str, list[Any]] = {"report_id": [o[0] for o in owned], "seq": [o[1] for o in owned]}
    for c in ITEM_COLUMNS[table][2:]:
        data[c.name] = [o[2].get(c.name) for o in owned]
    return data


def docvars_of(row: dict[str, Any]) -> dict[str, Any]:
    """The report metadata carried on item rows, from a reports-table row."""
    return {k: row.get(k) for k in DOCVARS}


def tables_of(d: dict[str, Any], *, text: bool = True) -> dict[str, list[dict[str, Any]]]:
    """A report's JSON as flat rows per table, item rows with their report's metadata."""
    row = report_row(d, text=text)
    dv = docvars_of(row)
    return {"reports": [row], **{t: item_rows(d, t, docvars=dv) for t in ITEM_TABLES}}


def _json(v: Any) -> str:
    return json.dumps(v if v is not None else [], ensure_ascii=False, separators=(",", ":"))


def _restore(kind: str, v: Any) -> Any:
    """A stored value as the JSON had it (see the module doc on numbers)."""
    if v is None:
        return [] if kind in ("list", "json") else None
    if kind == "json":
        return json.loads(v) if isinstance(v, str) else v
    if v != v:  # NaN from a DataFrame
        return None
    if kind == "number" and float(v).is_integer():
        return int(v)
    if kind == "int":
        return int(v)
    if kind == "list":
        return list(v)
    return v


def report_from_rows(row: dict[str, Any], items: Mapping[str, Iterable[dict[str, Any]]]) -> dict[str, Any]:
    """A report's JSON rebuilt from its reports row and its item rows (in ``seq`` order): the
    inverse of :func:`report_row` and :func:`item_rows`."""
    d: dict[str, Any] = {}
    for c in REPORT_COLUMNS:
        if not c.path:
            continue
        node = d
        for key in c.path[:-1]:
            node = node.setdefault(key, {})
        node[c.path[-1]] = _restore(c.kind, row.get(c.name))
    d["text"] = d.get("text") or ""
    for t, cols in ITEM_COLUMNS.items():
        d[t] = [{c.name: _restore(c.kind, r.get(c.name)) for c in cols[2:]} for r in items.get(t, ())]
    return Report.from_dict(d).to_dict()
