"""Cells that a spreadsheet shows as text, never runs as a formula (CSV/formula injection).

Report text is untrusted input: a sentence that begins with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) would be read by Excel or LibreOffice as a formula when a
workbook or CSV is opened. OWASP's rule ("CSV Injection") is followed: such a value gets a
leading apostrophe ``'`` so it is shown as written. Every writer of workbooks and CSV files
passes its cells through :func:`safe_cell` (one function, so one rule).

>>> safe_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> safe_cell("-3件"), safe_cell("全年办结12件"), safe_cell(12), safe_cell(None)
("'-3件", '全年办结12件', 12, None)
"""

from __future__ import annotations

from typing import Any

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


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
