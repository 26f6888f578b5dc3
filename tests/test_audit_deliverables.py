"""What the auditor receives: the Chinese workbook (text cells only, drop-down, evidence sheet),
the Word summary, page numbers of PDF evidence, the safe-cell rule, and eval's calibration figures."""

from __future__ import annotations

import unicodedata

import pytest
from test_audit_support import DEV, dev_report

from fzanalyzer.audit.followthrough import Audit, audit
from fzanalyzer.audit.report import STATUS_LABELS, write_docx, write_xlsx
from fzanalyzer.model import AuditItem, Evidence
from fzanalyzer.safecell import safe_cell


@pytest.fixture(scope="module")
def chengchuan_audit() -> Audit:
    return audit(dev_report("chengchuan-2021"), dev_report("chengchuan-2022"))


def test_safe_cell_neutralises_what_a_spreadsheet_would_run():
    for bad in ("=1+1", "+86 10", "-2件", "@SUM(A1)", "\t=1", "＝HYPERLINK(1)"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("全年办结12件") == "全年办结12件"
    assert safe_cell(3) == 3 and safe_cell(None) is None


def test_workbook_is_in_chinese_and_never_holds_a_formula(chengchuan_audit, tmp_path):
    from openpyxl import load_workbook

    hostile = AuditItem(
        "P99", '=HYPERLINK("http://x","点我")', "enforcement", "fulfilled", 0.9,
        [Evidence("+cmd|' /C calc'!A0", 0, 10, "s1", "measures_and_results", "一、", "主要举措")], confidence=0.9,
    )  # fmt: skip
    evil = Audit("p", "n", [hostile], issuer="@某县人民政府", prev_year=2021, next_year=2022)
    path = write_xlsx([chengchuan_audit, evil], tmp_path / "a.xlsx")
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")):
                    # kept exactly as quoted, as a text cell Excel does not turn into a formula on edit
                    assert c.data_type == "s" and c.quotePrefix, (ws.title, c.value)
    ws = wb["逐项审计"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    header = [c.value for c in ws[1]]
    statuses = {r[header.index("落实状态")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert statuses <= set(STATUS_LABELS.values())
    years = {r[header.index("计划年度")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert "2021年" in years and chengchuan_audit.issuer in {
        r[0] for r in ws.iter_rows(min_row=2, values_only=True)
    }
    dv = ws.data_validations.dataValidation
    assert len(dv) == 1 and dv[0].formula1 == '"已完成,推进中,未提及,重复承诺"'
    letter = ws.cell(1, header.index("复核结论") + 1).column_letter
    assert str(dv[0].sqref).startswith(f"{letter}2")
    # needs-review rows come first within an audit
    review = [r[header.index("需复核")] for r in ws.iter_rows(min_row=2, values_only=True)][
        : len(chengchuan_audit.items)
    ]
    assert review == sorted(review, key=lambda v: v != "需复核")
    # evidence sheet: one evidence (or nearest passage) per row, with its heading path
    ev = list(wb["证据"].iter_rows(values_only=True))
    n_spans = sum(len(it.evidence) + len(it.nearest) for it in chengchuan_audit.items)
    assert len(ev) - 1 == n_spans + 1
    assert all(r[7] for r in ev[1:])
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0][:4] == ("发文机关", "计划年度", "报告年度", "已完成")
    assert summary[1][7] == len(chengchuan_audit.items)


def test_word_summary_quotes_evidence_by_status(chengchuan_audit, tmp_path):
    import docx

    path = write_docx(chengchuan_audit, tmp_path / "a.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    counts = chengchuan_audit.counts()
    assert f"共提出工作安排{len(chengchuan_audit.items)}项" in text
    assert f"未提及{counts['not_reported']}项" in text
    assert "未提及的工作安排" in text and "重复承诺的工作安排" in text
    for it in chengchuan_audit.items:
        assert it.plan_text in text
        if it.evidence:
            assert f"“{it.evidence[0].text}”" in text


def test_pdf_evidence_carries_the_page_it_is_on(tmp_path):
    import pdfplumber

    import fzanalyzer
    from fzanalyzer.bench.samples import render_pdf

    paths = {}
    for rid in ("tangxi-2020", "tangxi-2021"):
        paths[rid] = render_pdf((DEV / f"{rid}.txt").read_text(encoding="utf-8"), tmp_path / f"{rid}.pdf")
    nxt = fzanalyzer.load(paths["tangxi-2021"])
    assert len(nxt.meta.page_starts) >= 5
    with pdfplumber.open(paths["tangxi-2021"]) as pdf:
        # compared after NFKC, as the normalized text is
        pages = ["".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pdf.pages]
    spans = [
        e
        for it in audit(fzanalyzer.load(paths["tangxi-2020"]), nxt).items
        for e in [*it.evidence, *it.nearest]
    ]
    assert len(spans) > 20
    for e in spans:
        assert e.page is not None
        head = "".join(e.text.split())[:6]
        # the span starts on its page (or wraps there from the previous one)
        before = pages[e.page - 2] if e.page > 1 else ""
        assert head in pages[e.page - 1] or head in before + pages[e.page - 1], (e.page, e.text)


def test_eval_prints_calibration_and_not_reported_precision():
    from fzanalyzer.evaluate import evaluate

    res = evaluate(DEV, measures=("followthrough",))
    figs = res.figures()
    assert 0.0 <= figs["followthrough.ECE"] <= 1.0
    assert 0.0 <= figs["followthrough.not_reported_precision"] <= 1.0
    rel = res.total.reliability()
    assert sum(r["n"] for r in rel) == len(res.total.status_pairs)
    assert all(r["from"] <= r["confidence"] <= r["to"] for r in rel)
