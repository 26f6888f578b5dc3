"""Signals of the follow-through audit: object words, the stage the evidence ends in, and the
mutual-best check between plans (a sentence that answers another plan better is not evidence)."""

from __future__ import annotations

from fzanalyzer.audit.followthrough import (
    TAKEN,
    _scorer,
    audit,
    candidates,
    content_words,
    plan_objects,
    stage_features,
)
from fzanalyzer.extract.plans import verb_object
from fzanalyzer.model import Plan, Report


def test_object_words_map_rewordings_and_drop_generic_policy_words():
    plan = content_words("加快推进《某县养犬管理条例》立法进程")
    evidence = content_words("规范犬只饲养行为的地方性法规正式施行")
    # 养犬 ~ 犬只 and 条例 ~ 地方性法规 are one word each after the synonym groups
    assert len(set(plan) & set(evidence)) == 2
    assert not {"推进", "管理", "进程"} & set(plan)


def test_each_clause_object_counts():
    objs = plan_objects("推进法律援助法贯彻实施，制定法律援助经济困难标准和事项范围动态调整办法。", None)
    assert any("经济困难标准" in o for o in objs)
    assert any(o.startswith("法律援助法") for o in objs)


def test_stage_reads_the_state_the_evidence_ends_in():
    from fzanalyzer.audit.followthrough import STAGE_FEATURES

    names_last = STAGE_FEATURES.index("doing_last")
    under_way = stage_features("建设平台", None, "平台已完成需求调研，目前正在进行系统开发")
    finished = stage_features("建设平台", None, "系统开发正在推进，年底全面上线运行")
    assert under_way[names_last] == 1.0
    assert finished[names_last] == 0.0


def test_a_share_of_the_units_below_all_of_them_is_short_of_the_plan():
    from fzanalyzer.audit.followthrough import STAGE_FEATURES

    below = STAGE_FEATURES.index("below_target")
    plan = "推进交通运输综合行政执法改革，完成市县两级执法队伍整合"
    part = stage_features(plan, None, "全省14个设区市已完成执法队伍组建，县级执法机构整合完成率为76%")
    whole = stage_features(plan, None, "全省14个设区市和86个县均已完成执法队伍组建，整合完成率为100%")
    assert part[below] == 1.0
    assert whole[below] == 0.0
    # a plan with a share as its target is measured against that target, not against all
    rate = stage_features(
        "行政机关负责人出庭应诉率保持在95%以上", "95%以上", "出庭应诉率达到97.3%，覆盖率为98%"
    )
    assert rate[below] == 0.0


def test_a_target_is_compared_with_the_count_of_what_it_counts():
    from fzanalyzer.audit.followthrough import STAGE_FEATURES

    below, meets = STAGE_FEATURES.index("below_target"), STAGE_FEATURES.index("meets_target")
    # audit-dev5 weitang: 46 other events do not meet a target of 24 lectures; 19 lectures do not
    ev = "组织开展民法典宣传月、宪法宣传周等主题宣传活动46场，全年举办“法律进社区”讲座19场，受众2600余人次。"
    lectures = stage_features("组织居民法治讲座不少于24场。", "不少于24场", ev)
    assert (lectures[below], lectures[meets]) == (1.0, 0.0)
    enough = stage_features("组织居民法治讲座不少于24场。", "不少于24场", ev.replace("讲座19场", "讲座26场"))
    assert (enough[below], enough[meets]) == (0.0, 1.0)
    # a ceiling written after the number (3个工作日以内) is met from below
    days = stage_features(
        "完善不动产登记机制，一般登记办理时间压缩至3个工作日以内。",
        None,
        "一般登记平均办理时间缩短至1.8个工作日",
    )
    assert (days[below], days[meets]) == (0.0, 1.0)
    # 审批时限压缩46% meets 压缩40%以上; it is not a share short of the plan's other target, 100%
    both = stage_features(
        "推进政务服务事项全程网办，网上办理率达到100%，审批时限在法定时限基础上压缩40%以上。",
        None,
        "14项政务服务事项全部实现全程网上办理，平均审批时间较法定时限压缩46%。",
    )
    assert (both[below], both[meets]) == (0.0, 1.0)


