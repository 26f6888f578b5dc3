"""``fzanalyzer indicators FILE``: the numeric indicators of one report as a table."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command()
def indicators(
    file: Path = typer.Argument(..., help="A report file (.txt, .html, .pdf, .docx)."),
    ner: bool | None = typer.Option(
        None, "--ner/--no-ner", help="Let the trained NER refine weak subjects (default: off)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Write JSON Lines (one indicator a line) instead."),
    width: int = typer.Option(24, "--width", help="Characters of each subject to show."),
) -> int:
    """Show every indicator: text, value, unit, subject, qualifier, change, period, section."""
    import json
    from dataclasses import asdict

    from rich.console import Console
    from rich.table import Table

    from .. import load
    from ..extract.indicators import extract_indicators

    if not file.exists():
        raise typer.BadParameter(f"{file}: no such file", param_hint="FILE")
    report = load(file, analyze=False)
    from ..segment import segment

    report.sections = segment(report.text, report.meta)
    found = extract_indicators(report.text, report.sections, report.meta, use_ner=ner)
    if as_json:
        for ind in found:
            typer.echo(json.dumps(asdict(ind), ensure_ascii=False))
        return 0
    table = Table(title=f"{report.id}: {len(found)} indicators")
    for col in ("#", "text", "value", "unit", "name", "qualifier", "change", "period", "section", "method"):
        table.add_column(col, justify="right" if col in ("#", "value") else "left")
    titles = {s.id: f"{s.marker}{s.title}"[:12] for s in report.sections}
    for k, i in enumerate(found):
        value = f"{i.value:g}" if i.value_max is None else f"{i.value:g}–{i.value_max:g}"
        table.add_row(
            str(k),
            i.text,
            value,
            i.unit or "",
            (i.name or "")[:width],
            i.qualifier or "",
            i.change or "",
            i.period or "",
            titles.get(i.section or "", ""),
            i.method,
        )
    Console().print(table)
    return 0


@app.command("indicators-eval")
def indicators_eval(
    folders: list[Path] = typer.Argument(..., help="Folders with NAME.txt and NAME.gold.json files."),
) -> int:
    """Indicator P/R/F1 and name/qualifier/period agreement for the rules alone, the rules with
    the trained NER on weak subjects, and the NER alone (what the trained component adds)."""
    from rich.console import Console
    from rich.table import Table

    from ..extract.score import ablation

    for f in folders:
        if not f.is_dir():
            raise typer.BadParameter(f"{f}: not a folder", param_hint="FOLDERS")
    scores = ablation(folders)
    table = Table(title="indicators: rules vs trained NER")
    for col in ("naming", "P", "R", "F1", "name", "qualifier", "period", "change", "n"):
        table.add_column(col, justify="left" if col == "naming" else "right")
    for mode, sc in scores.items():
        s = sc.summary()
        table.add_row(
            mode,
            *(f"{s[k]:.3f}" for k in ("precision", "recall", "f1", "name", "qualifier", "period", "change")),
            str(sc.tp + sc.fn),
        )
    Console().print(table)
    return 0
