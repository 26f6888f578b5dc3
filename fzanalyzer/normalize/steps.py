"""The normalization steps: small pure ``str -> str`` functions.

Each step returns its input unchanged when it has nothing to do; :mod:`fzanalyzer.normalize`
composes them in one place and records a warning for every step that changed the text.
Steps that change meaning are marked so in their docstring.

>>> unify_newlines("a\\r\\nb\\rc")
'a\\nb\\nc'
>>> clean_whitespace("法治 政府 建设， 共 18 次 ,  Rule  of law ")
'法治政府建设，共 18 次, Rule of law'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .resources import chrome_patterns, normalize_patterns

# CJK ideographs (incl. extension A and compatibility ideographs) and CJK/full-width punctuation.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u2030-\u205e"
# ASCII punctuation that NFKC makes out of full-width Chinese punctuation (，：；（）！？).
_ASCII_FROM_CN = ",:;()!?"
_CJK_RE = re.compile(f"[{_CJK}]")
_SPACE_BETWEEN = re.compile(
    rf"(?<=[{_CJK}{_CJK_PUNCT}{re.escape(_ASCII_FROM_CN)}])[ \t]+(?=[{_CJK}{_CJK_PUNCT}])"
    rf"|(?<=[{_CJK}{_CJK_PUNCT}])[ \t]+(?=[{re.escape(_ASCII_FROM_CN)}])"
)
_SCRIPT_SAMPLE = 50_000  # characters looked at to tell traditional from simplified text
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")

# The look-ahead is bounded like the reading itself (7 letters): unbounded, a run of "(((…" without
# a ")" made it scan to the end of the text from every bracket (quadratic).
_PINYIN = re.compile(r"\((?=[^)]{0,6}[āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜ])[a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü]{1,7}\)")


def strip_glosses(s: str) -> str:
    """``s`` without the readings some sites print after polyphonic characters. Normalization
    keeps them (a page's text and its offsets stay as written); cues are matched and metadata
    (title, issuer, region) read without them.

    >>> strip_glosses("原标(biāo)题:陕西发(fā)布")
    '原标题:陕西发布'
    """
    return _PINYIN.sub("", s)


def unify_newlines(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line/paragraph separators become LF; invisible characters
    (BOM, zero-width spaces, soft hyphens) are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    return _INVISIBLE.sub("", text)


# C0 controls but tab and LF (CR, VT, FF were made LF by unify_newlines), DEL, C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def remove_control_chars(text: str) -> str:
    """Drop control characters: NUL, ESC (the escape sequences' printable rest stays as text),
    BEL, DEL and the C1 controls. They are never report text, and would reach a terminal or a
    spreadsheet."""
    return _CONTROL.sub("", text)


def lone_surrogate(text: str) -> int | None:
    """Offset of the first lone UTF-16 surrogate in ``text`` (``None`` if there is none).

    >>> lone_surrogate("法治\\ud800"), lone_surrogate("法治")
    (2, None)
    """
    m = _SURROGATE.search(text)
    return m.start() if m else None


def display_width(s: str) -> int:
    """Width of a line in half-width cells: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def is_page_number(line: str) -> bool:
    """``— 3 —``, ``- 3 -``, ``第3页``, ``第 3 页 共 10 页``, ``3/10`` (a bare ``3`` counts too;
    :func:`remove_page_numbers` only removes bare numbers when several occur)."""
    s = line.strip()
    if not s or len(s) > 24:
        return False
    return any(p.match(s) for p in normalize_patterns().page_number)


def _page_number_lines(lines: list[str]) -> set[int]:
    p = normalize_patterns()
    marked = [i for i, line in enumerate(lines) if is_page_number(line)]
    strict = {i for i in marked if p.page_number_strict.search(lines[i].strip())}
    bare = [i for i in marked if i not in strict and len(lines[i].strip()) <= 3]
    # A lone bare number may be a table cell; a series of them is pagination.
    return strict | (set(bare) if len(bare) >= 2 else set())


def remove_page_numbers(text: str) -> str:
    """Drop page-number lines (PDF page furniture): ``— 3 —``, ``- 3 -``, ``第3页``."""
    lines = text.split("\n")
    drop = _page_number_lines(lines)
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _header_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def remove_running_headers(text: str) -> str:
    """Drop running page headers/footers: the same short line recurring on every page.

    A line counts when it (digits aside) recurs at least 3 times and the text shows pagination
    (page-number lines), or at least 5 times. Outline headings never count. When the first
    occurrence is the document's own first line (a title repeated as header), that one is kept
    (:func:`_header_opens_document`).
    """
    p = normalize_patterns()
    lines = text.split("\n")
    paginated = len(_page_number_lines(lines)) >= 2
    counts: Counter[str] = Counter()
    for line in lines:
        s = line.strip()
        if 2 <= len(s) <= p.running_header_max_len and not p.heading_start.match(s) and not is_page_number(s):
            counts[_header_key(s)] += 1
    need = p.running_header_min_repeats if paginated else max(5, p.running_header_min_repeats)
    headers = {k for k, n in counts.items() if n >= need}
    if not headers:
        return text
    opening = [i for i, line in enumerate(lines) if line.strip()][:3]
    keep_first = {key for key in headers if _header_opens_document(lines, opening, key)}
    out: list[str] = []
    seen: set[str] = set()
    for line in lines:
        key = _header_key(line.strip())
        if key in headers:
            if key in keep_first and key not in seen:
                out.append(line)
            seen.add(key)
            continue
        out.append(line)
    return "\n".join(out)


def _header_opens_document(lines: list[str], opening: list[int], key: str) -> bool:
    """Is the first occurrence of a running header also the document's own first line?

    Yes when it occurs twice among the first lines (the page-1 header and the document's own
    title line), or once there with no other title after it (page 1 carries no header and the
    header repeats the title). No when a title follows it: then it is page 1's header.
    """
    hits = [i for i in opening if _header_key(lines[i].strip()) == key]
    if not hits:
        return False
    if len(hits) >= 2:
        return True
    title = chrome_patterns().title_line
    after = [i for i in opening if i > hits[0]]
    nxt = [i for i, line in enumerate(lines) if i > hits[0] and line.strip()][:3]
    return not any(title.match(lines[i].strip()) and "。" not in lines[i] for i in (*after, *nxt))


@dataclass(frozen=True)
class _Wrap:
    """How a hard-wrapped text was wrapped: ``measure`` of a full line reaches ``full``."""

    measure: Callable[[str], int]
    full: int


def _char_count(s: str) -> int:
    return len(s)


def _mode(values: list[int], tol: int) -> tuple[int, int]:
    """(w, n): the value w with most values in [w - tol, w] (the largest w on ties), n of them."""
    counts = Counter(values)
    best_w, best_n = 0, 0
    for w in sorted(counts):
        n = sum(c for x, c in counts.items() if w - tol <= x <= w)
        if n >= best_n:
            best_w, best_n = w, n
    return best_w, best_n


def _detect_wrap(lines: list[str]) -> _Wrap | None:
    """How the text is hard-wrapped, or None if it is not.

    Hard-wrapped text (a line break every 30–40 characters) has many lines of nearly the same
    length that do not end a sentence; text with one paragraph per line does not. Length is
    measured both as display width (PDF text wrapped by the page's width, where a digit is half
    as wide as an ideograph) and as a character count (text re-wrapped by a tool); the measure
    with the clearer mode wins. A text whose characters lie mostly (``unwrap_wide_share``) in
    lines more than twice that width has one paragraph per line: its lines of one width are a
    web page's header (an info table of 索引号 / 发布机构 rows, a title printed again and again).
    """
    p = normalize_patterns()
    body = [line.rstrip() for line in lines if line.strip()]
    if len(body) < p.unwrap_min_lines:
        return None
    best: tuple[float, _Wrap] | None = None
    for measure, tol, lo, hi in (
        # A page's text width is 20–120 ideographs: shorter "full" lines are lists or tables.
        (display_width, p.unwrap_tolerance, 40, 240),
        (_char_count, p.unwrap_tolerance // 2, 20, 120),
    ):
        full, n = _mode([measure(line) for line in body], tol)
        share = n / len(body)
        if lo <= full <= hi and share >= p.unwrap_full_share and (best is None or share > best[0]):
            best = (share, _Wrap(measure, full - tol))
    if best is None:
        return None
    wrap = best[1]
    widths = [wrap.measure(line) for line in body]
    wide = sum(w for w in widths if w > 2 * wrap.full)
    if wide >= p.unwrap_wide_share * sum(widths):
        return None
    full_lines = [line for line in body if wrap.measure(line) >= wrap.full]
    open_ended = sum(1 for line in full_lines if not p.sentence_end.search(line))
    if open_ended / max(1, len(full_lines)) < 0.6:
        return None
    return wrap


def _joiner(left: str, right: str) -> str:
    if (
        left
        and right
        and left[-1].isascii()
        and left[-1].isalpha()
        and right[0].isascii()
        and right[0].isalpha()
    ):
        return " "
    return ""


def join_wrapped_lines(text: str) -> str:
    """Re-join hard-wrapped lines (changes meaning: removes line breaks).

    Applied only when the text is detected as hard-wrapped (:func:`_detect_wrap`). A line is joined
    to the next non-blank line when it is full (its width reaches the wrap width) and the next
    line is not indented, when the text marks paragraphs by indentation, or else does not start
    an outline heading (一、 （一） 1. 第一部分 …). A full line ending a sentence (。) is only joined
    when indentation says the paragraph goes on; without indentation it stays a paragraph end.
    """
    lines = text.split("\n")
    wrap = _detect_wrap(lines)
    if wrap is None:
        return text
    nonblank = [line for line in lines if line.strip()]
    # Paragraph indentation is two ideographs (2–8 cells of white space); a centred title or a
    # right-aligned signature is indented much more and says nothing about paragraphs.
    indented = sum(1 for line in nonblank if 2 <= display_width(line[: len(line) - len(line.lstrip())]) <= 8)
    # Indented text has an indented line per paragraph (a quarter of the rows or more); a few
    # stray indented lines (a title centred by hand) are not a paragraph signal.
    uses_indent = indented >= 2 and indented / max(1, len(nonblank)) >= 0.1
    out: list[str] = []
    current: str | None = None  # the paragraph built so far
    last = ""  # its last physical line
    for line in lines:
        if not line.strip():
            continue
        if current is not None and _continues(last, line, wrap, uses_indent):
            left = current.rstrip()
            current = left + _joiner(left, line.strip()) + line.strip()
        else:
            if current is not None:
                out.append(current)
            current = line.rstrip()
        last = line.rstrip()
    if current is not None:
        out.append(current)
    return "\n".join(out)


_LEAD_NUMBER = re.compile(r"^[0-9０-９][0-9０-９.,，．%％‰]*")


def _continues(last: str, nxt: str, wrap: _Wrap, uses_indent: bool) -> bool:
    """Does the physical line ``nxt`` continue the paragraph whose last line is ``last``?"""
    p = normalize_patterns()
    # A number is never split across lines: a line ends short when the number that follows did
    # not fit (…调解成功率 / 97.93%，…), so it counts as full when the number would have filled it.
    lead = _LEAD_NUMBER.match(nxt.strip())
    # (not a year: 2021年3月25日 under a signature is a line of its own)
    reach = wrap.measure(lead.group()) if lead and nxt.strip()[lead.end() : lead.end() + 1] != "年" else 0
    if wrap.measure(last) + reach < wrap.full:
        return False
    if reach and wrap.measure(last) < wrap.full and p.sentence_end.search(last):
        return False
    if uses_indent:
        # Paragraphs (headings too) start indented; an unindented line that happens to begin
        # with 一、 is the wrapped rest of a sentence (…统\n一、专业…).
        return nxt[:1] not in (" ", "\u3000", "\t")
    if p.heading_start.match(nxt.strip()):
        return False
    return not p.paragraph_end.search(last)


@cache
def _nfkc_char(c: str) -> str:
    return unicodedata.normalize("NFKC", c)


def nfkc_changes(text: str) -> int:
    """How many characters :func:`nfkc` changes."""
    keep = normalize_patterns().nfkc_keep
    return sum(1 for c in text if not keep.match(c) and _nfkc_char(c) != c)


def nfkc(text: str) -> str:
    """Unicode NFKC (changes meaning): full-width digits, letters, brackets and colons become
    ASCII (（一） → (一), ： → :), Kangxi radicals and compatibility ideographs become the
    ordinary ideographs. Characters NFKC would expand into something else are kept: the
    ellipsis …, circled list numbers ①, superscripts (m²)."""
    keep = normalize_patterns().nfkc_keep
    parts: list[str] = []
    last = 0
    for m in keep.finditer(text):
        parts.append(unicodedata.normalize("NFKC", text[last : m.start()]))
        parts.append(m.group())
        last = m.end()
    parts.append(unicodedata.normalize("NFKC", text[last:]))
    return "".join(parts)


_CORNER_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})


@cache
def _t2s():  # opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> tuple[int, float]:
    """(number of CJK characters that t2s changes, their share of all CJK characters)."""
    cjk = len(_CJK_RE.findall(text))
    if not cjk:
        return 0, 0.0
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        changed = sum(1 for a, b in zip(text, converted, strict=True) if a != b)
    else:  # phrase conversions that change length: count by multiset difference
        changed = sum((Counter(text) - Counter(converted)).values())
    return changed, changed / cjk


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``), only when the text is traditional:
    at least ``traditional_share`` of its CJK characters change (simplified text changes ~0 %,
    traditional text ~35 %), so a simplified report quoting a traditional name is left alone."""
    p = normalize_patterns()
    # The script is measured on a sample: a long text does not change script halfway.
    changed, share = traditional_share(text[:_SCRIPT_SAMPLE])
    if changed < p.traditional_min_chars or share < p.traditional_share:
        return text
    return convert_t2s(text)


def convert_t2s(text: str) -> str:
    """Unconditional traditional → simplified conversion (what :func:`to_simplified` applies)."""
    # Traditional-script pages quote with corner brackets; the mainland original uses “”.
    return _t2s().convert(text).translate(_CORNER_QUOTES)


def clean_whitespace(text: str) -> str:
    r"""Whitespace inside CJK text: tabs and runs of spaces become one space, spaces between two
    CJK characters or CJK punctuation are removed, lines are stripped. A space between a number
    and a CJK unit (``18 次``) or between Latin words is kept. Rows of a table in text keep
    their tabs, cleaned cell by cell, so the table's columns survive.

    >>> clean_whitespace("执法领域\t立案数\t结案数\n食品 安全\t147\t139\n深入 推进")
    '执法领域\t立案数\t结案数\n食品安全\t147\t139\n深入推进'
    """
    raw = text.split("\n")
    rows = [_table_cells(line) for line in raw]
    lines = []
    for i, line in enumerate(raw):
        cells = rows[i]
        near_row = any(0 <= j < len(rows) and len(rows[j]) >= 2 for j in (i - 1, i + 1))
        if len(cells) >= 3 or (len(cells) == 2 and near_row):
            lines.append("\t".join(_clean_line(c) for c in cells))
        else:
            lines.append(_clean_line(line))
    return "\n".join(lines)


def _table_cells(line: str) -> list[str]:
    if "\t" not in line:
        return []
    return [c for c in line.split("\t") if c.strip()]


def _clean_line(line: str) -> str:
    line = re.sub(r"[ \t]+", " ", line).strip()
    # An indent of full-width spaces that a stored copy turned into ?? (??一、…, ??2019年…).
    line = _LOST_INDENT.sub("", line)
    return _SPACE_BETWEEN.sub("", line)


_LOST_INDENT = re.compile(r"^[?？]{1,4}(?=[\u4e00-\u9fff(（\d])")


def one_paragraph_per_line(text: str) -> str:
    """Blank lines are dropped (one paragraph per line), the text has no leading or trailing
    whitespace."""
    return "\n".join(line for line in text.split("\n") if line.strip())
