"""Topic lexicon, classifier and the train-topics command."""

from __future__ import annotations

import json

from fzanalyzer.cli import main
from fzanalyzer.model import TOPIC_LABELS
from fzanalyzer.segment.topics import (
    TopicClassifier,
    classify_topics,
    document,
    lexicon_scores,
    load_model,
    load_training_data,
    model_path,
)


def test_training_data_covers_every_topic_and_avoids_measured_headings(gold):
    rows = load_training_data()
    assert len(rows) >= 200
    assert {t for t, _, _ in rows} == set(TOPIC_LABELS)
    measured = set()

    def walk(secs):
        for s in secs:
            measured.add(s["title"].replace("（", "(").replace("）", ")"))
            walk(s.get("children", []))

    from conftest import DEV_IDS

    for rid in [*DEV_IDS, "jingan-2019"]:
        walk(gold(rid)["sections"])
    assert not [h for _, h, _ in rows if h.replace("（", "(").replace("）", ")") in measured]


def test_lexicon_weighs_the_first_clause():
    s = lexicon_scores("加强制度建设，提高依法决策水平")
    assert s["rulemaking"] > s["decision_making"] > 0


def test_classifier_and_lexicon_on_unseen_headings():
    items = [
        ("持续深化行政复议体制改革", ""),
        ("扎实推进“八五”普法", "组织开展宪法宣传周活动。"),
        ("全力做好防汛救灾工作", "及时启动应急响应。"),
        ("建设“一网统管”智慧平台", ""),
        ("规范性文件备案审查全覆盖", ""),
        ("完善法律援助工作机制", ""),
    ]
    assert classify_topics(items) == [
        "dispute_resolution",
        "capacity_building",
        "emergency_response",
        "digital_government",
        "rulemaking",
        "other",
    ]


def test_traditional_script_headings():
    assert classify_topics([("推進嚴格規範公正文明執法", "")]) == ["enforcement"]


def test_shipped_model_matches_a_rebuild(tmp_path, capsys):
    """train-topics rebuilds the shipped model (fixed seed) and prints its CV accuracy. Weights are
    compared within a tolerance, never as bytes: another BLAS build moves the last digits."""
    out = tmp_path / "m.json"
    assert main(["train-topics", "--output", str(out)]) == 0
    msg = capsys.readouterr().out
    assert "cross-validated accuracy" in msg
    acc = float(msg.split("accuracy ")[1].split(";")[0])
    assert acc >= 0.8
    fitted = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(model_path().read_text(encoding="utf-8"))
    assert fitted.keys() == shipped.keys()
    assert _max_abs_diff(fitted, shipped) < 1e-3
    assert load_model() is not None


def test_train_topics_needs_an_output(capsys):
    assert main(["train-topics"]) == 2
    assert "--output" in capsys.readouterr().err


def _max_abs_diff(a, b) -> float:
    """Largest difference between two JSON trees of the same shape (numbers compared, the rest equal)."""
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        return max((_max_abs_diff(a[k], b[k]) for k in a), default=0.0)
    if isinstance(a, list):
        assert len(a) == len(b)
        return max((_max_abs_diff(x, y) for x, y in zip(a, b, strict=True)), default=0.0)
    if isinstance(a, int | float) and not isinstance(a, bool):
        return abs(float(a) - float(b))
    assert a == b
    return 0.0


def test_numpy_prediction_matches_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    rows = load_training_data()
    texts = [document(h, s) for _, h, s in rows]
    labels = [t for t, _, _ in rows]
    with threadpool_limits(1):
        clf = TopicClassifier().fit(texts, labels)
    vec = TfidfVectorizer(
        analyzer="char", ngram_range=(1, 3), sublinear_tf=True, lowercase=False, min_df=clf.min_df
    )
    with threadpool_limits(1):
        est = LogisticRegression(C=clf.C, max_iter=2000, random_state=0).fit(vec.fit_transform(texts), labels)
    probe = [document("深化综合行政执法改革", "整合执法队伍。"), document("全面推进政务公开", "")]
    ref = est.predict_proba(vec.transform(probe))
    ours = clf.predict_proba(probe)
    for row, p in zip(ref, ours, strict=True):
        for c, v in zip(est.classes_, row, strict=True):
            assert abs(p[c] - v) < 1e-4
