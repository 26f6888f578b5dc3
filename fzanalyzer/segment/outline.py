"""The outline parser: numbered headings of the 公文 hierarchy, found in document order.

Official documents number their outline 一、 → （一） → 1. → （1） (GB/T 9704-2012 7.3.3), but
reports skip levels, start at （一）, restart or continue numbering across parts, lose a bracket,
or arrive with no line breaks at all. So the level of a heading is decided by a stack of the
marker types in the order the document introduces them (a type first seen below another is
deeper), and each candidate marker is checked against the numbering sequence of its type:

* at the start of a line a marker is a heading if its number fits (next in sequence, a small
  skip, or a restart at 1);
* after a sentence end (。！？) — or, in a run-on line (a whole page without line breaks), after
  spaces, ；/： or anywhere — it must be exactly the next number of an open level, or ``1`` of a
  new deeper level whose ``2`` follows; ``1.`` after ；or ： inside a paragraph is a list in a
  sentence, not a heading.

A heading whose text runs on into its body (run-on text) ends at a word that opens report
paragraphs (全年 / 按照 / 我区 …); when the paragraphs were glued with no space at all, also at the
cut of a boundary model learnt from headings and their first sentences (:mod:`.titlecut`).

In-paragraph enumerations (一是……二是……, 第一，……) become level-4 items when a run of them opens a
paragraph, or when its items are separated by ``；`` (a list inside one sentence); a run whose
items are whole sentences inside a longer paragraph is prose and is left alone.

>>> hs = parse_outline("一、主要举措\\n(一)放管服改革\\n1.深化改革。全年办结。\\n二、存在的不足")
>>> [(h.level, h.marker, h.title) for h in hs]
[(1, '一、', '主要举措'), (2, '(一)', '放管服改革'), (3, '1.', '深化改革'), (1, '二、', '存在的不足')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from ..spans import FULL_STOPS, inside_brackets, strip_span
from .lexicon import (
    chrome_patterns,
    enumeration_types,
    headings_data,
    marker_types,
    page_furniture_patterns,
    parse_numeral,
    type_rank,
)

_SENT_END = frozenset(FULL_STOPS)
_CLAUSE_END = frozenset("；;:：")
_ENDS = re.compile(f"[{re.escape(''.join(sorted(_SENT_END | _CLAUSE_END)))}]")
_RUN_ON_LINE = 1500  # a "line" this long is a whole document without line breaks
#: Where a marker may start inline in run-on text (a digit too): find_candidates and
#: find_enumerations look at no other ``inline`` boundary.
_INLINE_OPENERS = frozenset("一二三四五六七八九十第(（①②③④⑤⑥⑦⑧⑨⑩")


def _plain_han_run() -> re.Pattern[str]:
    """A run of CJK ideographs none of which opens a marker (none is a digit, a space or an end
    mark either): no boundary lies inside it, so a run-on line skips it in one step."""
    cuts = sorted(ord(c) for c in _INLINE_OPENERS if 0x4E00 <= ord(c) <= 0x9FFF)
    ranges, lo = [], 0x4E00
    for c in [*cuts, 0xA000]:
        if lo < c:
            ranges.append(f"{chr(lo)}-{chr(c - 1)}")
        lo = c + 1
    return re.compile(f"[{''.join(ranges)}]+")


_PLAIN_HAN = _plain_han_run()
# Characters that make a numeral part of a word (统一、 / 万一、 / 第1.5) rather than a marker start.
_WORD_BEFORE_NUMERAL = frozenset(
    "统单唯万第之初周星期季年月日号百千十零两几每逐各其某合同专均一二三四五六七八九"
)
_OPEN_ENDED = frozenset(",，、")  # a title line ending so continues on the next line
_PROSE_PUNCT = re.compile(r"[，,。；;、]")
_DATE_LINE = re.compile(
    r"^(\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月([一二三四五六七八九十]{1,3}日)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$"
)
_AFTER_DATE = re.compile(r"^[(（][^()（）]{2,12}[)）]$")  # (此件公开发布)


@dataclass
class Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    raw_end: int  # position of the line break (or len(text))


@dataclass
class Heading:
    pos: int  # marker start
    mend: int  # marker end (title starts here, after spaces)
    type: str
    num: int
    boundary: str  # line | sent | para | clause | inline (enumerations: line | sent | semi)
    line: int
    marker: str
    level: int = 0
    title_start: int = -1
    title_end: int = -1
    style: str = "numbered"  # numbered | enumeration | unnumbered
    end: int = -1
    parent: int | None = None  # index into the heading list
    canonical: str | None = None
    topic: str | None = None
    _text: str = field(default="", repr=False, compare=False)

    @property
    def title(self) -> str:
        return self._text[self.title_start : self.title_end] if self.title_start >= 0 else ""


# -- lines and page furniture ------------------------------------------------------------------


def split_lines(text: str) -> list[Line]:
    lines = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        raw_end = n if nl < 0 else nl
        s, e = strip_span(text, pos, raw_end)
        lines.append(Line(s, e, raw_end))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def is_chrome(line_text: str) -> bool:
    return _any_search(chrome_patterns(), line_text)


def is_page_furniture(line_text: str) -> bool:
    return _any_search(page_furniture_patterns(), line_text)


def _any_search(patterns: tuple[re.Pattern[str], ...], s: str) -> bool:
    one = _alternation(patterns)
    return one.search(s) is not None if one is not None else any(p.search(s) for p in patterns)


@cache
def _alternation(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One pattern that finds a match in a line iff one of ``patterns`` does (one search per line,
    not one per pattern); ``None`` when a flag or a back-reference would not survive joining."""
    if any(p.flags != re.UNICODE or re.search(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]", p.pattern) for p in patterns):
        return None
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def body_end(text: str, lines: list[Line]) -> int:
    """Where the report ends: before trailing web-page chrome (打印本页, 纠错, 网站标识码 …) and
    before its closing lines (附件：1.…情况表, 抄送：…), in the last half of the text."""
    closing = _closing_lines()
    for ln in lines:
        if ln.start >= len(text) // 2 and closing.match(text, ln.start, ln.end):
            text_end = _trim_end(text, ln.start)
            return min(text_end, _body_end(text, [x for x in lines if x.end <= text_end]))
    return _body_end(text, lines)


@cache
def _closing_lines() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in headings_data()["closing_lines"]), re.M)


