"""Save one rebuilt page: python3 /tmp/rebuild/save.py ID FILE
FILE holds the excerpt text. Tries: as is, without one trailing newline, and JSON-unescaped
(if you pasted it with \\n and \\" escapes). Writes /tmp/realpages/ID.txt only on a sha256 match."""

import hashlib
import json
import pathlib
import sys

man = {json.loads(l)["id"]: json.loads(l) for l in open("tests/data/real/manifest.jsonl")}
pid, f = sys.argv[1], sys.argv[2]
if pid not in man:
    sys.exit(f"unknown id {pid}")
want = man[pid]["sha256"]
raw = pathlib.Path(f).read_bytes().decode("utf-8")
cands = [raw, raw[:-1] if raw.endswith("\n") else None]
for c in list(cands):
    if c is None:
        continue
    try:
        cands.append(json.loads('"' + c + '"'))
    except Exception:
        pass
for c in cands:
    if c is not None and hashlib.sha256(c.encode("utf-8")).hexdigest() == want:
        pathlib.Path(f"/tmp/realpages/{pid}.txt").write_bytes(c.encode("utf-8"))
        print(f"OK {pid}")
        sys.exit(0)
best = max((c for c in cands if c is not None), key=lambda c: -abs(len(c) - man[pid]["chars"]))
print(
    f"MISMATCH {pid}: your text has {len(best)} chars, the manifest says {man[pid]['chars']}; "
    "check you copied the excerpt exactly (whitespace, punctuation), then try again"
)
sys.exit(1)
