"""``fzanalyzer manifest``: what a manifest of report addresses holds, before fetching it."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command()
def manifest(
    path: Path = typer.Argument(..., help="Manifest CSV (columns: id, url, issuer, level, year_covered …)."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> int:
    """Count a manifest's entries by level, province and year, and list the issuers with
    reports for three or more consecutive years."""
    import json
    from dataclasses import asdict

    from ..collect.manifest import read_manifest, summarize

    if not path.is_file():
        raise typer.BadParameter(f"{path}: no such file", param_hint="PATH")
    s = summarize(read_manifest(path))
    if as_json:
        typer.echo(json.dumps(asdict(s), ensure_ascii=False, indent=1))
        return 0
    typer.echo(f"{s.entries} entries, {s.issuers} issuers, {s.with_attachment} with an attachment address")
    for key, counts in (("levels", s.levels), ("provinces", s.provinces), ("years", s.years)):
        typer.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    typer.echo(f"{len(s.series_3plus)} issuers with 3 or more consecutive years:")
    for issuer, years in s.series_3plus.items():
        typer.echo(f"  {issuer}: {', '.join(map(str, years))}")
    return 0
