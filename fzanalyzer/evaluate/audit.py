"""Scores of plans and follow-through audits against gold annotations (gold-format.md).

- plans: gold and predicted plans are paired one to one, best pairs first, when their texts
  have character-bigram Dice >= 0.8 (:func:`fzanalyzer.evaluate.score.match_texts`, the rule of
  ``fzanalyzer eval``); precision, recall, F1.
- follow-through: accuracy and macro-F1 of ``status`` over gold plans (each gold plan is
  aligned to its predicted plan by the same pairing); for gold fulfilled/progressed plans, the
  share whose predicted evidence overlaps a gold evidence string.

>>> score_plans(["筹建区行政复议委员会。", "开展培训"], [{"text": "筹建区行政复议委员会"}])["recall"]
1.0
"""

from __future__ import annotations

from typing import Any

from ..model import STATUSES, Plan
from ..spans import canon, dice, longest_common_substring
from .score import match_texts


def _norm(s: str) -> str:
    return canon(s).rstrip("。；;")


def score_plans(pred: list[Plan] | list[str], gold: list[dict[str, Any]]) -> dict[str, float]:
    """Precision, recall and F1 of predicted plans against gold ``plans``."""
    ptexts = [p if isinstance(p, str) else p.text for p in pred]
    gtexts = [g["text"] for g in gold]
    tp = len(match_texts(gtexts, ptexts))
    prec = tp / len(ptexts) if ptexts else 0.0
    rec = tp / len(gtexts) if gtexts else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "n_pred": len(ptexts), "n_gold": len(gtexts)}


def align(audit_items: list[Any], gold_plans: list[dict[str, Any]]) -> dict[str, Any]:
    """Gold plan id -> the audit item paired with it by :func:`~.score.match_texts`, or None."""
    m = match_texts([g["text"] for g in gold_plans], [it.plan_text for it in audit_items])
    return {g["id"]: audit_items[m[i]] if i in m else None for i, g in enumerate(gold_plans)}


def _overlap(ev_text: str, gold_ev: str, next_text: str | None = None) -> bool:
    a, b = _norm(ev_text), _norm(gold_ev)
    return bool(a and b) and (a in b or b in a or dice(a, b) >= 0.5 or longest_common_substring(a, b) >= 8)


def score_audit(
    audit_items: list[Any], prev_gold_plans: list[dict[str, Any]], followthrough: list[dict]
) -> dict:
    """Status accuracy, macro-F1 and evidence hit rate of an audit against gold follow-through.

    ``prev_gold_plans``: the gold ``plans`` of PREV (their ids are the ``plan_id`` of
    ``followthrough``, the gold entries of NEXT). A gold plan with no aligned item counts as
    wrong (status ``missing``).
    """
    from sklearn.metrics import f1_score

    aligned = align(audit_items, prev_gold_plans)
    y_true, y_pred, hits, n_ev, rows = [], [], 0, 0, []
    for ft in followthrough:
        it = aligned.get(ft["plan_id"])
        pred = it.status if it is not None else "missing"
        y_true.append(ft["status"])
        y_pred.append(pred)
        hit = None
        if ft["status"] in ("fulfilled", "progressed"):
            n_ev += 1
            hit = it is not None and any(_overlap(e.text, g) for e in it.evidence for g in ft["evidence"])
            hits += int(hit)
        rows.append({"plan_id": ft["plan_id"], "gold": ft["status"], "pred": pred, "evidence_hit": hit})
    acc = sum(a == b for a, b in zip(y_true, y_pred, strict=True)) / len(y_true) if y_true else 0.0
    labels = [s for s in STATUSES if s in y_true]
    macro = (
        float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)) if y_true else 0.0
    )
    return {
        "n": len(y_true),
        "status_accuracy": acc,
        "status_macro_f1": macro,
        "evidence_hit": hits / n_ev if n_ev else 0.0,
        "n_evidence": n_ev,
        "rows": rows,
    }


def score_audits(audits: list[Any], gold_dir: str | Any) -> dict[str, Any]:
    """Score audits against the gold files in ``gold_dir`` (``<prev>.gold.json`` gives the plans,
    ``<next>.gold.json`` the follow-through); pairs without gold are skipped. Returns per-pair
    scores and pooled status accuracy, macro-F1 and evidence hit over all gold plans."""
    import json
    from pathlib import Path

    from sklearn.metrics import f1_score

    folder = Path(gold_dir)
    pairs, y_true, y_pred, hits, n_ev = [], [], [], 0, 0
    for a in audits:
        pg, ng = folder / f"{a.prev}.gold.json", folder / f"{a.next}.gold.json"
        if not (pg.exists() and ng.exists()):
            continue
        prev_gold = json.loads(pg.read_text(encoding="utf-8"))
        next_gold = json.loads(ng.read_text(encoding="utf-8"))
        ft = [f for f in next_gold.get("followthrough", []) if f.get("plan_report", a.prev) == a.prev]
        if not ft:
            continue
        s = score_audit(a.items, prev_gold["plans"], ft)
        pairs.append({"prev": a.prev, "next": a.next, **{k: v for k, v in s.items() if k != "rows"}})
        y_true += [r["gold"] for r in s["rows"]]
        y_pred += [r["pred"] for r in s["rows"]]
        hits += sum(1 for r in s["rows"] if r["evidence_hit"])
        n_ev += s["n_evidence"]
    labels = [s for s in STATUSES if s in y_true]
    return {
        "pairs": pairs,
        "n": len(y_true),
        "status_accuracy": sum(a == b for a, b in zip(y_true, y_pred, strict=True)) / len(y_true)
        if y_true
        else 0.0,
        "status_macro_f1": float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))
        if y_true
        else 0.0,
        "evidence_hit": hits / n_ev if n_ev else 0.0,
    }
