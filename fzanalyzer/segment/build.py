"""From headings to :class:`~fzanalyzer.model.Section` objects: parts, labels, topics, preamble."""

from __future__ import annotations

import re

from ..model import Meta, Section
from ..spans import canon, inside_brackets, split_sentences
from .lexicon import (
    headings_data,
    merged_content_patterns,
    plan_lead_patterns,
    shortcoming_lead_patterns,
    simplified,
)
from .outline import (
    Heading,
    Line,
    LineBoundaries,
    _trim_end,
    body_end,
    drop_cut_off,
    find_candidates,
    find_enumerations,
    is_chrome,
    merge_enumerations,
    resolve,
    set_titles,
    signature_start,
    split_lines,
    wrap_width,
)
from .parts import label_from_wording, label_parts

_REPORT_TITLE = re.compile(r"(关于|报告$|报告[（(])")
_PROSE = re.compile(r"[。；;，,!！?？]")


def build_sections(text: str, meta: Meta) -> list[Section]:
    heads = outline_with_parts(text, meta)
    return _to_sections(text, heads)


def outline_with_parts(text: str, meta: Meta) -> list[Heading]:
    data = headings_data()
    lines = split_lines(text)
    stop = body_end(text, lines)
    inside = inside_brackets(text)
    bounds = LineBoundaries(text, lines)
    cands = find_candidates(text, lines, stop, inside, bounds)
    heads = resolve(cands)
    year = meta.year_covered
    runs = find_enumerations(text, lines, stop, inside, bounds)
    if not _has_numbered_parts(text, heads, lines, data, year):
        extra = unnumbered_parts(text, lines, stop, cands, year, heads, meta.title)
        if not extra and not any(h.level == 1 for h in heads):
            extra = lead_sentence_parts(text, lines, runs)
        if extra:
            cands = sorted(cands + extra, key=lambda h: h.pos)
            heads = resolve(cands)
    wrap = wrap_width(text, lines)
    set_titles(text, heads, lines, data["title_stops"], wrap, [h.pos for r in runs for h in r])
    heads = drop_cut_off(text, merge_enumerations(text, heads, runs, lines, stop, data))
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
    title: str | None = None,
) -> list[Heading]:
    """Part headings without numbers: short lines named like parts (存在的问题, 下一步工作打算),
    and, failing those, paragraphs opening with a plan or shortcoming lead (下一步，…). The
    report's own title line (西藏自治区2018年度法治政府建设情况) is none of them."""
    cand_lines = {c.line for c in cands if c.boundary == "line"}
    max_chars = int(headings_data()["unnumbered_part_max_chars"])
    own_title = canon(title)
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
        if own_title and canon(t) == own_title:
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


def lead_sentence_parts(text: str, lines: list[Line], runs: list[list[Heading]]) -> list[Heading]:
    """Parts of a report without numbers whose paragraphs open with a short lead sentence and then
    its items (西藏 2016–2018: 政府职能依法有效履行。一是动态调整权责清单。…二是…): each lead sentence
    is an unnumbered level-1 heading."""
    max_chars = int(headings_data()["unnumbered_part_max_chars"])
    out = []
    for run in runs:
        first = run[0]
        ln = lines[first.line]
        lead = text[ln.start : first.pos].strip()
        if (
            first.boundary == "sent"
            and 4 <= len(lead) - 1 <= max_chars
            and lead.endswith("。")
            and not _PROSE.search(lead[:-1])
            and not re.search(r"\d", lead)
        ):
            out.append(_unnumbered(text, ln.start + text[ln.start : first.pos].index(lead[0]), first.line))
    return out


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
            _split_merged(text, heads, heads.index(h), labs, lines, year)
    for h in heads:
        if h.level != 1 and h.canonical is None:
            top = _ancestor_at(heads, h, 1)
            h.canonical = top.canonical if top is not None else None
    # a thematic level-1 heading (一、坚持依法行政…) names an area of work: it gets a topic too
    thematic = [h for h in tops if h.style == "numbered" and not label_from_wording(h.title, year)]
    _assign_topics(text, heads, thematic)


