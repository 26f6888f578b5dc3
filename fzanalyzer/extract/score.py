"""Scoring of predicted indicators against gold ones (rules of ``gold-format.md``).

A prediction matches a gold indicator when values are equal (relative tolerance 1e-6), units are
equal, and the gold ``text`` lies within the predicted ``sentence`` or the two texts overlap (all
compared after NFKC and whitespace removal). Among matches: name agreement (character-bigram
Dice ≥ 0.5), qualifier and period agreement (exact after normalization, null == null).

>>> dice("行政复议申请", "行政复议案件") >= 0.5
True
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any


def norm(s: str | None) -> str:
    """NFKC and no whitespace (how gold strings are compared)."""
    if s is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", s).split())


def bigrams(s: str) -> set[str]:
    s = norm(s)
    return {s[i : i + 2] for i in range(len(s) - 1)} if len(s) > 1 else ({s} if s else set())


def dice(a: str | None, b: str | None) -> float:
    x, y = bigrams(a or ""), bigrams(b or "")
    if not x and not y:
        return 1.0
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


@dataclass
class IndicatorScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    name_ok: int = 0
    qualifier_ok: int = 0
    period_ok: int = 0
    change_ok: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def add(self, other: IndicatorScore) -> None:
        for k in ("tp", "fp", "fn", "name_ok", "qualifier_ok", "period_ok", "change_ok"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.misses += other.misses
        self.spurious += other.spurious
        self.disagreements += other.disagreements

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def agreement(self, what: str) -> float:
        return getattr(self, f"{what}_ok") / self.tp if self.tp else 1.0

    def summary(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "name": round(self.agreement("name"), 4),
            "qualifier": round(self.agreement("qualifier"), 4),
            "period": round(self.agreement("period"), 4),
            "change": round(self.agreement("change"), 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _as_dict(x: Any) -> dict[str, Any]:
    if isinstance(x, dict):
        return x
    from dataclasses import asdict

    return asdict(x)


def _value_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def score_indicators(predicted: list[Any], gold: list[dict[str, Any]]) -> IndicatorScore:
    """Greedy one-to-one matching of predictions to gold indicators of one report."""
    preds = [_as_dict(p) for p in predicted]
    used: set[int] = set()
    sc = IndicatorScore()
    for g in gold:
        gt = norm(g["text"])
        best = None
        for k, p in enumerate(preds):
            if k in used or not _value_eq(p.get("value"), g.get("value")):
                continue
            if norm(p.get("unit")) != norm(g.get("unit")):
                continue
            pt = norm(p.get("text"))
            within = gt in norm(p.get("sentence"))
            overlap = gt in pt or pt in gt
            if not (within or overlap):
                continue
            rank = 0 if overlap else 1
            if best is None or rank < best[0]:
                best = (rank, k)
                if rank == 0:
                    break
        if best is None:
            sc.fn += 1
            sc.misses.append(g)
            continue
        k = best[1]
        used.add(k)
        p = preds[k]
        sc.tp += 1
        ok_name = dice(p.get("name"), g.get("name")) >= 0.5
        ok_q = norm(p.get("qualifier")) == norm(g.get("qualifier"))
        ok_p = norm(p.get("period")) == norm(g.get("period"))
        ok_c = (p.get("change") or None) == (g.get("change") or None)
        sc.name_ok += ok_name
        sc.qualifier_ok += ok_q
        sc.period_ok += ok_p
        sc.change_ok += ok_c
        for what, ok in (("name", ok_name), ("qualifier", ok_q), ("period", ok_p), ("change", ok_c)):
            if not ok:
                sc.disagreements.append((what, p, g))
    for k, p in enumerate(preds):
        if k not in used:
            sc.fp += 1
            sc.spurious.append(p)
    return sc


#: Ways of naming indicators compared by :func:`ablation` (what the trained NER adds).
MODES = ("rules", "rules+ner", "ner-only")


def ablation(folders: list[Any], modes: tuple[str, ...] = MODES) -> dict[str, IndicatorScore]:
    """Score every ``NAME.txt`` with a ``NAME.gold.json`` holding indicators in ``folders``,
    once per naming mode: the rules alone, the rules with the NER on weak subjects, the NER alone
    (every subject replaced by the nearest ``SUBJ`` entity). Texts are NFKC-normalized as the
    gold strings are compared."""
    import json
    from pathlib import Path

    from ..model import Meta
    from .indicators import extract_indicators
    from .nlp import refine_names

    out = {m: IndicatorScore() for m in modes}
    for folder in folders:
        for gold_path in sorted(Path(folder).glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            if not gold.get("indicators"):
                continue
            txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            text = unicodedata.normalize("NFKC", txt.read_text(encoding="utf-8"))
            for mode in modes:
                pred = extract_indicators(
                    text, [], Meta(year_covered=gold.get("year_covered")), use_ner=False
                )
                if mode == "rules+ner":
                    refine_names(text, pred, only_weak=True)
                elif mode == "ner-only":
                    for p in pred:
                        p.name = None
                    refine_names(text, pred, only_weak=False)
                out[mode].add(score_indicators(pred, gold["indicators"]))
    return out
