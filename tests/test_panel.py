"""The indicator panel links recurring indicators across years and never across units."""

from __future__ import annotations

from collections import defaultdict

import pytest

from fzanalyzer import Corpus, analyze_text
from fzanalyzer.compare.panel import panel, panel_wide
from fzanalyzer.evaluate.score import indicator_matches

from conftest import DEV, load_gold


@pytest.fixture(scope="module")
def tangxi() -> Corpus:
    return Corpus.from_files(sorted(DEV.glob("tangxi-*.txt")))


def test_recurring_indicators_of_three_years_share_one_key(tangxi):
    long = panel(tangxi)
    recurring = defaultdict(dict)
    for year in (2020, 2021, 2022):
        for g in load_gold(f"tangxi-{year}")["indicators"]:
            recurring[(g["name"], g["unit"], g.get("change"))][year] = g
    recurring = {k: v for k, v in recurring.items() if len(v) == 3}
    assert len(recurring) >= 15
    linked = 0
    for by_year in recurring.values():
        keys = set()
        for year, g in by_year.items():
            rows = long[(long["year"] == year) & (long["unit"] == g["unit"])]
            hit = [r for r in rows.to_dict("records") if indicator_matches(g, {**r, "sentence": r["text"]})]
            keys.update(r["key"] for r in hit[:1])
        linked += len(keys) == 1
    assert linked / len(recurring) >= 0.85


def test_two_names_in_one_report_are_never_one_indicator(tangxi):
    long = panel(tangxi)
    per_report = long.groupby(["report_id", "key", "unit", "kind"])["name"].nunique()
    assert (per_report == 1).all()


def test_a_percentage_is_never_joined_to_a_count():
    a = analyze_text(
        "关于2020年度法治政府建设情况的报告\n一、主要举措和成效\n全年共收到行政复议申请216件。",
        id="a",
    )
    b = analyze_text(
        "关于2021年度法治政府建设情况的报告\n一、主要举措和成效\n全年收到行政复议申请同比上升24.1%。",
        id="b",
    )
    for r in (a, b):
        r.meta.issuer = "某区人民政府"
    long = panel([a, b])
    assert set(long["unit"]) == {"件", "%"}
    assert set(long["kind"]) == {"level", "change"}
    wide = panel_wide(long)
    assert list(wide.columns) == [2020]  # the change is not a level of 2021
    assert wide.index.get_level_values("unit").tolist() == ["件"]


def test_links_are_recorded_for_auditing(tangxi):
    long = panel(tangxi)
    assert set(long["link"]) <= {"exact", "normalized", "similar"}
    similar = long[long["link"] == "similar"]
    assert (similar["similarity"] >= 0.6).all()
    assert long["primary"].any()
