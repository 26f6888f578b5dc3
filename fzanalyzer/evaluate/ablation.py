"""What the trained NER adds to indicator naming (``fzanalyzer indicators-eval``).

Every ``NAME.txt`` with a ``NAME.gold.json`` holding indicators is extracted once per naming
mode — the rules alone, the rules with the NER on weak subjects, the NER alone — and scored by
the one indicator rule of gold-format.md (:func:`fzanalyzer.evaluate.score.score_indicators`:
equal value and unit, the gold text within the predicted sentence or overlapping the predicted
text; names agree at character-bigram Dice >= 0.5).

>>> MODES
('rules', 'rules+ner', 'ner-only')
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from .score import Tally, score_indicators

#: Ways of naming indicators compared by :func:`ablation` (what the trained NER adds).
MODES = ("rules", "rules+ner", "ner-only")


def score_predicted(predicted: list[Any], gold: list[dict[str, Any]], tally: Tally | None = None) -> Tally:
    """Score predicted indicators (``Indicator`` objects or dicts) of one report against its gold
    ``indicators``, adding to ``tally`` (a new one when ``None``)."""
    t = Tally() if tally is None else tally
    preds = [asdict(p) if is_dataclass(p) and not isinstance(p, type) else p for p in predicted]
    score_indicators({"indicators": gold}, {"indicators": preds}, t)
    return t


def ablation(folders: list[Any], modes: tuple[str, ...] = MODES) -> dict[str, Tally]:
    """Score every ``NAME.txt`` with a ``NAME.gold.json`` holding indicators in ``folders``,
    once per naming mode: the rules alone, the rules with the NER on weak subjects, the NER alone
    (every subject replaced by the nearest ``SUBJ`` entity). Texts are NFKC-normalized as the
    gold strings are compared."""
    from ..extract.indicators import extract_indicators
    from ..extract.ner import refine_names
    from ..model import Meta

    out = {m: Tally() for m in modes}
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
                score_predicted(pred, gold["indicators"], out[mode])
    return out
