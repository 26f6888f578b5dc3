"""Indexes over one text that answer the indicator rules' questions in logarithmic time.

The rules ask, for every number, "is 累计 between here and there?", "which period phrase comes
last before it?" (and, through :mod:`fzanalyzer.spans`, "where does its clause start?", "which
section holds it?"). Answered by scanning the text each time, a report with many numbers in one
sentence costs quadratic time (a 1.7 MB report took minutes). Each class here builds its index
once per text (linear) and answers by bisection; every answer is the one the scan would give.

>>> text = "共受理12件，累计办结8件。"
>>> Positions(text, ["累计"]).first("累计", 0, text.index("8"))
7
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any


class Positions:
    """Sorted start offsets of every occurrence (overlapping ones too) of some literal strings."""

    def __init__(self, text: str, words: Iterable[str]) -> None:
        self.at: dict[str, list[int]] = {}
        for w in words:
            found, i = [], text.find(w)
            while i >= 0 and w:
                found.append(i)
                i = text.find(w, i + 1)
            self.at[w] = found

    def first(self, word: str, lo: int, hi: int) -> int:
        """Start of the first occurrence of ``word`` lying wholly in ``[lo, hi)``, or -1."""
        found = self.at[word]
        k = bisect_left(found, lo)
        return found[k] if k < len(found) and found[k] + len(word) <= hi else -1


def first_at_or_after(sorted_positions: list[int], lo: int) -> int | None:
    """The first position ``>= lo`` in a sorted list, or ``None``."""
    k = bisect_left(sorted_positions, lo)
    return sorted_positions[k] if k < len(sorted_positions) else None


def last_before(sorted_positions: list[int], hi: int) -> int | None:
    """The last position ``< hi`` in a sorted list, or ``None``."""
    k = bisect_left(sorted_positions, hi) - 1
    return sorted_positions[k] if k >= 0 else None


def needed_class(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of the words one of which every match of ``pattern`` holds (:func:`required_words`,
    the most telling group; ``None``: unknown), to test a window in C before scanning it with
    ``pattern``: a window where it finds nothing holds no match.

    >>> needed_class(re.compile(r"\\d{4}年度|(?:近|过去)?\\d年来|[^，]{2,12}以来")).pattern
    '以来|年度|年来'
    >>> needed_class(re.compile(r"\\d+号?")) is None
    True
    """
    groups = required_words(pattern)
    if not groups:
        return None
    return re.compile("|".join(map(re.escape, sorted(most_telling(groups), key=lambda w: (-len(w), w)))))


