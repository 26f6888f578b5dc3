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
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def agreement_by_halves(
    doc: str, field: str, agree: Callable[[Any, Any], bool], argv: list[str] | None
) -> int:
    """Print the agreement of ``field`` (gold against predicted, by ``agree``) over all dev
    indicators found, each half and each annotator's pages; the misses of one group with
    ``--misses``. Shared by the halves scripts of the indicator fields (period, name)."""
    from fzanalyzer.evaluate.real import dev_reports, dev_set_parser, half
    from fzanalyzer.evaluate.score import Tally, score_indicators

    ap = dev_set_parser(doc.split("\n")[0], ROOT / "tests" / "data" / "real")
    ap.add_argument("--misses", help="also list the disagreements of this half (A, B) or annotator")
    args = ap.parse_args(argv)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # group -> [agree, matched]
    for entry, gold, report in dev_reports(args.real, [args.pages]):
        pred = report.to_dict()
        groups = ("all", f"half {half(entry['id'])}", f"annotator {entry.get('annotator')}")
        for g, p in score_indicators(gold, pred, Tally()):
            if p is None:
                continue
            ok = agree(g.get(field), p.get(field))
            for name in groups:
                counts[name][0] += ok
                counts[name][1] += 1
            if not ok and args.misses in (half(entry["id"]), entry.get("annotator")):
                sentence = (p.get("sentence") or "").replace("\n", " ")
                print(f"{entry['id']}\t{g.get('text')}\tgold={g.get(field)}\tpred={p.get(field)}\t{sentence}")
    for name in sorted(counts):
        ok_n, n = counts[name]
        print(f"{name}: {field} agreement {ok_n / n:.3f} ({ok_n}/{n})")
    return 0


def main(argv: list[str] | None = None) -> int:
    from fzanalyzer.evaluate.score import canon

    return agreement_by_halves(__doc__, "period", lambda g, p: canon(g) == canon(p), argv)


if __name__ == "__main__":
    raise SystemExit(main())
