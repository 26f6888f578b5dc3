"""Numbered items that are one whole sentence: headings to the outline, statements to a reader.

``1.开展行政执法案卷评查，评查案卷不少于300卷。`` or ``（三）推行“一件事一次办”。`` on a line of its
own looks like a heading (a marker, then a title), and the outline reads it as one; but it has no
body of its own and says one thing in one sentence: in a plan part it is a commitment, in a
report of work a result. The plans (:mod:`fzanalyzer.extract.plans`) and the audit's evidence
(:mod:`fzanalyzer.audit.followthrough`) both read such items as text, by this one rule.

>>> from fzanalyzer.model import Meta
>>> from fzanalyzer.segment import segment
>>> text = ("关于2021年度法治政府建设情况的报告\\n一、主要成效\\n全年办结案件12件。\\n二、2022年工作安排\\n"
...         "（一）推行“一件事一次办”。\\n（二）加强执法监督\\n开展案卷评查。\\n")
>>> secs = segment(text, Meta(year_covered=2021))
>>> [(s.marker, sentence_item(text, s, secs)) for s in secs[1:]]
[('一、', False), ('二、', False), ('（一）', True), ('（二）', False)]
>>> [text[a:b] for a, b in sentence_items(text, secs)]
['推行“一件事一次办”。']
"""

from __future__ import annotations

from ..model import Section
from ..spans import BLANKS, SENTENCE_ENDS


def sentence_item(text: str, s: Section, sections: list[Section], *, bare: bool = False) -> bool:
    """Whether ``s`` is a numbered item that is one whole sentence.

    ``s`` is a heading below level 1, not an in-paragraph item (一是……, read as text anyway), with
    no items of its own; its line, from the title on, is its title closed by ``。`` or ``；`` (with
    ``bare``, also a line with no closing mark: the audit reads a page cut off mid-line, whose
    last item still reports work); and nothing stands below that line in its section, except
    under the last item of a list of such items, where the part's closing paragraph may follow.
    A lead phrase with its sentences (``1.强化学法用法。组织……``) or with a body is not one.
    """
    if s.style == "enumeration" or s.level < 2 or not _one_line_sentence(text, s, bare):
        return False
    if _has_items(s, sections):
        return False
    if _bodiless(text, s):
        return True
    siblings = [c for c in sections if c is not s and c.parent == s.parent and c.style == s.style]
    return (
        bool(siblings)
        and all(c.start < s.start for c in siblings)
        and any(
            _one_line_sentence(text, c, bare=False) and not _has_items(c, sections) and _bodiless(text, c)
            for c in siblings
        )
    )


def sentence_items(text: str, sections: list[Section], *, bare: bool = False) -> list[tuple[int, int]]:
    """Spans, from the title to the end of its line, of the :func:`sentence_item` sections."""
    return [
        (s.title_start, _line_end(text, s)) for s in sections if sentence_item(text, s, sections, bare=bare)
    ]


def _line_end(text: str, s: Section) -> int:
    eol = text.find("\n", max(s.title_end, s.start), s.end)
    return s.end if eol < 0 else eol


def _one_line_sentence(text: str, s: Section, bare: bool) -> bool:
    """The heading's line is its title and a closing ``。`` or ``；`` (``bare``: or nothing): the
    outline's title stops at the sentence's end, so a lead phrase glued to its sentence of detail
    (``强化行政权力制约监督开展……。`` in a page without line breaks) is not one sentence."""
    if s.title_start < 0 or s.title_end <= s.title_start:
        return False
    rest = text[s.title_end : _line_end(text, s)].strip(BLANKS)
    if not rest:
        return bare
    return rest[0] in SENTENCE_ENDS and not rest.strip(SENTENCE_ENDS)


def _bodiless(text: str, s: Section) -> bool:
    return not text[_line_end(text, s) : s.end].strip(BLANKS)


def _has_items(s: Section, sections: list[Section]) -> bool:
    return any(c is not s and s.start <= c.start < s.end for c in sections)
