"""Plans: the commitments of a report's next-year plan part (genre.md, part 4).

A plan is one commitment: a sentence (split at 。), a clause of it when ``；`` separates two
commitments, an in-paragraph item (一是……二是……, 第一，……), or a numbered item that is one whole
sentence (``1.开展……。`` / ``（三）推行……。`` on a line of its own: the outline takes it as a
heading, its title is the plan). Headings, lead phrases followed by their sentence of detail
(``（一）坚持依法决策。严格落实……`` → the detail is the plan), the part's opening paragraph and its
lead-in (``2024年，街道将重点做好以下工作：``), closing words and general statements of intent
("坚持以……为指导") are not plans. A sentence placed as a plan — a numbered one-sentence item, an
in-paragraph item, a sentence after a lead-in that announces them (``做好以下几件事。``) — is one
whatever its verb; so is every commitment of a ``下一步，将…`` paragraph closing a thematic part.

>>> from fzanalyzer.model import Section
>>> text = "四、2021年工作安排\\n（一）优化营商环境\\n推行“一件事一次办”，年内上线主题套餐20项以上。\\n"
>>> secs = [Section("s1", None, 1, "四、", "2021年工作安排", "next_year_plan", None, 0, len(text)),
...         Section("s2", "s1", 2, "（一）", "优化营商环境", "next_year_plan", "functions", 12, len(text))]
>>> [(p.id, p.text, p.topic, p.target, p.deadline) for p in extract_plans(text, secs, None)]
[('P01', '推行“一件事一次办”，年内上线主题套餐20项以上。', 'functions', '20项以上', '年内')]
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..model import Meta, Plan, Section
from ..resources import read_data
from ..segment.items import sentence_item
from ..segment.lexicon import marker_start
from ..spans import BLANKS, CLAUSE_ENDS, FULL_STOPS, SENTENCE_ENDS, SectionLookup, split_sentences

PLAN_PART = "next_year_plan"


@cache
def lexicon() -> dict[str, Any]:
    """The plan cue words (``data/plans.json``), loaded once."""
    data = json.loads(read_data("plans.json"))
    verbs = sorted(set(data["action_verbs"]), key=len, reverse=True)
    data["_verb_re"] = re.compile("|".join(map(re.escape, verbs)))
    data["_commit_re"] = re.compile("|".join(map(re.escape, verbs + data["commitment_verbs"])))
    data["_intent_re"] = [re.compile(p) for p in data["intent_patterns"]]
    data["_enum_re"] = re.compile(data["enumeration_markers"])
    data["_intro_re"] = re.compile(data["intro_lead"])
    data["_announce_re"] = re.compile(data["announce_lead"])
    data["_opening_re"] = re.compile(data["intro_opening"])
    data["_target_re"] = [re.compile(p) for p in data["target_patterns"]]
    data["_deadline_re"] = [re.compile(p) for p in data["deadline_patterns"]]
    data["_next_step_re"] = re.compile(data["next_step_opener"])
    data["_next_step_bare_re"] = re.compile(data["next_step_bare"])
    return data


@dataclass(frozen=True)
class Unit:
    """A span of text: a sentence, clause or enumerated item (offsets into the text)."""

    start: int
    end: int


def split_units(text: str, start: int, end: int, *, split_clauses: bool = True) -> list[Unit]:
    """Split ``text[start:end]`` into sentences, enumerated items and (optionally) ``；`` clauses.

    Leading enumeration markers (一是, 第一，) and spaces are left out of the unit; a closing
    ``。`` is kept, a closing ``；`` is not.

    >>> t = "一是建立台账；二是限期整改。全年办结12件。"
    >>> [t[u.start:u.end] for u in split_units(t, 0, len(t))]
    ['建立台账', '限期整改。', '全年办结12件。']
    """
    lex = lexicon()
    enum_re = lex["_enum_re"]
    units: list[Unit] = []
    # sentences (and their ；-separated clauses) are cut as everywhere else, never inside brackets
    ends = SENTENCE_ENDS if split_clauses else FULL_STOPS
    for s0, s1 in split_sentences(text, start, end, ends=ends):
        # enumeration items: 一是……二是…… inside one sentence
        cuts = [m.start() for m in enum_re.finditer(text, s0, s1) if _enum_ok(text, m.start(), s0)]
        bounds = [s0, *cuts, s1] if cuts and cuts[0] != s0 else [*cuts, s1] if cuts else [s0, s1]
        for a, b in itertools.pairwise(bounds):
            m = enum_re.match(text, a, b)
            u = _trim(text, m.end() if m else a, b)
            if u is not None:
                units.append(u)
    return units


def _enum_ok(text: str, pos: int, s0: int) -> bool:
    """An enumeration marker starts an item only at a sentence/clause start or after ，：；."""
    if pos == s0:
        return True
    prev = text[pos - 1]
    return prev in "，,：:；;。 \u3000"


def _trim(text: str, a: int, b: int) -> Unit | None:
    while a < b and text[a] in BLANKS:
        a += 1
    while b > a and text[b - 1] in BLANKS + CLAUSE_ENDS + "，,":
        b -= 1
    if b - a < 2:
        return None
    return Unit(a, b)


# -- plan part ----------------------------------------------------------------------------------


def plan_sections(sections: list[Section]) -> tuple[list[Section], list[Section]]:
    """The topmost sections labelled ``next_year_plan`` and every section inside them."""
    by_id = {s.id: s for s in sections}
    tops = [
        s
        for s in sections
        if s.canonical == PLAN_PART
        and (s.parent is None or (by_id.get(s.parent) or s).canonical != PLAN_PART)
    ]
    inside = [s for s in sections if any(t.start <= s.start and s.end <= t.end for t in tops)]
    return tops, inside


def _heading_spans(text: str, secs: list[Section]) -> list[tuple[int, int]]:
    """Spans of heading text (marker + title) that are not commitments themselves."""
    spans = []
    for s in secs:
        if s.style == "enumeration":
            lead = _lead_phrase_end(text, s)
            if lead is not None:
                spans.append((s.start, lead))
            continue  # 一是…… items are the commitments
        if sentence_item(text, s, secs):
            spans.append((s.start, s.title_start))  # only the marker: the title is the plan
            continue
        eol = text.find("\n", s.start, s.end)
        eol = s.end if eol < 0 else eol
        if _cut_mid_sentence(text, s, eol):
            spans.append((s.start, s.title_start))  # the sentence from the title on is the plan
            continue
        if s.title_end > s.start:
            h_end = s.title_end
            while h_end < eol and text[h_end] in "。：:.．" + BLANKS:
                h_end += 1
            if not text[h_end:eol].strip(BLANKS):
                h_end = eol
        else:
            line = text[s.start : eol]
            stop = min((line.find(c) for c in "。：" if c in line), default=-1)
            h_end = eol if stop < 0 else s.start + stop + 1
        spans.append((s.start, h_end))
    return spans


def _cut_mid_sentence(text: str, s: Section, eol: int) -> bool:
    """A run-in title the outline cut inside a sentence of clauses (``1.制定全区…考核评价办法，将…。``
    on a flattened line), not a lead phrase (``（五）提升法治素养和基层治理水平。``, short and without a
    comma): the numbered item is one commitment, marker aside."""
    if s.level < 3:
        return _concrete_title(text, s, eol)
    if not (0 <= s.title_start < s.title_end < eol and text[s.title_end].isalnum()):
        return False
    stop = min((i for i in (text.find(c, s.title_start, eol) for c in FULL_STOPS) if i >= 0), default=eol)
    sentence = text[s.title_start : stop]
    return len(sentence) > lexicon()["lead_phrase_max_chars"] or any(c in sentence for c in "，,；;、：")


def _concrete_title(text: str, s: Section, eol: int) -> bool:
    """A topic heading （一）… keeps its title (a lead phrase may run into its body), unless the
    title is a whole commitment sentence followed by more on its line: longer than a lead phrase,
    with a number, a deadline or a 《》 title (（二）出台《岣川县重大行政决策程序暂行规定》，对…。 or
    （一）年内9个乡镇便民服务中心全部完成规范化改造，…。), as a plan of its own."""
    if not (0 <= s.title_start < s.title_end < eol) or text[s.title_end : s.title_end + 1] not in FULL_STOPS:
        return False
    title = text[s.title_start : s.title_end]
    if len(title) <= lexicon()["lead_phrase_max_chars"] or not text[s.title_end + 1 : eol].strip(BLANKS):
        return False
    return bool(re.search(r"\d|《", title) or _first(lexicon()["_deadline_re"], title) or plan_target(title))


def _lead_phrase_end(text: str, s: Section) -> int | None:
    """End of the lead phrase of an in-paragraph item (``一是强化执法监督。开展……。``): a short
    title with no comma, closed by ``。`` and followed by the item's sentence of detail, which is
    the plan (as under a lead-phrase heading). ``None`` when the item is one commitment."""
    if s.title_start < 0 or s.title_end <= s.title_start:
        return None
    title = text[s.title_start : s.title_end]
    if len(title) > lexicon()["lead_phrase_max_chars"] or any(c in title for c in "，,；;、："):
        return None
    end = s.title_end
    if text[end : end + 1] not in FULL_STOPS:
        return None
    return end + 1 if text[end + 1 : s.end].strip(BLANKS) else None


def _body_spans(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` minus the heading spans, and minus heading-like lines the outline missed."""
    out, i = [], start
    for a, b in sorted(skip):
        if b <= i or a >= end:
            continue
        if a > i:
            out.append((i, a))
        i = max(i, b)
    if i < end:
        out.append((i, end))
    result = []
    for a, b in out:
        pos = a
        while pos < b:
            nl = text.find("\n", pos, b)
            nl = b if nl < 0 else nl
            line = text[pos:nl]
            if marker_start(("cn_dun", "cn_paren", "ar_dot", "ar_paren")).match(line.lstrip()) and not any(
                c in line for c in FULL_STOPS
            ):
                pass  # a heading the outline missed
            elif line.strip(BLANKS):
                result.append((pos, nl))
            pos = nl + 1
    return result


