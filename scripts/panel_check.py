"""Draw cross-issuer panel keys to check by reading: does one key hold one measure?

The panel (``fzanalyzer panel``) joins two issuers only on a codebook code. This script builds
the panel over the shipped sets, lists every (key, unit, kind) that two issuers or more report
(:func:`fzanalyzer.compare.panel.cross_issuer_keys`), draws ``--n`` of them with a fixed seed and
writes them to a TSV with the distinct wordings each key joins and the clause of each (the 40
characters before the number, to read it in context). A reader fills ``verdict``:

- ``same``: every wording counts the same thing;
- ``scope``: the same measure with another coverage (one domain, one level of government, a
  period) — comparable with care; ``cross_issuer()`` flags wording and period;
- ``different``: a wording counts another thing (another stage, object or act) — a merge of two
  measures, the error this check counts.

Verdicts already in ``--out`` are kept for a key whose wordings did not change, so after a change
of the codebook only the keys that changed need reading again.

    python3 scripts/panel_check.py --out tests/data/panel-check.tsv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the package of this checkout, not another installed copy
SETS = ("tests/data/dev", "tests/data/holdout", "tests/data/seed", "corpora")
COLUMNS = ("key", "unit", "kind", "n_issuers", "wordings", "contexts", "verdict", "note")
VERDICTS = ("same", "scope", "different")


def draw(sets: list[Path], n: int, seed: int) -> list[dict[str, str]]:
    from fzanalyzer import Corpus
    from fzanalyzer.compare.panel import cross_issuer_keys, panel

    corpus = Corpus.from_files(sets)
    texts = {r.id: r.text for r in corpus}
    long = panel(corpus)
    keys = cross_issuer_keys(long)
    print(f"{len(corpus)} documents, {len(keys)} cross-issuer keys", file=sys.stderr)
    picked = sorted(random.Random(seed).sample(range(len(keys)), min(n, len(keys))))
    rows = []
    for i in picked:
        k = keys.iloc[i]
        sub = long[(long["key"] == k["key"]) & (long["unit"] == k["unit"]) & (long["kind"] == k["kind"])]
        contexts: dict[str, str] = {}
        for r in sub.itertuples():
            text = texts[r.report_id]
            clause = text[max(0, r.start - 40) : r.end].replace("\n", " ").replace("\t", " ")
            contexts.setdefault(f"{r.issuer}：{r.name}", f"{r.report_id}: …{clause}")
        rows.append(
            {
                "key": k["key"],
                "unit": k["unit"],
                "kind": k["kind"],
                "n_issuers": str(k["n_issuers"]),
                "wordings": k["wordings"],
                "contexts": " | ".join(contexts[w] for w in k["wordings"].split(" | ")),
                "verdict": "",
                "note": "",
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "panel-check.tsv")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("sets", nargs="*", type=Path, default=[ROOT / s for s in SETS])
    args = ap.parse_args(argv)
    old: dict[tuple[str, ...], dict[str, str]] = {}
    if args.out.exists():
        with open(args.out, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                old[(r["key"], r["unit"], r["kind"], r["wordings"])] = r
    rows = draw(args.sets, args.n, args.seed)
    for r in rows:
        prev = old.get((r["key"], r["unit"], r["kind"], r["wordings"]))
        if prev:
            r["verdict"], r["note"] = prev["verdict"], prev["note"]
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    counts = Counter(r["verdict"] or "unread" for r in rows)
    print(f"{len(rows)} keys → {args.out}: " + ", ".join(f"{v} {counts[v]}" for v in (*VERDICTS, "unread")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
