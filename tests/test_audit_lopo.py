"""Leave one report pair out (``train-audit --leave-one-pair-out``): each development pair is
audited by a combiner that never saw it, calibrated on the other pairs' out-of-pair verdicts; the
pooled figure is the honest development figure of the follow-through audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from fzanalyzer.audit.combiner import gold_pairs, leave_one_pair_out, train

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def dev_pairs():
    return gold_pairs((DATA / "dev",))


def test_each_pair_is_judged_by_a_combiner_fitted_without_it(dev_pairs):
    seen: list[list[str]] = []

    def fit(enc, **kw):
        seen.append([gp.name for gp in kw["gold"]])
        return train(enc, **kw)

    names = [gp.name for gp in dev_pairs]
    assert len(names) == 3  # chengchuan 2021>2022, tangxi 2020>2021 and 2021>2022
    res = leave_one_pair_out(dev_pairs, fit=fit)
    assert [sorted(set(names) - set(s)) for s in seen] == [[n] for n in names]
    assert [row["pair"] for row in res["pairs"]] == names
    figs = res["figures"]
    assert sum(row["n"] for row in res["pairs"]) == sum(len(gp.plans) for gp in dev_pairs)
    # measured: accuracy 0.885, macro-F1 0.858, evidence 0.861, ECE 0.100 (each pair by a combiner that
    # never saw it, fitted on the cases and the two other pairs)
    assert figs["followthrough.status_acc"] >= 0.75
    assert figs["followthrough.status_macroF1"] >= 0.7
    assert figs["followthrough.evidence_hit"] >= 0.7
    assert 0.0 <= figs["followthrough.ECE"] <= 0.2


def test_cli_leave_one_pair_out_prints_the_pooled_figure_and_writes_nothing(tmp_path, capsys, monkeypatch):
    from fzanalyzer.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["train-audit", "--leave-one-pair-out", "--fit-on", str(DATA / "dev")]) == 0
    out = capsys.readouterr().out
    assert "tangxi-2020>tangxi-2021" in out and "pooled: status_acc=" in out
    assert list(tmp_path.iterdir()) == []
    assert main(["train-audit", "--leave-one-pair-out", "--fit-on", str(tmp_path / "empty")]) != 0


def test_leave_one_set_out_fits_each_set_without_any_of_its_pairs():
    pairs = gold_pairs((DATA / "dev",)) + gold_pairs((DATA / "audit-dev",))
    seen: list[set[str]] = []

    def fit(enc, **kw):
        seen.append({gp.group for gp in kw["gold"]})
        return train(enc, **kw)

    res = leave_one_pair_out(pairs, fit=fit, by_set=True)
    assert seen == [{"audit-dev"}, {"dev"}]  # one fit per set, never with a pair of the set it judges
    assert [row["set"] for row in res["sets"]] == ["dev", "audit-dev"]
    assert sum(row["n"] for row in res["sets"]) == sum(len(gp.plans) for gp in pairs)
    # measured: dev 0.885, audit-dev 0.885 (each set judged by a combiner fitted on the cases and the other)
    assert all(row["followthrough.status_acc"] >= 0.7 for row in res["sets"])