def _split_merged(
    text: str, heads: list[Heading], i: int, labels: list[str], lines: list[Line], year: int | None
) -> None:
    """Find where each half of a merged part starts, label its sub-parts, and label the part by
    its dominant half.

    A half (``labels[1:]``, e.g. the plan half of 存在的不足暨2021年工作安排) starts at the first
    child whose wording names it (（二）2022年工作安排); failing that, at a line inside the part
    that opens it (2022年工作安排： / 下一步，…), or a sentence of the part's own text outside its
    children (…仍需加强。2021年，市政府将重点抓好以下工作：); failing that, at the first child
    whose content belongs to it (commitments for the coming year: 将/进一步/力争…, the next
    year named, no reported results). Halves follow the heading's order.

    The part keeps the label its heading names first unless a later half holds
    ``merged_dominance`` of its body (the plan half after a one-paragraph shortcomings lead), in
    which case it takes that half's label. Children get the label of their half; a half with
    no child of its own (text only) becomes an unnumbered level-2 section with its label.
    """
    part = heads[i]
    order = {lab: n for n, lab in enumerate(labels)}
    kids = [j for j, h in enumerate(heads) if h.parent == i and h.style != "enumeration"]
    named: list[tuple[int, str]] = []
    for j in kids:
        hit = [lab for lab in label_from_wording(heads[j].title, year) if order.get(lab, 0) > 0]
        if hit:
            named.append((heads[j].pos, hit[0]))
    marks = list(named)
    for lab in labels[1:]:
        if any(m[1] == lab for m in named):
            continue  # the children's wording is the strongest evidence
        lead = _merged_lead(text, part, [heads[j] for j in kids], lines, lab, year)
        if lead is None:
            lead = next(
                (heads[j].pos for j in kids if _content_label(_body(text, heads[j]), year) == lab), None
            )
        if lead is not None:
            marks.append((lead, lab))
    body_start = _skip_space(text, part.title_end, part.end)
    if body_start >= part.end:
        return
    # regions: (start, label), advancing through the heading's order only
    regions = [(body_start, labels[0])]
    for pos, lab in sorted(marks):
        if order[lab] > order[regions[-1][1]] and pos > regions[-1][0]:
            regions.append((pos, lab))
        elif order[lab] > order[regions[-1][1]]:
            regions[-1] = (regions[-1][0], lab)
    if len(regions) == 1:
        return
    bounds = [*(r[0] for r in regions[1:]), part.end]
    spans = [(s, e, lab) for (s, lab), e in zip(regions, bounds, strict=True)]
    size: dict[str, int] = {}
    for s, e, lab in spans:
        size[lab] = size.get(lab, 0) + e - s
    total = part.end - body_start
    top = labels[0]
    share = float(headings_data()["merged_dominance"])
    for lab in labels[1:]:
        if size.get(lab, 0) >= share * total:
            top = lab
    part.canonical = top
    for s, e, lab in spans:
        inside = [j for j in kids if s <= heads[j].pos < e]
        for j in inside:
            _relabel(heads, j, lab)
        if lab == top or inside:
            continue
        _add_half(text, heads, heads.index(part), s, e, lab)


def _body(text: str, h: Heading) -> str:
    return text[h.title_start : h.end] if h.title_start >= 0 else text[h.pos : h.end]


def _skip_space(text: str, s: int, e: int) -> int:
    while s < e and (text[s].isspace() or text[s] in "。:："):
        s += 1
    return s


def _merged_lead(
    text: str, part: Heading, kids: list[Heading], lines: list[Line], label: str, year: int | None
) -> int | None:
    """Where the half ``label`` of a merged part is announced: a line in the part (a short line
    naming it, or a lead phrase), or a sentence of the part's text outside its children."""
    pats = {"next_year_plan": plan_lead_patterns(), "shortcomings": shortcoming_lead_patterns()}.get(
        label, ()
    )

    def opens(t: str, within: int = 10**6) -> bool:
        t = simplified(t)
        if label == "next_year_plan" and year is not None:
            m = re.match(r"(\d{4})年", t)
            if m and int(m.group(1)) <= year:
                return False  # 2020年，我市将…纳入… in a 2020 report is a result
        return any((m := p.search(t)) is not None and m.start() <= within for p in pats)

    for ln in lines:
        if ln.start <= part.title_end or ln.start >= part.end:
            continue
        t = text[ln.start : ln.end]
        # inside a child, a cue must open the line (…解决存在的问题 in a result is no lead)
        within = 8 if any(k.title_end <= ln.start < k.end for k in kids) else 10**6
        # a heading-like line naming the half (2022年工作安排：), not a wrapped line of prose
        named = len(t) <= 30 and not _PROSE.search(t.rstrip(":：")) and label in label_from_wording(t)
        if named or opens(t, within):  # label_from_wording without the year: no date line
            return ln.start
    last = max(kids, key=lambda k: k.pos, default=None)
    for s, e in split_sentences(text, part.title_end, part.end):
        within = 10**6
        if any(k.pos <= s < k.end for k in kids):
            # in a child only after the last one's title (run-on text: the closing halves
            # follow the last result with no line of their own), and opening the sentence
            if last is None or not last.title_end < s < last.end:
                continue
            within = 8
        if _prev_char(text, s, part.title_end) not in "。！？!?\n" or s <= part.title_end:
            continue
        if opens(text[s:e], within):
            return s
    return None


