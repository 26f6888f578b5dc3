"""The same report twice (issue 12): a traditional-script copy, a repost on another site, the PDF
and the web page of one report are found as copies; two years of one government are not."""

from __future__ import annotations

import pytest

from fzanalyzer import Corpus, load
from fzanalyzer.bench.samples import render_html, render_pdf, render_traditional
from fzanalyzer.reuse.duplicates import containment, find_duplicates, shingles
from fzanalyzer.reuse.passages import find_reuse

from conftest import DEV


@pytest.fixture(scope="module")
def copies(tmp_path_factory, cjk_font):
    d = tmp_path_factory.mktemp("copies")
    text = (DEV / "tangxi-2021.txt").read_text(encoding="utf-8")
    (d / "tangxi-2021.txt").write_text(text, encoding="utf-8")
    (d / "tangxi-2021-trad.txt").write_text(render_traditional(text), encoding="utf-8")
    (d / "tangxi-2021-repost.html").write_bytes(render_html(text, "table", source="某政务新闻网"))
    render_pdf(text, d / "tangxi-2021-pdf.pdf")
    for year in (2020, 2022):
        (d / f"tangxi-{year}.txt").write_text(
            (DEV / f"tangxi-{year}.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return Corpus.from_files([d])


def test_every_copy_points_to_the_one_kept(copies):
    assert len(copies) == 6 and not copies.failures
    dup = copies.duplicates()
    assert set(dup) == {"tangxi-2021-trad", "tangxi-2021-repost", "tangxi-2021-pdf"}
    kept = set(dup.values())
    assert len(kept) == 1
    assert "tangxi-2021-trad" not in kept  # a simplified copy is kept over the traditional one


def test_years_of_one_government_are_not_copies(copies):
    by_id = {r.id: r for r in copies}
    a, b = shingles(by_id["tangxi-2020"].text), shingles(by_id["tangxi-2021"].text)
    assert containment(a, b) < 0.5
    assert find_duplicates([by_id["tangxi-2020"], by_id["tangxi-2021"], by_id["tangxi-2022"]]) == {}


def test_copies_stay_out_of_panel_audits_and_reuse(copies):
    kept = set(copies.duplicates().values())
    assert set(copies.panel()["report_id"]) == {"tangxi-2020", "tangxi-2022"} | kept
    assert {(a.id, b.id) for a, b in copies.consecutive_pairs()} == {
        ("tangxi-2020", next(iter(kept))),
        (next(iter(kept)), "tangxi-2022"),
    }
    # Without the filter the copies would be "reused" from themselves, whole.
    ids = {p.a for p in copies.reuse()} | {p.b for p in copies.reuse()}
    assert ids <= {"tangxi-2020", "tangxi-2022"} | kept
    every = find_reuse(list(copies))
    assert any({p.a, p.b} == {"tangxi-2021", "tangxi-2021-trad"} for p in every)


def test_reuse_command_leaves_copies_out(copies, tmp_path, capsys):
    from fzanalyzer.cli import main

    src = DEV / "tangxi-2021.txt"
    trad = tmp_path / "tangxi-2021-trad.txt"
    trad.write_text(render_traditional(src.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["reuse", str(src), str(trad), "-o", str(tmp_path / "r.json")]) == 0
    assert "tangxi-2021-trad: a copy of tangxi-2021" in capsys.readouterr().err
    assert '"pairs": []' in (tmp_path / "r.json").read_text(encoding="utf-8").replace("\n", "")
    assert load(trad).meta.year_covered == 2021


@pytest.fixture(scope="module")
def copies_store(tmp_path_factory):
    """A development report, its traditional-script copy and a repost on a news site, beside the
    previous year, extracted into a store and a JSON Lines file by the ``extract`` command."""
    from fzanalyzer.cli import main

    d = tmp_path_factory.mktemp("store-copies")
    src = d / "in"
    src.mkdir()
    text = (DEV / "tangxi-2021.txt").read_text(encoding="utf-8")
    (src / "tangxi-2021.txt").write_text(text, encoding="utf-8")
    (src / "tangxi-2021-trad.txt").write_text(render_traditional(text), encoding="utf-8")
    (src / "tangxi-2021-repost.html").write_bytes(render_html(text, "div", source="某政务新闻网"))
    (src / "tangxi-2020.txt").write_text(
        (DEV / "tangxi-2020.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    db, out = d / "fz.duckdb", d / "out.jsonl"
    assert main(["extract", str(src), "--store", str(db), "--output", str(out), "--no-progress"]) == 0
    return d, db, out


COPIES = {"tangxi-2021-trad": "tangxi-2021", "tangxi-2021-repost": "tangxi-2021"}


def test_duplicate_of_is_kept_by_the_store_the_output_and_the_exports(copies_store):
    import json

    import pandas as pd

    from fzanalyzer.cli import main

    d, db, out = copies_store
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"]: r["meta"]["duplicate_of"] for r in lines} == {
        **COPIES,
        "tangxi-2021": None,
        "tangxi-2020": None,
    }
    stored = {r.id: r.meta.duplicate_of for r in Corpus.from_store(db)}
    assert stored == {r["id"]: r["meta"]["duplicate_of"] for r in lines}
    assert main(["export", str(db), "--output", str(d / "tables"), "--format", "csv"]) == 0
    reports = pd.read_csv(d / "tables" / "reports.csv", encoding="utf-8-sig").set_index("id")
    assert reports["duplicate_of"].dropna().to_dict() == COPIES
    assert Corpus.from_store(db).reports.set_index("id")["duplicate_of"].dropna().to_dict() == COPIES


def test_every_command_leaves_copies_out_unless_asked(copies_store, capsys):
    import json

    import pandas as pd

    from fzanalyzer.cli import main

    d, db, _ = copies_store
    # panel
    assert main(["panel", str(db), "--format", "csv", "-o", str(d / "p.csv")]) == 0
    assert set(pd.read_csv(d / "p.csv", encoding="utf-8-sig")["report_id"]) == {"tangxi-2020", "tangxi-2021"}
    assert main(["panel", str(db), "--include-duplicates", "--format", "csv", "-o", str(d / "all.csv")]) == 0
    assert set(pd.read_csv(d / "all.csv", encoding="utf-8-sig")["report_id"]) >= set(COPIES)
    # reuse
    capsys.readouterr()
    assert main(["reuse", str(db), "-o", str(d / "r.json")]) == 0
    err = capsys.readouterr().err
    assert all(f"{c}: a copy of tangxi-2021" in err for c in COPIES)
    ids = {p[k] for p in json.loads((d / "r.json").read_text(encoding="utf-8"))["pairs"] for k in ("a", "b")}
    assert not ids & set(COPIES)
    assert main(["reuse", str(db), "--include-duplicates", "-o", str(d / "r-all.json")]) == 0
    pairs = json.loads((d / "r-all.json").read_text(encoding="utf-8"))["pairs"]
    assert any({p["a"], p["b"]} == {"tangxi-2021", "tangxi-2021-trad"} for p in pairs)
    # audit --corpus
    capsys.readouterr()
    assert main(["audit", "--corpus", str(db), "-o", str(d / "audit")]) == 0
    err = capsys.readouterr().err
    assert all(f"{c}: a copy of tangxi-2021" in err for c in COPIES)
    audits = json.loads((d / "audit" / "audits.json").read_text(encoding="utf-8"))["audits"]
    assert [(a["prev"], a["next"]) for a in audits] == [("tangxi-2020", "tangxi-2021")]
    assert "3 reports" not in err and "2 reports" in err
    assert main(["audit", "--corpus", str(db), "--include-duplicates", "-o", str(d / "audit-all")]) == 0
    assert "4 reports" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_extract_records_copies_in_every_output_format(tmp_path, fmt):
    import json

    import pandas as pd

    from fzanalyzer.jobs import extract

    src = tmp_path / "in"
    src.mkdir()
    text = (DEV / "tangxi-2021.txt").read_text(encoding="utf-8")
    (src / "tangxi-2021.txt").write_text(text, encoding="utf-8")
    (src / "tangxi-2021-trad.txt").write_text(render_traditional(text), encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    summary = extract([src], output=str(out), fmt=fmt, workers=1, progress=False)
    assert summary.copies == {"tangxi-2021-trad": "tangxi-2021"}
    if fmt == "json":
        got = {r["id"]: r["meta"]["duplicate_of"] for r in json.loads(out.read_text(encoding="utf-8"))}
    else:
        df = pd.read_csv(out, encoding="utf-8-sig")
        got = {
            i: (d if isinstance(d, str) else None) for i, d in zip(df["id"], df["duplicate_of"], strict=True)
        }
    assert got == {"tangxi-2021-trad": "tangxi-2021", "tangxi-2021": None}


def test_the_lsh_path_finds_the_copies_the_exact_path_finds(copies, monkeypatch):
    """Beyond a few reports MinHash LSH proposes the pairs; the answer must not change."""
    from fzanalyzer.reuse import duplicates

    exact = find_duplicates(list(copies))
    monkeypatch.setattr(duplicates, "EXACT_UP_TO", 0)
    assert find_duplicates(list(copies)) == exact
    assert len(exact) == 3


def test_the_same_text_twice_is_a_copy_without_comparing_shingles(copies):
    """Identical characters and digits are found before any comparison (a corpus of reposts saved
    as they are); the years still keep two reports of two years apart."""
    from dataclasses import replace

    by_id = {r.id: r for r in copies}
    a = by_id["tangxi-2021"]
    b = replace(a, id="tangxi-2021-saved-again", meta=replace(a.meta))
    c = replace(a, id="tangxi-2021-as-2022", meta=replace(a.meta, year_covered=2022))
    assert find_duplicates([a, b, c]) == {"tangxi-2021-saved-again": "tangxi-2021"}
