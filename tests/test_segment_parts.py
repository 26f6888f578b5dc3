"""Canonical part labels from heading wording, years and content."""

from __future__ import annotations

import re

import pytest

from fzanalyzer.model import Meta
from fzanalyzer.segment import segment
from fzanalyzer.segment.parts import label_from_wording, label_parts


@pytest.mark.parametrize(
    ("title", "labels"),
    [
        ("2019年度推进法治政府建设的基本情况", ["measures_and_results"]),
        ("主要举措和成效", ["measures_and_results"]),
        ("一年来法治政府建设情况", ["measures_and_results"]),
        ("存在的问题和不足", ["shortcomings"]),
        ("工作中存在的短板", ["shortcomings"]),
        ("存在的短板和原因", ["shortcomings"]),
        ("面临的问题和挑战", ["shortcomings"]),
        ("主要问题", ["shortcomings"]),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", ["leadership_duty"]),
        ("党政主要负责人履职情况", ["leadership_duty"]),
        ("下一步工作打算", ["next_year_plan"]),
        ("下步打算", ["next_year_plan"]),
        ("2022年工作思路", ["next_year_plan"]),
        ("下一年度推进法治政府建设的主要安排", ["next_year_plan"]),
        ("2022年工作思路和主要举措", ["next_year_plan"]),
        ("其他需要报告的情况", ["other"]),
        ("其他有关情况", ["other"]),
        ("2021年工作总结暨2022年工作安排", ["measures_and_results", "next_year_plan"]),
        ("存在的问题及下一步打算", ["shortcomings", "next_year_plan"]),
        ("2021年度工作计划落实情况", ["measures_and_results"]),
        ("上年度工作安排完成情况", ["measures_and_results"]),
        ("2020年工作计划执行情况及2022年工作安排", ["measures_and_results", "next_year_plan"]),
        ("坚持依法行政，深化“放管服”改革", []),
        ("存在的問題和不足", ["shortcomings"]),
        ("黨政主要負責人履行推進法治建設第一責任人職責情況", ["leadership_duty"]),
    ],
)
def test_wording(title, labels):
    assert label_from_wording(title, 2021) == labels


def test_year_after_the_covered_year_means_a_plan():
    assert label_from_wording("2022年法治政府建设", 2021) == ["next_year_plan"]
    assert label_from_wording("2021年法治政府建设", 2021) != ["next_year_plan"]


def test_thematic_parts_from_content_and_position():
    parts = [
        ("坚持放管结合", "全年承接事项32项，累计办理1.2万件，已全部完成。"),
        ("存在的问题", "执法力量不足。"),
        ("坚持依法行政，推动法治建设再上新台阶", "我们将继续深化改革，进一步加强复议，力争走在前列。"),
    ]
    assert label_parts(parts, 2021) == [["measures_and_results"], ["shortcomings"], ["next_year_plan"]]
    problems = [("工作推进中的几点思考", "基层力量不够，能力有待提升，机制仍需完善，信息化滞后。")]
    assert label_parts(problems) == [["shortcomings"]]


def test_thematic_report_with_a_plan_sentence_inside_a_numbered_part():
    """No named parts: a 下一步 paragraph inside 三、 (followed by its own （一）) does not open a
    new part; the last thematic part speaks of the future and is the plan."""
    text = (
        "关于丰原县2021年度法治政府建设情况的报告\n县人大常委会：\n2021年，丰原县坚持依法行政，现将有关情况报告如下。\n"
        "一、坚持放管结合，深化“放管服”改革\n全县承接市级下放事项32项。\n"
        "二、坚持严格规范公正文明执法\n评查行政处罚案卷180卷。但执法规范化水平仍有差距。\n"
        "三、坚持依法行政，推动法治政府建设再上新台阶\n"
        "下一步，我县将继续深化综合行政执法改革，进一步加强行政复议工作，力争走在全市前列。\n"
        "（一）深化行政复议体制改革\n将建立行政复议委员会。\n"
    )
    secs = [s for s in segment(text, Meta(year_covered=2021)) if s.level >= 1]
    assert [(s.level, s.marker, s.canonical) for s in secs] == [
        (1, "一、", "measures_and_results"),
        (1, "二、", "measures_and_results"),
        (1, "三、", "next_year_plan"),
        (2, "（一）", "next_year_plan"),
    ]
    assert [s.topic for s in secs[:2]] == ["functions", "enforcement"]


