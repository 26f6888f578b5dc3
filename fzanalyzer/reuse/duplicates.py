"""The same report twice: a traditional-script copy, a repost on another site, the PDF and the
web page of one report.

Normalization already converts traditional script (OpenCC t2s), unifies full-width characters
and removes web chrome, so two copies of one report have nearly the same normalized text; what
differs is a header or footer, a line of site chrome that survived, a PDF running head. Each
report's text is reduced to Chinese characters and digits (punctuation and spacing differ between
a PDF and a web page) and cut into character 8-grams; MinHash LSH (datasketch) proposes pairs in
sub-quadratic time (a few reports are compared pair by pair) and the exact containment
``|A ∩ B| / min(|A|, |B|)`` of their shingle sets decides (≥ ``threshold``). Containment, not Jaccard: an excerpt or a page that lost its last part
to the crawler is still a copy of the full report.

Of a group of copies the one kept (``duplicate_of`` is ``None``) is the simplified-script one,
then the longest, then the smallest id; every other member points to it. Two reports covering
different years are never copies, however much wording they share. :func:`mark_duplicates`
records the answer in each report's ``meta.duplicate_of``, which the store, the exports and the
DataFrames keep; :class:`CopyFinder` does it for reports that arrive one by one (an extract run).

>>> base = "关于2020年度法治政府建设情况的报告。全年共收到行政复议申请216件，审结198件，纠错率12.3%。" * 3
>>> from fzanalyzer import analyze_text
>>> a = analyze_text(base, id="a"); b = analyze_text("来源：某区政府网站\\n" + base, id="b")
>>> c = analyze_text(base.replace("216", "301").replace("198", "280") + "同比上升。", id="c")
>>> find_duplicates([a, b, c])
{'b': 'a'}
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from typing import Any

from ..model import Meta, Report

SHINGLE = 8
NUM_PERM = 128
THRESHOLD = 0.8
_KEEP = re.compile(r"[\u4e00-\u9fff0-9]+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Character ``k``-grams of the Chinese characters and digits of ``text``."""
    s = "".join(_KEEP.findall(text))
    return {s[i : i + k] for i in range(max(1, len(s) - k + 1))} if s else set()


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the larger (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def hashed_shingles(text: str, k: int = SHINGLE) -> Any:
    """The :func:`shingles` of ``text`` as a sorted array of distinct 64-bit hashes (numpy, hashed
    as the reuse search hashes its shingles): the same sets, compared by :func:`hashed_containment`
    a hundred times faster than Python sets.

    >>> len(hashed_shingles("全年收到行政复议申请216件。")) == len(shingles("全年收到行政复议申请216件。"))
    True
    """
    import numpy as np

    from .passages import shingle_hashes

    core = "".join(_KEEP.findall(text))
    if not core:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(core.encode("utf-32-le"), dtype=np.uint32)
    return np.unique(shingle_hashes(codes, min(k, len(codes))))


def hashed_containment(a: Any, b: Any) -> float:
    """:func:`containment` of two :func:`hashed_shingles` arrays."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    # both sorted: look each of the smaller set up in the larger (no concatenation, no new sort)
    at = np.minimum(np.searchsorted(large, small), len(large) - 1)
    return int(np.count_nonzero(large[at] == small)) / len(small)


def find_duplicates(reports: Iterable[Report], threshold: float = THRESHOLD) -> dict[str, str]:
    """``{id: id of the copy kept}`` for every report that duplicates another one."""
    reps = list(reports)
    parent: dict[str, str] = {r.id: r.id for r in reps}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    years = {r.id: r.meta.year_covered for r in reps}
    # The same characters and digits (a repost, a file saved twice): a copy without comparing
    # shingles, so a corpus of many identical copies costs one comparison per distinct text.
    first: dict[tuple[str, int | None], str] = {}
    distinct = []
    for r in reps:
        core = "".join(_KEEP.findall(r.text))
        key = (hashlib.sha1(core.encode("utf-8")).hexdigest(), years[r.id])
        if core and key in first:
            parent[root(r.id)] = root(first[key])
        else:
            first[key] = r.id
            distinct.append(r)
    sets = {r.id: hashed_shingles(r.text) for r in distinct}
    for rid, other in _candidates(distinct, sets, threshold):
        if root(rid) == root(other):
            continue  # already one group: no need to measure
        if years[rid] and years[other] and years[rid] != years[other]:
            continue  # two years of one government are two reports, however alike
        if hashed_containment(sets[rid], sets[other]) >= threshold:
            parent[root(rid)] = root(other)
    groups: dict[str, list[Report]] = {}
    for r in reps:
        groups.setdefault(root(r.id), []).append(r)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        kept = min(members, key=_preference)
        out.update({r.id: kept.id for r in members if r.id != kept.id})
    return dict(sorted(out.items()))


#: Up to this many reports every pair is compared exactly; beyond, MinHash LSH proposes pairs.
EXACT_UP_TO = 32


def _candidates(reps: list[Report], sets: dict[str, Any], threshold: float) -> Iterable[tuple[str, str]]:
    """Pairs of ids worth comparing: all of them for a few reports (an extract run of a handful of
    files does not pay for datasketch's import and hashing), else those MinHash LSH proposes."""
    ids = [r.id for r in reps if len(sets[r.id])]
    if len(ids) <= EXACT_UP_TO:
        yield from itertools.combinations(ids, 2)
        return
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    # LSH finds pairs above a Jaccard threshold; containment ≥ t of a smaller set in a larger one
    # of up to twice its size means Jaccard ≥ t/(2-t)·…, so ask for a lower Jaccard and verify.
    lsh = MinHashLSH(threshold=max(0.2, threshold / 2.5), num_perm=NUM_PERM)
    hashes = {}
    for rid in ids:
        # the shingles are hashed already: their top 32 bits are the hash MinHash permutes
        m = MinHash(num_perm=NUM_PERM, hashfunc=int)
        m.update_batch((sets[rid] >> np.uint64(32)).tolist())
        hashes[rid] = m
        lsh.insert(rid, m)
    for rid, m in hashes.items():
        yield from ((rid, other) for other in lsh.query(m) if other != rid)


def _preference(r: Report) -> tuple[bool, int, str]:
    traditional = any(w.startswith("W003") for w in r.meta.warnings)
    return (traditional, -len(r.text), r.id)


def without_duplicates(reports: Iterable[Report]) -> list[Report]:
    """The reports minus the copies of another one (what panels, audits and reuse use)."""
    reps = list(reports)
    dup = find_duplicates(reps)
    return [r for r in reps if r.id not in dup]


def mark_duplicates(reports: list[Report], threshold: float = THRESHOLD) -> dict[str, str]:
    """Find the copies among ``reports`` and record each one's ``meta.duplicate_of`` (``None``
    for a report that copies none). The reports are the caller's own: a corpus, an extract run."""
    dup = find_duplicates(reports, threshold)
    for r in reports:
        r.meta.duplicate_of = dup.get(r.id)
    return dup


class CopyFinder:
    """Copies among reports given one at a time as output-contract dicts (an extract run): only
    what :func:`find_duplicates` reads is kept (id, year, script warning, text)."""

    def __init__(self) -> None:
        self._reports: list[Report] = []

    def add(self, d: dict[str, Any]) -> None:
        meta = d.get("meta") or {}
        light = Meta(year_covered=meta.get("year_covered"), warnings=list(meta.get("warnings") or []))
        self._reports.append(
            Report(id=d["id"], source="", sha256="", format="", text=d.get("text") or "", meta=light)
        )

    def duplicates(self) -> dict[str, str]:
        return find_duplicates(self._reports)
