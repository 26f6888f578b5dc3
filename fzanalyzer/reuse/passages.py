"""Reused passages between reports: what a government copied from last year, or from another one.

Method (after passim, Smith et al. 2014, adapted to text without spaces):

1. Each report's text is read without whitespace (a PDF line break or a stray space must not
   break a match), keeping a map back to offsets in ``report.text``.
2. Character k-gram shingles (Chinese has no word spaces, so characters are the unit) are hashed
   with numpy. Shingles that occur in more than ``max_df`` of the issuers (and in more than
   ``min_df`` of them) are *boilerplate* — the stock phrases of the genre — and are ignored by the
   candidate search, like passim's ``maxDF``; frequency counts issuers, not reports, so a
   government repeating itself every year is not boilerplate.
3. Sentences (long ones cut into overlapping pieces) get a MinHash signature, computed for all
   shingles at once with numpy; banded LSH (Broder 1997) proposes pairs of sentences from two
   reports whose Jaccard similarity is likely high. Each proposal is bucket-local, so the cost
   grows with the number of sentences and the number of real matches, not with the number of
   pairs of reports.
4. Proposals are grouped by pair of reports, merged into regions, and aligned exactly
   (:mod:`fzanalyzer.reuse.align`): maximal passages of at least ``min_chars`` characters with
   similarity ≥ ``threshold``, tolerant of small edits (a changed number, an inserted clause).
5. Each passage is classified: ``same_issuer`` (one government across years), ``cross_issuer``
   or ``unknown`` (an issuer is missing) — see :func:`issuer_relation` — and flagged
   ``boilerplate`` when most of it is made of boilerplate shingles; boilerplate passages are
   dropped unless ``include_boilerplate=True``. Each side also says in which section and
   canonical part it starts, when the reports were segmented.

Cost: hashing, signatures and banding are linear in the text; alignment is linear in the number
of candidate pairs of sentences, which grows with real reuse, not with pairs of reports
(``fzanalyzer bench --only reuse`` measures the growth exponent). Two guards keep it so:
boilerplate shingles are not indexed, and an LSH bucket holding more than ``max_bucket``
sentences (a stock sentence in many reports) proposes nothing. ``include_boilerplate=True``
lifts both, and its cost grows with the square of the number of reports sharing a stock passage.

>>> from fzanalyzer.model import Report, Meta
>>> shared = "坚持把合法性审查作为区政府研究决定事项的必经程序，凡提交区政府常务会议审议的议题，均须经区司法局进行合法性审查。"
>>> a = Report(id="x-2020", source="", sha256="", format="txt", text="全年收案12件。" + shared,
...            meta=Meta(issuer="甲区人民政府", year_covered=2020))
>>> b = Report(id="x-2021", source="", sha256="", format="txt", text=shared + "全年收案15件。",
...            meta=Meta(issuer="甲区人民政府", year_covered=2021))
>>> [(p.a, p.b, p.kind, p.a_text == p.b_text == shared) for p in find_reuse([b, a])]
[('x-2020', 'x-2021', 'same_issuer', True)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..segment.lexicon import marker_start
from ..spans import split_sentences

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..model import Report

KINDS = ("same_issuer", "cross_issuer", "unknown")

_MASK64 = (1 << 64) - 1
# ASCII whitespace, NEL, NBSP, ideographic space, zero-width characters, BOM, line separators.
_SPACES = (9, 10, 11, 12, 13, 32, 0x85, 0xA0, 0x3000, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x2028, 0x2029)
_DELETE_SPACES = dict.fromkeys(_SPACES)
_LEAD_PUNCT = frozenset("。．.，,、；;：:！!？?）)】」』”’")
_TRAIL_PUNCT = frozenset("，,、；;：:（(【「『“‘")


@dataclass
class ReusePair:
    """One reused passage (output-contract ``reuse.pairs``); ``a`` is the earlier report."""

    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    similarity: float
    kind: str = "unknown"  # same_issuer | cross_issuer | unknown
    boilerplate: bool = False
    boilerplate_share: float = 0.0  # share of the passage's shingles that are boilerplate
    a_issuer: str | None = None
    b_issuer: str | None = None
    a_year: int | None = None
    b_year: int | None = None
    a_section: str | None = None  # deepest section where the passage starts (when segmented)
    b_section: str | None = None
    a_part: str | None = None  # canonical label of that section's part (shortcomings, ...)
    b_part: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ReuseParams:
    """Tuning of :func:`find_reuse` (defaults suit reports of a few thousand characters)."""

    shingle: int = 5  # characters per shingle
    num_perm: int = 32  # MinHash permutations
    rows: int = 2  # rows per LSH band (num_perm // rows bands)
    unit_max: int = 120  # sentences longer than this are cut into overlapping pieces
    unit_min: int = 24  # shorter sentences are joined to the next one
    min_shingles: int = 8  # a unit needs this many non-boilerplate shingles to be indexed
    min_jaccard: float = 0.3  # estimated Jaccard a proposal must reach to be aligned
    max_bucket: int = 64  # larger LSH buckets are boilerplate (skipped unless asked)
    max_df: float = 0.2  # share of issuers above which a shingle is boilerplate ...
    min_df: int = 5  # ... provided it occurs in more than this many issuers
    boilerplate_share: float = 0.5  # passage is boilerplate when this share of it is
    max_gap: int = 30  # alignment: largest edit gap bridged inside a passage
    seed: int = 4  # alignment: shortest exact block used as a seed
    anchor: int = 8  # alignment: a passage starts and ends with an exact block this long
    margin: int = 80  # alignment: context added around candidate sentences
    seed_value: int = 1  # random seed of the MinHash permutations


# -- per report ---------------------------------------------------------------------------------


class ReuseDoc:
    """A report read for matching: text without whitespace, offsets back, shingles, units."""

    __slots__ = (
        "_seed",
        "boiler",
        "breaks",
        "codes",
        "hashes",
        "index",
        "issuer",
        "key",
        "orig",
        "report",
        "stock",
        "units",
    )

    def __init__(self, index: int, report: Report, k: int) -> None:
        import numpy as np

        self.index = index
        self.report = report
        text = report.text or ""
        allc = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        keep = ~_is_space(allc)
        self.orig = np.flatnonzero(keep)
        self.codes = allc[keep]
        self.key = text.translate(_DELETE_SPACES) if len(self.orig) != len(text) else text
        self.hashes = shingle_hashes(self.codes, k)
        self.issuer = issuer_key(report)
        self.units = _units(text, keep)
        self.boiler = None  # bool mask over shingles, set when boilerplate is known
        self.stock = _stock_mask(self.codes)  # bool mask over 8-grams of national stock phrases
        # breaks[i]: a line break precedes key character i in the text (a paragraph bound)
        nl = np.concatenate([[0], np.cumsum(allc == 10)])
        self.breaks = np.concatenate([[True], nl[self.orig[1:]] - nl[self.orig[:-1] + 1] > 0, [True]])
        self._seed: tuple[int, np.ndarray] | None = None

    def seed_hashes(self, k: int) -> np.ndarray:
        """Hashes of the k-grams used as alignment seeds (computed once, when needed)."""
        if self._seed is None or self._seed[0] != k:
            self._seed = (k, shingle_hashes(self.codes, k))
        return self._seed[1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``report.text`` of key characters ``start:end``."""
        return int(self.orig[start]), int(self.orig[end - 1]) + 1


