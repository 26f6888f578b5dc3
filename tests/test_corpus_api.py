"""The researcher's API: a corpus from a folder, a store or JSON Lines gives the same frames."""

from __future__ import annotations

import pytest

import fzanalyzer
from fzanalyzer import Corpus
from fzanalyzer.jobs import extract

from conftest import DEV, SEED


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.from_files([SEED, DEV])


def test_reports_frame_has_one_row_of_metadata_per_report(corpus):
    df = corpus.reports
    assert len(df) == len(corpus) == 6
    assert df.set_index("id").loc["jingan-2019", "adcode"] == "310106"
    assert df["year_covered"].tolist() == [r.meta.year_covered for r in corpus]
    assert corpus.failures_df.empty


def test_item_frames_carry_report_metadata_and_exact_offsets(corpus):
    ind = corpus.indicators_df
    assert {"report_id", "issuer", "year_covered", "gov_level", "canonical", "topic"} <= set(ind.columns)
    for rid, start, end, text in ind[["report_id", "start", "end", "text"]].itertuples(index=False):
        assert corpus[rid].text[start:end] == text
    sec = corpus.sections_df
    assert set(sec[sec["level"] == 1]["canonical"]) >= {"measures_and_results", "next_year_plan"}
    assert (corpus.plans_df.groupby("report_id").size() > 0).all()


def test_part_returns_the_plan_part(corpus):
    plan = corpus["tangxi-2021"].part("next_year_plan")
    assert plan and "主要安排" in plan[0].title


def test_store_and_jsonl_round_trip_give_the_same_corpus(corpus, tmp_path):
    db = tmp_path / "fz.duckdb"
    extract([SEED, DEV], store=db, workers=1, progress=False)
    from_store = Corpus.from_store(db)
    corpus.to_jsonl(tmp_path / "c.jsonl")
    from_jsonl = Corpus.from_jsonl(tmp_path / "c.jsonl")
    for other in (from_store, from_jsonl):
        assert sorted(r.id for r in other) == sorted(r.id for r in corpus)
        for r in corpus:
            o = other[r.id]
            assert o.text == r.text
            assert [(s.start, s.end, s.canonical) for s in o.sections] == [
                (s.start, s.end, s.canonical) for s in r.sections
            ]
            assert [(i.start, i.value, i.unit) for i in o.indicators] == [
                (i.start, i.value, i.unit) for i in r.indicators
            ]


def test_consecutive_pairs_are_same_issuer_next_year(corpus):
    pairs = {(a.id, b.id) for a, b in corpus.consecutive_pairs()}
    assert pairs == {
        ("tangxi-2020", "tangxi-2021"),
        ("tangxi-2021", "tangxi-2022"),
        ("chengchuan-2021", "chengchuan-2022"),
    }


def test_load_reads_a_single_file():
    report = fzanalyzer.load(SEED)
    assert report.id == "jingan-2019" and report.meta.year_covered == 2019
    assert report.sha256 and report.format == "txt"


def test_every_command_reads_inputs_the_same_way(dev_dir, tmp_path):
    """One reader (fzanalyzer.inputs.read_reports) for folders, .jsonl outputs and stores: the
    same reports whichever form they come in, failures as rows, a repeated id refused."""
    import pytest

    from fzanalyzer.errors import FzError
    from fzanalyzer.inputs import read_reports
    from fzanalyzer.jobs import extract

    out, db = tmp_path / "out.jsonl", tmp_path / "fz.duckdb"
    extract([dev_dir], output=str(out), store=db, workers=1, progress=False)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    from_files, failures = read_reports([dev_dir, tmp_path / "empty.txt"])
    assert [f.code for f in failures] == ["E003"]
    for other in ([out], [db]):
        reports, _ = read_reports(other)
        assert [r.to_dict() for r in reports] == [r.to_dict() for r in from_files]
    with pytest.raises(FzError, match="E090"):
        read_reports([out, db])