def _body_end(text: str, lines: list[Line]) -> int:
    last_prose = -1
    for i, ln in enumerate(lines):
        t = text[ln.start : ln.end]
        # prose: a long line, or (hard-wrapped PDF text) a shorter one with sentence punctuation
        if (len(t) >= 40 or (len(t) >= 16 and _PROSE_PUNCT.search(t))) and not is_chrome(t):
            last_prose = i
    if last_prose >= 0 and is_run_on(lines[last_prose], sum(ln.end - ln.start for ln in lines)):
        # a page flattened into one line: its footer follows the last sentence inline
        ln = lines[last_prose]
        after = text.rfind("。", ln.start, ln.end) + 1
        if after > 0:
            m = _inline_footer().search(text, after, ln.end)
            if m:
                return _trim_end(text, m.start())
    for i in range(last_prose + 1, len(lines)):
        ln = lines[i]
        t = text[ln.start : ln.end]
        if t and is_chrome(t) and not _is_marker_line(t, strict=True):
            return _trim_end(text, ln.start)
    return _trim_end(text, len(text))


@cache
def _inline_footer() -> re.Pattern[str]:
    return re.compile("|".join(headings_data()["inline_footer"]))


def _is_marker_line(t: str, strict: bool = False) -> bool:
    for mt in marker_types():
        m = mt.regex.match(t)
        if m and not (strict and t.rstrip().endswith("*")):
            return True
    return False


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def signature_start(text: str, lines: list[Line], end: int) -> int:
    """Start of a closing signature (issuer line + date line) just before ``end``, else ``end``."""
    tail = [ln for ln in lines if ln.end <= end and ln.end > ln.start]
    if len(tail) >= 2 and _AFTER_DATE.match(text[tail[-1].start : tail[-1].end]):
        tail.pop()
    if not tail:
        return end
    last = tail[-1]
    if not _DATE_LINE.match(text[last.start : last.end]):
        return end
    start = last.start
    if len(tail) >= 2:
        prev = tail[-2]
        t = text[prev.start : prev.end]
        if len(t) <= 30 and not re.search(r"[。；;,，:：]", t) and not _is_marker_line(t):
            start = prev.start
    return _trim_end(text, start)


# -- candidates -------------------------------------------------------------------------------------


