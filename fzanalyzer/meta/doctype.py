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
from ..normalize.steps import strip_glosses


@dataclass(frozen=True)
class _DocLex:
    types: tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]
    strong: tuple[tuple[str, re.Pattern[str]], ...]
    masked: tuple[tuple[str, re.Pattern[str]], ...]
    report_title: re.Pattern[str]
    rule_of_law: re.Pattern[str]
    structure: tuple[re.Pattern[str], ...]
    min_structure: int
    form: tuple[re.Pattern[str], ...]
    confidence: dict[str, float]
    wrapped: re.Pattern[str]
    carried: re.Pattern[str]
    lead: re.Pattern[str]
    title_tag: re.Pattern[str]


_CARRIED_WITHIN = 1500  # the reporting sentence opens the report: in its first lines


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
    masked = tuple((t["label"], re.compile(t["masked"], re.M)) for t in d["types"] if t.get("masked"))
    return _DocLex(
        types=types,
        strong=strong,
        masked=masked,
        report_title=re.compile(d["report"]["title"]),
        rule_of_law=re.compile(m["rule_of_law_cue"]),
        structure=tuple(re.compile(p) for p in d["report"]["structure"]),
        min_structure=int(d["report"]["min_structure"]),
        form=tuple(re.compile(p) for p in d["report"]["form"]),
        confidence={k: float(v) for k, v in d["confidence"].items() if not k.startswith("_")},
        wrapped=re.compile(d["report"]["wrapped"]),
        carried=re.compile(d["report"]["carried"]),
        lead=re.compile(d["report"]["lead"]),
        title_tag=re.compile(d["report"]["title_tag"]),
    )


def reaches_extract_floor(confidence: float | None) -> bool:
    """Does a ``report_confidence`` reach ``extract_from`` (doctypes.json): is the document a
    report, or a page that might be one, which the pipeline analyses in full?

    >>> reaches_extract_floor(0.07), reaches_extract_floor(0.03)
    (True, False)
    """
    return (confidence or 0.0) >= _lex().confidence["extract_from"]


def doc_type(title: str | None, text: str) -> str | None:
    """None for a rule-of-law government report, else a short label of what the document is
    (news, plan, government_work_report, work_points, notice, info_disclosure_report, speech,
    template, other_report, unknown)."""
    return classify(title, text)[0]


#: the first part heading after the opening paragraph, in a page copied as one line (…取得明显成效。一、…)
_FIRST_PART = re.compile(r"[。：:]\s*一[、.．]")


def classify(title: str | None, text: str, chrome: str = "") -> tuple[str | None, float]:
    """``(doc_type, report_confidence)``: the label of :func:`doc_type` and how sure it is that
    the document is a report (0..1, from ``doctypes.json``'s ``confidence``). A near-miss named
    by its title or a press byline is far from a report; an untitled page without the genre's
    cues merely might be one. ``chrome``: the lines the site chrome removal took from the page's
    top, where a near-miss's own title line or byline may sit.

    >>> classify(None, "2021年，我镇坚持依法行政。现将有关情况报告如下：\\n一、主要举措和成效")
    (None, 0.98)
    """
    lex = _lex()
    conf = lex.confidence
    # Sites that print the reading of polyphonic characters (现(xiàn)印发(fā)) split the cue words.
    text = strip_glosses(text)
    title = strip_glosses(title) if title else title
    opening = "\n".join(text.split("\n")[:4])[:600]
    carried = lex.carried.search(text, 0, _CARRIED_WITHIN) is not None
    # The page opens with the report's own opening paragraph (2024年，…法治政府建设): one more cue.
    lead = lex.lead.match(text) is not None
    form = sum(1 for p in lex.form if p.search(text)) + carried + lead
    structure = form + sum(1 for p in lex.structure if p.search(text))
    if lex.wrapped.search(opening) and structure and lex.rule_of_law.search(text):
        return None, conf["report_cues"]  # a release that carries the report: 具体内容如下：一、…
    if title:
        title = lex.title_tag.sub("", title)  # [权威发布]福建省2017年法治政府建设情况报告
    for label, title_re, _ in lex.types:
        if title and title_re is not None and title_re.search(title):
            if label == "news" and carried and lex.rule_of_law.search(text):
                # 湖南省人民政府公布…情况 above 现将有关情况公布如下：/一、…: the release is the report.
                return None, conf["report_cues"]
            return label, conf["near_miss_title"]
    # the lines the site chrome removal took from the top (a speech's own title line, a byline)
    head = "\n".join(strip_glosses(chrome).split("\n")[:4])[:600]
    for label, strong_re in lex.strong:
        if strong_re.search(opening) or (head and strong_re.search(head)):
            return label, conf["near_miss_title"]
    for label, masked_re in lex.masked:
        if masked_re.search(text):  # 《**县…实施方案》 in a sample's fourth paragraph
            return label, conf["near_miss_title"]
    rule_of_law = lex.rule_of_law.search(text) is not None and structure >= lex.min_structure
    if title and lex.report_title.search(title) and (lex.rule_of_law.search(title) or rule_of_law):
        return None, conf["report_title"]
    for label, _, opening_re in lex.types:
        # A news item tells its event in its first paragraph; a page opening with a report's own
        # paragraph (lead) narrates its meetings further down (11月27日，李春生同志主持召开…).
        where = opening.split("\n", 1)[0] if lead and label == "news" else opening
        if lead and label == "news" and (part := _FIRST_PART.search(where)):
            where = where[: part.start() + 1]  # a page copied as one line: the opening ends at 一、
        if opening_re is not None and opening_re.search(where):
            return label, conf["near_miss_opening"]
    if title and lex.report_title.search(title):
        return "other_report", conf["other_report"]
    if rule_of_law and form:
        # Untitled: the genre's words alone (第一责任人, 主要负责人) are in news about it too; the
        # report's form (现将…报告如下, 2021年，…法治政府, 一、…成效) must be there as well.
        return None, conf["report_cues"]
    return "unknown", conf["some_cues"] if structure or lex.rule_of_law.search(text) else conf["no_cues"]
