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
