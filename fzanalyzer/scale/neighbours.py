"""Top-k most similar reports per report, in blocks: memory O(n·d + block·n), never n × n.

Representation: character 2–3-gram TF-IDF (sublinear tf, as in :mod:`fzanalyzer.compare.similarity`)
hashed into 2**20 features (numpy rolling hashes), so partitions vectorize independently (no shared vocabulary), with
IDF from document frequencies summed over partitions; each unit vector is then reduced to ``dim``
dimensions by a fixed sparse random projection (Johnson–Lindenstrauss: cosines are kept to about
±1/√dim) and renormalized. Every step but the IDF sum is per report, so the vectors — and the
neighbours — are the same whether computed in one process or in partitions on a cluster.

The neighbour search multiplies a block of rows by all vectors (``block × n`` scores at a time)
and keeps the ``k`` best of each row: the compute is n²·dim multiply-adds (about 10¹¹ at 20,000
reports and dim 256, seconds with BLAS), the memory n·dim floats plus one block of scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from dask.distributed import Client

N_FEATURES = 2**20
NGRAMS = (2, 3)
SEED = 20240601


@cache
def _projection(dim: int) -> Any:
    """The fixed sparse random projection matrix (N_FEATURES × dim), the same in every process."""
    import numpy as np
    import scipy.sparse as sp

    rng = np.random.default_rng(SEED + dim)
    density = 1 / np.sqrt(N_FEATURES)
    nnz = int(N_FEATURES * dim * density)
    rows = rng.integers(0, N_FEATURES, nnz)
    cols = rng.integers(0, dim, nnz)
    vals = rng.choice(np.array([-1.0, 1.0]), nnz)
    return sp.csr_matrix((vals, (rows, cols)), shape=(N_FEATURES, dim))


def _ngram_features(text: str) -> np.ndarray:
    """Hashed character 2- and 3-grams of a text without whitespace (numpy, no Python loop
    over characters: scikit-learn's HashingVectorizer builds every n-gram as a string)."""
    import numpy as np

    codes = np.frombuffer("".join(text.split()).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    parts = []
    with np.errstate(over="ignore"):
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            m = len(codes) - n + 1
            if m <= 0:
                continue
            h = np.full(m, np.uint64(n))
            for j in range(n):
                h = h * np.uint64(0x100000001B3) + codes[j : j + m]
            h ^= h >> np.uint64(29)
            h *= np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(32)
            parts.append(h % np.uint64(N_FEATURES))
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def counts(texts: Sequence[str]) -> Any:
    """Hashed character n-gram counts (sparse CSR, one row per text)."""
    import numpy as np
    import scipy.sparse as sp

    indptr, indices, data = [0], [], []
    for t in texts:
        feats, n = np.unique(_ngram_features(t), return_counts=True)
        indices.append(feats)
        data.append(n.astype(np.float64))
        indptr.append(indptr[-1] + len(feats))
    return sp.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, np.int64),
            np.asarray(indptr),
        ),
        shape=(len(texts), N_FEATURES),
    )


def doc_freq(texts: Sequence[str]) -> tuple[np.ndarray, int]:
    """Document frequency of every hashed feature in ``texts``, and how many texts."""
    import numpy as np

    x = counts(texts)
    x.data[:] = 1
    return np.asarray(x.sum(axis=0)).ravel().astype(np.int64), len(texts)


def idf(parts: Sequence[tuple[np.ndarray, int]]) -> np.ndarray:
    """Smoothed IDF (scikit-learn's formula) from partitions' document frequencies."""
    import numpy as np

    df = np.zeros(N_FEATURES, np.int64)
    for p in parts:  # one at a time: a stacked sum would hold every partition's counts twice
        df += p[0]
    n = sum(p[1] for p in parts)
    return np.log((1 + n) / (1 + df)) + 1.0


def embed(texts: Sequence[str], idf_vec: np.ndarray, dim: int = 256) -> np.ndarray:
    """Unit vectors of ``dim`` dimensions (float32), one per text."""
    import numpy as np
    import scipy.sparse as sp

    x = counts(texts).astype(np.float64)
    x.data = 1.0 + np.log(x.data)  # sublinear tf
    x = x @ sp.diags(idf_vec)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel()) + 1e-12
    x = sp.diags(1 / norms) @ x
    v = np.asarray((x @ _projection(dim)).todense())
    v /= np.linalg.norm(v, axis=1, keepdims=True) + 1e-12
    return v.astype(np.float32)


