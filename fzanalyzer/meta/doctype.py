"""Is this a rule-of-law government report, or a near-miss sharing its vocabulary?

Near-misses: news about a report being heard or reviewed, an implementation plan (实施纲要/方案/
规划), a 政府工作报告, a 工作要点, a notice on how to write or submit the report, a 政府信息公开
工作年度报告, a speech. Cues: ``fzanalyzer/data/doctypes.json``.

>>> doc_type("区人大常委会听取区政府关于2020年度法治政府建设情况的报告", "")
'news'
>>> doc_type("关于2020年度法治政府建设情况的报告", "一、主要举措和成效\\n二、存在的不足") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..normalize.resources import load_json


@dataclass(frozen=True)
class _DocLex:
    types: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]
    strong: tuple[tuple[str, re.Pattern[str]], ...]
    report_title: re.Pattern[str]
    rule_of_law: re.Pattern[str]
    structure: tuple[re.Pattern[str], ...]
    min_structure: int


@cache
def _lex() -> _DocLex:
    d = load_json("doctypes.json")
    m = load_json("meta.json")
    types = tuple(
        (
            t["label"],
            re.compile(t["title"]) if t.get("title") else None,
            re.compile(t["opening"], re.M) if t.get("opening") else None,
        )
        for t in d["types"]
    )
    strong = tuple(
        (t["label"], re.compile(t["opening_strong"], re.M)) for t in d["types"] if t.get("opening_strong")
    )
    return _DocLex(
        types=types,
        strong=strong,
        report_title=re.compile(d["report"]["title"]),
        rule_of_law=re.compile(m["rule_of_law_cue"]),
        structure=tuple(re.compile(p) for p in d["report"]["structure"]),
        min_structure=int(d["report"]["min_structure"]),
    )


def doc_type(title: str | None, text: str) -> str | None:
    """None for a rule-of-law government report, else a short label of what the document is
    (news, plan, government_work_report, work_points, notice, info_disclosure_report, speech,
    other_report, unknown)."""
    lex = _lex()
    opening = "\n".join(text.split("\n")[:4])[:600]
    for label, title_re, _ in lex.types:
        if title and title_re is not None and title_re.search(title):
            return label
    for label, opening_re in lex.strong:
        if opening_re.search(opening):
            return label
    structure = sum(1 for p in lex.structure if p.search(text))
    rule_of_law = lex.rule_of_law.search(text) is not None and structure >= lex.min_structure
    if title and lex.report_title.search(title) and (lex.rule_of_law.search(title) or rule_of_law):
        return None
    for label, _, opening_re in lex.types:
        if opening_re is not None and opening_re.search(opening):
            return label
    if title and lex.report_title.search(title):
        return "other_report"
    if lex.rule_of_law.search(text) and structure >= lex.min_structure:
        return None
    return "unknown"
