"""Merge the annotators' folders of the real development set into tests/data/real/manifest.jsonl.

Each folder (``ROOT/A``, ``ROOT/B`` …) holds ``manifest.jsonl``, ``gold/ID.gold.json``,
``pages/ID.txt`` and ``seen.jsonl`` (see tests/data/real/README.md). The merged manifest keeps
address, query, rank, sha256, split and the gold facts with the offsets of every gold string in
the page — never the page text. ``--pages-out DIR`` also copies the verified page texts into a
local folder (outside the repository) to score with ``fzanalyzer eval-real``.

    python3 scripts/merge_realset.py /work/realset --out tests/data/real --pages-out /tmp/realpages
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any


def split_of(address: str) -> str:
    """The split rule of the set: 30 % of addresses, by hash, are held out."""
    return "holdout" if int(hashlib.sha256(address.encode()).hexdigest()[:8], 16) % 10 < 3 else "dev"


def add_offsets(gold: dict[str, Any], text: str) -> list[str]:
    """Record ``start``/``end`` of the title, every heading title and every indicator text (the
    occurrence after the previous one, in document order); return the strings not found."""
    lost = []
    if gold.get("title"):
        i = text.find(gold["title"])
        gold["title_span"] = [i, i + len(gold["title"])] if i >= 0 else None
        if i < 0:
            lost.append(gold["title"])

    pos = 0

    def place(item: dict[str, Any], key: str) -> None:
        """Offsets of ``item[key]``: its occurrence after the previous string, else the first."""
        nonlocal pos
        needle = item.get(key, "")
        i = text.find(needle, pos)
        if i < 0:
            i = text.find(needle)
        if i < 0:
            lost.append(needle)
        else:
            item["start"], item["end"] = i, i + len(needle)
            pos = i

    def walk(items: list[dict[str, Any]]) -> None:
        for s in items:
            place(s, "title")
            walk(s.get("children") or [])

    walk(gold.get("sections") or [])
    pos = 0
    for ind in gold.get("indicators") or []:
        place(ind, "text")
    return lost


def keep_copies_together(entries: dict[str, dict[str, Any]]) -> None:
    """Copies of one report (a traditional-script mirror, a repost: the same issuer and covered
    year) share a split: when one copy is in dev, it was studied there, so a held-out copy of it
    is not unseen and moves to dev."""
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for e in entries.values():
        g = e["gold"]
        if g.get("is_report") and g.get("issuer") and g.get("year_covered"):
            groups.setdefault((g["issuer"], g["year_covered"]), []).append(e)
    for (issuer, year), copies in sorted(groups.items()):
        if len(copies) > 1 and any(e["split"] == "dev" for e in copies):
            for e in copies:
                if e["split"] != "dev":
                    print(f"{e['id']}: a copy of a dev page ({issuer} {year}), moved to dev", file=sys.stderr)
                    e["split"] = "dev"


def read_existing(out: Path) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The pages and seen report pages already merged into ``out`` (kept by ``--keep-existing``)."""
    entries: dict[str, dict[str, Any]] = {}
    seen: dict[str, dict[str, Any]] = {}
    for name, into, key in (("manifest.jsonl", entries, "id"), ("seen.jsonl", seen, "address")):
        path = out / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    into[item.get(key, "")] = item
    return entries, seen


def merge(root: Path, out: Path, pages_out: Path | None, keep_existing: bool = False) -> int:
    entries, seen = read_existing(out) if keep_existing else ({}, {})
    addresses: dict[str, str] = {e["address"]: rid for rid, e in entries.items()}
    problems = 0
    for folder in sorted(p for p in root.iterdir() if (p / "manifest.jsonl").is_file()):
        for n, line in enumerate((folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                m = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{folder.name} manifest line {n}: {exc}", file=sys.stderr)
                problems += 1
                continue
            rid = m["id"]
            if rid in entries or m["address"] in addresses:
                print(
                    f"{folder.name}/{rid}: duplicate of {addresses.get(m['address'], rid)}, skipped",
                    file=sys.stderr,
                )
                continue
            page = folder / "pages" / f"{rid}.txt"
            gpath = folder / "gold" / f"{rid}.gold.json"
            if not page.is_file() or not gpath.is_file():
                print(f"{folder.name}/{rid}: page or gold missing, skipped", file=sys.stderr)
                problems += 1
                continue
            data = page.read_bytes()
            if hashlib.sha256(data).hexdigest() != m["sha256"]:
                print(f"{folder.name}/{rid}: sha256 differs from the page, skipped", file=sys.stderr)
                problems += 1
                continue
            try:
                gold = json.loads(gpath.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                print(f"{folder.name}/{rid}: gold not valid JSON ({exc}), skipped", file=sys.stderr)
                problems += 1
                continue
            if split_of(m["address"]) != m.get("split"):
                print(f"{folder.name}/{rid}: split recomputed from the address", file=sys.stderr)
            lost = add_offsets(gold, data.decode("utf-8"))
            for s in lost:
                print(f"{folder.name}/{rid}: gold string not in the page: {s[:30]!r}", file=sys.stderr)
            entries[rid] = {
                "id": rid,
                "address": m["address"],
                "query": m["query"],
                "rank": m.get("rank"),
                "sha256": m["sha256"],
                "chars": m.get("chars"),
                "kind": m.get("kind"),
                "split": split_of(m["address"]),
                "script": m.get("script"),
                "notes": m.get("notes"),
                "annotator": folder.name,
                "gold": gold,
            }
            addresses[m["address"]] = rid
            if pages_out is not None:
                pages_out.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, pages_out / page.name)
        seen_file = folder / "seen.jsonl"
        if seen_file.is_file():
            for line in seen_file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    try:
                        s = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    seen.setdefault(s.get("address", ""), s)
    keep_copies_together(entries)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for rid in sorted(entries):
            fh.write(json.dumps(entries[rid], ensure_ascii=False) + "\n")
    with open(out / "seen.jsonl", "w", encoding="utf-8") as fh:
        for addr in sorted(seen):
            fh.write(json.dumps(seen[addr], ensure_ascii=False) + "\n")
    vals = list(entries.values())
    counts = {
        sp: (
            sum(e["split"] == sp for e in vals),
            sum(e["split"] == sp and e["gold"].get("is_report") for e in vals),
        )
        for sp in ("dev", "holdout")
    }
    print(
        f"{len(vals)} pages ({sum(bool(e['gold'].get('is_report')) for e in vals)} reports); "
        + "; ".join(f"{sp}: {n} pages, {r} reports" for sp, (n, r) in counts.items())
        + f"; {len(seen)} distinct report pages seen; {problems} problem(s)"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("root", type=Path, help="folder holding one sub-folder per annotator")
    ap.add_argument("--out", type=Path, default=Path("tests/data/real"))
    ap.add_argument("--pages-out", type=Path, default=None, help="copy the page texts here (not the repo)")
    ap.add_argument(
        "--keep-existing",
        action="store_true",
        help="keep the pages already in OUT/manifest.jsonl (an annotator's folder that is gone "
        "is not lost) and add the folders' new pages",
    )
    args = ap.parse_args(argv)
    return merge(args.root, args.out, args.pages_out, args.keep_existing)


if __name__ == "__main__":
    sys.exit(main())
