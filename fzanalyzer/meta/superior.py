"""Divisions above the issuer that the report names where it addresses its superior.

A report is sent up one level: a county's or district's to its city (``汀阳市人民政府：``,
``市委、市政府：``), a city's to its province (``南岑省人民政府：``), a department's to its
government. The addressee line (the first line ending in ``：`` after the title) and the opening's
``在…领导下`` clause (``在南岑省委、省政府和市委的坚强领导下``) therefore name the higher divisions
when they name any. Names are taken from the gazetteer when it knows them, otherwise by their
suffix (省/自治区/市/州/盟/地区 …), so invented or unlisted divisions work too. Which of them are
really above the issuer is decided in :func:`fzanalyzer.meta.region.fill_superiors`.

>>> lines = ["淞阳市人民政府关于2020年法治政府建设情况的报告", "南岑省人民政府:",
...          "2020年,淞阳市人民政府在南岑省委、省政府和市委的坚强领导下,统筹推进各项工作。"]
>>> superior_names(lines, 1)
['南岑省']
>>> superior_names(["柘川县人民政府关于2021年度法治政府建设情况的报告", "市委、市政府:",
...                 "2021年,柘川县人民政府在中共汀阳市委的坚强领导下,依法行政。"], 1)
['汀阳市']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..normalize.resources import chrome_patterns, load_json

__all__ = ["addressee", "leadership_clauses", "named_divisions", "superior_names"]

_ADDRESSEE_WINDOW = 3  # the addressee is among the first lines after the title
_OPENING_WINDOW = 4  # the opening paragraph too
_OPENING_CHARS = 400  # of which only the start speaks of the leadership (a one-line text goes on)


@dataclass(frozen=True)
class _SupLex:
    clause: re.Pattern[str]
    separators: str
    party_prefix: str
    name: re.Pattern[str]
    organ_after: re.Pattern[str]
    stop_first: str


@cache
def _lex() -> _SupLex:
    m = load_json("meta.json")
    d = m["superior"]
    # A department of the level above (云梧市司法局) names that level as well as its government.
    departments = sorted(
        (w for w in m["department_words"] if len(w) >= 2 and w != d["party_prefix"]), key=len
    )
    organ = "|".join([d["organ_after"], *(re.escape(w) for w in reversed(departments))])
    return _SupLex(
        clause=re.compile(d["leadership_clause"]),
        separators=d["separators"],
        party_prefix=d["party_prefix"],
        name=re.compile(rf"({d['name']})(?=(?:{organ})|{d['name']})"),
        organ_after=re.compile(organ),
        stop_first=d["stop_first"],
    )


def addressee(lines: list[str], start: int) -> str | None:
    """The addressee line among the first lines from ``start`` (``汀阳市人民政府:``), else None."""
    pattern = chrome_patterns().addressee_line
    for line in lines[start : start + _ADDRESSEE_WINDOW]:
        s = line.strip()
        if pattern.match(s):
            return s
    return None


def leadership_clauses(opening: str) -> list[str]:
    """What stands between 在 and 领导下 in the opening paragraph (its first characters).

    >>> leadership_clauses("2021年,我县在市委、市政府和县委的坚强领导下,依法行政。")
    ['市委、市政府和县委']
    >>> leadership_clauses("在以习近平同志为核心的党中央坚强领导下,在南岑省委的正确领导下,我市…")
    ['以习近平同志为核心的党中央', '南岑省委']
    """
    return [m.group(1) for m in _lex().clause.finditer(opening[:_OPENING_CHARS])]


def _one_name_at(segment: str, pos: int) -> tuple[str, int] | None:
    """(name, characters it takes) of the division named at ``pos``: a name the gazetteer does
    not know that ends in one it knows (签发人:郭建英河北省人民政府 flattened) is the known one."""
    from .region import gazetteer_name_at

    lex = _lex()
    known = gazetteer_name_at(segment, pos)
    if known:
        return known, len(known)
    m = lex.name.match(segment, pos)
    if not m or m.group(1)[0] in lex.stop_first:
        return None
    name = m.group(1)
    for k in range(1, len(name) - 1):
        if gazetteer_name_at(name, k) == name[k:]:
            return name[k:], len(name)
    return name, len(name)


def _names_at(segment: str, pos: int) -> list[str]:
    """The division names starting at ``pos`` (汀阳市琅屿县 in 汀阳市琅屿县人民政府), if an organ
    follows them; else none."""
    lex = _lex()
    if segment.startswith(lex.party_prefix, pos):
        pos += len(lex.party_prefix)
    names: list[str] = []
    while len(names) < 4:
        found = _one_name_at(segment, pos)
        if found is None:
            return []
        names.append(found[0])
        pos += found[1]
        if lex.organ_after.match(segment, pos):
            return names
    return []


def named_divisions(segment: str) -> list[str]:
    """Division names in an addressee or a leadership clause, each followed by an organ.

    >>> named_divisions("南岑省委、省政府和淞阳市委")
    ['南岑省', '淞阳市']
    >>> named_divisions("汀阳市琅屿县人民政府")
    ['汀阳市', '琅屿县']
    >>> named_divisions("各乡镇人民政府,县政府各部门")
    []
    """
    lex = _lex()
    starts = [0] + [i + 1 for i, ch in enumerate(segment) if ch in lex.separators]
    out: list[str] = []
    covered = 0  # a separator inside a name found (和田地区) starts nothing
    for pos in starts:
        if pos < covered:
            continue
        names = _names_at(segment, pos)
        if names:
            covered = segment.index(names[-1], pos) + len(names[-1])
        out += [n for n in names if n not in out]
    return out


def superior_names(lines: list[str], start: int) -> list[str]:
    """Division names in the addressee line and the opening's leadership clause, addressee first.

    ``lines`` are the non-empty lines of the text, ``start`` the index of the first line after
    the title.
    """
    names: list[str] = []
    line = addressee(lines, start)
    if line:
        names += named_divisions(line.rstrip(":："))
    window = lines[start : start + _OPENING_WINDOW]
    first = next((i for i, s in enumerate(window) if len(s) >= 20), None)
    # A hard-wrapped opening (PDF text not rejoined) goes on over the next lines.
    opening = "".join(window[first:]) if first is not None else ""
    for clause in leadership_clauses(opening):
        names += [n for n in named_divisions(clause) if n not in names]
    return names
