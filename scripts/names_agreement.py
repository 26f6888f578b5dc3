"""How far two readers agree on indicator names, and the toolkit against each of them.

A second reader who saw neither the gold nor the code named every gold indicator of some real pages, given the page
and the indicators' texts, values and units (``tests/data/real/second-names.jsonl``: one line per page, ``names`` in
the order of the gold's indicators). Agreement is the scorer's: character-bigram Dice >= 0.5 (docs/gold-format.md).
Pages are scored in whatever split they lie; rebuild the texts first (tests/data/real/README.md). ``--reader R2``
keeps the pages one second reader named (X: 28 pages of annotators A–L, session 7; R2: the 115 dev pages of S–AA,
session 10).

    python3 scripts/names_agreement.py --pages /tmp/realpages [--reader R2]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", required=True, type=Path, help="folder of the rebuilt page texts")
    ap.add_argument(
        "--real", default=ROOT / "tests" / "data" / "real", type=Path, help="the real set's folder"
    )
    ap.add_argument("--reader", default=None, help="only the pages this second reader named (X, R2)")
    args = ap.parse_args()

    from fzanalyzer.evaluate.real import real_gold
    from fzanalyzer.evaluate.score import Tally, score_indicators
    from fzanalyzer.normalize.steps import to_simplified
    from fzanalyzer.pipeline import analyze_file
    from fzanalyzer.spans import dice

    def same(a: str | None, b: str | None) -> bool:
        return dice(to_simplified(a or ""), to_simplified(b or "")) >= 0.5

    entries = {}
    with open(args.real / "manifest.jsonl", encoding="utf-8") as fh:
        for line in fh:
            e = json.loads(line)
            entries[e["id"]] = e
    readers = tool_1 = tool_2 = either = matched = total = 0
    with open(args.real / "second-names.jsonl", encoding="utf-8") as fh:
        for line in fh:
            second = json.loads(line)
            if args.reader and second.get("reader") != args.reader:
                continue
            entry = entries[second["id"]]
            first = entry["gold"]["indicators"]
            if len(first) != len(second["names"]):
                raise SystemExit(
                    f"{second['id']}: {len(second['names'])} second names for {len(first)} indicators"
                )
            readers += sum(same(g.get("name"), n) for g, n in zip(first, second["names"], strict=True))
            total += len(first)
            path = args.pages / entry["gold"]["file"]
            gold = real_gold(entry, path.read_text(encoding="utf-8"))
            by_gold = {id(g): n for g, n in zip(gold["indicators"], second["names"], strict=True)}
            pred = analyze_file(path, id=entry["id"]).to_dict()
            for g, p in score_indicators(gold, pred, Tally()):
                if p is None:
                    continue
                matched += 1
                a, b = same(g.get("name"), p.get("name")), same(by_gold[id(g)], p.get("name"))
                tool_1, tool_2, either = tool_1 + a, tool_2 + b, either + (a or b)
    print(f"reader 1 (gold) vs reader 2: {readers} of {total} names agree ({readers / total:.3f})")
    print(
        f"toolkit, on {matched} matched indicators: vs reader 1 {tool_1 / matched:.3f}, vs reader 2 "
        f"{tool_2 / matched:.3f}, agrees with either {either / matched:.3f}"
    )


if __name__ == "__main__":
    main()
