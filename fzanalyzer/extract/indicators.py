"""Numeric indicators: value, unit, subject, qualifier, change and period of every counted number.

The hot path is character-level: one regular expression over the normalized text finds
number + unit candidates (:func:`find_candidates`), cue words around each candidate give the
qualifier, change and period, and the clause before it (or the noun after the measure word)
gives the subject (``name``, :mod:`fzanalyzer.extract.subject`; jieba's POS tags are consulted on
those few short strings only). No tokenizer runs over the whole text; the spaCy pipeline
(:mod:`fzanalyzer.extract.nlp`) wraps the same rules as a component and adds a trained NER for
subjects, used only on sentences whose rule name is weak (``use_ner``). Tables in text (rows of
tab-separated cells under a caption) give one indicator per numeric cell. A number whose sentence
names no period takes one from earlier in its paragraph where that period governs it
(:func:`_carry_periods`). The output depends on the text, sections and meta only: the lexicons are
read-only and jieba is a private copy, so nothing run earlier in the process changes it.

>>> from fzanalyzer.model import Meta
>>> text = "2019年1-11月,共受理民间纠纷18465件,同比上升12.5%。"
>>> [(i.text, i.value, i.unit, i.name, i.qualifier, i.change, i.period)
...  for i in extract_indicators(text, [], Meta(year_covered=2019))]
[('18465件', 18465, '件', '受理民间纠纷', '共', None, '2019年1-11月'), ('12.5%', 12.5, '%', '受理民间纠纷', None, 'increase', '2019年1-11月')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from ..model import Indicator, Meta, Section
from ..spans import BRACKETS, FULL_STOPS, INLINE_BLANKS, ClauseStarts, SectionLookup, split_sentences
from .lexicon import change_regex, cues, period_regex, scope_regex, unit_pattern, units
from .lookup import PeriodMatches, Positions, first_at_or_after, last_before
from .names import amount_domain, drop_preposition, only_actor, state_verbs
from .ner import weak_name
from .numbers import cn_digit_chars, is_chinese_numeral, number_pattern, parse_number
from .period import resolve_period
from .subject import _pos, compose_name, following_noun_phrase, leading_verb, only_verbs, starts_with_verb

#: Bump when the rules change what they output.
RULES_VERSION = "fz.indicator_ruler.v1"

_CLAUSE_DELIMS = set("，,；;：:。！？!?\n")
_PART_DELIMS = set("；;。\n")  # a sentence part: what a period phrase governs
_NOT_COMMA = re.compile(r"[^，, ]")
#: Numbers of one sentence past this many are a table or list flattened into text (real reports
#: have at most a dozen per sentence): they are named from their clause alone, without the
#: part-of-speech look at the words around them that costs a jieba tagging per number.
_MAX_TAGGED_PER_SENTENCE = 40


class _Index:
    """What the rules look up for every number, indexed once per text (see :mod:`.lookup`), so a
    sentence of thousands of numbers or a report of thousands of sections costs linear time."""

    def __init__(self, text: str, sections: list[Section]) -> None:
        # a clause never ends inside brackets or quotes (the one table of them, spans.BRACKETS)
        closers = set(BRACKETS.values())
        self.text = text
        self.sections = sections
        self.section_at = SectionLookup([(s.start, s.end, s.level) for s in sections])
        self.clause = ClauseStarts(text, _CLAUSE_DELIMS, set(BRACKETS) - closers, closers)
        self.part = ClauseStarts(text, _PART_DELIMS, set(BRACKETS) - closers, closers)
        self.periods = PeriodMatches(text, scope_regex())
        self.words = Positions(text, [*cues()["period"]["resets"], *cues()["qualifiers"]["clause"]])
        q = cues()["qualifiers"]
        for w in q["clause"]:
            if len(w) == 1:  # 共 counts unless a neighbour makes it another word (共同, 公共)
                self.words.at[w] = [
                    i
                    for i in self.words.at[w]
                    if not (
                        (text[i - 1] if i > 0 else "") in q["clause_not_before"]
                        or text[i + 1 : i + 2] in q["clause_not_after"]
                    )
                ]
        # basis words of a change (同比, 较上年): looked up in a clause that may hold thousands of numbers
        self.basis = Positions(text, [w for ws in cues()["change"]["basis"].values() for w in ws])
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.clause_ends = [m.start() for m in re.finditer("[，,；;。]", text)]
        self.commas = [m.start() for m in re.finditer("[，,]", text)]
        self.full_stops = [m.start() for m in re.finditer(f"[{FULL_STOPS}\n]", text)]
        self._sentences: dict[tuple[int, int], str] = {}

    def deepest_id(self, offset: int) -> str | None:
        k = self.section_at.deepest(offset)
        return self.sections[k].id if k >= 0 else None

    def part_label(self, offset: int) -> str | None:
        k = self.section_at.top(offset)
        return self.sections[k].canonical if k >= 0 else None

    def line_start(self, pos: int) -> int:
        """``text.rfind("\\n", 0, pos) + 1``."""
        k = last_before(self.newlines, pos)
        return 0 if k is None else k + 1

    def line_end(self, pos: int) -> int:
        """``text.find("\\n", pos)``, or the text's length."""
        k = first_at_or_after(self.newlines, pos)
        return len(self.text) if k is None else k

    def sentence(self, lo: int, hi: int) -> str:
        """``text[lo:hi]``, one string shared by every number of the sentence."""
        key = (lo, hi)
        if key not in self._sentences:
            self._sentences[key] = self.text[lo:hi]
        return self._sentences[key]


@dataclass
class Candidate:
    """A number + unit found by the character-level rules (before context is read)."""

    start: int
    end: int
    num_start: int
    value: float | int
    value_max: float | int | None
    unit: str
    kind: str
    inner: str | None  # 余 / 多 inside the span
    chinese: bool
    excluded: str | None = None  # reason, when it is not an indicator


@cache
def _master() -> re.Pattern[str]:
    num = number_pattern()
    d = re.escape(cn_digit_chars())
    cn = rf"(?:(?<![{d}十拾])[{d}十拾][{d}十拾百佰千仟万亿]{{0,23}})"  # not from inside a run: see number_pattern
    sep = r"[ \t]?(?:[-~—–～至到])[ \t]?"
    approx = re.escape("".join(cues()["exclusion"]["round_before"]))
    return re.compile(
        rf"(?P<frac>(?P<den>{cn})分之(?P<fnum>{cn}))"
        rf"|百分之(?P<pnum>{num}|百)"
        rf"|(?<![{d}十百千万亿\d])(?P<vague>[百千万])(?P<vinner>余|多)[ \t]?(?P<vunit>{unit_pattern()})"
        # 近万名, 超万人: a round thousand or ten thousand bounded by the word before it
        rf"|(?<=[{approx}])(?P<round>[千万])(?P<runit>{unit_pattern()})"
        # a space may stand inside as well as before the unit (260 余名, 1.3 万件): web copies
        # pad Arabic numbers with spaces
        rf"|(?P<num>{num}(?:[ \t][万亿](?![余多]?[ \t]?[万亿]))?)(?:{sep}(?P<num2>{num}))?"
        rf"[ \t]?(?P<inner>余|多)?[ \t]?(?P<unit>{unit_pattern()})"
    )


@cache
def _context_exclusions() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in cues()["exclusion"]["context_regex"]))


@cache
def _list_restating() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in cues()["exclusion"]["list_restating"]))


# --------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------


