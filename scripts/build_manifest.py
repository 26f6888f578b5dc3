"""Build corpora/manifest.csv from the collectors' records of real report pages.

Usage: python scripts/build_manifest.py SEEN.jsonl [SEEN.jsonl ...] [--out corpora/manifest.csv]

Each SEEN line (written while searching stored copies of public pages) holds an address and the
facts read off the page: issuer, level, region, year covered, title, publication date, the query
that found it. Lines are merged by address (the fullest facts win), region fields and the
administrative-division code are completed from the package's gazetteer, and rows already in
the manifest (shipped files) are kept. Only addresses and facts go into the manifest, never page
text. Then `fzanalyzer manifest corpora/manifest.csv` prints the counts.
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from fzanalyzer.collect.manifest import COLUMNS, entry_id


def _score(rec: dict) -> int:
    return sum(
        1 for v in (rec.get("issuer"), rec.get("year_covered"), rec.get("title"), rec.get("level")) if v
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("seen", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("corpora/manifest.csv"))
    args = ap.parse_args()
    import opencc

    from fzanalyzer.meta.region import resolve_region

    t2s = opencc.OpenCC("t2s")  # traditional-script pages: facts in simplified, as the toolkit writes them

    best: dict[str, dict] = {}
    for path in args.seen:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(
                line,
                object_hook=lambda d: {
                    k: t2s.convert(v) if isinstance(v, str) and k != "address" else v for k, v in d.items()
                },
            )
            url = rec["address"].strip()
            if url not in best or _score(rec) > _score(best[url]):
                best[url] = rec
    kept: list[dict] = []
    if args.out.exists():
        with args.out.open(encoding="utf-8-sig", newline="") as fh:
            kept = [r for r in csv.DictReader(fh) if not r.get("url") or r["url"] not in best]
    rows = list(kept)
    for url, rec in sorted(
        best.items(), key=lambda kv: (kv[1].get("issuer") or "", kv[1].get("year_covered") or 0)
    ):
        region = dict(rec.get("region") or {})
        adcode = None
        if rec.get("issuer"):
            res = resolve_region(rec["issuer"], "")
            adcode = res.adcode
            for k in ("province", "city", "county_or_district"):
                region[k] = region.get(k) or getattr(res.region, k)
        year = rec.get("year_covered")
        rows.append(
            {
                "id": f"{adcode or 'x'}-{year or 'nd'}-{entry_id(url)[1:7]}",
                "issuer": rec.get("issuer"),
                "level": rec.get("level"),
                "province": region.get("province"),
                "city": region.get("city"),
                "county_or_district": region.get("county_or_district"),
                "adcode": adcode,
                "year_covered": year,
                "title": rec.get("title"),
                "url": url,
                "attachment_url": rec.get("attachment_url"),
                "published": rec.get("published"),
                "file": None,
                "found_via": f"search of stored public pages: {rec.get('query')}",
                "note": rec.get("note"),
            }
        )
    with args.out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS), extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: "" if r.get(k) is None else r.get(k) for k in COLUMNS})
    print(f"{len(rows)} rows written to {args.out}")


if __name__ == "__main__":
    main()
