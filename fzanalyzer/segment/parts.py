"""Canonical labels of level-1 parts (genre.md: the five parts of a report).

A part is labelled from its heading wording first (cue patterns in ``data/headings.json``, in a
fixed order so that 党政主要负责人履行…职责情况 is ``leadership_duty`` although it says 情况), then
from the years it names (the year after ``year_covered`` means a plan), then — for thematic
headings such as 一、坚持依法行政 — from its body and its position. A heading that merges two
parts (2021年工作总结暨2022年工作安排, 存在的不足及下一步打算) gets all their labels here; the
builder (``build._split_merged``) then finds where each half starts and labels the part by its
dominant half, so that plans are still found.

>>> label_from_wording("存在的问题和不足")
['shortcomings']
>>> label_from_wording("2021年工作总结暨2022年工作安排", year=2021)
['measures_and_results', 'next_year_plan']
>>> label_from_wording("2023年度工作计划落实情况", year=2023)
['measures_and_results']
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..normalize.resources import normalize_patterns
from .lexicon import content_cues, headings_data, part_cue_patterns, plan_review_pattern, simplified

_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")


def label_from_wording(title: str, year: int | None = None) -> list[str]:
    """Canonical labels the heading wording points to, in the order they appear in it.

    Two or three labels mean a merged part (review + plan, shortcomings + plan, or all three);
    an empty list means a thematic heading. Remembered per (title, year): the outline asks for
    each heading several times, and a run of identical headings asks thousands of times.
    """
    return list(_labels(title, year))


@lru_cache(maxsize=1 << 14)
def _labels(title: str, year: int | None) -> tuple[str, ...]:
    return tuple(_wording_labels(title, year))


def _wording_labels(title: str, year: int | None) -> list[str]:
    # a review of the last plans (2023年度工作计划落实情况) is no plan part: read its plan words as 情况
    t = plan_review_pattern().sub("情况", simplified(title))
    hits: list[tuple[int, str]] = []
    for label, pats in part_cue_patterns():
        for p in pats:
            m = p.search(t)
            if m:
                hits.append((m.start(), label))
                break
    labels = [lab for _, lab in hits]
    years = [int(y) for y in _YEAR.findall(t)]
    if year is not None and years:
        if all(y > year for y in years) and "measures_and_results" in labels and len(labels) > 1:
            labels.remove("measures_and_results")
        if all(y > year for y in years) and not labels:
            labels = ["next_year_plan"]
    if not labels:
        return []
    # A heading naming a duty, shortcomings or "other" is that part even if it also says 情况/成效.
    for strong in ("other", "leadership_duty"):
        if strong in labels:
            return [strong]
    if "next_year_plan" in labels and "measures_and_results" in labels:
        pos = dict((lab, p) for p, lab in hits)
        joined = re.search(headings_data()["merged_joiners"], t)
        if pos["measures_and_results"] < pos["next_year_plan"] and joined:
            # 成效、不足及下步打算: three halves, in the heading's order
            if (
                "shortcomings" in pos
                and pos["measures_and_results"] < pos["shortcomings"] < pos["next_year_plan"]
            ):
                return ["measures_and_results", "shortcomings", "next_year_plan"]
            return ["measures_and_results", "next_year_plan"]
        return ["next_year_plan"]
    if "shortcomings" in labels and "next_year_plan" in labels:
        pos = dict((lab, p) for p, lab in hits)
        if pos["shortcomings"] < pos["next_year_plan"]:
            return ["shortcomings", "next_year_plan"]
        return ["next_year_plan"]
    for label in ("next_year_plan", "shortcomings", "measures_and_results"):
        if label in labels:
            return [label]
    return labels[:1]


def label_from_content(body: str) -> dict[str, int]:
    """How many cue words of each label a part's body holds."""
    body = simplified(body[:6000])
    if _any_content_cue().search(body) is None:  # most bodies of a long list: one search, not ~40 counts
        return dict.fromkeys(content_cues(), 0)
    return {label: sum(body.count(w) for w in words) for label, words in content_cues().items()}


@lru_cache(maxsize=1)
def _any_content_cue() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for words in content_cues().values() for w in words))


_SENTENCE_ENDS = frozenset("\n。！？!?；;")
_WHOLE_END = "”’」』）)]】:：日府局会室厅委处"  # a closing mark, a date, a signature's organ


def _cut_off(body: str) -> bool:
    r"""Does a text end mid-sentence (20 characters or more after its last sentence, ending in
    no closing mark), as a page's excerpt or a truncated copy does, not a report's end (a
    sentence, a signature, a date)?

    >>> _cut_off("一是完成立法计划。二是全力推进自然资源部组建后首部规章的起草工作，会同有关部门反复论证")
    True
    >>> _cut_off("将继续推进。\n某区人民政府"), _cut_off("分解落实立法任务。\n(二)推动自然资源重要立法工作")
    (False, True)
    """
    body = body.rstrip()
    if not body:
        return False
    # the text after the last sentence end (a scan from the end: a regex search for it is quadratic
    # on a text with no sentence end at all)
    k = len(body)
    while k > 0 and body[k - 1] not in _SENTENCE_ENDS:
        k -= 1
    tail = body[k:]
    last = body.rsplit("\n", 1)[-1]
    # a sub-heading with nothing under it (…任务。\n(二)推动…工作): the page stops at its heading
    heading_alone = (
        normalize_patterns().heading_start.match(last) is not None
        and not last.lstrip().startswith("附件")
        and len(last) <= 40
        and last[-1] not in "。！？!?；;"
    )
    return (len(tail) >= 20 and tail[-1] not in _WHOLE_END) or heading_alone


def label_parts(parts: list[tuple[str, str]], year: int | None = None) -> list[list[str]]:
    """Labels for each level-1 part given as ``(title, body)``, in document order.

    Thematic headings take ``measures_and_results`` while they come before the review's end;
    a thematic part whose body is mostly about shortcomings is one; after a shortcomings or
    leadership part — or as the last part — a thematic part whose body speaks of the future
    is a plan.
    """
    out: list[list[str]] = [label_from_wording(t, year) for t, _ in parts]
    seen_review_end = False
    for i, (title, body) in enumerate(parts):
        if out[i]:
            if out[i][0] in ("shortcomings", "leadership_duty", "next_year_plan"):
                seen_review_end = True
            continue
        n = label_from_content(title + body)
        future, past, short = n["next_year_plan"], n["measures_and_results"], n["shortcomings"]
        # the last part of a page cut off mid-sentence is not known to be the report's last
        last = i == len(parts) - 1 and not _cut_off(body)
        if short >= 3 and short > past + future:
            out[i] = ["shortcomings"]
        elif i == 0:
            # A report opens with its review: a thematic first part (一、坚持党的领导…, 一、加强
            # 组织领导) is measures even when it speaks of leadership or of what it will do —
            # also when it is the only part of a truncated page. Its wording alone makes it a
            # duty or a plan.
            out[i] = ["measures_and_results"]
        elif n["leadership_duty"] >= 3 and n["leadership_duty"] > 0.5 * past:
            out[i] = ["leadership_duty"]
        elif future >= 2 and ((seen_review_end and future > past) or (last and future > 2 * past)):
            out[i] = ["next_year_plan"]
        else:
            out[i] = ["measures_and_results"]
    return out
