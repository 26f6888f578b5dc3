"""Reuse detection on a Dask cluster: the stages of :func:`fzanalyzer.reuse.passages.find_reuse`
as tasks over partitions of reports, with the two global steps done by shuffles.

1. Reports are partitioned by issuer (an issuer's reports stay together).
2. Boilerplate: each partition counts, per shingle hash, the issuers holding it, and routes the
   counts to ``P`` buckets by hash; each bucket sums its counts and keeps the hashes held by
   more than the boilerplate share of all issuers (a shuffle: no task sees every hash).
3. Each partition marks boilerplate, computes its units' MinHash signatures, and routes every
   unit's LSH band key to a bucket by key; each bucket groups equal keys into candidate pairs.
4. Candidate pairs are checked (estimated Jaccard) by a task holding the two partitions'
   signatures, then aligned per pair of partitions on the two reports' texts.

Every stage computes what the single-process path computes, with the same parameters, so the
passages are the same (tested). Memory per task is bounded by a partition and a bucket, never
by the corpus.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from dask.distributed import Client

    from ..model import Report
    from ..reuse.passages import ReusePair, ReuseParams


#: A unit's LSH band key routed to a bucket: 21 bytes packed (4 × uint64 took 32; the
#: records of all bands are the largest thing a reuse run holds). A unit's global id is its
#: partition's number in the high 32 bits and its index in the partition in the low ones: ids
#: ordered as if numbered through the partitions in turn, known before any partition is done.
#: Stages of a run, at DEBUG (``logging``): read against a memory sampler, they say which stage peaks.
_log = logging.getLogger(__name__)

_RECORD = [("band", "u1"), ("key", "u8"), ("gid", "u8"), ("owner", "u4")]


def _docs(chunk: list[tuple[int, Report]], p: ReuseParams, high: np.ndarray | None) -> list[Any]:
    import numpy as np

    from ..reuse.passages import ReuseDoc

    docs = [ReuseDoc(i, r, p.shingle) for i, r in chunk]
    if high is not None and len(high):
        for d in docs:
            top = (d.hashes >> np.uint64(32)).astype(np.uint32)
            at = np.minimum(np.searchsorted(high, top), len(high) - 1)
            d.boiler = high[at] == top
    return docs


def _issuer_counts(chunk: list[tuple[int, Report]], p: ReuseParams, buckets: int) -> tuple[list[Any], int]:
    """Per bucket: (hash, number of this partition's issuers holding it); and the issuer count."""
    import numpy as np

    per_issuer: dict[str, list[np.ndarray]] = defaultdict(list)
    for d in _docs(chunk, p, None):
        per_issuer[d.issuer].append((d.hashes >> np.uint64(32)).astype(np.uint32))
    if not per_issuer:
        return [(np.zeros(0, np.uint32), np.zeros(0, np.int64))] * buckets, 0
    values, counts = np.unique(
        np.concatenate([np.unique(np.concatenate(a)) for a in per_issuer.values()]), return_counts=True
    )
    route = values % np.uint32(buckets)
    counts = counts.astype(np.uint32)  # issuers per hash: 4 bytes are plenty, 8 doubled the shuffle
    return [(values[route == b], counts[route == b]) for b in range(buckets)], len(per_issuer)


def _bucket_high(shares: list[tuple[np.ndarray, np.ndarray]], limit: float) -> np.ndarray:
    """The hashes of one bucket held by more than ``limit`` issuers, from every partition's share."""
    import numpy as np

    vals = np.concatenate([v for v, _ in shares])
    cnts = np.concatenate([c for _, c in shares])
    if not len(vals):
        return np.zeros(0, np.uint32)
    uniq, inv = np.unique(vals, return_inverse=True)
    total = np.bincount(inv, weights=cnts)
    return uniq[total > limit]


def _signatures(
    chunk: list[tuple[int, Report]], p: ReuseParams, high: np.ndarray, skip: bool, part_no: int
) -> dict[str, Any]:
    """MinHash signatures of a partition's units, their owners and spans, and the partition's
    base of global unit ids."""
    from ..reuse.passages import minhash_signatures

    sig, owner, spans = minhash_signatures(_docs(chunk, p, high), p, skip_boilerplate=skip)
    return {"sig": sig, "owner": owner, "spans": spans, "base": part_no << 32}


def _round_records(part: dict[str, Any], bands: range, p: ReuseParams, buckets: int) -> list[np.ndarray]:
    """A partition's units' band keys for ``bands`` (one round), routed to buckets by key. A
    round holds ``len(bands)`` records a unit, not one per band of the signature: the records of
    all bands at once were the largest thing a worker held (they grew with its share of the
    corpus)."""
    import numpy as np

    sig = part["sig"]
    gid = part["base"] + np.arange(len(sig), dtype=np.int64)
    routed: list[list[np.ndarray]] = [[] for _ in range(buckets)]
    for band in bands:
        cols = sig[:, band * p.rows : (band + 1) * p.rows].astype(np.uint64)
        key = cols[:, 0]
        with np.errstate(over="ignore"):
            for r in range(1, p.rows):
                key = key * np.uint64(0x9E3779B97F4A7C15) + cols[:, r]
        rec = np.empty(len(key), _RECORD)
        rec["band"], rec["key"], rec["gid"], rec["owner"] = band, key, gid, part["owner"]
        dest = ((key ^ np.uint64(band)) % np.uint64(buckets)).astype(np.int64)
        for b in range(buckets):
            routed[b].append(rec[dest == b])
    return [np.concatenate(r) if r else np.empty(0, _RECORD) for r in routed]


def _unit_count(part: dict[str, Any]) -> int:
    return len(part["sig"])


def _windowed(client: Client, calls: list[tuple[Any, ...]], window: int) -> list[Any]:
    """Results of ``client.submit(*call)`` for each of ``calls``, in the calls' order, with at
    most ``window`` tasks submitted at a time. Submitted all at once, every task's arguments
    (candidate pairs, anchors) sat on the workers from the start, and each worker fetched copies of
    every partition its queued tasks named: memory that grew with the corpus."""
    from dask.distributed import as_completed

    out: list[Any] = [None] * len(calls)
    todo = list(enumerate(calls))[::-1]
    index: dict[Any, int] = {}

    def submit() -> Any:
        k, call = todo.pop()
        fut = client.submit(*call, pure=False)
        index[fut] = k
        return fut

    running = as_completed([submit() for _ in range(min(window, len(todo)))])
    for fut in running:
        out[index.pop(fut)] = fut.result()
        fut.release()
        if todo:
            running.add(submit())
    return out


def _bucket_pairs(shares: list[np.ndarray], max_bucket: int) -> np.ndarray:
    """Pairs of units (global ids, u < v, different reports) sharing a band key in this bucket,
    from every partition's share of the bucket."""
    import numpy as np

    rec = np.concatenate(shares)
    if not len(rec):
        return np.zeros((0, 2), np.int64)
    rec = rec[np.lexsort((rec["gid"], rec["key"], rec["band"]))]
    grp = np.concatenate(
        [[True], (rec["band"][1:] != rec["band"][:-1]) | (rec["key"][1:] != rec["key"][:-1])]
    )
    starts = np.flatnonzero(grp)
    sizes = np.diff(np.concatenate([starts, [len(rec)]]))
    fit = (sizes >= 2) & (sizes <= max_bucket)  # most keys are a single unit's
    out = []
    for s, n in zip(starts[fit].tolist(), sizes[fit].tolist(), strict=True):
        g = rec[s : s + n]
        i, j = np.triu_indices(n, 1)
        diff = g["owner"][i] != g["owner"][j]
        u, v = g["gid"][i[diff]].astype(np.int64), g["gid"][j[diff]].astype(np.int64)
        out.append(np.stack([np.minimum(u, v), np.maximum(u, v)], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 2), np.int64)


def _check_pairs(pa: dict[str, Any], pb: dict[str, Any], pairs: np.ndarray, min_jaccard: float) -> np.ndarray:
    """Candidate pairs (u in partition a, v in b) whose signatures agree enough, with their
    owners and spans, as rows (u, v, du, dv, u_start, u_end, v_start, v_end): an int64 array, not
    Python tuples (millions of them at 20,000 reports)."""
    import numpy as np

    su, sv = pa["sig"][pairs[:, 0] - pa["base"]], pb["sig"][pairs[:, 1] - pb["base"]]
    keep = (su == sv).mean(axis=1) >= min_jaccard
    u, v = pairs[keep, 0], pairs[keep, 1]
    iu, iv = u - pa["base"], v - pb["base"]
    return np.column_stack(
        [
            u,
            v,
            pa["owner"][iu].astype(np.int64),
            pb["owner"][iv].astype(np.int64),
            pa["spans"][iu],
            pb["spans"][iv],
        ]
    ).astype(np.int64)


def _align_group(
    items: list[tuple[int, int, np.ndarray]],
    chunk_a: list[tuple[int, Report]],
    chunk_b: list[tuple[int, Report]],
    p: ReuseParams,
    high: np.ndarray,
    min_chars: int,
    threshold: float,
    include_boilerplate: bool,
) -> list[ReusePair]:
    """Align the candidate pairs of reports in two partitions (the partitions already on the
    workers: the corpus is never scattered a second time)."""
    from ..reuse.passages import align_docs

    needed = {i for du, dv, _ in items for i in (du, dv)}
    pool = {i: r for i, r in [*chunk_a, *chunk_b] if i in needed}
    docs = {d.index: d for d in _docs(sorted(pool.items(), key=lambda x: x[0]), p, high)}
    out: list[ReusePair] = []
    for du, dv, anchors in items:
        spans = [tuple(a) for a in anchors.tolist()]
        out.extend(align_docs(docs[du], docs[dv], spans, p, min_chars, threshold, include_boilerplate))
    return out


def _shuffle(client: Client, sources: list[Any], n: int) -> list[list[Any]]:
    """``sources``: futures each holding ``n`` shares; per share number, the futures of that share
    of every source. Each share is picked where its source is, so a task that combines share ``b``
    fetches only that share of every source, never whole partitions."""
    import operator

    return [[client.submit(operator.getitem, s, b, pure=False) for s in sources] for b in range(n)]


def _plan(reports: list[Report], nparts: int) -> list[list[int]]:
    """Report indices per partition: issuers dealt round-robin (an issuer's reports stay
    together, in input order)."""
    from ..reuse.passages import issuer_key

    by_issuer: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        by_issuer[issuer_key(r)].append(i)
    chunks: list[list[int]] = [[] for _ in range(nparts)]
    for n, group in enumerate(by_issuer.values()):
        chunks[n % nparts].extend(group)
    return [c for c in chunks if c]


def _read_share(
    root: str, files: list[str], first: int, where: dict[int, int], nparts: int
) -> list[list[tuple[int, Report]]]:
    """Read ``files`` of a dataset (their reports numbered from ``first``) and deal the reports to
    their partitions: one list of ``(index, report)`` per partition."""
    from .dataset import read_reports

    out: list[list[tuple[int, Report]]] = [[] for _ in range(nparts)]
    for k, r in enumerate(read_reports(root, files), start=first):
        out[where[k]].append((k, r))
    return out


def _assemble(shares: list[list[tuple[int, Report]]], order: list[int]) -> list[tuple[int, Report]]:
    """One partition from its shares, in the partition's planned order."""
    got = {i: r for share in shares for i, r in share}
    return [(i, got[i]) for i in order]


def find_reuse_dataset(
    root: str | Path,
    client: Client,
    *,
    min_chars: int = 50,
    threshold: float = 0.7,
    include_boilerplate: bool = False,
    params: ReuseParams | None = None,
    partitions: int | None = None,
    bands_per_round: int | None = 4,
) -> list[ReusePair]:
    """:func:`find_reuse_dask` on the reports of a Parquet dataset (``extract --dataset DIR``,
    written with text) read by the tasks themselves: the client reads only the metadata columns,
    each task reads a group of the dataset's files and deals their reports to partitions by
    issuer (a shuffle), so no report text passes through the client. Reports are in the dataset's
    order (:func:`fzanalyzer.scale.dataset.read_reports` over its sorted files); the passages are
    those of ``find_reuse`` on the reports in that order. ``bands_per_round``: LSH bands shuffled and
    paired at a time (None: all at once); the candidate pairs, and so the passages, are the same."""
    from .dataset import read_reports, table_files

    files = table_files(root, "reports")
    metas = [read_reports(root, [f], text=False) for f in files]
    reports = [r for m in metas for r in m]

    def load(chunks: list[list[int]]) -> list[Any]:
        where = {i: k for k, c in enumerate(chunks) for i in c}
        groups = max(1, min(len(files), len(chunks)))
        per = -(-len(files) // groups)
        firsts = [0]
        for m in metas:
            firsts.append(firsts[-1] + len(m))
        shares = []
        for g in range(0, len(files), per):
            idx = range(firsts[g], firsts[min(g + per, len(files))])
            sub = {i: where[i] for i in idx}
            shares.append(
                client.submit(
                    _read_share, str(root), files[g : g + per], firsts[g], sub, len(chunks), pure=False
                )
            )
        picked = _shuffle(client, shares, len(chunks))
        return [client.submit(_assemble, picked[k], c, pure=False) for k, c in enumerate(chunks)]

    opts = (min_chars, threshold, include_boilerplate, params or _default(), partitions, bands_per_round)
    return _find_reuse(reports, client, load, *opts)


def find_reuse_dask(
    reports: list[Report],
    client: Client,
    *,
    min_chars: int = 50,
    threshold: float = 0.7,
    include_boilerplate: bool = False,
    params: ReuseParams | None = None,
    partitions: int | None = None,
    bands_per_round: int | None = 4,
) -> list[ReusePair]:
    """:func:`~fzanalyzer.reuse.passages.find_reuse` on a Dask cluster; the same passages. The
    reports are scattered from the client once (for a corpus too large for the client, see
    :func:`find_reuse_dataset`). ``bands_per_round``: as there."""
    reports = list(reports)

    def load(chunks: list[list[int]]) -> list[Any]:
        return list(client.scatter([[(i, reports[i]) for i in c] for c in chunks]))

    opts = (min_chars, threshold, include_boilerplate, params or _default(), partitions, bands_per_round)
    return _find_reuse(reports, client, load, *opts)


def _default() -> ReuseParams:
    from ..reuse.passages import ReuseParams

    return ReuseParams()


def _find_reuse(
    reports: list[Report],
    client: Client,
    load: Any,
    min_chars: int,
    threshold: float,
    include_boilerplate: bool,
    p: ReuseParams,
    partitions: int | None,
    bands_per_round: int | None = None,
) -> list[ReusePair]:
    """The stages on the cluster. ``reports``: every report's id and metadata (the text is not
    needed here); ``load(chunks)``: futures of the partitions (lists of ``(index, report)``)."""
    import numpy as np

    from ..inputs import require_unique_ids
    from ..reuse.passages import chrono_key

    require_unique_ids(reports)
    if len(reports) < 2:
        return []
    nparts = partitions or max(1, min(len(reports) // 500, 64)) or 1
    chunks = _plan(reports, nparts)
    buckets = max(1, len(chunks))
    chunk_f = load(chunks)
    _log.debug("reuse: partitions loading")
    # 2. boilerplate by a shuffle of issuer counts
    count_f = client.map(_issuer_counts, chunk_f, p=p, buckets=buckets, pure=False)
    n_issuers = sum(client.gather(client.map(lambda x: x[1], count_f, pure=False)))
    limit = max(p.min_df, p.max_df * n_issuers)
    if n_issuers <= limit:
        high = np.zeros(0, np.uint32)
    else:
        counts_f = client.map(lambda x: x[0], count_f, pure=False)
        shares = _shuffle(client, counts_f, buckets)
        high = np.sort(
            np.concatenate(
                client.gather(
                    [client.submit(_bucket_high, shares[b], limit, pure=False) for b in range(buckets)]
                )
            )
        )
        del shares, counts_f
    del count_f
    _log.debug("reuse: boilerplate counted")
    [high_f] = client.scatter([high], broadcast=True)
    # 3. signatures and LSH by a shuffle of band keys
    # all partitions at once: no partition waits for another's count
    sig_f = [
        client.submit(_signatures, cf, p, high_f, not include_boilerplate, k, pure=False)
        for k, cf in enumerate(chunk_f)
    ]
    base = sum(client.gather([client.submit(_unit_count, sf, pure=False) for sf in sig_f]))
    max_bucket = p.max_bucket if not include_boilerplate else max(p.max_bucket, base)
    nbands = p.num_perm // p.rows
    step = max(1, bands_per_round or nbands)
    found: list[np.ndarray] = []
    for lo in range(0, nbands, step):  # a round's records are dropped before the next is made
        _log.debug("reuse: band round %d", lo)
        routed_f = [
            client.submit(_round_records, sf, range(lo, min(lo + step, nbands)), p, buckets, pure=False)
            for sf in sig_f
        ]
        shares = _shuffle(client, routed_f, buckets)
        del routed_f
        pair_f = [client.submit(_bucket_pairs, shares[b], max_bucket, pure=False) for b in range(buckets)]
        del shares  # each bucket's share is released once its pairs are found
        got = [a for a in client.gather(pair_f) if len(a)]
        del pair_f
        if got:
            found.append(np.unique(np.concatenate(got), axis=0))
    cand = np.unique(np.concatenate(found), axis=0) if found else np.zeros((0, 2), np.int64)
    del found
    if not len(cand):
        return []
    # 4. check pairs per pair of partitions, then align per pair of partitions, a bounded
    # number of tasks at a time
    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    _log.debug("reuse: candidate pairs found %d", len(cand))
    which = cand >> 32  # the partition of each unit
    checks = [
        (_check_pairs, sig_f[a], sig_f[b], cand[idx], p.min_jaccard) for (a, b), idx in _group_rows(which)
    ]
    del cand, which
    done = [c for c in _windowed(client, checks, window) if len(c)]
    del checks, sig_f
    if not done:
        return []
    _log.debug("reuse: pairs checked")
    rows = np.concatenate(done)
    del done
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]  # by (u, v), as find_reuse
    # the earlier report is ``a`` (chrono_key order; equal keys keep the pair as found)
    keys = sorted({chrono_key(r) for r in reports})
    rank_of = {k: n for n, k in enumerate(keys)}
    rank = np.array([rank_of[chrono_key(r)] for r in reports], np.int64)
    du, dv = rows[:, 2].copy(), rows[:, 3].copy()
    swap = rank[dv] < rank[du]
    rows[swap] = rows[swap][:, [1, 0, 3, 2, 6, 7, 4, 5]]
    del du, dv, swap
    # group by (du, dv), anchors in (u, v) order within each pair (a stable sort)
    order = np.lexsort((rows[:, 3], rows[:, 2]))
    rows = rows[order]
    cut = np.flatnonzero(np.any(np.diff(rows[:, 2:4], axis=0) != 0, axis=1)) + 1
    chunk_of = np.empty(len(reports), np.int64)
    for k, c in enumerate(chunks):
        chunk_of[c] = k
    groups: dict[tuple[int, int], list[tuple[int, int, np.ndarray]]] = defaultdict(list)
    for g in np.split(rows, cut):
        du_, dv_ = int(g[0, 2]), int(g[0, 3])
        groups[(int(chunk_of[du_]), int(chunk_of[dv_]))].append((du_, dv_, g[:, 4:8]))
    del rows
    _log.debug("reuse: aligning")
    aligned = [
        (_align_group, items, chunk_f[ka], chunk_f[kb], p, high_f, min_chars, threshold, include_boilerplate)
        for (ka, kb), items in groups.items()
    ]
    del groups
    out: list[ReusePair] = [x for part in _windowed(client, aligned, window) for x in part]
    _log.debug("reuse: aligned")
    order_of = {r.id: i for i, r in enumerate(reports)}
    out.sort(key=lambda x: (order_of[x.a], order_of[x.b], x.a_start, x.b_start))
    return out


def _group_rows(which: np.ndarray) -> list[tuple[tuple[int, int], np.ndarray]]:
    """Row indices per pair of partitions ``(which[:, 0], which[:, 1])``, pairs in ascending
    order, rows ascending within each: one sort (a scan of every row per pair made this step
    grow as partitions² × candidates)."""
    import numpy as np

    keys = which[:, 0] * (which.max() + 1) + which[:, 1]
    order = np.argsort(keys, kind="stable")
    cut = np.flatnonzero(np.diff(keys[order])) + 1
    return [((int(which[g[0], 0]), int(which[g[0], 1])), g) for g in np.split(order, cut)]