def _boundaries(text: str, ln: Line, run_on: bool) -> list[tuple[int, str]]:
    """Positions where a marker may start: ``line`` (line start), ``sent`` (after 。！？, or after
    spaces in a run-on line), ``clause`` (after ；：), and in run-on lines ``inline`` (at a digit
    or another character of ``_INLINE_OPENERS``)."""
    out = [(ln.start, "line")]
    i = ln.start
    while i < ln.end:
        if not run_on:  # only the next 。；… can add a boundary: jump to it in C
            m = _ENDS.search(text, i, ln.end)
            if m is None:
                break
            i = m.start()
        elif (m := _PLAIN_HAN.match(text, i, ln.end)) is not None:
            i = m.end()
            continue
        ch = text[i]
        if ch in _SENT_END or ch in _CLAUSE_END or (run_on and ch.isspace()):
            j = i + 1
            while j < ln.end and (text[j] in " \t\u3000”’）)" or (run_on and text[j].isspace())):
                j += 1
            if j < ln.end:
                out.append((j, "clause" if ch in _CLAUSE_END else ("para" if ch.isspace() else "sent")))
            if j > i + 1:
                i = j
                continue
        elif run_on and i > ln.start and (ch.isdigit() or ch in _INLINE_OPENERS):
            out.append((i, "inline"))
        i += 1
    seen = set()
    uniq = []
    for p, b in out:
        if p not in seen:
            seen.add(p)
            uniq.append((p, b))
    return uniq


class LineBoundaries:
    """Each line's run-on reading and :func:`_boundaries`, found once per text for both passes
    that look for markers (numbered headings and enumerations)."""

    def __init__(self, text: str, lines: list[Line]) -> None:
        self.text = text
        self.total = sum(ln.end - ln.start for ln in lines)
        self._got: dict[int, tuple[bool, list[tuple[int, str]]]] = {}

    def __call__(self, li: int, ln: Line) -> tuple[bool, list[tuple[int, str]]]:
        got = self._got.get(li)
        if got is None:
            run_on = is_run_on(ln, self.total)
            got = self._got[li] = (run_on, _boundaries(self.text, ln, run_on))
        return got


def is_run_on(ln: Line, total: int) -> bool:
    """A line that is (most of) a whole document: its paragraphs and headings run inline."""
    size = ln.end - ln.start
    return size > _RUN_ON_LINE or (size > 300 and size > 0.5 * total)


def _title_ok(text: str, i: int, end: int) -> bool:
    if i >= end:
        return True  # marker alone on its line: the title may be on the next line
    ch = text[i]
    return not (ch in "。，,、；;：:！!？?）)】》”%％.．" or ch.isspace())


def find_candidates(
    text: str, lines: list[Line], stop: int, inside: bytearray, bounds: LineBoundaries | None = None
) -> list[Heading]:
    cands: list[Heading] = []
    types = marker_types()
    bounds = bounds or LineBoundaries(text, lines)
    for li, ln in enumerate(lines):
        if ln.start >= stop or ln.end <= ln.start:
            continue
        lt = text[ln.start : ln.end]
        if is_page_furniture(lt) or is_chrome(lt):
            continue
        end = min(ln.end, stop)
        run_on, line_bounds = bounds(li, ln)
        for pos, kind in line_bounds:
            if pos >= end or (kind != "line" and inside[pos]):
                continue
            if kind == "clause" and not run_on:
                # 1. after ；or ： inside a paragraph is a list in a sentence, not a heading; only
                # the first part may follow the opening's colon (…报告如下：一、…), see resolve()
                if _prev_nonspace(text, pos, ln.start) not in ":：":
                    continue
                kind = "colon"
            ch = text[pos]
            if kind == "inline" and not (ch.isdigit() or ch in _INLINE_OPENERS):
                continue
            if kind != "line" and pos > 0:
                prev = text[pos - 1]
                if prev.isdigit() or (prev.isascii() and prev.isalpha()) or prev in ".．":
                    continue
                if kind == "inline" and prev in _WORD_BEFORE_NUMERAL:
                    continue
            for mt in types:
                m = mt.regex.match(text, pos, end)
                if not m:
                    continue
                if mt.malformed and kind != "line":
                    continue
                num = parse_numeral(m.group("num"))
                if num is None or num == 0:
                    continue
                if not _title_ok(text, m.end(), end):
                    continue
                marker = text[m.start() : m.end()].rstrip()
                cands.append(Heading(pos, m.end(), mt.type, num, kind, li, marker, _text=text))
                break
    return cands


