"""``fzanalyzer train-topics``: rebuild the level-2 topic classifier from its training data."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command("train-topics")
def train_topics(
    data: Path | None = typer.Option(
        None,
        "--data",
        help="Training TSV (topic, heading, first_sentence); default: the package's data/topics/train.tsv.",
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        help="Model JSON to write (the installed package's model is never overwritten).",
    ),
    seed: int = typer.Option(
        0, "--seed", help="Random seed (fixed: a rebuild on the same machine is identical)."
    ),
    folds: int = typer.Option(5, "--folds", help="Folds of the stratified cross-validation."),
) -> int:
    """Fit the char n-gram TF-IDF + logistic-regression topic model; print its k-fold accuracy."""
    from ..segment.topics import load_training_data, train

    if data is not None and not data.exists():
        raise typer.BadParameter(f"{data}: no such file", param_hint="--data")
    n = len(load_training_data(data))
    _, acc, path = train(out=output, data=data, seed=seed, folds=folds)
    typer.echo(f"{n} examples; {folds}-fold cross-validated accuracy {acc:.3f}; model written to {path}")
    return 0
