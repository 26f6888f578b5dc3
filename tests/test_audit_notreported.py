"""Plans the audit called 未提及 (not reported) while the next report does say what was done
(issue 11, session 6): the causes found by leaving one annotator set out, each on the real text
of the development pairs where it was seen."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fzanalyzer.audit.followthrough import candidates
from fzanalyzer.model import Report

DATA = Path(__file__).parent / "data"


@cache
def report(folder: str, rid: str) -> Report:
    import fzanalyzer

    return fzanalyzer.load(DATA / folder / f"{rid}.txt")


def test_a_sentence_glued_to_its_inline_heading_is_a_candidate():
    # a flattened web page: （三）深化综合行政执法改革原由区农业农村…统一划归… is one sentence that
    # starts with a heading; its body reports the work and was skipped as a heading
    r = report("audit-dev2", "lanxi-2023")
    work = candidates(r)["work"]
    for c in work:
        assert r.text[c.start : c.end] == c.text
    body = [c for c in work if c.text.startswith("原由区农业农村")]
    assert len(body) == 1 and "一支队伍管执法" in body[0].text
    assert body[0].heading == "深化综合行政执法改革"
    assert any(c.text.startswith("在城东、河埠等街道建成基层政务公开示范点6个") for c in work)
    # the heading alone is still context, never a candidate
    assert not any(c.text.startswith(("(三)", "（三）", "深化综合行政执法改革")) for c in work)


def _conflict(folder: str, prev: str, nxt: str, plan_start: str, cand_part: str) -> float:
    """The ``mod_conflict`` signal of a plan of ``prev`` against a candidate sentence of ``nxt``."""
    from fzanalyzer.audit.followthrough import MATCH_FEATURES, _scorer

    plan = next(p for p in report(folder, prev).plans if p.text.startswith(plan_start))
    cand = next(c for c in candidates(report(folder, nxt))["work"] if cand_part in c.text)
    return float(_scorer([plan], [cand], None).features(0)[0, MATCH_FEATURES.index("mod_conflict")])


def test_words_that_are_no_modifier_of_another_object_raise_no_conflict():
    # a manner word (集中轮训 for 公共法律知识轮训)
    assert (
        _conflict("audit-dev3", "lilan-sfj-2021", "lilan-sfj-2022", "组织全市行政执法人员", "集中轮训") == 0
    )
    # a word inserted after the plan's own modifier (专项执法行动 for 专项行动); an adverb (随时清理)
    assert (
        _conflict("audit-dev5", "xuqin-gjj-2020", "xuqin-gjj-2021", "部署开展打击种畜禽", "专项执法行动") == 0
    )
    assert _conflict("audit-dev5", "xuqin-gjj-2020", "xuqin-gjj-2021", "开展局发规范性文件", "随时清理") == 0
    # the predicate of the head (，形成中期评估报告; 均已签约法律顾问)
    assert (
        _conflict("audit-dev2", "yunya-2023", "yunya-2024", "开展“八五”普法中期评估", "形成中期评估报告") == 0
    )
    assert _conflict("audit-dev5", "yaochuan-2022", "yaochuan-2023", "每个村", "均已签约法律顾问") == 0
    # the plan's own modifier before the head elsewhere in the sentence (民法典宣传 … 民法典主题宣传活动)
    assert (
        _conflict("dev", "tangxi-2020", "tangxi-2021", "制定实施棠溪区“八五”普法规划", "民法典主题宣传") == 0
    )


def test_another_object_of_the_same_head_is_still_a_conflict():
    assert (
        _conflict(
            "audit-dev", "chengling-2022", "chengling-2023", "开展行政执法案卷评查", "复议案卷开展专项评查"
        )
        == 1
    )
    assert (
        _conflict(
            "audit-dev",
            "yanping-jtt-2021",
            "yanping-jtt-2022",
            "全面落实行政执法人员持证上岗",
            "安全生产管理人员轮训",
        )
        == 1
    )
    assert (
        _conflict(
            "audit-dev",
            "tongyin-2023",
            "tongyin-2024",
            "每季度召开1次街道法治建设领导小组会议",
            "平安建设领导小组会议",
        )
        == 1
    )
    assert (
        _conflict(
            "audit-dev5",
            "weitang-jd-2021",
            "weitang-jd-2022",
            "建立物业纠纷人民调解委员会",
            "婚姻家庭纠纷人民调解委员会",
        )
        == 1
    )


def test_a_sentence_under_a_heading_of_another_topic_keeps_its_own_topic():
    # 县政府常务会议坚持“逢会必学” sits in the part on the county head's duties; its own topic is
    # the plan's (law study), which the section's topic alone hid from the same_topic signal
    from fzanalyzer.audit.followthrough import MATCH_FEATURES, _scorer, _topics

    plan = next(p for p in report("audit-dev3", "zheyuan-2023").plans if "会前学法" in p.text)
    cand = next(c for c in candidates(report("audit-dev3", "zheyuan-2024"))["work"] if "逢会必学" in c.text)
    plan_topics, cand_topics = _topics([plan], [cand])
    assert cand.topic not in plan_topics[0]  # the section's topic: another one
    assert plan_topics[0] & cand_topics[0]
    x = _scorer([plan], [cand], None).features(0)
    assert x[0, MATCH_FEATURES.index("same_topic")] == 1.0


def test_the_value_a_change_starts_from_is_not_what_was_reached():
    # 压减至5个工作日 against 由原来的9个工作日缩短为4.2个工作日: 4.2 meets the ceiling, 9 is where it started
    from fzanalyzer.audit.followthrough import STAGE_FEATURES, stage_features

    plan = next(p for p in report("audit-dev", "yanping-jtt-2021").plans if "压减至5个工作日" in p.text)
    ev = next(
        c for c in candidates(report("audit-dev", "yanping-jtt-2022"))["work"] if "缩短为4.2个" in c.text
    )
    sx = dict(zip(STAGE_FEATURES, stage_features(plan.text, plan.target, ev.text), strict=True))
    assert sx["meets_target"] == 1.0 and sx["below_target"] == 0.0
    # a value reached from below a floor stays short of it
    sx = dict(
        zip(
            STAGE_FEATURES,
            stage_features(plan.text, plan.target, "办理时间由3个工作日增加到6个工作日。"),
            strict=True,
        )
    )
    assert sx["below_target"] == 1.0


def _verdict(folder: str, prev: str, nxt: str, plan_start: str):
    from fzanalyzer.audit.followthrough import audit

    au = audit(report(folder, prev), report(folder, nxt), allow_mismatch=True)
    return next(it for it in au.items if it.plan_text.startswith(plan_start))


def test_plans_the_audit_called_not_reported_are_found():
    """Regression floors with the shipped combiner (fitted on these pairs, so not figures on
    unseen text): one plan of each cause the session fixed."""
    # evidence glued to an inline heading; the stage of a supporting sentence of another plan
    it = _verdict("audit-dev2", "lanxi-2022", "lanxi-2023", "整合区级各部门")
    assert it.status == "fulfilled" and it.evidence[0].text.startswith("原由区农业农村")
    # a manner word and an inserted word in front of the plan's head noun
    it = _verdict("audit-dev3", "lilan-sfj-2021", "lilan-sfj-2022", "组织全市行政执法人员")
    assert it.status == "fulfilled" and "集中轮训" in it.evidence[0].text
    it = _verdict("audit-dev5", "xuqin-gjj-2020", "xuqin-gjj-2021", "部署开展打击种畜禽")
    assert it.status == "fulfilled" and "专项执法行动" in it.evidence[0].text
    # a reworded restatement in NEXT's plan part (违法占用 for 乱占)
    it = _verdict("audit-dev3", "fengao-2024", "fengao-2025", "开展农村乱占耕地")
    assert it.status == "restated" and "违法占用耕地建房" in it.evidence[0].text


def test_a_verb_or_a_count_in_front_of_the_plans_words_names_no_other_object():
    """Session 17: 参加 in front of 学法考试 is the plan's verb, so 网上学法考试 is the same
    examination; 一个行业 says how many, not which field (覆盖行业不少于20个)."""
    assert (
        _conflict(
            "audit-dev10", "antang-jd-2020", "antang-jd-2021", "组织街道机关干部参加学法考试", "网上学法考试"
        )
        == 0
    )
    assert (
        _conflict("audit-dev6", "luting-2022", "luting-2023", "下一步,将推行“一业一证”", "一个行业准入") == 0
    )
    # another modifier where the plan has its own is still another object
    assert (
        _conflict(
            "audit-dev14", "sheyang-scjgj-2020", "sheyang-scjgj-2021", "联合市司法局成立知识产权", "消费纠纷"
        )
        == 1
    )
    assert _conflict("audit-dev5", "weitang-jd-2021", "weitang-jd-2022", "建立物业纠纷", "婚姻家庭纠纷") == 1


def test_a_plan_promised_again_in_half_its_words_over_weak_evidence_is_restated():
    """Session 17: 修订水行政处罚裁量基准 is promised again next year (重新梳理水行政处罚裁量权，出台细化的
    裁量标准) and the work part only says the staff studied the province's guidance: restated, not done."""
    it = _verdict("audit-dev14", "guzhou-swj-2022", "guzhou-swj-2023", "修订水行政处罚裁量基准")
    assert it.status == "restated"
    assert "出台细化的裁量标准" in it.evidence[0].text
