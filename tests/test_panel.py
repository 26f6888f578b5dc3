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


def test_two_names_in_one_report_are_never_one_indicator_by_name(tangxi):
    """Rows the codebook does not cover are linked by name: two names in one report stay two."""
    long = panel(tangxi)
    named = long[long["link"] != "code"]
    assert len(named)
    per_report = named.groupby(["report_id", "key", "unit", "kind"])["name"].nunique()
    assert (per_report == 1).all()
    by_name = panel(tangxi, by="name")
    assert (by_name["link"] != "code").all()
    assert (by_name.groupby(["report_id", "key", "unit", "kind"])["name"].nunique() == 1).all()


def test_a_code_key_holds_one_measure_and_one_unit_kind(tangxi):
    from fzanalyzer.extract.codebook import entry, unit_kind

    long = panel(tangxi)
    coded = long[long["link"] == "code"]
    assert len(coded) / len(long) >= 0.8
    assert (coded["key"] == coded["code"]).all()
    for key, rows in coded.groupby("key"):
        kinds = {unit_kind(u) for u, k in zip(rows["unit"], rows["kind"], strict=True) if k == "level"}
        assert kinds <= {entry(key).unit_kind}, key
    # one primary value per (issuer, year, key, unit, kind), and the count of mentions beside it
    prim = long[long["primary"]]
    assert not prim.duplicated(["issuer", "year", "key", "unit", "kind"]).any()
    assert (long["n_mentions"] >= 1).all()


def test_targets_are_a_kind_of_their_own(tangxi):
    long = panel(tangxi, include_targets=True)
    targets = long[long["kind"] == "target"]
    assert len(targets) and (targets["canonical"] == "next_year_plan").all()
    assert not (panel(tangxi)["kind"] == "target").any()


def test_cross_issuer_table_flags_where_definitions_may_differ():
    from fzanalyzer.compare.panel import cross_issuer

    corpus = Corpus.from_files([*sorted(DEV.glob("*.txt")), DEV.parent / "seed" / "jingan-2019.txt"])
    long = panel(corpus)
    table = cross_issuer(long, "review.received")
    assert set(table["issuer"]) >= {"临澄市棠溪区人民政府", "上海市静安区人民政府"}
    jingan = table[table["issuer"] == "上海市静安区人民政府"].iloc[0]
    assert "period" in jingan["flags"]  # 2019年1-11月, not the whole year
    # 市政府受理的…14件 is an accepted count (review.accepted since fz.codebook.v3), not a second received one
    assert jingan["value"] == 187 and "several" not in jingan["flags"]
    accepted = cross_issuer(long, "review.accepted").set_index("issuer")
    assert accepted.at["上海市静安区人民政府", "value"] == 14
    rates = cross_issuer(long, "litigation.appearance_rate")
    assert len(rates) >= 4 and (rates["unit"] == "%").all()


def test_copies_of_one_report_are_left_out(tmp_path):
    from fzanalyzer.bench.samples import render_traditional

    src = DEV / "tangxi-2021.txt"
    text = src.read_text(encoding="utf-8")
    (tmp_path / "tangxi-2021.txt").write_text(text, encoding="utf-8")
    (tmp_path / "tangxi-2021-big5.txt").write_text(render_traditional(text), encoding="utf-8")
    corpus = Corpus.from_files([tmp_path])
    assert corpus.duplicates() == {"tangxi-2021-big5": "tangxi-2021"}
    assert corpus.reports.set_index("id")["duplicate_of"].to_dict()["tangxi-2021-big5"] == "tangxi-2021"
    assert set(corpus.panel()["report_id"]) == {"tangxi-2021"}
    assert set(corpus.panel(include_duplicates=True)["report_id"]) == {"tangxi-2021", "tangxi-2021-big5"}


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
    assert set(long["link"]) <= {"code", "exact", "normalized"}  # similarity links only when asked
    assert (long.loc[long["link"] == "code", "code_confidence"] >= 0.6).all()
    assert long["primary"].any()
    explored = panel(tangxi, by="name", min_similarity=0.6)
    similar = explored[explored["link"] == "similar"]
    assert len(similar) and (similar["similarity"] >= 0.6).all()


def _two_reports(first: dict[str, object], second: dict[str, object], issuers: tuple[str, str]):
    """Two short reports of consecutive years whose sentences differ only where asked."""
    t = (
        "关于{y}年度法治政府建设情况的报告\n一、主要举措和成效\n"
        "全年{a}执法人员{n}人次，{b}行政复议申请{m}件；涉及城市管理等领域事项{k}项。"
    )
    reports = [
        analyze_text(t.format(y=2020 + i, **words), id=f"r{i}") for i, words in enumerate((first, second))
    ]
    for r, issuer in zip(reports, issuers, strict=True):
        r.meta.issuer = issuer
    return reports


