"""Fitting the follow-through combiner on annotated pairs (``fzanalyzer train-audit``).

The training file (``fzanalyzer/data/audit/pairs.json``) holds cases: a plan, the sentences
of the following year's report that report on it (with their status) and look-alike sentences
that do not. All sentences of all cases form one pool, like one report: a sentence is a
positive for its own plan and a negative for every other plan. Two logistic regressions
(scikit-learn) are fitted: evidence vs not (pair signals) and fulfilled vs progressed (stage
signals). Their coefficients are stored as JSON, so a fit is reproducible and readable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import Plan
from .encoders import Encoder, encoder_name, get_encoder
from .followthrough import (
    DATA,
    MATCH_FEATURES,
    MIN_OBJECT,
    OBJ_WORDS,
    SEM_FEATURES,
    STAGE_FEATURES,
    Candidate,
    Combiner,
    _scorer,
    stage_features,
)

PAIRS = DATA / "audit" / "pairs.json"
#: Signals computed (and shown) but given no weight: on the annotated pairs they duplicate
#: others (lcs ~ cover, entity ~ cover_clause) or pick up quirks of the training pool (novelty,
#: concreteness and part get signs that make no sense for a real report).
DROPPED = ("lcs", "part_work", "entity", "has_entity", "novelty", "same_topic")


def load_cases(path: Path = PAIRS) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))["cases"]


def _pool(cases: list[dict[str, Any]]) -> tuple[list[Candidate], list[int]]:
    """Every evidence and distractor sentence as a candidate; owner case index (-1: distractor)."""
    cands, owner = [], []
    for k, case in enumerate(cases):
        for ev in case.get("evidence", []):
            cands.append(Candidate(ev["text"], 0, 0, None, "measures_and_results", ev.get("context", "")))
            owner.append(k)
        # a look-alike usually sits under the same heading as the real evidence: give it that
        # context, so the heading alone does not tell evidence from look-alike
        ctx = next((ev.get("context", "") for ev in case.get("evidence", [])), "")
        for d in case.get("distractors", []):
            cands.append(Candidate(d, 0, 0, None, "measures_and_results", ctx))
            owner.append(-1)
    return cands, owner


def _plans(cases: list[dict[str, Any]]) -> list[Plan]:
    from ..extract.plans import _target, _verb_object

    out = []
    for k, c in enumerate(cases):
        obj = _verb_object(c["plan"])[1]
        target = c.get("target") or _target(c["plan"])
        out.append(Plan(f"P{k + 1:02d}", c["plan"], None, None, 0, 0, object=obj, target=target))
    return out


def train(
    encoder: str | Encoder | None = None,
    *,
    path: Path = PAIRS,
    out_dir: Path | None = None,
    c: float = 10.0,
    hard_negatives: int = 15,
    drop: tuple[str, ...] = DROPPED,
) -> Combiner:
    """Fit the evidence and stage models for ``encoder`` and (if ``out_dir``) store them."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    enc = get_encoder(encoder)
    name = encoder_name(enc)
    cases = load_cases(path)
    cands, owner = _pool(cases)
    plans = _plans(cases)
    scorer = _scorer(plans, cands, enc)
    xs, ys, groups = [], [], []
    hard_x, hard_y = [], []
    for i in range(len(plans)):
        x = scorer.features(i)
        y = np.array([1 if o == i else 0 for o in owner])
        xs.append(x)
        ys.append(y)
        groups.append(np.full(len(owner), i))
        # fit on the positives and the closest look-alikes: an easy negative teaches nothing
        closeness = scorer.rank_scores(x)
        neg = [j for j in np.argsort(-closeness) if y[j] == 0][:hard_negatives]
        keep = [j for j in range(len(y)) if y[j] == 1] + neg
        hard_x.append(x[keep])
        hard_y.append(y[keep])
    x_all, y_all = np.vstack(hard_x), np.concatenate(hard_y)
    names = list(MATCH_FEATURES) + (list(SEM_FEATURES) if enc is not None else [])
    for k, n in enumerate(names):
        if n in drop:
            x_all[:, k] = 0.0  # a dropped signal gets coefficient 0
    match = LogisticRegression(C=c, max_iter=2000, random_state=0)
    match.fit(x_all, y_all)
    threshold = _pick_threshold(match, xs, ys)

    sx, sy = [], []
    for k, case in enumerate(cases):
        evs = case.get("evidence", [])
        if not evs:
            continue
        text = " ".join(e["text"] for e in evs)
        sx.append(stage_features(case["plan"], plans[k].target, text))
        sy.append(1 if evs[0]["status"] == "fulfilled" else 0)
    stage = LogisticRegression(C=c, max_iter=2000, random_state=0)
    stage.fit(np.asarray(sx), np.asarray(sy))

    features = list(MATCH_FEATURES) + (list(SEM_FEATURES) if enc is not None else [])
    comb = Combiner(
        encoder=name,
        match_features=features,
        match_coef=[round(float(v), 6) for v in match.coef_[0]],
        match_intercept=round(float(match.intercept_[0]), 6),
        stage_features=list(STAGE_FEATURES),
        stage_coef=[round(float(v), 6) for v in stage.coef_[0]],
        stage_intercept=round(float(stage.intercept_[0]), 6),
        threshold=threshold,
        info={"cases": len(cases), "pairs": len(y_all), "positives": int(y_all.sum()), "C": c},
    )
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        comb.save(out_dir / f"{name}.json")
        from .followthrough import load_combiner

        load_combiner.cache_clear()
    return comb


def _pick_threshold(model: Any, xs: list, ys: list) -> float:
    """The evidence threshold that best separates plans with evidence from plans without
    (judged on each plan's top-ranked sentence), searched on a coarse grid. Accuracy is
    averaged with the grid neighbours, so the choice sits on a plateau, not a knife edge of
    the training pairs."""
    import numpy as np

    grid = [float(round(t, 2)) for t in np.arange(0.1, 0.91, 0.05)]
    tops = []
    for x, y in zip(xs, ys, strict=True):
        p = model.predict_proba(x)[:, 1]
        j = int(np.argmax(p))
        # as in judge(): a sentence that names none of the plan's object is never accepted
        named = x[j, OBJ_WORDS] >= MIN_OBJECT or x[j, MATCH_FEATURES.index("title")] > 0
        tops.append((float(p[j]) if named else 0.0, bool(y[j] == 1), bool(y.any())))
    acc = []
    for t in grid:
        ok = sum((p >= t and hit) if has else (p < t) for p, hit, has in tops)
        acc.append(ok / len(tops))
    smooth = [sum(acc[max(0, k - 1) : k + 2]) / len(acc[max(0, k - 1) : k + 2]) for k in range(len(acc))]
    best = max(range(len(grid)), key=lambda k: smooth[k])  # the first of equal plateaus
    return grid[best]
