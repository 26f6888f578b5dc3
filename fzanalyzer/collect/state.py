"""What earlier runs fetched: validators for conditional requests, files, checksums.

The state lives in ``OUT/.fetch/state.json`` and is rewritten atomically (temporary file and
rename) after each address, so a run killed at any moment resumes where it stopped.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FetchState:
    """Per-address record of the last successful fetch."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".fetch" / "state.json"
        self.urls: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            self.urls = json.loads(self.path.read_text(encoding="utf-8"))

    def get(self, url: str) -> dict[str, Any] | None:
        rec = self.urls.get(url)
        return rec if rec and (self.path.parent.parent / rec["file"]).exists() else None

    def put(self, url: str, record: dict[str, Any]) -> None:
        self.urls[url] = record
        self.save()

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self.urls, ensure_ascii=False, indent=1).encode("utf-8"))
