"""How alike reports are: report×report and part×part matrices, and nearest neighbours.

The default representation is character n-gram TF-IDF (scikit-learn): Chinese has no word
spaces, and character 2–4-grams capture both words and set phrases without a segmenter. Any
object with ``encode(list[str]) -> np.ndarray`` (see :mod:`fzanalyzer.audit.encoders`) can be
passed as ``encoder`` for a semantic comparison instead; long texts are then encoded paragraph by
paragraph and averaged, since sentence encoders read a few hundred characters at most.

>>> from fzanalyzer.model import Report, Meta
>>> rs = [Report(id=i, source="", sha256="", format="txt", text=t) for i, t in
...       [("a", "推进依法行政，建设法治政府。"), ("b", "推进依法行政，建设法治政府！"), ("c", "全年收案十二件。")]]
>>> m = similarity_matrix(rs)
>>> bool(m.loc["a", "b"] > m.loc["a", "c"]), float(round(m.loc["a", "a"], 6))
(True, 1.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..model import Report

_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub("", text)


def part_text(report: Report, part: str | None) -> str:
    """The report's text, or the text of its level-1 sections labelled ``part`` (joined)."""
    if part is None:
        return report.text
    return "\n".join(report.text[s.start : s.end] for s in report.part(part))


def _tfidf(texts: list[str], ngram_range: tuple[int, int], fit_on: list[str] | None = None) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True, dtype=np.float64)
    vec.fit([_squash(t) for t in (fit_on if fit_on is not None else texts)])
    return vec.transform([_squash(t) for t in texts])


def _chunks(text: str, size: int = 400) -> list[str]:
    """Paragraphs cut to at most ``size`` characters (what a sentence encoder reads)."""
    out = []
    for par in text.split("\n"):
        par = par.strip()
        for i in range(0, len(par), size):
            if par[i : i + size]:
                out.append(par[i : i + size])
    return out