# -- sequence resolution ----------------------------------------------------------------------------


@dataclass
class _Frame:
    type: str
    last: int
    idx: int
    level: int = 0


def resolve(cands: list[Heading]) -> list[Heading]:
    """Keep the candidates that fit the numbering, and give them levels (stack of marker types)."""
    stack: list[_Frame] = []
    cont: dict[str, int] = {}  # last number seen per type, to follow numbering across parents
    out: list[Heading] = []
    follow = _Follow(cands)
    for i, c in enumerate(cands):
        k = next((j for j in range(len(stack) - 1, -1, -1) if stack[j].type == c.type), None)
        rank = type_rank(c.type)
        if k is not None:
            expected = stack[k].last + 1
            if c.boundary == "colon":
                continue
            ok = 1 <= c.num <= expected + 2 if c.boundary == "line" else c.num == expected
            if not ok:
                continue
            del stack[k + 1 :]
            stack[k].last = c.num
            stack[k].idx = len(out)
            c.level = stack[k].level
        else:
            top_rank = type_rank(stack[-1].type) if stack else -1.0
            first = c.num == 1 or c.num == cont.get(c.type, -5) + 1
            if c.boundary == "line":
                ok = first or c.num <= 2 or (not stack and c.num <= 3)
            elif c.boundary == "colon":
                ok = not stack and c.num == 1 and follow.has(i, stack)
            else:
                ok = first and (rank > top_rank or not stack) and follow.has(i, stack)
            if not ok:
                continue
            while stack and type_rank(stack[-1].type) >= rank:
                stack.pop()
            stack.append(_Frame(c.type, c.num, len(out), _level_below(stack, rank)))
            c.level = stack[-1].level
        cont[c.type] = c.num
        c.parent = stack[-2].idx if len(stack) >= 2 else None
        out.append(c)
    return out


def _level_below(stack: list[_Frame], rank: float) -> int:
    """The level of a new marker type opened under ``stack``: one below its parent, or the
    公文 level of its marker when the document skips one (一、 then 1. directly: 1. is level 3,
    as a reader and the gold files count it). Under 第一部分 and at the top, depth decides."""
    if not stack:
        return 1
    parent = stack[-1]
    depth = parent.level + 1
    parent_rank = type_rank(parent.type)
    if parent_rank >= 1 and rank > parent_rank:
        return max(depth, parent.level + round(rank - parent_rank))
    return depth


class _Follow:
    """Does candidate ``i`` have a successor (same type, next number) before a line-start candidate
    of a type open on the stack? Answered from two indexes built once, not by scanning the rest
    of the candidates for each one (a run of thousands of 一、 was quadratic)."""

    def __init__(self, cands: list[Heading]) -> None:
        import bisect

        self._bisect = bisect.bisect_right
        self.successor: list[int | None] = [None] * len(cands)
        seen: dict[tuple[str, int], int] = {}
        for i in range(len(cands) - 1, -1, -1):
            c = cands[i]
            self.successor[i] = seen.get((c.type, c.num + 1))
            seen[(c.type, c.num)] = i
        self.line_starts: dict[str, list[int]] = {}
        for i, c in enumerate(cands):
            if c.boundary == "line":
                self.line_starts.setdefault(c.type, []).append(i)

    def has(self, i: int, stack: list[_Frame]) -> bool:
        nxt = self.successor[i]
        if nxt is None:
            return False
        for t in {f.type for f in stack}:
            starts = self.line_starts.get(t, [])
            k = self._bisect(starts, i)
            if k < len(starts) and starts[k] < nxt:
                return False
        return True


# -- titles -------------------------------------------------------------------------------------------


