"""Support for the plan and audit tests: reports of the development set with their sections.

``dev_report(id)`` uses the real pipeline when it segments the report into parts; until the
segmentation step has landed it falls back to a small outline reader kept here (test code only),
so that plans and audits can be developed against the real texts.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from fzanalyzer.model import Meta, Report, Section

DEV = Path(__file__).parent / "data" / "dev"

_PART_CUES = [
    ("next_year_plan", ("安排", "打算", "思路", "计划")),
    ("shortcomings", ("不足", "问题", "短板")),
    ("leadership_duty", ("第一责任人", "履职", "履行")),
    ("other", ("其他",)),
    ("measures_and_results", ("举措", "成效", "基本情况", "主要工作")),
]
_L1 = re.compile(r"^([一二三四五六七八九十]{1,2}、)(.*)$")
_L2 = re.compile(r"^([（(][一二三四五六七八九十]{1,2}[）)])(.*)$")
_ENUM = re.compile(r"(?:(?<=^)|(?<=[，。；：]))([一二三四五六七八九十]是)")


def _outline(text: str) -> list[Section]:
    secs: list[Section] = []
    pos = 0
    l1 = l2 = None
    n = 0
    for line in text.split("\n"):
        m1, m2 = _L1.match(line), _L2.match(line)
        if m1:
            title = re.split("[。：]", m1.group(2))[0]
            canon = next((c for c, cues in _PART_CUES if any(k in title for k in cues)), "other")
            n += 1
            l1 = Section(
                f"s{n}",
                None,
                1,
                m1.group(1),
                title,
                canon,
                None,
                pos,
                len(text),
                pos + len(m1.group(1)),
                pos + len(m1.group(1)) + len(title),
            )
            if secs:
                for s in secs:
                    if s.end == len(text) and s.start < pos:
                        s.end = pos - 1 if True else s.end
            secs.append(l1)
            l2 = None
        elif m2 and l1 is not None:
            title = re.split("[。：]", m2.group(2))[0]
            if l2 is not None:
                l2.end = pos - 1
            n += 1
            l2 = Section(
                f"s{n}",
                l1.id,
                2,
                m2.group(1),
                title,
                l1.canonical,
                "other",
                pos,
                l1.end,
                pos + len(m2.group(1)),
                pos + len(m2.group(1)) + len(title),
            )
            secs.append(l2)
        elif l1 is not None and l1.canonical == "next_year_plan" and line and not re.search("[。；，]", line):
            # signature and site furniture after the plan part
            for s in secs:
                if s.end > pos:
                    s.end = max(s.start, pos - 1)
            l1 = l2 = None
        pos += len(line) + 1
    return secs


def _with_topics(secs: list[Section], gold: dict) -> list[Section]:
    """Topics come from the topic classifier in the real pipeline; here from gold (test only)."""
    topics = {}
    for s1 in gold.get("sections", []):
        for s2 in s1.get("children", []):
            if s2.get("topic"):
                topics[s2["title"][:8]] = s2["topic"]
    for s in secs:
        if s.level == 2:
            s.topic = topics.get(s.title[:8], "other")
    return secs


@cache
def dev_report(report_id: str) -> Report:
    import json

    from fzanalyzer.extract.plans import extract_plans

    text = (DEV / f"{report_id}.txt").read_text(encoding="utf-8")
    gold = json.loads((DEV / f"{report_id}.gold.json").read_text(encoding="utf-8"))
    try:
        import fzanalyzer

        rep = fzanalyzer.load(DEV / f"{report_id}.txt")
        if rep.part("next_year_plan") and rep.part("measures_and_results"):
            return rep
    except Exception:
        pass
    secs = _with_topics(_outline(text), gold)
    meta = Meta(year_covered=gold.get("year_covered"), issuer=gold.get("issuer"))
    rep = Report(
        id=report_id,
        source=str(DEV / f"{report_id}.txt"),
        sha256="",
        format="txt",
        text=text,
        meta=meta,
        sections=secs,
    )
    rep.plans = extract_plans(text, secs, meta)
    return rep
