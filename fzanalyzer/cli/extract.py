"""``fzanalyzer extract`` and ``fzanalyzer export``."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .options import DASK_WORKERS, SCHEDULER


@app.command()
def extract(
    inputs: list[Path] = typer.Argument(..., help="Report files or folders (walked recursively)."),
    output: str | None = typer.Option(None, "--output", "-o", help="Output file, or - for stdout."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | csv | parquet"),
    store: Path | None = typer.Option(None, "--store", help="DuckDB file; re-runs skip stored files."),
    workers: int | None = typer.Option(None, "--workers", "-w", help="Worker processes (default: cores)."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the normalized text out of the output."),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar."),
    dataset: Path | None = typer.Option(
        None, "--dataset", help="Also write a Parquet dataset partitioned by year (for large corpora)."
    ),
    scheduler: str | None = SCHEDULER,
    dask_workers: int | None = DASK_WORKERS,
    force: bool = typer.Option(False, "--force", help="Replace output files that exist."),
    reports_only: bool = typer.Option(
        False,
        "--reports-only",
        help="Write only documents that are rule-of-law reports (is_report) to --output and --dataset; "
        "the others are counted and listed. The store keeps every document.",
    ),
    file_timeout: float | None = typer.Option(
        None,
        "--file-timeout",
        help="Seconds one file may take before it is stopped and listed as failure E052 "
        "(default 600, fzanalyzer.limits.FILE_TIMEOUT_S; 0: no limit).",
    ),
) -> int:
    """Extract reports: normalized text, metadata, sections, indicators and plans.

    Every file that fails is listed with its error code; the run goes on and exits 1 at the end.
    With --store, files already stored are not extracted again and the output still holds every
    report (read back from the store). The output is written under a temporary name and renamed
    when the run is complete.
    """
    from rich.console import Console
    from rich.markup import escape

    from ..jobs import extract as run_extract
    from ..safecell import for_terminal  # names and messages come from file names
    from ..scale.cluster import dask_client

    def esc(s: object) -> str:
        return escape(for_terminal(s))  # nor may a name like "[red]" be read as rich markup

    if output is None and store is None and dataset is None:
        output = "-"
    console = Console(stderr=True)
    with dask_client(scheduler, dask_workers) as client:
        summary = run_extract(
            inputs,
            output=output,
            fmt=fmt,
            store=store,
            workers=workers,
            include_text=not no_text,
            progress=not no_progress,
            dataset=dataset,
            client=client,
            file_timeout=file_timeout,
            force=force,
            reports_only=reports_only,
        )
    console.print(
        f"[bold]{summary.processed}[/] extracted, {summary.skipped} already stored, "
        f"[{'red' if summary.failures else 'green'}]{len(summary.failures)} failed[/] "
        f"in {summary.seconds:.1f} s" + (f"; store: {esc(store)}" if store else "")
    )
    if summary.outputs and output != "-":
        held = summary.processed + summary.read_back - len(summary.left_out_processed)
        what = (
            f"{held} report{'' if held == 1 else 's'} ({len(summary.left_out)} other documents left out)"
            if summary.left_out
            else f"all {held} report{'' if held == 1 else 's'} asked for"
        )
        console.print(
            f"{esc(', '.join(summary.outputs))}: {what}"
            + (f" ({summary.read_back} read back from the store)" if summary.read_back else ""),
            soft_wrap=True,
        )
    if summary.left_out:
        n = len(summary.left_out)
        console.print(
            f"[yellow]{n} document{'' if n == 1 else 's'} left out of the outputs (--reports-only: "
            f"is_report=false):[/] {esc(', '.join(summary.left_out))}",
            highlight=False,
        )
    elif summary.not_reports:
        console.print(
            f"[yellow]not rule-of-law reports (is_report=false):[/] {esc(', '.join(summary.not_reports))}",
            highlight=False,
        )
    if summary.ignored:
        shown = esc(", ".join(summary.ignored[:5])) + (" …" if len(summary.ignored) > 5 else "")
        console.print(
            f"[dim]{len(summary.ignored)} file(s) in the folders are not report files: {shown}[/]",
            soft_wrap=True,
        )
    for f in summary.failures:
        console.print(
            f"{f.code} {for_terminal(f.message)}", style="red", markup=False, highlight=False, soft_wrap=True
        )
    return 1 if summary.failures else 0


@app.command()
def export(
    store: Path = typer.Argument(..., help="The DuckDB store written by `extract --store`."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for one file per table."),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet | csv"),
    force: bool = typer.Option(False, "--force", help="Replace table files that exist in the folder."),
) -> int:
    """Export the store's tables (reports, sections, indicators, plans, failures) to Parquet or CSV."""
    from ..destinations import check_destinations
    from ..store import TABLES, Store

    if fmt not in ("parquet", "csv"):
        raise typer.BadParameter(f"--format must be parquet or csv, not {fmt!r}")
    if not store.is_file():
        raise typer.BadParameter(
            f"{store}: no such store; create it with `fzanalyzer extract DIR --store {store}`"
        )
    check_destinations([output], inputs=[store], folders=True)
    if output.is_dir():
        check_destinations([output / f"{t}.{fmt}" for t in TABLES], inputs=[store], force=force)
    with Store(store, read_only=True) as st:
        for path in st.export(output, fmt):
            typer.echo(path)
    return 0
