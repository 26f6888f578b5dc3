"""Scores of plans and follow-through audits against gold annotations (gold-format.md), by the
rules of ``fzanalyzer eval`` (:mod:`fzanalyzer.evaluate.score`), for audits made outside it.

- plans: gold and predicted plans are paired one to one, best pairs first, when their texts
  have character-bigram Dice >= 0.8 (:func:`~fzanalyzer.evaluate.score.match_texts`); precision,
  recall, F1.
- follow-through (:func:`~fzanalyzer.evaluate.score.score_followthrough`): accuracy and macro-F1
  of ``status`` over gold plans (each gold plan paired with an audit item by the same rule); for
  gold fulfilled/progressed plans, the share whose predicted evidence span overlaps a gold
  evidence string located in NEXT's normalized text.

>>> score_plans(["筹建区行政复议委员会。", "开展培训"], [{"text": "筹建区行政复议委员会"}])["recall"]
1.0
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from ..model import Plan
from .score import Tally, match_texts, score_followthrough


def score_plans(pred: list[Plan] | list[str], gold: list[dict[str, Any]]) -> dict[str, float]:
    """Precision, recall and F1 of predicted plans against gold ``plans``."""
    ptexts = [p if isinstance(p, str) else p.text for p in pred]
    gtexts = [g["text"] for g in gold]
    tp = len(match_texts(gtexts, ptexts))
    prec = tp / len(ptexts) if ptexts else 0.0
    rec = tp / len(gtexts) if gtexts else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "n_pred": len(ptexts), "n_gold": len(gtexts)}


def _summary(t: Tally) -> dict[str, Any]:
    return {
        "n": len(t.status_pairs),
        "status_accuracy": t.status_accuracy() or 0.0,
        "status_macro_f1": t.status_macro_f1() or 0.0,
        "evidence_hit": t.evidence.value or 0.0,
        "n_evidence": t.evidence.total,
    }


def score_audit(
    audit_items: list[Any],
    prev_gold_plans: list[dict[str, Any]],
    followthrough: list[dict[str, Any]],
    next_text: str,
) -> dict[str, Any]:
    """Status accuracy, macro-F1 and evidence hit rate of an audit against gold follow-through.

    ``prev_gold_plans``: the gold ``plans`` of PREV (their ids are the ``plan_id`` of
    ``followthrough``, the gold entries of NEXT); ``next_text``: NEXT's normalized text (the
    evidence offsets point into it). A gold plan with no paired item counts as wrong (status
    ``missing``).
    """
    t = Tally()
    items = [asdict(it) if is_dataclass(it) and not isinstance(it, type) else it for it in audit_items]
    rows = score_followthrough(
        {"followthrough": followthrough}, {"plans": prev_gold_plans}, items, next_text, t
    )
    return {**_summary(t), "rows": rows}


def score_audits(audits: list[Any], gold_dir: str | Any) -> dict[str, Any]:
    """Score audits against the gold files in ``gold_dir`` (``<prev>.gold.json`` gives the plans,
    ``<next>.gold.json`` the follow-through, NEXT's report file beside it the text the evidence
    points into); pairs without gold are skipped. Returns per-pair scores and pooled status
    accuracy, macro-F1 and evidence hit over all gold plans."""
    import json
    from pathlib import Path

    from ..pipeline import load

    folder = Path(gold_dir)
    pairs, pooled = [], Tally()
    for a in audits:
        pg, ng = folder / f"{a.prev}.gold.json", folder / f"{a.next}.gold.json"
        if not (pg.exists() and ng.exists()):
            continue
        prev_gold = json.loads(pg.read_text(encoding="utf-8"))
        next_gold = json.loads(ng.read_text(encoding="utf-8"))
        ft = [f for f in next_gold.get("followthrough", []) if f.get("plan_report", a.prev) == a.prev]
        if not ft:
            continue
        next_text = load(folder / (next_gold.get("file") or f"{a.next}.txt"), analyze=False).text
        t = Tally()
        items = [asdict(it) for it in a.items]
        score_followthrough({"followthrough": ft}, {"plans": prev_gold["plans"]}, items, next_text, t)
        pairs.append({"prev": a.prev, "next": a.next, **_summary(t)})
        pooled.add(t)
    return {"pairs": pairs, **{k: v for k, v in _summary(pooled).items() if k != "n_evidence"}}
