"""``fzanalyzer outline FILE``: the outline tree of one report, with labels and offsets."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command()
def outline(
    file: Path = typer.Argument(..., help="A report file (.txt, .html, .pdf, .docx)."),
    enumerations: bool = typer.Option(True, "--enumerations/--no-enumerations", help="Show 一是… items."),
    width: int = typer.Option(40, "--width", help="Characters of each title to show."),
) -> int:
    """Print the report's sections as a tree: marker, title, part label or topic, offsets."""
    from rich.console import Console

    from .. import load
    from ..errors import UsageError
    from ..segment.render import outline_tree

    if file.is_dir():
        raise UsageError.from_code("E105", path=file, detail="outline")
    report = load(file)
    Console().print(outline_tree(report, enumerations=enumerations, width=width))
    return 0
