"""``fzanalyzer reuse``: passages reused between reports (same government across years, or
between governments)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app
from .options import DASK_WORKERS, SCHEDULER

_FORMATS = ("json", "html")


@app.command()
def reuse(
    inputs: list[Path] = typer.Argument(
        ..., help="Report files or folders (walked), or .jsonl files written by `fzanalyzer extract`."
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
    from ..reuse.passages import find_reuse, render_html, reuse_json

    if fmt not in _FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(_FORMATS)}")
    if fmt == "html" and output == "-":
        raise typer.BadParameter("--format html needs --output FILE")
    if not 0 < threshold <= 1:
        raise typer.BadParameter("--threshold must be in (0, 1]")
    if output != "-":  # before the run: never into an input, nor a folder that cannot be written
        from ..destinations import check_destinations

        check_destinations([Path(output)], inputs=inputs, force=True)
    from ..inputs import read_reports

    reports, failed = read_reports(inputs, analyze=sections)
    failures = [f"{f.code} {f.message}" for f in failed]
    if not include_duplicates:
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
    if fmt == "json":
        text = json.dumps(reuse_json(pairs), ensure_ascii=False, indent=1)
        if output == "-":
            typer.echo(text)
        else:
            Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        html = render_html(
            pairs, reports, min_chars=min_chars, threshold=threshold, include_boilerplate=include_boilerplate
        )
        Path(output).write_text(html, encoding="utf-8")
    n_pairs = len({(p.a, p.b) for p in pairs})
    typer.echo(
        f"{len(reports)} reports: {len(pairs)} reused passages in {n_pairs} pairs of reports", err=True
    )
    from ..safecell import for_terminal

    for f in failures:
        typer.echo(for_terminal(f), err=True)
    return 1 if failures else 0
