"""Similarity matrices and nearest neighbours on the development set."""

from __future__ import annotations

import numpy as np
import pytest

import fzanalyzer
from fzanalyzer.compare.similarity import nearest, part_similarity, similarity_long, similarity_matrix

from conftest import DEV, SEED


@pytest.fixture(scope="module")
def reports():
    paths = [*sorted(DEV.glob("*.txt")), SEED]
    return [fzanalyzer.load(p) for p in paths]


def test_matrix_is_labelled_symmetric(reports):
    m = similarity_matrix(reports)
    ids = [r.id for r in reports]
    assert list(m.index) == ids and list(m.columns) == ids
    assert np.allclose(m.values, m.values.T)
    assert np.allclose(np.diag(m.values), 1.0)
    # One government's consecutive years are closer than another government's report.
    assert m.loc["tangxi-2020", "tangxi-2021"] > m.loc["tangxi-2020", "chengchuan-2021"]
    assert m.loc["chengchuan-2021", "chengchuan-2022"] > m.loc["chengchuan-2021", "jingan-2019"]


def test_part_matrices(reports):
    parts = part_similarity(reports, ["next_year_plan", "shortcomings"])
    assert set(parts) == {"next_year_plan", "shortcomings"}
    for lab, m in parts.items():
        having = {r.id for r in reports if r.part(lab)}
        assert set(m.index) == having
        assert len(having) >= 5  # every dev report and the real one has these parts
    m = parts["shortcomings"]
    assert m.loc["tangxi-2021", "tangxi-2022"] > m.loc["tangxi-2021", "jingan-2019"]
    long = similarity_long(m, reports)
    n = len(m)
    assert len(long) == n * (n - 1) // 2
    assert {"a_issuer", "b_year"} <= set(long.columns)


def test_nearest_report(reports):
    nn = nearest(reports, "tangxi-2021", k=2)
    assert list(nn["report_id"]) in (["tangxi-2020", "tangxi-2022"], ["tangxi-2022", "tangxi-2020"])
    assert nn["score"].is_monotonic_decreasing
    same = nearest(reports, reports[0], k=3)
    assert reports[0].id not in set(same["report_id"])


def test_nearest_passage_has_offsets(reports):
    by_id = {r.id: r for r in reports}
    # tangxi-2020 only: 尊重并执行法院生效裁判 (dropped in 2021).
    q = "支持人民法院依法受理和审理行政案件，尊重并执行法院生效裁判"
    nn = nearest(reports, q, k=3)
    top = nn.iloc[0]
    assert top["report_id"] == "tangxi-2020"
    assert "尊重并执行法院生效裁判" in top["text"]
    for row in nn.itertuples():
        assert by_id[row.report_id].text[row.start : row.end] == row.text


class CharCountEncoder:
    """A stand-in semantic encoder: bag of characters (any object with ``encode`` works)."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        vocab = {c: i for i, c in enumerate(dict.fromkeys("法治政府行政执法复议诉讼案件服务公开审查监督"))}
        out = np.zeros((len(sentences), len(vocab) + 1))
        for row, s in enumerate(sentences):
            for c in s:
                out[row, vocab.get(c, len(vocab))] += 1
        return out


def test_encoder_backend(reports):
    m = similarity_matrix(reports, encoder=CharCountEncoder())
    assert np.allclose(np.diag(m.values), 1.0)
    assert m.shape == (len(reports), len(reports))
    nn = nearest(reports, "行政复议案件", k=2, encoder=CharCountEncoder())
    assert len(nn) == 2


def test_encoder_without_encode_is_refused(reports):
    from fzanalyzer.errors import FzError

    with pytest.raises(FzError):
        similarity_matrix(reports, encoder=object())
