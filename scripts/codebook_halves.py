"""Codebook coverage on the two halves of the real development pages, to check that a change of the
codebook made on one half holds on the other (issue 12).

A page is in half A when the sha1 of its id is even, else in half B (the split of docs/codebook.md).
For each half the script prints the share of extracted indicators with a measure's code and with a
measure's or a topic code (the back-off layer), as ``fzanalyzer eval-real`` counts them; with
``--uncoded A`` (or B) it also lists that half's indicators without a measure's code (with their topic code or -), the misses to read. Only the
``dev`` split is read: the holdout pages are scored once, by ``eval-real --split holdout``.

    python3 scripts/codebook_halves.py --pages /tmp/realpages [--uncoded A]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def main(argv: list[str] | None = None) -> int:
    from fzanalyzer.evaluate.real import dev_reports, dev_set_parser, half
    from fzanalyzer.extract.codebook import joins_issuers

    ap = dev_set_parser(__doc__.split("\n")[0], ROOT / "tests" / "data" / "real")
    ap.add_argument("--uncoded", choices=("A", "B"), help="also list this half's uncoded indicators")
    args = ap.parse_args(argv)
    counts = {h: [0, 0, 0] for h in "AB"}  # indicators, with a measure's code, with any code
    for entry, _gold, report in dev_reports(args.real, [args.pages]):
        h = half(entry["id"])
        for ind in report.indicators:
            counts[h][0] += 1
            counts[h][1] += joins_issuers(ind.code)
            counts[h][2] += ind.code is not None
            if not joins_issuers(ind.code) and args.uncoded == h:
                context = report.text[max(0, ind.start - 40) : ind.end]
                print(f"{entry['id']}\t{ind.text}\t{ind.name}\t{ind.code or '-'}\t{context}")
    for h, (n, measures, any_code) in counts.items():
        print(f"half {h}: {n} indicators, coverage {measures / n:.3f}, with topics {any_code / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
