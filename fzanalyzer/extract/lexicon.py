"""Language data for indicator extraction, loaded once from ``fzanalyzer/data``.

``units.tsv`` is the unit lexicon (surface → reported unit, factor, kind); ``indicators.json``
holds qualifiers, change words, exclusions, period patterns and name clean-up words. Logic in
:mod:`fzanalyzer.extract.indicators` only reads these; adding a unit or a cue word is a data
change.

>>> units()["万元"].unit, units()["万元"].factor
('元', 10000)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from ..resources import read_data


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    factor: int
    kind: str


def _data(name: str) -> str:
    return read_data(name)


def freeze(x: Any) -> Any:
    """A read-only copy of loaded JSON (mappings → ``MappingProxyType``, lists → tuples): the
    cached tables are shared by every call in the process, so no caller may change them.

    >>> t = freeze({"a": [1, 2]})
    >>> t["a"]
    (1, 2)
    >>> t["b"] = 1
    Traceback (most recent call last):
    TypeError: 'mappingproxy' object does not support item assignment
    """
    if isinstance(x, dict):
        return MappingProxyType({k: freeze(v) for k, v in x.items()})
    if isinstance(x, list):
        return tuple(freeze(v) for v in x)
    return x


@cache
def units() -> MappingProxyType[str, Unit]:
    """Surface form → :class:`Unit`, from ``data/units.tsv`` (read-only)."""
    out: dict[str, Unit] = {}
    for line in _data("units.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, unit, factor, kind = line.split("\t")[:4]
        out[surface] = Unit(surface, unit, int(factor), kind)
    return MappingProxyType(out)


@cache
def cues() -> Any:
    """The cue-word tables of ``data/indicators.json`` (read-only: lists are tuples)."""
    return freeze(json.loads(_data("indicators.json")))


@cache
def unit_pattern() -> str:
    """Alternation of unit surfaces, longest first (so 人次 wins over 人)."""
    forms = sorted(units(), key=len, reverse=True)
    return "|".join(re.escape(f) for f in forms)


@cache
def period_regex() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in cues()["period"]["patterns"]))


@cache
def scope_regex() -> re.Pattern[str]:
    """Period phrases as the period rules read them: ``period_regex`` and the clause-opening
    time adverbials (``，2025年组织…``) that date a clause but stay in names."""
    p = cues()["period"]
    return re.compile("|".join(f"(?:{x})" for x in [*p["patterns"], *p["clause_openers"]]))


@cache
def change_regex() -> re.Pattern[str]:
    """Change word + filler right before a number (matched at the end of the left context)."""
    ch = cues()["change"]
    inc = sorted(ch["increase"], key=len, reverse=True)
    dec = sorted(ch["decrease"], key=len, reverse=True)
    alt_inc = "|".join(map(re.escape, inc))
    alt_dec = "|".join(map(re.escape, dec))
    return re.compile(rf"(?:(?P<inc>{alt_inc})|(?P<dec>{alt_dec})){ch['gap']}$")
