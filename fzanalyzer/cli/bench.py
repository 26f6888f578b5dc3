"""``fzanalyzer bench``: speed and memory, as ratios to a baseline measured in the same run."""

from __future__ import annotations

import typer

from . import app
from .tables import show_table


@app.command()
def bench(
    quick: bool = typer.Option(False, "--quick", help="Smaller inputs (a smoke run)."),
    only: str | None = typer.Option(None, "--only", help="Comma-separated bench modules to run."),
    large: bool = typer.Option(False, "--large", help="Also the 20 MB report of `scaling` (minutes)."),
    fresh: bool = typer.Option(
        False, "--fresh", help="`scale`: measure every step again instead of resuming from its log."
    ),
) -> int:
    """Print throughput, peak memory and ratios against bare library calls on the same inputs."""
    import importlib
    import inspect

    from rich.console import Console

    from ..bench import BENCH_MODULES

    names = [n.strip() for n in only.split(",")] if only else BENCH_MODULES
    unknown = set(names) - set(BENCH_MODULES)
    if unknown:
        raise typer.BadParameter(f"unknown bench module(s) {sorted(unknown)}; choose from {BENCH_MODULES}")
    console = Console()
    rows = []
    for name in names:
        module = importlib.import_module(f"fzanalyzer.bench.{name}")
        params = inspect.signature(module.run).parameters
        extra = {k: v for k, v in (("large", large), ("fresh", fresh)) if k in params}
        for row in module.run(quick=quick, **extra):
            # each row as soon as it is measured (a long run can be followed in its output file)
            console.print(
                f"{name}: {row.name}: {row.seconds:.1f} s; {row.note}", highlight=False, soft_wrap=True
            )
            console.file.flush()
            rows.append(
                [
                    name,
                    row.name,
                    str(row.items),
                    f"{row.seconds:.3f}",
                    f"{row.rate:,.0f} {row.unit}/s",
                    row.baseline or "",
                    f"{row.ratio:.2f}" if row.ratio is not None else "",
                    f"{row.peak_mb:.1f}" if row.peak_mb is not None else "",
                    row.note,
                ]
            )
        console.print(f"[dim]{name} done[/]")
    show_table(
        "fzanalyzer bench" + (" (quick)" if quick else ""),
        ("bench", "what", "items", "seconds", "rate", "baseline", "ratio", "peak MB", "note"),
        rows,
        right={"items", "seconds", "rate", "ratio", "peak MB"},
        wide={"what", "baseline", "note"},
        console=console,
    )
    return 0
