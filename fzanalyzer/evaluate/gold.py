"""Gold annotation files (``NAME.gold.json``, see gold-format.md) and string comparison helpers.

Gold strings are exact substrings of the report file as written; comparisons are made after
Unicode NFKC normalization and removal of whitespace and line breaks (:func:`fzanalyzer.spans.canon`),
texts are compared by character-bigram Dice (:func:`fzanalyzer.spans.dice`).

>>> canon("（一） 政府 职能")
'(一)政府职能'
>>> round(dice("行政复议申请", "收到行政复议申请"), 2)
0.83
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..spans import canon, dice

__all__ = ["CanonIndex", "canon", "dice", "flatten_headings", "gold_to_simplified", "load_gold"]


@dataclass
class GoldHeading:
    level: int
    marker: str
    title: str
    canonical: str | None
    topic: str | None
    path: tuple[str, ...]  # markers from level 1 down to this heading


def load_gold(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError.from_code("E060", path=p, detail=str(exc)) from exc


def gold_to_simplified(obj: Any) -> Any:
    """Every gold string in simplified script (OpenCC t2s, as normalization converts a
    traditional-script report), ids and file names left as they are.

    >>> gold_to_simplified({"id": "x-2021", "title": "法治政府建設"})
    {'id': 'x-2021', 'title': '法治政府建设'}
    """
    from ..normalize.steps import convert_t2s

    if isinstance(obj, str):
        return convert_t2s(obj)
    if isinstance(obj, list):
        return [gold_to_simplified(x) for x in obj]
    if isinstance(obj, dict):
        return {
            k: (v if k in ("id", "file", "plan_report", "from_report") else gold_to_simplified(v))
            for k, v in obj.items()
        }
    return obj


def flatten_headings(sections: list[dict[str, Any]]) -> list[GoldHeading]:
    """Gold's nested sections as a flat list in document order; children inherit canonical."""
    out: list[GoldHeading] = []

    def walk(items: list[dict[str, Any]], canonical: str | None, path: tuple[str, ...]) -> None:
        for s in items:
            level = int(s.get("level") or len(path) + 1)
            canon_label = s.get("canonical") or canonical
            here = (*path, s.get("marker", ""))
            out.append(
                GoldHeading(level, s.get("marker", ""), s.get("title", ""), canon_label, s.get("topic"), here)
            )
            walk(s.get("children") or [], canon_label, here)

    walk(sections, None, ())
    return out


def locate(text: str, needle: str) -> tuple[int, int] | None:
    """Find ``needle`` in ``text`` comparing canonical forms; offsets are into ``text``.

    >>> locate("甲 乙丙（一）", "乙丙(一)")
    (2, 7)
    """
    return CanonIndex(text).find(needle)


class CanonIndex:
    """Canonical form of a text with a map back to offsets, for many look-ups in one text."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(text):
            for c in canon(ch):
                chars.append(c)
                index.append(i)
        self.text = "".join(chars)
        self.index = index

    def find(self, needle: str) -> tuple[int, int] | None:
        target = canon(needle)
        pos = self.text.find(target) if target else -1
        if pos < 0:
            return None
        return self.index[pos], self.index[pos + len(target) - 1] + 1
