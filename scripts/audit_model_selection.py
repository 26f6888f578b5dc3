"""Model selection for the follow-through combiner by leaving one annotator set out (issue 11).

How the verdict is learned, never the matching rules: regularization and class weights of the
evidence and stage regressions, the decision thresholds (fitted inside each training fold or
fixed), which evidence signals the model may weigh (groups ablated), the verdict calibration
and another learner (HistGradientBoosting). Each change is scored against the current settings
by ``leave_one_pair_out(by_set=True)``: every set is judged by a combiner fitted on the cases and
the other sets only, its confidence calibrated on the other sets' out-of-set verdicts.

A change is kept when it raises the mean out-of-set accuracy over the sets AND lowers no more
than two sets. ``--stepwise`` then adds the kept changes one at a time (the best first, one
value per setting), each kept only if it still passes against the settings so far. Never pass a
held-out folder (``audit-holdout*``, ``tests/data/holdout``).

Usage::

    python3 scripts/audit_model_selection.py tests/data/dev tests/data/audit-dev ... [--stepwise] [--json OUT]
    python3 scripts/audit_model_selection.py SETS ... --only match_c=0.3,stage_threshold=fit

Run from the repository root (``python3 scripts/...``: the working copy is imported).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fzanalyzer.audit import followthrough as ft
from fzanalyzer.audit.combiner import TRAINING, FitSettings, gold_pairs, leave_one_pair_out

#: Groups of evidence signals ablated together (the model may not weigh them).
GROUPS = {
    "lexical": ("tfidf", "cover", "cover_clause", "cover_gap"),
    "title": ("title",),
    "conflicts": ("conflict", "actor", "mod_conflict"),
    "heading": ("context", "same_topic"),
    "object": ("obj_cover", "obj_words", "obj_gap", "concept"),
    "number": ("number",),
    "concrete": ("concrete",),
    "taken": ("taken",),
}

#: One change at a time: (name, setting, value). ``fit`` for a threshold: fitted in the fold.
CHANGES: list[tuple[str, str, Any]] = [
    *[(f"match_c={c}", "match_c", c) for c in (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)],
    ("match_class_weight=balanced", "match_class_weight", "balanced"),
    *[(f"stage_c={c}", "stage_c", c) for c in (0.1, 0.3, 3.0)],
    ("stage_class_weight=balanced", "stage_class_weight", "balanced"),
    *[(f"hard_negatives={n}", "hard_negatives", n) for n in (10, 60)],
    ("threshold_on=gold", "threshold_on", "gold"),
    ("stage_threshold=fit", "stage_threshold", None),
    *[(f"ablate={g}", "ablate", cols) for g, cols in GROUPS.items()],
    ("verdict=raw+logit", "verdict_features", ("raw", "logit")),
    ("verdict=logit", "verdict_features", ("logit",)),
    ("verdict=logit+kinds", "verdict_features", ("logit", "not_reported", "restated")),
    ("verdict=raw+logit+kinds", "verdict_features", ("raw", "logit", "not_reported", "restated")),
    ("verdict_c=0.1", "verdict_c", 0.1),
    ("learner=hgb", "learner", "hgb"),
]

FIGS = ("status_acc", "status_macroF1", "evidence_hit", "not_reported_precision", "ECE")


def _memoize_judging() -> None:
    """The audit's candidates and pair signals do not depend on the combiner: compute them once
    per report pair for all settings (only the fitted models change between runs)."""
    cands, scorers = ft.candidates, ft._scorer
    seen_c: dict[int, Any] = {}
    seen_s: dict[Any, Any] = {}

    def candidates(report: Any) -> Any:
        if id(report) not in seen_c:
            seen_c[id(report)] = (report, cands(report))
        return seen_c[id(report)][1]

    def scorer(plans: list[Any], cs: list[Any], enc: Any) -> Any:
        key = (
            tuple((p.text, p.target, p.object, p.topic) for p in plans),
            tuple((c.text, c.context, c.part, c.topic) for c in cs),
            id(enc),
        )
        if key not in seen_s:
            seen_s[key] = scorers(plans, cs, enc)
        return seen_s[key]

    ft.candidates = candidates  # type: ignore[assignment]
    ft._scorer = scorer  # type: ignore[assignment]


def run(pairs: list[Any], enc: str | None, settings: FitSettings, caches: dict[Any, Any]) -> dict[str, Any]:
    """Leave one set out with ``settings``: per-set and pooled figures."""
    cache = caches.setdefault(settings.hard_negatives, {})
    res = leave_one_pair_out(pairs, enc, path=TRAINING, by_set=True, settings=settings, cache=cache)
    sets = {r["set"]: {f: r[f"followthrough.{f}"] for f in FIGS} | {"n": r["n"]} for r in res["sets"]}
    pooled = {f: res["figures"][f"followthrough.{f}"] for f in FIGS}
    return {"sets": sets, "pooled": pooled, "mean_acc": mean(s["status_acc"] for s in sets.values())}


def verdict(new: dict[str, Any], base: dict[str, Any]) -> tuple[bool, int]:
    """Kept: the mean out-of-set accuracy rises and at most two sets are lower. A change that
    moves no verdict (the calibration's) is kept when it lowers the mean per-set ECE."""
    lower = sum(new["sets"][s]["status_acc"] < base["sets"][s]["status_acc"] - 1e-9 for s in base["sets"])
    same = all(abs(new["sets"][s]["status_acc"] - base["sets"][s]["status_acc"]) < 1e-9 for s in base["sets"])
    if same:
        return _mean_ece(new) < _mean_ece(base) - 1e-9, 0
    return new["mean_acc"] > base["mean_acc"] + 1e-9 and lower <= 2, lower


def _mean_ece(r: dict[str, Any]) -> float:
    return mean(v["ECE"] for v in r["sets"].values() if v["ECE"] is not None)


def _f(v: float | None) -> str:
    return "–" if v is None else f"{v:.3f}"


def table(name: str, r: dict[str, Any], base: dict[str, Any] | None) -> str:
    head = f"### {name}\n\n| set | n | " + " | ".join(FIGS) + " |\n|" + " --- |" * (len(FIGS) + 2)
    rows = [f"| {s} | {v['n']} | " + " | ".join(_f(v[f]) for f in FIGS) + " |" for s, v in r["sets"].items()]
    rows.append("| pooled | | " + " | ".join(_f(r["pooled"][f]) for f in FIGS) + " |")
    tail = f"\nmean out-of-set accuracy {r['mean_acc']:.3f}, mean per-set ECE {_mean_ece(r):.3f}"
    if base is not None:
        ok, lower = verdict(r, base)
        tail += f" (base {base['mean_acc']:.3f}; {lower} sets lower) -> {'KEEP' if ok else 'revert'}"
    return "\n".join([head, *rows]) + "\n" + tail + "\n"


def summary_row(name: str, r: dict[str, Any], base: dict[str, Any] | None) -> str:
    p = r["pooled"]
    per_set = " / ".join(f"{v['status_acc']:.3f}"[1:] for v in r["sets"].values())
    ece_sets = _mean_ece(r)
    keep = ""
    if base is not None:
        ok, lower = verdict(r, base)
        keep = f"{'kept' if ok else 'reverted'} ({lower} lower)"
    figs = " / ".join(_f(p[f]) for f in FIGS)
    return f"| {name} | {figs} | {r['mean_acc']:.3f} | {ece_sets:.3f} | {per_set} | {keep} |"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="+", type=Path, help="development gold folders (never a held-out one)")
    ap.add_argument("--encoder", default="tfidf")
    ap.add_argument("--only", default="", help="comma-separated change names to try (default: all)")
    ap.add_argument("--base", default="", help="comma-separated change names forming the base settings")
    ap.add_argument("--stepwise", action="store_true", help="add the kept changes one at a time")
    ap.add_argument("--json", type=Path, help="write every run's figures here")
    a = ap.parse_args(argv)
    for d in a.sets:
        if "holdout" in d.name:
            ap.error(f"{d} is a held-out folder: never select a model on it")
    enc = None if a.encoder == "tfidf" else a.encoder
    by_name = {n: (k, v) for n, k, v in CHANGES}
    only = [n for n in a.only.split(",") if n]
    unknown = [n for n in only + [n for n in a.base.split(",") if n] if n not in by_name]
    if unknown:
        ap.error(f"unknown change(s) {unknown}; known: {', '.join(by_name)}")
    base_settings = FitSettings()
    for n in [n for n in a.base.split(",") if n]:
        base_settings = replace(base_settings, **{by_name[n][0]: by_name[n][1]})
    _memoize_judging()
    pairs = [gp for d in dict.fromkeys(a.sets) for gp in gold_pairs((d,))]
    print(
        f"{len(pairs)} pairs, {sum(len(gp.plans) for gp in pairs)} plans, sets: {', '.join(d.name for d in a.sets)}"
    )
    caches: dict[Any, Any] = {}
    runs: dict[str, Any] = {}
    base = run(pairs, enc, base_settings, caches)
    runs["base"] = {"settings": base_settings.changed(), **base}
    print(table(f"base {base_settings.changed() or '(shipped defaults)'}", base, None), flush=True)
    rows = [summary_row("base", base, None)]
    singles: dict[str, dict[str, Any]] = {}
    for name, key, value in CHANGES:
        if only and name not in only:
            continue
        s = replace(base_settings, **{key: value})
        if s == base_settings:
            continue
        r = run(pairs, enc, s, caches)
        runs[name] = {"settings": s.changed(), **r}
        singles[name] = r
        print(table(name, r, base), flush=True)
        rows.append(summary_row(name, r, base))
    print(_summary(rows, [d.name for d in a.sets]), flush=True)
    if a.stepwise:
        current, cur_settings, taken = base, base_settings, []
        kept = [n for n, r in singles.items() if verdict(r, base)[0]]
        kept.sort(key=lambda n: -singles[n]["mean_acc"])
        used_keys: set[str] = set()
        steps = [summary_row("base", base, None)]
        for name in kept:
            key, value = by_name[name]
            if key in used_keys:
                continue
            s = replace(cur_settings, **{key: value})
            r = run(pairs, enc, s, caches) if taken else singles[name]
            runs[f"step+{name}"] = {"settings": s.changed(), **r}
            steps.append(summary_row(f"+ {name}", r, current))
            print(table(f"stepwise + {name}", r, current), flush=True)
            if verdict(r, current)[0]:
                current, cur_settings = r, s
                used_keys.add(key)
                taken.append(name)
        print(_summary(steps, [d.name for d in a.sets]))
        print(f"selected: {cur_settings.changed() or 'the defaults'}")
        runs["selected"] = {"settings": cur_settings.changed(), **current}
    if a.json:
        a.json.write_text(
            json.dumps(runs, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
        )
    return 0


def _summary(rows: list[str], sets: list[str]) -> str:
    head = (
        "| change | accuracy / macro-F1 / evidence hit / 未提及 precision / ECE (pooled) | mean accuracy over sets "
        f"| mean ECE over sets | accuracy per set ({' / '.join(sets)}) | |\n| --- | --- | --- | --- | --- | --- |"
    )
    return "\n".join([head, *rows]) + "\n"


if __name__ == "__main__":
    sys.exit(main())