def set_titles(
    text: str,
    heads: list[Heading],
    lines: list[Line],
    stops: str,
    wrap: int | None,
    barriers: list[int] | None = None,
) -> None:
    """Title spans: from the marker to the first stop mark, the line end, the next heading on the
    same line, or a ``barrier`` (the start of an enumeration item in run-on text)."""
    import bisect

    barriers = sorted(barriers or [])
    total = sum(ln.end - ln.start for ln in lines)
    run_on_stops = stops + " \t\u3000"
    repeated: frozenset[str] | None = None  # computed once, when a wrapped title first needs it
    for n, h in enumerate(heads):
        if h.type == "implicit":  # an inferred part has no heading text
            h.title_start = h.title_end = h.pos
            continue
        ln = lines[h.line]
        line_stops = run_on_stops if is_run_on(ln, total) else stops
        limit = ln.end
        nxt = heads[n + 1].pos if n + 1 < len(heads) else len(text)
        if heads[n + 1 : n + 2] and heads[n + 1].line == h.line:
            limit = min(limit, nxt)
        s = h.mend
        k = bisect.bisect_right(barriers, s)
        if k < len(barriers):
            limit = min(limit, max(barriers[k], s))
        if s >= limit and h.style == "numbered":
            # marker alone on its line (PDF layout): the title is the next line
            for nl in lines[h.line + 1 : h.line + 3]:
                if nl.end > nl.start and not is_page_furniture(text[nl.start : nl.end]):
                    s, limit = nl.start, nl.end
                    break
        e = _first_stop(text, s, limit, line_stops)
        if line_stops is run_on_stops and h.style == "numbered" and e - s > 12:
            # glued: nothing (no paragraph space) before the marker or after the title, and the
            # title does not simply run up to the next heading
            glued = not text[h.pos - 1 : h.pos].isspace() and not text[e : e + 1].isspace() and e != nxt
            e = _glued_title_end(text, s, e, h.level, glued)
        if e == limit and wrap and h.style != "unnumbered" and ln.end - ln.start >= wrap - 1:
            if repeated is None:
                repeated = repeated_lines(text, lines)
            e = _wrapped_title_end(text, lines, h.line, e, line_stops, wrap, nxt, repeated)
        elif e == limit == ln.end and e > s and text[e - 1] in _OPEN_ENDED and h.style == "numbered":
            # a heading broken after a comma (web copy): its second half is the next line
            e = _continued_title_end(text, lines, h.line, e, line_stops, nxt)
        h.title_start, h.title_end = strip_span(text, s, e)


@cache
def _body_start() -> re.Pattern[str]:
    return re.compile("|".join(headings_data()["body_start_cues"]))


def _glued_title_end(text: str, s: int, e: int, level: int = 0, glued: bool = False) -> int:
    """In run-on text a heading may run straight into its body. Cut the title where a word that
    opens report paragraphs (全年 / 一年来 / 按照 / 我区 …) follows, at least 4 characters in.
    When the paragraphs were ``glued`` with no space at all, a part heading ends with the cue
    that names its part (…主要举措和成效 / …职责情况), any other at the boundary model's cut
    (:mod:`.titlecut`) or the cue word, whichever comes first."""
    m = _body_start().search(text, s + 4, min(e, s + 40))
    if not glued:
        return m.start() if m else e
    from .titlecut import title_cut

    if level == 1:
        end = _part_name_end(text, s, e)
        if end is not None:
            return end
    k = s + title_cut(text[s:e])
    return min(k, m.start()) if m else k


def _part_name_end(text: str, s: int, e: int) -> int | None:
    """End of a part heading's name in glued text: the end of its last part cue, following
    joined names (主要举措和成效 / 存在的问题及原因), or ``None`` for a thematic heading."""
    from .lexicon import part_cue_end_patterns, simplified

    t = text[s : min(e, s + 40)]
    simple = simplified(t)  # cue words are simplified; keep offsets if the script differs
    t = simple if len(simple) == len(t) else t
    ends = [k for k in range(4, len(t) + 1) if any(p.search(t, 0, k) for p in part_cue_end_patterns())]
    if not ends:
        return None
    k = ends[0]
    for nxt in ends[1:]:
        if nxt - k <= 3 or (nxt - k <= 12 and t[k] in "和及与暨、以并"):
            k = nxt
    return s + k


def _first_stop(text: str, s: int, limit: int, stops: str) -> int:
    inside = 0
    for i in range(s, limit):
        ch = text[i]
        if ch in "（(《“【":
            inside += 1
        elif ch in "）)》”】" and inside:
            inside -= 1
        elif ch in stops and not inside:
            return i
    return limit


def _wrapped_title_end(
    text: str, lines: list[Line], li: int, e: int, stops: str, wrap: int, nxt: int, repeated: frozenset[str]
) -> int:
    """A heading that fills a hard-wrapped line continues on the next line (page furniture
    between them is skipped) until a stop mark or a line shorter than the wrap width."""
    j = li + 1
    while j < len(lines) and j <= li + 4:
        ln = lines[j]
        t = text[ln.start : ln.end]
        if ln.end <= ln.start or is_page_furniture(t) or is_chrome(t) or t in repeated:
            j += 1
            continue
        if ln.start >= nxt or _is_marker_line(t):
            return e
        stop = _first_stop(text, ln.start, ln.end, stops)
        if stop < ln.end or ln.end - ln.start < wrap - 1:
            return stop
        e = ln.end
        j += 1
    return e


