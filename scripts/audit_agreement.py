"""How far two careful readers agree on plan follow-through, and the audit against each of them.

A second reader who saw neither the gold nor the toolkit's output wrote, for each pair of a set,
``SET/second-reading/<next id>.json``: a list of ``{"plan_id", "status", "evidence": [...]}``
(statuses as in gold-format.md, evidence exact substrings of the next report). This prints, over
the plans both readings cover:

- reader against reader: status agreement, Cohen's kappa, the confusion table, and for plans both
  call fulfilled or progressed, the share whose quoted evidence overlaps;
- with ``--toolkit``: the audit (offline default, or ``--encoder``) against the first reading (the
  gold), against the second, and on the plans where the two readers agree.

The ceiling a measure can reach on a set is about where two readers agree with each other.

    python3 scripts/audit_agreement.py tests/data/audit-holdout3 --toolkit
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

STATUSES = ("fulfilled", "progressed", "not_reported", "restated")


def second_readings(set_dir: Path) -> dict[str, list[dict[str, Any]]]:
    folder = set_dir / "second-reading"
    if not folder.is_dir():
        raise SystemExit(
            f"{folder}: no second reading here (one <next id>.json per pair, see this script's doc)"
        )
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[s] * cb[s] for s in set(ca) | set(cb)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def spans(index: Any, texts: list[str]) -> list[tuple[int, int]]:
    return [s for s in (index.find(t) for t in texts) if s]


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x[0] < y[1] and y[0] < x[1] for x in a for y in b)


def table(pairs: list[tuple[str, str]], left: str, right: str) -> str:
    c = Counter(pairs)
    head = f"{left} \\ {right}".ljust(26) + "".join(s[:12].rjust(14) for s in STATUSES)
    rows = [head] + [s.ljust(26) + "".join(str(c[(s, t)]).rjust(14) for t in STATUSES) for s in STATUSES]
    return "\n".join(rows)


def summary(name: str, pairs: list[tuple[str, str]]) -> str:
    n = len(pairs)
    acc = sum(a == b for a, b in pairs) / n if n else float("nan")
    return f"{name}: {n} plans, agreement {acc:.3f}, kappa {kappa(pairs):.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set_dir", type=Path, help="a pair set with gold files and a second-reading/ folder")
    ap.add_argument(
        "--toolkit", action="store_true", help="also run the audit and score it against each reader"
    )
    ap.add_argument("--encoder", default=None, help="the audit's encoder (default: the offline one)")
    args = ap.parse_args()

    from fzanalyzer.evaluate import find_gold
    from fzanalyzer.evaluate.gold import CanonIndex

    golds = find_gold(args.set_dir)
    second = second_readings(args.set_dir)
    readers: list[tuple[str, str]] = []
    ev_both = ev_hit = 0
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    for next_id, reading in second.items():
        if next_id not in golds:
            raise SystemExit(
                f"{args.set_dir}/second-reading/{next_id}.json: no gold file {next_id}.gold.json"
            )
        path, gold = golds[next_id]
        index = CanonIndex(Path(path).read_text(encoding="utf-8"))
        theirs = {r["plan_id"]: r for r in reading}
        for f in gold.get("followthrough") or []:
            r = theirs.get(f["plan_id"])
            if r is None:
                print(f"{next_id} {f['plan_id']}: not in the second reading")
                continue
            readers.append((f["status"], r["status"]))
            rows[(next_id, f["plan_id"])] = (f["status"], r["status"])
            if {f["status"], r["status"]} <= {"fulfilled", "progressed"}:
                ev_both += 1
                ev_hit += overlap(
                    spans(index, f.get("evidence") or []), spans(index, r.get("evidence") or [])
                )
    print(summary("reader 1 (gold) vs reader 2", readers))
    if ev_both:
        print(
            f"  evidence overlaps on {ev_hit} of {ev_both} plans both call fulfilled/progressed ({ev_hit / ev_both:.3f})"
        )
    print(table(readers, "gold", "reader 2"))
    if args.toolkit:
        toolkit_against(args.set_dir, golds, rows, args.encoder)


def toolkit_against(
    set_dir: Path, golds: dict[str, Any], rows: dict[tuple[str, str], tuple[str, str]], encoder: str | None
) -> None:
    from fzanalyzer.audit.encoders import get_encoder
    from fzanalyzer.audit.followthrough import audit
    from fzanalyzer.evaluate import predict_gold
    from fzanalyzer.evaluate.score import Tally, score_followthrough
    from fzanalyzer.model import Report

    preds = predict_gold(golds, None, 1)
    enc = get_encoder(encoder)
    tool: dict[tuple[str, str], str] = {}
    for next_id in {k[0] for k in rows}:
        gold = golds[next_id][1]
        prev_id = gold["followthrough"][0]["plan_report"]
        prev, nxt = Report.from_dict(preds[prev_id]), Report.from_dict(preds[next_id])
        items = audit(prev, nxt, encoder=enc, allow_mismatch=True).to_dict()["items"]
        for r in score_followthrough(gold, golds[prev_id][1], items, nxt.text, Tally()):
            tool[(next_id, r["plan_id"])] = r["pred"]
    keys = [k for k in rows if k in tool]
    print(summary("toolkit vs reader 1 (gold)", [(rows[k][0], tool[k]) for k in keys]))
    print(summary("toolkit vs reader 2", [(rows[k][1], tool[k]) for k in keys]))
    agreed = [k for k in keys if rows[k][0] == rows[k][1]]
    print(summary("toolkit on plans both readers agree on", [(rows[k][0], tool[k]) for k in agreed]))
    print(table([(rows[k][1], tool[k]) for k in keys], "reader 2", "toolkit"))


if __name__ == "__main__":
    main()
