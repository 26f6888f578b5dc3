"""Local alignment of two texts: maximal near-verbatim passages with exact spans.

The candidate step (MinHash LSH, :mod:`fzanalyzer.reuse.passages`) says *where* two reports may
share text; this module says *exactly what* they share, by seed-and-extend as in BLAST and
passim: shared k-grams are extended into maximal exact blocks on every diagonal, and blocks that
follow one another across small gaps — a changed number or year, an inserted or dropped clause —
are chained into one passage. A chain whose similarity falls under the threshold is split at its
widest gap. Because blocks are not forced into one global order (as a longest-common-subsequence
would), a sentence moved elsewhere in the next year's report is still found.

Similarity is difflib's ratio over the passage: ``2 * matched / (len_a + len_b)``, where the
matched characters are the blocks plus the exact matches inside the gaps.

>>> a = "坚持把合法性审查作为必经程序，全年审查区政府合同协议158份，提出意见建议多条。"
>>> b = "坚持把合法性审查作为必经程序，全年审查区政府合同协议173份，提出意见建议多条。"
>>> [(p.a_start, p.a_end, p.b_start, p.b_end) for p in align(a, b, min_chars=20)]
[(0, 40, 0, 40)]
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Passage:
    """A near-verbatim passage: ``a[a_start:a_end]`` ≈ ``b[b_start:b_end]``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int  # characters matched exactly inside the two spans

    @property
    def similarity(self) -> float:
        total = (self.a_end - self.a_start) + (self.b_end - self.b_start)
        return 2.0 * self.matched / total if total else 0.0

    @property
    def length(self) -> int:
        return max(self.a_end - self.a_start, self.b_end - self.b_start)


Block = tuple[int, int, int]  # (a, b, size) as in difflib.Match


def seed_blocks(a: str, b: str, k: int = 4, max_occ: int = 16) -> list[Block]:
    """Maximal exact matches of at least ``k`` characters between ``a`` and ``b``, on every
    diagonal (unlike an LCS, a reordered sentence keeps its own block). A k-gram occurring more
    than ``max_occ`` times in ``b`` is not used as a seed."""
    index: dict[str, list[int]] = {}
    for j in range(len(b) - k + 1):
        index.setdefault(b[j : j + k], []).append(j)
    out: list[Block] = []
    la, lb = len(a), len(b)
    for i in range(la - k + 1):
        js = index.get(a[i : i + k])
        if not js or len(js) > max_occ:
            continue
        for j in js:
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside a block that started earlier
            size = k
            while i + size < la and j + size < lb and a[i + size] == b[j + size]:
                size += 1
            out.append((i, j, size))
    return out


def hashed_blocks(ha: np.ndarray, hb: np.ndarray, k: int, max_occ: int = 16) -> list[Block]:
    """:func:`seed_blocks` from precomputed k-gram hashes (``ha[i]`` hashes ``a[i:i+k]``),
    vectorized with numpy: every pair of equal hashes is a seed, and seeds following one
    another on a diagonal are one maximal block."""
    import numpy as np

    if not len(ha) or not len(hb):
        return []
    ob = np.argsort(hb, kind="stable")
    sb = hb[ob]
    lo = np.searchsorted(sb, ha, "left")
    cnt = np.searchsorted(sb, ha, "right") - lo
    ok = (cnt > 0) & (cnt <= max_occ)
    ia, c, lo = np.flatnonzero(ok), cnt[ok], lo[ok]
    if not len(ia):
        return []
    rep_i = np.repeat(ia, c)
    offs = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
    diag = ob[np.repeat(lo, c) + offs] - rep_i
    order = np.lexsort((rep_i, diag))
    i_s, d_s = rep_i[order], diag[order]
    new = np.ones(len(i_s), dtype=bool)
    new[1:] = (d_s[1:] != d_s[:-1]) | (i_s[1:] != i_s[:-1] + 1)
    starts = np.flatnonzero(new)
    sizes = np.diff(np.append(starts, len(i_s))) + k - 1
    a_pos = i_s[starts]
    return list(zip(a_pos.tolist(), (a_pos + d_s[starts]).tolist(), sizes.tolist(), strict=True))


