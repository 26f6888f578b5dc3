"""Canonical part labels from heading wording, years and content."""

from __future__ import annotations

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
        (2, "1.", "规范执法行为", "measures_and_results"),
        (2, "2.", "化解矛盾纠纷", "measures_and_results"),
        (2, "1.", "推进综合执法规范化建设", "next_year_plan"),
        (2, "2.", "深化人民调解工作室建设", "next_year_plan"),
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