def test_merged_part_split_at_an_unnumbered_plan_line(data_dir):
    """一、2021年工作总结暨2022年工作安排 whose plan half is announced by a bare line
    (2022年工作安排：): the numbered items after it are plans, the ones before are results."""
    from fzanalyzer.model import Report

    text = (data_dir / "segment" / "merged_unnumbered_split.txt").read_text(encoding="utf-8")
    secs = segment(text, Meta(year_covered=2021))
    got = [(s.level, s.marker, s.title, s.canonical) for s in secs if s.level >= 1]
    assert got == [
        (1, "一、", "2021年工作总结暨2022年工作安排", "measures_and_results"),
        (3, "1.", "规范执法行为", "measures_and_results"),
        (3, "2.", "化解矛盾纠纷", "measures_and_results"),
        (3, "1.", "推进综合执法规范化建设", "next_year_plan"),
        (3, "2.", "深化人民调解工作室建设", "next_year_plan"),
        (1, "二、", "存在的不足", "shortcomings"),
    ]
    report = Report(id="x", source="", sha256="", format="txt", text=text, sections=secs)
    assert [p.title for p in report.part("next_year_plan")] == [
        "推进综合执法规范化建设",
        "深化人民调解工作室建设",
    ]


def test_numbered_review_with_unnumbered_closing_parts():
    """一、主要工作 is numbered but the closing parts are bare lines: they become level-1 parts."""
    text = (
        "关于石门镇2021年度法治政府建设情况的报告\n县人民政府：\n"
        "2021年，我镇认真贯彻落实上级关于法治政府建设的部署要求，扎实推进依法行政，现将有关情况报告如下。\n"
        "一、主要工作\n（一）强化组织领导\n成立领导小组，全年召开专题会议3次。\n（二）深化普法宣传\n开展活动12场。\n"
        "存在的问题\n法治力量薄弱。\n下一步工作打算\n（一）加强队伍建设\n选优配强人员。\n"
    )
    secs = [s for s in segment(text, Meta(year_covered=2021)) if s.level >= 1]
    assert [(s.level, s.marker, s.title, s.canonical) for s in secs] == [
        (1, "一、", "主要工作", "measures_and_results"),
        (2, "（一）", "强化组织领导", "measures_and_results"),
        (2, "（二）", "深化普法宣传", "measures_and_results"),
        (1, "", "存在的问题", "shortcomings"),
        (1, "", "下一步工作打算", "next_year_plan"),
        (2, "（一）", "加强队伍建设", "next_year_plan"),
    ]


# -- merged parts: label by content ---------------------------------------------------------------


def _report(name: str, year: int, convert=None):
    import unicodedata

    from fzanalyzer.model import Report

    from conftest import DATA

    text = unicodedata.normalize("NFKC", (DATA / "segment" / f"{name}.txt").read_text(encoding="utf-8"))
    if convert is not None:
        text = convert(text)
    secs = segment(text, Meta(year_covered=year))
    return Report(id=name, source="", sha256="", format="txt", text=text, sections=secs)


@pytest.mark.parametrize(
    ("name", "year", "plan_start", "short_start"),
    [
        # problems paragraph, a 下一步 line, then （一）…（三） plans
        ("merged_problems_then_plans", 2022, "(一)提升行政复议办案质效", "对照新形势新要求"),
        # problems sentence then plan sub-sections told by content only (将/进一步/力争, 2022年)
        ("merged_plans_by_content", 2021, "(一)加快乡镇综合执法改革", "一年来,我县法治政府建设"),
        # no sub-sections: one short problem sentence, then the plans in the same paragraph
        ("merged_text_only", 2021, "明年,街道将继续推进", "执法队伍专业化程度不高"),
    ],
)
def test_merged_shortcomings_and_plans_part_is_the_plan_part(name, year, plan_start, short_start):
    """存在的问题及下一步打算 / 不足和2022年工作打算 / 存在的短板暨明年工作打算 whose body is
    mostly commitments: the part is ``next_year_plan`` (its dominant content) and its problems
    paragraph an unnumbered level-2 ``shortcomings`` section that stops before the plans."""
    from fzanalyzer.extract.plans import extract_plans

    report = _report(name, year)
    text = report.text
    (plan,) = report.part("next_year_plan")
    assert plan.level == 1 and plan.marker
    (short,) = report.part("shortcomings")
    assert (short.level, short.style, short.parent) == (2, "unnumbered", plan.id)
    assert text[short.start :].startswith(short_start)
    assert plan_start not in text[short.start : short.end]
    assert "将" not in text[short.start : short.end]
    at = text.index(plan_start)
    holder = report.section_at(at)
    assert holder is not None and holder.canonical == "next_year_plan"
    # every commitment of the plan half is found
    plans = extract_plans(text, report.sections, None)
    commitments = [s for s in re.split(r"(?<=[。;])", text[at : plan.end]) if "将" in s or "力争" in s]
    assert commitments
    for c in commitments:
        assert any(c.strip("。;") in p.text or p.text in c for p in plans), c