def is_commitment(sentence: str, terminated: bool = False) -> bool:
    """A sentence commits to an action: it names an action verb and is no statement of intent.

    >>> is_commitment("筹建区行政复议委员会，引入专家学者参与审理。")
    True
    >>> is_commitment("2021年是“十四五”开局之年。")
    False
    """
    lex = lexicon()
    s = sentence.strip(BLANKS)
    if len(s) < 6 or _states_intent(s):
        return False
    # a line with no punctuation at all is a signature, date or site furniture
    if not terminated and not re.search(r"[，。；、,;“《]", s) and len(s) < 30:
        return False
    return bool(lex["_commit_re"].search(s))


def _states_intent(s: str) -> bool:
    """A statement of circumstance or intent, or a lead-in to items (2021年是…, 以…为指导,
    重点抓好以下…: plans.json intent_patterns): never a commitment, whatever its verb."""
    lex = lexicon()
    return any(r.search(s) for r in lex["_intent_re"]) or bool(lex["_announce_re"].search(s))


def verb_object(s: str) -> tuple[str | None, str | None]:
    """The action verb and its object: the first clause that opens with a verb wins
    (``对标……部署，研究制定《…》`` → 研究制定), else the first verb anywhere."""
    verb_re = lexicon()["_verb_re"]
    m = None
    for cl in re.finditer(r"[^，,；;：:。]+", s):
        head = re.match(r"(?:将|把|进一步|加快|持续|全面|不断|积极|继续|切实|着力|大力|认真)?", cl.group(0))
        m = verb_re.match(s, cl.start() + (head.end() if head else 0))
        if m and not _adjectival(s, m):
            break
        m = None
    # a verb followed by 性 is an adjective (规范性文件, 完善性措施), not the action
    m = m or next((v for v in verb_re.finditer(s) if not _adjectival(s, v)), None)
    if not m:
        return None, None
    rest = s[m.end() :]
    obj = re.split(r"[，。；,;]", rest, maxsplit=1)[0].strip(BLANKS) or None
    return m.group(0), obj