def repeated_lines(text: str, lines: list[Line]) -> frozenset[str]:
    """Running page headers/footers of PDF-extracted text: short lines that recur 3+ times."""
    counts = Counter(text[ln.start : ln.end] for ln in lines if 2 <= ln.end - ln.start <= 30)
    # with page numbers present, a line seen on two pages is already a running header
    paged = any(is_page_furniture(text[ln.start : ln.end]) for ln in lines if ln.end > ln.start)
    least = 2 if paged else 3
    return frozenset(
        t for t, n in counts.items() if n >= least and not _is_marker_line(t) and t[-1] not in "。；;"
    )


def _continued_title_end(text: str, lines: list[Line], li: int, e: int, stops: str, nxt: int) -> int:
    for ln in lines[li + 1 : li + 4]:
        t = text[ln.start : ln.end]
        if ln.end <= ln.start or is_page_furniture(t):
            continue
        if (
            ln.start >= nxt
            or _is_marker_line(t)
            or (len(t) > 40 and _first_stop(text, ln.start, ln.end, stops) > ln.start + 40)
        ):
            return e
        return _first_stop(text, ln.start, ln.end, stops)
    return e


def wrap_width(text: str, lines: list[Line]) -> int | None:
    """The hard-wrap width of PDF-extracted text (many lines of one length), else ``None``."""
    lengths = [ln.end - ln.start for ln in lines if ln.end - ln.start >= 15]
    if len(lengths) < 8:
        return None
    (w, _count), *_ = Counter(lengths).most_common(1)
    near = sum(1 for x in lengths if abs(x - w) <= 1)
    return w if near >= 0.4 * len(lengths) else None


# -- enumerations ---------------------------------------------------------------------------------


def find_enumerations(
    text: str, lines: list[Line], stop: int, inside: bytearray, bounds: LineBoundaries | None = None
) -> list[list[Heading]]:
    """Runs of 一是/二是… (or 第一，/第二，…) whose items open a paragraph, a sentence or a clause
    (an item after a comma, 主要表现在：一是…，二是…, is text)."""
    found: list[Heading] = []
    pats = enumeration_types()
    bounds = bounds or LineBoundaries(text, lines)
    for li, ln in enumerate(lines):
        if ln.start >= stop or ln.end <= ln.start:
            continue
        _run_on, line_bounds = bounds(li, ln)
        for pos, kind in line_bounds:
            if kind == "inline" and (text[pos] not in "一第" or text[pos - 1] in _WORD_BEFORE_NUMERAL):
                continue  # run-on text: 一是 may follow a heading directly (二、存在的不足一是…；二是…)
            if pos >= min(ln.end, stop) or (kind != "line" and inside[pos]):
                continue
            for etype, rx in pats:
                m = rx.match(text, pos, ln.end)
                if not m:
                    continue
                num = parse_numeral(m.group("num"))
                if not num or not _title_ok(text, m.end(), ln.end):
                    continue
                prev = _prev_nonspace(text, pos, ln.start)
                h = Heading(pos, m.end(), etype, num, kind, li, text[pos : m.end()].rstrip(), _text=text)
                h.style = "enumeration"
                # in run-on text an item glued to the text before it (no punctuation) opened a paragraph
                if kind in ("line", "para", "inline"):
                    h.boundary = "line"
                else:
                    h.boundary = "semi" if prev in ";；" else "sent"
                found.append(h)
                break
    runs: list[list[Heading]] = []
    for h in found:
        if h.num == 1:
            runs.append([h])
        elif runs and runs[-1][-1].type == h.type and runs[-1][-1].num + 1 == h.num:
            runs[-1].append(h)
    # two items or more, each opening a line, a sentence or a clause: the gold format counts
    # in-paragraph items as level 4 wherever they stand (…防控工作。一是依法作出决策部署。…二是…)
    return [r for r in runs if len(r) >= 2]


def _prev_nonspace(text: str, pos: int, floor: int) -> str:
    i = pos - 1
    while i >= floor and text[i].isspace():
        i -= 1
    return text[i] if i >= floor else "\n"


