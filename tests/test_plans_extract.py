"""Plans from the next-year part: every gold plan of the development set is found, with offsets."""

from __future__ import annotations

import unicodedata

import pytest
from test_audit_support import dev_report

from fzanalyzer.evaluate.audit import score_plans
from fzanalyzer.extract.plans import extract_plans, is_commitment, split_units
from fzanalyzer.model import Section

from conftest import DEV_IDS, load_gold


@pytest.mark.parametrize("report_id", DEV_IDS)
def test_dev_plans_match_gold(report_id):
    rep = dev_report(report_id)
    s = score_plans(rep.plans, load_gold(report_id)["plans"])
    assert s["f1"] >= 0.95, s


@pytest.mark.parametrize("report_id", DEV_IDS)
def test_plan_offsets_and_fields(report_id):
    rep = dev_report(report_id)
    assert rep.plans
    for p in rep.plans:
        assert rep.text[p.start : p.end] == p.text
        assert p.topic is not None
        assert not p.text.startswith(("一是", "二是", "（", "("))
        assert rep.section(p.section) is not None


def test_targets_and_deadlines_read_from_the_text():
    rep = dev_report("tangxi-2021")
    p = next(p for p in rep.plans if p.text.startswith("开展行政执法“三项制度”"))
    assert p.target == "不少于300卷"
    assert p.deadline == "全年"
    assert next(p for p in rep.plans if "网办率" in p.text).target == "85%以上"


def test_enumeration_items_are_separate_plans_without_marker():
    text = (
        "四、2023年工作打算\n（一）深化行政复议\n一是筹建市政府行政复议委员会；二是推动复议窗口向乡镇延伸。\n"
    )
    secs = [
        Section("s1", None, 1, "四、", "2023年工作打算", "next_year_plan", None, 0, len(text)),
        Section(
            "s2",
            "s1",
            2,
            "（一）",
            "深化行政复议",
            "next_year_plan",
            "dispute_resolution",
            text.find("（一）"),
            len(text),
        ),
    ]
    plans = extract_plans(text, secs, None)
    assert [p.text for p in plans] == ["筹建市政府行政复议委员会", "推动复议窗口向乡镇延伸。"]
    assert all(p.topic == "dispute_resolution" for p in plans)


def test_intent_and_headings_are_not_plans():
    text = "四、下一步工作打算\n2022年是关键之年。下一步，我们将坚持以习近平法治思想为指导，重点抓好以下工作：\n（一）加强领导\n建立法治督察整改台账。\n"
    secs = [Section("s1", None, 1, "四、", "下一步工作打算", "next_year_plan", None, 0, len(text))]
    assert [p.text for p in extract_plans(text, secs, None)] == ["建立法治督察整改台账。"]
    assert not is_commitment("2022年是关键之年。")


def test_no_plan_part_no_plans():
    text = "一、主要举措\n建立台账。"
    secs = [Section("s1", None, 1, "一、", "主要举措", "measures_and_results", None, 0, len(text))]
    assert extract_plans(text, secs, None) == []


def test_split_units_keeps_offsets():
    t = "一是建立台账;二是限期整改。全年办结12件。"
    assert [t[u.start : u.end] for u in split_units(t, 0, len(t))] == [
        "建立台账",
        "限期整改。",
        "全年办结12件。",
    ]


def test_merged_part_gives_plans_only_from_its_plan_half():
    """Regression: a 不足暨安排 part labelled next_year_plan also yielded its problem sentences."""
    from pathlib import Path

    import fzanalyzer

    path = Path(__file__).parent / "data" / "segment" / "merged_problems_then_plans.txt"
    report = fzanalyzer.load(path)
    assert report.plans
    for plan in report.plans:
        assert report.section(plan.section).canonical == "next_year_plan"
        assert not any(w in plan.text for w in ("不够", "不足", "有待", "仍需"))


