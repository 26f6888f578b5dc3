"""Normalization: one faithful text per report, from a chain of small pure steps.

The chain (:data:`STEPS`) is composed here and only here, in this order (textacy's
``preprocessing.pipeline`` style). Every step is a pure ``str -> str`` function
(:mod:`fzanalyzer.normalize.steps`, :mod:`fzanalyzer.normalize.chrome`); when a step changes
the text, a catalogue warning says what it did and how much.

1. newlines: CRLF/CR/form feed → LF, invisible characters dropped (no warning);
   control characters (NUL, ESC, C0/C1 but tab and LF) dropped (W016);
2. page numbers ``— 3 —``, ``第3页`` removed (W002);
3. running page headers/footers removed (W007);
4. hard-wrapped lines re-joined, when the text is detected as hard-wrapped (W005; changes meaning);
5. Unicode NFKC: full-width digits, letters, brackets, colons → ASCII (W006; changes meaning);
6. traditional → simplified (OpenCC ``t2s``), only for traditional text (W003);
7. whitespace inside CJK text removed (W008);
8. web-page chrome removed before and after the body (W004);
9. one paragraph per line: blank lines dropped, lines stripped (no warning).

Line-level steps (2–4) run before NFKC because the wrap width is measured on the characters as
printed (a full-width comma is as wide as an ideograph). The result is ``report.text``: every
offset in fzanalyzer points into it.

>>> n = normalize("关于２０２０年度法治政府建设情况的报告\\r\\n（一）依法 行政\\r\\n共办理 18 件。")
>>> n.text
'关于2020年度法治政府建设情况的报告\\n(一)依法行政\\n共办理 18 件。'
>>> [w.split()[0] for w in n.warnings]
['W006', 'W008']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import warning
from . import steps
from .chrome import chrome_hints, remove_chrome


@dataclass
class Normalized:
    """The normalized text and what normalization did to it."""

    text: str
    warnings: list[str] = field(default_factory=list)
    #: What the removed web chrome said about the page: ``date`` (发布时间/发布日期/成文日期 …),
    #: ``title`` (标题：… of an 索引号 block), ``chrome`` (the removed lines, which may name the
    #: site's government). Same keys as a reader's hints; the reader's win.
    hints: dict[str, str] = field(default_factory=dict)


def _lines_removed(before: str, after: str) -> str:
    gone = sum(1 for x in before.split("\n") if x.strip()) - sum(1 for x in after.split("\n") if x.strip())
    return f"{gone} lines"


def _lines_joined(before: str, after: str) -> str:
    return f"{before.count(chr(10)) - after.count(chr(10))} line breaks"


def _chars_removed(before: str, after: str) -> str:
    return f"{len(before) - len(after)} characters"


def _nfkc_detail(before: str, after: str) -> str:
    return str(steps.nfkc_changes(before))


def _t2s_detail(before: str, after: str) -> str:
    changed = sum(1 for a, b in zip(before, after, strict=False) if a != b)
    return f"{changed} characters"


@dataclass(frozen=True)
class Step:
    """One normalization step: a pure function, the warning code it records and how it
    describes its change."""

    name: str
    fn: Callable[[str], str]
    code: str | None = None
    describe: Callable[[str, str], str] = _chars_removed


#: The normalization chain, in order.
STEPS: tuple[Step, ...] = (
    Step("newlines", steps.unify_newlines),
    Step("control_chars", steps.remove_control_chars, "W016", _chars_removed),
    Step("page_numbers", steps.remove_page_numbers, "W002", _lines_removed),
    Step("running_headers", steps.remove_running_headers, "W007", _lines_removed),
    Step("hard_wrap", steps.join_wrapped_lines, "W005", _lines_joined),
    Step("nfkc", steps.nfkc, "W006", _nfkc_detail),
    Step("t2s", steps.to_simplified, "W003", _t2s_detail),
    Step("cjk_whitespace", steps.clean_whitespace, "W008", _chars_removed),
    Step("web_chrome", remove_chrome, "W004", _lines_removed),
    Step("paragraphs", steps.one_paragraph_per_line),
)


def normalize(text: str, fmt: str = "txt") -> Normalized:
    """Run the normalization chain on ``text`` (as read from a file of format ``fmt``).

    ``fmt`` is accepted for the readers' sake; every format goes through the same chain, since
    a .txt may hold a PDF extraction or a web copy and each step is a no-op when it has nothing
    to do.
    """
    warnings: list[str] = []
    hints: dict[str, str] = {}
    for step in STEPS:
        after = step.fn(text)
        if step.code and after != text:
            warnings.append(warning(step.code, step.describe(text, after)))
            if step.fn is remove_chrome:
                hints = chrome_hints(text, after)
        text = after
    return Normalized(text=text, warnings=warnings, hints=hints)