# -- the whole outline -------------------------------------------------------------------------------


def parse_outline(text: str) -> list[Heading]:
    """Numbered headings and enumeration items, in document order, with levels, titles and ends."""
    data = headings_data()
    lines = split_lines(text)
    stop = body_end(text, lines)
    inside = inside_brackets(text)
    bounds = LineBoundaries(text, lines)
    heads = resolve(find_candidates(text, lines, stop, inside, bounds))
    wrap = wrap_width(text, lines)
    enum_runs = find_enumerations(text, lines, stop, inside, bounds)
    set_titles(text, heads, lines, data["title_stops"], wrap, [h.pos for r in enum_runs for h in r])
    return drop_cut_off(text, merge_enumerations(text, heads, enum_runs, lines, stop, data))


def drop_cut_off(text: str, heads: list[Heading]) -> list[Heading]:
    """Without a heading cut off by the end of the text (a page excerpt, a truncated file): its
    title is incomplete and it has no body, so it is no heading."""
    if not heads or text[heads[-1].title_end :].strip(" \t\u3000,，、"):
        return heads
    title, tail = heads[-1].title, text.rstrip()[-1:]
    unbalanced = any(title.count(a) > title.count(b) for a, b in ("“”", "《》", "（）", "()"))
    if tail in ",，、" or len(title) <= 3 or unbalanced:
        return heads[:-1]
    return heads


def merge_enumerations(
    text: str, heads: list[Heading], runs: list[list[Heading]], lines: list[Line], stop: int, data: dict
) -> list[Heading]:
    """Attach enumeration items to the deepest numbered heading containing them; set all ends."""
    end = signature_start(text, lines, stop)
    set_ends(heads, end)
    wrap = wrap_width(text, lines)
    repeated = repeated_lines(text, lines) if wrap else frozenset()
    items: list[Heading] = []
    from ..spans import SectionLookup

    containing = SectionLookup([(h.pos, h.end, h.level) for h in heads])  # one bisection per item
    for run in runs:
        for n, h in enumerate(run):
            parent = containing.deepest(h.pos)
            if parent < 0:
                continue
            base = heads[parent].level
            h.level = max(int(data["enumeration_level"]), base + 1)
            h.parent = parent
            if n + 1 < len(run):
                h.end = _trim_end(text, run[n + 1].pos)
            else:
                h.end = min(_paragraph_end(text, lines, h.line, wrap, repeated), heads[parent].end)
            h.end = max(min(h.end, heads[parent].end), h.pos)
            items.append(h)
    set_titles(text, items, lines, data["enumeration_title_stops"], wrap)
    for h in items:
        h.title_end = min(h.title_end, h.end)
        h.title_start = min(h.title_start, h.title_end)
    # merge in document order, parents first; remap parent indices
    merged = sorted(
        [(h.pos, 0, i, h) for i, h in enumerate(heads)] + [(h.pos, 1, i, h) for i, h in enumerate(items)]
    )
    new_index = {id(h): n for n, (_, _, _, h) in enumerate(merged)}
    out = []
    for _, kind, _, h in merged:
        if h.parent is not None:
            h.parent = new_index[id(heads[h.parent])]
        out.append(h)
        del kind
    return out


def _paragraph_end(text: str, lines: list[Line], li: int, wrap: int | None, repeated: frozenset[str]) -> int:
    """End of the paragraph holding line ``li``: the line itself, or in hard-wrapped text the
    following lines while they are full (page furniture in between is skipped)."""
    end = lines[li].end
    if not wrap:
        return end
    cur = li
    j = li + 1
    while j < len(lines) and lines[cur].end - lines[cur].start >= wrap - 1:
        ln = lines[j]
        t = text[ln.start : ln.end]
        if ln.end <= ln.start or is_page_furniture(t) or t in repeated:
            j += 1
            continue
        if _is_marker_line(t):
            break
        end, cur = ln.end, j
        j += 1
    return end


def set_ends(heads: list[Heading], end: int) -> None:
    for n, h in enumerate(heads):
        h.end = end
        for k in range(n + 1, len(heads)):  # no slice: a copy of the rest per heading is quadratic
            if heads[k].level <= h.level:
                h.end = _trim_end(h._text, heads[k].pos)
                break
        h.end = max(h.end, h.title_end, h.mend)
