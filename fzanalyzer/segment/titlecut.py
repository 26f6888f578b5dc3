"""Where a heading glued to its body ends: ``（二）健全依法决策机制严格落实…`` → ``健全依法决策机制``.

Web copies flattened to one line, with the spaces removed, run a heading straight into its
body. A heading names an area of work (a verb and its object: 健全 + 依法决策机制), its body
opens a new clause (严格落实… / 将… / 全年… / 区政府…). Each word boundary 4–32 characters in
is scored by a linear model over the words on both sides (jieba words and part-of-speech tags),
the characters at the boundary and the title length; the best boundary wins.

The model is a logistic regression fitted on the headings and body first sentences of the
topic training data (``data/topics/train.tsv``: each heading glued to its first sentence is one
example, its true end the positive boundary, every other boundary a negative). It is stored as
plain JSON (feature → weight) in ``models/segment/`` so that prediction needs neither
scikit-learn nor the version that wrote it; :func:`fit_title_cut` rebuilds it (5-fold CV on the
training rows: the first 12 characters of the title right in 0.85 of headings, 0.38 with the
paragraph-opening cue words alone).

>>> title_cut("健全依法决策机制严格落实重大行政决策程序")
8
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import package_path

MODEL_NAME = "title_cut.json"
MIN_TITLE = 4
MAX_TITLE = 32
# Training headings are short (most 8–11 characters), report headings often longer: a cut
# before LONG characters is taken only if it is LONG_PRIOR times as likely as all the longer
# ones together (chosen on the glued layouts of the development reports: 4, 8, 16, 32, 100).
LONG = 12
LONG_PRIOR = 16.0
COMMA_WITHIN = 14  # a comma this close to the marker is inside a two-clause title
_C = 3.0  # inverse regularization, chosen by 5-fold CV on the training rows (1, 3, 10, 30)


def model_path() -> Path:
    return package_path("models", "segment", MODEL_NAME)


@cache
def _pseg() -> Any:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    return pseg


def _words(s: str) -> list[tuple[str, str]]:
    return [(w.word, w.flag) for w in _pseg().cut(s)]


def features(glued: str, k: int, left: tuple[str, str], right: tuple[str, str]) -> list[str]:
    """The features of cutting ``glued`` at ``k``, between the words ``left`` and ``right``."""
    return [
        "lw=" + left[0],
        "rw=" + right[0],
        "lp=" + left[1],
        "rp=" + right[1],
        "lc=" + glued[k - 1],
        "rc=" + glued[k],
        "rc2=" + glued[k : k + 2],
        "lc2=" + glued[k - 2 : k],
        "lprp=" + left[1][:1] + right[1][:1],
        f"len={min(k, 24) // 2}",
        f"in_title={glued[k : k + 2] in glued[:k]}",
        _parallel(glued, k),
    ]


def _parallel(glued: str, k: int) -> str:
    """Two-clause titles are parallel (加强制度建设，提升依法决策水平): the length of the clause
    after the comma minus the one before it."""
    c = max(glued.rfind(",", 0, k), glued.rfind("，", 0, k))
    if c < 0:
        return "par=none"
    return f"par={max(-6, min(6, (k - c - 1) - c))}"


def candidates(glued: str) -> list[tuple[int, list[str]]]:
    """Word boundaries ``MIN_TITLE``–``MAX_TITLE`` characters in, with their features."""
    words = _words(glued[: MAX_TITLE + 8])
    out = []
    pos = 0
    for i, w in enumerate(words[:-1]):
        pos += len(w[0])
        if MIN_TITLE <= pos <= MAX_TITLE:
            out.append((pos, features(glued, pos, w, words[i + 1])))
    return out


@cache
def _weights() -> tuple[dict[str, float], float]:
    data = json.loads(model_path().read_text(encoding="utf-8"))
    return data["weights"], float(data["intercept"])


def title_cut(glued: str, min_len: int = MIN_TITLE) -> int:
    """Length of the heading at the start of ``glued`` (a heading and its body with nothing
    between them); ``len(glued)`` if no boundary is in reach."""
    from .lexicon import simplified

    weights, bias = _weights()
    simple = simplified(glued)  # the words were learnt in simplified script
    if len(simple) == len(glued):
        glued = simple
    cands = [(k, f) for k, f in candidates(glued) if k >= min_len]
    c = min((i for i in (glued.find(","), glued.find("，")) if i >= 0), default=-1)
    if MIN_TITLE <= c <= COMMA_WITHIN:  # 加强制度建设，提升…: the title runs past its comma
        cands = [(k, f) for k, f in cands if k > c + 2] or cands
    scored = [(bias + sum(weights.get(f, 0.0) for f in feats), k) for k, feats in cands]
    if not scored:
        return len(glued)
    top = max(s for s, _ in scored)
    probs = [(math.exp(s - top), k) for s, k in scored]
    z = sum(p for p, _ in probs)
    long_ = [(p / z, k) for p, k in probs if k >= LONG]
    short = [(p / z, k) for p, k in probs if k < LONG]
    mass = sum(p for p, _ in long_)
    if short and max(short)[0] > LONG_PRIOR * mass:
        return max(short)[1]
    return max(long_)[1] if long_ else max(short)[1]


def training_examples(rows: list[tuple[str, str, str]]) -> tuple[list[list[str]], list[int]]:
    """Boundary features and labels from ``(topic, heading, first_sentence)`` rows."""
    xs: list[list[str]] = []
    ys: list[int] = []
    for _, heading, first in rows:
        h = re.sub(r"\s", "", unicodedata.normalize("NFKC", heading))
        body = unicodedata.normalize("NFKC", first).split("。")[0]
        if not body:
            continue
        for k, feats in candidates(h + body):
            xs.append(feats)
            ys.append(int(k == len(h)))
    return xs, ys


def fit_title_cut(path: str | Path | None = None, out: str | Path | None = None) -> dict[str, Any]:
    """Fit the boundary model on the topic training rows; write it as JSON to ``out`` if given
    (never into the installed package unless that path is named). Returns the model."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from .topics import load_training_data

    xs, ys = training_examples(load_training_data(path))
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in xs])
    clf = LogisticRegression(C=_C, max_iter=2000, class_weight="balanced").fit(x, ys)
    weights = {
        name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
    }
    model = {
        "_doc": "Heading/body boundary model of fzanalyzer.segment.titlecut (logistic regression weights).",
        "intercept": round(float(clf.intercept_[0]), 5),
        "weights": {k: v for k, v in sorted(weights.items()) if abs(v) >= 1e-4},
    }
    if out is not None:
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(model, ensure_ascii=False, indent=0), encoding="utf-8")
        _weights.cache_clear()
    return model
