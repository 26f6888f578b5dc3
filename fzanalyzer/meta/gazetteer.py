"""China's administrative divisions with their codes (adcode), shipped as data.

The table (``fzanalyzer/data/gazetteer/divisions.tsv``; source and license in the README beside
it) lists provinces, prefecture cities and county-level divisions. It is loaded once, lazily.

>>> g = gazetteer()
>>> [d.code for d in g.by_name("静海区")]
['120118']
>>> [a.name for a in g.ancestors(g.by_name("静海区")[0])]
['天津市']
>>> [d.name for d in g.by_name("镇宁自治县")], [d.name for d in g.by_name("彭水县")]
(['镇宁布依族苗族自治县'], ['彭水苗族土家族自治县'])
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from ..resources import read_data


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
        self._aliases: dict[str, list[Division]] = {}
        # Autonomous divisions under the short names pages use (镇宁自治县, 彭水县), where no
        # division has that name of its own.
        for d in rows:
            for alias in short_names(d.name):
                if alias not in self._by_name:
                    self._aliases.setdefault(alias, []).append(d)
        for alias, name in _prefecture_short_names().items():
            if alias not in self._by_name:
                self._aliases.setdefault(alias, []).extend(d for d in self._by_name.get(name, []))

    def by_name(self, name: str) -> list[Division]:
        """Divisions with this exact name (or short name: 镇宁自治县); current ones first, historical ones only when no
        current division has the name. Municipality rows (天津市 as a 'city' of 天津市) are
        left out: the municipality is its province row."""
        rows = self._by_name.get(name) or self._aliases.get(name, [])
        found = [d for d in rows if not self.is_municipal_city(d)]
        current = [d for d in found if d.current]
        return current or found

    def get(self, code: str | None) -> Division | None:
        if not code:
            return None
        rows = self._by_code.get(code, [])
        current = [d for d in rows if d.current]
        found = current or rows
        return found[0] if found else None

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


def short_names(name: str) -> list[str]:
    """The short names of an autonomous division: its name without the nationalities, with and
    without 自治 (镇宁布依族苗族自治县 → 镇宁自治县, 镇宁县); none for any other name.

    >>> short_names("黔南布依族苗族自治州"), short_names("静海区")
    (['黔南自治州', '黔南州'], [])
    """
    m = re.match(r"^(.+?)自治(县|州|旗)$", name)
    if not m:
        return []
    stem, kind = m.groups()
    groups = _ethnic_groups()
    while True:
        cut = next((g for g in groups if stem.endswith(g) and len(stem) - len(g) >= 2), None)
        if cut is None:
            break
        stem = stem[: -len(cut)]
    if stem == m.group(1):
        return []
    return [f"{stem}自治{kind}", f"{stem}{kind}"]


@cache
def _prefecture_short_names() -> dict[str, str]:
    from ..normalize.resources import load_json

    return dict(load_json("meta.json")["prefecture_short_names"])


@cache
def _ethnic_groups() -> tuple[str, ...]:
    from ..normalize.resources import load_json

    names = load_json("meta.json")["ethnic_groups"]
    # 布依族 before 布依, longest first: 哈萨克族 is cut whole, not as 族 then nothing.
    return tuple(sorted([n + "族" for n in names] + list(names), key=len, reverse=True))


@cache
def gazetteer() -> Gazetteer:
    """The shipped division table (loaded on first use)."""
    rows = []
    for r in csv.DictReader(read_data("gazetteer", "divisions.tsv").splitlines(), delimiter="\t"):
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
