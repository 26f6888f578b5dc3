"""Definitional equivalences (data/audit/equivalences.json, issue 11): a plan names a practice by
its policy name, the next report describes what the practice is. Each case is a plan and the gold
evidence a reader found for it in a development pair, where the audit had said 未提及."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fzanalyzer.audit.followthrough import concepts_of

DATA = Path(__file__).parent / "data"


def _plan_and_evidence(folder: str, nxt: str, plan_id: str) -> tuple[str, list[str]]:
    gold = json.loads((DATA / folder / f"{nxt}.gold.json").read_text(encoding="utf-8"))
    ft = next(f for f in gold["followthrough"] if f["plan_id"] == plan_id)
    prev = json.loads((DATA / folder / f"{ft['plan_report']}.gold.json").read_text(encoding="utf-8"))
    plan = next(p["text"] for p in prev["plans"] if p["id"] == plan_id)
    return plan, ft["evidence"]


@pytest.mark.parametrize(
    ("folder", "nxt", "plan_id"),
    [
        ("audit-dev9", "qiwan-2024", "P01"),  # 一业一证 ↔ 多项许可整合为一张行业综合许可证
        ("audit-dev6", "luting-2023", "P02"),  # the same, another annotator
        ("audit-dev11", "xianling-2022", "P05"),  # 出庭应诉率 ↔ 正职或分管负责人都到庭答辩
        ("audit-dev9", "xingxi-2019", "P09"),  # 执法公示 ↔ 行政处罚决定…在公开栏…公开
        ("audit-dev6", "nanxu-2022", "P02"),  # 相对集中行政许可权 ↔ 许可事项统一划转
        ("audit-dev9", "gonglin-2022", "P08"),  # 集中行使行政复议职责 ↔ 行政复议职责整合
        ("audit-dev11", "leitang-jd-2024", "P05"),  # 首次不罚 ↔ 第一次违反…不予罚款
        # session 13: the leader by title (管委会主任出庭2件), one visit for many checks (一次进门完成…多项
        # 检查), 征求公众意见 in a plan's procedure, 只保留一个复议机关 without 行政
        ("audit-dev17", "lingjiang-kfq-2021", "P09"),
        ("audit-dev17", "lingjiang-kfq-2021", "P07"),
        ("audit-dev17", "yanzhou-2020", "P04"),
        ("audit-dev16", "gouchuan-2017", "P03"),
        ("audit-dev15", "zhaning-2022", "P09"),
    ],
)
def test_the_plan_and_its_reworded_evidence_name_one_concept(folder, nxt, plan_id):
    plan, evidence = _plan_and_evidence(folder, nxt, plan_id)
    shared = concepts_of(plan) & set().union(*(concepts_of(e) for e in evidence))
    assert shared, f"{plan} / {evidence}"


def test_a_different_practice_names_no_concept_of_the_plan():
    # 公布政府信息公开目录 is open government, not a commitment to 行政执法公示
    assert not concepts_of("落实行政执法公示制度") & concepts_of("公布政府信息公开目录")
