"""Writers of tables for analysis: CSV, Parquet, Excel and Stata, each with Chinese intact.

Every CSV the toolkit writes goes through :func:`fzanalyzer.export.write_csv`: UTF-8 with a byte-order mark, so
Excel on a Chinese Windows opens it as UTF-8 instead of guessing GBK (pandas and R read the BOM
transparently). Stata files are format 118 (Stata 14 and later), the first to store strings,
value and variable labels in UTF-8; variable names stay ASCII (``y2021``) so that every Stata
version and reader can address them, and the Chinese goes into the variable labels.

>>> import pandas as pd, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_csv(pd.DataFrame({"名称": ["行政复议"]}), d / "t.csv")
>>> (d / "t.csv").read_bytes()[:3] == b"\\xef\\xbb\\xbf"
True
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .export import write_csv

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "parquet", "xlsx", "dta")
#: Stata: variable labels of at most 80 characters, names of at most 32 ASCII characters.
_STATA_LABEL = 80
_STATA_NAME = 32
#: Words Stata reserves: never variable names.
_STATA_RESERVED_WORDS = (
    "aggregate array boolean break byte case catch class colvector complex const continue default "
    "delegate delete do double else eltypedef end enum explicit export external float for friend function "
    "global goto if inline int local long matrix new numeric NULL pointer quietly real return rowvector "
    "scalar short signed static strL string struct transmorphic typedef typename union unsigned using "
    "vector version virtual void volatile while _all _b _coef _cons _n _N _pi _pred _rc _skip"
)
_STATA_RESERVED = frozenset(_STATA_RESERVED_WORDS.split())


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    from .export import write_parquet

    write_parquet(df.copy(), Path(path))


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path) -> None:
    """One workbook, one sheet per table (sheet names cut to Excel's 31 characters); no cell is a
    formula, whatever the report text says (:func:`fzanalyzer.safecell.safe_sheet`)."""
    import pandas as pd

    from .safecell import safe_sheet

    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, df in sheets.items():
            df.to_excel(xw, sheet_name=name[:31], index=False)
            safe_sheet(xw.sheets[name[:31]])


def stata_name(col: object) -> str:
    """A Stata variable name for a column: ASCII, at most 32 characters, not starting with a digit.

    >>> stata_name(2021), stata_name("change_2020_2021"), stata_name("名称"), stata_name("end")
    ('y2021', 'change_2020_2021', 'v_', 'end_')
    """
    s = str(col)
    if isinstance(col, int) or s.isdigit():
        s = f"y{s}"
    s = re.sub(r"[^A-Za-z0-9_]", "_", s)
    if not s or not (s[0].isalpha() or s[0] == "_"):
        s = f"v_{s}"
    if not re.search(r"[A-Za-z0-9]", s):
        s = "v_"
    s = s[:_STATA_NAME]
    return f"{s}_" if s in _STATA_RESERVED else s


def write_dta(df: pd.DataFrame, path: str | Path, labels: dict[str, str] | None = None) -> None:
    """Stata 118 with Chinese variable labels (``labels``: column → label; columns renamed by
    :func:`stata_name`, the original name kept as the label when none is given)."""
    import pandas as pd

    labels = labels or {}
    out = pd.DataFrame(index=df.index)
    names: dict[str, str] = {}
    var_labels: dict[str, str] = {}
    for col in df.columns:
        name = stata_name(col)
        k = 1
        while name in names.values():
            k += 1
            name = f"{name[: _STATA_NAME - len(str(k)) - 1]}_{k}"
        names[str(col)] = name
        s = df[col]
        if s.dtype == bool or str(s.dtype) == "boolean":
            s = s.astype("float").astype("Int8")
        if str(s.dtype) in ("Int64", "Int32", "Int8", "Float64"):
            s = s.astype("float64")
        elif s.dtype == object or str(s.dtype).startswith("string"):
            if s.map(lambda v: isinstance(v, (int, float)) or v is None).all() and s.notna().any():
                s = pd.to_numeric(s, errors="coerce")
            else:
                s = s.map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else str(v))
        out[name] = s
        var_labels[name] = str(labels.get(str(col), col))[:_STATA_LABEL]
    strl = [c for c in out.columns if out[c].dtype == object and out[c].map(len).max() > 2045]
    out.to_stata(path, write_index=False, version=118, variable_labels=var_labels, convert_strl=strl)


def write_table(
    sheets: dict[str, pd.DataFrame],
    path: str | Path,
    fmt: str,
    labels: dict[str, str] | None = None,
) -> list[Path]:
    """Write named tables: one workbook for ``xlsx``; else the first table to ``path`` and each
    other one to ``<stem>.<name>.<ext>`` beside it. Returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt == "xlsx":
        write_xlsx(sheets, path)
        return [path]
    written = []
    for k, (name, df) in enumerate(sheets.items()):
        target = path if k == 0 else path.with_name(f"{path.stem}.{name}{path.suffix}")
        if fmt == "csv":
            write_csv(df, target)
        elif fmt == "parquet":
            write_parquet(df, target)
        else:
            write_dta(df, target, labels)
        written.append(target)
    return written