def _prev_char(text: str, pos: int, floor: int) -> str:
    k = pos - 1
    while k >= floor and text[k] in " \t\u3000":
        k -= 1
    return text[k] if k >= floor else "\n"


def _content_label(body: str, year: int | None) -> str | None:
    """``next_year_plan`` for commitments (future words, the next year named, no results),
    ``shortcomings`` for a list of problems, else ``None``."""
    pats = merged_content_patterns()
    b = simplified(body)
    future = len(pats["future"].findall(b))
    if year is not None:
        future += 2 * len(re.findall(rf"(?<!\d){year + 1}(?!\d)", b))
    past = len(pats["past"].findall(b))
    short = len(pats["shortcomings"].findall(b))
    if short >= 2 and short > future:
        return "shortcomings"
    if (future >= 1 and past == 0) or (future >= 3 and future >= 3 * past):
        return "next_year_plan"
    return None


def _add_half(text: str, heads: list[Heading], i: int, s: int, e: int, label: str) -> None:
    """An unnumbered level-2 section for the half ``[s, e)`` of the merged part ``heads[i]``;
    enumeration items inside it become its children."""
    part = heads[i]
    s = _skip_space(text, s, e)
    end = _trim_end(text, e)
    if end - s < 4:
        return
    for h in heads:  # the sections of the half before end where this one starts
        if h is not part and part.pos <= h.pos < s < h.end:
            h.end = max(_trim_end(text, s), h.title_end)
    h = Heading(s, s, "unnumbered", 1, "line", -1, "", _text=text)
    h.style = "unnumbered"
    h.level = 2
    h.parent = i
    h.end = end
    h.canonical = label
    h.title_start = s
    eol = min(end, _line_end(text, s))
    # a plan half keeps its commitments out of its title; another half is titled by its first
    # sentence (until its whole list of problems: 还存在一些不足：…；…。)
    h.title_end = _lead_end(text, s, eol) if label == "next_year_plan" else _first_stop_simple(text, s, eol)
    heads.insert(_insert_at(heads, h.pos), h)
    _reindex_parents(heads, h)
    at = heads.index(h)
    top = heads.index(part)
    for k in range(at + 1, len(heads)):
        item = heads[k]
        # 一是…二是… of the half, even if attached to the last child of the other half
        if item.style == "enumeration" and s <= item.pos < end and _under(heads, k, top):
            item.parent = at
            item.canonical = label


def _under(heads: list[Heading], k: int, top: int) -> bool:
    p = heads[k].parent
    while p is not None:
        if p == top:
            return True
        p = heads[p].parent
    return False


def _lead_end(text: str, s: int, e: int) -> int:
    """The title of an unnumbered half: its lead up to ``：`` or the sentence end; a long
    sentence keeps only its opening phrase (下一步， / 明年， / 2022年，) so that the commitments
    after it stay body text."""
    stop = next((k for k in range(s, e) if text[k] in "。!！?？:："), e)
    if stop - s > 20:
        comma = next((k for k in range(s, min(stop, s + 12)) if text[k] in ",，"), None)
        if comma is not None:
            return comma
    return stop


def _line_end(text: str, s: int) -> int:
    nl = text.find("\n", s)
    return len(text) if nl < 0 else nl


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

    extra_ids = {id(h) for h in extra}  # identity: ``h in extra`` compares every field, O(heads × extra)
    targets = [h for h in heads if (h.level == 2 or id(h) in extra_ids) and h.style != "enumeration"]
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
