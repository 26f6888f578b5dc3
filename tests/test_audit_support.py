"""Support for the plan and audit tests: the development set's reports, analysed once.

Reports go through the whole pipeline (``fzanalyzer.load``: normalize, metadata, segment,
indicators, plans), so plans and audits are tested on what users get.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fzanalyzer.model import Report

DEV = Path(__file__).parent / "data" / "dev"


@cache
def dev_report(report_id: str) -> Report:
    import fzanalyzer

    return fzanalyzer.load(DEV / f"{report_id}.txt")


def test_dev_reports_have_the_parts_audits_need():
    for rid in ("tangxi-2021", "chengchuan-2022"):
        rep = dev_report(rid)
        assert rep.part("next_year_plan") and rep.part("measures_and_results") and rep.part("shortcomings")
        assert not [w for w in rep.meta.warnings if w.startswith("W013")]
