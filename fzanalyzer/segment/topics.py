"""Topics of level-2 parts: a cue lexicon plus a small char n-gram classifier.

The lexicon (``data/topics/cues.json``) scores cue words in the heading (first clause double:
in 加强制度建设，提高依法决策水平 the first clause names the area) and in the body's first
sentence. The classifier — TF-IDF over character 1–3-grams and a multinomial logistic
regression, fitted on ``data/topics/train.tsv`` by ``fzanalyzer train-topics`` — is stored as
plain JSON (vocabulary, idf, coefficients) in ``models/topics/``, so prediction needs only numpy
and the file does not depend on the scikit-learn version that wrote it. The two are combined by
adding the lexicon's normalized score to the classifier's probabilities.

>>> classify_topics([("深化行政复议体制改革", "")])
['dispute_resolution']
"""

from __future__ import annotations

import csv
import importlib
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..model import TOPIC_LABELS
from ..resources import data_file, package_path
from .lexicon import simplified

MODEL_NAME = "topic_model.json"
LEXICON_WEIGHT = 0.35
_CLAUSE = re.compile(r"[,，;；、]")


def _data_path(*parts: str) -> Any:
    return data_file("topics", *parts)


def model_path() -> Path:
    return package_path("models", "topics", MODEL_NAME)


@cache
def cue_lexicon() -> dict[str, dict[str, float]]:
    d = json.loads(_data_path("cues.json").read_text(encoding="utf-8"))
    return {k: {w: float(x) for w, x in v.items()} for k, v in d.items() if not k.startswith("_")}


def load_training_data(path: str | Path | None = None) -> list[tuple[str, str, str]]:
    """``(topic, heading, first_sentence)`` rows of the annotated training file."""
    text = (
        Path(path).read_text(encoding="utf-8")
        if path
        else _data_path("train.tsv").read_text(encoding="utf-8")
    )
    rows = []
    for r in csv.DictReader(text.splitlines(), delimiter="\t"):
        if r.get("topic") in TOPIC_LABELS and r.get("heading"):
            rows.append((r["topic"], r["heading"], r.get("first_sentence") or ""))
    return rows


def lexicon_scores(heading: str, first_sentence: str = "") -> dict[str, float]:
    """Cue scores per topic: the strongest cue in the heading's first clause ×2, in its other
    clauses ×1, in the body's first sentence ×0.25."""
    heading = simplified(heading)
    first_sentence = simplified(first_sentence)
    clauses = _CLAUSE.split(heading, maxsplit=1)
    head1, rest = clauses[0], (clauses[1] if len(clauses) > 1 else "")
    scores = dict.fromkeys(TOPIC_LABELS, 0.0)
    for topic, cues in cue_lexicon().items():
        # per region the strongest cue counts, so nested cues (决策 / 依法决策) do not add up
        for region, factor in ((head1, 2.0), (rest, 1.0), (first_sentence, 0.25)):
            best = max((weight for w, weight in cues.items() if w in region), default=0.0)
            scores[topic] += factor * best
    return scores


def document(heading: str, first_sentence: str = "") -> str:
    """The classifier's input: the heading twice (it matters most) and the first sentence."""
    h = simplified(heading)
    return f"{h}。{h}。{simplified(first_sentence)[:120]}"


# -- the classifier -----------------------------------------------------------------------------------


