"""How the combiner is learned (``FitSettings``): the settings that model selection
(``scripts/audit_model_selection.py``) compares by leaving one annotator set out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fzanalyzer.audit.combiner import DEFAULT, FitSettings, train
from fzanalyzer.audit.followthrough import candidates, judge
from fzanalyzer.model import Plan, Report

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def cache():
    return {}  # the cases' signals, computed once for every fit below (same hard negatives)


def test_an_ablated_signal_gets_no_weight_and_the_ranking_still_reads_it(cache):
    full = train(None, cache=cache)
    ablated = train(None, cache=cache, settings=FitSettings(ablate=("concrete", "taken")))
    w = dict(zip(ablated.match_features, ablated.match_coef, strict=True))
    assert w["concrete"] == 0.0 and w["taken"] == 0.0
    assert dict(zip(full.match_features, full.match_coef, strict=True))["concrete"] != 0.0
    assert ablated.info["settings"]["ablate"] == ("concrete", "taken")  # stored beside the coefficients
    assert full.info["settings"]["ablate"] == ()


def test_thresholds_fitted_inside_the_fold_come_from_the_grid(cache):
    comb = train(None, cache=cache, settings=FitSettings(stage_threshold=None, threshold=None))
    assert 0.3 <= comb.stage_threshold <= 0.7
    assert 0.02 <= comb.threshold <= 0.9
    fixed = train(None, cache=cache, settings=FitSettings(threshold=0.42))
    assert fixed.threshold == 0.42 and fixed.stage_threshold == DEFAULT.stage_threshold


def test_a_boosted_combiner_judges_like_the_stored_one_but_is_never_saved(cache, tmp_path):
    comb = train(None, cache=cache, settings=FitSettings(learner="hgb"))
    prev = Report(
        "a-2020", "", "", "txt", "x", plans=[Plan("P01", "筹建区行政复议委员会。", None, None, 0, 1)]
    )
    nxt = Report("a-2021", "", "", "txt", "区行政复议委员会于5月正式成立，首批聘请委员14名。")
    item = judge(list(prev.plans), candidates(nxt), comb, None)[0]
    assert item.status in ("fulfilled", "progressed")
    with pytest.raises(TypeError):
        comb.save(tmp_path / "hgb.json")


def test_model_selection_refuses_a_held_out_folder():
    script = ROOT / "scripts" / "audit_model_selection.py"
    r = subprocess.run(
        [sys.executable, str(script), str(ROOT / "tests/data/dev"), str(ROOT / "tests/data/audit-holdout")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    assert r.returncode == 2 and "held-out" in r.stderr