def chain_blocks(
    a: str,
    b: str,
    blocks: list[Block],
    *,
    anchor: int = 8,
    max_gap: int = 30,
    threshold: float = 0.7,
    min_chars: int = 50,
) -> list[Passage]:
    """Chain blocks lying near one another (gaps of at most ``max_gap`` characters on both
    sides, in order) into passages; keep those of similarity ≥ ``threshold`` and at least
    ``min_chars`` characters on the longer side. A chain starts and ends with a block of at
    least ``anchor`` characters, so chance matches of a few characters do not stretch it."""
    blocks = _near_anchors(blocks, anchor, max_gap)
    chains = _best_chains(sorted(set(blocks), key=lambda x: (x[0], x[1])), max_gap)
    chains = [c for c in chains if any(blk[2] >= anchor for blk in c)]
    out: list[Passage] = []
    for c in chains:
        for sub in _split_until_similar(a, b, _trim(c, anchor), threshold):
            if not sub:
                continue
            p = _passage(a, b, sub)
            if p.length >= min_chars and p.similarity >= threshold:
                out.append(p)
    return out


def _near_anchors(blocks: list[Block], anchor: int, max_gap: int) -> list[Block]:
    """Drop short blocks that no long block (an anchor) lies near: they cannot be part of a
    passage, and chance matches of a few characters are most of the blocks in a region."""
    import numpy as np

    if not blocks:
        return blocks
    arr = np.asarray(blocks, dtype=np.int64)
    big = arr[:, 2] >= anchor
    if big.all() or not big.any():
        return blocks if big.any() else []
    anchors, small = arr[big], arr[~big]
    keep = big.copy()
    idx = np.flatnonzero(~big)
    for lo in range(0, len(small), max(1, 200_000 // len(anchors))):
        sm = small[lo : lo + max(1, 200_000 // len(anchors))]
        # Near an anchor: on a diagonal close to it, and before, inside or after it by a gap.
        d_gap = np.abs((sm[:, 1] - sm[:, 0])[:, None] - (anchors[:, 1] - anchors[:, 0])[None, :])
        before = anchors[None, :, 0] - (sm[:, 0] + sm[:, 2])[:, None]
        after = sm[:, 0][:, None] - (anchors[:, 0] + anchors[:, 2])[None, :]
        near = (d_gap <= max_gap) & (before <= max_gap) & (after <= max_gap)
        keep[idx[lo : lo + len(sm)]] = near.any(axis=1)
    return [b for b, k in zip(blocks, keep.tolist(), strict=True) if k]


def _best_chains(blocks: list[Block], max_gap: int, window: int = 32) -> list[list[Block]]:
    """Local chaining by dynamic programming: each block extends the best-scoring chain ending
    within ``max_gap`` characters before it on both sides (score = matched characters minus a fifth
    of the gap); chains are then read off from the best end, each block used once."""
    n = len(blocks)
    score = [float(blk[2]) for blk in blocks]
    prev = [-1] * n
    trimmed = list(blocks)
    for i, (ai, bi, si) in enumerate(blocks):
        for j in range(i - 1, max(-1, i - window - 1), -1):
            aj, bj, sj = trimmed[j]
            ga, gb = ai - (aj + sj), bi - (bj + sj)
            cut = max(0, -ga, -gb)  # overlapping repeats: drop the overlap
            if cut >= si or bi < bj or ga + cut > max_gap or gb + cut > max_gap:
                continue
            cand = score[j] + (si - cut) - 0.2 * max(ga + cut, gb + cut)
            if cand > score[i]:
                score[i], prev[i] = cand, j
                trimmed[i] = (ai + cut, bi + cut, si - cut)
    used = [False] * n
    chains: list[list[Block]] = []
    for i in sorted(range(n), key=lambda k: -score[k]):
        if used[i]:
            continue
        chain: list[Block] = []
        k = i
        while k >= 0 and not used[k]:
            used[k] = True
            chain.append(trimmed[k] if prev[k] >= 0 and not used[prev[k]] else blocks[k])
            k = prev[k]
        chains.append(chain[::-1])
    chains.sort(key=lambda c: c[0][0])
    return chains


def _trim(chain: list[Block], anchor: int) -> list[Block]:
    lo, hi = 0, len(chain)
    while lo < hi and chain[lo][2] < anchor:
        lo += 1
    while hi > lo and chain[hi - 1][2] < anchor:
        hi -= 1
    return chain[lo:hi]


def _passage(a: str, b: str, run: list[Block]) -> Passage:
    a0, b0 = run[0][0], run[0][1]
    a1, b1 = run[-1][0] + run[-1][2], run[-1][1] + run[-1][2]
    matched = sum(s for _, _, s in run)
    # Small exact matches inside the gaps count too (a changed digit leaves its neighbours).
    for x, y in pairwise(run):
        ga, gb = a[x[0] + x[2] : y[0]], b[x[1] + x[2] : y[1]]
        if ga and gb:
            sm = SequenceMatcher(None, ga, gb, autojunk=False)
            matched += sum(m.size for m in sm.get_matching_blocks())
    return Passage(a0, a1, b0, b1, matched)


def _split_until_similar(a: str, b: str, run: list[Block], threshold: float) -> list[list[Block]]:
    """Split a chain at its widest gap until every piece reaches ``threshold``."""
    stack, done = [run], []
    while stack:
        cur = stack.pop()
        if len(cur) <= 1 or _passage(a, b, cur).similarity >= threshold:
            done.append(cur)
            continue
        gaps = [
            max(cur[i + 1][0] - cur[i][0] - cur[i][2], cur[i + 1][1] - cur[i][1] - cur[i][2])
            for i in range(len(cur) - 1)
        ]
        cut = max(range(len(gaps)), key=gaps.__getitem__) + 1
        stack.extend([cur[cut:], cur[:cut]])
    done.sort(key=lambda r: r[0][0] if r else -1)
    return done


def align(
    a: str,
    b: str,
    *,
    seed: int = 4,
    anchor: int = 8,
    max_gap: int = 30,
    threshold: float = 0.7,
    min_chars: int = 50,
) -> list[Passage]:
    """All near-verbatim passages shared by ``a`` and ``b`` (offsets into each)."""
    blocks = seed_blocks(a, b, seed)
    return chain_blocks(
        a, b, blocks, anchor=anchor, max_gap=max_gap, threshold=threshold, min_chars=min_chars
    )


def align_regions(
    a: str,
    b: str,
    a_range: tuple[int, int],
    b_range: tuple[int, int],
    *,
    margin: int = 80,
    max_grow: int = 8,
    hashes: tuple[np.ndarray, np.ndarray, int] | None = None,
    seed: int = 4,
    anchor: int = 8,
    max_gap: int = 30,
    threshold: float = 0.7,
    min_chars: int = 50,
) -> list[Passage]:
    """Passages shared by two regions of ``a`` and ``b``, grown until no passage touches a
    region edge that could be extended (so a passage is maximal, not cut by the window).

    ``hashes`` = (k-gram hashes of ``a``, of ``b``, k) makes seeding vectorized (then ``k``
    replaces ``seed``). Offsets are into the whole ``a`` and ``b``.
    """
    a0, a1 = max(0, a_range[0] - margin), min(len(a), a_range[1] + margin)
    b0, b1 = max(0, b_range[0] - margin), min(len(b), b_range[1] + margin)
    found: list[Passage] = []
    for _ in range(max_grow):
        sa, sb = a[a0:a1], b[b0:b1]
        if hashes is not None:
            ha, hb, k = hashes
            blocks = hashed_blocks(ha[a0 : max(a0, a1 - k + 1)], hb[b0 : max(b0, b1 - k + 1)], k)
        else:
            blocks = seed_blocks(sa, sb, seed)
        found = chain_blocks(
            sa, sb, blocks, anchor=anchor, max_gap=max_gap, threshold=threshold, min_chars=min_chars
        )
        grow_start = grow_end = False
        for p in found:
            if (p.a_start <= 0 < a0) or (p.b_start <= 0 < b0):
                grow_start = True
            if (p.a_end >= a1 - a0 and a1 < len(a)) or (p.b_end >= b1 - b0 and b1 < len(b)):
                grow_end = True
        if not (grow_start or grow_end):
            break
        if grow_start:
            a0, b0 = max(0, a0 - margin), max(0, b0 - margin)
        if grow_end:
            a1, b1 = min(len(a), a1 + margin), min(len(b), b1 + margin)
    return [Passage(p.a_start + a0, p.a_end + a0, p.b_start + b0, p.b_end + b0, p.matched) for p in found]