@dataclass
class TopicClassifier:
    """Char n-gram TF-IDF + logistic regression (scikit-learn contract: ``fit`` sets ``*_``).

    >>> clf = TopicClassifier().fit(["加强执法", "行政复议", "执法监督", "调解纠纷"],
    ...                             ["enforcement", "dispute_resolution", "enforcement", "dispute_resolution"])
    >>> clf.predict(["规范执法"])
    ['enforcement']
    """

    ngram_range: tuple[int, int] = (1, 3)
    C: float = 8.0
    min_df: int = 2
    seed: int = 0
    classes_: list[str] = field(default_factory=list)
    vocabulary_: dict[str, int] = field(default_factory=dict)
    idf_: list[float] = field(default_factory=list)
    coef_: list[list[float]] = field(default_factory=list)
    intercept_: list[float] = field(default_factory=list)

    def _vectorizer(self) -> Any:
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(
            analyzer="char",
            ngram_range=self.ngram_range,
            sublinear_tf=True,
            min_df=self.min_df,
            lowercase=False,
        )

    def _estimator(self) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed)

    def fit(self, texts: list[str], labels: list[str]) -> TopicClassifier:
        vec = self._vectorizer()
        x = vec.fit_transform(texts)
        est = self._estimator().fit(x, labels)
        self.classes_ = [str(c) for c in est.classes_]
        self.vocabulary_ = {str(k): int(v) for k, v in vec.vocabulary_.items()}
        self.idf_ = [float(v) for v in vec.idf_]
        coef = est.coef_
        self.coef_ = [[round(float(v), 6) for v in row] for row in coef]
        self.intercept_ = [round(float(v), 6) for v in est.intercept_]
        return self

    def cross_validate(self, texts: list[str], labels: list[str], folds: int = 5) -> float:
        """Stratified k-fold accuracy (fixed seed)."""
        from sklearn.model_selection import StratifiedKFold, cross_val_score
        from sklearn.pipeline import make_pipeline

        cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.seed)
        pipe = make_pipeline(self._vectorizer(), self._estimator())
        return float(cross_val_score(pipe, texts, labels, cv=cv).mean())

    # prediction with plain Python/numpy, from the stored parameters
    def predict_proba(self, texts: list[str]) -> list[dict[str, float]]:
        import numpy as np

        lo, hi = self.ngram_range
        coef = np.asarray(self.coef_)
        icpt = np.asarray(self.intercept_)
        idf = self.idf_
        out = []
        for t in texts:
            counts: dict[int, int] = {}
            for n in range(lo, hi + 1):
                for i in range(len(t) - n + 1):
                    j = self.vocabulary_.get(t[i : i + n])
                    if j is not None:
                        counts[j] = counts.get(j, 0) + 1
            idx = np.fromiter(counts.keys(), dtype=int, count=len(counts))
            vals = np.array([(1 + math.log(c)) * idf[j] for j, c in counts.items()])
            norm = float(np.sqrt((vals**2).sum())) if len(vals) else 0.0
            z = icpt.copy()
            if norm > 0:
                z = z + coef[:, idx] @ (vals / norm)
            if coef.shape[0] == 1:  # binary case: one row of coefficients
                p1 = 1 / (1 + math.exp(-z[0]))
                out.append({self.classes_[0]: 1 - p1, self.classes_[1]: p1})
                continue
            z = z - z.max()
            p = np.exp(z)
            p = p / p.sum()
            out.append({c: float(v) for c, v in zip(self.classes_, p, strict=True)})
        return out

    def predict(self, texts: list[str]) -> list[str]:
        return [max(p, key=p.__getitem__) for p in self.predict_proba(texts)]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "char-ngram-tfidf+logreg",
            "ngram_range": list(self.ngram_range),
            "C": self.C,
            "min_df": self.min_df,
            "seed": self.seed,
            "classes": self.classes_,
            "vocabulary": self.vocabulary_,
            "idf": [round(v, 6) for v in self.idf_],
            "coef": self.coef_,
            "intercept": self.intercept_,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TopicClassifier:
        return cls(
            ngram_range=(int(d["ngram_range"][0]), int(d["ngram_range"][1])),
            C=float(d["C"]),
            min_df=int(d["min_df"]),
            seed=int(d["seed"]),
            classes_=list(d["classes"]),
            vocabulary_=dict(d["vocabulary"]),
            idf_=list(d["idf"]),
            coef_=list(d["coef"]),
            intercept_=list(d["intercept"]),
        )


@cache
def load_model() -> TopicClassifier | None:
    """The shipped classifier, or ``None`` when it has not been built (lexicon only then)."""
    path = model_path()
    if not path.exists():
        return None
    return TopicClassifier.from_json(json.loads(path.read_text(encoding="utf-8")))


def train(
    out: str | Path, data: str | Path | None = None, seed: int = 0, folds: int = 5
) -> tuple[TopicClassifier, float, Path]:
    """Fit the classifier on the training file, report k-fold accuracy, write the model JSON to
    ``out`` (the installed package's model is replaced only if that is the path named)."""
    # load scikit-learn's BLAS before limiting the thread pools (limits apply to loaded libraries)
    importlib.import_module("sklearn.linear_model")
    importlib.import_module("sklearn.model_selection")
    from threadpoolctl import threadpool_limits

    rows = load_training_data(data)
    texts = [document(h, s) for _, h, s in rows]
    labels = [t for t, _, _ in rows]
    clf = TopicClassifier(seed=seed)
    # one BLAS thread: the problem is tiny, and oversubscribed threads make it 10x slower
    with threadpool_limits(1):
        acc = clf.cross_validate(texts, labels, folds=folds)
        clf.fit(texts, labels)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(clf.to_json(), ensure_ascii=False, sort_keys=True), encoding="utf-8")
    load_model.cache_clear()
    return clf, acc, path


def classify_topics(items: list[tuple[str, str]]) -> list[str]:
    """Topic of each ``(heading, first_sentence)``: classifier probabilities + lexicon."""
    if len(set(items)) < len(items):  # each distinct heading once (a run of 5,000 一、 is one)
        topic = dict(zip(dict.fromkeys(items), classify_topics(list(dict.fromkeys(items))), strict=True))
        return [topic[item] for item in items]
    model = load_model()
    probs = model.predict_proba([document(h, s) for h, s in items]) if model else [{} for _ in items]
    out = []
    for (h, s), p in zip(items, probs, strict=True):
        lex = lexicon_scores(h, s)
        total = sum(lex.values())
        combined = {}
        for t in TOPIC_LABELS:
            combined[t] = p.get(t, 0.0) + LEXICON_WEIGHT * (lex[t] / total if total else 0.0)
        best = max(combined, key=combined.__getitem__)
        out.append(best if combined[best] > 0 else "other")
    return out
