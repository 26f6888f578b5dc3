"""Golden indicator tables: the development set and the real report, scored as the evaluation
scores them (gold-format.md). Thresholds sit just below what the extractor achieves, so a
regression fails."""

from __future__ import annotations

import json
import unicodedata

import pytest

from fzanalyzer.evaluate.ablation import score_predicted
from fzanalyzer.evaluate.score import Tally
from fzanalyzer.extract.indicators import extract_indicators
from fzanalyzer.model import Meta
from fzanalyzer.spans import dice

from conftest import DEV, DEV_IDS, SEED

REPORTS = [*(DEV / f"{i}.txt" for i in DEV_IDS), SEED]


def _gold(path):
    gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
    return gold


def _score(path) -> Tally:
    gold = _gold(path)
    text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
    pred = extract_indicators(text, [], Meta(year_covered=gold.get("year_covered")), use_ner=False)
    for i in pred:
        assert text[i.start : i.end] == i.text
        assert text[i.sentence_start : i.sentence_end] == i.sentence
    return score_predicted(pred, gold["indicators"])


@pytest.fixture(scope="module")
def scores() -> dict[str, Tally]:
    return {p.stem: _score(p) for p in REPORTS}


@pytest.mark.parametrize("report", [p.stem for p in REPORTS])
def test_value_and_unit_f1_per_report(scores, report):
    assert scores[report].indicators.f1 >= 0.97, scores[report].indicators


def test_agreement_over_all_reports(scores):
    total = Tally()
    for s in scores.values():
        total.add(s)
    assert total.indicators.f1 >= 0.99
    assert total.ind_name.value >= 0.89
    assert total.ind_qualifier.value >= 0.98
    assert total.ind_period.value >= 0.97
    assert total.ind_change.value >= 0.97


def test_real_report_names(scores):
    assert scores["jingan-2019"].ind_name.value >= 0.86


def test_gold_texts_are_substrings_and_values_consistent():
    for p in REPORTS:
        raw = p.read_text(encoding="utf-8")
        for g in _gold(p)["indicators"]:
            assert g["text"] in raw
            assert g["unit"]


def test_full_pipeline_keeps_offsets_and_finds_the_gold(seed_path):
    from fzanalyzer import load

    report = load(seed_path)
    assert report.indicators
    for i in report.indicators:
        assert report.text[i.start : i.end] == i.text
        assert i.section is not None
    s = score_predicted(report.indicators, _gold(seed_path)["indicators"])
    assert s.indicators.f1 >= 0.97


def test_scorer_rules():
    gold = [
        {
            "text": "2.3万余件",
            "value": 23000,
            "unit": "件",
            "name": "办理公证事项",
            "qualifier": "余",
            "period": None,
        }
    ]
    pred = [
        {
            "text": "2.3万余件",
            "value": 23000.0000001,
            "unit": "件",
            "name": "办理各类公证事项",
            "qualifier": "余",
            "period": None,
            "sentence": "办理各类公证事项2.3万余件。",
        }
    ]
    s = score_predicted(pred, gold)
    assert (s.indicators.tp, s.indicators.n_pred, s.indicators.n_gold) == (1, 1, 1)
    assert (s.ind_name.hit, s.ind_qualifier.hit, s.ind_period.hit) == (1, 1, 1)
    pred[0]["unit"] = "万件"
    assert score_predicted(pred, gold).indicators.tp == 0
    assert dice("受众", "法治宣传活动受众") < 0.5
