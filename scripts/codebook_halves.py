"""Codebook coverage on the two halves of the real development pages, to check that a change of the
codebook made on one half holds on the other (issue 12).

A page is in half A when the sha1 of its id is even, else in half B (the split of docs/codebook.md).
For each half the script prints the share of extracted indicators with a measure's code and with a
measure's or a topic code (the back-off layer), as ``fzanalyzer eval-real`` counts them; with
``--uncoded A`` (or B) it also lists that half's indicators without a measure's code (with their
topic code or -), the misses to read. Only the ``dev`` split is read: the holdout pages are scored
once, by ``eval-real --split holdout``.

``--audit`` also counts the texts of the audit pairs (``tests/data/audit-*``), never used to make
a rule of the halves' rounds.

``--level department`` counts only the pages whose gold level is ``department`` (issue 12's v7:
the measures of department reports).

    python3 scripts/codebook_halves.py --pages /tmp/realpages [--uncoded A] [--audit] [--level department]
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def main(argv: list[str] | None = None) -> int:
    from fzanalyzer.evaluate.real import dev_reports, dev_set_parser, half
    from fzanalyzer.extract.codebook import joins_issuers

    ap = dev_set_parser(__doc__.split("\n")[0], ROOT / "tests" / "data" / "real")
    ap.add_argument(
        "--uncoded", choices=("A", "B"), help="also list this half's indicators without a measure's code"
    )
    ap.add_argument(
        "--level", help="only the pages whose gold level is this (department, city …): a genre's own measures"
    )
    ap.add_argument(
        "--audit", action="store_true", help="also count the audit pairs' texts (tests/data/audit-*)"
    )
    args = ap.parse_args(argv)
    # group -> indicators, with a measure's code, with any code
    counts = {g: [0, 0, 0] for g in ("half A", "half B", "audit texts")}
    reports = (
        (f"half {half(entry['id'])}", report)
        for entry, gold, report in dev_reports(args.real, [args.pages])
        if args.level in (None, gold.get("level"))
    )
    if args.audit:
        from fzanalyzer.pipeline import analyze_file

        texts = sorted((ROOT / "tests" / "data").glob("audit-*/*.txt"))
        reports = itertools.chain(reports, (("audit texts", analyze_file(p)) for p in texts))
    for group, report in reports:
        for ind in report.indicators:
            counts[group][0] += 1
            counts[group][1] += joins_issuers(ind.code)
            counts[group][2] += ind.code is not None
            if not joins_issuers(ind.code) and group == f"half {args.uncoded}":
                context = report.text[max(0, ind.start - 40) : ind.end]
                print(f"{report.id}\t{ind.text}\t{ind.name}\t{ind.code or '-'}\t{context}")
    for group, (n, measures, any_code) in counts.items():
        if n:
            print(f"{group}: {n} indicators, coverage {measures / n:.3f}, with topics {any_code / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
