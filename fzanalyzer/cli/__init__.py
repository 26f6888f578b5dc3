"""The command line: a thin layer over the library.

Each command lives in its own module in this package and registers itself on ``app``;
heavy libraries are imported inside the command bodies, so ``fzanalyzer --help`` is instant.
Library errors (``FzError``) become one-line messages with their code and exit status 2.
"""

from __future__ import annotations

import importlib
import sys

import typer

app = typer.Typer(
    name="fzanalyzer",
    help="Read Chinese governments' annual rule-of-law reports (法治政府建设情况报告) into evidence: "
    "normalized text, metadata, sections, indicators, plans, audits and comparisons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: typer's rich help formatter imports rich's markdown, syntax and pygments (about
    # 0.3 s, most of the start-up time of `fzanalyzer --help`).
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"fzanalyzer {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Options of the command itself (the commands are below)."""


# One module per command (or small group); add yours here.
COMMAND_MODULES = [
    "extract",
    "evaluate",
    "bench",
    "audit",
    "outline",
    "train_topics",
    "indicators",
    "train_ner",
    "reuse",
    "fetch",
    "manifest",
    "similar",
    "panel",
]

for _name in COMMAND_MODULES:
    importlib.import_module(f"{__name__}.{_name}")


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that every ``finally`` runs: worker pools are shut
    down (no orphaned workers) and what finished is kept. Not an ``Exception``: nothing may
    swallow it."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


#: The one line a Ctrl-C prints, wherever it lands.
INTERRUPTED = "interrupted (Ctrl-C); with --store, the same command resumes where it stopped"


def interrupted_query(exc: BaseException) -> bool:
    """Ctrl-C that arrived while DuckDB ran a query: DuckDB takes the signal itself and raises
    ``RuntimeError: Query interrupted`` (or its ``InterruptException``), not KeyboardInterrupt.

    >>> interrupted_query(RuntimeError("Query interrupted")), interrupted_query(RuntimeError("disk full"))
    (True, False)
    """
    return type(exc).__name__ == "InterruptException" or (
        isinstance(exc, RuntimeError) and str(exc).strip() == "Query interrupted"
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``main(["extract", "corpora"])`` works from tests."""
    import signal
    import threading

    from ..errors import FzError

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        rc = app(args=argv, standalone_mode=False)
    except Terminated:
        typer.echo("terminated (SIGTERM); with --store, the same command resumes where it stopped", err=True)
        return 128 + signal.SIGTERM
    except FzError as exc:
        from ..safecell import for_terminal

        typer.echo(f"error: {for_terminal(exc)}", err=True)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        rc = 130
    except Exception as exc:
        if interrupted_query(exc):  # Ctrl-C during a store write: the same clean exit as elsewhere
            typer.echo(INTERRUPTED, err=True)
            return 130
        # Usage errors: typer bundles its own click, so check both exception families.
        import click

        bundled = getattr(getattr(typer, "_click", None), "exceptions", None)
        families = (click.ClickException, *((bundled.ClickException,) if bundled else ()))
        if isinstance(exc, families):
            exc.show()
            return exc.exit_code
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if rc == 130:  # typer's answer to Ctrl-C (KeyboardInterrupt)
        typer.echo(INTERRUPTED, err=True)
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
