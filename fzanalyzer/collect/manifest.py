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
        raise FzError.from_code("E120", path=p, detail=f"{type(exc).__name__}: {exc}") from exc
    return read_manifest_text(text, source=str(p))


def read_manifest_text(text: str, source: str = "<manifest>") -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "url" not in reader.fieldnames:
        raise FzError.from_code("E120", path=source, detail="no 'url' column in the header row")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(reader, start=2):
        url = (row.get("url") or "").strip()
        if not url:
            continue  # a row for a shipped file without an address
        if not url.startswith(("http://", "https://")):
            raise FzError.from_code(
                "E120", path=source, detail=f"line {n}: {url!r} is not an http(s) address"
            )
        rid = _ID.sub("-", (row.get("id") or "").strip()).strip("-") or entry_id(url)
        if rid in seen:
            raise FzError.from_code(
                "E120", path=source, detail=f"line {n}: id {rid!r} repeats line {seen[rid]}"
            )
        seen[rid] = n
        facts = {k: v.strip() for k, v in row.items() if k and k not in ("id", "url") and v and v.strip()}
        entries.append(Entry(rid, url, facts.pop("attachment_url", None), facts))
    return entries


def consecutive_runs(years: set[int]) -> int:
    """Length of the longest run of consecutive years.

    >>> consecutive_runs({2018, 2019, 2020, 2022})
    3
    """
    best = run = 0
    for y in sorted(years):
        run = run + 1 if y - 1 in years else 1
        best = max(best, run)
    return best


@dataclass
class ManifestSummary:
    """What a manifest holds (``fzanalyzer manifest``)."""

    entries: int
    with_attachment: int
    issuers: int
    levels: dict[str, int]
    provinces: dict[str, int]
    years: dict[str, int]
    series_3plus: dict[str, list[int]]  # issuer → years, for issuers with 3+ consecutive years


def summarize(entries: list[Entry]) -> ManifestSummary:
    """Counts a collector wants before fetching: entries, issuers, levels, provinces, years,
    and the issuers whose reports cover three or more consecutive years (the series a panel
    or an audit chain needs)."""
    from collections import Counter

    years_of: dict[str, set[int]] = {}
    for e in entries:
        issuer, year = e.facts.get("issuer"), e.facts.get("year_covered")
        if issuer and year and year.isdigit():
            years_of.setdefault(issuer, set()).add(int(year))

    def count(key: str) -> dict[str, int]:
        return dict(Counter(e.facts.get(key) or "?" for e in entries).most_common())

    return ManifestSummary(
        entries=len(entries),
        with_attachment=sum(1 for e in entries if e.attachment_url),
        issuers=len({e.facts["issuer"] for e in entries if e.facts.get("issuer")}),
        levels=count("level"),
        provinces=count("province"),
        years=dict(sorted(count("year_covered").items())),
        series_3plus={i: sorted(ys) for i, ys in sorted(years_of.items()) if consecutive_runs(ys) >= 3},
    )
