"""``fzanalyzer reuse``: passages reused between reports (same government across years, or
between governments)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from . import app
from .options import DASK_WORKERS, SCHEDULER

_FORMATS = ("json", "html")


@app.command()
def reuse(
    inputs: list[Path] = typer.Argument(
        ...,
        help="Report files or folders (walked), .jsonl files written by `fzanalyzer extract`, or one "
        "Parquet dataset (`extract --dataset DIR`; with --scheduler/--dask-workers the tasks read it).",
    ),
    fmt: str = typer.Option("json", "--format", "-f", help="json | html"),
    output: str = typer.Option("-", "--output", "-o", help="Output file (- for stdout, json only)."),
    min_chars: int = typer.Option(50, "--min-chars", help="Shortest passage reported (characters)."),
    threshold: float = typer.Option(0.7, "--threshold", help="Lowest similarity of a passage (0-1)."),
    include_boilerplate: bool = typer.Option(
        False, "--include-boilerplate", help="Also report stock passages most governments share."
    ),
    sections: bool = typer.Option(
        False, "--sections", help="Analyse report files fully, so each passage names its section and part."
    ),
    scheduler: str | None = SCHEDULER,
    dask_workers: int | None = DASK_WORKERS,
    include_duplicates: bool = typer.Option(
        False,
        "--include-duplicates",
        help="Keep copies of one report (traditional copy, repost, PDF + web page).",
    ),
) -> int:
    """Find every passage of at least --min-chars characters reused verbatim or near-verbatim
    between two of the inputs, with exact spans on both sides.

    Files that cannot be read are listed with their error code; the run goes on and exits 1.
    """
    from ..reuse.passages import find_reuse

    if fmt not in _FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(_FORMATS)}")
    if fmt == "html" and output == "-":
        raise typer.BadParameter("--format html needs --output FILE")
    if not 0 < threshold <= 1:
        raise typer.BadParameter("--threshold must be in (0, 1]")
    if output != "-":  # before the run: never into an input, nor a folder that cannot be written
        from ..destinations import check_destinations

        check_destinations([Path(output)], inputs=inputs, force=True)
    from ..scale.dataset import is_dataset

    dataset = inputs[0] if len(inputs) == 1 and is_dataset(inputs[0]) else None
    if dataset is not None and (scheduler or dask_workers):
        # the large-corpus path: the tasks read the texts, the client only the metadata; a
        # dataset's reports are taken as stored (no copies left out), as on one machine below
        from ..scale.cluster import dask_client
        from ..scale.reuse import find_reuse_dataset

        with dask_client(scheduler, dask_workers) as client:
            pairs = (
                find_reuse_dataset(
                    dataset,
                    client,
                    min_chars=min_chars,
                    threshold=threshold,
                    include_boilerplate=include_boilerplate,
                )
                if client is not None
                else []
            )
        return _write(pairs, dataset, fmt, output, min_chars, threshold, include_boilerplate, [])
    reports, failed = _read(inputs, dataset, sections)
    failures = [f"{f.code} {f.message}" for f in failed]
    if not include_duplicates and dataset is None:
        from ..reuse.duplicates import find_duplicates

        dup = find_duplicates(reports)
        for rid, kept in dup.items():
            typer.echo(f"{rid}: a copy of {kept}, left out (--include-duplicates keeps it)", err=True)
        reports = [r for r in reports if r.id not in dup]
    from ..scale.cluster import dask_client

    with dask_client(scheduler, dask_workers) as client:
        if client is None:
            pairs = find_reuse(
                reports, min_chars=min_chars, threshold=threshold, include_boilerplate=include_boilerplate
            )
        else:
            from ..scale.reuse import find_reuse_dask

            pairs = find_reuse_dask(
                reports,
                client,
                min_chars=min_chars,
                threshold=threshold,
                include_boilerplate=include_boilerplate,
            )
    return _write(pairs, reports, fmt, output, min_chars, threshold, include_boilerplate, failures)


def _read(inputs: list[Path], dataset: Path | None, sections: bool) -> tuple[list[Any], list[Any]]:
    """The reports of the inputs (a dataset's in its stored order), and the failures."""
    if dataset is not None:
        from ..scale.dataset import read_reports as read_dataset
        from ..scale.dataset import table_files

        return read_dataset(dataset, table_files(dataset, "reports")), []
    from ..inputs import read_reports

    return read_reports(inputs, analyze=sections)


def _write(
    pairs: list[Any],
    reports: list[Any] | Path,
    fmt: str,
    output: str,
    min_chars: int,
    threshold: float,
    include_boilerplate: bool,
    failures: list[str],
) -> int:
    from ..reuse.passages import render_html, reuse_json

    if fmt == "json":
        text = json.dumps(reuse_json(pairs), ensure_ascii=False, indent=1)
        if output == "-":
            typer.echo(text)
        else:
            Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        if isinstance(reports, Path):  # a dataset: the page quotes the texts, read them here
            reports = _read([reports], reports, False)[0]
        html = render_html(
            pairs, reports, min_chars=min_chars, threshold=threshold, include_boilerplate=include_boilerplate
        )
        Path(output).write_text(html, encoding="utf-8")
    n_pairs = len({(p.a, p.b) for p in pairs})
    typer.echo(
        f"{'a dataset' if isinstance(reports, Path) else len(reports)} reports: "
        f"{len(pairs)} reused passages in {n_pairs} pairs of reports",
        err=True,
    )
    from ..safecell import for_terminal

    for f in failures:
        typer.echo(for_terminal(f), err=True)
    return 1 if failures else 0
