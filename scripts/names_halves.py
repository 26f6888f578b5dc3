"""Indicator name agreement (character-bigram Dice >= 0.5, docs/gold-format.md) on the halves and on
each annotator's pages of the real development set: a change of the name rules made on one half's
misses is kept when it holds on the other (issues 10 and 12). ``--misses A`` (or B, or an
annotator's letter) also lists that group's disagreements to read. Only the ``dev`` split is read.

    python3 scripts/names_halves.py --pages /tmp/realpages [--misses A]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # period_halves, next to this script
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def main(argv: list[str] | None = None) -> int:
    from period_halves import agreement_by_halves

    from fzanalyzer.spans import dice

    return agreement_by_halves(__doc__, "name", lambda g, p: dice(g or "", p or "") >= 0.5, argv)


if __name__ == "__main__":
    raise SystemExit(main())
