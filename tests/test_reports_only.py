"""``extract --reports-only`` and ``report_confidence`` on real text: the near-miss set
(tests/data/nearmiss: reports of every level and the documents that share their vocabulary) and
the development reports (tests/data/dev)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fzanalyzer import Corpus
from fzanalyzer.cli import main
from fzanalyzer.pipeline import analyze_file

DATA = Path(__file__).parent / "data"
NEARMISS = DATA / "nearmiss"
EXPECTED = json.loads((NEARMISS / "expected.json").read_text(encoding="utf-8"))
PICK = ["county-anji-2021", "web-jinghai-2023", "news-hearing", "plan-fangan", "work-points"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name in PICK:
        shutil.copy(NEARMISS / f"{name}.txt", d)
    shutil.copy(DATA / "dev" / "tangxi-2021.txt", d)
    return d


def _ids(path: Path) -> list[str]:
    return sorted(json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines())


def test_reports_only_keeps_the_reports_and_says_how_many_were_left_out(folder, tmp_path, capsys):
    out = tmp_path / "r.jsonl"
    rc = main(["extract", str(folder), "--reports-only", "-o", str(out), "--no-progress", "--workers", "1"])
    assert rc == 0
    reports = sorted([n for n in PICK if EXPECTED[n]["is_report"]] + ["tangxi-2021"])
    assert _ids(out) == reports
    err = capsys.readouterr().err
    left = [n for n in PICK if not EXPECTED[n]["is_report"]]
    assert f"{len(left)} documents left out of the outputs" in err
    assert all(n in err for n in left)


def test_the_store_keeps_every_document_and_a_rerun_leaves_the_same_ones_out(folder, tmp_path, capsys):
    store, out = tmp_path / "fz.duckdb", tmp_path / "r.jsonl"
    args = ["extract", str(folder), "--reports-only", "--store", str(store), "-o", str(out), "--no-progress"]
    assert main([*args, "--workers", "1"]) == 0
    first = _ids(out)
    capsys.readouterr()
    assert main([*args, "--workers", "1"]) == 0  # resumed: everything read back from the store
    assert _ids(out) == first
    assert "3 documents left out" in capsys.readouterr().err
    reports = Corpus.from_store(store).reports
    assert len(reports) == len(PICK) + 1
    assert sorted(reports.query("is_report")["id"]) == first  # the user's filter, the same answer
    assert reports["report_confidence"].between(0, 1).all()


def test_report_confidence_is_probability_like_on_real_text():
    files = sorted(NEARMISS.glob("*.txt")) + sorted((DATA / "dev").glob("*.txt"))
    metas = {f.stem: analyze_file(f, analyze=False).meta for f in files}
    for name, m in metas.items():
        assert m.report_confidence is not None and 0.0 <= m.report_confidence <= 1.0
        assert m.is_report == (m.report_confidence >= 0.5), name
        if name in EXPECTED:
            assert m.is_report == EXPECTED[name]["is_report"], name
    # A near-miss named by its title is further from a report than one that only lacks the cues.
    assert metas["news-hearing"].report_confidence < metas["county-anji-2021"].report_confidence


def test_report_confidence_is_a_column_of_the_flat_tables(folder, tmp_path):
    out = tmp_path / "r.csv"
    assert main(["extract", str(folder), "-f", "csv", "-o", str(out), "--no-progress", "--workers", "1"]) == 0
    import pandas as pd

    reports = pd.read_csv(out, encoding="utf-8-sig")  # the reports table; sections etc. beside it
    assert {"is_report", "report_confidence"} <= set(reports.columns)
    assert (reports["report_confidence"] >= 0.5).tolist() == reports["is_report"].tolist()
