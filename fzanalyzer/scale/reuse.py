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

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from dask.distributed import Client

    from ..model import Report
    from ..reuse.passages import ReusePair, ReuseParams


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
    return [(values[route == b], counts[route == b]) for b in range(buckets)], len(per_issuer)


def _bucket_high(parts: list[tuple[list[Any], int]], bucket: int, limit: float) -> np.ndarray:
    import numpy as np

    vals = np.concatenate([pt[0][bucket][0] for pt in parts])
    cnts = np.concatenate([pt[0][bucket][1] for pt in parts])
    if not len(vals):
        return np.zeros(0, np.uint32)
    uniq, inv = np.unique(vals, return_inverse=True)
    total = np.bincount(inv, weights=cnts)
    return uniq[total > limit]


def _band_records(
    chunk: list[tuple[int, Report]], p: ReuseParams, high: np.ndarray, skip: bool, base: int, buckets: int
) -> dict[str, Any]:
    """Signatures of a partition's units and their band keys routed to buckets."""
    import numpy as np

    from ..reuse.passages import minhash_signatures

    sig, owner, spans = minhash_signatures(_docs(chunk, p, high), p, skip_boilerplate=skip)
    gid = base + np.arange(len(sig), dtype=np.int64)
    routed: list[list[np.ndarray]] = [[] for _ in range(buckets)]
    for band in range(p.num_perm // p.rows):
        cols = sig[:, band * p.rows : (band + 1) * p.rows].astype(np.uint64)
        key = cols[:, 0]
        with np.errstate(over="ignore"):
            for r in range(1, p.rows):
                key = key * np.uint64(0x9E3779B97F4A7C15) + cols[:, r]
        rec = np.stack(
            [np.full(len(key), band, np.uint64), key, gid.astype(np.uint64), owner.astype(np.uint64)], axis=1
        )
        dest = ((key ^ np.uint64(band)) % np.uint64(buckets)).astype(np.int64)
        for b in range(buckets):
            routed[b].append(rec[dest == b])
    return {
        "sig": sig,
        "owner": owner,
        "spans": spans,
        "base": base,
        "routed": [np.concatenate(r) if r else np.zeros((0, 4), np.uint64) for r in routed],
    }


def _unit_count(part: dict[str, Any]) -> int:
    return len(part["sig"])


def _bucket_pairs(parts: list[dict[str, Any]], bucket: int, max_bucket: int) -> np.ndarray:
    """Pairs of units (global ids, u < v, different reports) sharing a band key in this bucket."""
    import numpy as np

    rec = np.concatenate([pt["routed"][bucket] for pt in parts])
    if not len(rec):
        return np.zeros((0, 2), np.int64)
    order = np.lexsort((rec[:, 2], rec[:, 1], rec[:, 0]))
    rec = rec[order]
    grp = np.concatenate([[True], (rec[1:, 0] != rec[:-1, 0]) | (rec[1:, 1] != rec[:-1, 1])])
    starts = np.flatnonzero(grp)
    sizes = np.diff(np.concatenate([starts, [len(rec)]]))
    out = []
    for s, n in zip(starts.tolist(), sizes.tolist(), strict=True):
        if n < 2 or n > max_bucket:
            continue
        g = rec[s : s + n]
        i, j = np.triu_indices(n, 1)
        diff = g[i, 3] != g[j, 3]
        u, v = g[i[diff], 2].astype(np.int64), g[j[diff], 2].astype(np.int64)
        out.append(np.stack([np.minimum(u, v), np.maximum(u, v)], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 2), np.int64)


def _check_pairs(pa: dict[str, Any], pb: dict[str, Any], pairs: np.ndarray, min_jaccard: float) -> list[Any]:
    """Candidate pairs (u in partition a, v in b) whose signatures agree enough, with their
    owners and spans: (u, v, du, dv, span_u, span_v)."""

    su, sv = pa["sig"][pairs[:, 0] - pa["base"]], pb["sig"][pairs[:, 1] - pb["base"]]
    keep = (su == sv).mean(axis=1) >= min_jaccard
    out = []
    for u, v in pairs[keep].tolist():
        iu, iv = u - pa["base"], v - pb["base"]
        out.append(
            (
                u,
                v,
                int(pa["owner"][iu]),
                int(pb["owner"][iv]),
                pa["spans"][iu].tolist(),
                pb["spans"][iv].tolist(),
            )
        )
    return out


def _align_group(
    items: list[tuple[int, int, list[tuple[int, int, int, int]]]],
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
        out.extend(align_docs(docs[du], docs[dv], anchors, p, min_chars, threshold, include_boilerplate))
    return out


def find_reuse_dask(
    reports: list[Report],
    client: Client,
    *,
    min_chars: int = 50,
    threshold: float = 0.7,
    include_boilerplate: bool = False,
    params: ReuseParams | None = None,
    partitions: int | None = None,
) -> list[ReusePair]:
    """:func:`~fzanalyzer.reuse.passages.find_reuse` on a Dask cluster; the same passages."""
    import numpy as np

    from ..reuse.passages import ReuseParams, chrono_key, issuer_key

    p = params or ReuseParams()
    reports = list(reports)
    from ..inputs import require_unique_ids

    require_unique_ids(reports)
    if len(reports) < 2:
        return []
    nparts = partitions or max(1, min(len(reports) // 500, 64)) or 1
    # partitions by issuer, in input order within each
    by_issuer: dict[str, list[tuple[int, Report]]] = defaultdict(list)
    for i, r in enumerate(reports):
        by_issuer[issuer_key(r)].append((i, r))
    chunks: list[list[tuple[int, Report]]] = [[] for _ in range(nparts)]
    for n, group in enumerate(by_issuer.values()):
        chunks[n % nparts].extend(group)
    chunks = [c for c in chunks if c]
    buckets = max(1, len(chunks))
    chunk_f = client.scatter(chunks)
    # 2. boilerplate by a shuffle of issuer counts
    count_f = client.map(_issuer_counts, chunk_f, p=p, buckets=buckets, pure=False)
    n_issuers = sum(client.gather(client.map(lambda x: x[1], count_f, pure=False)))
    limit = max(p.min_df, p.max_df * n_issuers)
    if n_issuers <= limit:
        high = np.zeros(0, np.uint32)
    else:
        high = np.sort(
            np.concatenate(
                client.gather(
                    [client.submit(_bucket_high, count_f, b, limit, pure=False) for b in range(buckets)]
                )
            )
        )
    [high_f] = client.scatter([high], broadcast=True)
    # 3. signatures and LSH by a shuffle of band keys
    parts: list[Any] = []
    base = 0
    for cf in chunk_f:
        part = client.submit(_band_records, cf, p, high_f, not include_boilerplate, base, buckets, pure=False)
        parts.append(part)
        base += client.submit(_unit_count, part, pure=False).result()
    max_bucket = p.max_bucket if not include_boilerplate else max(p.max_bucket, base)
    pair_arrays = client.gather(
        [client.submit(_bucket_pairs, parts, b, max_bucket, pure=False) for b in range(buckets)]
    )
    cand = (
        np.unique(np.concatenate(pair_arrays), axis=0)
        if any(len(a) for a in pair_arrays)
        else np.zeros((0, 2), np.int64)
    )
    if not len(cand):
        return []
    # 4. check pairs per pair of partitions, then align per pair of reports
    bases = np.array(client.gather(client.map(lambda pt: pt["base"], parts, pure=False)))
    which = np.searchsorted(bases, cand, side="right") - 1
    checks = []
    for (a, b), idx in _group_rows(which):
        checks.append(client.submit(_check_pairs, parts[a], parts[b], cand[idx], p.min_jaccard, pure=False))
    checked = sorted(x for part in client.gather(checks) for x in part)  # by (u, v), as find_reuse
    by_docs: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
    key_of = {i: chrono_key(r) for i, r in enumerate(reports)}
    for _u, _v, du, dv, su, sv in checked:
        if key_of[dv] < key_of[du]:
            du, dv, su, sv = dv, du, sv, su
        by_docs[(du, dv)].append((*su, *sv))
    # one alignment task per pair of partitions, on the partition futures already scattered
    chunk_of = {i: k for k, c in enumerate(chunks) for i, _ in c}
    groups: dict[tuple[int, int], list[tuple[int, int, list[tuple[int, int, int, int]]]]] = defaultdict(list)
    for (du, dv), anchors in sorted(by_docs.items()):
        groups[(chunk_of[du], chunk_of[dv])].append((du, dv, anchors))
    aligned = []
    for (ka, kb), items in groups.items():
        aligned.append(
            client.submit(
                _align_group,
                items,
                chunk_f[ka],
                chunk_f[kb],
                p,
                high_f,
                min_chars,
                threshold,
                include_boilerplate,
                pure=False,
            )
        )
    out: list[ReusePair] = [x for part in client.gather(aligned) for x in part]
    order = {r.id: i for i, r in enumerate(reports)}
    out.sort(key=lambda x: (order[x.a], order[x.b], x.a_start, x.b_start))
    return out


def _group_rows(which: np.ndarray) -> list[tuple[tuple[int, int], np.ndarray]]:
    import numpy as np

    keys = which[:, 0] * (which.max() + 1) + which[:, 1]
    out = []
    for k in np.unique(keys):
        idx = np.flatnonzero(keys == k)
        out.append(((int(which[idx[0], 0]), int(which[idx[0], 1])), idx))
    return out
