"""The codebook of the genre's indicators, and the step that codes each extracted indicator.

``data/codebook.json`` lists the standard indicators that annual rule-of-law reports print
(行政复议收案/结案/纠错率, 行政诉讼败诉率, 出庭应诉率, 规范性文件备案/审核/清理/废止, 罚没款, 调解成功率,
法律援助, 12345热线办结率 …), each with a stable ``id``, a Chinese ``label``, a ``definition``, its
``unit_kind`` (count, money, rate, duration) and ``kind`` (level, change, target), and the patterns
of the wordings that map to it. After the rules have found an indicator and :mod:`.names` has
cleaned its name, :func:`code_of` gives it a ``code`` and a ``code_confidence``:

- 0.9 — a pattern of the entry matches the clean name and the unit fits the entry;
- 0.6 — the name is too bare to say what was counted (组织开展, 承诺: :func:`weak`), and a pattern
  matches the clause before the number or the noun right after it (推出61个“一件事一次办”事项); or a
  *structure* fits (:func:`structural_code`): the count's noun and the act of its sentence say the
  measure where no wording does (对19个市县、35个省级国家机关进行考核: units a 考核 covered); or the
  count is a part of the count before it (办理行政处罚案件63件，其中简易程序41件: that count's measure);
- 0.3 — no entry defines the measure, but the name says which domain of the genre it belongs to
  (复议, 执法, 普法 …): a *topic* code of the back-off layer (``backoff`` entries, ``DOMAIN.other``).
  A topic code groups an issuer's indicators by domain; it is no measure, so the panel never
  joins two issuers on it (:func:`joins_issuers`) and the scores count it apart;
- ``None`` — no entry fits (the indicator is kept, uncoded).

A relative change (同比上升12%, 增长2倍) fits an entry of any unit kind: it is the change of that
measure; a panel keeps it apart from levels through its own ``kind``.

>>> code_of("收到行政复议申请", "件")
('review.received', 0.9)
>>> code_of("行政复议纠错率", "%")
('review.overall_correction_rate', 0.9)
>>> code_of("调解成功率", "元", topic=False)   # an amount is never coded as a rate
(None, None)
>>> code_of("收到行政复议申请", "%", "increase")   # 同比上升24.1%: a change of the count
('review.received', 0.9)
>>> entry("litigation.appearance_rate").label
'行政机关负责人出庭应诉率'
>>> code_of("镇街综合行政执法队", "个")   # no measure fits: the domain's topic code
('enforcement.other', 0.3)
>>> joins_issuers("enforcement.other"), joins_issuers("enforcement.cases")
(False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..normalize.steps import strip_glosses
from ..resources import load_json
from .lexicon import units
from .lookup import most_telling, required_words
from .names import elided_head, only_verbs, tidy_names

if TYPE_CHECKING:
    from ..model import Indicator, Section

#: Unit kinds of ``data/units.tsv`` → the codebook's unit kinds.
_UNIT_KINDS = {
    "count": "count",
    "measure": "count",
    "money": "money",
    "percent": "rate",
    "point": "rate",
    "duration": "duration",
    "multiple": "multiple",
}
NAME_CONFIDENCE = 0.9
CONTEXT_CONFIDENCE = 0.6
TOPIC_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Entry:
    """One standard indicator of the codebook."""

    id: str
    label: str
    definition: str
    unit_kind: str
    kind: str
    patterns: tuple[re.Pattern[str], ...]
    exclude: re.Pattern[str] | None
    wordings: tuple[str, ...]
    units: frozenset[str] = frozenset()
    #: the first (one or) two characters of the words one of which every match of one of its
    #: patterns holds (:func:`~.lookup.required_words`, the most telling group); None: unknown
    needs: frozenset[str] | None = None
    #: a topic code of the back-off layer (any unit; tried only when no measure fits; never a panel key)
    backoff: bool = False

    def matches(self, s: str) -> bool:
        if self.exclude is not None and self.exclude.search(s):
            return False
        return any(p.search(s) for p in self.patterns)


@cache
def codebook() -> tuple[Entry, ...]:
    """The entries of ``data/codebook.json``, in matching order."""
    out = []
    for e in load_json("codebook.json")["entries"]:
        exclude = "|".join(f"(?:{x})" for x in e.get("exclude", []))
        out.append(
            Entry(
                id=e["id"],
                label=e["label"],
                definition=e["definition"],
                unit_kind=e["unit_kind"],
                kind=e["kind"],
                patterns=tuple(re.compile(p) for p in e["patterns"]),
                exclude=re.compile(exclude) if exclude else None,
                wordings=tuple(e["wordings"]),
                units=frozenset(e.get("units", ())),
                needs=_needs(e["patterns"]),
                backoff=bool(e.get("backoff", False)),
            )
        )
    return tuple(out)


def _needs(patterns: list[str]) -> frozenset[str] | None:
    groups = [required_words(re.compile(p)) for p in patterns]
    if not all(groups):
        return None
    return frozenset(w[:2] for g in groups for w in most_telling(g))


def codebook_version() -> str:
    return str(load_json("codebook.json")["version"])


@cache
def _by_id() -> MappingProxyType[str, Entry]:
    return MappingProxyType({e.id: e for e in codebook()})


def entry(code: str) -> Entry:
    """The codebook entry of a code (``KeyError`` for an unknown one)."""
    return _by_id()[code]


@cache
def unit_kind(unit: str | None) -> str | None:
    """The codebook unit kind of an indicator unit (件 → count, 元 → money, % → rate …).

    >>> unit_kind("个工作日"), unit_kind("个百分点"), unit_kind("人次")
    ('duration', 'rate', 'count')
    """
    if unit is None:
        return None
    for u in units().values():
        if u.unit == unit or u.surface == unit:
            return _UNIT_KINDS.get(u.kind, "count")
    return "count"


def joins_issuers(code: str | None) -> bool:
    """Whether ``code`` names a measure that may join two issuers in a panel: a code of the
    codebook that is no topic code of the back-off layer."""
    e = _by_id().get(code) if code else None
    return e is not None and not e.backoff


def relative_change(ind: Indicator) -> str | None:
    """The indicator's change when its figure is the amount of a change (同比上升12%), else None:
    a figure the change arrived at (秒批事项从7.8%提升至21%) is a level, of a rate when in %."""
    return None if ind.change_form == "level" else ind.change


def fits(e: Entry, unit: str | None, change: str | None = None) -> bool:
    """Whether an indicator in ``unit`` can be a figure of entry ``e``."""
    if e.backoff:
        return False  # a topic code is never a measure's code (:func:`topic_of`)
    ukind = unit_kind(unit)
    if ukind == e.unit_kind:
        return not e.units or unit in e.units
    # 同比上升12% / 增长2倍: a relative change of a count, an amount or a duration.
    return ukind in ("rate", "multiple") and change is not None and e.unit_kind != "rate"


def code_of(
    name: str | None, unit: str | None, change: str | None = None, context: str = "", *, topic: bool = True
) -> tuple[str | None, float | None]:
    """``(code, confidence)`` of an indicator from its clean name (else from ``context``, the
    clause before its number), else (``topic``) the topic code of its name (:func:`topic_of`),
    or ``(None, None)``."""
    name = strip_glosses(name or "")  # 专题学(xué)法: a site's pinyin readings are no words
    has_change = change is not None
    code = _by_name(name, unit, has_change)
    if code is not None:
        return code, NAME_CONFIDENCE
    if context and weak(name):
        code = _by_context(context, name, unit, has_change)
        if code is not None:
            return code, CONTEXT_CONFIDENCE
    return topic_of(name) if topic else (None, None)


@lru_cache(maxsize=1 << 16)
def topic_of(name: str | None) -> tuple[str | None, float | None]:
    """The back-off layer: ``(topic code, 0.3)`` of a name that no measure of the codebook defines
    but whose words say its domain (行政复议…, …执法…, 普法…), or ``(None, None)``. The topic entries
    are tried in file order on the clean name only (never on the clause around the number).

    >>> topic_of("执法检查组"), topic_of("楼长")
    (('enforcement.other', 0.3), (None, None))
    """
    hit = next((e.id for e in codebook() if e.backoff and e.matches(name or "")), None)
    return (hit, TOPIC_CONFIDENCE) if hit else (None, None)


# The look-ups are pure, so they are remembered: a report repeats its names (a list of thousands
# of counts repeats one), and each look-up would otherwise try every entry of the codebook.
@lru_cache(maxsize=1024)
def _fitting(unit: str | None, has_change: bool) -> tuple[Entry, ...]:
    return tuple(e for e in codebook() if fits(e, unit, "change" if has_change else None))


@lru_cache(maxsize=1 << 16)
def _by_name(name: str, unit: str | None, has_change: bool) -> str | None:
    return next((e.id for e in _fitting(unit, has_change) if e.matches(name)), None)


@lru_cache(maxsize=1 << 16)
def _by_context(context: str, name: str, unit: str | None, has_change: bool) -> str | None:
    # Only entries one of whose patterns can match a character pair of the context are tried: the
    # clauses before the numbers of a long list (、受理55333人次、办理42539人次…) are all different
    # and most match no entry, and trying each of the codebook's entries on each was most of the
    # time of such a list.
    entries, by_first, always = _by_needed_key(unit, has_change)
    tried = set(always)
    for c in set(context):
        for key, ks in by_first.get(c, ()):
            if len(key) == 1 or key in context:
                tried.update(ks)
    # an entry whose exclusions veto the name is not chosen from the context either
    return next(
        (
            entries[k].id
            for k in sorted(tried)  # matching order
            if entries[k].matches(context) and not _vetoed(entries[k], name)
        ),
        None,
    )


def _vetoed(e: Entry, name: str) -> bool:
    return e.exclude is not None and e.exclude.search(name) is not None


@lru_cache(maxsize=1024)
def _by_needed_key(
    unit: str | None, has_change: bool
) -> tuple[tuple[Entry, ...], dict[str, list[tuple[str, tuple[int, ...]]]], tuple[int, ...]]:
    """The fitting entries; by first character, each key of ``needs`` and the positions among them
    of the entries it can let match; and the positions of those that must always be tried
    (``needs`` unknown)."""
    entries = _fitting(unit, has_change)
    by_key: dict[str, list[int]] = {}
    for k, e in enumerate(entries):
        for c in e.needs or ():
            by_key.setdefault(c, []).append(k)
    by_first: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    for key, ks in by_key.items():
        by_first.setdefault(key[0], []).append((key, tuple(ks)))
    always = tuple(k for k, e in enumerate(entries) if e.needs is None)
    return entries, by_first, always


def weak(name: str) -> bool:
    """A name too short or bare to code by itself (组织开展, 承诺, 占比): only then does the clause
    around the number decide. A name that says what was counted is coded from itself or not at all.

    >>> weak("组织开展"), weak("互联网上网服务营业场所")
    (True, False)
    """
    return len(name) <= 4 or only_verbs(name)


def _listed_after(text: str, prev: Indicator | None, ind: Indicator) -> bool:
    """``ind`` is the next item of a list (joined by 、) whose first item is ``prev``, in the same unit."""
    if (
        prev is None
        or not joins_issuers(prev.code)
        or prev.unit != ind.unit
        or prev.sentence_start != ind.sentence_start
    ):
        return False
    return re.fullmatch(r"、[^，,；;。：:、]{1,20}", text[prev.end : ind.start]) is not None


def _part_of(text: str, head: Indicator | None, ind: Indicator) -> bool:
    """``ind`` is a part of ``head``, a count with a measure's code before it in its sentence and
    unit, that a clause opening with 其中 (or 含, 包括) names (已发布64部，其中2024年新立项6部、复审9部):
    the part of a measure is a figure of that measure when its own name codes nothing."""
    if (
        head is None
        or not joins_issuers(head.code)
        or head.unit != ind.unit
        or head.sentence_start != ind.sentence_start
        or unit_kind(ind.unit) == "rate"
    ):
        return False
    pattern, veto = _part_of_patterns()
    between = text[head.end : ind.start]
    return pattern.fullmatch(between) is not None and veto.search(between) is None


@cache
def _part_of_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = load_json("codebook.json")["part_of"]
    return re.compile(d["pattern"]), re.compile(d["veto"])


def _clause_before(text: str, ind: Indicator) -> str:
    """The clause holding the number, up to it (split at ，；。： but not at 、)."""
    lo = ind.sentence_start if ind.sentence_start >= 0 else max(0, ind.start - 40)
    seg = text[max(lo, ind.start - 80) : ind.start]
    return seg[max(map(seg.rfind, "，,；;。：:")) + 1 :]


@cache
def _after_skip() -> re.Pattern[str]:
    return re.compile(load_json("codebook.json")["noun_after"]["skip"])


def _noun_after(text: str, ind: Indicator) -> str:
    """What follows the number up to the next clause mark (推出61个“一件事一次办”事项), the counted
    noun of a sentence that puts it after the number; empty when that opens with who or where
    acted (9个乡镇明确…) or is a grouping (4个方面: ``noun_after`` of ``data/codebook.json``)."""
    after = re.split(r"[，,；;。：:、（(\n]", text[ind.end : ind.end + 24], maxsplit=1)[0]
    return "" if ind.unit == "个方面" or _after_skip().match(after) else after


@dataclass(frozen=True)
class _Structure:
    """One rule of ``structures`` (``data/codebook.json``): a count whose noun (after the number, or
    its name) matches ``noun`` and whose sentence names ``act`` is a figure of ``code``."""

    noun: re.Pattern[str]
    where: str  # "after": the noun right after the number; "name": the indicator's name
    act: re.Pattern[str]
    code: str


@cache
def _structures() -> tuple[int, frozenset[str], re.Pattern[str], tuple[_Structure, ...]]:
    d = load_json("codebook.json")["structures"]
    nouns = d["nouns"]
    rules = tuple(
        _Structure(re.compile(nouns.get(r["noun"], r["noun"])), r["where"], re.compile(r["act"]), r["code"])
        for r in d["rules"]
    )
    return int(d["window"]), frozenset(d["units"]), re.compile(d["veto"]), rules


def structural_code(text: str, ind: Indicator) -> str | None:
    """The code of a count named by what it counts and the act of its sentence, not by a wording
    (``structures`` of ``data/codebook.json``): 对19个市县、35个省级国家机关进行考核 counts the units
    a 考核 covered, 各级党政主要负责人共936人向…述法 the leaders who reported, 对全区53份重要文件、
    15份重要合同进行了合法性审查 the documents and contracts reviewed. The code must fit the unit; none
    when the sentence counts the units it sanctioned (对考核靠后的2个部门进行约谈: ``veto``)."""
    window, units_, veto, rules = _structures()
    if ind.unit not in units_:
        return None
    lo = max(ind.sentence_start if ind.sentence_start >= 0 else 0, ind.start - window)
    before = re.split(r"[。；;\n]", text[lo : ind.start])[-1]
    after = re.split(r"[，,。；;\n]", text[ind.end : ind.end + 60], maxsplit=1)[0]
    if veto.search(before) or veto.search(after):
        return None
    for r in rules:
        noun_ok = r.noun.match(after) if r.where == "after" else r.noun.search(ind.name or "")
        if (
            noun_ok
            and (r.act.search(before) or r.act.search(after))
            and fits(entry(r.code), ind.unit, relative_change(ind))
        ):
            return r.code
    return None


def name_and_code(text: str, indicators: list[Indicator], sections: list[Section]) -> None:
    """The step after the rules: clean names (:func:`.names.tidy_names`), then codes: a measure's
    code where one fits (from the name, the clause, the previous count, the list's first item or the
    count a 其中 part belongs to, the noun after the number or a structure), else the topic code of
    the back-off layer."""
    tidy_names(text, indicators)
    prev: Indicator | None = None
    part_head: Indicator | None = None  # the count whose parts 其中… lists (the last before 其中)
    for ind in indicators:
        is_part = _part_of(text, part_head, ind)
        if prev is not None and joins_issuers(prev.code) and elided_head(text, ind, prev):
            # 其中以区政府名义制发的12件: a part of the previous count, the same measure
            ind.code, ind.code_confidence = prev.code, prev.code_confidence
        else:
            context = _clause_before(text, ind)
            ind.code, ind.code_confidence = code_of(
                ind.name, ind.unit, relative_change(ind), context, topic=False
            )
            # 监督检查食品生产经营单位31780户次、药品相关单位755户次: the verb governs the list (the
            # previous count's code); 办理案件63件，其中简易程序41件、一般程序22件: the parts (their head's)
            source = part_head if is_part else prev if _listed_after(text, prev, ind) else None
            if ind.code is None and source is not None:
                ind.code, ind.code_confidence = source.code, CONTEXT_CONFIDENCE
            if ind.code is None and weak(ind.name or ""):
                after = _noun_after(text, ind)
                if (
                    after
                    and (code := _by_name(after, ind.unit, relative_change(ind) is not None)) is not None
                ):
                    # 推出61个改革举措: the name before the number is a bare verb, the noun follows it
                    ind.code, ind.code_confidence = code, CONTEXT_CONFIDENCE
            if ind.code is None and (code := structural_code(text, ind)) is not None:
                ind.code, ind.code_confidence = code, CONTEXT_CONFIDENCE
            if ind.code is None:
                ind.code, ind.code_confidence = topic_of(ind.name)
        if not is_part:
            part_head = ind
        prev = ind