def _adjectival(s: str, m: re.Match[str]) -> bool:
    return s[m.end() : m.end() + 1] == "性"


def _first(patterns: list[re.Pattern[str]], s: str) -> str | None:
    for r in patterns:
        m = r.search(s)
        if m:
            return m.group(0)
    return None


def plan_target(s: str) -> str | None:
    """The quantified target: the number with its bounding word (不少于300卷, 85%以上)."""
    lex = lexicon()
    hits = [m for r in lex["_target_re"] for m in r.finditer(s)]
    if not hits:
        return None
    m = min(hits, key=lambda m: (m.start(), -(m.end() - m.start())))
    txt = m.group(0)
    # drop a leading verb-like bounding word that is not part of the number ("达到85%以上" -> "85%以上")
    lead = re.match(r"(?:达到|达|提高到|提高至|提升至|提升到|增至|确保|力争)\s*", txt)
    return txt[lead.end() :] if lead else txt


def _bounded_target(sentence: str, terminated: bool) -> bool:
    """In the plan part, a sentence that sets a quantified target is a commitment even when its
    verb is none of the lexicon's (``会前学法全年不少于10次``, ``调解成功率保持在95%以上``, ``配齐…每个村
    不少于3名``): the bound says what is promised."""
    s = sentence.strip(BLANKS)
    if len(s) < 6 or _states_intent(s):
        return False
    return (terminated or bool(re.search(r"[，。；、,;]", s))) and plan_target(s) is not None


