"""``fzanalyzer train-ner``: rebuild the indicator-subject NER from its training data."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app


@app.command("train-ner")
def train_ner(
    data: Path | None = typer.Option(
        None, "--data", help="Training JSONL (text, spans); default: the package's data/ner/train.jsonl."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Model folder to write (required when training: the installed package's model is never overwritten).",
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        help="Random seed (default from data/ner/config.json). A rebuild on the same machine is identical; "
        "on another CPU or library build the scores agree within a few hundredths.",
    ),
    n_iter: int | None = typer.Option(
        None, "--iter", help="Training epochs (default from data/ner/config.json)."
    ),
    silver: Path | None = typer.Option(
        None,
        "--silver",
        help="Instead of training, write silver examples (rule subjects) for the sentences in "
        "data/ner/sentences.txt to this JSONL file, for correction by hand.",
    ),
) -> int:
    """Train the SUBJ recognizer (spaCy ner on jieba tokens); print held-out precision/recall/F."""
    import json

    from ..extract.nlp import read_sentences
    from ..extract.nlp import silver as make_silver
    from ..extract.nlp import train_ner as fit

    if silver is not None:
        rows = make_silver(read_sentences())
        silver.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        typer.echo(f"{len(rows)} silver examples written to {silver}")
        return 0
    if data is not None and not data.exists():
        raise typer.BadParameter(f"{data}: no such file", param_hint="--data")
    if output is None:
        raise typer.BadParameter(
            "name the folder to write the model to, e.g. --output models/ner "
            "(training never overwrites the installed package's model)",
            param_hint="--output",
        )
    path, scores = fit(data=data, out=output, seed=seed, n_iter=n_iter)
    typer.echo(
        f"held-out P {scores['ents_p']:.3f} R {scores['ents_r']:.3f} F {scores['ents_f']:.3f}; "
        f"model written to {path}"
    )
    return 0
