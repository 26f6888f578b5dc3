"""China's administrative divisions with their codes (adcode), shipped as data.

The table (``fzanalyzer/data/gazetteer/divisions.tsv``; source and license in the README beside
it) lists provinces, prefecture cities and county-level divisions. It is loaded once, lazily.

>>> g = gazetteer()
>>> [d.code for d in g.by_name("静海区")]
['120118']
>>> [a.name for a in g.ancestors(g.by_name("静海区")[0])]
['天津市']
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from ..resources import data_file


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str | None
    level: str  # province | city | county
    current: bool


class Gazetteer:
    """Name and code look-ups over the division table."""

    def __init__(self, rows: list[Division]) -> None:
        self.rows = rows
        self._by_code: dict[str, list[Division]] = {}
        self._by_name: dict[str, list[Division]] = {}
        for d in rows:
            self._by_code.setdefault(d.code, []).append(d)
            self._by_name.setdefault(d.name, []).append(d)
        self.province_names = frozenset(d.name for d in rows if d.level == "province")

    def by_name(self, name: str) -> list[Division]:
        """Divisions with this exact name; current ones first, historical ones only when no
        current division has the name. Municipality rows (天津市 as a 'city' of 天津市) are
        left out: the municipality is its province row."""
        found = [d for d in self._by_name.get(name, []) if not self.is_municipal_city(d)]
        current = [d for d in found if d.current]
        return current or found

    def get(self, code: str | None) -> Division | None:
        if not code:
            return None
        rows = self._by_code.get(code, [])
        current = [d for d in rows if d.current]
        return (current or rows or [None])[0]

    def is_municipal_city(self, d: Division) -> bool:
        """The city-level row of a municipality (天津市 under 天津市)."""
        parent = self.get(d.parent)
        return d.level == "city" and parent is not None and parent.name == d.name

    def ancestors(self, d: Division) -> list[Division]:
        """Enclosing divisions, nearest first, without municipal city rows."""
        out = []
        cur = self.get(d.parent)
        while cur is not None:
            if not self.is_municipal_city(cur):
                out.append(cur)
            cur = self.get(cur.parent)
        return out

    def province_of(self, d: Division) -> Division | None:
        if d.level == "province":
            return d
        return next((a for a in self.ancestors(d) if a.level == "province"), None)

    def city_of(self, d: Division) -> Division | None:
        if d.level == "city":
            return None if self.is_municipal_city(d) else d
        return next((a for a in self.ancestors(d) if a.level == "city"), None)


@cache
def gazetteer() -> Gazetteer:
    """The shipped division table (loaded on first use)."""
    path = data_file("gazetteer", "divisions.tsv")
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.append(
                Division(
                    code=r["code"],
                    name=r["name"],
                    parent=r["parent"] or None,
                    level=r["level"],
                    current=r["current"] == "1",
                )
            )
    return Gazetteer(rows)
