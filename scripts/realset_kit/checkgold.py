"""Check a gold file against its page: python3 /work/realset/checkgold.py LETTER ID"""

import json
import pathlib
import sys

letter, pid = sys.argv[1:3]
root = pathlib.Path("/work/realset") / letter
text = (root / "pages" / f"{pid}.txt").read_text(encoding="utf-8")
g = json.loads((root / "gold" / f"{pid}.gold.json").read_text(encoding="utf-8"))
errs = []
for k in (
    "id",
    "file",
    "synthetic",
    "excerpt",
    "is_report",
    "doc_type",
    "region",
    "issuer",
    "issuer_named",
    "level",
    "year_covered",
    "title",
    "sections",
    "indicators",
):
    if k not in g:
        errs.append(f"missing field {k}")
if g.get("id") != pid:
    errs.append("id differs from the file name")
if g.get("level") not in (None, "province", "city", "district_county", "township", "department"):
    errs.append(f"level {g.get('level')!r} not a label")
if g.get("title") and g["title"] not in text:
    errs.append(f"title not in the page: {g['title'][:30]}")
canon = {"measures_and_results", "shortcomings", "leadership_duty", "next_year_plan", "other"}


def walk(items, depth):
    for s in items:
        for k in ("marker", "title", "level"):
            if k not in s:
                errs.append(f"heading without {k}: {s}")
        if s.get("title") and s["title"] not in text:
            errs.append(f"heading title not in the page: {s['title'][:30]}")
        if s.get("level") == 1 and s.get("canonical") not in canon:
            errs.append(f"level-1 heading canonical {s.get('canonical')!r}")
        walk(s.get("children") or [], depth + 1)


walk(g.get("sections") or [], 1)
for ind in g.get("indicators") or []:
    for k in ("text", "value", "unit", "name"):
        if k not in ind:
            errs.append(f"indicator without {k}: {ind}")
    if ind.get("text") and ind["text"] not in text:
        errs.append(f"indicator text not in the page: {ind['text']}")
if not g.get("is_report") and (g.get("sections") or g.get("indicators")):
    pass  # a near-miss may leave them empty; allowed
print("\n".join(errs) if errs else f"{pid}: OK")
sys.exit(1 if errs else 0)
