"""Keep one rebuilt page of the real set when its sha256 matches the manifest (REBUILD.md).

    python3 scripts/realset_kit/rebuild_save.py ID FILE [--pages /tmp/realpages]

FILE holds the excerpt as a helper copied it from a `search` answer. Tried as is, without one
trailing newline, and JSON-unescaped (an excerpt pasted with its \\n and \\" escapes); the first
form whose sha256 is the manifest's is written to PAGES/ID.txt. Run from the repository's root.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import sys
from pathlib import Path

MANIFEST = Path("tests/data/real/manifest.jsonl")


def forms(raw: str) -> list[str]:
    """The text as written, without one trailing newline, and each of those JSON-unescaped."""
    out = [raw] + ([raw[:-1]] if raw.endswith("\n") else [])
    for form in list(out):
        with contextlib.suppress(json.JSONDecodeError):
            out.append(json.loads('"' + form + '"'))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("id")
    ap.add_argument("file", type=Path)
    ap.add_argument("--pages", type=Path, default=Path("/tmp/realpages"))
    args = ap.parse_args(argv)
    with MANIFEST.open(encoding="utf-8") as fh:
        entries = {e["id"]: e for e in map(json.loads, fh)}
    entry = entries.get(args.id)
    if entry is None:
        print(f"unknown id {args.id}: not in {MANIFEST}", file=sys.stderr)
        return 2
    candidates = forms(args.file.read_bytes().decode("utf-8"))
    for text in candidates:
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == entry["sha256"]:
            args.pages.mkdir(parents=True, exist_ok=True)
            (args.pages / f"{args.id}.txt").write_bytes(text.encode("utf-8"))
            print(f"OK {args.id}")
            return 0
    closest = min(candidates, key=lambda t: abs(len(t) - entry["chars"]))
    print(
        f"MISMATCH {args.id}: your text has {len(closest)} characters, the manifest {entry['chars']}; "
        "compare it with the excerpt (runs of spaces, full-width punctuation, a dropped line break) and try again"
    )
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
