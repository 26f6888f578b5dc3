"""From headings to :class:`~fzanalyzer.model.Section` objects: parts, labels, topics, preamble."""

from __future__ import annotations

import re

from ..model import Meta, Section
from .lexicon import headings_data, plan_lead_patterns, shortcoming_lead_patterns, simplified
from .outline import (
    Heading,
    Line,
    _trim_end,
    body_end,
    find_candidates,
    find_enumerations,
    is_chrome,
    merge_enumerations,
    nesting,
    resolve,
    set_titles,
    signature_start,
    split_lines,
    wrap_width,
)
from .parts import label_from_wording, label_parts
from .sentences import split_sentences

_REPORT_TITLE = re.compile(r"(关于|报告$|报告[（(])")


def build_sections(text: str, meta: Meta) -> list[Section]:
    heads = outline_with_parts(text, meta)
    return _to_sections(text, heads)


def outline_with_parts(text: str, meta: Meta) -> list[Heading]:
    data = headings_data()
    lines = split_lines(text)
    stop = body_end(text, lines)
    inside = nesting(text)
    cands = find_candidates(text, lines, stop, inside)
    heads = resolve(cands)
    year = meta.year_covered
    if not _has_numbered_parts(text, heads, lines, data, year):
        extra = unnumbered_parts(text, lines, stop, cands, year, heads)
        if extra:
            cands = sorted(cands + extra, key=lambda h: h.pos)
            heads = resolve(cands)
    wrap = wrap_width(text, lines)
    runs = find_enumerations(text, lines, stop, inside)
    set_titles(text, heads, lines, data["title_stops"], wrap, [h.pos for r in runs for h in r])
    heads = merge_enumerations(text, heads, runs, lines, stop, data)
    label(text, heads, lines, year)
    return heads


def _has_numbered_parts(
    text: str, heads: list[Heading], lines: list[Line], data: dict, year: int | None
) -> bool:
    """Does the numbering carry the parts (a level-1 heading names a part other than the review)?"""
    tops = [h for h in heads if h.level == 1]
    if not tops:
        return False
    set_titles(text, tops, lines, data["title_stops"], None)
    named = {tuple(label_from_wording(h.title, year)) for h in tops} - {()}
    closing = {lab for labs in named for lab in labs} - {"measures_and_results"}
    return bool(closing)