def _encode_docs(texts: list[str], encoder: Any) -> np.ndarray:
    """One unit vector per text: the mean of its normalized chunk vectors."""
    import numpy as np

    chunks, owner = [], []
    for i, t in enumerate(texts):
        cs = _chunks(t) or [t or " "]
        chunks.extend(cs)
        owner.extend([i] * len(cs))
    vecs = np.asarray(encoder.encode(chunks), dtype=np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
    out = np.zeros((len(texts), vecs.shape[1]))
    np.add.at(out, np.asarray(owner), vecs)
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
    return out


def _vectors(texts: list[str], encoder: Any, ngram_range: tuple[int, int]) -> Any:
    if encoder is None:
        return _tfidf(texts, ngram_range)
    if not hasattr(encoder, "encode"):
        from ..errors import FzError

        raise FzError.from_code(
            "E090",
            detail=f"encoder {encoder!r} has no encode(list[str]) method; see fzanalyzer.audit.encoders",
        )
    return _encode_docs(texts, encoder)


def _cosine(x: Any) -> np.ndarray:
    import numpy as np
    from sklearn.metrics.pairwise import cosine_similarity

    return np.clip(cosine_similarity(x), -1.0, 1.0)


def similarity_matrix(
    reports: list[Report],
    *,
    part: str | None = None,
    encoder: Any = None,
    ngram_range: tuple[int, int] = (2, 4),
) -> pd.DataFrame:
    """Cosine similarity of every pair of reports (or of their ``part``, a canonical label such
    as ``"next_year_plan"``), as a DataFrame indexed and labelled by report id. Reports without
    that part are left out."""
    import pandas as pd

    reports = list(reports)
    texts = [(r.id, part_text(r, part)) for r in reports]
    texts = [(rid, t) for rid, t in texts if _squash(t)]
    ids = [rid for rid, _ in texts]
    if not texts:
        return pd.DataFrame(index=pd.Index([], name="report_id"), columns=pd.Index([], name="other"))
    sims = _cosine(_vectors([t for _, t in texts], encoder, ngram_range))
    return pd.DataFrame(sims, index=pd.Index(ids, name="report_id"), columns=pd.Index(ids, name="other"))


def part_similarity(
    reports: list[Report],
    parts: list[str] | None = None,
    *,
    encoder: Any = None,
    ngram_range: tuple[int, int] = (2, 4),
) -> dict[str, pd.DataFrame]:
    """One matrix per canonical part present in the reports (part×part of the same label)."""
    from ..model import CANONICAL_LABELS

    reports = list(reports)
    labels = parts or [
        lab
        for lab in CANONICAL_LABELS
        if any(s.level == 1 and s.canonical == lab for r in reports for s in r.sections)
    ]
    return {
        lab: similarity_matrix(reports, part=lab, encoder=encoder, ngram_range=ngram_range) for lab in labels
    }


def similarity_long(matrix: pd.DataFrame, reports: list[Report] | None = None) -> pd.DataFrame:
    """The upper triangle of a matrix as rows (a, b, similarity), with issuer and year of each
    side when ``reports`` are given — ready for plotting or a network."""
    import pandas as pd

    meta = {r.id: r for r in reports or []}
    ids = list(matrix.index)
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            row: dict[str, Any] = {"a": a, "b": b, "similarity": float(matrix.loc[a, b])}
            if meta:
                ra, rb = meta.get(a), meta.get(b)
                row.update(
                    a_issuer=ra.meta.issuer if ra else None,
                    b_issuer=rb.meta.issuer if rb else None,
                    a_year=ra.meta.year_covered if ra else None,
                    b_year=rb.meta.year_covered if rb else None,
                )
            rows.append(row)
    return pd.DataFrame(rows)


@dataclass
class _Passage:
    report_id: str
    start: int
    end: int
    text: str


def _passages(reports: list[Report], min_len: int = 10) -> list[_Passage]:
    out = []
    for r in reports:
        pos = 0
        for line in r.text.split("\n"):
            stripped = line.strip()
            if len(stripped) >= min_len:
                s = pos + line.index(stripped)
                out.append(_Passage(r.id, s, s + len(stripped), stripped))
            pos += len(line) + 1
    return out


def nearest(
    reports: list[Report],
    query: Report | str,
    k: int = 5,
    *,
    encoder: Any = None,
    ngram_range: tuple[int, int] = (2, 4),
) -> pd.DataFrame:
    """Nearest neighbours of a report, or of a passage.

    ``query`` is a :class:`Report` or the id of one of ``reports``: the ``k`` most similar other
    reports (``report_id, issuer, year, score``). Any other string is a passage: the ``k`` most
    similar paragraphs of the reports, with their offsets (``report_id, start, end, text,
    score``; ``text == report.text[start:end]``).
    """
    import numpy as np
    import pandas as pd

    from ..model import Report as _Report

    reports = list(reports)
    by_id = {r.id: r for r in reports}
    if isinstance(query, _Report) or (isinstance(query, str) and query in by_id):
        q = query if isinstance(query, _Report) else by_id[query]
        others = [r for r in reports if r.id != q.id]
        if not others:
            return pd.DataFrame(columns=["report_id", "issuer", "year", "score"])
        texts = [q.text] + [r.text for r in others]
        if encoder is None:
            x = _tfidf(texts, ngram_range)
            scores = (x[1:] @ x[0].T).toarray().ravel()
        else:
            v = _encode_docs(texts, encoder)
            scores = v[1:] @ v[0]
        order = np.argsort(-scores, kind="stable")[:k]
        return pd.DataFrame(
            [
                {
                    "report_id": others[i].id,
                    "issuer": others[i].meta.issuer,
                    "year": others[i].meta.year_covered,
                    "score": float(scores[i]),
                }
                for i in order
            ],
            columns=["report_id", "issuer", "year", "score"],
        )
    passages = _passages(reports)
    cols = ["report_id", "start", "end", "text", "score"]
    if not passages:
        return pd.DataFrame(columns=cols)
    if encoder is None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True, dtype=np.float64)
        x = vec.fit_transform([_squash(p.text) for p in passages])
        qv = vec.transform([_squash(str(query))])
        scores = (x @ qv.T).toarray().ravel()
    else:
        vecs = np.asarray(encoder.encode([p.text for p in passages] + [str(query)]), dtype=np.float64)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
        scores = vecs[:-1] @ vecs[-1]
    order = np.argsort(-scores, kind="stable")[:k]
    return pd.DataFrame(
        [
            {
                "report_id": passages[i].report_id,
                "start": passages[i].start,
                "end": passages[i].end,
                "text": passages[i].text,
                "score": float(scores[i]),
            }
            for i in order
        ],
        columns=cols,
    )
