"""``fzanalyzer similar``: each report's most similar reports (top-k, in blocks)."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .options import DASK_WORKERS, SCHEDULER


@app.command()
def similar(
    inputs: list[Path] = typer.Argument(
        ...,
        help="Report files or folders (walked), .jsonl outputs of `extract`, DuckDB stores, or one Parquet "
        "dataset (`extract --dataset DIR`; with --scheduler/--dask-workers the tasks read it).",
    ),
    k: int = typer.Option(10, "--top-k", "-k", help="Neighbours per report."),
    output: str = typer.Option("-", "--output", "-o", help="CSV file (- for stdout)."),
    scheduler: str | None = SCHEDULER,
    dask_workers: int | None = DASK_WORKERS,
) -> int:
    """The k most similar other reports of every input (character n-gram TF-IDF, cosine), as a
    long table report_id, rank, other, similarity. Memory grows with the number of reports, never
    with its square; with --scheduler or --dask-workers the work runs on a Dask cluster.

    Files that cannot be read are listed with their error code; the run goes on and exits 1.
    """
    import sys

    from ..inputs import read_reports
    from ..scale.cluster import dask_client
    from ..scale.neighbours import top_k

    if k < 1:
        raise typer.BadParameter("--top-k must be at least 1")
    from ..scale.dataset import is_dataset

    dataset = inputs[0] if len(inputs) == 1 and is_dataset(inputs[0]) else None
    failures: list[str] = []
    with dask_client(scheduler, dask_workers) as client:
        if dataset is not None and client is not None:  # the tasks read the texts
            from ..scale.neighbours import top_k_dataset

            table = top_k_dataset(dataset, client, k=k)
            names = list(table["report_id"].unique())
        else:
            if dataset is not None:
                from ..scale.dataset import read_reports as read_dataset
                from ..scale.dataset import table_files

                reports = read_dataset(dataset, table_files(dataset, "reports"))
            else:
                reports, failed = read_reports(inputs, analyze=False)
                failures = [f"{f.code} {f.message}" for f in failed]
            texts, names = [r.text for r in reports], [r.id for r in reports]
            table = top_k(texts, names, k=k, client=client)
    if output == "-":
        table.to_csv(sys.stdout, index=False)
    else:
        from ..export import write_csv

        write_csv(table, Path(output))
        typer.echo(f"{len(table)} rows for {len(names)} reports written to {output}", err=True)
    for f in failures:
        typer.echo(f, err=True)
    return 1 if failures else 0
