"""Spans of one text: sentences, clauses, the section holding an offset, and bigram Dice.

Every piece of the toolkit that cuts a report into sentences, finds the clause or section that
holds a position, or compares two short strings uses this module, so that one sentence is cut the
same way by the outline, the indicator rules, the plan extractor and the audit.

* :func:`split_sentences`: sentences end at 。！？； (``! ? ;`` after NFKC) or a line end, never
  inside brackets or quotes (:data:`BRACKETS`); closing quotes and brackets right after the end
  mark stay with the sentence. ``ends=`` narrows the end marks (``"。！？!?"``: whole sentences,
  not their ``；`` parts).
* :class:`ClauseStarts`: the start of the clause holding a position, with bracket matching.
* :class:`SectionLookup`: the deepest (or top-level) section holding an offset, by bisection.
* :func:`dice`: the character-bigram Dice coefficient that gold-format.md uses to match names,
  plans and titles.

>>> text = "一是健全机制；二是开展督察（共24家。）。\\n三是推进创建"
>>> [text[s:e] for s, e in split_sentences(text)]
['一是健全机制；', '二是开展督察（共24家。）。', '三是推进创建']
>>> [text[s:e] for s, e in split_sentences(text, ends="。！？!?")]
['一是健全机制；二是开展督察（共24家。）。', '三是推进创建']
>>> round(dice("行政复议申请", "收到行政复议申请"), 2)
0.83
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

__all__ = [
    "BLANKS",
    "BRACKETS",
    "CLAUSE_ENDS",
    "FULL_STOPS",
    "INLINE_BLANKS",
    "SENTENCE_ENDS",
    "ClauseStarts",
    "SectionLookup",
    "bigrams",
    "canon",
    "dice",
    "inside_brackets",
    "longest_common_substring",
    "split_sentences",
    "strip_span",
]

#: Marks that end a whole sentence, not a ``；`` part of it (full width, and half width as NFKC
#: leaves them).
FULL_STOPS = "。！？!?"
#: Marks that end a ``；`` part of a sentence (a clause that may hold a commitment of its own).
CLAUSE_ENDS = "；;"
#: Marks that end a sentence or a ``；`` part of it: where :func:`split_sentences` cuts.
SENTENCE_ENDS = FULL_STOPS + CLAUSE_ENDS
#: Blank characters within a line (with the ideographic space).
INLINE_BLANKS = " \t\u3000"
#: Blank characters stripped around spans.
BLANKS = INLINE_BLANKS + "\r\n"
#: Opening bracket or quote -> its closer. A sentence never ends inside one of these.
BRACKETS = {
    "（": "）",
    "(": ")",
    "《": "》",
    "【": "】",
    "[": "]",
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "〔": "〕",
}
_CLOSE = {v: k for k, v in BRACKETS.items()}
_TRAIL = frozenset("”’」』)）】]》")
# A bracket left open for this many characters is treated as a typo, not as a real bracket,
# so that one missing ） cannot swallow the rest of the document into one sentence.
_MAX_NEST_SPAN = 300
_WS = re.compile(r"\s+")


# -- sentences ------------------------------------------------------------------------------------


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, ends: str = SENTENCE_ENDS
) -> list[tuple[int, int]]:
    """Sentence spans ``(s, e)`` of ``text[start:end]``, offsets into ``text``.

    A sentence ends at a mark of ``ends`` outside brackets, or at a line end. Surrounding
    whitespace is stripped, empty spans are dropped. Linear in ``end - start``.

    >>> split_sentences("甲。乙！", 0)
    [(0, 2), (2, 4)]
    >>> t = "他说“要依法办事。”然后离开；再议。"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['他说“要依法办事。”然后离开；', '再议。']
    """
    end_marks = frozenset(ends)
    trail = end_marks | _TRAIL
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    spans: list[tuple[int, int]] = []
    # Open brackets, bottom first: (opener, position, end marks seen while it was the innermost
    # open bracket). Dropping a bracket left open too long (a typo) used to rescan the text from
    # just after it; the end marks it held are the only places where that rescan ends a sentence
    # (the brackets above it stay open), so they are replayed instead: linear, same spans.
    stack: list[tuple[str, int, list[int]]] = []
    base = 0  # stack[:base] are brackets already dropped as typos
    s = start
    i = start  # the first character not read yet
    # only line ends, brackets and end marks decide anything: the regular expression skips the rest
    for m in _marks(ends).finditer(text, start, end):
        k = m.start()
        if k < i:
            continue  # inside the closing run of a sentence already ended
        ch = text[k]
        i = k + 1
        if ch == "\n" or ch == "\r":
            stack.clear()
            base = 0
            _emit(text, s, k, spans)
            s = k + 1
        elif ch in BRACKETS:
            stack.append((ch, k, []))
        elif ch in _CLOSE:
            _close(stack, base, ch)
        else:  # an end mark
            skipped = -1  # where the last replayed sentence end's closing run stops
            while len(stack) > base and k - stack[base][1] > _MAX_NEST_SPAN:
                # the opener was never closed: read it as plain text
                for mark in stack[base][2]:
                    if mark < skipped:
                        continue  # inside the closing run of a sentence just ended
                    skipped = _after_end(text, mark + 1, end, trail)
                    _emit(text, s, skipped, spans)
                    s = skipped
                base += 1
            if skipped > k:
                i = skipped
                continue
            if len(stack) > base:
                stack[-1][2].append(k)
            else:
                i = _after_end(text, k + 1, end, trail)
                _emit(text, s, i, spans)
                s = i
    _emit(text, s, end, spans)
    return spans


@lru_cache(maxsize=8)
def _marks(ends: str) -> re.Pattern[str]:
    """Line ends, brackets and the end marks ``ends``: the characters the splitter reads."""
    chars = set(ends) | set(BRACKETS) | set(_CLOSE) | {"\n", "\r"}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _after_end(text: str, j: int, end: int, trail: frozenset[str]) -> int:
    """Past the end marks and closing quotes/brackets that follow an end mark."""
    while j < end and text[j] in trail:
        j += 1
    return j


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without the whitespace at either end of ``text[s:e]`` (empty: ``s == e``).

    >>> strip_span(" 甲乙\\u3000\\n", 0, 5)
    (1, 3)
    """
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _emit(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    s, e = strip_span(text, s, e)
    if e > s:
        spans.append((s, e))


# -- bracket depth --------------------------------------------------------------------------------


def inside_brackets(text: str) -> bytearray:
    """``1`` where a position lies inside brackets, book-title marks or quotes (:data:`BRACKETS`),
    by the rule of :func:`split_sentences`: brackets close at a line end, a closer pops to its
    opener, and an opener left open for more than 300 characters is a typo that stops counting.
    The opener is outside, the closer inside.

    >>> t = "见《法治政府建设实施纲要》。"
    >>> "".join(map(str, inside_brackets(t)))
    '00111111111110'
    """
    inside = bytearray(len(text))
    stack: list[tuple[str, int]] = []
    bottom = 0  # stack[:bottom] are openers already read as typos
    for i, ch in enumerate(text):
        if ch == "\n" or ch == "\r":
            stack.clear()
            bottom = 0
            continue
        while bottom < len(stack) and i - stack[bottom][1] > _MAX_NEST_SPAN:
            bottom += 1
        if bottom < len(stack):
            inside[i] = 1
        if ch in BRACKETS:
            stack.append((ch, i))
        elif ch in _CLOSE:
            _close(stack, bottom, ch)
    return inside


def _close(stack: list[Any], bottom: int, closer: str) -> None:
    """Pop the open brackets down to the opener of ``closer`` (a missing closer inside is
    tolerated); openers below ``bottom`` (typos) and a closer with no opener change nothing."""
    opener = _CLOSE[closer]
    for k in range(len(stack) - 1, bottom - 1, -1):
        if stack[k][0] == opener:
            del stack[k:]
            return


# -- clauses --------------------------------------------------------------------------------------


class ClauseStarts:
    """Start of the clause holding a position: just after the last delimiter before it that is
    not inside brackets, scanning back (a closer opens a bracket, its opener closes it; an opener
    with no closer after it is plain text; a closer with no opener hides everything before it).

    Brackets are matched once over the whole text (any opener with any closer, like the backward
    scan); then the answer for every delimiter or closer is computed in one forward pass.

    >>> text = "共受理(一、二)12件，办结8件。"
    >>> starts = ClauseStarts(text, "，。", "(", ")")
    >>> [text[starts.start(0, p) : p] for p in (text.index("8"), text.index("12"))]
    ['办结', '共受理(一、二)']
    """

    def __init__(
        self, text: str, delims: Iterable[str], openers: Iterable[str], closers: Iterable[str]
    ) -> None:
        delims, openers, closers = set(delims), set(openers), set(closers)
        marks = "".join(sorted(delims | openers | closers))
        partner: dict[int, int] = {}
        stack: list[int] = []
        self.pos: list[int] = []  # delimiters and closers, in order
        self.after: list[int] = []  # the clause start just after each of them (0: none)
        for m in re.finditer(f"[{re.escape(marks)}]", text):
            i, c = m.start(), m.group()
            if c in closers:
                if stack:
                    partner[i] = stack.pop()
                if i in partner:  # jump over the bracket: what precedes its opener decides
                    self.after.append(self.at(partner[i]))
                else:
                    self.after.append(0)
                self.pos.append(i)
            elif c in openers:
                stack.append(i)
            elif c in delims:
                self.pos.append(i)
                self.after.append(i + 1)

    def at(self, pos: int) -> int:
        """The clause start for ``pos`` with no lower bound (0 when none)."""
        k = bisect_left(self.pos, pos) - 1
        return self.after[k] if k >= 0 else 0

    def start(self, lo: int, pos: int) -> int:
        """The clause start for ``pos``, not before ``lo``."""
        return max(lo, self.at(pos))


# -- sections -------------------------------------------------------------------------------------


class SectionLookup:
    """The deepest and the top-level section holding an offset.

    ``deepest(i)``: among sections with ``start <= i < end``, the one of the highest level (the
    last in list order on a tie); ``top(i)``: the one of the lowest level (the first on a tie).
    Built by one sweep over the section boundaries; a query is one bisection.

    >>> look = SectionLookup([(0, 10, 1), (3, 6, 2)])
    >>> [look.deepest(i) for i in (0, 3, 5, 6, 10)]
    [0, 1, 1, 0, -1]
    """

    def __init__(self, spans: Sequence[tuple[int, int, int]]) -> None:
        """``spans``: ``(start, end, level)`` of each section, in list order."""
        live = [(a, e, k) for k, (a, e, _) in enumerate(spans) if a < e]
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self._by_start = order
        self._starts = [spans[k][0] for k in order]
        self.bounds = sorted({b for a, e, _ in live for b in (a, e)})
        by_start = sorted(live)
        deep: list[tuple[int, int, int]] = []  # (-level, -k, end): max level, then last
        shallow: list[tuple[int, int, int]] = []  # (level, k, end): min level, then first
        self._deepest: list[int] = []
        self._top: list[int] = []
        j = 0
        for b in self.bounds:
            while j < len(by_start) and by_start[j][0] <= b:
                _, e, k = by_start[j]
                heapq.heappush(deep, (-spans[k][2], -k, e))
                heapq.heappush(shallow, (spans[k][2], k, e))
                j += 1
            while deep and deep[0][2] <= b:
                heapq.heappop(deep)
            while shallow and shallow[0][2] <= b:
                heapq.heappop(shallow)
            self._deepest.append(-deep[0][1] if deep else -1)
            self._top.append(shallow[0][1] if shallow else -1)

    def starting_in(self, lo: int, hi: int) -> list[int]:
        """Indices of the sections whose start lies in ``[lo, hi]``."""
        return self._by_start[bisect_left(self._starts, lo) : bisect_right(self._starts, hi)]

    def _at(self, table: list[int], offset: int) -> int:
        k = bisect_right(self.bounds, offset) - 1
        return table[k] if k >= 0 else -1

    def deepest(self, offset: int) -> int:
        """Index of the deepest section holding ``offset``, or -1."""
        return self._at(self._deepest, offset)

    def top(self, offset: int) -> int:
        """Index of the top-level section holding ``offset``, or -1."""
        return self._at(self._top, offset)


# -- Dice -----------------------------------------------------------------------------------------


def canon(s: str | None) -> str:
    """NFKC, whitespace removed: the form in which gold and predictions are compared.

    >>> canon("（一） 政府 职能")
    '(一)政府职能'
    """
    if s is None:
        return ""
    return _WS.sub("", unicodedata.normalize("NFKC", s))


def bigrams(s: str | None) -> Counter[str]:
    """The character bigrams of :func:`canon` of ``s``, with their counts; a one-character
    string is its own bigram (so that ``"县"`` matches ``"县"``).

    >>> sorted(bigrams("法 治法治").items())
    [('治法', 1), ('法治', 2)]
    """
    t = canon(s)
    return Counter(t[i : i + 2] for i in range(len(t) - 1)) if len(t) > 1 else Counter([t] if t else [])


def dice(a: str | None, b: str | None) -> float:
    """Character-bigram Dice coefficient, 0..1: ``2 |A ∩ B| / (|A| + |B|)`` over the multisets of
    :func:`bigrams` (NFKC, whitespace removed, a repeated bigram counts each time). Two empty
    strings are equal (1.0); an empty and a non-empty one share nothing (0.0).

    >>> round(dice("行政复议申请", "行政复议案件"), 3)
    0.6
    >>> dice("", None), dice("甲", "")
    (1.0, 0.0)
    """
    x, y = bigrams(a), bigrams(b)
    total = x.total() + y.total()
    if total == 0:
        return 1.0
    return 2 * (x & y).total() / total


def longest_common_substring(a: str, b: str) -> int:
    """Length of the longest string that ``a`` and ``b`` both contain (dynamic programming over
    ``len(a) * len(b)`` cells: for short strings such as a plan and an evidence sentence).

    >>> longest_common_substring("完成行政复议委员会筹建", "筹建区行政复议委员会")
    7
    """
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best