def test_numbered_items_that_are_whole_sentences_are_plans_and_evidence():
    from fzanalyzer.audit.followthrough import candidates
    from fzanalyzer.pipeline import analyze_text

    text = (
        "某县人民政府2022年度法治政府建设情况的报告\n一、主要举措和成效\n（一）严格执法\n"
        "1.开展执法案卷评查。评查案卷240卷。\n2.全县9个乡镇均已组建综合行政执法队，首批下放事项87项。\n"
        "二、存在的不足\n执法人员专业化水平不高。\n三、2023年工作打算\n（一）提升行政执法水平\n"
        "1.开展行政执法案卷评查，评查案卷不少于300卷。\n2.编制并公布年度重大行政决策事项目录\n"
        "（二）加强学法用法\n1.强化学法用法。组织干部集中学法4次。\n"
    )
    rep = analyze_text(text)
    plans = [unicodedata.normalize("NFKC", p.text) for p in rep.plans]
    # one-sentence numbered items with nothing below them are commitments (a bare line without 。 is
    # still read as a heading: see tests/test_plans_styles.py)
    assert "开展行政执法案卷评查,评查案卷不少于300卷。" in plans
    # a lead phrase with its sentence stays a heading: its sentence is the plan
    assert "组织干部集中学法4次。" in plans and "强化学法用法。" not in plans
    for p in rep.plans:
        assert rep.text[p.start : p.end] == p.text
    work = [unicodedata.normalize("NFKC", c.text) for c in candidates(rep)["work"]]
    assert "全县9个乡镇均已组建综合行政执法队,首批下放事项87项。" in work
    assert "评查案卷240卷。" in work and "开展执法案卷评查。" not in work


def test_plans_with_less_common_verbs_units_and_a_date_after_the_item_number():
    from fzanalyzer.pipeline import analyze_text

    head = "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n全年办结行政复议案件20件。\n二、2024年工作安排\n"
    clauses = (
        "县政府2024年将着力抓好以下工作：为13个乡镇（街道）综合执法队配齐执法记录仪和执法用车；"
        "将轻微违法免罚清单由54项扩充到80项；街道机关干部年度学法不少于40学时；"
        "接入智慧电梯监管平台的电梯不少于3000台；省管干部任职前一律参加法律知识考试。\n"
    )
    assert [p.text for p in analyze_text(head + clauses).plans] == [
        "为13个乡镇(街道)综合执法队配齐执法记录仪和执法用车",
        "将轻微违法免罚清单由54项扩充到80项",
        "街道机关干部年度学法不少于40学时",
        "接入智慧电梯监管平台的电梯不少于3000台",
        "省管干部任职前一律参加法律知识考试。",
    ]
    # 2.3月底前…: item 2 that opens with a date, not the number 2.3
    items = "1.完成12个乡镇权责清单编制并向社会公布。\n2.3月底前编制并向社会公布县政府年度重大行政决策事项目录。\n"
    assert [p.text for p in analyze_text(head + items).plans] == [
        "完成12个乡镇权责清单编制并向社会公布。",
        "3月底前编制并向社会公布县政府年度重大行政决策事项目录。",
    ]


def test_a_concrete_heading_sentence_and_a_bare_next_step_are_plans():
    from fzanalyzer.pipeline import analyze_text

    # a （N） line whose first sentence is a whole commitment (a number, a 《》 title), then more
    text = (
        "关于2016年度法治政府建设情况的报告\n一、主要工作及成效\n全年办结行政复议案件20件。\n二、2017年工作安排\n"
        "（一）年内9个乡镇便民服务中心全部完成规范化改造，实现群众办事“一站式”办理。在离乡镇驻地较远的52个行政村设立便民代办点。\n"
        "（二）加强党的领导，压实法治建设责任。县政府常务会议全年会前学法不少于12次。\n"
    )
    plans = [p.text for p in analyze_text(text).plans]
    assert plans[0] == "年内9个乡镇便民服务中心全部完成规范化改造,实现群众办事“一站式”办理。"
    assert not any(p.startswith("加强党的领导") for p in plans)  # a lead phrase stays a heading
    # 下一步， without 将, inside a thematic part, when what follows commits
    text = (
        "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）交通运输执法规范化\n"
        "全省已有96个高速公路收费站入口安装称重检测设备。下一步，推进科技治超，年内实现全省高速公路收费站入口称重检测全覆盖。\n"
        "二、存在的问题和不足\n下一步，还需加强。\n"
    )
    assert [p.text for p in analyze_text(text).plans] == [
        "下一步,推进科技治超,年内实现全省高速公路收费站入口称重检测全覆盖。"
    ]