def required_words(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Groups of literal strings such that every match of ``pattern`` holds at least one string of
    each group (``()``: the pattern does not say). A string holding none of one group's strings
    holds no match, which ``in`` tells in C without running the pattern.

    >>> required_words(re.compile(r"受理.{0,20}复议|复议.{0,6}受理"))
    (('复议', '受理'),)
    >>> required_words(re.compile(r"(审核|审查).{0,12}规范性?文件"))
    (('审核', '审查'), ('规范',), ('文件',))
    >>> required_words(re.compile(r"\\d+号?"))
    ()
    """
    if pattern.flags & re.IGNORECASE:
        return ()
    sre = importlib.import_module("re._parser")  # the parser behind re.compile (no public API)
    return tuple(_words(sre, sre.parse(pattern.pattern, pattern.flags)))


#: The most strings a run of literals and one-character classes is spelled out into (复[议核] →
#: 复议, 复核); past it the run is cut there.
_MAX_SPELLINGS = 32


def _words(sre: Any, seq: Any) -> list[tuple[str, ...]]:
    """Of a sequence every element of which is matched: a group per run of literals (spelled out
    through one-character classes) and the groups its required sub-patterns give."""
    groups: list[tuple[str, ...]] = []
    run = [""]

    def flush() -> None:
        nonlocal run
        if run != [""]:
            groups.append(tuple(run))
        run = [""]

    for op, av in seq:
        chars: list[str] | None = None
        if op is sre.LITERAL:
            chars = [chr(av)]
        elif op is sre.IN and all(o is sre.LITERAL for o, _ in av):
            chars = [chr(a) for _, a in av]
        if chars is not None:
            if len(run) * len(chars) > _MAX_SPELLINGS:
                flush()
            run = [r + c for r in run for c in chars]
            continue
        flush()
        if op is sre.SUBPATTERN and not av[1] & re.IGNORECASE:
            groups.extend(_words(sre, av[3]))
        elif op is sre.ATOMIC_GROUP:
            groups.extend(_words(sre, av))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            groups.extend(_words(sre, av[2]))
        elif op is sre.BRANCH:
            alts = [_words(sre, b) for b in av[1]]
            if all(alts):  # one group of each alternative, pooled
                groups.append(tuple(dict.fromkeys(w for a in alts for w in most_telling(a))))
    flush()
    return groups


def most_telling(groups: tuple[tuple[str, ...], ...] | list[tuple[str, ...]]) -> tuple[str, ...]:
    """Of groups of :func:`required_words`, the one whose shortest word is longest (the last of
    equal ones: the head of a phrase, 年 of 上半年, is the rarer word).

    >>> most_telling((("受理",), ("复议",), ("案",)))
    ('复议',)
    """
    best = groups[0]
    for g in groups[1:]:
        if min(map(len, g)) >= min(map(len, best)):
            best = g
    return best


class PeriodMatches:
    """Matches of one pattern in the text between ``lo`` and ``pos`` (the text sliced at both ends),
    without rescanning the whole slice for every ``pos``.

    The slice from each ``lo`` is scanned once (extended by doubling when a later ``pos`` needs
    more); only the last ``reach`` characters before ``pos`` — where cutting the text at ``pos``
    can change a match or a look-ahead — are scanned again for each query. ``reach`` must exceed
    the longest match plus its look-ahead.
    """

    def __init__(self, text: str, pattern: re.Pattern[str], reach: int = 64) -> None:
        self.text, self.pattern, self.reach = text, pattern, reach
        self._scans: dict[int, tuple[int, list[int], list[tuple[int, int, str]]]] = {}
        self._all: tuple[list[int], list[int], list[tuple[int, int, str]]] | None = None
        self._first: dict[tuple[int, int], tuple[int, int, str] | None] = {}
        self._need = needed_class(pattern)

    def _may_match(self, lo: int, hi: int) -> bool:
        return self._need is None or self._need.search(self.text, lo, hi) is not None

    def _slice(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        if not self._may_match(lo, hi):
            return []
        return [(lo + m.start(), lo + m.end(), m.group()) for m in self.pattern.finditer(self.text[lo:hi])]

    def _scan(self, lo: int, pos: int) -> tuple[list[int], list[tuple[int, int, str]]]:
        got = self._scans.get(lo)
        if got is None or got[0] < pos:
            hi = pos + self.reach if got is None else max(pos + self.reach, lo + 2 * (got[0] - lo))
            hi = min(len(self.text), hi)
            found = self._slice(lo, hi)
            got = (hi, [f[1] for f in found], found)
            self._scans[lo] = got
        return got[1], got[2]

    def last(self, lo: int, pos: int) -> tuple[int, int, str] | None:
        """The last match of ``pattern.finditer(text[lo:pos])``, as absolute ``(start, end, text)``."""
        if pos - lo <= 2 * self.reach:
            found = self._slice(lo, pos)
            return found[-1] if found else None
        ends, found = self._scan(lo, pos)
        k = bisect_right(ends, pos - self.reach) - 1  # matches far from the cut: exact as scanned
        best = found[k] if k >= 0 else None
        nxt = found[k + 1][0] if k + 1 < len(found) else pos
        z = max(best[1] if best else lo, min(nxt, pos - self.reach))
        tail = (
            self._slice(lo, pos)
            if z == lo
            else [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(self.text, z, pos)]
            if self._may_match(z, pos)
            else []
        )
        return tail[-1] if tail else best

    def first(self, lo: int, hi: int) -> tuple[int, int, str] | None:
        """The match of ``pattern.search(text, lo, hi)``, as ``(start, end, text)``."""
        if hi - lo > 2 * self.reach:
            if self._all is None:
                found = [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(self.text)]
                self._all = ([f[0] for f in found], [f[1] for f in found], found)
            starts, ends, found = self._all
            k = bisect_left(starts, lo)
            # the whole-text scan tried every position from lo on unless a match covered lo
            if not (k > 0 and ends[k - 1] > lo):
                if k < len(starts) and starts[k] < hi - self.reach:
                    return found[k]
                lo = max(lo, hi - self.reach)  # nothing far from the cut; near it, search again
        # the numbers of one long clause all search the same last ``reach`` characters before its end
        if (lo, hi) not in self._first:
            m = self.pattern.search(self.text, lo, hi)
            self._first[lo, hi] = (m.start(), m.end(), m.group()) if m else None
        return self._first[lo, hi]
