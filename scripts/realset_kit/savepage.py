"""Register a saved page of the real set (annotators' kit, tests/data/real/README.md): python3 /work/realset/savepage.py LETTER ID "QUERY" RANK ADDRESS KIND SCRIPT "NOTES"
The page text must already be in /work/realset/LETTER/pages/ID.txt, exactly the excerpt (UTF-8, no trailing newline;
one trailing newline is removed). KIND: report|nearmiss. SCRIPT: simplified|traditional.
Appends/replaces the line of ID in /work/realset/LETTER/manifest.jsonl."""

import hashlib
import json
import pathlib
import sys

letter, pid, query, rank, address, kind, script, notes = sys.argv[1:9]
root = pathlib.Path("/work/realset") / letter
used = set(pathlib.Path("/work/realset/used_addresses.txt").read_text().split())
if address in used:
    sys.exit(f"{address} is already in the set (used_addresses.txt): choose another page")
others = [p for p in pathlib.Path("/work/realset").glob("*/manifest.jsonl") if p.parent != root]
for o in others:
    for line in o.read_text().splitlines():
        if line.strip() and json.loads(line)["address"] == address:
            sys.exit(f"{address} was taken by annotator {o.parent.name}: choose another page")
page = root / "pages" / f"{pid}.txt"
data = page.read_bytes()
if data.endswith(b"\n"):
    data = data[:-1]
    page.write_bytes(data)
text = data.decode("utf-8")
split = "holdout" if int(hashlib.sha256(address.encode()).hexdigest()[:8], 16) % 10 < 3 else "dev"
entry = {
    "id": pid,
    "address": address,
    "query": query,
    "rank": int(rank),
    "sha256": hashlib.sha256(data).hexdigest(),
    "chars": len(text),
    "kind": kind,
    "split": split,
    "script": script,
    "notes": notes,
}
man = root / "manifest.jsonl"
lines = [
    line
    for line in (man.read_text().splitlines() if man.exists() else [])
    if line.strip() and json.loads(line)["id"] != pid
]
lines.append(json.dumps(entry, ensure_ascii=False))
man.write_text("\n".join(lines) + "\n")
print(f"saved {pid}: {len(text)} chars, split {split}")