def block_top_k(block: np.ndarray, offset: int, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """For rows ``offset … offset+len(block)``: the indices and scores of their ``k`` nearest
    other rows (self excluded), best first; ties broken by index."""
    import numpy as np

    # float64 and rounded: a BLAS with another thread count sums in another order, and the
    # last bits must not decide a rank (results are the same on one machine or a cluster)
    scores = np.round(block.astype(np.float64) @ vectors.T.astype(np.float64), 9)
    rows = np.arange(len(block))
    scores[rows, offset + rows] = -np.inf
    k = min(k, vectors.shape[0] - 1)
    if k <= 0:
        return np.zeros((len(block), 0), dtype=np.int64), np.zeros((len(block), 0), dtype=np.float32)
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    top = np.take_along_axis(scores, part, axis=1)
    order = np.lexsort((part, -top), axis=1)
    idx = np.take_along_axis(part, order, axis=1)
    return idx, np.take_along_axis(top, order, axis=1)


#: Scores per block task (rows × n float64, and as many indices): 2**24 is 134 MB each, so a
#: task stays well under a worker's memory at 10⁶ reports (16 rows) as at 2,000 (1,024 rows).
BLOCK_SCORES = 2**24


def block_rows(n: int) -> int:
    """Rows per block for ``n`` reports: at most 1,024, and ``BLOCK_SCORES`` scores at most.

    >>> block_rows(2_000), block_rows(100_000), block_rows(1_000_000)
    (1024, 167, 16)
    """
    return max(1, min(1024, BLOCK_SCORES // max(n, 1)))


#: Reports vectorized per task: the hashed counts of a chunk take about 0.25 MB per report,
#: and a few copies of them are alive while the TF-IDF weights are applied.
CHUNK = 500


def top_k(
    texts: Sequence[str],
    ids: Sequence[str],
    k: int = 10,
    *,
    dim: int = 256,
    block: int | None = None,
    partitions: int | None = None,
    client: Client | None = None,
) -> pd.DataFrame:
    """The ``k`` most similar other reports of each report: a long DataFrame
    (report_id, rank, other, similarity). With ``client`` the vectorizing and the blocks run as
    Dask tasks; the result is the same."""
    import numpy as np

    texts, ids = list(texts), list(ids)
    n = len(texts)
    size = max(1, -(-n // (partitions or max(1, -(-n // CHUNK)))))
    chunks = [texts[i : i + size] for i in range(0, n, size)]
    if client is None or n == 0:
        idf_vec = idf([doc_freq(c) for c in chunks])
        vectors = np.vstack([embed(c, idf_vec, dim) for c in chunks]) if chunks else np.zeros((0, dim))
        return _neighbours(vectors, ids, k, block, None)
    chunk_f = client.scatter(chunks)
    futs = client.map(doc_freq, chunk_f, pure=False)
    idf_f = client.submit(idf, futs, pure=False)
    vec_f = client.map(embed, chunk_f, idf_vec=idf_f, dim=dim, pure=False)
    return _neighbours(np.vstack(client.gather(vec_f)), ids, k, block, client)


def _file_texts(root: str, files: list[str]) -> list[str]:
    from .dataset import read_reports

    return [r.text or "" for r in read_reports(root, files)]


def _file_doc_freq(root: str, files: list[str]) -> tuple[np.ndarray, int]:
    return doc_freq(_file_texts(root, files))


def _file_embed(root: str, files: list[str], idf_vec: np.ndarray, dim: int) -> np.ndarray:
    return embed(_file_texts(root, files), idf_vec, dim)


def top_k_dataset(
    root: str | Path, client: Client, k: int = 10, *, dim: int = 256, block: int | None = None
) -> pd.DataFrame:
    """:func:`top_k` of the reports of a Parquet dataset (written with text), in the dataset's
    order (:func:`fzanalyzer.scale.dataset.read_reports` over its sorted files); the tasks read
    the texts from the dataset's files, the client reads the report ids only."""
    from .dataset import open_table, table_files

    files = table_files(root, "reports")
    groups: list[list[str]] = [[]]
    ids: list[str] = []
    count = 0
    for f in files:
        data = open_table(root, "reports", [f])
        got = [] if data is None else data.to_table(columns=["id"]).column(0).to_pylist()
        if count and count + len(got) > CHUNK:  # consecutive files of about CHUNK reports per task
            groups.append([])
            count = 0
        groups[-1].append(f)
        count += len(got)
        ids.extend(got)
    futs = client.map(_file_doc_freq, [str(root)] * len(groups), groups, pure=False)
    idf_f = client.submit(idf, futs, pure=False)
    vec_f = client.map(_file_embed, [str(root)] * len(groups), groups, idf_vec=idf_f, dim=dim, pure=False)
    import numpy as np

    return _neighbours(np.vstack(client.gather(vec_f)), ids, k, block, client)


def _neighbours(
    vectors: np.ndarray, ids: list[str], k: int, block: int | None, client: Client | None
) -> pd.DataFrame:
    """The long table of each row's ``k`` nearest rows, by blocks of ``block`` rows (Dask tasks with ``client``)."""
    import numpy as np
    import pandas as pd

    n = len(ids)
    if n == 0:
        return pd.DataFrame(columns=["report_id", "rank", "other", "similarity"])
    block = block or block_rows(n)
    if client is None:
        results = [block_top_k(vectors[i : i + block], i, vectors, k) for i in range(0, n, block)]
    else:
        [shared] = client.scatter([vectors], broadcast=True)
        blocks = client.map(
            block_top_k,
            [vectors[i : i + block] for i in range(0, n, block)],
            list(range(0, n, block)),
            vectors=shared,
            k=k,
            pure=False,
        )
        results = client.gather(blocks)
    idx = np.vstack([r[0] for r in results])
    sim = np.vstack([r[1] for r in results])
    kk = idx.shape[1]
    return pd.DataFrame(
        {
            "report_id": np.repeat(np.asarray(ids, dtype=object), kk),
            "rank": np.tile(np.arange(1, kk + 1), n),
            "other": np.asarray(ids, dtype=object)[idx.ravel()],
            "similarity": sim.ravel().astype(float),
        }
    )
