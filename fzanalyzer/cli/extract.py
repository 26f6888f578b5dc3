"""``fzanalyzer extract`` and ``fzanalyzer export``."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Report files or folders (walked recursively)."),
    output: str | None = typer.Option(None, "--output", "-o", help="Output file, or - for stdout."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv | parquet"),
    store: Path | None = typer.Option(None, "--store", help="DuckDB file; re-runs skip stored files."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Worker processes (default: cores)."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the normalized text out of the output."),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar."),
    file_timeout: float | None = typer.Option(
        None,
        "--file-timeout",
        help="Seconds one file may take before it is stopped and listed as failure E052 "
        "(default 600, fzanalyzer.limits.FILE_TIMEOUT_S; 0: no limit).",
    ),
) -> int:
    """Extract reports: normalized text, metadata, sections, indicators and plans.

    Every file that fails is listed with its error code; the run goes on and exits 1 at the end.
    """
    from rich.console import Console

    from ..jobs import extract as run_extract

    if output is None and store is None:
        output = "-"
    console = Console(stderr=True)
    summary = run_extract(
        inputs,
        output=output,
        fmt=fmt,
        store=store,
        workers=workers,
        include_text=not no_text,
        progress=not no_progress,
        file_timeout=file_timeout,
    )
    console.print(
        f"[bold]{summary.processed}[/] extracted, {summary.skipped} already stored, "
        f"[{'red' if summary.failures else 'green'}]{len(summary.failures)} failed[/] "
        f"in {summary.seconds:.1f} s"
        + (f"; outputs: {', '.join(summary.outputs)}" if summary.outputs and output != "-" else "")
        + (f"; store: {store}" if store else "")
    )
    if summary.not_reports:
        console.print(
            f"[yellow]not rule-of-law reports (is_report=false):[/] {', '.join(summary.not_reports)}"
        )
    if summary.ignored:
        shown = ", ".join(summary.ignored[:5]) + (" …" if len(summary.ignored) > 5 else "")
        console.print(f"[dim]{len(summary.ignored)} file(s) in the folders are not report files: {shown}[/]")
    for f in summary.failures:
        console.print(f"{f.code} {f.message}", style="red", markup=False, highlight=False, soft_wrap=True)
    return 1 if summary.failures else 0


@app.command()
def export(
    store: Path = typer.Argument(..., help="The DuckDB store written by `extract --store`."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for one file per table."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet | csv"),
) -> int:
    """Export the store's tables (reports, sections, indicators, plans, failures) to Parquet or CSV."""
    from ..store import Store

    if fmt not in ("parquet", "csv"):
        raise typer.BadParameter(f"--format must be parquet or csv, not {fmt!r}")
    if not store.is_file():
        raise typer.BadParameter(
            f"{store}: no such store; create it with `fzanalyzer extract DIR --store {store}`"
        )
    with Store(store, read_only=True) as st:
        for path in st.export(output, fmt):
            typer.echo(path)
    return 0
