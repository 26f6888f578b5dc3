"""Clean indicator names: a short noun phrase of measure and object.

The rules (:mod:`fzanalyzer.extract.indicators`) name an indicator by the clause before its number,
so the raw name often carries a list marker (一是), a prepositional phrase (依托12345热线…), the actor
(区政府…, 人民调解组织共…), a reporting verb (办理, 开展, 组织), a quantifier (各类) or an enumeration
(哄抬物价、销售伪劣防护用品等涉疫违法案件). :func:`tidy_names` removes these, completes a bare rate
(参训率 → 法律知识培训参训率) or a generic head (评查案卷 → 评查行政执法案卷) from its sentence, and
leaves stage verbs that change what is counted (受理, 审结, 查处, 评查, 备案, 废止 …). The word lists
are data (``data/names.json``).

>>> tidy_name("一是依托12345政务服务便民热线受理涉企诉求")
'受理涉企诉求'
>>> tidy_name("查处哄抬物价、销售伪劣防护用品等涉疫违法案件")
'查处涉疫违法案件'
>>> tidy_name("人民调解组织共调解矛盾纠纷")
'调解矛盾纠纷'
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..resources import load_json
from .lexicon import cues
from .subject import _pos, following_noun_phrase, rate_object

if TYPE_CHECKING:
    from ..model import Indicator

_HAN = "\u4e00-\u9fff"


#: How far back in its sentence a name looks for a fuller object (characters): names are built
#: from the clause and the one before it, never from a whole sentence of thousands of numbers.
LOOK_BACK = 200


@cache
def _lex() -> dict[str, Any]:
    lex = dict(load_json("names.json"))
    verbs = {*cues()["name"]["verbs"], *lex["reporting_verbs"], *lex["borrow_verbs"]}
    lex["verbs"] = tuple(sorted(verbs, key=len, reverse=True))
    # alternatives are tried in order: the same first verb as a scan of the tuple, found in C
    lex["verbs_re"] = re.compile("|".join(map(re.escape, lex["verbs"])))
    lex["list_re"] = re.compile(lex["list_markers"])
    lex["enum_re"] = re.compile(lex["enumeration_regex"])
    lex["rate_re"] = re.compile(lex["bare_rate_regex"])
    lex["share_re"] = re.compile(lex["share_regex"])
    lex["coord_re"] = re.compile(lex["coordination_tail"])
    lex["double_re"] = re.compile(lex["double_verb_regex"])
    actor = "|".join(sorted(lex["actor_heads"], key=len, reverse=True))
    tails = "|".join(sorted(lex["actor_tails"], key=len, reverse=True))
    one = rf"(?:[^，,、(（]|[(（][^)）]{{0,6}}[)）]){{0,10}}?(?:{actor})(?:[(（][^)）]{{1,6}}[)）])?"
    lex["actor_re"] = re.compile(rf"^{one}(?:{tails})?")
    # 政府监管部门依托“互联网+监管”系统建立…: an actor, then how it acted
    preps = "|".join(sorted(lex["prepositions"], key=len, reverse=True))
    longest = one.replace("{0,10}?", "{0,10}")  # the actor reaches the preposition
    lex["actor_prep_re"] = re.compile(rf"^{longest}(?:{tails})?(?=(?:{preps}))")
    # 省政府、各设区市政府共…, 市直部门和县(市、区)政府…: a list of actors
    lex["actors_re"] = re.compile(rf"^{one}(?:[{lex['coordination_marks']}]{one})+(?:{tails})?")
    who = "|".join(sorted([*lex["actor_heads"], *lex["actor_only_heads"]], key=len, reverse=True))
    who_one = rf"(?:[^，,、(（]|[(（][^)）]{{0,6}}[)）]){{0,10}}?(?:{who})"
    marks = lex["coordination_marks"]
    lex["only_actor_re"] = re.compile(rf"(?:{who_one})(?:[{marks}及]{who_one})*(?:{tails})?")
    lex["scope_re"] = re.compile(lex["scope_prefix_regex"])
    lex["single_re"] = re.compile(lex["single_example_regex"])
    lex["quote_re"] = re.compile(lex["long_quote_regex"])
    lex["frame_re"] = re.compile(lex["opening_frames_regex"])
    lex["aside_re"] = re.compile(lex["aside_regex"])
    lex["tail_re"] = re.compile(lex["tail_regex"])
    # 以上, 左右 … after a number qualify it: left at a name's start (90%以上事项), they go like 相关
    lex["leading_quantifiers"] = [*lex["leading_quantifiers"], *cues()["qualifiers"]["post_kept"]]
    lex["submitter_re"] = re.compile(lex["submitter_regex"])
    lex["enum_verbs"] = tuple(sorted({*lex["verbs"], *lex["cut_verbs"]}, key=len, reverse=True))
    heads = "|".join(lex["generic_heads"])
    bverbs = "|".join(sorted(lex["borrow_verbs"], key=len, reverse=True))
    lex["generic_re"] = re.compile(rf"^(?P<verb>{bverbs})?(?P<head>{heads})$")
    return lex


def _starts_with_verb(s: str) -> str:
    m = _lex()["verbs_re"].match(s)
    return m.group() if m else ""


def only_verbs(s: str) -> bool:
    """Whether ``s`` is nothing but verbs of the name lexicon (组织开展, 审结).

    >>> only_verbs("组织开展"), only_verbs("开展普法")
    (True, False)
    """
    return _only_verbs(s)


def _only_verbs(s: str) -> bool:
    while s:
        v = _starts_with_verb(s)
        if not v:
            return False
        s = s[len(v) :]
    return True


def only_actor(s: str) -> bool:
    """Whether ``s`` names only who acted (bodies or office holders), not what was counted: the
    number after it counts what they did (市委主要领导2次主持召开…会议).

    >>> only_actor("市委主要领导"), only_actor("区委、区政府主要负责同志及分管负责同志先后")
    (True, True)
    >>> only_actor("行政机关负责人出庭应诉"), only_actor("领导干部集体学法")
    (False, False)
    """
    return bool(s) and _lex()["only_actor_re"].fullmatch(s) is not None


def _solid(s: str) -> bool:
    """A remainder worth keeping: two or more characters that are not only verbs."""
    return len(s) >= 2 and not _only_verbs(s)


# Pure in its string (the lexicon is read-only), so remembered: a report repeats its raw names (a
# list of thousands of counts repeats a few), and each clean-up runs a dozen patterns.
@lru_cache(maxsize=1 << 14)
def tidy_name(name: str | None) -> str:
    """The clean form of one raw name, without its sentence (see :func:`tidy_names`).

    >>> tidy_name("行政机关共办理一审行政应诉案件")
    '一审行政应诉案件'
    >>> tidy_name("区政府常务会议会前学法")
    '区政府常务会议会前学法'
    """
    lex = _lex()
    s = (name or "").strip()
    s = lex["list_re"].sub("", s, count=1) or s
    s = lex["frame_re"].sub("", s, count=1) or s  # 以“…”为主题向街道干部职工: the frame says how
    for m in reversed(list(lex["aside_re"].finditer(s))):
        # 已完成(其中取得重大进展): an aside about a part goes; left open, the number is inside it
        r = s[: m.start()] + s[m.end() :] if m.group()[-1] in ")）" else s[m.end() :]
        s = r if len(r) >= 2 else s
    s = _drop_enumeration(s)
    r = lex["quote_re"].sub("", s)  # 征集“学习研究践行习近平法治思想”理论成果: a long title is a modifier
    s = r if r != s and _solid(r) and len(r) >= 4 else s
    for q in lex["quantifiers"]:
        if q in s:  # else nothing to remove (and no _solid to test)
            r = s.replace(q, "")
            s = r if _solid(r) else s
    for q in lex["leading_quantifiers"]:
        if s.startswith(q) and _solid(s[len(q) :]):
            s = s[len(q) :]
    if (m := lex["double_re"].match(s)) and _starts_with_verb(m.group("v1")):
        s = m.group("v1") + m.group("obj")  # 调解解决共受理民间纠纷: the first verb's count
    s = drop_preposition(s)
    if (m := lex["scope_re"].match(s)) and len(s) - m.end() >= 2:
        s = s[m.end() :]  # 省、市、县三级现场述法: the levels that did it
    m = lex["actor_re"].match(s)
    if m and m.end() < len(s) and _starts_with_verb(s[m.end() :]) and len(s) - m.end() >= 3:
        s = s[m.end() :]
    elif (m := lex["actor_prep_re"].match(s)) and (r := drop_preposition(s[m.end() :])).startswith(
        tuple(lex["cut_verbs"])
    ):
        s = r  # 政府监管部门依托…系统建立联合双随机任务: 建立联合双随机任务
    else:
        s = _drop_actor_list(s)
    if (
        (v := _starts_with_verb(s))
        and (m := lex["submitter_re"].match(s, len(v)))
        and len(m.group("obj")) >= 2
    ):
        s = v + m.group("obj")  # 备案审查各部门报送的规范性文件: who sent them is not what was counted
    changed = True
    while changed:
        changed = False
        for v in lex["reporting_verbs"]:
            if s.startswith(v) and _solid(s[len(v) :]) and len(s) - len(v) >= 3:
                s, changed = s[len(v) :], True
                s = s[1:] if s.startswith("了") and len(s) >= 4 else s  # 实现了…: the aspect goes too
                break
    r = lex["tail_re"].sub("", s)  # 死亡人数同比分别(下降…): 分别 pairs names with numbers, it names nothing
    return _drop_actor_list(r if len(r) >= 2 else s)


def drop_preposition(s: str) -> str:
    """A phrase without the prepositional phrase it starts with (where, how, by what means): from
    the verb after it on (依托12345热线受理涉企诉求 → 受理涉企诉求; 在县政府门户网站公示执法主体 →
    公示执法主体).

    >>> drop_preposition("在规定时限内完成率"), drop_preposition("向街道干部职工")
    ('规定时限内完成率', '街道干部职工')
    """
    lex = _lex()
    p = next((p for p in lex["prepositions"] if s.startswith(p)), "")
    if not p:
        return s
    cut = _first_verb_at(s, len(p) + 1, tuple(lex["cut_verbs"]))
    if cut > 0 and lex["rate_re"].match(s[cut:]):
        return s[len(p) :]  # 在规定时限内完成率: the rate with its condition, not a bare rate
    if cut > 0 and _solid(s[cut:]):
        return s[cut:]
    if cut < 0 and p in lex["bare_prepositions"] and len(s) - len(p) >= 3:
        return s[len(p) :]  # 向街道干部职工130余人: whom, with no verb after
    return s


def _drop_actor_list(s: str) -> str:
    """``省政府、各市(州)政府、省直有关部门年度报告率`` → ``年度报告率``: a list of actors is who
    reported, never the measure (unless it qualifies the noun: 牵头单位和责任单位的重点任务)."""
    m = None if _starts_with_verb(s) else _lex()["actors_re"].match(s)
    if m and len(s) - m.end() >= 4 and s[m.end()] != "的":
        return s[m.end() :]
    return s


def _drop_enumeration(s: str) -> str:
    """``查处哄抬物价、销售伪劣防护用品等涉疫违法案件`` → ``查处涉疫违法案件``: the examples
    go, the verb before them and the head after them stay. Before a generic head (活动, 工作, 议题)
    the examples are what was done and stay.

    >>> _drop_enumeration("主动公开人事、财政、政务等各类信息")
    '主动公开各类信息'
    >>> _drop_enumeration("开展宪法宣传周、民法典宣传月等主题活动")
    '开展宪法宣传周、民法典宣传月等主题活动'
    """
    lex = _lex()
    m = lex["enum_re"].search(s)
    if not m:
        m = lex["single_re"].search(s)  # 发布危险化学品登记证等电子证照标准: one example
        if not m or len(s) - m.end() < 2:
            return s
    head = s[m.end() :]
    for q in lex["quantifiers"]:
        head = head.removeprefix(q)
    if head in lex["enumeration_keep_heads"] and not re.fullmatch(r"(?:“[^”]*”[、和及与]?)+等", m.group()):
        return s  # plain examples of a generic head are what was done; quoted campaign titles are not
    first = re.split(r"[、和及与]", m.group(), maxsplit=1)[0]
    keep = m.start()
    # 审议《大连市经营主体服务条例(草案)》等: a title or quotation is a name, the verbs in it are words of
    # that name (服务), not the verb of the clause
    in_quote = first.startswith(("《", "“"))
    for i in range(m.start(), m.start() + (0 if in_quote else len(first) - 1)):
        v = next((w for w in lex["enum_verbs"] if s.startswith(w, i)), "")
        if v and i + len(v) < m.start() + len(first):
            keep = i + len(v)  # 主动公开人事、财政…: the verb inside the first item stays
    r = s[:keep] + s[m.end() :]
    return r if _solid(r) and len(r) - (keep - m.start()) >= 3 else s


def _first_verb_at(s: str, lo: int, verbs: tuple[str, ...] | None = None) -> int:
    verbs = verbs or _lex()["verbs"]
    for i in range(lo, len(s)):
        if s.startswith(verbs, i):
            return i
    return -1


def tidy_names(text: str, indicators: list[Indicator]) -> None:
    """Clean the names of one report's indicators in place (they are being built by the
    extraction step), reading each one's sentence to complete bare rates and generic heads.

    >>> from fzanalyzer.model import Meta
    >>> from fzanalyzer.extract.indicators import extract_indicators
    >>> t = "组织开展行政执法案卷评查，评查案卷280卷。组织执法人员参加法律知识培训和考试，参训率100%。"
    >>> [i.name for i in extract_indicators(t, [], Meta())]
    ['评查行政执法案卷', '执法人员参加法律知识培训参训率']
    """
    lex = _lex()
    prev: Indicator | None = None
    for ind in indicators:
        if ind.start > 0 and text[ind.start - 1] in " \t\u3000" and "。" not in ind.sentence:
            prev = ind
            continue  # a table cell: named by its row and column headers, the row is no actor
        same = prev is not None and prev.sentence_start == ind.sentence_start and prev.sentence_start >= 0
        before = prev if same else None
        s = _restore_modifier(text, ind, tidy_name(_drop_remnant(text, before, ind)))
        g = lex["generic_re"].match(s)
        if g:
            s = _borrow_head(text, ind, g.group("verb") or "", (g.group("head"),)) or s
        elif s and _only_verbs(s):
            s = _borrow_head(text, ind, s, lex["generic_heads"]) or s  # 保留98件: 保留 what
        if lex["rate_re"].match(s):
            s = _complete_rate(text, ind, s, before)
        elif (
            s.endswith("率")
            and len(s) > 6
            and (v := next((w for w in lex["rate_lead_verbs"] if s.startswith(w)), ""))
        ):
            s = s[len(v) :]  # 受理消费者投诉举报办结率: the rate of the complaints, not of receiving them
        if elided_head(text, ind, before) and before and before.name:
            s = f"{s}的{before.name.split('的')[-1]}"  # 其中以区政府名义制发的12件: 12件 of what
        if (
            before
            and before.name
            and before.unit != "%"
            and s.startswith(tuple(lex["scope_verbs"]))
            and not s.startswith(before.name)  # 涉及行政职权事项共10类5181项: one subject for both
        ):
            s = before.name + s  # 抽查81批次、涉及主体6447户: the subjects of that check
        if ind.unit == "%" and (exam := _exam_rate(text, ind, s)):
            s = exam  # 参加法治理论考试,合格率99.66%: the rate of that exam
        sm = lex["share_re"].match(s)
        if sm and ind.unit == "%" and before is not None and before.name:
            # 占计划任务总数的69.45%，同比提高38.64%: the change of that share is the same share
            s = before.name if before.name.endswith(f"{s}比例") else f"{before.name}{s}比例"
        ind.name = s or ind.name
        prev = ind


def _exam_rate(text: str, ind: Indicator, name: str) -> str:
    """``法治理论考试合格率`` for a rate of taking or passing an exam (data ``exam_rates``) whose
    name does not say which exam, when its sentence names one before it with nothing but rates in
    between (参加2024年度学法考试,参考率100%,合格率100%); empty otherwise.

    >>> from fzanalyzer.model import Meta
    >>> from fzanalyzer.extract.indicators import extract_indicators
    >>> t = "同时组织街道全体公职人员开展学法考试,参与率100%,合格率100%。"
    >>> [i.name for i in extract_indicators(t, [], Meta())]
    ['学法考试参与率', '学法考试合格率']
    """
    lex = _lex()
    rate = next((r for r in lex["exam_rates"] if name.endswith(r)), "")
    if not rate:
        return ""
    seg = _look_back(text, ind)
    at = max(seg.rfind(h) + len(h) if h in seg else -1 for h in lex["exam_heads"])
    between = [c for c in re.split(r"[，,]", seg[at:]) if c.strip()] if at >= 0 else [""]
    if any("率" not in c or len(c) > 16 for c in between):
        return ""  # only the other rates of that exam may stand between it and this rate
    words: list[str] = []
    for w, f in reversed(_pos(re.split(r"[，,；;。：:]", seg[:at])[-1])):
        if (f[0] in "vmpcdux" and f != "vn") or f == "ad":
            break  # 参加|2024|年度学法考试: the exam's own words only
        words.insert(0, w)
    exam = "".join(words)
    if len(exam) < 3:
        return ""
    if name.endswith(exam + rate):
        return exam + rate  # 同时组织…公职人员开展学法考试参与率: the exam is named, who took it is not
    # 任前考法参考率、合格率: another exam word in the name, which this reading did not find whole
    return "" if any(h in name for h in lex["exam_heads"]) else exam + rate


def _drop_remnant(text: str, before: Indicator | None, ind: Indicator) -> str | None:
    """``3个候选地区和5个候选项目``: the words between two numbers up to a conjunction end the
    previous count's noun phrase; the name of the second count starts after them."""
    name = ind.name
    if before is None or not name or not 3 <= ind.start - before.end <= 16:
        return name
    gap = text[before.end : ind.start]
    if gap[-1] in _lex()["coordination_marks"] and name.startswith(gap) and len(name) - len(gap) >= 2:
        return name[len(gap) :]
    return name


