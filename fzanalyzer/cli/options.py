"""Options shared by several commands (one definition, one help text)."""

from __future__ import annotations

import typer

#: Run on a Dask cluster: the scheduler's address.
SCHEDULER = typer.Option(
    None, "--scheduler", help="Run on a Dask cluster: the scheduler's address (tcp://HOST:8786)."
)
#: Run on a local Dask cluster started for the run.
DASK_WORKERS = typer.Option(
    None, "--dask-workers", help="Run on a local Dask cluster of N worker processes started for the run."
)
