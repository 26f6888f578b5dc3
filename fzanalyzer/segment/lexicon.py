"""Language data for segmentation, loaded once from ``fzanalyzer/data`` (never at import time)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import read_data

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class MarkerType:
    type: str
    rank: float
    regex: re.Pattern[str]
    malformed: bool = False


@cache
def headings_data() -> dict[str, Any]:
    """The parsed ``data/headings.json``."""
    return json.loads(read_data("headings.json"))


@cache
def marker_types() -> tuple[MarkerType, ...]:
    return tuple(
        MarkerType(m["type"], float(m["rank"]), re.compile(m["pattern"]), bool(m.get("malformed", False)))
        for m in headings_data()["markers"]
    )


@cache
def marker_start(types: tuple[str, ...] = (), *, articles: bool = False) -> re.Pattern[str]:
    """One pattern for "a heading marker starts here": the well-formed ``markers`` of
    ``data/headings.json`` of the given ``types`` (all when empty), and with ``articles`` the
    article markers (第三条). Every module that asks whether a line or position opens with a
    heading marker uses this, so the 公文 marker forms are written once.

    >>> rx = marker_start(("cn_dun", "cn_paren", "ar_dot"))
    >>> [bool(rx.match(s)) for s in ("二、加强监督", "（三）推进", "3.开展", "1.5万件", "第三条")]
    [True, True, True, False, False]
    """
    data = headings_data()
    pats = [
        m["pattern"] for m in data["markers"] if not m.get("malformed") and (not types or m["type"] in types)
    ]
    if articles:
        pats += data["articles"]
    return re.compile("|".join(f"(?:{p.replace('(?P<num>', '(?:')})" for p in pats))


@cache
def enumeration_types() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((e["type"], re.compile(e["pattern"])) for e in headings_data()["enumerations"])


@cache
def type_rank(type_name: str) -> float:
    for m in marker_types():
        if m.type == type_name:
            return m.rank
    return 0.5  # unnumbered part headings sit between 第一部分 and 一、


@cache
def _compiled_list(key: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in headings_data()[key])


def chrome_patterns() -> tuple[re.Pattern[str], ...]:
    return _compiled_list("chrome_lines")


def page_furniture_patterns() -> tuple[re.Pattern[str], ...]:
    return _compiled_list("page_furniture")


def plan_lead_patterns() -> tuple[re.Pattern[str], ...]:
    return _compiled_list("plan_lead_cues")


def shortcoming_lead_patterns() -> tuple[re.Pattern[str], ...]:
    return _compiled_list("shortcoming_lead_cues")


@cache
def part_cue_patterns() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    cues = headings_data()["part_cues"]
    return tuple((label, tuple(re.compile(p) for p in cues[label])) for label in cues["order"])


@cache
def plan_review_pattern() -> re.Pattern[str]:
    """A heading's words that review the last report's plans (``headings.json`` plan_review)."""
    return re.compile(headings_data()["plan_review"])


@cache
def part_cue_end_patterns() -> tuple[re.Pattern[str], ...]:
    """The part cues anchored at the end (a match ends where the tested prefix ends)."""
    return tuple(
        re.compile(f"(?:{p.pattern.removesuffix('$')})$") for _, pats in part_cue_patterns() for p in pats
    )


@cache
def content_cues() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in headings_data()["content_cues"].items() if not k.startswith("_")}


@cache
def merged_content_patterns() -> dict[str, re.Pattern[str]]:
    """One alternation per kind of ``merged_content_cues`` (future / past / shortcomings)."""
    cues = headings_data()["merged_content_cues"]
    return {k: re.compile("|".join(v)) for k, v in cues.items() if not k.startswith("_")}


def parse_numeral(s: str) -> int | None:
    """``"三"`` → 3, ``"十二"`` → 12, ``"二十"`` → 20, ``"７"`` → 7, ``"③"`` → 3.

    >>> [parse_numeral(x) for x in ("一", "十", "十二", "二十一", "12", "③", "x")]
    [1, 10, 12, 21, 12, 3, None]
    """
    s = s.strip()
    if not s:
        return None
    if s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    if s.isdigit():
        try:
            return int(s)
        except ValueError:
            return None
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_DIGITS.get(head) if head else 1
        units = _CN_DIGITS.get(tail) if tail else 0
        if tens is None or units is None or "十" in tail:
            return None
        return tens * 10 + units
    if len(s) == 1 and s in _CN_DIGITS:
        return _CN_DIGITS[s]
    return None


@cache
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(s: str) -> str:
    """``s`` in simplified script (cue words are written in simplified Chinese)."""
    if all(ord(c) < 0x3400 for c in s):
        return s
    try:
        return _t2s().convert(s)
    except Exception:
        return s