def unnumbered_parts(
    text: str,
    lines: list[Line],
    stop: int,
    cands: list[Heading],
    year: int | None,
    heads: list[Heading] | None = None,
) -> list[Heading]:
    """Part headings without numbers: short lines named like parts (存在的问题, 下一步工作打算),
    and, failing those, paragraphs opening with a plan or shortcoming lead (下一步，…)."""
    cand_lines = {c.line for c in cands if c.boundary == "line"}
    max_chars = int(headings_data()["unnumbered_part_max_chars"])
    sig = signature_start(text, lines, stop)
    body_lines = [i for i, ln in enumerate(lines) if ln.end > ln.start and ln.start < sig]
    # the opening paragraph (first long line) is never a part heading
    first_long = next((i for i in body_lines if lines[i].end - lines[i].start >= 60), -1)
    out: list[Heading] = []
    labels_seen: set[str] = set()
    for i in body_lines:
        if i <= first_long or i in cand_lines:
            continue
        ln = lines[i]
        t = text[ln.start : ln.end]
        if len(t) > max_chars or t[-1] in "。;；,，" or _REPORT_TITLE.search(t) or is_chrome(t):
            continue
        labels = label_from_wording(t)  # wording only: a bare date line names no part
        if (labels and labels[0] not in labels_seen and labels[0] != "measures_and_results") or (
            labels == ["measures_and_results"] and not out and len(t) <= 20
        ):
            labels_seen.add(labels[0])
            out.append(_unnumbered(text, ln.start, i))
    if out:
        return out
    # lead phrases: only in the second half, so that a 下一步 sentence in the review is not a part,
    # and only after the last numbered heading (inside a numbered section they are its prose)
    half = body_lines[len(body_lines) // 2] if body_lines else 0
    last_head = max((h.pos for h in heads or []), default=-1)
    for pats, label in (
        (shortcoming_lead_patterns(), "shortcomings"),
        (plan_lead_patterns(), "next_year_plan"),
    ):
        for i in body_lines:
            if i <= first_long or i < half or i in cand_lines or lines[i].start < last_head:
                continue
            ln = lines[i]
            t = simplified(text[ln.start : ln.end])
            if any(p.search(t) for p in pats):
                h = _unnumbered(text, ln.start, i)
                h.canonical = label
                out.append(h)
                break
    if out:
        implicit = _implicit_review(text, lines, body_lines, min(h.pos for h in out), cands)
        if implicit is not None:
            out.append(implicit)
    return sorted(out, key=lambda h: h.pos)


def _implicit_review(
    text: str, lines: list[Line], body_lines: list[int], first_part: int, cands: list[Heading]
) -> Heading | None:
    """The review part of a report without part headings: from the paragraph after the opening
    one (…报告如下) to the first inferred part; a heading with empty marker and title."""
    if any(c.pos < first_part and c.boundary == "line" for c in cands):
        return None
    opening = next((i for i in body_lines if "如下" in text[lines[i].start : lines[i].end]), None)
    if opening is None:
        opening = next((i for i in body_lines if lines[i].end - lines[i].start >= 60), None)
    if opening is None:
        return None
    nxt = next((i for i in body_lines if i > opening), None)
    if nxt is None or lines[nxt].start >= first_part:
        return None
    h = _unnumbered(text, lines[nxt].start, nxt)
    h.type = "implicit"
    h.canonical = "measures_and_results"
    return h


def _unnumbered(text: str, pos: int, line: int) -> Heading:
    h = Heading(pos, pos, "unnumbered", 1, "line", line, "", _text=text)
    h.style = "unnumbered"
    return h


# -- labels --------------------------------------------------------------------------------------------


def label(text: str, heads: list[Heading], lines: list[Line], year: int | None) -> None:
    tops = [h for h in heads if h.level == 1]
    parts = [(h.title, text[h.title_end : h.end]) for h in tops]
    labels = label_parts(parts, year)
    for h, labs in zip(tops, labels, strict=True):
        if h.canonical is None:  # lead-phrase parts come labelled
            h.canonical = labs[0]
    for h, labs in zip(tops, labels, strict=True):
        if len(labs) > 1:
            _split_merged(text, heads, heads.index(h), labs[1], lines, year)
    for h in heads:
        if h.level != 1 and h.canonical is None:
            top = _ancestor_at(heads, h, 1)
            h.canonical = top.canonical if top is not None else None
    # a thematic level-1 heading (一、坚持依法行政…) names an area of work: it gets a topic too
    thematic = [h for h in tops if h.style == "numbered" and not label_from_wording(h.title, year)]
    _assign_topics(text, heads, thematic)


def _split_merged(
    text: str, heads: list[Heading], i: int, second: str, lines: list[Line], year: int | None
) -> None:
    """Sub-parts of a merged part that belong to its second half get the second label.

    The second half starts at the first child whose wording names it (（二）2022年工作安排), else at
    a line inside the part that opens it (下一步，… / 2022年，…将 / a short 2022年工作安排 line):
    the children after that line are relabelled, and if there are none, the rest of the part
    becomes an unnumbered level-2 section with the second label.
    """
    part = heads[i]
    kids = [j for j, h in enumerate(heads) if h.parent == i and h.style != "enumeration"]
    flip = False
    for j in kids:
        if second in label_from_wording(heads[j].title, year):
            flip = True
        if flip:
            _relabel(heads, j, second)
    if flip:
        return
    lead = None
    for ln in lines:
        if ln.start <= part.title_end or ln.start >= part.end:
            continue
        t = simplified(text[ln.start : ln.end])
        short = len(t) <= 30 and second in label_from_wording(t, year)
        if short or any(p.search(t) for p in plan_lead_patterns()):
            lead = ln
            break
    if lead is None:
        return
    later = [j for j in kids if heads[j].pos >= lead.start]
    for j in later:
        _relabel(heads, j, second)
    if later:
        return
    cut = _trim_end(text, lead.start)
    for h in heads:  # the review half's sections end where the plan half starts
        if h is not part and h.pos < lead.start < h.end and part.pos <= h.pos:
            h.end = max(cut, h.title_end)
    h = Heading(lead.start, lead.start, "unnumbered", 1, "line", -1, "", _text=text)
    h.style = "unnumbered"
    h.level = 2
    h.parent = i
    h.end = part.end
    h.canonical = second
    h.title_start = lead.start
    h.title_end = _first_stop_simple(text, lead.start, lead.end)
    heads.insert(_insert_at(heads, h.pos), h)
    _reindex_parents(heads, h)


def _relabel(heads: list[Heading], j: int, label: str) -> None:
    heads[j].canonical = label
    for d in _descendants(heads, j):
        heads[d].canonical = label


def _first_stop_simple(text: str, s: int, e: int) -> int:
    for k in range(s, e):
        if text[k] in "。!！?？":
            return k
    return e


def _insert_at(heads: list[Heading], pos: int) -> int:
    for k, h in enumerate(heads):
        if h.pos > pos:
            return k
    return len(heads)


def _reindex_parents(heads: list[Heading], new: Heading) -> None:
    """After inserting ``new``, parent indices at or after its slot shift by one."""
    at = heads.index(new)
    for h in heads:
        if h is new:
            continue
        if h.parent is not None and h.parent >= at:
            h.parent += 1
    if new.parent is not None and new.parent >= at:
        new.parent += 1


def _descendants(heads: list[Heading], j: int) -> list[int]:
    out = []
    frontier = {j}
    for k in range(j + 1, len(heads)):
        if heads[k].parent in frontier:
            out.append(k)
            frontier.add(k)
    return out


def _ancestor_at(heads: list[Heading], h: Heading, level: int) -> Heading | None:
    cur: Heading | None = h
    while cur is not None and cur.level > level:
        cur = heads[cur.parent] if cur.parent is not None else None
    return cur if cur is not None and cur.level == level else None


def _assign_topics(text: str, heads: list[Heading], extra: list[Heading]) -> None:
    from .topics import classify_topics

    targets = [h for h in heads if (h.level == 2 or h in extra) and h.style != "enumeration"]
    if not targets:
        return
    items = []
    for h in targets:
        first = ""
        for s, e in split_sentences(text, h.title_end, min(h.end, h.title_end + 400)):
            if e - s > 4:
                first = text[s:e]
                break
        items.append((h.title, first))
    for h, topic in zip(targets, classify_topics(items), strict=True):
        h.topic = topic


# -- sections ------------------------------------------------------------------------------------------


def _to_sections(text: str, heads: list[Heading]) -> list[Section]:
    out: list[Section] = []
    first = heads[0].pos if heads else len(text)
    pre_s = 0
    while pre_s < first and text[pre_s].isspace():
        pre_s += 1
    pre_e = _trim_end(text, first)
    if pre_e > pre_s:
        out.append(
            Section(
                id="s1",
                parent=None,
                level=0,
                marker="",
                title="",
                canonical="preamble",
                topic=None,
                start=pre_s,
                end=pre_e,
                title_start=pre_s,
                title_end=pre_s,
                style="preamble",
            )
        )
    ids: dict[int, str] = {}
    for k, h in enumerate(heads):
        sid = f"s{len(out) + 1}"
        ids[k] = sid
        parent_sec = out[int(ids[h.parent][1:]) - 1] if h.parent is not None and h.parent in ids else None
        start = h.pos
        end = max(h.end, h.title_end, start)
        if parent_sec is not None:
            end = min(end, parent_sec.end)
            start = max(start, parent_sec.start)
        ts = min(max(h.title_start, start), end)
        te = min(max(h.title_end, ts), end)
        style = h.style
        if style == "numbered":
            eol = text.find("\n", te, end)
            rest = text[te : end if eol < 0 else eol].strip(" \t\u3000。.:：")
            if h.boundary != "line" or rest:
                style = "inline"  # the heading shares its line with body text (a lead phrase)
        out.append(
            Section(
                id=sid,
                parent=parent_sec.id if parent_sec else None,
                level=h.level,
                marker=text[h.pos : h.mend].strip(),
                title=text[ts:te],
                canonical=h.canonical,
                topic=h.topic,
                start=start,
                end=end,
                title_start=ts,
                title_end=te,
                style=style,
            )
        )
    return out
