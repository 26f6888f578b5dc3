"""Cells that a spreadsheet shows as text, never runs as a formula (CSV/formula injection), and
text that a terminal prints, never obeys.

Report text is untrusted input: a sentence that begins with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) would be read by Excel or LibreOffice as a formula when a
workbook or CSV is opened. OWASP's rule ("CSV Injection") is followed: such a value gets a
leading apostrophe ``'`` so it is shown as written. Every writer of workbooks and CSV files
passes its cells through :func:`safe_cell` (one function, so one rule): :func:`safe_row` for a
row, :func:`safe_frame` for a DataFrame before ``to_csv``, :func:`safe_sheet` for an openpyxl
worksheet (a cell openpyxl made a formula becomes a text cell). File names are untrusted too: an
ESC sequence in one rewrites the terminal, a newline forges an extra line; :func:`for_terminal`
escapes them.

>>> safe_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> safe_cell("-3件"), safe_cell("全年办结12件"), safe_cell(12), safe_cell(None)
("'-3件", '全年办结12件', 12, None)
>>> for_terminal("a\\x1b[2Jb\\nE001 forged")
'a\\\\x1b[2Jb\\\\nE001 forged'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

# C0 controls, DEL, C1 controls, the Unicode bidi overrides/isolates that reorder a line, and lone
# surrogates (a file name that is not UTF-8), which cannot even be encoded for the terminal.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would run: then ``'`` + text.

    Numbers, booleans and ``None`` pass as they are (a number is never a formula); other objects
    become their text.
    """
    if value is None or isinstance(value, (bool, int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def safe_row(values: Any) -> list[Any]:
    """:func:`safe_cell` over a row."""
    return [safe_cell(v) for v in values]


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) are :func:`safe_cell` ed; numbers,
    dates and missing values are left as they are."""
    from pandas.api.types import is_numeric_dtype

    out = df.copy()
    for col in out.columns:
        if not is_numeric_dtype(out[col].dtype):  # object and string columns
            out[col] = out[col].map(lambda v: safe_cell(v) if isinstance(v, str) else v)
    out.columns = [safe_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def safe_sheet(ws: Any) -> Any:
    """Make every cell of an openpyxl worksheet that a spreadsheet could run as a formula a text
    cell holding the same string, marked with Excel's quote prefix.

    openpyxl turns any string beginning with ``=`` into a formula; the workbooks fzanalyzer
    writes hold no formula of their own, so every such cell came from untrusted text. A text cell
    is never evaluated, so the text is kept exactly as written (an auditor quotes it); the quote
    prefix keeps it text when someone edits the cell (a string beginning with + - @ too).
    """
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" or (
                isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)
            ):
                cell.data_type = "s"
                cell.quotePrefix = True
    return ws


def for_terminal(text: object) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\n``):
    safe to print on one line of a terminal."""
    return _TERMINAL_UNSAFE.sub(_escape, str(text))


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    named = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
    if c in named:
        return named[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