def _is_space(codes: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.isin(codes, np.array(_SPACES, dtype=np.uint32))


def issuer_key(report: Report) -> str:
    m = report.meta
    if m.issuer:
        return "i:" + re.sub(r"\s+", "", m.issuer)
    if m.adcode:
        return "a:" + m.adcode
    return "r:" + report.id  # unknown issuer: counts as its own


def issuer_relation(a: Report, b: Report) -> str:
    """``same_issuer``, ``cross_issuer`` or ``unknown`` (an issuer is missing).

    The same government is recognised by its division code, or by its name written with or
    without the higher levels (上海市静安区人民政府 = 静安区人民政府).

    >>> from fzanalyzer.model import Report, Meta
    >>> r = lambda issuer: Report(id="", source="", sha256="", format="", text="", meta=Meta(issuer=issuer))
    >>> issuer_relation(r("上海市静安区人民政府"), r("静安区人民政府")), issuer_relation(r("甲区人民政府"), r(None))
    ('same_issuer', 'unknown')
    """
    ma, mb = a.meta, b.meta
    if ma.adcode and mb.adcode and ma.adcode == mb.adcode:
        return "same_issuer"
    ia = re.sub(r"\s+", "", ma.issuer or "")
    ib = re.sub(r"\s+", "", mb.issuer or "")
    if not ia or not ib:
        return "unknown"
    if ia == ib:
        return "same_issuer"
    short, long = sorted((ia, ib), key=len)
    # A shorter name that ends the longer one after a division name (…市/…省) is the same body.
    if long.endswith(short) and re.search(r"[省市区县州盟旗]$", long[: len(long) - len(short)]):
        return "same_issuer"
    return "cross_issuer"


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spreads a polynomial hash over all 64 bits."""
    import numpy as np

    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of every k-character shingle (``len(codes) - k + 1`` values)."""
    import numpy as np

    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = codes.astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    mult = np.uint64(1000003)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * mult + c[j : j + n]
        return _mix64(h)


def _units(text: str, keep: np.ndarray) -> list[tuple[int, int]]:
    """The sentences of :func:`fzanalyzer.spans.split_sentences` in key (no-whitespace)
    coordinates."""
    import numpy as np

    # Position in key space of each original character (whitespace maps to the next char).
    before = np.concatenate([[0], np.cumsum(keep)])
    spans = split_sentences(text)
    key_spans = [(int(before[s]), int(before[e])) for s, e in spans]
    return [u for u in key_spans if u[1] > u[0]]


def _shape_units(units: list[tuple[int, int]], p: ReuseParams) -> list[tuple[int, int]]:
    """Join short sentences to the next one; cut long ones into half-overlapping pieces."""
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in units:
        cur = (cur[0], e) if cur is not None else (s, e)
        if cur[1] - cur[0] >= p.unit_min:
            out.append(cur)
            cur = None
    if cur is not None:
        out.append(cur)
    shaped: list[tuple[int, int]] = []
    half = p.unit_max // 2
    for s, e in out:
        if e - s <= p.unit_max:
            shaped.append((s, e))
            continue
        start = s
        while True:
            end = min(e, start + p.unit_max)
            shaped.append((start, end))
            if end >= e:
                break
            start += half
    return shaped


# -- boilerplate by document (issuer) frequency -----------------------------------------------


def _boilerplate_hashes(docs: list[ReuseDoc], p: ReuseParams) -> np.ndarray:
    """Shingle hashes (top 32 bits) occurring in more than the boilerplate share of issuers."""
    import numpy as np

    issuers: dict[str, list[np.ndarray]] = defaultdict(list)
    for d in docs:
        issuers[d.issuer].append((d.hashes >> np.uint64(32)).astype(np.uint32))
    limit = max(p.min_df, p.max_df * len(issuers))
    if len(issuers) <= limit:
        return np.zeros(0, dtype=np.uint32)
    per_issuer = [np.unique(np.concatenate(arrs)) for arrs in issuers.values()]
    values, counts = np.unique(np.concatenate(per_issuer), return_counts=True)
    return values[counts > limit]


# -- MinHash + LSH --------------------------------------------------------------------------------


def minhash_signatures(
    docs: list[ReuseDoc], p: ReuseParams, skip_boilerplate: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """MinHash signatures of all units: (signatures, doc index, unit spans)."""
    import numpy as np

    rng = np.random.default_rng(p.seed_value)
    a = rng.integers(1, 2**63, size=p.num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=p.num_perm, dtype=np.uint64)
    sigs, owners, spans = [], [], []
    full = np.uint32(0xFFFFFFFF)
    for d in docs:
        units = _shape_units(d.units, p)
        n = len(d.hashes)
        units = [(s, min(e - p.shingle + 1, n)) for s, e in units]  # shingle index ranges
        units = [(s, e) for s, e in units if e - s >= p.min_shingles]
        if not units:
            continue
        with np.errstate(over="ignore"):
            hp = ((a[:, None] * d.hashes[None, :] + b[:, None]) >> np.uint64(32)).astype(np.uint32)
        valid = np.ones(n, dtype=bool)
        if skip_boilerplate and d.boiler is not None:
            valid = ~d.boiler
            hp[:, d.boiler] = full
        hp = np.concatenate([hp, np.full((p.num_perm, 1), full, dtype=np.uint32)], axis=1)
        idx = np.array(units, dtype=np.int64).ravel()
        sig = np.minimum.reduceat(hp, idx, axis=1)[:, ::2].T
        cnt = np.add.reduceat(np.concatenate([valid, [False]]).astype(np.int32), idx)[::2]
        ok = cnt >= p.min_shingles
        if not ok.any():
            continue
        sigs.append(sig[ok])
        owners.append(np.full(int(ok.sum()), d.index, dtype=np.int32))
        spans.append(np.array(units, dtype=np.int64)[ok])
    if not sigs:
        return np.zeros((0, p.num_perm), np.uint32), np.zeros(0, np.int32), np.zeros((0, 2), np.int64)
    return np.concatenate(sigs), np.concatenate(owners), np.concatenate(spans)


def lsh_pairs(sig: np.ndarray, owner: np.ndarray, p: ReuseParams, max_bucket: int) -> np.ndarray:
    """Pairs of units (i < j, different reports) sharing at least one LSH band bucket."""
    import numpy as np

    n = len(sig)
    found = []
    bands = p.num_perm // p.rows
    for band in range(bands):
        cols = sig[:, band * p.rows : (band + 1) * p.rows].astype(np.uint64)
        key = cols[:, 0]
        with np.errstate(over="ignore"):
            for r in range(1, p.rows):
                key = key * np.uint64(0x9E3779B97F4A7C15) + cols[:, r]
        order = np.argsort(key, kind="stable")
        ks = key[order]
        new = np.concatenate([[True], ks[1:] != ks[:-1]])
        starts = np.flatnonzero(new)
        sizes = np.diff(np.concatenate([starts, [n]]))
        size_of = np.repeat(sizes, sizes)
        keep = (size_of >= 2) & (size_of <= max_bucket)
        order, ks = order[keep], ks[keep]
        m = len(order)
        d = 1
        while d < m:
            same = ks[d:] == ks[:-d]
            if not same.any():
                break
            i, j = order[:-d][same], order[d:][same]
            diff = owner[i] != owner[j]
            i, j = i[diff], j[diff]
            found.append(np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j))
            d += 1
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


# -- main entry -----------------------------------------------------------------------------------


def find_reuse(
    reports: list[Report],
    *,
    min_chars: int = 50,
    threshold: float = 0.7,
    include_boilerplate: bool = False,
    params: ReuseParams | None = None,
) -> list[ReusePair]:
    """Every passage of at least ``min_chars`` characters reused (verbatim or near-verbatim,
    similarity ≥ ``threshold``) between two of ``reports``, with exact spans on both sides.

    Boilerplate shared by many issuers is left out unless ``include_boilerplate`` (then it is
    returned with ``boilerplate=True``). Pairs are ordered by report (earlier year first), then
    by position.
    """
    import numpy as np

    p = params or ReuseParams()
    reports = list(reports)  # a Corpus or any iterable of reports
    from ..inputs import require_unique_ids

    require_unique_ids(reports)
    docs = [ReuseDoc(i, r, p.shingle) for i, r in enumerate(reports)]
    if len(docs) < 2:
        return []
    high = _boilerplate_hashes(docs, p)
    if len(high):
        for d in docs:
            top = (d.hashes >> np.uint64(32)).astype(np.uint32)
            at = np.minimum(np.searchsorted(high, top), len(high) - 1)  # ``high`` is sorted
            d.boiler = high[at] == top
    sig, owner, spans = minhash_signatures(docs, p, skip_boilerplate=not include_boilerplate)
    max_bucket = p.max_bucket if not include_boilerplate else max(p.max_bucket, len(sig))
    pairs = lsh_pairs(sig, owner, p, max_bucket)
    if len(pairs):
        est = (sig[pairs[:, 0]] == sig[pairs[:, 1]]).mean(axis=1)
        pairs = pairs[est >= p.min_jaccard]
    by_docs: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    for u, v in pairs.tolist():
        du, dv = int(owner[u]), int(owner[v])
        if _chrono(docs[dv]) < _chrono(docs[du]):  # earlier report is ``a``, whatever the input order
            u, v, du, dv = v, u, dv, du
        by_docs[(du, dv)].append((*spans[u].tolist(), *spans[v].tolist()))
    out: list[ReusePair] = []
    for (du, dv), anchors in sorted(by_docs.items()):
        out.extend(align_docs(docs[du], docs[dv], anchors, p, min_chars, threshold, include_boilerplate))
    order = {r.id: i for i, r in enumerate(reports)}
    out.sort(key=lambda x: (order[x.a], order[x.b], x.a_start, x.b_start))
    return out


def chrono_key(report: Report) -> tuple[int, str]:
    """The order of two reports in a reused pair: the earlier year is ``a`` (unknown years last)."""
    year = report.meta.year_covered
    return (year if year is not None else 10**6, report.id)


def _chrono(d: ReuseDoc) -> tuple[int, str]:
    return chrono_key(d.report)


def _regions(anchors: list[tuple[int, int, int, int]], gap: int) -> list[tuple[int, int, int, int]]:
    """Merge anchors that are near each other on both sides into regions."""
    regions: list[list[int]] = []
    for a0, a1, b0, b1 in sorted(anchors):
        for reg in regions[-8:]:
            if a0 <= reg[1] + gap and reg[0] <= a1 + gap and b0 <= reg[3] + gap and reg[2] <= b1 + gap:
                reg[0], reg[1] = min(reg[0], a0), max(reg[1], a1)
                reg[2], reg[3] = min(reg[2], b0), max(reg[3], b1)
                break
        else:
            regions.append([a0, a1, b0, b1])
    return [tuple(r) for r in regions]  # type: ignore[misc]


def align_docs(
    da: ReuseDoc,
    db: ReuseDoc,
    anchors: list[tuple[int, int, int, int]],
    p: ReuseParams,
    min_chars: int,
    threshold: float,
    include_boilerplate: bool,
) -> list[ReusePair]:
    from .align import align_regions

    # Shingle ranges → character ranges.
    anchors = [(a0, a1 + p.shingle - 1, b0, b1 + p.shingle - 1) for a0, a1, b0, b1 in anchors]
    found: set[tuple[int, int, int, int, int]] = set()
    for a0, a1, b0, b1 in _regions(anchors, p.margin):
        for x in align_regions(
            da.key,
            db.key,
            (a0, a1),
            (b0, b1),
            margin=p.margin,
            hashes=(da.seed_hashes(p.seed), db.seed_hashes(p.seed), p.seed),
            seed=p.seed,
            anchor=p.anchor,
            max_gap=p.max_gap,
            threshold=threshold,
            min_chars=min_chars,
        ):
            found.add((x.a_start, x.a_end, x.b_start, x.b_end, x.matched))
    tidy = (_snap_pair(da, db, _tidy(da.key, db.key, x), min_chars, threshold) for x in found)
    # both sides non-empty whichever way the bounds were kept (snapped, or the aligner's own)
    sized = (
        x for x in tidy if min(x[1] - x[0], x[3] - x[2]) > 0 and max(x[1] - x[0], x[3] - x[2]) >= min_chars
    )
    passages = _drop_contained(sorted(sized))
    out = []
    for a0, a1, b0, b1, matched, snapped in passages:
        share = max(_boiler_share(da, a0, a1, p.shingle), _boiler_share(db, b0, b1, p.shingle))
        is_boiler = share >= p.boilerplate_share
        if is_boiler and (not include_boilerplate or not snapped):
            continue
        sim = 2.0 * matched / ((a1 - a0) + (b1 - b0))
        out.append(_make_pair(da, db, (a0, a1), (b0, b1), sim, is_boiler, share))
    return out


def _tidy(a: str, b: str, x: tuple[int, int, int, int, int]) -> tuple[int, int, int, int, int]:
    """Start a passage after the punctuation that ends the previous sentence, and end it
    before a trailing comma, when both sides agree there."""
    a0, a1, b0, b1, matched = x
    while a1 - a0 > 1 and a[a0] in _LEAD_PUNCT and a[a0] == b[b0]:
        a0, b0, matched = a0 + 1, b0 + 1, matched - 1
    while a1 - a0 > 1 and a[a1 - 1] in _TRAIL_PUNCT and a[a1 - 1] == b[b1 - 1]:
        a1, b1, matched = a1 - 1, b1 - 1, matched - 1
    return a0, a1, b0, b1, matched


_CLAUSE_END = frozenset("。！？；;!?，,：:、")
_CLOSERS = frozenset("”’）)】」』")


def _snap(t: str, s: int, e: int, breaks: np.ndarray) -> tuple[int, int]:
    """Move a passage's bounds onto sentence or clause bounds of ``t`` (never mid-number): the
    start after the first clause end in the passage's first half (unless it already starts a
    clause or a heading), the end after the last clause end in its second half (or the one
    right after it)."""
    n = e - s
    if (
        s > 0
        and not breaks[s]
        and t[s - 1] not in _CLAUSE_END | _CLOSERS
        and not marker_start(("cn_dun", "cn_paren", "ar_dot", "ar_paren")).match(t, s)
    ):
        for i in range(s, s + n // 2):
            if t[i] in _CLAUSE_END:
                s = i + 1
                break
        else:
            while s < e and (t[s].isdigit() or (t[s - 1].isdigit() and t[s] in ".%．")):
                s += 1
    if t[e - 1] not in _CLAUSE_END and e < len(t) and not breaks[e]:
        if t[e] in _CLAUSE_END:
            e += 1
        else:
            for i in range(e - 1, s + n // 2, -1):
                if t[i] in _CLAUSE_END:
                    e = i + 1
                    break
            else:
                while e > s and (t[e - 1].isdigit() or (e < len(t) and t[e].isdigit())):
                    e -= 1
    while s < e and t[s] in _CLAUSE_END:
        s += 1
    return s, e


def _snap_pair(
    da: ReuseDoc, db: ReuseDoc, x: tuple[int, int, int, int, int], min_chars: int, threshold: float
) -> tuple[int, int, int, int, int, bool]:
    """Both sides of a passage on clause bounds, and whether that worked: a passage whose whole
    clauses are shorter than ``min_chars`` or less similar than ``threshold`` keeps its aligned
    bounds (a boilerplate one is then dropped: it is a stock phrase padded with fragments)."""
    a0, a1, b0, b1, matched = x
    a, b = da.key, db.key
    for snap in (_snap, _off_numbers):
        s0, s1 = snap(a, a0, a1, da.breaks)
        t0, t1 = snap(b, b0, b1, db.breaks)
        if min(s1 - s0, t1 - t0) <= 0 or max(s1 - s0, t1 - t0) < min_chars:
            continue  # a side snapped away entirely (a run of digits): no passage on these bounds
        if (s0, s1, t0, t1) == (a0, a1, b0, b1):
            return (*x, snap is _snap)
        if snap is _off_numbers:  # a few digits trimmed: the aligner's count minus them
            trimmed = max((a1 - a0) - (s1 - s0), (b1 - b0) - (t1 - t0))
            return s0, s1, t0, t1, max(0, matched - trimmed), False
        import difflib

        sm = difflib.SequenceMatcher(None, a[s0:s1], b[t0:t1], autojunk=False)
        m = sum(blk.size for blk in sm.get_matching_blocks())
        if 2.0 * m / max(1, (s1 - s0) + (t1 - t0)) >= threshold:
            return s0, s1, t0, t1, m, snap is _snap
    return (*x, False)


def _off_numbers(t: str, s: int, e: int, breaks: np.ndarray) -> tuple[int, int]:
    """The fallback of :func:`_snap`: bounds moved only off a number cut in two (…案件1|186件)."""
    while s < e and s > 0 and t[s - 1].isdigit() and (t[s].isdigit() or t[s] in ".．%"):
        s += 1
    while e > s and e < len(t) and t[e].isdigit() and (t[e - 1].isdigit() or t[e - 1] in ".．"):
        e -= 1
    return s, e


def _drop_contained(
    spans: list[tuple[int, int, int, int, int, bool]],
) -> list[tuple[int, int, int, int, int, bool]]:
    """Drop passages lying inside another one (overlapping regions find them twice)."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, int, int, int, bool]] = []
    for s in spans:
        if any(o[0] <= s[0] and s[1] <= o[1] and o[2] <= s[2] and s[3] <= o[3] for o in out[-16:]):
            continue
        out.append(s)
    return out


def _boiler_share(d: ReuseDoc, start: int, end: int, k: int) -> float:
    """Share of a passage made of boilerplate: shingles frequent among the run's issuers, or
    8-grams of the national stock phrases (``data/boilerplate.txt``), whichever is larger."""
    shares = [0.0]
    if d.boiler is not None:
        seg = d.boiler[start : max(start + 1, end - k + 1)]
        shares.append(float(seg.mean()) if len(seg) else 0.0)
    seg = d.stock[start : max(start + 1, end - STOCK_K + 1)]
    shares.append(float(seg.mean()) if len(seg) else 0.0)
    return max(shares)


#: Shingle length of the national stock phrases (long enough to be specific to them).
STOCK_K = 8


@cache
def _stock_hashes() -> np.ndarray:
    """Sorted hashes of the 8-grams of ``data/boilerplate.txt`` (the genre's national stock
    phrases: 坚持以习近平新时代中国特色社会主义思想为指导…, derived from 97 issuers' real reports)."""
    import numpy as np

    from ..resources import read_data

    out = []
    for line in read_data("boilerplate.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            codes = np.frombuffer(line.translate(_DELETE_SPACES).encode("utf-32-le"), dtype=np.uint32)
            out.append(shingle_hashes(codes, STOCK_K))
    return np.unique(np.concatenate(out)) if out else np.zeros(0, dtype=np.uint64)


def _stock_mask(codes: np.ndarray) -> np.ndarray:
    import numpy as np

    digit = (codes >= ord("0")) & (codes <= ord("9"))
    h = shingle_hashes(np.where(digit, np.uint32(ord("0")), codes), STOCK_K)  # any year matches
    stock = _stock_hashes()
    if not len(stock) or not len(h):
        return np.zeros(len(h), dtype=bool)
    at = np.minimum(np.searchsorted(stock, h), len(stock) - 1)
    return stock[at] == h


def _make_pair(
    da: ReuseDoc,
    db: ReuseDoc,
    ak: tuple[int, int],
    bk: tuple[int, int],
    sim: float,
    boiler: bool,
    share: float,
) -> ReusePair:
    a0, a1 = da.span(*ak)
    b0, b1 = db.span(*bk)
    ra, rb = da.report, db.report
    kind = issuer_relation(ra, rb)
    return ReusePair(
        a=ra.id,
        b=rb.id,
        a_start=a0,
        a_end=a1,
        b_start=b0,
        b_end=b1,
        a_text=ra.text[a0:a1],
        b_text=rb.text[b0:b1],
        similarity=round(sim, 4),
        kind=kind,
        boilerplate=boiler,
        boilerplate_share=round(share, 4),
        a_issuer=ra.meta.issuer,
        b_issuer=rb.meta.issuer,
        a_year=ra.meta.year_covered,
        b_year=rb.meta.year_covered,
        a_section=_section_id(ra, a0),
        b_section=_section_id(rb, b0),
        a_part=_part_label(ra, a0),
        b_part=_part_label(rb, b0),
    )


def _section_id(r: Report, offset: int) -> str | None:
    sec = r.section_at(offset) if r.sections else None
    return sec.id if sec else None


def _part_label(r: Report, offset: int) -> str | None:
    sec = r.part_at(offset) if r.sections else None
    return sec.canonical if sec else None


# -- outputs --------------------------------------------------------------------------------------


def reuse_json(pairs: list[ReusePair]) -> dict[str, Any]:
    """The output-contract object ``{"pairs": [...]}``."""
    return {"pairs": [x.to_dict() for x in pairs]}


REUSE_COLUMNS = [f for f in ReusePair.__dataclass_fields__]


def reuse_df(pairs: list[ReusePair]) -> pd.DataFrame:
    """One row per reused passage, columns as in :class:`ReusePair` plus ``a_len``/``b_len``."""
    import pandas as pd

    df = pd.DataFrame([x.to_dict() for x in pairs], columns=REUSE_COLUMNS)
    df["a_len"] = (df["a_end"] - df["a_start"]).astype("int64")
    df["b_len"] = (df["b_end"] - df["b_start"]).astype("int64")
    return df


def reuse_summary(pairs: list[ReusePair]) -> pd.DataFrame:
    """One row per pair of reports: passages, reused characters on each side, mean similarity."""
    df = reuse_df(pairs)
    if df.empty:
        import pandas as pd

        return pd.DataFrame(columns=["a", "b", "kind", "passages", "a_chars", "b_chars", "similarity"])
    g = df.groupby(["a", "b", "kind"], sort=False)
    return g.agg(
        passages=("a_start", "size"),
        a_chars=("a_len", "sum"),
        b_chars=("b_len", "sum"),
        similarity=("similarity", "mean"),
    ).reset_index()


KIND_LABELS = {"same_issuer": "同一机关跨年度", "cross_issuer": "不同机关之间", "unknown": "机关不明"}


def _diff_parts(x: str, y: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Segments of ``x`` and ``y`` marked equal (True) or different (False)."""
    from difflib import SequenceMatcher

    xs: list[tuple[str, bool]] = []
    ys: list[tuple[str, bool]] = []
    for op, i0, i1, j0, j1 in SequenceMatcher(None, x, y, autojunk=False).get_opcodes():
        same = op == "equal"
        if i1 > i0:
            xs.append((x[i0:i1], same))
        if j1 > j0:
            ys.append((y[j0:j1], same))
    return xs, ys


def render_html(
    pairs: list[ReusePair],
    reports: list[Report],
    *,
    min_chars: int = 50,
    threshold: float = 0.7,
    include_boilerplate: bool = False,
) -> str:
    """A self-contained HTML page: a summary by pair of reports, then every passage side by
    side with the differing characters highlighted (text escaped by Jinja2's autoescape)."""
    from ..resources import template

    rows = []
    for x in pairs:
        a_parts, b_parts = _diff_parts(x.a_text, x.b_text)
        rows.append({**x.to_dict(), "a_parts": a_parts, "b_parts": b_parts})
    summary = reuse_summary(pairs).to_dict("records")
    return template("reuse.html.j2").render(
        reports=reports,
        pairs=pairs,
        rows=rows,
        summary=summary,
        kinds=KINDS,
        kind_labels=KIND_LABELS,
        min_chars=min_chars,
        threshold=threshold,
        include_boilerplate=include_boilerplate,
    )
