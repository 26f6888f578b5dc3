"""Tables for the terminal that fit its width (80 columns or more) and never cut a cell.

Long cells fold onto more lines; when even that cannot fit every column (a narrow terminal,
many columns), each row is printed as a wrapped record, ``column: value`` after ``column: value``.
Cells are plain text, never rich markup (a report's ``[2021]`` stays as written).

>>> import io
>>> from rich.console import Console
>>> con = Console(width=40, file=io.StringIO(), record=True)
>>> show_table("demo", ["what", "value"], [["行政复议案件", "120"]], right={"value"}, console=con)
>>> "行政复议案件" in con.export_text()
True
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

#: The narrowest a free-text column gets before the rows are printed as records instead.
WIDE_MIN = 8


def show_table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    right: Collection[str] = (),
    wide: Collection[str] = (),
    console: Any = None,
) -> None:
    """Print ``rows`` under ``columns``. The ``wide`` columns (free text) take the room the
    others leave and fold; the others keep the width of their longest cell; ``right`` columns are
    right-aligned (numbers). A cell is a string, or a ``rich.text.Text`` to give it a style."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console()
    cells = [[v if isinstance(v, Text) else Text(str(v)) for v in row] for row in rows]
    natural = [
        max([cell_len(col), *(c.cell_len for c in (r[i] for r in cells))]) for i, col in enumerate(columns)
    ]
    need = sum(WIDE_MIN if col in wide else n for col, n in zip(columns, natural, strict=True))
    if need + 3 * len(columns) <= console.width:
        t = Table(title=title, box=box.SIMPLE_HEAD)
        for col, n in zip(columns, natural, strict=True):
            t.add_column(
                col,
                justify="right" if col in right else "left",
                overflow="fold",
                no_wrap=col not in wide,
                min_width=WIDE_MIN if col in wide else n,
                ratio=1 if col in wide else None,
            )
        for row in cells:
            t.add_row(*row)
        console.print(t)
        return
    console.print(Text(title, style="bold"))
    for n, row in enumerate(cells):
        if n:
            console.print()
        record = Text("  ")
        for col, v in zip(columns, row, strict=True):
            if v.plain:
                record.append(f"{col}: ", style="dim")
                record.append(v)
                record.append("   ")
        console.print(record)
