"""``fzanalyzer indicators FILE``: the numeric indicators of one report as a table."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .tables import show_table


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

    from .. import load
    from ..errors import UsageError
    from ..extract.indicators import extract_indicators

    if file.is_dir():
        raise UsageError.from_code("E105", path=file, detail="indicators")
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
    cols = ("#", "text", "value", "unit", "name", "qualifier", "change", "period", "section", "method")
    titles = {s.id: f"{s.marker}{s.title}"[:12] for s in report.sections}
    rows = []
    for k, i in enumerate(found):
        value = f"{i.value:g}" if i.value_max is None else f"{i.value:g}–{i.value_max:g}"
        rows.append(
            [
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
            ]
        )
    show_table(
        f"{report.id}: {len(found)} indicators",
        cols,
        rows,
        right={"#", "value"},
        wide={"text", "name", "period", "section"},
    )
    return 0


@app.command("indicators-eval")
def indicators_eval(
    folders: list[Path] = typer.Argument(..., help="Folders with NAME.txt and NAME.gold.json files."),
) -> int:
    """Indicator P/R/F1 and name/qualifier/period agreement for the rules alone, the rules with
    the trained NER on weak subjects, and the NER alone (what the trained component adds)."""

    from ..evaluate.ablation import ablation

    for f in folders:
        if not f.is_dir():
            raise typer.BadParameter(f"{f}: not a folder", param_hint="FOLDERS")
    scores = ablation(folders)
    cols = ("naming", "P", "R", "F1", "name", "qualifier", "period", "change", "n")
    rows = []
    for mode, t in scores.items():
        ind = t.indicators
        agree = (t.ind_name, t.ind_qualifier, t.ind_period, t.ind_change)
        values = (
            ind.precision,
            ind.recall,
            ind.f1,
            *(r.value if r.value is not None else 1.0 for r in agree),
        )
        rows.append([mode, *(f"{v:.3f}" for v in values), str(ind.n_gold)])
    show_table("indicators: rules vs trained NER", cols, rows, right=set(cols) - {"naming"})
    return 0
