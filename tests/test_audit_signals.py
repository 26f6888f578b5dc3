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
