"""Subjects (``name``) of indicators: what was counted.

The rule name is the clause before the number (:func:`fzanalyzer.extract.indicators.clean_name`).
When that clause is only a verb (``审结398件``), a rate word (``满意率为99.1%``) or empty
(``将89项重点任务…``), the subject is completed from the previous indicator of the sentence or
from the noun phrase after the number, using jieba's part-of-speech tags (numbers are ``m``,
nouns ``n*``, verbs ``v*``). jieba runs only on these few short strings, never on whole text.

>>> compose_name("审结", "收到行政复议申请")
'审结行政复议申请'
>>> compose_name("满意率", "12348公共法律服务热线接听群众来电")
'12348公共法律服务热线满意率'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from .lexicon import cues


@cache
def tagger() -> Any:
    """A private jieba part-of-speech tagger on its own copy of jieba's default dictionary.

    jieba's module-level tokenizer is shared by everything in the process: a ``jieba.add_word``,
    ``suggest_freq`` or ``load_userdict`` anywhere (another step, a notebook, a test) would change
    the subjects found afterwards. This one is never changed, so subjects are a function of the
    text alone."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return pseg.POSTokenizer(tok)


@cache
def _pos(s: str) -> tuple[tuple[str, str], ...]:
    return tuple((w.word, w.flag) for w in tagger().cut(s))


def split_subject(base: str) -> tuple[str, str, str]:
    """``(subject, verb, object)`` of a short phrase: around its first verb.

    >>> split_subject("12348公共法律服务热线接听群众来电")
    ('12348公共法律服务热线', '接听', '群众来电')
    """
    best: tuple[int, str] | None = None
    pos = 0
    for w, flag in _pos(base):
        if flag.startswith("v") and flag != "vn":
            best = (pos, w)
            break
        pos += len(w)
    if best is None:
        # jieba tags some verbs as nouns (立案查处…); fall back on the verb lexicon
        for v in cues()["name"]["verbs"]:
            k = base.find(v)
            if k >= 0 and len(base) > len(v) and (best is None or k < best[0]):
                best = (k, v)
    if best is None:
        return base, "", ""
    k, v = best
    return base[:k], v, base[k + len(v) :]


def leading_verb(s: str) -> str:
    """The verb a phrase starts with, or ``""`` (``办理以区政府…`` → ``办理``)."""
    for v in sorted(cues()["name"]["verbs"], key=len, reverse=True):
        if s.startswith(v):
            return v
    toks = _pos(s[:8])
    if toks and toks[0][1].startswith("v") and toks[0][1] != "vn":
        return toks[0][0]
    return ""


def starts_with_verb(s: str) -> bool:
    """True when a phrase starts with a verb or a preposition (``建成…``, ``经…审议``)."""
    toks = list(_pos(s[:8]))
    while toks and toks[0][1] == "d":  # 均配备…, 已建成…
        toks.pop(0)
    return bool(toks) and (toks[0][1][0] in "vp" and toks[0][1] != "vn")


def only_verbs(s: str) -> bool:
    """True when a phrase has no noun (``组织开展``, ``发布首批``): it cannot name a quantity."""
    toks = _pos(s)
    return bool(toks) and all(f[0] in "vmdpru" and f != "vn" for _, f in toks)


def _is_verb(s: str) -> bool:
    toks = _pos(s)
    return bool(toks) and toks[-1][1].startswith("v") and toks[-1][1] != "vn"


def compose_name(short: str, base: str) -> str:
    """Complete a weak name ``short`` with the subject of the previous indicator ``base``."""
    if not short or short == base:
        return base  # 受众…，受众4万余人: the same subject again, not twice
    rate_suffixes = cues()["name"]["rate_suffixes"]
    subject, _verb, obj = split_subject(base)
    if obj.startswith("的") and len(subject) >= 2:
        obj = subject  # …系统接入的部门数达36个，当年收件…: after 的 is the head of a relative clause, no object
    if any(short.endswith(r) for r in rate_suffixes):
        return rate_object(base, short) or (subject or base) + short
    toks = _pos(base)
    if len(short) <= 3 and base.endswith(short[-1]) and len(toks) >= 3 and toks[0][1][0] == "n":
        return toks[0][0] + short  # 药品常规性抽检472件、快检313件: 药品快检, a sibling of 常规性抽检
    if _is_verb(short):
        return short + (obj or base)
    return (obj or base) + short


def rate_object(base: str, rate: str) -> str:
    """A rate whose word repeats the verb of the count before it, named by that verb's object:
    ``排查化解矛盾纠纷391件，化解率达96%`` → ``矛盾纠纷化解率`` (the count's other verbs, 排查, are not
    what the rate measures). Empty when the rate's verb is not in ``base``.

    >>> rate_object("排查化解矛盾纠纷", "化解率"), rate_object("受理案件", "满意率")
    ('矛盾纠纷化解率', '')
    """
    stem = rate[:-1]
    k = base.rfind(stem) if len(stem) >= 2 else -1
    obj = base[k + len(stem) :] if k >= 0 else ""
    return obj + rate if len(obj) >= 2 else ""


