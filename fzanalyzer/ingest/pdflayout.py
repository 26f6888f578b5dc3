"""Geometry shared by the PDF engines: glyphs → lines → paragraphs, minus page furniture.

Pure functions over plain data (no PDF library here), so the rules are testable on
hand-made glyphs:

>>> g = lambda t, x, top: Glyph(t, x, x + 10, top, top + 10, 10.0)
>>> page = PageGlyphs(1, 200, 300, [g(c, 20 + 10 * i, 50) for i, c in enumerate("一、总体情况")], 0)
>>> assemble([page]).text
'一、总体情况'
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..segment.lexicon import marker_start


@dataclass(slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    size: float
    soft: bool = False  # a space the PDF engine inferred (pdfium): kept only where a gap is


@dataclass
class PageGlyphs:
    number: int  # 1-based
    width: float
    height: float
    glyphs: list[Glyph]
    graphics: int = 0  # images, paths, rectangles: tells an image-only page from a blank one


@dataclass(slots=True)
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    lead_width: float  # width of the first unbreakable token (for "would it have fitted?")
    index: int = 0  # position on its page, from the top
    kind: str = "body"  # body | page_number | furniture
    trailing_space: bool = False  # a space glyph ended the line (a real space at the wrap)


@dataclass
class PageResult:
    number: int
    status: str  # ok | broken | blank
    reason: str = ""
    lines: list[Line] = field(default_factory=list)
    visible: int = 0


@dataclass
class Assembled:
    text: str
    pages: list[PageResult]
    page_numbers: int = 0
    furniture: int = 0
    furniture_texts: list[str] = field(default_factory=list)
    joined: int = 0
    usable_chars: int = 0


#: Page-number lines (after removing spaces): — 3 —, - 3 -, 第3页, 第3页共10页, 3/10, Page 3 of 10.
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~·•]*\d{1,4}[-—–－~·•]*"
    r"|第\d{1,4}页(?:[,，/／]?共\d{1,4}页)?"
    r"|共\d{1,4}页第\d{1,4}页"
    r"|\d{1,4}[/／]\d{1,4}"
    r"|(?:page|p\.)\d{1,4}(?:of\d{1,4})?)$",
    re.IGNORECASE,
)
_CLOSING = "，。、；：？！”’）》】」』〕,.;:!?)]%"
_OPENING = "“‘（《【「『〔([<"
_FINAL = "。！？；：.!?;:"
_QUOTES = "“”‘’\"'"


def _in_number(ch: str) -> bool:
    return _is_latin(ch) or ch in ".,%-/:"


def _ends_sentence(text: str) -> bool:
    """A line ending with 。！？；： (or one of them inside a closing quote/bracket)."""
    t = text.rstrip("”’）)」』")
    return bool(t) and t[-1] in _FINAL


def assemble(pages: Iterable[PageGlyphs]) -> Assembled:
    """Rebuild the document's paragraphs (one per output line) from its pages' glyphs.

    ``pages`` may be a generator: each page's glyphs are turned into lines and dropped before
    the next page is read, so memory follows the text, not the glyph count.
    """
    results: list[PageResult] = []
    heights: dict[int, float] = {}
    for page in pages:
        results.append(_page_lines(page))
        heights[page.number] = page.height
    n_pn = _mark_page_numbers(results, heights)
    n_furn, furn_texts = _mark_running(results)
    body = [ln for r in results if r.status != "blank" for ln in r.lines if ln.kind == "body"]
    paragraphs, joined = _paragraphs(body)
    usable = sum(r.visible for r in results if r.status == "ok")
    return Assembled(
        text="\n".join(paragraphs),
        pages=results,
        page_numbers=n_pn,
        furniture=n_furn,
        furniture_texts=furn_texts,
        joined=joined,
        usable_chars=usable,
    )


# -- one page ------------------------------------------------------------------------------------
_BAD = re.compile(r"^\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0a-\x1f]")
# Latin-1/Latin Extended letters, where a font without a ToUnicode map gives its raw codes.
_MOJIBAKE = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff]")


def _bad_char(t: str) -> bool:
    return _BAD.search(t) is not None


def _mojibake(t: str) -> bool:
    return _MOJIBAKE.search(t) is not None


def _page_lines(page: PageGlyphs) -> PageResult:
    glyphs = [g for g in page.glyphs if g.text]
    visible = [g for g in glyphs if not g.text.isspace()]
    if not visible:
        status = "broken" if page.graphics else "blank"
        return PageResult(page.number, status, "no text layer (image or paths only)" if page.graphics else "")
    bad = sum(1 for g in visible if _bad_char(g.text))
    moji = sum(1 for g in visible if _mojibake(g.text))
    status, reason = "ok", ""
    if bad > 0.1 * len(visible):
        status, reason = "broken", "unmapped glyphs ((cid:NN), U+FFFD or private-use characters)"
    elif moji > 0.3 * len(visible):
        status, reason = "broken", "Latin-1 mojibake (a font without a Unicode map)"
    elif page.graphics and sum(1 for g in visible if not (g.text.isdigit() or g.text in "—–-－")) < 8:
        # (a page number alone does not make a page of text)
        status, reason = "broken", "almost no text on a page with images or paths"
    if bad:
        glyphs = [g for g in glyphs if g.text.isspace() or not _bad_char(g.text)]
    lines = _group_lines(page.number, glyphs)
    good = sum(1 for g in glyphs if not g.text.isspace())
    return PageResult(page.number, status, reason, lines, good if status == "ok" else 0)


def _group_lines(page_no: int, glyphs: list[Glyph]) -> list[Line]:
    rows: list[list[Glyph]] = []
    centers: list[float] = []
    for g in sorted(glyphs, key=lambda g: ((g.top + g.bottom) / 2, g.x0)):
        c = (g.top + g.bottom) / 2
        h = max(g.size, g.bottom - g.top, 1.0)
        if rows and abs(c - centers[-1]) < 0.35 * h:
            rows[-1].append(g)
        else:
            rows.append([g])
            centers.append(c)
    lines: list[Line] = []
    for row in rows:
        line = _make_line(page_no, row)
        if line is not None:
            line.index = len(lines)
            lines.append(line)
    return lines


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _make_line(page_no: int, row: list[Glyph]) -> Line | None:
    row.sort(key=lambda g: g.x0)
    # Justified lines spread every glyph apart: a soft space must stand out from the line's
    # usual inter-glyph gap, not just from zero.
    vis_row = [g for g in row if not g.text.isspace()]
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(vis_row))
    usual = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
    out: list[str] = []
    prev: Glyph | None = None
    soft_space = False
    for g in row:
        if g.text.isspace():
            if g.soft:
                soft_space = True
            elif out and out[-1] != " ":
                out.append(" ")
            continue
        if prev is not None:
            if soft_space and out[-1] != " " and prev.text[-1] not in _OPENING and g.text[0] not in _CLOSING:
                # Office software puts ~0.2 em between CJK and Latin/digits (autospace) with no
                # space character: a soft space there needs a wider gap than between equals.
                mixed = _is_latin(prev.text[-1]) != _is_latin(g.text[0])
                if g.x0 - prev.x1 - usual > (0.35 if mixed else 0.15) * max(prev.size, g.size, 1.0):
                    out.append(" ")
            soft_space = False
            size = max(prev.size, g.size, 1.0)
            if g.text == prev.text and abs(g.x0 - prev.x0) < 0.25 * size:
                continue  # the same glyph drawn twice (fake bold)
            # A space the PDF positioned instead of drawing: a gap beyond the line's usual one
            # (justification) and beyond office autospace (~0.2 em between CJK and Latin).
            gap = g.x0 - prev.x1 - usual
            a_latin, b_latin = _is_latin(prev.text[-1]), _is_latin(g.text[0])
            need = 0.2 if a_latin and b_latin else 0.4 if a_latin != b_latin else 0.8
            if (
                out
                and out[-1] != " "
                and gap > need * size
                and prev.text[-1] not in _OPENING
                and g.text[0] not in _CLOSING
            ):
                out.append(" ")
        out.append(g.text)
        prev = g
    trailing = bool(out) and out[-1] == " "
    text = "".join(out).strip()
    if not text:
        return None
    vis = [g for g in row if not g.text.isspace()]
    sizes = sorted(g.size for g in vis)
    size = sizes[len(sizes) // 2] or 10.0
    lead = vis[0]
    lead_x1 = lead.x1
    # The first unbreakable token (line-breaking rules, 禁则): a run of Latin letters and
    # digits (with . , % - / : inside numbers), opening punctuation with what follows it,
    # and closing punctuation with what precedes it.
    for g in vis[1:]:
        spaced = g.x0 - lead.x1 > 0.2 * max(g.size, 1.0)
        glued = (
            lead.text[-1] in _OPENING
            or g.text in _CLOSING
            or lead.text[-1] in _QUOTES  # UAX #14 LB19: no break on either side of a quote
            or g.text in _QUOTES
            or (
                _in_number(lead.text[-1])
                and _in_number(g.text[0])
                and (_is_latin(lead.text[-1]) or _is_latin(g.text[0]))
            )
        )
        if spaced or not glued:
            break
        lead_x1 = g.x1
        lead = g
    return Line(
        page=page_no,
        text=text,
        x0=vis[0].x0,
        x1=max(g.x1 for g in vis),
        top=min(g.top for g in vis),
        bottom=max(g.bottom for g in vis),
        size=size,
        lead_width=lead_x1 - vis[0].x0,
        trailing_space=trailing,
    )


# -- page furniture -------------------------------------------------------------------------------
def _mark_page_numbers(results: list[PageResult], heights: dict[int, float]) -> int:
    count = 0
    for r in results:
        if not r.lines:
            continue
        height = heights.get(r.number, 842.0)
        edge = r.lines[:2] + r.lines[-2:]
        for ln in edge:
            in_band = ln.bottom > 0.8 * height or ln.top < 0.2 * height
            if ln.kind == "body" and in_band and PAGE_NUMBER.match(re.sub(r"\s+", "", ln.text)):
                bare = ln.text.strip().isdigit()
                if bare and ln is not r.lines[-1] and ln is not r.lines[0]:
                    continue  # a bare number is a page number only as the first or last line
                ln.kind = "page_number"
                count += 1
    return count


def _mark_running(results: list[PageResult]) -> tuple[int, list[str]]:
    """Running headers/footers: the same text (digits ignored) at the same height among the
    first or last three lines of at least 40 % of the pages (two pages at least)."""
    texted = [r for r in results if r.lines]
    if len(texted) < 2:
        return 0, []
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    cands: list[tuple[Line, tuple[str, int]]] = []
    for r in texted:
        body = [ln for ln in r.lines if ln.kind == "body"]
        for ln in {id(x): x for x in body[:3] + body[-3:]}.values():
            key = (re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text)), round(ln.top / 4))
            cands.append((ln, key))
            for dy in (-1, 0, 1):  # tolerate a few points of drift
                seen[(key[0], key[1] + dy)].add(r.number)
    need = max(2, round(0.4 * len(texted)))
    count = 0
    texts: Counter[str] = Counter()
    for ln, key in cands:
        if len(seen[key]) >= need and ln.kind == "body":
            ln.kind = "furniture"
            count += 1
            texts[ln.text] += 1
    return count, [t for t, _ in texts.most_common()]


# -- paragraphs ------------------------------------------------------------------------------------
def _frequent_min(values: list[float], share: float = 0.05) -> float:
    counts = Counter(round(v) for v in values)
    need = max(2, share * len(values))
    frequent = [v for v, n in counts.items() if n >= need]
    return float(min(frequent)) if frequent else float(min(counts))


def _frequent_max(values: list[float], share: float = 0.05) -> float:
    counts = Counter(round(v) for v in values)
    need = max(2, share * len(values))
    frequent = [v for v, n in counts.items() if n >= need]
    return float(max(frequent)) if frequent else float(max(counts))


def _paragraphs(lines: list[Line]) -> tuple[list[str], int]:
    if not lines:
        return [], 0
    left = _frequent_min([ln.x0 for ln in lines])
    right = _frequent_max([ln.x1 for ln in lines])
    # Pages with enough lines get their own margins (mirrored odd/even margins, a page
    # scanned-and-OCRed at an offset); short pages use the document's.
    by_page: dict[int, list[Line]] = defaultdict(list)
    for ln in lines:
        by_page[ln.page].append(ln)
    margins = {
        page: (_frequent_min([ln.x0 for ln in ls]), _frequent_max([ln.x1 for ln in ls]))
        if len(ls) >= 8
        else (left, right)
        for page, ls in by_page.items()
    }
    steps = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < b.top - a.top < 4 * max(a.size, 1.0)
    ]
    leading = statistics.median(steps) if steps else None
    # Does the document mark paragraphs with first-line indents (the 公文 norm)? Then an
    # unindented line after a short one is usually a ragged-right wrap, not a new paragraph.
    indented = sum(1 for ln in lines if 0.8 * ln.size < ln.x0 - margins[ln.page][0] < 4 * ln.size)
    uses_indent = indented >= 2 and indented >= 0.03 * len(lines)
    paras: list[str] = []
    joined = 0
    prev: Line | None = None
    for ln in lines:
        if prev is None or _breaks(
            prev, ln, margins[ln.page][0], margins[prev.page][1], leading, uses_indent
        ):
            paras.append(ln.text)
        else:
            latin = _is_latin(paras[-1][-1]) and _is_latin(ln.text[0])
            sep = " " if latin or (prev is not None and prev.trailing_space) else ""
            paras[-1] += sep + ln.text
            joined += 1
        prev = ln
    return paras, joined


def _breaks(
    prev: Line, cur: Line, left: float, prev_right: float, leading: float | None, uses_indent: bool
) -> bool:
    size = max(cur.size, 1.0)
    if _wrapped_centered(prev, cur, left, prev_right):
        return False  # a long centered title wrapped onto a second centered line
    if cur.x0 - left > 0.8 * size:
        return True  # first-line indent or centered line
    slack = prev_right - prev.x1
    fits = slack > cur.lead_width + 0.5 * max(prev.size, 1.0)  # next line's first token would have fitted
    if uses_indent:
        # Ragged-right lines end up to a token short; only a clearly short line or a sentence
        # end that left room marks a paragraph end without an indent.
        if slack > 4 * size or (fits and _ends_sentence(prev.text)):
            return True
    elif fits:
        return True
    if leading and cur.page == prev.page and cur.top - prev.top > 1.4 * leading:
        return True  # paragraph spacing
    # A 公文 level-1/2 marker (一、 （一） 第一条) after a sentence end starts a heading even when
    # the previous line reaches the margin (without the sentence end, 三、 at a line start is
    # more often a wrap: 举一反|三、规范执法).
    return bool(marker_start(("cn_dun", "cn_paren"), articles=True).match(cur.text)) and _ends_sentence(
        prev.text
    )


def _wrapped_centered(prev: Line, cur: Line, left: float, right: float) -> bool:
    """``prev`` and ``cur`` are centered on the text block, in the same font size, and ``prev``
    fills most of the line: a title too long for one line."""
    middle = (left + right) / 2
    size = max(cur.size, 1.0)
    if cur.text[0] in _OPENING or cur.text[-1] in "：:" or _ends_sentence(prev.text):
        return False  # a date line （2021年3月）, an addressee 市委、市政府：
    return (
        cur.page == prev.page
        and abs(cur.size - prev.size) < 0.5
        and abs((cur.x0 + cur.x1) / 2 - middle) < 0.5 * size
        and abs((prev.x0 + prev.x1) / 2 - middle) < 0.5 * size
        and cur.x0 - left > 4 * size  # (an indented paragraph line starts 2 em in)
        and prev.x1 - prev.x0 > 0.75 * (right - left)
    )