def _placed_plan(sentence: str, terminated: bool) -> bool:
    """A whole sentence placed as a plan (announced by its paragraph's lead-in, or a numbered item
    of one sentence) is one whatever its verb, unless it states intent or is a lead phrase (short,
    without a comma: ``（二）坚持依法决策。`` heads the sentences that follow it)."""
    s = sentence.strip(BLANKS)
    ended = terminated or s.endswith(("。", "！", "？", "!", "?"))
    lead = len(s) <= lexicon()["lead_phrase_max_chars"] and not any(c in s for c in "，,；;、：")
    return ended and len(s) >= 6 and not lead and not _states_intent(s)


def extract_plans(text: str, sections: list[Section], meta: Meta | None) -> list[Plan]:
    """The commitments of the next-year plan part, in document order, ids ``P01``….

    Uses the ``sections`` of the report: the parts labelled ``next_year_plan`` and the sections
    inside them (their topics label the plans). A report without such a part has no plans.
    """
    tops, inside = plan_sections(sections)
    plans: list[Plan] = []
    deepest = SectionLookup(
        [(s.start, s.end, s.level) for s in inside]
    )  # a report of thousands of sections: one lookup per plan, not a scan
    by_id = {s.id: s for s in sections}
    for top in tops:
        children = [s for s in inside if s is not top and s.start >= top.start and s.end <= top.end]
        skip = _heading_spans(text, [top, *children])
        # a numbered item that is one sentence (3.对乡里的重大事项决策，先请……。) and the first
        # sentence of an in-paragraph item (第五，坚持……“逢会必学”，……。) are plans by their place,
        # whatever their verb: the report lists them among the plans
        items = {
            c.title_start
            for c in children
            if c.style == "enumeration" or sentence_item(text, c, [top, *children])
        }
        headed = [c for c in children if c.style != "enumeration"]
        # the part's opening paragraph before its first heading or item states intent, not commitments
        body_start = min(c.start for c in headed) if headed else _opening_end(text, top, children)
        for a, b in _body_spans(text, body_start, top.end, skip):
            announced = False  # a lead-in of this paragraph announced the plans after it
            for u in split_units(text, a, b):
                u = _after_intro(text, u)
                s = text[u.start : u.end]
                if s.endswith(("：", ":")) or lexicon()["_announce_re"].search(s):
                    announced = True
                    continue  # a lead-in to the items that follow
                terminated = text[u.end : u.end + 1] in "；;。！？!?"
                if not (
                    is_commitment(s, terminated)
                    or _bounded_target(s, terminated)
                    or ((announced or u.start in items) and _placed_plan(s, terminated))
                ):
                    continue
                k = deepest.deepest(u.start)
                sec = inside[k] if k >= 0 else top
                if sec.canonical not in (None, PLAN_PART):
                    continue  # the shortcomings half of a merged 不足暨安排 part
                plans.append(_make_plan(s, sec, by_id, u.start, u.end))
    plans.extend(_next_step_plans(text, sections, tops, by_id))
    plans.sort(key=lambda p: p.start)
    for i, p in enumerate(plans, 1):
        p.id = f"P{i:02d}"
    return plans