def _quoted_noun_end(toks: Sequence[tuple[str, str]], k: int) -> int:
    """The index of the token closing the quote opened at ``k`` when a noun follows it (a quoted
    name modifying that noun), else -1."""
    for j in range(k + 1, min(len(toks), k + 10)):
        if toks[j][0] == "”":
            after = toks[j + 1][1] if j + 1 < len(toks) else ""
            return j if after[:1] in ("n", "j") or after == "vn" else -1
    return -1


def _joins_nouns(word: str, next_flag: str) -> bool:
    """Whether ``word`` inside a noun phrase goes on to the noun after it: an adjective that
    modifies it (年度重大行政决策目录; data ``noun_adjectives``) or a conjunction joining two nouns
    (法律和党内法规, 文化和旅游领域), or 类 naming a kind of what follows (单项类示范创建项目)."""
    if word in cues()["name"]["noun_adjectives"]:
        return next_flag[:1] in ("n", "j")
    if word == "类":
        return next_flag[:1] in ("n", "v", "j")
    return word in ("和", "及", "与") and (next_flag[:1] in ("n", "j", "s", "b") or next_flag == "vn")


def following_noun_phrase(after: str) -> str:
    """Leading nouns of the text after a number (``重点任务逐项分解…`` → ``重点任务``)."""
    ones = "".join(cues()["name"]["one_char_nouns"])
    m = re.match(rf"(?:[{ones}]、)*[\u4e00-\u9fff]{{1,4}}[（(][^（）()]{{1,8}}[）)]", after)
    if m and _pos(m.group().split("（")[0].split("(")[0])[-1][1][0] in "nsjz":
        return m.group()  # 县（市、区）, 村（社区）, 市、县(区)
    whole = after
    after = re.split(r"[，,；;。：:、（(]", after, maxsplit=1)[0][:16]
    if not after:
        return ""
    out: list[str] = []
    toks = _pos(after)
    # an item of a list (机动车维修企业、5家寄递企业): a verb before its last noun is inside the noun
    listed = whole.startswith("、", len(after)) and len(toks) >= 3
    last_verb = len(toks) - 2 if listed and toks[-2][1] == "v" and toks[-1][1][0] in "nj" else -1
    adverbs, compound_verbs = cues()["name"]["predicate_adverbs"], cues()["name"]["compound_verbs"]
    skip_to = -1
    for k, (w, flag) in enumerate(toks):
        if k <= skip_to:
            continue
        nxt = toks[k + 1][1] if k + 1 < len(toks) else ""
        if out and w in adverbs:
            break  # 部门全面实行…: jieba tags 全面 n, it begins the predicate
        if out and w == "“" and (close := _quoted_noun_end(toks, k)) > k:
            out.extend(t for t, _f in toks[k : close + 1])  # 区级“每月一题”台账: a quoted name inside
            skip_to = close
            continue
        if (
            flag[0] in "nj"
            or flag in ("vn", "an", "l", "i")
            or (out and (flag in ("b", "f", "s") or k == last_verb or _joins_nouns(w, nxt)))
        ):
            out.append(w)
        elif out and w == "级" and k + 1 < len(toks) and toks[k + 1][1][0] in "nj":
            out.append(w)  # 自治区级行政审批中介服务事项: the level of what follows (jieba: 自治区/级)
        elif (
            out
            and flag == "r"
            and len(w) >= 2
            and w[0] not in "其这那此该"
            and k + 1 < len(toks)
            and toks[k + 1][1][0] in "nj"
        ):
            out.append(
                w
            )  # 省本级行政权力事项: a pronoun of scope (本级) inside the noun, not a demonstrative
        elif (
            (flag.startswith("v") or (flag == "d" and len(w) >= 2))
            and k + 1 < len(toks)
            and (toks[k + 1][1][0] in "nj" or toks[k + 1][1] == "l")
            and not any(f[0] in "nj" for _, f in toks[:k])
        ):
            # 参评企业, 新组建部门, 在职在编人员, 立法项目 (立法 tagged d): a word modifying the noun after it
            out.append(w)
        elif (
            out
            and k + 1 < len(toks)
            and toks[k + 1][1][0] in "nj"
            and (w in compound_verbs or w in "和及与" or (len(w) >= 2 and flag == "d"))
        ):
            # inside the phrase, before its next noun: 行政执法部门, 行政审批单位 (jieba tags the middle
            # word v); 地区和项目, 企业家和行业代表 (nouns joined); 政府立法基层联系点 (立法 tagged d)
            out.append(w)
        elif out or flag not in ("b", "a", "f", "s", "d", "q", "m", "x", "uj"):
            break
        elif flag in ("b", "a"):
            out.append(w)
    if len(out) >= 2 and len(out[-1]) == 1 and dict(toks).get(out[-1], "").startswith("f"):
        out.pop()  # 51项常规工作外, 100个城市中: a place word after the noun is the frame, not the noun
    return "".join(out)
