"""``fzanalyzer bench``: speed and memory, as ratios to a baseline measured in the same run."""

from __future__ import annotations

import typer

from . import app


@app.command()
def bench(
    quick: bool = typer.Option(False, "--quick", help="Smaller inputs (a smoke run)."),
    only: str | None = typer.Option(None, "--only", help="Comma-separated bench modules to run."),
    large: bool = typer.Option(False, "--large", help="Also the 20 MB report of `scaling` (minutes)."),
) -> int:
    """Print throughput, peak memory and ratios against bare library calls on the same inputs."""
    import importlib
    import inspect

    from rich.console import Console
    from rich.table import Table

    from ..bench import BENCH_MODULES

    names = [n.strip() for n in only.split(",")] if only else BENCH_MODULES
    unknown = set(names) - set(BENCH_MODULES)
    if unknown:
        raise typer.BadParameter(f"unknown bench module(s) {sorted(unknown)}; choose from {BENCH_MODULES}")
    console = Console()
    table = Table(title="fzanalyzer bench" + (" (quick)" if quick else ""))
    for col in ("bench", "what", "items", "seconds", "rate", "baseline", "ratio", "peak MB", "note"):
        table.add_column(
            col, justify="right" if col in ("items", "seconds", "rate", "ratio", "peak MB") else "left"
        )
    for name in names:
        module = importlib.import_module(f"fzanalyzer.bench.{name}")
        extra = {"large": large} if "large" in inspect.signature(module.run).parameters else {}
        for row in module.run(quick=quick, **extra):
            table.add_row(
                name,
                row.name,
                str(row.items),
                f"{row.seconds:.3f}",
                f"{row.rate:,.0f} {row.unit}/s",
                row.baseline or "",
                f"{row.ratio:.2f}" if row.ratio is not None else "",
                f"{row.peak_mb:.1f}" if row.peak_mb is not None else "",
                row.note,
            )
        console.print(f"[dim]{name} done[/]")
    console.print(table)
    return 0
