"""Wording shifts: terms and slogans that appear, rise, fade or vanish between years.

Terms are jieba tokens (two characters or more, without function words and filler from
``data/stopwords_zh.txt``), pairs of adjacent tokens (so ``一网通`` + ``办`` gives ``一网通办``),
and quoted phrases (“双随机、一公开”), which in this genre are mostly slogans. Pieces of longer
words that jieba or the pairing cut out (解中心, 直部门, 复工复) are dropped corpus-wide
(:func:`fragments`), so shifted terms are whole words.

Keyness is the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
2008, "Fightin' Words", eq. 16–22): for term *w* in samples *i* (later) and *j* (earlier)
with counts *y* and totals *n*, and prior pseudo-counts α_w (the corpus frequency of *w*
scaled to a total α₀),

    δ_w = log((y_wi + α_w) / (n_i + α₀ − y_wi − α_w)) − log((y_wj + α_w) / (n_j + α₀ − y_wj − α_w))
    σ²_w ≈ 1 / (y_wi + α_w) + 1 / (y_wj + α_w),      z_w = δ_w / σ_w.

Unlike raw counts or frequency ratios, z shrinks rare terms towards zero, so a word used once
does not top the list. ``|z| ≥ 1.96`` is the usual cut.

>>> import pandas as pd
>>> from collections import Counter
>>> df = log_odds(Counter({"一网通办": 12, "改革": 30}), Counter({"改革": 31, "放管服": 9}))
>>> z = df.set_index("term")["z"]
>>> bool(z["一网通办"] > 1.96), bool(z["放管服"] < -1.96)
(True, True)
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any

from ..resources import read_data

if TYPE_CHECKING:
    import pandas as pd

    from ..model import Report

_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{2,12})[”\"」』]")
_SEGMENT_BREAK = re.compile(r"[，,。；;：:！!？?、（）()《》“”\"「」『』\[\]【】\s]+")
_NUMERIC = re.compile(r"^[\d０-９.．%％,，]+$|^\d")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def stopwords() -> frozenset[str]:
    """Function words left out of terms (``data/stopwords_zh.txt``)."""
    text = read_data("stopwords_zh.txt")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@cache
def _tokenizer() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def _content(tok: str, stop: frozenset[str]) -> bool:
    return bool(_HAS_CJK.search(tok)) and not _NUMERIC.match(tok) and tok not in stop


#: Single characters that end the word before them (常态 + 化, 规范 + 性): never a pair's first half.
_SUFFIXES = frozenset("化性率者式型类级度界员")


def _cuts_word(toks: list[str], i: int) -> bool:
    """The pair ``toks[i] + toks[i+1]`` cuts a word: its first half is a single character that
    belongs to the word before (a suffix, or a run of single characters jieba could not join: 镇
    街 + 综合), or its second half is a single character followed by another (复工 + 复 产)."""
    x, y = toks[i], toks[i + 1]
    if len(x) == 1 and (x in _SUFFIXES or (i > 0 and len(toks[i - 1]) == 1)):
        return True
    return len(y) == 1 and i + 2 < len(toks) and len(toks[i + 2]) == 1


def terms(text: str, *, bigrams: bool = True, quoted: bool = True) -> Counter[str]:
    """Counts of the terms of a text: content tokens, adjacent-token pairs, quoted phrases.

    >>> c = terms("深化“一网通办”改革，推进“一网通办”")
    >>> c["一网通办"], c["改革"]
    (2, 1)
    """
    stop = stopwords()
    tok = _tokenizer()
    out: Counter[str] = Counter()
    for seg in _SEGMENT_BREAK.split(text):
        if not seg:
            continue
        toks = [t for t in tok.lcut(seg, HMM=False) if t.strip()]
        for t in toks:
            if len(t) >= 2 and _content(t, stop):
                out[t] += 1
        if bigrams:
            for i, (x, y) in enumerate(itertools.pairwise(toks)):
                if _HAS_CJK.search(x) and _HAS_CJK.search(y) and not (_NUMERIC.match(x) or _NUMERIC.match(y)):
                    if x in stop or y in stop or _cuts_word(toks, i):
                        continue
                    pair = x + y
                    if len(pair) >= 3:
                        out[pair] += 1
    if quoted:
        # A quoted phrase (mostly a slogan) counts every time it is written, quoted or not,
        # unless jieba already keeps it whole as a token or a pair.
        for phrase in {m.group(1) for m in _QUOTED.finditer(text)}:
            if _HAS_CJK.search(phrase) and phrase not in out:
                out[phrase] = text.count(phrase)
    return out


#: A term is a fragment when one character sits next to it in at least this share of its uses.
FRAGMENT_SHARE = 0.9
#: Function characters: a term next to them is not part of a longer word (党的 + 二十大).
_FUNCTION_CHARS = frozenset("的地得了和与及或在对为是将把被以从向于等并也都又还共各每其该此")


def fragments(texts: list[str], counts: Counter[str]) -> set[str]:
    """Terms of ``counts`` that are pieces of longer words in ``texts`` (解中心 of 调解中心, 直部门
    of 市直部门, 新冠肺炎's 冠肺炎): pooled over all texts, the same Chinese character precedes (or
    follows) at least :data:`FRAGMENT_SHARE` of a term's uses, so the word is longer; a term used
    once is a fragment when that use lies inside a longer counted term. Decided on the whole corpus at once, so a
    term is dropped from every report or from none.

    >>> t = ["人民调解中心成立，调解中心受理。党的二十大", "市直部门、市直部门。党的二十大"]
    >>> counts = Counter({"解中心": 2, "调解中心": 2, "直部门": 2, "市直部门": 2, "二十大": 2})
    >>> sorted(fragments(t, counts))   # 的 before 二十大 is a function word, not part of it
    ['直部门', '解中心']
    """
    out = set()
    for term in counts:
        left: Counter[str] = Counter()
        right: Counter[str] = Counter()
        n = 0
        inside = 0
        for t in texts:
            for m in re.finditer(re.escape(term), t):
                n += 1
                s, e = m.start(), m.end()
                lc, rc = t[s - 1 : s], t[e : e + 1]
                if _HAS_CJK.match(lc) and lc not in _FUNCTION_CHARS:
                    left[lc] += 1
                if _HAS_CJK.match(rc) and rc not in _FUNCTION_CHARS:
                    right[rc] += 1
                if any(
                    t[s - a : e + b] in counts for a in range(4) for b in range(4) if (a or b) and s - a >= 0
                ):
                    inside += 1
        if n == 0:
            continue
        if n == 1:
            if inside:
                out.add(term)
            continue
        top = max([*left.values(), *right.values(), 0])
        if top >= FRAGMENT_SHARE * n:
            out.add(term)
    return out


def log_odds(
    later: Counter[str],
    earlier: Counter[str],
    prior: Counter[str] | None = None,
    *,
    prior_weight: float = 1.0,
) -> pd.DataFrame:
    """Log-odds ratio with an informative Dirichlet prior of every term, later vs earlier.

    ``prior``: background counts (default: later + earlier); its total is scaled to
    α₀ = ``prior_weight`` × the mean size of the two samples. Columns ``term, z, delta,
    count_later, count_earlier``; sorted by z (rising first).
    """
    import numpy as np
    import pandas as pd

    prior = prior if prior is not None else later + earlier
    vocab = sorted(set(later) | set(earlier))
    cols = ["term", "z", "delta", "count_later", "count_earlier"]
    if not vocab:
        return pd.DataFrame(columns=cols)
    yi = np.array([later.get(w, 0) for w in vocab], dtype=float)
    yj = np.array([earlier.get(w, 0) for w in vocab], dtype=float)
    ni, nj = yi.sum(), yj.sum()
    p_tot = float(sum(prior.values())) or 1.0
    alpha0 = max(prior_weight * (ni + nj) / 2, 1.0)
    # Terms absent from the background still get a small pseudo-count (half an occurrence).
    aw = np.array([max(prior.get(w, 0), 0.5) for w in vocab], dtype=float) * alpha0 / p_tot
    delta = np.log((yi + aw) / (ni + alpha0 - yi - aw)) - np.log((yj + aw) / (nj + alpha0 - yj - aw))
    z = delta / np.sqrt(1.0 / (yi + aw) + 1.0 / (yj + aw))
    df = pd.DataFrame(
        {
            "term": vocab,
            "z": z,
            "delta": delta,
            "count_later": yi.astype(int),
            "count_earlier": yj.astype(int),
        }
    )
    return df.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def _drop(words: set[str], *counters: Counter[str]) -> None:
    for c in counters:
        for w in words:
            c.pop(w, None)


def _change(row: Any) -> str:
    if row.count_earlier == 0:
        return "appeared"
    if row.count_later == 0:
        return "vanished"
    return "rising" if row.z > 0 else "falling"


def _shift_table(
    later: Counter[str],
    earlier: Counter[str],
    prior: Counter[str],
    *,
    top: int | None,
    z: float | None,
    min_count: int,
    prior_weight: float,
) -> pd.DataFrame:
    import pandas as pd

    df = log_odds(later, earlier, prior, prior_weight=prior_weight)
    df = df[(df["count_later"] + df["count_earlier"]) >= min_count]
    if z is not None:
        df = df[df["z"].abs() >= z]
    if top is not None:
        df = pd.concat([df[df["z"] > 0].head(top), df[df["z"] < 0].tail(top)])
    df = df.copy()
    df["change"] = [_change(r) for r in df.itertuples()]
    df["significant"] = df["z"].abs() >= SIGNIFICANT
    return df.reset_index(drop=True)


#: |z| at which a shift is significant at the 5 % level (two-sided).
SIGNIFICANT = 1.96


def wording_shifts(
    reports: list[Report],
    *,
    top: int | None = 25,
    z: float | None = None,
    min_count: int = 3,
    prior_weight: float = 1.0,
) -> pd.DataFrame:
    """Terms whose use changes between consecutive reports of one issuer (by ``year_covered``).

    For each pair of consecutive years of an issuer, the ``top`` most rising and most falling
    terms (all with ``top=None``), optionally only those with ``|z| ≥ z``, used at least
    ``min_count`` times in the two reports. Columns ``issuer, year_from, year_to, from_id,
    to_id, term, z, delta, count_from, count_to, change`` (appeared | vanished | rising |
    falling) and ``significant`` (``|z| ≥ 1.96``). The prior is the whole corpus given, so a
    term common everywhere needs a large change to stand out. Two single reports of a few
    thousand words rarely make a shift significant: read z as a ranking.
    """
    import pandas as pd

    reports = list(reports)
    counts = {r.id: terms(r.text) for r in reports}
    background: Counter[str] = Counter()
    for c in counts.values():
        background.update(c)
    _drop(fragments([r.text for r in reports], background), background, *counts.values())
    by_issuer: dict[str, list[Report]] = {}
    for r in reports:
        if r.meta.issuer and r.meta.year_covered is not None:
            by_issuer.setdefault(r.meta.issuer, []).append(r)
    frames = []
    for issuer, rs in sorted(by_issuer.items()):
        rs = sorted(rs, key=lambda r: (r.meta.year_covered, r.id))
        for prev, nxt in itertools.pairwise(rs):
            if prev.meta.year_covered == nxt.meta.year_covered:
                continue
            df = _shift_table(
                counts[nxt.id],
                counts[prev.id],
                background,
                top=top,
                z=z,
                min_count=min_count,
                prior_weight=prior_weight,
            )
            df.insert(0, "to_id", nxt.id)
            df.insert(0, "from_id", prev.id)
            df.insert(0, "year_to", nxt.meta.year_covered)
            df.insert(0, "year_from", prev.meta.year_covered)
            df.insert(0, "issuer", issuer)
            frames.append(df)
    cols = [
        "issuer",
        "year_from",
        "year_to",
        "from_id",
        "to_id",
        "term",
        "z",
        "delta",
        "count_later",
        "count_earlier",
        "change",
        "significant",
    ]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    return out.rename(columns={"count_later": "count_to", "count_earlier": "count_from"})


def shifts_by_year(
    reports: list[Report],
    *,
    top: int | None = 25,
    z: float | None = None,
    min_count: int = 5,
    prior_weight: float = 1.0,
) -> pd.DataFrame:
    """Terms whose use changes between consecutive years across the whole corpus (all issuers
    of a year pooled). Columns as :func:`wording_shifts` without issuer and ids, plus
    ``docs_from``/``docs_to``: how many reports of each year use the term (a term one report
    repeats is not a corpus trend)."""
    import pandas as pd

    per_year: dict[int, Counter[str]] = {}
    docs: dict[int, Counter[str]] = {}
    background: Counter[str] = Counter()
    for r in reports:
        if r.meta.year_covered is None:
            continue
        c = terms(r.text)
        per_year.setdefault(r.meta.year_covered, Counter()).update(c)
        docs.setdefault(r.meta.year_covered, Counter()).update(set(c))
        background.update(c)
    _drop(fragments([r.text for r in reports], background), background, *per_year.values(), *docs.values())
    years = sorted(per_year)
    frames = []
    for y0, y1 in itertools.pairwise(years):
        df = _shift_table(
            per_year[y1],
            per_year[y0],
            background,
            top=top,
            z=z,
            min_count=min_count,
            prior_weight=prior_weight,
        )
        df["docs_from"] = [docs[y0].get(t, 0) for t in df["term"]]
        df["docs_to"] = [docs[y1].get(t, 0) for t in df["term"]]
        df.insert(0, "year_to", y1)
        df.insert(0, "year_from", y0)
        frames.append(df)
    cols = [
        "year_from",
        "year_to",
        "term",
        "z",
        "delta",
        "count_later",
        "count_earlier",
        "change",
        "significant",
        "docs_from",
        "docs_to",
    ]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    return out.rename(columns={"count_later": "count_to", "count_earlier": "count_from"})


def heading_path(r: Report, offset: int) -> tuple[str | None, str]:
    """``(part, path)`` of an offset: the canonical label of its top-level part and the headings
    down to it (``一、主要举措和成效 > （二）政府职能 > 1.深化放管服改革``); ``(None, "")`` for a
    report that was not segmented or text before the first heading."""
    sec = r.section_at(offset) if r.sections else None
    chain = []
    while sec is not None:
        chain.append(sec)
        sec = r.section(sec.parent)
    if not chain:
        return None, ""
    return chain[-1].canonical, " > ".join(f"{s.marker}{s.title}" for s in reversed(chain))


def kwic(reports: list[Report], term: str, width: int = 20) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (literal, not a pattern) with ``width``
    characters either side, the part it is in and the path of headings down to it.
    ``text[start:end] == term``.

    >>> from fzanalyzer import analyze_text
    >>> r = analyze_text("关于2021年度法治政府建设情况的报告\\n一、主要举措和成效\\n（一）深化改革\\n深化“一网通办”改革。", id="x")
    >>> kwic([r], "一网通办", width=3)[["left", "term", "right", "part", "heading_path"]].values.tolist()
    [['深化“', '一网通办', '”改革', 'measures_and_results', '一、主要举措和成效 > (一)深化改革']]
    """
    import pandas as pd

    cols = ["report_id", "issuer", "year", "left", "term", "right", "start", "end", "part", "heading_path"]
    rows = []
    if term:
        pat = re.compile(re.escape(term))
        for r in reports:
            for m in pat.finditer(r.text):
                s, e = m.start(), m.end()
                rows.append(
                    {
                        "report_id": r.id,
                        "issuer": r.meta.issuer,
                        "year": r.meta.year_covered,
                        "left": r.text[max(0, s - width) : s],
                        "term": m.group(),
                        "right": r.text[e : e + width],
                        "start": s,
                        "end": e,
                        **dict(zip(("part", "heading_path"), heading_path(r, s), strict=True)),
                    }
                )
    return pd.DataFrame(rows, columns=cols)


def term_frequency(reports: list[Report], words: list[str]) -> pd.DataFrame:
    """How often each of ``words`` is written in each report (literal count, and per 10,000
    characters, so long and short reports compare): one row per (report, word), for trend plots.

    >>> from fzanalyzer.model import Report, Meta
    >>> r = Report(id="x", source="", sha256="", format="txt", text="一网通办，一网统管。一网通办。",
    ...            meta=Meta(issuer="甲", year_covered=2021))
    >>> term_frequency([r], ["一网通办", "一网统管"])[["term", "count"]].values.tolist()
    [['一网通办', 2], ['一网统管', 1]]
    """
    import pandas as pd

    rows = []
    for r in reports:
        size = len(_SEGMENT_BREAK.sub("", r.text)) or 1
        for w in words:
            n = r.text.count(w) if w else 0
            rows.append(
                {
                    "report_id": r.id,
                    "issuer": r.meta.issuer,
                    "year": r.meta.year_covered,
                    "term": w,
                    "count": n,
                    "per_10k": n * 10_000 / size,
                }
            )
    return pd.DataFrame(rows, columns=["report_id", "issuer", "year", "term", "count", "per_10k"])
