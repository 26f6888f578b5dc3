"""Indicator period agreement on the halves and on each annotator's pages of the real development
set, to check that a change of the period rules made on one half's misses holds on the other and
on every annotator's pages (issue 10).

The halves are those of ``fzanalyzer.evaluate.real.half`` (sha1 parity of the page id); agreement
is counted over the gold indicators the toolkit found, as ``fzanalyzer eval-real`` counts it. With
``--misses A`` (or B, or an annotator's letter) the script also lists that group's disagreements:
page, number, gold period, predicted period and the sentence, the misses to read. Only the ``dev``
split is read: the holdout pages are scored once, by ``eval-real --split holdout``.

    python3 scripts/period_halves.py --pages /tmp/realpages [--misses A]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def main(argv: list[str] | None = None) -> int:
    from fzanalyzer.evaluate.real import dev_reports, dev_set_parser, half
    from fzanalyzer.evaluate.score import Tally, canon, score_indicators

    ap = dev_set_parser(__doc__.split("\n")[0], ROOT / "tests" / "data" / "real")
    ap.add_argument("--misses", help="also list the disagreements of this half (A, B) or annotator")
    args = ap.parse_args(argv)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # group -> [agree, matched]
    for entry, gold, report in dev_reports(args.real, [args.pages]):
        pred = report.to_dict()
        groups = ("all", f"half {half(entry['id'])}", f"annotator {entry.get('annotator')}")
        for g, p in score_indicators(gold, pred, Tally()):
            if p is None:
                continue
            ok = canon(g.get("period")) == canon(p.get("period"))
            for name in groups:
                counts[name][0] += ok
                counts[name][1] += 1
            if not ok and args.misses in (half(entry["id"]), entry.get("annotator")):
                sentence = (p.get("sentence") or "").replace("\n", " ")
                print(
                    f"{entry['id']}\t{g.get('text')}\tgold={g.get('period')}\tpred={p.get('period')}\t{sentence}"
                )
    for name in sorted(counts):
        agree, n = counts[name]
        print(f"{name}: period agreement {agree / n:.3f} ({agree}/{n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
