"""``fzanalyzer panel``: the indicator panel (issuer × year × codebook code) as files for analysis."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .options import DASK_WORKERS, SCHEDULER

_FORMATS = ("csv", "parquet", "xlsx", "dta")


@app.command()
def panel(
    inputs: list[Path] = typer.Argument(
        ...,
        help="Report files or folders (walked), .jsonl files from `fzanalyzer extract`, or a .duckdb store.",
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="Output file (the long table); others beside it."
    ),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | parquet | xlsx | dta"),
    by: str = typer.Option("code", "--by", help="Key rows by codebook code (default) or by name only."),
    targets: bool = typer.Option(False, "--targets", help="Also the plan part's targets (kind 'target')."),
    include_duplicates: bool = typer.Option(
        False,
        "--include-duplicates",
        help="Keep copies of one report (traditional copy, repost, PDF + web page).",
    ),
    scheduler: str | None = SCHEDULER,
    dask_workers: int | None = DASK_WORKERS,
) -> int:
    """Write the indicator panel: the long table (one row per indicator mention, with its code,
    kind and link) to OUTPUT, the wide table (levels, one column per year) and the codebook
    entries used beside it (csv, parquet, dta: <stem>.wide.<ext>, <stem>.codebook.<ext>; xlsx:
    three sheets). CSV is UTF-8 with a BOM (Excel opens it); dta is Stata 118 with Chinese
    variable labels. Files that cannot be read are listed with their code; exit status 1 then.
    """
    from ..compare.panel import export_panel
    from ..compare.panel import panel as build_panel

    if fmt not in _FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(_FORMATS)}")
    if by not in ("code", "name"):
        raise typer.BadParameter("--by must be code or name")
    for p in inputs:
        if not p.exists():
            raise typer.BadParameter(f"{p}: no such file or folder", param_hint="INPUTS")
    from ..inputs import read_reports
    from ..scale.cluster import dask_client

    with dask_client(scheduler, dask_workers) as client:
        reports, failures = read_reports(inputs, client=client)
    long = build_panel(reports, include_targets=targets, include_duplicates=include_duplicates, by=by)
    written = export_panel(long, output, fmt)
    coded = int(long["code"].notna().sum()) if not long.empty else 0
    typer.echo(
        f"{len(long)} indicator rows from {long['report_id'].nunique() if not long.empty else 0} reports "
        f"({coded} with a codebook code) → " + ", ".join(str(p) for p in written)
    )
    for f in failures:
        typer.echo(f"failed: {f.source}: {f.code} {f.message}", err=True)
    return 1 if failures else 0
