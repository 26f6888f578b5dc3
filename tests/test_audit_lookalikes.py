"""Look-alikes and targets per unit (issue 11, session 7): found among the out-of-set verdicts of
leave one annotator set out, each checked on the real text of the development pair where it was
seen."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from fzanalyzer.audit.followthrough import (
    MATCH_FEATURES,
    STAGE_FEATURES,
    _scorer,
    accepts,
    candidates,
    stage_features,
)
from fzanalyzer.model import Plan, Report

DATA = Path(__file__).parent / "data"
CONFLICT = MATCH_FEATURES.index("mod_conflict")


@cache
def report(folder: str, rid: str) -> Report:
    import fzanalyzer

    return fzanalyzer.load(DATA / folder / f"{rid}.txt")


def _plan(folder: str, rid: str, words: str) -> Plan:
    return next(p for p in report(folder, rid).plans if words in p.text)


def _conflict(plan: Plan, folder: str, rid: str, words: str) -> float:
    cand = next(c for c in candidates(report(folder, rid))["work"] if words in c.text)
    return float(_scorer([plan], [cand], None).features(0)[0, CONFLICT])


@pytest.mark.parametrize(
    ("folder", "prev", "plan_words", "nxt", "sentence_words", "conflict"),
    [
        # 选取3部省政府规章开展立法后评估 against 4件规章草案开展立法前评估论证 (data contrasts: 前 / 后)
        ("audit-dev6", "ruijiang-2020", "立法后评估", "ruijiang-2021", "立法前评估", 1.0),
        # 健全行政复议和应诉工作机制…行政诉讼败诉率 names both: a sentence on 行政诉讼案件 is about it
        ("audit-dev5", "xuqin-gjj-2020", "行政复议和应诉", "xuqin-gjj-2021", "应诉行政诉讼案件", 0.0),
        # 许可 is one kind of 执法 (no contrast): 抽取行政处罚、行政许可案卷…集中评查 reports 执法案卷评查
        ("audit-dev2", "ningping-sfj-2020", "评查案卷不少于200卷", "ningping-sfj-2021", "行政许可案卷", 0.0),
    ],
)
def test_a_head_behind_a_contrasting_modifier_is_another_object(
    folder: str, prev: str, plan_words: str, nxt: str, sentence_words: str, conflict: float
) -> None:
    assert _conflict(_plan(folder, prev, plan_words), folder, nxt, sentence_words) == conflict


def test_another_quoted_campaign_of_the_same_make_is_no_evidence():
    # 开展“城管进社区”普法活动 against 在“城管说法”专栏发布普法稿件103篇
    plan = _plan("audit-dev6", "tangjiang-cgj-2023", "城管进社区")
    assert _conflict(plan, "audit-dev6", "tangjiang-cgj-2024", "城管说法") == 1.0
    # “宣传进校园” for “宣传进村组” is refused the same way; a sentence quoting the plan's own name
    # (深化不动产登记“一窗受理、并行办理”) is about it
    plan = _plan("audit-dev5", "xiuchuan-zrzyt-2023", "法治宣传进村组")
    assert _conflict(plan, "audit-dev5", "xiuchuan-zrzyt-2024", "法治宣传进校园") == 1.0
    plan = _plan("audit-dev5", "xiuchuan-zrzyt-2023", "一窗受理、并行办理")
    assert _conflict(plan, "audit-dev5", "xiuchuan-zrzyt-2024", "一窗受理、并行办理") == 0.0


def test_other_names_of_the_citizen_supervisors_are_the_same_institution():
    # 建立医保基金社会监督员制度 against 选聘32名义务监督员: one institution, no other modifier
    plan = _plan("audit-dev7", "juyang-ybj-2020", "社会监督员")
    cand = next(
        c for c in candidates(report("audit-dev7", "juyang-ybj-2021"))["work"] if "义务监督员" in c.text
    )
    x = _scorer([plan], [cand], None).features(0)
    assert x[0, CONFLICT] == 0.0 and accepts(x[0])


def test_a_target_per_unit_is_read_as_the_mean_over_the_units():
    # 每个社区不少于5名 against 已在9个社区培育“法律明白人”38名: 4.2 each, short of the target
    plan = _plan("audit-dev", "tongyin-2023", "每个社区不少于5名")
    ev = next(c.text for c in candidates(report("audit-dev", "tongyin-2024"))["work"] if "38名" in c.text)
    sx = dict(zip(STAGE_FEATURES, stage_features(plan.text, plan.target, ev), strict=True))
    assert sx["below_target"] == 1.0 and sx["meets_target"] == 0.0
    # enough in all: met; a figure per unit in the evidence itself is read as it stands
    sx = dict(
        zip(STAGE_FEATURES, stage_features(plan.text, plan.target, ev.replace("38名", "48名")), strict=True)
    )
    assert sx["meets_target"] == 1.0 and sx["below_target"] == 0.0
    plan = _plan("audit-dev5", "mudong-2024", "每个乡镇配备侗汉双语调解员")
    ev = "全县15个乡镇均组建了侗汉双语调解小组，共有人民调解员38名，每个乡镇至少2名。"
    sx = dict(zip(STAGE_FEATURES, stage_features(plan.text, plan.target, ev), strict=True))
    assert sx["meets_target"] == 1.0 and sx["below_target"] == 0.0


def test_a_rate_target_is_read_against_the_share_done_of_a_count():
    # 办结率98%以上 against 承办12.46万件，办结12.31万件 (98.8%): met, though no rate is printed
    plan = "热线诉求按时办结率达到98%以上。"
    ev = "全年承办热线诉求12.46万件，在规定时限内办结12.31万件，群众满意率92.8%。"
    sx = dict(zip(STAGE_FEATURES, stage_features(plan, "98%以上", ev), strict=True))
    assert sx["meets_target"] == 1.0 and sx["below_target"] == 0.0
    # 2240 of 3120 mediated (71.8%) is short of 98%
    plan = "人民调解成功率保持在98%以上。"
    ev = "全年调解民商事纠纷3120件，调解成功2240件。"
    sx = dict(zip(STAGE_FEATURES, stage_features(plan, "98%以上", ev), strict=True))
    assert sx["below_target"] == 1.0 and sx["meets_target"] == 0.0
    # two counts of different things (件 and 名) are not a part and its whole
    ev = "全年调解纠纷1126件，新增调解员12名。"
    sx = dict(zip(STAGE_FEATURES, stage_features(plan, "98%以上", ev), strict=True))
    assert sx["meets_target"] == 0.0


@pytest.mark.parametrize(
    ("folder", "prev", "plan_words", "nxt", "sentence_words", "conflict"),
    [
        # session 13. 接入智慧电梯监管平台的电梯不少于3000台: the platform the counted things join is an object
        ("audit-dev15", "yuzhou-scjgj-2024", "智慧电梯", "yuzhou-scjgj-2025", "智慧气瓶", 1.0),
        # 老年人服务专区 for 政务公开专区: another object behind a generic word (服务)
        ("audit-dev15", "yunxi-jd-2019", "政务公开专区", "yunxi-jd-2020", "老年人服务专区", 1.0),
        # 村法律顾问 for 县政府法律顾问 (data contrasts: the governments of the levels against a village)
        ("audit-dev16", "gouchuan-2016", "县政府法律顾问", "gouchuan-2017", "聘请了村法律顾问", 1.0),
        # …and the gold evidence of a count with an object stays admissible: 进驻…的比例 is a share
        ("audit-dev14", "chayuan-2016", "进驻县政务服务中心", "chayuan-2017", "417项已搬进", 0.0),
    ],
)
def test_look_alikes_of_session_13(folder, prev, plan_words, nxt, sentence_words, conflict):
    assert _conflict(_plan(folder, prev, plan_words), folder, nxt, sentence_words) == conflict