def state_verbs() -> tuple[str, ...]:
    """Verbs after ``将 N 个 X`` that say what X became, which is part of its name (将5项事项纳入目录,
    将231项前置审批改为后置), unlike what was done to it (分配给, 分解到)."""
    return tuple(_lex()["object_state_verbs"])


def amount_domain(name: str, count_name: str) -> str:
    """What an amount after a count is of: ``罚款50万元`` after ``查处环境违法案件12件`` is of
    环境违法 (the count's object without its verb and generic head); after ``作出行政处罚决定49件``
    nothing, the fine already says it is a penalty (the name's first character is in the object).

    >>> amount_domain("罚款", "查处环境违法案件"), amount_domain("罚款", "作出行政处罚决定")
    ('环境违法', '')
    """
    lex = _lex()
    s = count_name
    for i in range(len(s) - 2, -1, -1):  # the object of the last verb: 生态环境领域立案查处|环境违法案件
        if v := _starts_with_verb(s[i:]):
            s = s[i + len(v) :]
            break
    s = s.removeprefix("作出")
    for h in lex["amount_domain_heads"]:
        s = s.removesuffix(h)
    return "" if len(s) < 2 or not name or name[0] in s else s


def elided_head(text: str, ind: Indicator, before: Indicator | None) -> bool:
    """``…30件，其中以区政府名义制发的12件``: a number right after 的 whose head noun is left out,
    because it is the previous count's (same unit, same sentence); not when a noun follows the number
    (除日常推进的51项常规工作外: the head is there)."""
    return (
        before is not None
        and ind.start > 0
        and text[ind.start - 1] == "的"
        and before.unit == ind.unit
        and before.sentence_start == ind.sentence_start
        and len(following_noun_phrase(text[ind.end : ind.end + 16])) < 2
    )


