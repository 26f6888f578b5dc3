"""The scorer itself: gold scored against itself is perfect, and each defect costs what it should."""

from __future__ import annotations

import copy

import pytest

from fzanalyzer.evaluate.gold import CanonIndex, canon, dice, flatten_headings
from fzanalyzer.evaluate.score import (
    Tally,
    score_followthrough,
    score_headings,
    score_indicators,
    score_meta,
    score_plans,
    score_reuse,
)

from conftest import DEV, DEV_IDS, load_gold


def as_prediction(gold: dict) -> dict:
    """A prediction that says exactly what gold says (output-contract shape)."""
    sections = []
    for h in flatten_headings(gold["sections"]):
        sections.append(
            {
                "level": h.level,
                "marker": h.marker,
                "title": h.title,
                "canonical": h.canonical,
                "topic": h.topic,
            }
        )
    return {
        "id": gold["id"],
        "meta": {
            "title": gold["title"],
            "issuer": gold["issuer"],
            "level": gold["level"],
            "year_covered": gold["year_covered"],
            "region": dict(gold["region"]),
            "region_inferred": [],
        },
        "sections": sections,
        "indicators": [{**i, "sentence": i["text"]} for i in gold["indicators"]],
        "plans": [{"text": p["text"]} for p in gold["plans"]],
    }


@pytest.mark.parametrize("rid", DEV_IDS)
def test_gold_scored_against_itself_is_perfect(rid):
    gold = load_gold(rid)
    t = Tally()
    pred = as_prediction(gold)
    score_meta(gold, pred, t)
    score_headings(gold, pred, t)
    score_indicators(gold, pred, t)
    score_plans(gold, pred, t)
    figs = t.figures()
    for key in ("headings_all.F1", "indicators.F1", "plans.F1", "canonical.acc", "topic.acc"):
        assert figs[key] == pytest.approx(1.0), key
    assert all(r.value == 1.0 for r in t.meta.values() if r.total)


def test_missing_heading_and_wrong_label_cost_recall_and_accuracy():
    gold = load_gold("tangxi-2021")
    pred = as_prediction(gold)
    level1 = [s for s in pred["sections"] if s["level"] == 1]
    level1[0]["canonical"] = "other"
    dropped = next(s for s in pred["sections"] if s["level"] == 3)
    pred["sections"].remove(dropped)
    t = Tally()
    score_headings(gold, pred, t)
    n_gold = len(flatten_headings(gold["sections"]))
    assert t.headings_all.tp == n_gold - 1
    assert t.headings_all.precision == 1.0
    assert t.canonical.value == pytest.approx(3 / 4)


def test_indicator_needs_equal_value_and_unit():
    gold = load_gold("chengchuan-2021")
    pred = as_prediction(gold)
    pred["indicators"][0]["value"] += 1
    pred["indicators"][1]["unit"] = "个"
    pred["indicators"][2]["name"] = "完全无关"
    t = Tally()
    score_indicators(gold, pred, t)
    assert t.indicators.tp == len(gold["indicators"]) - 2
    assert t.ind_name.hit == t.ind_name.total - 1


def test_region_filled_from_gazetteer_is_not_credited_as_text():
    gold = {"region": {"province": None, "city": "临澄市", "county_or_district": "棠溪区"}}
    pred = {"meta": {"region": {"province": "泓川省", "city": "临澄市", "county_or_district": "棠溪区"}}}
    t = Tally()
    score_meta(gold, copy.deepcopy(pred), t)
    assert t.meta["province"].value == 0.0
    pred["meta"]["region_inferred"] = ["province"]
    t = Tally()
    score_meta(gold, pred, t)
    assert t.meta["province"].value == 1.0


def test_followthrough_scoring_uses_plan_text_and_evidence_offsets():
    nxt, prev = load_gold("tangxi-2021"), load_gold("tangxi-2020")
    text = (DEV / "tangxi-2021.txt").read_text(encoding="utf-8")
    idx = CanonIndex(text)
    plans = {p["id"]: p["text"] for p in prev["plans"]}
    items = []
    for f in nxt["followthrough"]:
        ev = [dict(zip(("start", "end"), idx.find(e), strict=True)) for e in f["evidence"] if idx.find(e)]
        items.append({"plan_text": plans[f["plan_id"]], "status": f["status"], "evidence": ev})
    t = Tally()
    score_followthrough(nxt, prev, items, text, t)
    assert t.status_accuracy() == 1.0 and t.evidence.value == 1.0
    for it in items:
        it["evidence"] = []
    items[0]["status"] = "restated" if items[0]["status"] != "restated" else "fulfilled"
    t = Tally()
    score_followthrough(nxt, prev, items, text, t)
    assert t.status_accuracy() == pytest.approx(1 - 1 / len(items))
    assert t.evidence.value == 0.0


def test_reuse_recall_counts_half_covered_passages():
    gold = load_gold("tangxi-2021")
    text = (DEV / "tangxi-2021.txt").read_text(encoding="utf-8")
    idx = CanonIndex(text)
    g = gold["reused_passages"][0]
    s, e = idx.find(g["this_text"])
    half = s + (e - s) // 2 + 1
    pair = {"a": "tangxi-2021", "b": g["from_report"], "a_start": s, "a_end": half, "b_start": 0, "b_end": 1}
    t = Tally()
    score_reuse({**gold, "reused_passages": [g]}, text, [pair], t)
    assert t.reuse.value == 1.0
    pair["a_end"] = s + (e - s) // 3
    t = Tally()
    score_reuse({**gold, "reused_passages": [g]}, text, [pair], t)
    assert t.reuse.value == 0.0


def test_canonical_comparison_forms():
    assert canon("１８ 次") == "18次"
    assert dice("民间纠纷", "民间纠纷") == 1.0
    assert dice("民间纠纷", "行政复议") == 0.0


def test_six_of_ge_and_six_ge_fangmian_are_one_count():
    """明确6个方面22项重点任务: gold of the real set writes 6 个 (the measure word), the toolkit 6 个方面
    (a compound unit); both count the same, and no other unit pair is merged (个工作日 is a duration)."""
    from fzanalyzer.evaluate.score import indicator_matches, same_unit

    g = {"text": "6个方面", "value": 6, "unit": "个"}
    p = {"text": "6个方面", "value": 6, "unit": "个方面", "sentence": "明确6个方面22项重点任务"}
    assert indicator_matches(g, p) and same_unit("个方面", "个")
    assert not same_unit("个工作日", "个") and not same_unit("项", "个")