def _enclosures(text: str) -> list[tuple[int, int, str]]:
    """Spans of 《…》 titles, short “…” quotes and 〔…〕 brackets (on one line)."""
    out = []
    for m in re.finditer(r"《[^《》\n]{0,80}》|“[^“”\n]{0,24}”|〔[^〔〕\n]{0,10}〕|‘[^‘’\n]{0,20}’", text):
        out.append((m.start(), m.end(), m.group()[0]))
    return out


def find_candidates(text: str) -> list[Candidate]:
    """Every number + unit span in ``text`` with its value, flagged when excluded.

    >>> [(c.start, c.end, c.value, c.unit, c.excluded)
    ...  for c in find_candidates("第二批3项,《十三项规定》")]
    [(1, 3, 2, '批', 'ordinal'), (3, 5, 3, '项', None), (7, 10, 13, '项', 'quoted')]
    """
    unit_table = units()
    enclosures = _enclosures(text)
    ctx = _Local(text, _context_exclusions())
    restate = _Local(text, _list_restating())
    out: list[Candidate] = []
    for m in _master().finditer(text):
        cand = _candidate(m, unit_table)
        if cand is None:
            continue
        cand.excluded = _exclusion(text, m, cand, enclosures, ctx, restate)
        out.append(cand)
    return out


def _candidate(m: re.Match[str], unit_table) -> Candidate | None:
    if m.group("frac"):
        v = parse_number(m.group())
        if v is None:
            return None
        return Candidate(m.start(), m.end(), m.start(), v * 100, None, "%", "percent", None, True)
    if m.group("pnum"):
        v = parse_number(m.group("pnum"))
        if v is None:
            return None
        return Candidate(m.start(), m.end(), m.start(), v, None, "%", "percent", None, True)
    if m.group("round"):
        u = unit_table[m.group("runit")]
        v = parse_number(m.group("round"))
        if v is None:
            return None
        return Candidate(m.start(), m.end(), m.start(), _scale(v, u.factor), None, u.unit, u.kind, None, True)
    if m.group("vague"):
        u = unit_table[m.group("vunit")]
        v = parse_number(m.group("vague"))
        if v is None:
            return None
        return Candidate(
            m.start(), m.end(), m.start(), _scale(v, u.factor), None, u.unit, u.kind, m.group("vinner"), True
        )
    num = m.group("num")
    v = parse_number(num.replace(" ", "").replace("\t", ""))
    if v is None:
        return None
    u = unit_table[m.group("unit")]
    v2 = None
    if m.group("num2"):
        v2 = parse_number(m.group("num2"))
        if v2 is None or v2 <= v:
            # "1-11月"-like or a descending pair: not a range; keep only the second number.
            return None
    return Candidate(
        m.start(),
        m.end(),
        m.start("num"),
        _scale(v, u.factor),
        _scale(v2, u.factor) if v2 is not None else None,
        u.unit,
        u.kind,
        m.group("inner"),
        is_chinese_numeral(num),
    )


def _scale(v: float | int, factor: int) -> float | int:
    if factor == 1:
        return v
    from decimal import Decimal

    x = Decimal(str(v)) * factor
    return int(x) if x == x.to_integral_value() else float(x)


class _Local:
    """Matches of a context pattern around one span (searched in a small window only)."""

    def __init__(self, text: str, pattern: re.Pattern[str], window: int = 16) -> None:
        from .lookup import needed_class

        self.text, self.pattern, self.window = text, pattern, window
        self.need = needed_class(pattern)

    def covers(self, start: int, end: int) -> bool:
        lo = max(0, start - self.window)
        hi = min(len(self.text), end + self.window)
        if self.need is not None and not self.need.search(self.text, lo, hi):
            return False  # no character that every match holds
        for m in self.pattern.finditer(self.text, lo, hi):
            if m.start() > start:
                return False  # matches come in order: no later one can begin at or before start
            if end <= m.end():
                return True
        return False


@cache
def _blockers_by_unit() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    blockers = cues()["exclusion"]["unit_blockers"]
    for u in units():
        out[u] = [b for b in blockers if len(b) > len(u) and b.startswith(u)]
    return {u: tuple(v) for u, v in out.items()}


