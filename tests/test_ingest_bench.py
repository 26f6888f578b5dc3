"""The ingest bench runs end to end and compares every reader with its bare library call."""

from __future__ import annotations

import re

import pytest

from fzanalyzer.bench import ingest

from render import cjk_font_path, seed_body, seed_text


def test_bench_body_drops_the_website_footer():
    assert ingest.body_of(seed_text()) == seed_body()


def test_bench_agreement_counts_lost_and_extra_text():
    assert ingest.agreement("全年办理案件12件。", "全年办理案件12件。") == (1.0, 1.0)
    recall, precision = ingest.agreement("全年办理案件", "全年办理案件12件。")
    assert recall < 1.0 and precision == 1.0
    recall, precision = ingest.agreement("首页 全年办理案件12件。", "全年办理案件12件。")
    assert recall == 1.0 and precision < 1.0


@pytest.mark.slow
def test_quick_bench_has_a_baseline_for_every_format():
    rows = ingest.run(quick=True)
    names = [r.name for r in rows]
    assert names[:3] == ["ingest txt utf-8", "ingest txt gb18030 (detected)", "ingest html"]
    if cjk_font_path():
        assert {"ingest pdf (pdfplumber)", "ingest pdf (pdfium)"} <= set(names)
    for row in rows:
        assert row.baseline and row.baseline_seconds and row.ratio is not None
        assert row.peak_mb is not None and row.peak_mb > 0
    for row in rows[2:]:  # HTML and PDF rows say how faithful our reader was
        recall, precision = map(float, re.search(r"agreement ours ([\d.]+)/([\d.]+)", row.note).groups())
        assert recall >= 0.995 and precision >= 0.995, row.note
