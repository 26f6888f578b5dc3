"""Wording shifts between years (log-odds with an informative Dirichlet prior) and KWIC."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

import fzanalyzer
from fzanalyzer.compare.wording import kwic, log_odds, shifts_by_year, terms, wording_shifts
from fzanalyzer.model import Meta, Report

from conftest import DEV

PLANTED = "数字法治驾驶舱"


def _report(rid: str, text: str, issuer: str, year: int) -> Report:
    return Report(
        id=rid,
        source="",
        sha256="",
        format="txt",
        text=unicodedata.normalize("NFKC", text),
        meta=Meta(issuer=issuer, year_covered=year),
    )


@pytest.fixture(scope="module")
def planted_pair():
    """Year 1 is a real report; year 2 is the same report with a new slogan mentioned in six
    paragraphs and every mention of 政务公开 removed."""
    base = (DEV / "tangxi-2021.txt").read_text(encoding="utf-8")
    assert base.count("政务公开") >= 3
    pars = base.split("\n")
    long_pars = [i for i, p in enumerate(pars) if len(p) > 120][:6]
    for i in long_pars:
        pars[i] = pars[i] + f"建成“{PLANTED}”，依托{PLANTED}开展监督。"
    year2 = "\n".join(pars).replace("政务公开", "信息发布")
    return [_report("x-2021", base, "X区人民政府", 2021), _report("x-2022", year2, "X区人民政府", 2022)]


def test_planted_term_rises(planted_pair):
    df = wording_shifts(planted_pair, top=None)
    row = df[df["term"] == PLANTED]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["change"] == "appeared"
    assert row["count_from"] == 0 and row["count_to"] == 12
    assert row["z"] > 1.96 and row["significant"]
    # Among the top rising terms of the pair.
    rising = df[df["z"] > 0].sort_values("z", ascending=False)
    assert PLANTED in set(rising["term"].head(5))


def test_removed_term_vanishes(planted_pair):
    df = wording_shifts(planted_pair, top=None)
    row = df[df["term"] == "政务公开"].iloc[0]
    assert row["change"] == "vanished"
    assert row["z"] < 0 and row["count_to"] == 0


def test_unchanged_text_has_no_significant_shift():
    base = (DEV / "tangxi-2020.txt").read_text(encoding="utf-8")
    rs = [_report("y-2020", base, "Y", 2020), _report("y-2021", base, "Y", 2021)]
    df = wording_shifts(rs, top=None)
    assert not df["significant"].any()
    assert (df["z"].abs() < 1e-9).all()


def test_log_odds_is_not_raw_counts():
    """A frequent term with a small relative change scores below a rarer term that doubles."""
    later = Counter({"改革": 110, "备案": 20, "其他": 1000})
    earlier = Counter({"改革": 100, "备案": 10, "其他": 1000})
    z = log_odds(later, earlier).set_index("term")["z"]
    assert z["备案"] > z["改革"] > 0
    # Symmetric: swapping the samples flips the sign.
    z2 = log_odds(earlier, later).set_index("term")["z"]
    assert z2["备案"] == pytest.approx(-z["备案"])


def test_terms_join_slogans():
    c = terms("深化“一网通办”改革，推行“双随机、一公开”监管，推进一网通办。")
    assert c["一网通办"] == 2
    assert c["双随机、一公开"] == 1
    assert "的" not in c and "2021" not in c


def test_dev_set_shifts():
    reports = [fzanalyzer.load(p, analyze=False) for p in sorted(DEV.glob("*.txt"))]
    df = wording_shifts(reports)
    pairs = set(zip(df["from_id"], df["to_id"], strict=True))
    assert pairs == {
        ("tangxi-2020", "tangxi-2021"),
        ("tangxi-2021", "tangxi-2022"),
        ("chengchuan-2021", "chengchuan-2022"),
    }
    # 党的二十大 (October 2022) enters the 2022 reports.
    t22 = df[(df["to_id"] == "tangxi-2022") & (df["z"] > 0)]
    assert "二十大" in set(t22["term"])
    by_year = shifts_by_year(reports)
    assert set(by_year["year_from"]) == {2020, 2021}
    assert {"docs_from", "docs_to"} <= set(by_year.columns)


def test_kwic_offsets():
    reports = [fzanalyzer.load(p, analyze=False) for p in sorted(DEV.glob("tangxi-*.txt"))]
    df = kwic(reports, "一网通办", width=15)
    assert len(df) == sum(r.text.count("一网通办") for r in reports) > 0
    by_id = {r.id: r for r in reports}
    for row in df.itertuples():
        text = by_id[row.report_id].text
        assert text[row.start : row.end] == row.term == "一网通办"
        assert text[row.start - len(row.left) : row.start] == row.left
        assert text[row.end : row.end + len(row.right)] == row.right
        assert len(row.left) <= 15 and len(row.right) <= 15
    assert kwic(reports, "不存在的词语").empty
    assert len(kwic(reports, "(")) == sum(r.text.count("(") for r in reports)  # literal, not a regex


def test_term_frequency(planted_pair):
    from fzanalyzer.compare.wording import term_frequency

    df = term_frequency(planted_pair, [PLANTED, "政务公开"]).set_index(["report_id", "term"])
    assert df.loc[("x-2021", PLANTED), "count"] == 0
    assert df.loc[("x-2022", PLANTED), "count"] == 12
    assert df.loc[("x-2022", "政务公开"), "count"] == 0
    assert df.loc[("x-2021", "政务公开"), "per_10k"] > 0
