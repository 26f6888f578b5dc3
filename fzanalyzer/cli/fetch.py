"""``fzanalyzer fetch``: download the reports of a manifest, politely and resumably."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command()
def fetch(
    manifest: Path = typer.Argument(
        ..., help="CSV with a header row: id, url[, attachment_url, issuer, year_covered …]."
    ),
    out: Path = typer.Option(
        ..., "--out", "-o", help="Folder for the files, their .fetch.json sidecars and fetch-log.csv."
    ),
    delay: float | None = typer.Option(
        None, "--delay", help="Seconds between two requests to one host (default 2)."
    ),
    timeout: float | None = typer.Option(
        None, "--timeout", help="Seconds to wait for an answer (default 30)."
    ),
    retries: int | None = typer.Option(
        None, "--retries", help="Retries on 429, 5xx and timeouts (default 3)."
    ),
    no_attachments: bool = typer.Option(
        False, "--no-attachments", help="Do not follow links to PDF/DOC/DOCX/WPS."
    ),
    refresh: bool = typer.Option(
        False, "--refresh", help="Ask again for files fetched before without validators."
    ),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar."),
) -> int:
    """Fetch every address of MANIFEST into OUT; a re-run makes only conditional requests.

    robots.txt is honoured, one request at a time per host with a delay, 429/5xx retried with
    backoff. Every failure is listed with its code; the run goes on and exits 1 at the end.
    Then: `fzanalyzer extract OUT --store fz.duckdb`.
    """
    from rich.console import Console
    from rich.progress import Progress

    from ..collect import FetchSettings
    from ..collect import fetch as run_fetch
    from ..collect.manifest import read_manifest

    if not manifest.is_file():
        raise typer.BadParameter(f"{manifest}: no such file", param_hint="MANIFEST")
    settings = FetchSettings(attachments=not no_attachments, refresh=refresh)
    if delay is not None:
        settings.delay = delay
    if timeout is not None:
        settings.timeout = timeout
    if retries is not None:
        settings.retries = retries
    entries = read_manifest(manifest)
    console = Console(stderr=True)
    with Progress(console=console, disable=no_progress, transient=True) as bar:
        task = bar.add_task("fetching", total=len(entries))

        def advance(row: dict) -> None:
            if row["role"] == "page":
                bar.advance(task)

        log = run_fetch(entries, out, settings=settings, progress=advance)
    counts = log["outcome"].value_counts().to_dict()
    flagged = log[log["code"].notna() & (log["outcome"] != "failed")]
    failed = log[log["outcome"] == "failed"]
    console.print(
        f"{len(entries)} addresses: {counts.get('fetched', 0)} fetched, {counts.get('not_modified', 0)} unchanged, "
        f"{counts.get('cached', 0)} cached, [{'red' if len(failed) else 'green'}]{len(failed)} failed[/]; "
        f"files and fetch-log.csv in {out}"
    )
    for row in [*failed.itertuples(), *flagged.itertuples()]:
        console.print(f"{row.code} {row.message}", style="red", markup=False, highlight=False, soft_wrap=True)
    return 1 if len(failed) else 0