@cache
def _number_blocker_re() -> re.Pattern[str]:
    words = sorted(cues()["exclusion"]["number_blockers"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


@cache
def _restating_after() -> tuple[str, ...]:
    return tuple(cues()["exclusion"]["restating_units_after"])


def _exclusion(
    text: str, m: re.Match[str], cand: Candidate, enclosures, ctx: _Local, restate: _Local
) -> str | None:
    """Why a candidate is not an indicator (a reason label), or ``None``."""
    s, e = cand.start, cand.end
    before = text[s - 1] if s > 0 else ""
    num = m.group("num") or ""
    unit_start = m.start("unit") if m.group("unit") else e
    ex = cues()["exclusion"]
    if (before and before in ex["ordinal_before"]) or (before == "首" and not num):
        return "ordinal"
    if cand.chinese and cand.unit in ex["place_units"]:
        return "place_name"  # 八一路街道
    if (
        cand.chinese
        and num[:1] in "十百千万"
        and any(text.endswith(w, 0, s) for w in cues()["exclusion"]["vague_before"])
    ):
        return "vague"  # 数十家, 几百人: no value to report
    if before and (before.isascii() and (before.isalnum() or before in ".-/_#")):
        return "identifier"
    if m.group("unit"):
        if text.startswith(_blockers_by_unit()[m.group("unit")], unit_start):
            return "not_a_unit"
        after = text[e : e + 1]
        if after and after.isascii() and after.isalpha():
            return "identifier"
    for mb in _number_blocker_re().finditer(text, max(0, s - 4), min(len(text), e + 4)):
        if mb.start() <= s < mb.end():
            return "idiom"
    if cand.unit in ("日", "天") and before in "年月" and before:
        return "date"
    if cand.unit == "分" and before and before in "时点:":
        return "time"  # 8时30分
    if before == "每":
        return "denominator"  # 每10万人拥有律师5.2名
    if before == "前" and cand.unit in ("名", "位"):
        return "rank"  # 位列全省前10名
    if cand.unit == "日" and re.match(r"\d{1,2}$", num) and text[s - 3 : s].endswith("月"):
        return "date"
    # enclosures do not overlap: only the last one opening before the number can hold it
    k = bisect_left(enclosures, (s,)) - 1
    if k >= 0:
        a, b, kind = enclosures[k]
        if a < s and e <= b and not (kind == "“" and b - a > 24):
            return "quoted" if kind in "“‘《" else "document_number"
    if ctx.covers(s, e):
        return "identifier"
    if restate.covers(s, e) and not _count_follows(text, e):
        return "restating"
    if cand.chinese:
        if cand.value == 1 and num in ("一", "壹", "幺"):
            return "generic_one"
        if cand.value <= 10 and before in "”》":
            return "restating"
        if cand.value <= 10 and before in "等" and text[s - 2 : s - 1] in "”》":
            return "restating"
        ra = _restating_after()
        if (text.startswith(ra, unit_start) and not _count_follows(text, e)) or text.startswith(
            ra, unit_start + len(m.group("unit") or "")
        ):
            return "restating"
    if not cand.chinese and cand.value == 1 and cand.unit in ("个", "次", "项") and num == "1":
        # "1个" in running text is usually a count, keep it.
        return None
    return None


def _count_follows(text: str, end: int) -> bool:
    """Another count right after the one ending at ``end`` (明确七个方面29项重点任务): the parts of a
    plan it counts are counted, not a restated slogan (三个方面)."""
    return _master().match(text, end) is not None


# --------------------------------------------------------------------------------------------
# Context: qualifier, change, period, name
# --------------------------------------------------------------------------------------------


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _qualifier(text: str, cand: Candidate, clause_lo: int, idx: _Index) -> tuple[str | None, int]:
    """(qualifier, start of the pre-qualifier) for a candidate."""
    q = cues()["qualifiers"]
    after = text[cand.end : cand.end + 3]
    for w in q["post_kept"]:
        if after.startswith(w):
            return w, cand.start
    if cand.inner:
        return cand.inner, cand.start
    left = text[max(clause_lo, cand.start - 4) : cand.start]
    for w in _longest_first(tuple(q["pre"])):
        if left.endswith(w):
            kept = w if w in q["pre_kept"] else None
            if kept is None and w in ("达", "高达", "多达"):
                # 达到约… / 达近…: look one step further left
                left2 = text[max(clause_lo, cand.start - len(w) - 3) : cand.start - len(w)]
                for w2 in q["pre_kept"]:
                    if left2.endswith(w2):
                        return w2, cand.start - len(w) - len(w2)
            if kept:
                return kept, cand.start - len(w)
            break
    # accumulation words anywhere earlier in the clause (共 … 12件、… 7件)
    for w in q["clause"]:
        if idx.words.first(w, clause_lo, cand.start) >= 0:
            return w, cand.start
    return None, cand.start


def _change(text: str, cand: Candidate, pre_start: int, clause_lo: int) -> str | None:
    left = text[max(clause_lo, pre_start - 10) : pre_start]
    m = change_regex().search(left)
    if not m:
        return None
    return "increase" if m.group("inc") else "decrease"


def _change_form(text: str, pre_start: int, clause_lo: int, idx: _Index) -> tuple[str, str | None]:
    """(form, basis) of a change: ``level`` when the number is where the change arrived
    (压缩至5个工作日, 提高到98%), else ``amount`` (减少72%); the basis from the clause
    (较法定时限 → statutory_limit, 同比/较上年 → previous_year; data ``change.basis``)."""
    ch = cues()["change"]
    left = text[max(clause_lo, pre_start - 10) : pre_start]
    m = change_regex().search(left)
    word = (m.group("inc") or m.group("dec")) if m else ""
    gap = left[m.end("inc") if m and m.group("inc") else m.end("dec") if m else 0 :]
    to_level = word.endswith(tuple(ch["to_level_words"])) or any(w in gap for w in ch["to_level_words"])
    basis = next(
        (
            b
            for b, words in ch["basis"].items()
            if any(idx.basis.first(w, clause_lo, pre_start) >= 0 for w in words)
        ),
        None,
    )
    return ("level" if to_level else "amount"), basis


def _period(text: str, sent_lo: int, pos: int, cand_end: int, sent_hi: int, idx: _Index) -> str | None:
    """The time scope governing a number: the last period phrase before it in its sentence part
    (split at 。；), unless a running total (累计达…) intervenes; else one right after it in the same
    clause; else one opening its whole sentence (``今年以来共召开…26次；专题研究…1次``), not one inside
    a clause or a list item (``一是…全年…；二是…``). A streak (连续7次) counts its own span; a period
    naming a document (``制定2025年度学习计划``) dates nothing."""
    if _is_streak(text, pos):
        return None
    lo = idx.part.start(sent_lo, pos)
    last = _last_scope(text, idx, lo, pos)
    if last is not None:
        return None if _reset_between(text, last[1], pos, idx) else last[2]
    # "…12件(2019年)" or "…,全年" right after, within the clause
    end = first_at_or_after(idx.clause_ends, cand_end)
    hi = max(cand_end, sent_hi if end is None else min(end, sent_hi))
    after = idx.periods.first(cand_end, hi)
    if after is not None:
        return after[2]
    # a period opening the whole sentence (sentences here end at ；) dates its later ；-parts; one
    # inside a clause (…，镇司法所全年受理…；) dates that clause only
    k = last_before(idx.full_stops, lo)
    full_lo = _past_blanks(text, 0 if k is None else k + 1, lo)
    if full_lo >= lo:
        return None
    earlier = _last_scope(text, idx, full_lo, lo)
    if earlier is None or earlier[0] != full_lo or _reset_between(text, earlier[1], pos, idx):
        return None
    if text.startswith(tuple(cues()["period"]["carry"]["part_restarts"]), lo):
        return None  # a total of its own (共…), or something else (另有…)
    return earlier[2]


def _is_streak(text: str, pos: int) -> bool:
    """The number at ``pos`` follows a streak word (连续7次): it counts its own span."""
    return text.endswith(tuple(cues()["period"]["streak_words"]), max(0, pos - 4), pos)


def _last_scope(text: str, idx: _Index, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The last period phrase in ``[lo, pos)`` that dates the text, skipping those naming a
    document (a few steps back at most: the look-up stays constant per number)."""
    for _ in range(4):
        last = idx.periods.last(lo, pos)
        if last is None or not _names_document(text, last[0], last[1], pos):
            return last
        pos = last[0]
    return None


def _names_document(text: str, start: int, end: int, pos: int) -> bool:
    """True when the period phrase at ``[start, end)`` is part of a document's or a campaign's
    name (data ``period.document``): inside 《》, or the object of a verb of making or following
    one (制定, 印发, 根据, 纳入 …) that ends, before ``pos`` and any punctuation or number, in a head
    noun (计划, 要点, 清单, 督察 …): ``制定2025年度学法清单，组织…12次`` dates no count."""
    doc = cues()["period"]["document"]
    win = max(0, start - doc["window"])
    if text.rfind("《", win, start) > text.rfind("》", win, start):
        return True
    verbs, heads = _document_regexes()
    lead = verbs.search(text, win, start)
    return lead is not None and heads.match(text, end, min(pos, end + doc["window"])) is not None


def _reset_between(text: str, found_end: int, pos: int, idx: _Index) -> bool:
    """A reset word (累计, 截至目前) after the period's clause and before ``pos``; 累计 resets only
    as a running total reaching a level (累计达到26项), not summing the period (累计参与5000人次)."""
    p = cues()["period"]
    for r in p["resets"]:
        k = idx.words.first(r, found_end, pos)
        if k > found_end:
            comma = first_at_or_after(idx.commas, found_end)
            if comma is not None and comma < k and _NOT_COMMA.search(text, found_end, k):
                levels = p["reset_only_before"].get(r)
                if levels is None or text.startswith(tuple(levels), k + len(r)):
                    return True
    return False


@cache
def _document_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a verb of making or following a document, then only its object up to the period;
    the object's remainder ending in a head noun)."""
    doc = cues()["period"]["document"]
    stops = doc["stops"]
    verbs = re.compile(f"(?:{'|'.join(doc['verbs'])})[^{stops}]*$")
    heads = re.compile(f"[^{stops}\\d]+?(?:{'|'.join(doc['heads'])})")
    return verbs, heads


@dataclass
class _Opening:
    """The time adverbial opening a paragraph (``2019年1-11月，…``) and what its sentence holds."""

    phrase: str
    end: int  # end of the phrase
    sentence_end: int  # end of the opening sentence (at 。！？ or the line end)
    list_at: int  # position of a list-introducing colon in the opening sentence, or -1
    counts: bool  # the opening sentence holds an indicator of its own


def _carry_periods(text: str, out: list[Indicator], idx: _Index) -> None:
    """Give a period carried from earlier in its paragraph to each indicator whose own sentence has
    none (data ``period.carry``): the sentence opens with 其中 (the previous sentence's period), or
    the paragraph opens with a time adverbial that governs it — its opening sentence only sets the
    scene (no count of its own) or introduces a list (a colon), or the paragraph is in the plan
    part. A statistic sentence (``2020年1-11月，全区…142件。``) governs only itself."""
    carry = cues()["period"]["carry"]
    openers = tuple(carry["subdivision_openers"])
    resets = tuple(cues()["period"]["resets"])
    openings: dict[int, _Opening | None] = {}
    carried: set[int] = set()
    starts = [i.start for i in out]  # in document order
    for k, ind in enumerate(out):
        s_lo = ind.sentence_start
        if ind.period is not None or s_lo < 0 or _is_streak(text, ind.start):
            continue
        if any(idx.words.first(r, s_lo, ind.start) >= 0 for r in resets):
            continue  # 累计…: a running total has its own scope
        line_lo = idx.line_start(s_lo)
        if text.startswith(openers, s_lo):
            j = k - 1
            while j >= 0 and out[j].sentence_start == s_lo:
                j -= 1
            prev = out[j] if j >= 0 else None
            if (
                prev is not None
                and prev.period is not None
                and line_lo <= prev.sentence_start < s_lo
                and not text[prev.sentence_end : s_lo].strip(" \t\u3000。；;！？!?")
                and (j in carried or _opens_with(text, line_lo, prev.start, prev.period))
            ):
                ind.period = prev.period
                carried.add(k)
                continue
        if line_lo not in openings:
            openings[line_lo] = _opening(text, line_lo, idx, out, starts)
        op = openings[line_lo]
        if op is None or ind.start < op.end:
            continue
        part = idx.part_label(ind.start)
        if part in carry["no_carry_parts"]:
            continue
        if s_lo < op.sentence_end and not (0 <= op.list_at < s_lo):
            continue  # the opening sentence itself: its own reading (at 。；) stands
        if not op.counts or 0 <= op.list_at < ind.start or part in carry["plan_parts"]:
            ind.period = op.phrase
            carried.add(k)


def _opens_with(text: str, line_lo: int, pos: int, period: str) -> bool:
    """True when the sentence (up to 。！？) holding ``pos`` opens with ``period`` and a comma: a
    scene-setting adverbial (``2019年1-11月，全区共…``), not a period inside the sentence."""
    lo = _past_blanks(text, max(line_lo, *(text.rfind(c, line_lo, pos) + 1 for c in FULL_STOPS)), pos)
    return text.startswith(period, lo) and text.startswith(("，", ","), lo + len(period))


@cache
def _subject_after_opener() -> re.Pattern[str]:
    """The report's own subject right after an opening year (2019年我局全部…): the year opens the paragraph."""
    return re.compile(cues()["period"]["carry"]["subject_after_opener"])


def _opening(
    text: str, line_lo: int, idx: _Index, out: list[Indicator], starts: list[int]
) -> _Opening | None:
    """The time adverbial (a period phrase then a comma, or a year then 我局/本县 …) opening the
    paragraph at ``line_lo``, after a lead heading on the same line (``1.规范执法行为。2019年，…``)."""
    line_hi = idx.line_end(line_lo)
    body = line_lo
    # sections starting in the line's leading whitespace (``text[line_lo:sec.start]`` blank)
    lead = re.compile(r"\S").search(text, line_lo)
    last = lead.start() if lead else len(text)
    for k in idx.section_at.starting_in(line_lo, last):
        sec = idx.sections[k]
        if line_lo <= sec.title_end <= line_hi:
            body = max(body, sec.title_end)
    while body < line_hi and text[body] in " \t\u3000。．.：:，,":
        body += 1
    m = scope_regex().match(text, body, line_hi)
    if not m or not (text.startswith(("，", ","), m.end()) or _subject_after_opener().match(text, m.end())):
        return None
    end = m.end()
    sent_end = line_hi
    for _a, s_b in split_sentences(text, body, line_hi):
        if s_b > end and text[s_b - 1 : s_b] not in "；;":
            sent_end = s_b
            break
    colon = [text.find(c, end, sent_end) for c in cues()["period"]["carry"]["list_introducers"]]
    colon = [c for c in colon if c >= 0]
    first = first_at_or_after(starts, body)
    counts = first is not None and first < min(sent_end, min(colon) if colon else sent_end)
    return _Opening(m.group(), end, sent_end, min(colon) if colon else -1, counts)


@cache
def _name_regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Prefix words, suffix words, words whose last character must stay (行为), change words."""
    n = cues()["name"]

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    pre = re.compile(f"(?:{alt(n['strip_prefix'])})")
    suf = re.compile(f"(?:{alt(n['strip_suffix'])})$")
    protect = re.compile(f"(?:{alt(n['suffix_protect'])})$")
    cw = re.compile(change_regex().pattern)
    return pre, suf, protect, cw


@lru_cache(maxsize=1 << 14)  # pure in its string; a list of counts repeats its clauses
def clean_name(raw: str) -> str:
    """Trim a clause to the noun phrase naming what was counted.

    >>> clean_name("全年共受理民间纠纷")
    '受理民间纠纷'
    >>> clean_name("行政机关负责人出庭应诉率为")
    '行政机关负责人出庭应诉率'
    """
    pre_re, suf_re, protect_re, cw = _name_regexes()
    s = period_regex().sub("", raw)
    for rx in cues()["name"]["remove_regex"]:
        s = re.sub(rx, "", s)
    s = s.strip(" \t,，、")
    changed = True
    while changed and s:
        changed = False
        m = pre_re.match(s)
        if m and m.end() < len(s):
            s = s[m.end() :].lstrip(" ,，")
            changed = True
        m = cw.search(s)
        if m and m.start() > 0:
            s = s[: m.start()]
            changed = True
        elif m and m.start() == 0:
            return ""
        m = suf_re.search(s)
        if m and not protect_re.search(s):
            if m.start() == 0:
                return ""
            s = s[: m.start()]
            changed = True
    s = s.strip(" \t,，、:：")
    if len(s) > 20 and "的" in s:
        tail = s[s.rfind("的") + 1 :]
        if len(tail) >= 2:
            s = leading_verb(s) + tail
    return s


def extract_indicators(
    text: str,
    sections: list[Section],
    meta: Meta,
    *,
    use_ner: bool | None = None,
) -> list[Indicator]:
    """All numeric indicators of a report's normalized text, in document order.

    ``use_ner`` (default off: on the development set and the real report it changes no
    agreement, see ``fzanalyzer indicators-eval``) lets the trained NER propose a subject where
    the rule name is weak (empty or a bare verb).
    """
    cands = [c for c in find_candidates(text) if c.excluded is None]
    idx = _Index(text, sections)
    sentences = _sentence_index(text, cands, idx)
    out: list[Indicator] = []
    last_in_sentence: dict[int, int] = {}
    bases: list[str] = []
    kinds: list[str] = []
    first_in_sentence: dict[int, int] = {}
    respectively: dict[int, list[str]] = {}
    seen_in_sentence: dict[int, int] = {}
    for cand in cands:
        s_lo, s_hi = sentences[cand.start]
        seen_in_sentence[s_lo] = seen_in_sentence.get(s_lo, 0) + 1
        tag = seen_in_sentence[s_lo] <= _MAX_TAGGED_PER_SENTENCE
        if cand.kind == "duration" and _modifies_noun(text, cand):
            continue
        clause_lo = idx.clause.start(s_lo, cand.start)
        qualifier, pre_start = _qualifier(text, cand, clause_lo, idx)
        change = _change(text, cand, pre_start, clause_lo)
        form, basis = _change_form(text, pre_start, clause_lo, idx) if change else (None, None)
        period = _period(text, s_lo, cand.start, cand.end, s_hi, idx)
        name_lo = clause_lo
        prev_idx = last_in_sentence.get(s_lo)
        if prev_idx is not None and out[prev_idx].end > name_lo:
            name_lo = out[prev_idx].end
        raw = text[name_lo:pre_start]
        name = clean_name(raw.lstrip("、"))
        # 53份重要文件、15份重要合同: the words after the previous number are its noun, not a name
        after_prev = prev_idx is not None and name_lo == out[prev_idx].end and _previous_noun(raw)
        base = name
        pair_of = None
        resp = respectively.get(s_lo)
        if cues()["name"]["respectively"] in raw:
            # 受理率、办结率分别达到99.6%和98.9%: one subject per number, in order
            items = [x for x in name.split("、") if x]
            if len(items) < 2:
                items = [x for x in re.split(r"和(?!解)|与", name) if x]
            if len(items) >= 2:
                name = base = items[0]
                respectively[s_lo] = items[1:]
        elif resp and not raw.strip("和、及与，, "):
            name = base = resp.pop(0)
        if prev_idx is not None:
            pair_of, pchange = _before_after(text, out[prev_idx], cand, pre_start)
            if pair_of is not None:
                pair_of = prev_idx
                change = pchange
                name = base = out[prev_idx].name or name
        if resp is not None and name == base and raw.strip("和、及与，, ") == "":
            pass
        elif (
            pair_of is None
            and tag
            and (post := _post_noun_name(text, cand, "" if after_prev else name, s_hi)) is not None
        ):
            name = base = post
        elif pair_of is None and not name and prev_idx is not None and out[prev_idx].name:
            name = out[prev_idx].name or ""  # 同比上升6.7%: the change of the previous quantity
            base = bases[prev_idx]
        elif pair_of is None and tag and weak_name(name):
            prev_base = bases[prev_idx] if prev_idx is not None else ""
            money_after_count = bool(name) and cand.kind == "money" and prev_idx is not None
            if money_after_count and kinds[prev_idx] != "money":  # type: ignore[index]
                domain, prev_base = amount_domain(name, prev_base), ""
            else:
                domain = ""
            if prev_idx is not None and _is_rate(name):
                prev_base = bases[first_in_sentence[s_lo]]
                if _is_rate(prev_base, bare=False):
                    prev_base = ""  # 参学率…，参考率…: a rate never names another rate
            name, base = _complete_name(text, cand, name, prev_base)
            name = domain + name  # 查处环境违法案件12件，罚款50万元: 环境违法罚款
        bases.append(base)
        kinds.append(cand.kind)
        out.append(
            Indicator(
                text=text[cand.start : cand.end],
                value=cand.value,
                unit=cand.unit,
                name=name or None,
                qualifier=qualifier,
                change=change,
                change_form=form,
                change_basis=basis,
                period=period,
                section=idx.deepest_id(cand.start),
                start=cand.start,
                end=cand.end,
                sentence=idx.sentence(s_lo, s_hi),
                method="rule",
                value_max=cand.value_max,
                pair_of=pair_of,
                sentence_start=s_lo,
                sentence_end=s_hi,
            )
        )
        last_in_sentence[s_lo] = len(out) - 1
        first_in_sentence.setdefault(s_lo, len(out) - 1)
    _carry_periods(text, out, idx)
    table_rows: list[tuple[int, int]] = []
    tables = _table_indicators(text, idx, table_rows)
    if tables or table_rows:
        # cells of a table are read by row and column headers, not as running text
        out = [i for i in out if not any(a <= i.start < b for a, b in table_rows)]
        out.extend(tables)
    out.sort(key=lambda i: i.start)
    for ind in out:
        ind.period_resolved = resolve_period(ind.period, meta.year_covered)
    if _want_ner(use_ner):
        from .ner import refine_names

        refine_names(text, out)
    from .codebook import name_and_code  # clean names and codebook codes: a step after the rules

    name_and_code(text, out, sections)
    return out


def _complete_name(text: str, cand: Candidate, name: str, prev_base: str) -> tuple[str, str]:
    """(name, base) for a weak rule name, from the noun after the number or the previous subject."""
    light = len(name) <= 1 or name in cues()["name"]["light_heads"] or only_verbs(name)
    unit = cand.unit or ""
    if cand.kind == "count" and len(unit) > 1 and unit.startswith("个"):
        return unit[1:], unit[1:]  # 明确5个方面17项具体任务: the aspects are what is counted
    # 5个方面17项具体任务: the noun after the next number is that number's, not this one's
    nxt = text[cand.end : cand.end + 1]
    after = "" if nxt.isdigit() else following_noun_phrase(text[cand.end : cand.end + 20])
    if light and len(after) >= 2:
        return after, after
    if prev_base and name:
        return compose_name(name, prev_base), prev_base
    if len(after) >= 2:
        return (after, after) if light else (name + after, name + after)
    if prev_base:
        return compose_name(name, prev_base), prev_base
    return name, name


def _modifies_noun(text: str, cand: Candidate) -> bool:
    """``12小时签约率``, ``24小时自助服务区``: a duration that qualifies a noun is a time window,
    not a measured quantity."""
    nxt = text[cand.end : cand.end + 1]
    if not nxt or not ("\u4e00" <= nxt <= "\u9fff") or nxt in "内以左办完":
        return False
    noun = following_noun_phrase(text[cand.end : cand.end + 12])
    return len(noun) >= 2


def _post_noun_name(text: str, cand: Candidate, pre_name: str, hi: int) -> str | None:
    """``7个镇街建成…中心`` → ``建成…中心的镇街``: when a noun follows the measure word, it is
    what was counted, and the predicate after it says which ones. ``事项已100%实现网办``: a share
    is named by its subject and what it achieved."""
    if cand.kind == "percent" and (share := _share_of_items(text, cand, hi)):
        return share
    if cand.unit in cues()["name"]["category_units"] and (m := _master().match(text, cand.end)):
        # 明确10大类37项重点工作: the kinds of what the next count counts
        kinds = following_noun_phrase(text[m.end() : min(hi, m.end() + 20)])
        if len(kinds) >= 2:
            return kinds + "类别"
    nxt = text[cand.end : cand.end + 1]
    # 55名“法律明白人”: a quoted noun; 4期《执法者来普法》普法视频节目: a title
    closer, reach = {"“": ("”", 24), "《": ("》", 30)}.get(nxt, ("", 0))
    close = text.find(closer, cand.end, min(hi, cand.end + reach)) if closer else -1
    if close > 0:
        nxt = text[cand.end + 1 : cand.end + 2]
    if not nxt or not ("\u4e00" <= nxt <= "\u9fff") or nxt in "余多以左内":
        return None
    if text.startswith(_change_words(), cand.end):
        return None  # 由486项精简至213项: the words after are the change, not a noun
    if cand.kind == "percent":
        pred = _predicate(text, cand.end, hi)
        if pred and pre_name and not weak_name(pre_name):
            return pre_name + pred
        return None
    noun = following_noun_phrase(text[cand.end : min(hi, cand.end + 20)])
    if close > 0:  # 推出4期《执法者来普法》普法视频节目: the title and the noun after it are what was counted
        head = following_noun_phrase(text[close + 1 : min(hi, close + 21)])
        # 61个“一件事一次办”事项: so is a quoted name and its noun; 8家“上海教育立法咨询与服务研究基地”。:
        # a quoted name that ends the clause is all that names them
        if closer == "”" and len(head) < 2 and (close + 1 >= hi or text[close + 1] in _CLAUSE_ENDS):
            return text[cand.end : close + 1]
        if closer == "》" or len(head) >= 2:
            noun = text[cand.end : close + 1] + head
    # 通州三个区参评综合示范创建: a one-character noun (区) before a verb is what was counted; so it is
    # before a list mark, 的 or the clause end (对15个区、33个政府部门…, 42个行政执法部门和14个镇的…),
    # and then it is named alone: nothing after it says which ones
    one = len(noun) < 2 and nxt in cues()["name"]["one_char_nouns"]
    bare = one and text[cand.end + 1 : cand.end + 2] in _ONE_CHAR_NOUN_ENDS
    one = one and (bare or bool(_predicate(text, cand.end + 1, hi)))
    if bare:
        return nxt
    noun = nxt if one else noun
    light = not pre_name or pre_name in cues()["name"]["light_heads"] or only_verbs(pre_name)
    if only_actor(pre_name):  # 市委主要领导2次主持召开…会议: who acted is not what was counted
        clause = re.split(r"[，,；;。]", text[cand.end : min(hi, cand.end + 40)], maxsplit=1)[0]
        light = light or "、" not in clause  # 20余次对信访、督察…作出批示: the verb is past the list
    if len(noun) < 2 and not one and (phrase := _modified_noun_phrase(text, cand.end, hi)):
        return phrase  # 推动形成示范区32项可复制推广的一体化制度创新成果。: the object is all that follows
    if len(noun) < 2 and not one:
        # 46次对法治工作作出批示, 共有2381人次参与了…考试: what was done, when nothing before says it
        # 1人顺利通过执法资格考试: an adverb the verb check stops at is how it went; 67项已完成
        # starts with a verb already and keeps its 已
        pred = _predicate(text, cand.end, hi) or _predicate(text, _past_adverb(text, cand.end), hi)
        pred = pred.replace("了", "") if light else ""
        return pred if len(pred) >= 4 else None
    rest_lo = cand.end + len(noun)
    if text.startswith("的", rest_lo) and _master().match(text, _past_blanks(text, rest_lo + 1, rest_lo + 5)):
        return noun  # 27个部门单位的278项行政许可事项: the noun qualifies the next count
    if not one and (shared := _predicate_past_counts(text, rest_lo, hi)):
        return f"{_predicate_head(drop_preposition(shared))}的{noun}"
    if (
        pre_name.startswith(("将", "把"))
        and not text.startswith("的", rest_lo)
        and not text.startswith(state_verbs(), rest_lo)
    ):
        return noun  # 将89项重点任务逐项分解到…: the object of 将; what is done to it is not its name
    if text[cand.start - 1 : cand.start] == "由" and pre_name and not light:
        return pre_name + noun  # 顾问团由7名律师和专家学者组成: the members, not "组成的律师"
    if text.startswith("的", rest_lo):
        rest = _predicate(text, rest_lo, hi, verb_first=False)
        if len(rest) > 2:
            return noun + rest
    rest = _predicate(text, _past_adverb(text, rest_lo), hi)  # 21个部门共制定…规范: 共 is not the predicate
    if len(rest) >= 2:  # 38个行政执法主体在县政府门户网站公示…: where it was done is not which ones
        return f"{_predicate_head(drop_preposition(rest))}的{noun}"
    if pre_name and not (
        len(pre_name) <= 1 or pre_name in cues()["name"]["light_heads"] or only_verbs(pre_name)
    ):
        mod = _modifier_of(pre_name)
        if mod and _governs_count(mod) and not _relative_clause_before(text, cand.start):
            return (
                noun  # 审核并公布省级36个部门: the verb governs what it counts; 确定的133项任务 modifies it
            )
        return mod + noun
    return noun


def _predicate_past_counts(text: str, pos: int, hi: int) -> str:
    """The predicate after the counts that follow a counted noun at ``pos``, directly or as a list:
    ``43个部门1740项事项实现“一站式”办理`` and ``对9个部门、11个街道开展…督察`` say what the
    departments did after naming what else was counted. Empty when no count follows the noun."""
    k, counts, listed = pos, 0, False
    while k < hi:
        sep = text[k] in "、和及与"
        m = _master().match(text, _past_blanks(text, k + sep, k + 4))
        if m is None:
            break
        counts, listed = counts + 1, listed or sep
        k = m.end() + len(following_noun_phrase(text[m.end() : min(hi, m.end() + 20)]))
    if not counts:
        return ""
    if listed and not text.startswith(tuple(cues()["name"]["all_adverbs"]), k):
        # 提出49项主要任务、208项具体措施和507项…: a list is the object of the verb before it; only a
        # list of subjects that all did the same (9个市(州)88个县(市、区)党委均开展了…) shares its predicate
        return ""
    pred = _predicate(text, _past_adverb(text, k), hi)
    # a few characters up to the clause end are more likely the rest of a noun the phrase reader
    # cut short (行政许可|通用目录) than what was done
    return pred if len(pred) >= _SHARED_PREDICATE_CHARS else ""


#: Characters a predicate after a run of counts needs (see :func:`_predicate_past_counts`).
_SHARED_PREDICATE_CHARS = 5


def _past_adverb(text: str, pos: int) -> int:
    """``pos`` past a predicate adverb that starts there (共, 累计, 顺利: data ``predicate_adverbs``)."""
    adverb = next((a for a in cues()["name"]["predicate_adverbs"] if text.startswith(a, pos)), "")
    return pos + len(adverb)


def _share_of_items(text: str, cand: Candidate, hi: int) -> str:
    """``90%以上事项实现“一门”集中进驻`` → ``实现“一门”集中进驻的事项比例``: a percentage right before
    a noun (past 以上 or 的) is the share of those items; what the sentence says of them names it, as
    readers name it. Empty when no noun follows the percentage.

    >>> from fzanalyzer.model import Meta
    >>> [i.name for i in extract_indicators("推进政务服务改革，80%的政务服务事项实行“一窗受理”。", [], Meta())]
    ['实行“一窗受理”的政务服务事项比例']
    """
    k = cand.end
    k += next((len(w) for w in cues()["qualifiers"]["post_kept"] if text.startswith(w, k)), 0)
    if text.startswith("的", k):
        k += 1
    noun = following_noun_phrase(text[k : min(hi, k + 20)])
    if len(noun) < 2 or not text[k:].startswith(noun) or noun in cues()["name"]["share_not_items"]:
        return ""
    rest = k + len(noun)
    adverb = next((a for a in cues()["name"]["predicate_adverbs"] if text.startswith(a, rest)), "")
    lo = rest + len(adverb)
    end = lo
    while end < min(hi, lo + 24) and text[end] not in "，,；;。：:\n":
        end += 1
    raw = text[lo:end]
    # the clause as written (实现“一门”集中进驻: 一门 is a name, not a count), unless it holds a count
    pred = raw if not re.search(r"\d", raw) and starts_with_verb(raw) else _predicate(text, lo, hi)
    if len(pred) < 2:
        return ""
    return f"{_predicate_head(drop_preposition(pred))}的{noun}比例"


def _modified_noun_phrase(text: str, lo: int, hi: int) -> str:
    """``可复制推广的一体化制度创新成果`` after ``32项``: the rest of the clause, when it is a modifier,
    的 and a noun phrase that ends the clause, is the counted noun with the words that say which
    (a verb object after a number: 打造了1处集休闲、健身、普法于一体的公共空间). Empty otherwise.

    >>> t = "推动形成示范区32项可复制推广的一体化制度创新成果。"
    >>> _modified_noun_phrase(t, t.find("项") + 1, len(t))
    '可复制推广的一体化制度创新成果'
    """
    end = lo
    while end < hi and end - lo <= _LONG_PREDICATE + 6 and text[end] not in "，,；;。：:\n":
        end += 1
    rest = text[lo:end]
    k = rest.rfind("的")
    if end - lo > _LONG_PREDICATE + 6 or k < 2 or len(rest) - k - 1 < 2 or _master().search(rest):
        return ""
    toks = _pos(rest[k + 1 :])
    if not toks[-1][1].startswith("n") or any(f[0] in "pcxuvd" and f != "vn" for _, f in toks[:1]):
        return ""
    return rest


#: What may follow a one-character noun after a measure word for it to be the whole counted noun.
#: marks that end a clause or a list item
_CLAUSE_ENDS = frozenset("、，,；;。")
_ONE_CHAR_NOUN_ENDS = _CLAUSE_ENDS | frozenset("和及与的")


def _previous_noun(raw: str) -> bool:
    """Whether the words between two numbers of a clause belong to the first: only a noun phrase
    (9个市(州)88个县(市、区), 53份重要文件、15份重要合同), or anything up to a list mark or
    conjunction right before the second number (243项政务服务事项实现跨省通办、158项实现省内通办)."""
    bounds = cues()["name"]["modifier_bounds"]
    marks = "".join((*bounds["lists"], *bounds["conjunctions"]))
    gap = raw.strip(marks)
    return len(gap) >= 2 and (following_noun_phrase(gap) == gap or raw.endswith(tuple(marks)))


def _modifier_of(pre_name: str) -> str:
    """What of the words before ``N 个 noun`` modifies the noun: all of them when they hold no list
    or clause bound, else nothing but a verb that opens them. A list before the number names the
    counted items one by one (立法、执法司法和守法普法四个协调小组), a phrase ending in a conjunction
    is another item (…监督管理要求及2项…), one ending in 了 a verb (制定了3项…), and a sentence run on
    past a comma is not a modifier; a verb before the list keeps its object
    (申报了阳光警务、行政复议规范化建设两个单项示范项目: 申报单项示范项目).

    >>> _modifier_of("清理本市地方立法"), _modifier_of("县(市)区、开发区对照"), _modifier_of("申报了甲、乙建设")
    ('清理本市地方立法', '', '申报')
    """
    marks = cues()["name"]["modifier_bounds"]
    if pre_name.endswith(tuple(marks["conjunctions"])) or pre_name.endswith("了"):
        return ""
    if any(c in pre_name for c in marks["clauses"]):
        return ""
    cut = max(pre_name.rfind(c) for c in marks["lists"])
    if cut < 0:
        return pre_name
    verb = leading_verb(pre_name)
    if not verb and 2 <= pre_name.find("了") <= 3:
        verb = pre_name[: pre_name.find("了")]  # 申报了…: a word before 了 is a verb (jieba: 申报 nz)
    return verb if 2 <= len(verb) < cut else ""


def _predicate_head(pred: str) -> str:
    """``纳入沈阳市全面推进法治政府建设工作领导小组`` → ``纳入领导小组``: a long predicate
    before the counted noun keeps its verb and the head of its object (a name is a short phrase)."""
    if len(pred) <= _LONG_PREDICATE:
        return pred
    toks = _pos(pred)
    if len(toks) < 4 or not toks[0][1].startswith("v") or not toks[-1][1].startswith("n"):
        return pred
    return toks[0][0] + toks[-1][0]


#: Characters beyond which a predicate naming a counted noun is cut to verb and head noun
#: (a predicate longer than 18 + 的 + noun is longer than 98% of the names of the real gold).
_LONG_PREDICATE = 18


def _past_blanks(text: str, pos: int, hi: int) -> int:
    """The first offset from ``pos`` (up to ``hi``) past blanks within a line: pages put spaces
    around Arabic numbers (的 30 项) and indent sentences."""
    hi = min(hi, len(text))
    while pos < hi and text[pos] in INLINE_BLANKS:
        pos += 1
    return pos


@cache
def _change_words() -> tuple[str, ...]:
    ch = cues()["change"]
    return (*ch["increase"], *ch["decrease"], "进一步")


def _predicate(text: str, lo: int, hi: int, verb_first: bool = True) -> str:
    """The predicate starting at ``lo`` up to the clause end (at most 24 characters), with any
    number + unit inside it dropped; empty unless it starts with a verb or preposition."""
    end = lo
    passive = text.startswith("被", lo)  # 被市委、市政府评为…: the list names the agent, the verb follows
    while end < hi and end - lo < 30 and text[end] not in ("，,；;。：:\n" if passive else "，,；;。、：:\n"):
        end += 1
    for k in range(lo, end):  # 印发了15家单位的“三定”规定和23家单位的…: another count is not part of it
        if text[k] in "和及与" and _master().match(text, k + 1):
            end = k
            break
    rest = _master().sub("", text[lo:end])
    if len(rest) > _PREDICATE_CHARS:  # 组织开展…第一责任人: cut at the last word that fits, not inside one
        cut = 0
        for w, _f in _pos(rest):
            if cut + len(w) > _PREDICATE_CHARS:
                break
            cut += len(w)
        rest = rest[: cut or _PREDICATE_CHARS]
    if not rest or rest.startswith(("和", "及", "与", "等", "共")):
        return ""
    if verb_first and not starts_with_verb(rest):
        return ""
    return rest


#: Characters of a predicate kept at most (whole words).
_PREDICATE_CHARS = 24


def _governs_count(words: str) -> bool:
    """Whether ``words`` before ``N + measure + noun`` are a predicate whose object is the count: a
    verb or preposition first (adverbs aside), and no adverb after a noun, which makes the words
    before it a subject (相关事项目录共列明47种情形: the list's entries, not a verb's object).

    >>> _governs_count("审核并公布省级"), _governs_count("相关事项目录共列明"), _governs_count("全省")
    (True, False, False)
    """
    toks = list(_pos(words))
    while toks and toks[0][1] == "d":
        toks.pop(0)
    if not toks or toks[0][1][0] not in "vp" or toks[0][1] == "vn":
        return False
    noun = False
    for _w, f in toks[1:]:
        noun = noun or f[0] in "nj"
        if noun and f == "d":
            return False
    return True


def _relative_clause_before(text: str, pos: int) -> bool:
    """Whether the words before the number at ``pos`` end with 的 (确定的 133项任务): they are a
    relative clause modifying the counted noun, not a verb whose object is the count."""
    return text[max(0, pos - 4) : pos].rstrip(INLINE_BLANKS).endswith("的")


def _is_rate(name: str, bare: bool = True) -> bool:
    """Whether ``name`` is a rate word (``bare``: of at most four characters, 参考率, not 法宣在线参学率)."""
    return name.endswith(tuple(cues()["name"]["rate_suffixes"])) and (len(name) <= 4 or not bare)


def _want_ner(use_ner: bool | None) -> bool:
    if use_ner is not None:
        return use_ner
    return False


def _before_after(
    text: str, prev: Indicator, cand: Candidate, pre_start: int
) -> tuple[int | None, str | None]:
    """``由10天压缩至3天``: the second number is the new level of the first."""
    if prev.unit != cand.unit:
        return None, None
    gap = text[prev.end : pre_start]
    left = text[max(0, prev.start - 6) : prev.start]  # 由10天…, 由法定的30个工作日…
    k = max(left.rfind("由"), left.rfind("从"))
    if k == -1 or any(c in left[k:] for c in "，,；;。、"):
        return None, None
    if len(gap) > 14 or any(c in gap for c in "，,；;。"):
        return None, None
    if not re.search(r"(?:为|至|到)$", gap):
        return None, None
    m = re.search(r"(压缩|缩短|减少|降低|下降|精简|压减|削减|降)", gap)
    if m:
        return 1, "decrease"
    m = re.search(r"(提高|提升|增加|上升|增长|扩大|增)", gap)
    if m:
        return 1, "increase"
    return 1, None


def _sentence_index(text: str, cands: list[Candidate], idx: _Index) -> dict[int, tuple[int, int]]:
    """Map each candidate start to its sentence span (only lines holding candidates are split)."""
    out: dict[int, tuple[int, int]] = {}
    line_cache: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
    for c in cands:
        lo = idx.line_start(c.start)
        if lo not in line_cache:
            spans = split_sentences(text, lo, idx.line_end(c.start))
            line_cache[lo] = ([a for a, _ in spans], spans)
        starts, spans = line_cache[lo]
        k = bisect_right(starts, c.start) - 1  # spans are in order and do not overlap
        span = spans[k] if k >= 0 and c.start < spans[k][1] else (lo, idx.line_end(c.start))
        out[c.start] = span
    return out


# --------------------------------------------------------------------------------------------
# Tables in text
# --------------------------------------------------------------------------------------------

_CAPTION = re.compile(r"^\s*(?:表|附表)\s*\d*")
_CELL_SPLIT = re.compile(r"\t+| {2,}|\u3000+")
_NUM_CELL = re.compile(r"^(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>%|[^\d\s]{0,3})$")
# A body row: a label, then two or more numeric cells separated by whitespace (tabs survive in
# raw text; after normalization the cells of a row are single-space separated).
_NUM_ROW = re.compile(
    r"^[ \t\u3000]*(?P<label>[^\d\s][^\t\u3000]*?)(?P<cells>(?:[ \t\u3000]+-?(?:\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.\d+)?%?){2,})[ \t\u3000]*$"
)
# Column names in a header whose separators were removed: 收案数(件)结案数(件)纠错率.
_HEADER_PART = re.compile(r".+?(?:[次户人件个家]数|率|数|量|额|人次|户次|次)(?:[(（][^()（）]{1,6}[)）])?")
_COLUMN_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_CAPTION_UNIT = re.compile(r"单位\s*[:：]\s*([^\s()（）:：,，;；]{1,6})")
_CAPTION_YEAR = re.compile(r"\d{4}年(?:度|\d{1,2}[-—–~至]\d{1,2}月)?")
_ROW_HEADER_WORDS = ("单位", "部门", "项目", "类别", "指标", "名称", "地区", "序号", "区域", "街道", "乡镇")


def _table_indicators(text: str, idx: _Index, rows_out: list[tuple[int, int]]) -> list[Indicator]:
    """Rows of tab/space-separated columns under a caption: each numeric cell is an indicator
    named by its row and column headers, with the caption's period."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out: list[Indicator] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j][1]) <= 120 and _NUM_ROW.match(lines[j][1]):
            j += 1
        if j - i >= 2:
            out.extend(_one_table(text, lines, i, j, idx))
            rows_out.extend((lines[r][0], lines[r][0] + len(lines[r][1])) for r in range(i, j))
            i = j
        else:
            i += 1
    return out


def _header_columns(header: str, k: int) -> list[str]:
    """The ``k`` column names of the numeric cells, from a header line (separated or merged)."""
    cells = [c for c in re.split(r"[\t\u3000]+| +", header.strip()) if c]
    if len(cells) == k + 1:
        return cells[1:]
    if len(cells) == k:
        return cells
    parts = _HEADER_PART.findall(header.strip())
    if len(parts) == k and "".join(parts) == header.strip():
        first = parts[0]
        for w in _ROW_HEADER_WORDS:
            if first.startswith(w) and len(first) > len(w) + 1:
                parts[0] = first[len(w) :]
                break
        return parts
    return [""] * k


def _one_table(text, lines, i, j, idx: _Index) -> list[Indicator]:
    first = _NUM_ROW.match(lines[i][1])
    k = len(first.group("cells").split()) if first else 0
    header = ""
    h = i - 1
    while h >= 0 and not lines[h][1].strip():
        h -= 1
    caption = ""
    if h >= 0 and not _CAPTION.match(lines[h][1]) and "。" not in lines[h][1]:
        header = lines[h][1]
        c = h - 1
        while c >= 0 and not lines[c][1].strip():
            c -= 1
        if c >= 0 and len(lines[c][1]) <= 60:
            caption = lines[c][1].strip()
    elif h >= 0:
        caption = lines[h][1].strip()
    m = period_regex().search(caption) or _CAPTION_YEAR.search(caption) or period_regex().search(header)
    period = m.group() if m else None
    cols = _header_columns(header, k) if header else [""] * k
    out = []
    unit_table = units()
    # 表1 行政复议案件情况（单位：件）: the caption's unit is every cell's, unless its column says
    mu = _CAPTION_UNIT.search(caption) or _CAPTION_UNIT.search(header)
    table_unit = mu.group(1) if mu and mu.group(1) in unit_table else ""
    for r in range(i, j):
        lo, line = lines[r]
        mrow = _NUM_ROW.match(line)
        if not mrow:
            continue
        row_name = mrow.group("label").strip()
        pos = mrow.start("cells")
        for col_idx, cm in enumerate(re.finditer(r"\S+", mrow.group("cells"))):
            cell = cm.group()
            mm = _NUM_CELL.match(cell)
            if not mm:
                continue
            col = cols[col_idx] if col_idx < len(cols) else ""
            unit, factor = _header_unit(col, mm.group("unit"), unit_table)
            if unit is None and table_unit:
                unit, factor = unit_table[table_unit].unit, unit_table[table_unit].factor
            v = parse_number(mm.group("num"))
            if v is None:
                continue
            start = lo + pos + cm.start()
            end = start + len(cell)
            out.append(
                Indicator(
                    text=text[start:end],
                    value=_scale(v, factor),
                    unit=unit,
                    name=f"{row_name}{_strip_unit_parens(col)}",
                    qualifier=None,
                    change=None,
                    period=col if _COLUMN_YEAR.fullmatch(col) else period,
                    section=idx.deepest_id(start),
                    start=start,
                    end=end,
                    sentence=line,
                    method="rule",
                    sentence_start=lo,
                    sentence_end=lo + len(line),
                )
            )
    return out


def _strip_unit_parens(col: str) -> str:
    return re.sub(r"[(（][^()（）]{1,6}[)）]$", "", col)


def _header_unit(col: str, cell_unit: str, unit_table) -> tuple[str | None, int]:
    if cell_unit and cell_unit in unit_table:
        u = unit_table[cell_unit]
        return u.unit, u.factor
    m = re.search(r"[(（]([^()（）]{1,6})[)）]$", col)
    if m and m.group(1) in unit_table:
        u = unit_table[m.group(1)]
        return u.unit, u.factor
    for surface in sorted(unit_table, key=len, reverse=True):
        if col.endswith(surface) or col.endswith(surface + "数"):
            u = unit_table[surface]
            return u.unit, u.factor
    if col.endswith("率"):
        return "%", 1
    return None, 1