def test_merged_review_and_plan_children_told_by_content():
    """2020年工作总结和2021年工作思路 whose children do not name their half: the ones that commit
    (将…进一步…力争年内 / 要…继续) are plans, the review stays the part's label (dominant)."""
    report = _report("merged_review_plan_by_content", 2020)
    kids = [s for s in report.sections if s.level == 2]
    assert [s.canonical for s in kids] == ["measures_and_results"] * 3 + ["next_year_plan"] * 2
    assert [s.title for s in report.part("next_year_plan")] == ["深化综合行政执法改革", "提升依法行政能力"]
    assert [s.title for s in report.part("measures_and_results")] == ["2020年工作总结和2021年工作思路"]


def test_merged_part_with_three_halves():
    """工作成效、存在问题及下步打算: results (numbered, dominant), then a problems line, then a
    下一步 paragraph of 一是… items; each half is found and the items belong to the plan half."""
    report = _report("merged_three_halves", 2022)
    text = report.text
    (part,) = [s for s in report.sections if s.level == 1 and s.marker == "一、"]
    assert part.canonical == "measures_and_results"
    (short,) = report.part("shortcomings")
    assert short.title.startswith("工作中还存在一些问题") and short.parent == part.id
    (plan,) = report.part("next_year_plan")
    assert plan.title.startswith("下一步") and plan.parent == part.id
    items = [s for s in report.sections if s.style == "enumeration"]
    assert [s.parent for s in items] == [plan.id] * 3
    last_result = next(s for s in report.sections if s.marker == "3.")
    assert text[last_result.start : last_result.end].endswith("培育“法律明白人”96名。")


def test_merged_part_in_traditional_script():
    import opencc

    report = _report("merged_problems_then_plans", 2022, opencc.OpenCC("s2t").convert)
    (plan,) = report.part("next_year_plan")
    assert plan.marker == "二、"
    assert [s.canonical for s in report.sections if s.parent == plan.id] == ["shortcomings"] + [
        "next_year_plan"
    ] * 3


def test_merged_part_a_result_sentence_naming_the_covered_year_is_no_plan_lead():
    """In a 2020 report, 2020年，我市将…纳入… inside 存在的不足暨下一步打算 reports a result; the
    plan half starts at 下一步."""
    text = (
        "关于2020年度法治政府建设情况的报告\n一、主要工作\n全年审核文件41件。\n"
        "二、存在的不足暨下一步打算\n执法力量薄弱。2020年，我市将法治建设纳入了绩效考核，但考核结果运用不够。"
        "下一步，我市将进一步充实基层执法力量，力争年内完成执法人员全员轮训。\n"
    )
    secs = segment(text, Meta(year_covered=2020))
    half = next(s for s in secs if s.level == 2 and s.canonical == "next_year_plan")
    assert half.title.startswith("下一步")
    assert "纳入了绩效考核" not in text[half.start : half.end]
    # the problems are as long as the plans: the part keeps the label its heading names first
    assert next(s for s in secs if s.marker == "二、").canonical == "shortcomings"


def test_merged_halves_in_one_line_and_hard_wrapped_copies():
    """One-line copy (the closing halves follow the last result with no line of their own) and a
    PDF-like copy wrapped every 30 characters (a wrapped prose line that says 明年 is no
    heading): the halves are found as in the clean text."""
    one_line = _report(
        "merged_three_halves", 2022, lambda t: "  ".join(x.strip() for x in t.split("\n") if x.strip())
    )
    assert [s.canonical for s in one_line.sections if s.style == "unnumbered"] == [
        "shortcomings",
        "next_year_plan",
    ]
    assert [s.parent for s in one_line.sections if s.style == "enumeration"] == [
        one_line.part("next_year_plan")[0].id
    ] * 3

    def wrap(t: str) -> str:
        return "\n".join(p[i : i + 30] for p in t.split("\n") for i in range(0, max(len(p), 1), 30))

    wrapped = _report("merged_text_only", 2021, wrap)
    (plan,) = wrapped.part("next_year_plan")
    assert plan.marker == "二、"
    (short,) = wrapped.part("shortcomings")
    assert wrapped.text[short.start : short.end] == "执法队伍专业化程度不高。"