def _make_plan(s: str, sec: Section | None, by_id: dict[str, Section], start: int, end: int) -> Plan:
    verb, obj = verb_object(s)
    return Plan(
        id="",
        text=s,
        topic=_topic(sec, by_id),
        section=sec.id if sec else None,
        start=start,
        end=end,
        verb=verb,
        object=obj,
        target=plan_target(s),
        deadline=_first(lexicon()["_deadline_re"], s),
    )


def _next_step_plans(
    text: str, sections: list[Section], tops: list[Section], by_id: dict[str, Section]
) -> list[Plan]:
    """``下一步，将…`` sentences of the other parts (not the shortcomings): plans given at the end
    of each thematic part (``data/plans.json`` next_step_opener). The commitments that follow
    the opener in its paragraph (``下一步，我们将设立……。全面推行……。推进……。``) are that part's
    plans too: the opener speaks for the whole paragraph."""
    opener, bare_opener = lexicon()["_next_step_re"], lexicon()["_next_step_bare_re"]
    lookup = SectionLookup([(s.start, s.end, s.level) for s in sections])
    out = []
    para_end = -1  # end of the paragraph a 下一步 opener began
    for a, b in split_sentences(text):
        s = text[a:b]
        bare = bare_opener.match(s)
        terminated = text[b - 1 : b] in "；;。！？!?"
        rest = s[bare.end() :] if bare else ""
        opens = bool(opener.match(s)) or bool(
            rest and (is_commitment(rest, terminated) or _bounded_target(rest, terminated))
        )
        if (not opens and a >= para_end) or any(t.start <= a < t.end for t in tops):
            continue
        k = lookup.deepest(a)
        sec = sections[k] if k >= 0 else None
        part = _top_part(sec, by_id)
        if part is None or part.canonical in ("shortcomings", PLAN_PART):
            continue
        if opens:
            nl = text.find("\n", b)
            para_end = len(text) if nl < 0 else nl
            # 下一步…将 already commits: the verb after it need not be one of the lexicon's (配齐, 配备)
            if len(s) >= 10 and not _states_intent(s):
                out.append(_make_plan(s, sec, by_id, a, b))
            continue
        u = _trim(text, a, b)
        if u is not None:
            t = text[u.start : u.end]
            if is_commitment(t, terminated) or _bounded_target(t, terminated):
                out.append(_make_plan(t, sec, by_id, u.start, u.end))
    return out


def _opening_end(text: str, top: Section, children: list[Section]) -> int:
    """Where the items of a part of in-paragraph items (一是……) begin: the paragraph or sentences
    before its first item open the part (2023年，我县将……) and state no commitment. Two or more
    paragraphs before it are kept: they may be plans of their own."""
    items = [c.start for c in children if c.style == "enumeration"]
    if not items:
        return top.start
    first = min(items)
    head_end = max(top.title_end, top.start)
    if text[head_end:first].strip(BLANKS).count("\n") >= 1:
        return top.start
    return first


def _after_intro(text: str, u: Unit) -> Unit:
    """The unit without a lead-in that runs into the first plan (``……重点做好以下工作：每季度召开……``)."""
    lex = lexicon()
    leads = list(lex["_intro_re"].finditer(text, u.start, u.end))
    cut = leads[-1].end() if leads else None
    opening = lex["_opening_re"].match(text, u.start, u.end)
    if opening and (cut is None or opening.end() > cut):
        cut = opening.end()
    return u if cut is None else (_trim(text, cut, u.end) or u)


def _top_part(sec: Section | None, by_id: dict[str, Section]) -> Section | None:
    """The top-level part holding ``sec`` (``sec`` itself when it is one)."""
    while sec is not None and sec.parent:
        sec = by_id.get(sec.parent)
    return sec


def _topic(sec: Section | None, by_id: dict[str, Section]) -> str | None:
    while sec is not None:
        if sec.topic:
            return sec.topic
        sec = by_id.get(sec.parent) if sec.parent else None
    return None
