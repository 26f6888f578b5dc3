"""The manifest: one row per report address (CSV with a header row).

Columns: ``id`` and ``url`` are what fetching needs (an empty id is derived from the address);
``attachment_url`` names the report's document when the page only links to it; the others —
``issuer, level, province, city, county_or_district, adcode, year_covered, title, published,
found_via, note`` — are facts about the report carried into the provenance sidecar.

>>> import io
>>> rows = read_manifest_text("id,url\\nqh-2021,https://example.org/a.html\\n")
>>> rows[0].id, rows[0].url
('qh-2021', 'https://example.org/a.html')
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FzError

#: Columns of the manifest in the order ``write_manifest`` writes them.
COLUMNS = (
    "id",
    "issuer",
    "level",
    "province",
    "city",
    "county_or_district",
    "adcode",
    "year_covered",
    "title",
    "url",
    "attachment_url",
    "published",
    "file",
    "found_via",
    "note",
)

_ID = re.compile(r"[^0-9A-Za-z._-]+")


@dataclass(frozen=True)
class Entry:
    """One manifest row."""

    id: str
    url: str
    attachment_url: str | None = None
    facts: dict[str, str] = field(default_factory=dict)


def entry_id(url: str) -> str:
    """A stable file-safe id for an address without one."""
    return "u" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]


def read_manifest(path: str | Path) -> list[Entry]:
    """Read a manifest CSV (UTF-8, with or without BOM)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise FzError.from_code("E100", path=p, detail=f"{type(exc).__name__}: {exc}") from exc
    return read_manifest_text(text, source=str(p))


def read_manifest_text(text: str, source: str = "<manifest>") -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "url" not in reader.fieldnames:
        raise FzError.from_code("E100", path=source, detail="no 'url' column in the header row")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(reader, start=2):
        url = (row.get("url") or "").strip()
        if not url:
            continue  # a row for a shipped file without an address
        if not url.startswith(("http://", "https://")):
            raise FzError.from_code(
                "E100", path=source, detail=f"line {n}: {url!r} is not an http(s) address"
            )
        rid = _ID.sub("-", (row.get("id") or "").strip()).strip("-") or entry_id(url)
        if rid in seen:
            raise FzError.from_code(
                "E100", path=source, detail=f"line {n}: id {rid!r} repeats line {seen[rid]}"
            )
        seen[rid] = n
        facts = {k: v.strip() for k, v in row.items() if k and k not in ("id", "url") and v and v.strip()}
        entries.append(Entry(rid, url, facts.pop("attachment_url", None), facts))
    return entries
