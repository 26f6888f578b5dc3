"""Segmentation: a report's outline tree, with canonical part labels and topics.

``segment(text, meta)`` returns the sections of a normalized report, flat, in document order,
parents first, with ids ``s1``, ``s2`` … . ``text[s.start:s.end]`` covers a section's heading and
body, ``text[s.title_start:s.title_end] == s.title``.

Choices:

* The text before the first part (title, addressee, opening paragraph) is emitted as one section
  with ``level=0``, ``style="preamble"``, ``canonical="preamble"``, empty marker and title, so that
  it can be found and skipped (gold outlines list only headings with markers).
* ``style``: ``numbered`` (a heading on its own line), ``inline`` (a numbered heading sharing its
  line with body text: a lead phrase 1.纵深推进简政放权。自7月……, or a heading found mid-line in
  run-on text), ``enumeration`` (一是…… items, level 4), ``unnumbered``, ``preamble``.
* Parts inferred without a numbered heading have ``style="unnumbered"`` and marker ``""``: short
  part-heading lines of a report with no level-1 numbering (存在的问题 / 下一步工作打算), paragraphs
  opening with a lead phrase (下一步，… / 但…仍存在…不足) after the last numbered heading, then an
  implicit review part (empty title) between the opening paragraph and them; and the halves
  of a merged part that have no sub-headings (level 2). ``Report.part(label)`` finds these too.
* A merged part (工作总结暨工作安排, 存在的问题及下一步打算, 成效、不足及下步打算) is split into
  its halves by the children's wording, a lead line or sentence (下一步，… / 2022年，…将), or the
  children's content (commitments for the coming year, no reported results); it takes the label
  of its dominant half (``merged_dominance`` of its body, else the label named first). Children
  get their half's label; a half with no child of its own becomes an unnumbered level-2
  section (a problems paragraph before plan sub-headings is ``shortcomings``).
* Every section below level 1 inherits its part's ``canonical`` unless its half says
  otherwise; level-2 sections, and thematic level-1 headings (一、坚持依法行政…), get a ``topic``.

>>> from fzanalyzer.model import Meta
>>> secs = segment("关于2020年度法治政府建设情况的报告\\n一、主要举措和成效\\n（一）深化放管服改革\\n全年办结。"
...                "\\n二、存在的不足\\n仍有差距。", Meta(year_covered=2020))
>>> [(s.level, s.marker, s.title, s.canonical) for s in secs]  # doctest: +NORMALIZE_WHITESPACE
[(0, '', '', 'preamble'), (1, '一、', '主要举措和成效', 'measures_and_results'),
 (2, '（一）', '深化放管服改革', 'measures_and_results'), (1, '二、', '存在的不足', 'shortcomings')]
>>> secs[2].topic
'functions'
"""

from __future__ import annotations

from ..model import Meta, Section
from ..spans import split_sentences

__all__ = ["segment", "split_sentences"]


def segment(text: str, meta: Meta | None = None) -> list[Section]:
    """The outline of ``text`` as a flat list of :class:`~fzanalyzer.model.Section`."""
    from .build import build_sections

    return build_sections(text, meta or Meta())