def test_a_share_of_the_planned_total_or_a_submission_awaiting_decision_is_not_done():
    from fzanalyzer.audit.followthrough import STAGE_FEATURES

    below, doing = STAGE_FEATURES.index("below_target"), STAGE_FEATURES.index("doing")
    plan = "开展燃气安全专项整治，完成辖区餐饮场所燃气报警装置安装。"
    assert stage_features(plan, None, "辖区餐饮场所已安装燃气报警装置312家，占应装数的86%。")[below] == 1.0
    assert stage_features(plan, None, "辖区餐饮场所已安装燃气报警装置312家，实现应装尽装。")[below] == 0.0
    reform = "推进行政复议体制改革，由市政府统一行使行政复议职责"
    assert stage_features(reform, None, "改革实施方案已完成起草，提交市委全面依法治市委员会审议。")[doing] > 0
    # when submitting is the plan's own step, the submission is what was promised
    bill = "推动《矿产资源管理条例》修订草案提请省人大常委会审议"
    assert (
        stage_features(bill, None, "《矿产资源管理条例（修订草案）》已于9月提请省人大常委会审议。")[doing]
        == 0
    )


def _plan(pid: str, text: str) -> Plan:
    return Plan(pid, text, None, None, 0, 1, verb=verb_object(text)[0], object=verb_object(text)[1])


def test_a_sentence_that_answers_another_plan_is_not_its_evidence():
    prev = Report(
        "a-2020",
        "",
        "",
        "txt",
        "x",
        plans=[
            _plan("P01", "建设区社区矫正信息平台，实现与区法院办案平台数据对接。"),
            _plan("P02", "推进公共法律服务平台与政务服务平台数据对接，实现法律服务事项网上办。"),
        ],
    )
    text = "区社区矫正信息平台建成投用，与区法院办案平台实现数据对接，社区矫正对象报到实现网上办理。全年新增法律援助律师12名。"
    nxt = Report("a-2021", "", "", "txt", text)
    items = {i.plan_id: i for i in audit(prev, nxt).items}
    assert items["P01"].status == "fulfilled"
    assert items["P01"].evidence[0].text.startswith("区社区矫正信息平台建成投用")
    assert items["P02"].status == "not_reported"
    # the look-alike is P01's evidence: P01 is closer to it than P02 is
    work = candidates(nxt)["work"]
    j = next(k for k, c in enumerate(work) if c.text.startswith("区社区矫正信息平台"))
    scorer = _scorer(prev.plans, work, None)
    assert scorer.features(1)[j, TAKEN] > 0
    assert scorer.features(0)[j, TAKEN] == 0


def test_signals_without_weight_are_not_computed_and_change_no_probability():
    import json

    import numpy as np

    from fzanalyzer.audit.followthrough import MATCH_FEATURES, MODELS, UNWEIGHTED, load_combiner

    zero_everywhere = set(MATCH_FEATURES)
    for path in sorted(MODELS.glob("*.json")):
        m = json.loads(path.read_text(encoding="utf-8"))
        zero_everywhere &= {f for f, c in zip(m["match_features"], m["match_coef"], strict=False) if c == 0}
    assert zero_everywhere == UNWEIGHTED  # skipped exactly when no shipped model weighs it
    plans = [_plan("P01", "建设区社区矫正信息平台，实现与区法院办案平台数据对接。")]
    work = candidates(
        Report("b", "", "", "txt", "区社区矫正信息平台建成投用，与区法院办案平台实现数据对接。")
    )
    lazy, full = _scorer(plans, work["work"], None), _scorer(plans, work["work"], None)
    full.skip = frozenset()
    cols = [MATCH_FEATURES.index(n) for n in sorted(UNWEIGHTED)]
    assert not lazy.features(0)[:, cols].any()
    assert full.features(0)[:, cols].any()  # computed when asked: the skip is what saves the work
    comb = load_combiner("tfidf")
    assert np.allclose(comb.match_proba(lazy.features(0)), comb.match_proba(full.features(0)))
