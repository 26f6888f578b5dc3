"""``fzanalyzer eval``: score the toolkit's output against gold files.

A gold folder holds ``NAME.txt`` (or another report file) with ``NAME.gold.json`` beside it.
Predictions come from a JSON Lines file written by ``fzanalyzer extract`` or, by default, from
running the pipeline on the gold folder's report files. Follow-through and reuse are scored by
running the audit and the reuse finder on the predicted reports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldError
from .gold import gold_to_simplified, load_gold
from .score import (
    Tally,
    score_followthrough,
    score_headings,
    score_indicators,
    score_meta,
    score_plans,
    score_reuse,
)

MEASURES = ("meta", "headings", "indicators", "plans", "followthrough", "reuse")


@dataclass
class EvalResult:
    total: Tally = field(default_factory=Tally)
    per_report: dict[str, Tally] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return self.total.figures()  # type: ignore[return-value]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.figures(),
            "per_report": {k: v.figures() for k, v in self.per_report.items()},
            "notes": self.notes,
        }


def find_gold(gold_dir: str | Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """``id → (report file, gold)`` for every ``*.gold.json`` in the folder (recursively).

    Gold strings of a traditional-script report are converted to simplified characters, as the
    normalized text is (normalization applies OpenCC t2s), so both are compared in one script.
    """
    out = {}
    for gpath in sorted(Path(gold_dir).rglob("*.gold.json")):
        gold = load_gold(gpath)
        rid = gold.get("id") or gpath.name[: -len(".gold.json")]
        report_file = gpath.with_name(gold.get("file") or f"{rid}.txt")
        if _is_traditional(report_file):
            gold = gold_to_simplified(gold)
        _add_codes(gpath.with_name(f"{rid}.codes.json"), gold)
        out[rid] = (report_file, gold)
    return out


def _add_codes(path: Path, gold: dict[str, Any]) -> None:
    """Codebook codes annotated beside a gold file (``NAME.codes.json``: one entry per gold
    indicator, in order, with its text, value and code) become each gold indicator's ``code``."""
    if not path.exists():
        return
    from .gold import canon

    coded = json.loads(path.read_text(encoding="utf-8"))["indicators"]
    inds = gold.get("indicators") or []
    if len(coded) != len(inds):
        raise GoldError.from_code("E060", path=path, detail=f"{len(coded)} codes for {len(inds)} indicators")
    for g, c in zip(inds, coded, strict=True):
        if canon(c["text"]) != canon(g["text"]) or c["value"] != g["value"]:
            raise GoldError.from_code(
                "E060", path=path, detail=f"code entry {c['text']!r} is not {g['text']!r}"
            )
        g["code"] = c["code"]


def _is_traditional(path: Path) -> bool:
    from ..ingest import read_file
    from ..normalize.steps import to_simplified

    try:
        text = read_file(path).text
    except Exception:
        return False
    return to_simplified(text) != text


def evaluate(
    gold_dir: str | Path,
    pred: str | Path | None = None,
    *,
    encoder: str | None = None,
    measures: tuple[str, ...] = MEASURES,
    workers: int | None = 1,
) -> EvalResult:
    """Score predictions (a JSONL file, or a fresh run of the pipeline) against gold."""
    golds = find_gold(gold_dir)
    preds = predict_gold(golds, pred, workers)
    res = EvalResult()
    for rid, (_path, gold) in golds.items():
        t = Tally()
        p = preds.get(rid)
        if p is None:
            res.notes.append(f"{rid}: no prediction (failed or missing); scored as empty")
            p = {"id": rid, "meta": {}, "sections": [], "indicators": [], "plans": [], "text": ""}
        if "meta" in measures:
            score_meta(gold, p, t)
        if "headings" in measures:
            score_headings(gold, p, t)
        if "indicators" in measures and "indicators" in gold:
            score_indicators(gold, p, t)
        if "plans" in measures and "plans" in gold:
            score_plans(gold, p, t)
        res.per_report[rid] = t
    if "followthrough" in measures:
        _followthrough(golds, preds, encoder, res)
    if "reuse" in measures:
        _reuse(golds, preds, res)
    for t in res.per_report.values():
        res.total.add(t)
    return res


def predict_gold(
    golds: dict[str, tuple[Path, dict[str, Any]]], pred: str | Path | None, workers: int | None
) -> dict[str, dict[str, Any]]:
    if pred is not None:
        out = {}
        with open(pred, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    d = json.loads(line)
                    out[d["id"]] = d
        return out
    from ..batch import run

    files = [path for path, _ in golds.values()]
    ids = {path: rid for rid, (path, _) in golds.items()}
    out = {}
    for path, r in run(files, workers=workers):
        if "report" in r:
            d = r["report"]
            d["id"] = ids[path]
            out[ids[path]] = d
    return out


def _followthrough(golds: dict, preds: dict, encoder: str | None, res: EvalResult) -> None:
    pairs = [
        (gold["followthrough"][0]["plan_report"], rid)
        for rid, (_p, gold) in golds.items()
        if gold.get("followthrough")
    ]
    if not pairs:
        return
    try:
        from ..audit.followthrough import audit
        from ..model import Report
    except ImportError as exc:
        res.notes.append(f"follow-through not scored: {exc}")
        return
    from ..audit.encoders import get_encoder

    enc = get_encoder(encoder)
    for prev_id, next_id in pairs:
        if prev_id not in preds or next_id not in preds or prev_id not in golds:
            res.notes.append(f"follow-through {prev_id}→{next_id}: a report is missing")
            continue
        prev, nxt = Report.from_dict(preds[prev_id]), Report.from_dict(preds[next_id])
        # the gold file names the pair: metadata doubts (issuer, year) must not stop the scoring
        result = audit(prev, nxt, encoder=enc, allow_mismatch=True)
        items = result.to_dict()["items"]
        score_followthrough(golds[next_id][1], golds[prev_id][1], items, nxt.text, res.per_report[next_id])


def _reuse(golds: dict, preds: dict, res: EvalResult) -> None:
    wanted = [(rid, gold) for rid, (_p, gold) in golds.items() if gold.get("reused_passages")]
    if not wanted:
        return
    try:
        from ..model import Report
        from ..reuse.passages import find_reuse
    except ImportError as exc:
        res.notes.append(f"reuse not scored: {exc}")
        return
    reports = [Report.from_dict(d) for d in preds.values()]
    pairs = [p if isinstance(p, dict) else p.to_dict() for p in find_reuse(reports)]
    for rid, gold in wanted:
        missing = {g["from_report"] for g in gold["reused_passages"]} - preds.keys()
        if missing or rid not in preds:
            res.notes.append(f"reuse of {rid}: report(s) missing: {sorted(missing | ({rid} - preds.keys()))}")
        score_reuse(gold, preds.get(rid, {}).get("text", ""), pairs, res.per_report[rid])