def _look_back(text: str, ind: Indicator) -> str:
    """The text before an indicator in its sentence, at most ``LOOK_BACK`` characters."""
    lo = ind.sentence_start if ind.sentence_start >= 0 else max(0, ind.start - 60)
    return text[max(lo, ind.start - LOOK_BACK) : ind.start]


@lru_cache(maxsize=64)
def _head_patterns(heads: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any of ``heads``; two to eight Chinese characters then one of them (the object it heads)."""
    alt = "|".join(heads)
    return re.compile(alt), re.compile(rf"[{_HAN}]{{2,8}}?(?:{alt})")


def _borrow_head(text: str, ind: Indicator, verb: str, heads: tuple[str, ...] | list[str]) -> str:
    """``评查案卷`` after ``开展行政执法案卷评查，``: the fuller object named earlier in the sentence
    (within ``LOOK_BACK`` characters: a sentence of thousands of numbers stays linear)."""
    seg = _look_back(text, ind)
    seg = seg[: max(map(seg.rfind, "，,；;：:"))]  # earlier clauses only: not the name itself
    found = ""
    any_head, with_head = _head_patterns(tuple(heads))
    first = any_head.search(seg)
    if first is None:
        return ""
    # a match is 2 to 8 characters before a head: none starts further than 8 before the first head
    for m in with_head.finditer(seg, max(0, first.start() - 8)):
        head = next(h for h in heads if m.group().endswith(h))
        mod = tidy_name(m.group()[: -len(head)]).split("的")[-1]
        while (v := _starts_with_verb(mod)) and len(mod) > len(v):
            mod = mod[len(v) :]
        if len(mod) >= 2 and not _only_verbs(mod) and mod not in _lex()["leading_quantifiers"]:
            found = mod + head  # (90%以上事项: 以上 is the number's, no modifier of the head)
    return verb + found if found else ""


def _restore_modifier(text: str, ind: Indicator, name: str) -> str:
    """``办理以区政府各行政机关为被申请人的行政复议案件``: the rules keep verb + head of a long
    name; the ``…的`` modifier says which cases, so two such counts keep different names."""
    if not name or len(name) > 12:
        return name
    seg = _look_back(text, ind)
    cut = max(map(seg.rfind, "，,；;：:。")) + 1
    clause = seg[cut:]
    obj = name
    while (v := _starts_with_verb(obj)) and len(obj) > len(v) + 1:
        obj = obj[len(v) :]
    k = clause.rfind("的" + obj)
    if k <= 0 or len(obj) < 3:
        return name
    head = clause[: k + 1 + len(obj)]
    at = _first_verb_at(head, 0)
    full = tidy_name(head[at:] if 0 <= at < k else head)
    while (w := _starts_with_verb(full)) and w in _lex()["reporting_verbs"] and len(full) > len(w) + 3:
        full = full[len(w) :]
    return full if len(full) <= 26 else name


def _complete_rate(text: str, ind: Indicator, rate: str, before: Indicator | None) -> str:
    """A bare rate (办结率, 参训率) named by what it is a rate of: the previous count of the
    sentence, else the clause before it."""
    lex = _lex()
    rate = re.sub(r"^[一二三四五六七八九十]", "", rate)
    if before is not None and before.unit == "%":
        return rate  # 参考率…，合格率…: a rate never names another rate
    if before is not None and before.name:
        base = before.name
    else:
        lo = ind.sentence_start if ind.sentence_start >= 0 else max(0, ind.start - 60)
        clauses = [c for c in re.split(r"[，,；;：:]", text[lo : ind.start]) if c.strip()]
        if len(clauses) < 2:
            return rate
        base = tidy_name(clauses[-2].strip())
        base = lex["coord_re"].sub("", base)
    if named := rate_object(base, rate):
        return named
    while (v := _starts_with_verb(base)) and len(base) - len(v) >= 2:
        base = base[len(v) :]
    if len(base) > lex["max_length"]:
        base = base[-lex["max_length"] :]
    return base + rate if base and not base.endswith(rate) else rate
