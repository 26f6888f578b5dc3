"""Batch extraction end to end: outputs per the contract, failures as rows, resumable store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from fzanalyzer.batch import find_inputs
from fzanalyzer.cli import main
from fzanalyzer.jobs import extract
from fzanalyzer.store import Store

from conftest import DEV, SEED


@pytest.fixture()
def batch_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEED, d / "jingan-2019.txt")
    shutil.copy(DEV / "tangxi-2021.txt", d / "tangxi-2021.txt")
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (d / "notes.md").write_text("not a report", encoding="utf-8")
    return d


def test_folder_walk_lists_non_report_files_instead_of_dropping_them(batch_dir):
    found = find_inputs([batch_dir])
    assert sorted(p.name for p in found.files) == [
        "empty.txt",
        "jingan-2019.txt",
        "junk.pdf",
        "tangxi-2021.txt",
    ]
    assert [p.name for p in found.ignored] == ["notes.md"]


def test_extract_writes_contract_jsonl_and_lists_every_failure(batch_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = extract([batch_dir], output=str(out), workers=1, progress=False)
    assert summary.processed == 2
    assert sorted(f.code for f in summary.failures) == ["E003", "E010"]
    assert all(Path(f.source).name in f.message for f in summary.failures)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["jingan-2019", "tangxi-2021"]
    for r in rows:
        assert set(r) >= {
            "id",
            "source",
            "sha256",
            "format",
            "meta",
            "sections",
            "indicators",
            "plans",
            "text",
        }
        assert set(r["meta"]) >= {"title", "issuer", "region", "adcode", "region_inferred", "level"}
        assert set(r["meta"]) >= {"year_covered", "is_report", "warnings"}
        text = r["text"]
        for kind in ("sections", "indicators", "plans"):
            for item in r[kind]:
                assert 0 <= item["start"] <= item["end"] <= len(text)
        for item in r["indicators"] + r["plans"]:
            assert text[item["start"] : item["end"]] == item["text"]


def test_store_is_resumable_and_retries_failures(batch_dir, tmp_path):
    db = tmp_path / "fz.duckdb"
    first = extract([batch_dir], store=db, workers=1, progress=False)
    assert first.processed == 2 and len(first.failures) == 2
    again = extract([batch_dir], store=db, workers=1, progress=False)
    assert again.processed == 0 and again.skipped == 2 and len(again.failures) == 2
    (batch_dir / "empty.txt").write_text(
        (DEV / "chengchuan-2021.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    third = extract([batch_dir], store=db, workers=1, progress=False)
    assert third.processed == 1 and third.skipped == 2
    with Store(db, read_only=True) as st:
        counts = st.counts()
        failures = st.table("failures")
        reports = st.table("reports")
    assert counts["reports"] == 3
    assert list(failures["code"]) == ["E010"]  # the repaired file's failure row is gone
    assert set(reports["id"]) == {"jingan-2019", "tangxi-2021", "empty"}
    assert counts["sections"] > 0


def test_a_report_is_stored_whole_or_not_at_all(tmp_path):
    db = tmp_path / "fz.duckdb"
    good = {"id": "a", "source": "a.txt", "sha256": "1", "format": "txt", "text": "x", "meta": {}}
    bad = {**good, "id": "b", "sha256": "2", "sections": [{"id": "s1", "level": "not a number"}]}
    with Store(db) as st:
        st.add_report(good)
        with pytest.raises(Exception, match=r"(?i)conver|cast|int"):
            st.add_report(bad)
        assert st.counts()["reports"] == 1
        assert st.counts()["sections"] == 0


def test_parallel_run_gives_the_same_output_as_serial(batch_dir, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    extract([batch_dir], output=str(one), workers=1, progress=False)
    extract([batch_dir], output=str(two), workers=2, progress=False)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_cli_extract_exits_nonzero_on_failures_and_exports_tables(batch_dir, tmp_path, capsys):
    db = tmp_path / "fz.duckdb"
    rc = main(["extract", str(batch_dir), "--store", str(db), "--no-progress", "--workers", "1"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "E003" in err and "empty.txt" in err
    assert main(["export", str(db), "--output", str(tmp_path / "tables"), "--format", "parquet"]) == 0
    sections = pd.read_parquet(tmp_path / "tables" / "sections.parquet")
    assert set(sections["report_id"]) == {"jingan-2019", "tangxi-2021"}
    assert (
        main(["extract", str(batch_dir / "jingan-2019.txt"), "-f", "csv", "-o", str(tmp_path / "r.csv")]) == 0
    )
    assert pd.read_csv(tmp_path / "r.csv")["id"].tolist() == ["jingan-2019"]
    assert (tmp_path / "r.indicators.csv").exists()


def test_a_near_miss_document_gets_metadata_but_no_items(tmp_path):
    """News about a report being heard is not a report: its numbers must not enter the tables."""
    import fzanalyzer
    from fzanalyzer.pipeline import enrich

    news = tmp_path / "news.txt"
    news.write_text(
        "区人大常委会听取和审议区政府关于2020年度法治政府建设情况的报告\n"
        "3月28日，区十七届人大常委会第三十六次会议听取和审议了区政府关于2020年度法治政府建设情况的报告。"
        "报告指出，一、主要举措和成效。全年共办理行政复议案件216件。会议认为，区政府认真贯彻落实……\n",
        encoding="utf-8",
    )
    report = fzanalyzer.load(news)
    assert report.meta.is_report is False
    assert report.sections == [] and report.indicators == [] and report.plans == []
    assert any(w.startswith("W015") for w in report.meta.warnings)
    assert enrich(report).indicators  # on request the numbers are still there


def test_rerun_output_holds_every_report_asked_for(batch_dir, tmp_path):
    """Re-running the README's first command must not empty the output: the reports already
    stored are read back into it."""
    db, out = tmp_path / "fz.duckdb", tmp_path / "corpora.jsonl"
    first = extract([batch_dir], store=db, output=str(out), workers=1, progress=False)
    before = out.read_text(encoding="utf-8")
    again = extract([batch_dir], store=db, output=str(out), workers=1, progress=False)
    assert first.processed == 2 and again.processed == 0 and again.read_back == 2
    assert out.read_text(encoding="utf-8") == before
    assert [json.loads(line)["id"] for line in before.splitlines()] == ["jingan-2019", "tangxi-2021"]


def test_a_killed_run_leaves_the_previous_output_whole(batch_dir, tmp_path, monkeypatch):
    """Ctrl-C (or a crash) after the first report: the old output stays as it was, with no half
    line and no temporary file left beside it; the report finished before is in the store."""
    import fzanalyzer.jobs as jobs

    out, db = tmp_path / "out.jsonl", tmp_path / "fz.duckdb"
    out.write_text('{"id": "old"}\n', encoding="utf-8")
    real_run = jobs.run

    def interrupted(*args, **kwargs):
        for n, item in enumerate(real_run(*args, **kwargs)):
            if n == 2:
                raise KeyboardInterrupt
            yield item

    monkeypatch.setattr(jobs, "run", interrupted)
    with pytest.raises(KeyboardInterrupt):
        extract([batch_dir], store=db, output=str(out), workers=1, progress=False)
    assert out.read_text(encoding="utf-8") == '{"id": "old"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fz.duckdb", "in", "out.jsonl"]
    with Store(db, read_only=True) as st:
        assert st.counts()["reports"] == 1  # what finished was committed: the re-run resumes
    monkeypatch.setattr(jobs, "run", real_run)
    resumed = extract([batch_dir], store=db, output=str(out), workers=1, progress=False)
    assert (resumed.skipped, resumed.processed, len(resumed.failures)) == (1, 1, 2)
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "jingan-2019",
        "tangxi-2021",
    ]


def test_export_files_and_frames_share_the_schema_columns(batch_dir, tmp_path):
    """One naming everywhere: the store's export, extract's tables and the DataFrames."""
    from fzanalyzer import Corpus
    from fzanalyzer.schema import TABLES, columns

    db = tmp_path / "fz.duckdb"
    extract(
        [batch_dir], store=db, output=str(tmp_path / "x.parquet"), fmt="parquet", workers=1, progress=False
    )
    with Store(db, read_only=True) as st:
        st.export(tmp_path / "tables", "parquet")
    corpus = Corpus.from_store(db)
    for table in TABLES:
        from_store = list(pd.read_parquet(tmp_path / "tables" / f"{table}.parquet").columns)
        name = "x.parquet" if table == "reports" else f"x.{table}.parquet"
        from_extract = list(pd.read_parquet(tmp_path / name).columns)
        assert from_extract == columns(table, docvars=True)
        assert [c for c in from_store if c != "stored_at"] == columns(table, docvars=True)
    # which report is a copy of which (duplicate_of) is a column like any other
    assert list(corpus.reports.columns) == columns("reports", text=False)
    assert "duplicate_of" in columns("reports")
    assert list(corpus.failures_df.columns) == columns("failures")
    for table, extra in (("sections", ["text"]), ("indicators", ["section_title", "canonical", "topic"])):
        assert list(getattr(corpus, f"{table}_df").columns) == columns(table, docvars=True) + extra
    assert list(corpus.plans_df.columns) == columns("plans", docvars=True)


def test_a_store_of_another_schema_is_refused_with_the_fix(tmp_path):
    import duckdb

    from fzanalyzer.errors import StoreError

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE reports (id VARCHAR, level VARCHAR, year_covered INTEGER)")
    con.close()
    with pytest.raises(StoreError, match=r"E071.*new store"):
        Store(db)
    assert main(["export", str(db), "--output", str(tmp_path / "t")]) == 2
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SEED), "--store", str(db), "-o", str(out), "--no-progress"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.duckdb"]  # no output, no temporary file


def test_limits_reach_the_worker_processes(batch_dir, monkeypatch):
    """A limit raised or lowered by the caller holds in every worker, not only with one worker
    (workers are spawned and would import the limits afresh)."""
    from fzanalyzer import limits
    from fzanalyzer.batch import run

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    files = [batch_dir / "jingan-2019.txt", batch_dir / "tangxi-2021.txt"]
    for workers in (1, 2):
        codes = [res["failure"].code for _path, res in run(files, workers=workers)]
        assert codes == ["E005", "E005"], workers