@pytest.mark.parametrize("by", ["code", "name"])
def test_names_that_differ_in_what_was_done_never_share_a_key(by):
    """培训执法人员 vs 出动执法人员, 受理 vs 不予受理行政复议申请: one character-bigram Dice of
    0.6–0.9 apart, two different measures. Whatever the keying, two names that stay different
    after normalization are two keys unless a codebook code says they are one measure."""
    reports = _two_reports(
        {"a": "培训", "n": 320, "b": "受理", "m": 40, "k": 126},
        {"a": "出动", "n": 510, "b": "不予受理", "m": 3, "k": 8},
        ("某区人民政府", "某区人民政府"),
    )
    long = panel(reports, by=by)
    by_name = long.set_index("name")["key"]
    assert by_name["培训执法人员"] != by_name["出动执法人员"]
    assert by_name["受理行政复议申请"] != by_name["不予受理行政复议申请"]
    _no_key_merges_two_names(long)


def _no_key_merges_two_names(long):
    from fzanalyzer.compare.panel import normalize_name

    named = long[long["link"] != "code"]
    norms = named.assign(norm=named["name"].map(normalize_name)).groupby("key")["norm"].nunique()
    assert (norms == 1).all(), norms[norms > 1]
    assert (named.groupby("key")["issuer"].nunique() == 1).all()


def test_a_name_never_joins_two_issuers():
    """涉及…领域事项: 126 enforcement powers handed to towns in one report, 8 major decisions in
    another. Without a code there is no definition to say two issuers count the same thing."""
    reports = _two_reports(
        {"a": "培训", "n": 320, "b": "受理", "m": 40, "k": 126},
        {"a": "培训", "n": 510, "b": "受理", "m": 3, "k": 8},
        ("甲区人民政府", "乙县人民政府"),
    )
    long = panel(reports)
    named = long[long["value"].isin([126, 8]) & long["code"].isna()]
    assert len(named) == 2 and named["name"].nunique() == 1 and named["key"].nunique() == 2
    name = named["name"].iloc[0]
    assert set(named["key"]) == {f"{name}@甲区人民政府", f"{name}@乙县人民政府"}
    coded = long[long["link"] == "code"]  # a code does join them
    assert coded.groupby("key")["issuer"].nunique().eq(2).all()


@pytest.mark.parametrize("by", ["code", "name"])
def test_no_name_key_merges_two_names_on_the_development_set(by):
    """出动执法人员 (the seed) vs 覆盖执法人员 (chengchuan-2022), 局党组会议 vs 区政府常务会议: the
    rule on the real wordings of the development set and the seed report (by name, similarity
    once put each pair on one key)."""
    corpus = Corpus.from_files([*sorted(DEV.glob("*.txt")), DEV.parent / "seed" / "jingan-2019.txt"])
    long = panel(corpus, by=by)
    _no_key_merges_two_names(long)
    if by == "name":
        keys = long.drop_duplicates("name").set_index("name")["key"]
        assert keys["出动执法人员"] != keys["覆盖执法人员"]


def test_cross_issuer_flags_a_wording_of_another_act():
    """新收 (newly received: cases carried over left out) is a narrower wording of the received count
    than 收到: the cross-issuer table says where an issuer's figure names another act or stage."""
    from fzanalyzer.compare.panel import cross_issuer

    reports = []  # three years: near-identical short texts of one year would be copies of one report
    for i, (issuer, verb, n) in enumerate(
        [("甲区人民政府", "收到", 216), ("乙区人民政府", "收到", 95), ("丙县人民政府", "新收", 132)]
    ):
        r = analyze_text(
            f"关于{2019 + i}年度法治政府建设情况的报告\n一、主要举措和成效\n全年{verb}行政复议申请{n}件。",
            id=f"r{i}",
        )
        r.meta.issuer = issuer
        reports.append(r)
    table = cross_issuer(panel(reports), "review.received").set_index("issuer")
    assert len(table) == 3
    assert "act" in table.at["丙县人民政府", "flags"]
    assert "act" not in table.at["甲区人民政府", "flags"] and "act" not in table.at["乙区人民政府", "flags"]


def test_a_topic_code_never_joins_two_issuers():
    """A topic code of the codebook's back-off layer (enforcement.other: 11个镇街综合行政执法队挂牌运行)
    says only which domain an indicator belongs to: it stays in the row, but the key is the name
    within its issuer, as for an uncoded indicator (fz.codebook.v4)."""
    from fzanalyzer.extract.codebook import joins_issuers

    corpus = Corpus.from_files(sorted(DEV.glob("*.txt")))
    long = panel(corpus)
    topical = long[long["code"].notna() & ~long["code"].map(joins_issuers)]
    assert "enforcement.other" in set(topical["code"])
    assert (topical["link"] != "code").all()
    assert all(k.endswith(f"@{i}") for k, i in zip(topical["key"], topical["issuer"], strict=True))
    assert not long["key"].isin(topical["code"]).any()
