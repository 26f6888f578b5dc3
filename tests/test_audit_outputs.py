"""Audit outputs: HTML page (escaping, filters in headless Chromium), Excel round trip, CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_audit_support import DEV, dev_report

from fzanalyzer.audit.followthrough import Audit, audit
from fzanalyzer.audit.report import REVIEW_COLUMN, highlight, read_review, render_html, write_xlsx
from fzanalyzer.model import STATUSES, AuditItem, Evidence

from conftest import require

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def tangxi_audit() -> Audit:
    return audit(dev_report("tangxi-2020"), dev_report("tangxi-2021"))


def _hostile_audit() -> Audit:
    bad = "<script>alert(1)</script>建立<b>台账</b>&amp;"
    item = AuditItem(
        plan_id="P01",
        plan_text=bad,
        topic="<img src=x onerror=alert(2)>",
        status="fulfilled",
        score=0.9,
        evidence=[
            Evidence(text="已" + bad, start=0, end=len(bad) + 1, section="s1", part="measures_and_results")
        ],
    )
    return Audit(prev="<x>", next="y", items=[item], issuer="<i>区</i>")


def test_html_escapes_report_text():
    html = render_html(_hostile_audit())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>台账</b>" not in html and "<i>区</i>" not in html
    # the page's own script is the only one, and nothing is loaded from outside
    assert html.count("<script>") == 1
    assert not re.search(r"(src|href)=\"?(https?:)?//", html)


def test_highlight_marks_shared_words_and_escapes():
    out = str(highlight("筹建区行政复议委员会", "区行政复议委员会于5月<成立>"))
    assert out.startswith("<mark>区行政复议委员会</mark>")
    assert "&lt;成立&gt;" in out


def test_html_has_summary_table_and_badges(tangxi_audit, tmp_path):
    html = render_html(tangxi_audit)
    rows = re.findall(r'<tr class="item" data-status="(\w+)"', html)
    assert len(rows) == len(tangxi_audit.items)
    counts = tangxi_audit.counts()
    for s in STATUSES:
        assert f'<td data-status="{s}">{counts[s]}</td>' in html
    assert "<mark>" in html


@pytest.mark.browser
def test_html_filter_in_headless_chromium(tangxi_audit, tmp_path):
    require(CHROMIUM is not None, "Chromium")
    page = tmp_path / "audit.html"
    page.write_text(render_html(tangxi_audit), encoding="utf-8")
    flags = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    dom = subprocess.run(
        [*flags, "--virtual-time-budget=2000", "--dump-dom", page.as_uri() + "#status=fulfilled"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    rows = re.findall(r'<tr class="(item(?: hidden)?)" data-status="(\w+)"', dom)
    assert len(rows) == len(tangxi_audit.items)
    visible = [s for cls, s in rows if cls == "item"]
    assert visible and set(visible) == {"fulfilled"}
    assert len(visible) == tangxi_audit.counts()["fulfilled"]
    assert f"显示 {len(visible)} / {len(rows)}" in dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "audit-tangxi-2020-2021.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1280,1600", "--virtual-time-budget=2000", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    assert shot.exists() and shot.stat().st_size > 10_000


def test_excel_round_trip_with_reviewer_verdicts(tangxi_audit, tmp_path):
    from openpyxl import load_workbook

    from fzanalyzer.audit.report import STATUS_LABELS

    path = write_xlsx(tangxi_audit, tmp_path / "audit.xlsx")
    wb = load_workbook(path)
    ws = wb["逐项审计"]
    header = [c.value for c in ws[1]]
    assert {"发文机关", "计划年度", "落实状态", "置信度", "需复核", "证据", "证据位置", REVIEW_COLUMN} <= set(
        header
    )
    assert ws.max_row == len(tangxi_audit.items) + 1
    assert all(ws.cell(r, header.index(REVIEW_COLUMN) + 1).value is None for r in range(2, ws.max_row + 1))
    assert {"证据", "汇总"} <= set(wb.sheetnames)
    # a reviewer agrees with every row but the first two, and leaves the last row blank
    si, ri = header.index("落实状态") + 1, header.index(REVIEW_COLUMN) + 1
    n = ws.max_row - 1
    machine = [ws.cell(r, si).value for r in range(2, ws.max_row + 1)]
    assert set(machine) <= set(STATUS_LABELS.values())
    for k, r in enumerate(range(2, ws.max_row)):
        verdict = machine[k]
        if k < 2:
            verdict = "未提及" if machine[k] != "未提及" else "已完成"
        ws.cell(r, ri).value = verdict
    wb.save(path)
    res = read_review(path)
    assert res["n"] == n - 1
    assert res["accuracy"] == pytest.approx((n - 3) / (n - 1))
    assert 0.0 < res["kappa"] < 1.0
    assert len(res["disagreements"]) == 2


def test_cli_audit_json_html_xlsx_and_review(tmp_path):
    from fzanalyzer.cli import main

    prev, nxt = DEV / "chengchuan-2021.txt", DEV / "chengchuan-2022.txt"
    out = tmp_path / "a.json"
    assert main(["audit", str(prev), str(nxt), "--format", "json", "--output", str(out)]) == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["prev"] == "chengchuan-2021" and len(d["items"]) == 16
    assert main(["audit", str(prev), str(nxt), "--format", "html", "--output", str(tmp_path / "a.html")]) == 0
    assert '<table id="items">' in (tmp_path / "a.html").read_text(encoding="utf-8")
    xl = tmp_path / "a.xlsx"
    assert main(["audit", str(prev), str(nxt), "--format", "xlsx", "--output", str(xl)]) == 0
    assert main(["audit-review", str(xl)]) == 2  # nobody reviewed it yet: E103
    doc = tmp_path / "a.docx"
    assert main(["audit", str(prev), str(nxt), "--format", "docx", "--output", str(doc)]) == 0
    assert doc.stat().st_size > 10_000


def test_cli_audit_corpus_pairs_consecutive_years(tmp_path, capsys):
    from openpyxl import load_workbook

    from fzanalyzer.cli import main

    folder = tmp_path / "c"
    folder.mkdir()
    for rid in ("tangxi-2020", "tangxi-2021", "tangxi-2022", "chengchuan-2022"):
        shutil.copy(DEV / f"{rid}.txt", folder)
    out = tmp_path / "out"
    assert main(["audit", "--corpus", str(folder), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert str(out / "index.html") in printed and str(out / "audit.xlsx") in printed
    d = json.loads((out / "audits.json").read_text(encoding="utf-8"))
    assert sorted((a["prev"], a["next"]) for a in d["audits"]) == [
        ("tangxi-2020", "tangxi-2021"),
        ("tangxi-2021", "tangxi-2022"),
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('<tr class="pair"') == 2 and "临澄市棠溪区人民政府" in index
    for a in d["audits"]:
        assert (out / "pairs" / f"{a['prev']}__{a['next']}.html").exists()
    summary = list(load_workbook(out / "audit.xlsx")["汇总"].iter_rows(values_only=True))
    assert [r[:3] for r in summary[1:3]] == [
        ("临澄市棠溪区人民政府", "2020年", "2021年"),
        ("临澄市棠溪区人民政府", "2021年", "2022年"),
    ]


def test_cli_audit_corpus_without_a_pair_fails_with_a_clear_message(tmp_path, capsys):
    from fzanalyzer.cli import main

    folder = tmp_path / "c"
    folder.mkdir()
    for rid in ("tangxi-2020", "tangxi-2022", "chengchuan-2022"):  # no two consecutive years
        shutil.copy(DEV / f"{rid}.txt", folder)
    assert main(["audit", "--corpus", str(folder), "--output", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err
    assert "E094" in err and "no consecutive-year pair" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("prev", "nxt", "code"),
    [
        ("tangxi-2022", "tangxi-2021", "E092"),  # reversed
        ("tangxi-2020", "tangxi-2022", "E093"),  # a gap of two years
        ("tangxi-2021", "chengchuan-2022", "E091"),  # another issuer
    ],
)
def test_cli_audit_refuses_pairs_that_are_not_consecutive_years_of_one_issuer(
    prev, nxt, code, tmp_path, capsys
):
    from fzanalyzer.cli import main

    args = ["audit", str(DEV / f"{prev}.txt"), str(DEV / f"{nxt}.txt"), "-o", str(tmp_path / "a.json")]
    assert main(args) != 0
    assert f"[{code}]" in capsys.readouterr().err
    assert not (tmp_path / "a.json").exists()
    assert main([*args, "--allow-mismatch"]) == 0
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["prev"] == prev


def test_train_audit_reproduces_the_shipped_combiner(tmp_path):
    from fzanalyzer.audit.followthrough import MODELS
    from fzanalyzer.cli import main

    # as the shipped model was fitted (README): the cases and the fifty-two development pairs
    sets = [DEV] + [DEV.parent / f"audit-dev{k}" for k in ("", "2", "3", "5", "6", "7", "8", "9", "10", "11")]
    args = ["train-audit", "--encoder", "tfidf", "--out-dir", str(tmp_path)]
    args += [a for d in sets for a in ("--fit-on", str(d), "--calibrate-on", str(d))]
    assert main(args) == 0
    fitted = json.loads((tmp_path / "tfidf.json").read_text(encoding="utf-8"))
    shipped = json.loads((MODELS / "tfidf.json").read_text(encoding="utf-8"))
    assert fitted["match_features"] == shipped["match_features"]
    assert fitted["threshold"] == shipped["threshold"]
    assert fitted["match_coef"] == pytest.approx(shipped["match_coef"], abs=1e-3)
    assert fitted["stage_coef"] == pytest.approx(shipped["stage_coef"], abs=1e-3)
    assert fitted["verdict_coef"] == pytest.approx(shipped["verdict_coef"], abs=1e-2)
    assert fitted["info"]["cases"] > 300  # the old 102 pairs and the new reworded / look-alike cases
    assert len(fitted["info"]["gold_pairs"]) == 52
    assert fitted["info"]["verdict_calibration"]["cross_fitted"]


def test_html_names_topics_in_chinese_and_filters_by_label(tangxi_audit):
    page = render_html(tangxi_audit)
    topics = {it.topic for it in tangxi_audit.items if it.topic}
    assert "enforcement" in topics
    assert "<td>行政执法</td>" in page  # what an auditor reads
    assert 'data-topic="enforcement"' in page and '<option value="enforcement">行政执法</option>' in page


def test_cli_audit_corpus_reads_a_store(tmp_path, capsys):
    from fzanalyzer.cli import main

    folder = tmp_path / "c"
    folder.mkdir()
    for rid in ("tangxi-2021", "tangxi-2022"):
        shutil.copy(DEV / f"{rid}.txt", folder)
    store = tmp_path / "fz.duckdb"
    assert main(["extract", str(folder), "--store", str(store), "--output", str(tmp_path / "x.jsonl")]) == 0
    out = tmp_path / "out"
    assert main(["audit", "--corpus", str(store), "--output", str(out)]) == 0
    d = json.loads((out / "audits.json").read_text(encoding="utf-8"))
    assert [(a["prev"], a["next"]) for a in d["audits"]] == [("tangxi-2021", "tangxi-2022")]
    assert (out / "audit.docx").exists() and (out / "audit.xlsx").exists()
