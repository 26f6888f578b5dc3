"""Untrusted text into spreadsheets and terminals: the one neutraliser of each.

Report text, plan lines, evidence and ids made from file names come from outside. Written as
they are, a value beginning with ``=`` becomes a live formula in a workbook, and a CSV field
beginning with ``= + - @`` (or a tab or carriage return) is evaluated by Excel and LibreOffice
when the CSV is opened ("CSV injection"); an ESC sequence or a newline in a file name rewrites
the terminal or forges an extra line of output.

- :func:`neutralise` is the OWASP rule for CSV: such a field gets a leading apostrophe, so the
  spreadsheet shows it as text. (OWASP, "CSV Injection": prepend ``'`` to cells beginning with
  ``= + - @ \\t \\r``.) Numbers are left alone: they are data, not formulas.
- :func:`neutralise_frame` applies it to every text cell of a DataFrame, before ``to_csv``.
- :func:`neutralise_sheet` makes every cell of an openpyxl worksheet a text cell: openpyxl turns a
  string beginning with ``=`` into a formula, and a string cell is never evaluated, so the text is
  kept exactly (no apostrophe) and the reviewer reads what the report said.
- :func:`for_terminal` escapes control characters (ESC, newline, NUL, C1, the bidi overrides)
  in a name or message printed to a terminal.

>>> neutralise("=HYPERLINK(\\"http://x\\", \\"y\\")")
'\\'=HYPERLINK("http://x", "y")'
>>> neutralise("-3.5"), neutralise(-3.5), neutralise("全年办理案件12件")
("'-3.5", -3.5, '全年办理案件12件')
>>> for_terminal("a\\x1b[2Jb\\nE001 forged")
'a\\\\x1b[2Jb\\\\nE001 forged'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: First characters that make a spreadsheet read a CSV field as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# C0 controls, DEL, C1 controls, and the Unicode bidi overrides/isolates that reorder a line.
# Lone surrogates (file names that are not UTF-8) cannot be encoded for the terminal at all.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def neutralise(value: Any) -> Any:
    """A CSV field that cannot become a formula: text beginning with ``= + - @`` tab or CR gets a
    leading apostrophe; anything else (numbers, None, other text) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are :func:`neutralise` d (column names too)."""
    from pandas.api.types import is_numeric_dtype

    out = df.copy()
    for col in out.columns:
        if not is_numeric_dtype(out[col].dtype):  # object and string columns (and lists of text)
            out[col] = out[col].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    return out


def neutralise_sheet(ws: Any) -> Any:
    """Make every formula cell of an openpyxl worksheet a text cell holding the same string.

    The workbooks fzanalyzer writes hold no formula of their own, so every ``=…`` cell came from
    untrusted text.
    """
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return ws


def for_terminal(text: object) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\n``):
    safe to print on one line of a terminal."""
    return _TERMINAL_UNSAFE.sub(_escape, str(text))


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    if c == "\n":
        return "\\n"
    if c == "\t":
        return "\\t"
    if c == "\r":
        return "\\r"
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
