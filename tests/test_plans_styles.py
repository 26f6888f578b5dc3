"""Plans in the plan-part styles of the audit development pairs (written by annotators who never
read the code): numbered sentence lines, thematic 第一部分 parts, 一是 paragraphs, ；-separated
paragraphs, lead phrase + detail. Floors a little below the figures measured when the rules were
written (every set at recall 1.000, precision 1.000)."""

from __future__ import annotations

import json
from functools import cache

import pytest

import fzanalyzer
from fzanalyzer.evaluate.audit import score_plans
from fzanalyzer.extract.plans import extract_plans
from fzanalyzer.model import Report, Section

from conftest import DATA


@cache
def _report(folder: str, rid: str) -> tuple[Report, list[dict]]:
    rep = fzanalyzer.load(DATA / folder / f"{rid}.txt")
    gold = json.loads((DATA / folder / f"{rid}.gold.json").read_text(encoding="utf-8"))
    return rep, gold["plans"]


STYLES = [
    # (folder, report, style)
    ("audit-dev", "chengling-2022", "1. sentence lines under （一） topic headings"),
    ("audit-dev", "xiuyang-2020", "第一部分 thematic parts, 1.–14. sentence lines"),
    ("audit-dev", "yanping-jtt-2021", "一是…；二是… paragraph, plan part before shortcomings"),
    ("audit-dev", "tongyin-2023", "one paragraph of ；-separated plans after 重点做好以下工作："),
    ("audit-dev2", "qiaoyang-scjg-2021", "（一）…（十二） lines, each one plan sentence"),
    ("audit-dev2", "ningping-sfj-2020", "一是…；…十一是… paragraph"),
    ("audit-dev2", "yunya-2023", "lead phrase 。 + one sentence of detail"),
    ("audit-dev2", "lanxi-2022", "flattened web page, headings run into the text"),
    ("audit-dev3", "tiaoling-2018", "flattened web page, 1.…。2.…。 run-in numbered plans"),
    ("audit-dev6", "luting-2022", "下一步，将… at the end of each thematic part, no plan part of its own"),
    ("audit-dev7", "zhilong-2021", "1.–11. lines, some only a target (学法全年不少于10次)"),
    ("audit-dev7", "yingchuan-sthjj-2022", "（一） lines of numeric targets (办结率达到95%以上)"),
    ("audit-dev9", "gonglin-2021", "nine bold-led 一是 paragraphs under 五、, lead phrase + plan sentences"),
    ("audit-dev9", "qiwan-2023", "（一） groups with 1.–4. items restarting in each group"),
    ("audit-dev9", "hengyang-sfj-2023", "opens with 一、2023年度工作计划落实情况, a review, not a plan part"),
    ("audit-dev9", "xingxi-2018", "two unmarked paragraphs after 做好以下几件事。 lead-ins (a town)"),
    ("audit-dev10", "jingwan-2021", "thematic parts each ending with a 下一步，我们将… paragraph"),
    ("audit-dev10", "jingwan-2022", "thematic parts each ending with a 下一步，我们将… paragraph"),
    ("audit-dev10", "antang-jd-2020", "one-line （一）–（十二） items"),
    ("audit-dev10", "chunxi-2024", "五、2025年工作安排 of 1. 2. items"),
]


@pytest.mark.parametrize(("folder", "rid", "style"), STYLES, ids=[s[1] for s in STYLES])
def test_plan_styles_reach_recall_and_precision(folder, rid, style):
    rep, gold = _report(folder, rid)
    s = score_plans(rep.plans, gold)
    assert s["recall"] >= 0.9 and s["precision"] >= 0.95, (style, s)
    for p in rep.plans:
        assert rep.text[p.start : p.end] == p.text
        assert not p.text[:1].isdigit() and not p.text.startswith(("（", "(", "一是", "第"))


def test_numbered_sentence_lines_are_plans_but_their_topic_headings_are_not():
    rep, gold = _report("audit-dev", "chengling-2022")
    texts = [p.text for p in rep.plans]
    assert "开展招投标领域突出问题专项整治。" in texts  # 3.开展……。 a heading of its own
    assert not any("持续优化法治化营商环境" in t for t in texts)  # （一） topic heading
    assert len(texts) == len(gold)


def test_next_step_sentences_of_thematic_parts_are_plans_of_their_topic_not_of_the_shortcomings():
    rep, gold = _report("audit-dev6", "luting-2022")
    assert len(rep.plans) == len(gold)  # the part 四 sentence pointing back to them is none
    plan = next(p for p in rep.plans if "出庭应诉率达到100%" in p.text)
    assert plan.topic == "dispute_resolution" and plan.target == "100%"
    secs = {s.id: s for s in rep.sections}
    for p in rep.plans:
        part = secs[p.section] if p.section else None
        while part is not None and part.parent:
            part = secs[part.parent]
        assert part is None or part.canonical != "shortcomings", p.text


def test_a_bare_target_in_the_plan_part_is_a_plan_but_the_signature_is_not():
    rep, _gold = _report("audit-dev7", "zhilong-2021")
    texts = [p.text for p in rep.plans]
    assert any(t.startswith("各村调委会调解成功率保持在95%以上") for t in texts)  # no verb, a bound
    assert any("会前学法全年不少于10次" in t for t in texts)
    assert not any("芷泷乡人民政府" in t or "2022年1月20日" in t for t in texts)


def test_run_in_numbered_plan_is_whole_though_the_outline_cut_its_title():
    """On a flattened page the outline cuts ``1.制定全区法治政府建设考核评价办法，…。`` inside the
    sentence; the plan is still the whole sentence, not the part after the cut."""
    rep, gold = _report("audit-dev3", "tiaoling-2018")
    texts = [p.text for p in rep.plans]
    assert any(t.startswith("制定全区法治政府建设考核评价办法") for t in texts), texts
    assert len(texts) == len(gold)


def test_first_plan_after_the_lead_in_of_a_semicolon_paragraph():
    rep, _ = _report("audit-dev", "tongyin-2023")
    first = rep.plans[0].text
    assert first.startswith("每季度召开1次街道法治建设领导小组会议")
    assert not any("以下工作" in p.text for p in rep.plans)


def _secs(text: str, items: list[tuple[str, str]]) -> list[Section]:
    """A level-1 plan part holding level-2 items (marker, title) laid out in ``text``."""
    secs = [Section("s1", None, 1, "四、", "2023年工作打算", "next_year_plan", None, 0, len(text))]
    starts = [text.find(m + t) for m, t in items] + [len(text)]
    for i, (m, t) in enumerate(items):
        a = starts[i]
        secs.append(
            Section(
                f"s{i + 2}",
                "s1",
                2,
                m,
                t,
                "next_year_plan",
                None,
                a,
                starts[i + 1],
                title_start=a + len(m),
                title_end=a + len(m) + len(t),
            )
        )
    return secs


def test_sentence_heading_versus_lead_phrase_with_body():
    text = (
        "四、2023年工作打算\n"
        "（一）开展执法人员全员轮训，全年培训不少于500人次。\n"
        "（二）坚持依法决策。\n"
        "严格落实重大行政决策程序，公布决策事项目录。\n"
    )
    secs = _secs(
        text, [("（一）", "开展执法人员全员轮训，全年培训不少于500人次"), ("（二）", "坚持依法决策")]
    )
    plans = [p.text for p in extract_plans(text, secs, None)]
    assert plans == [
        "开展执法人员全员轮训，全年培训不少于500人次。",
        "严格落实重大行政决策程序，公布决策事项目录。",
    ]


def test_lead_in_sharing_a_clause_with_the_first_plan_is_cut():
    text = "四、2023年工作打算\n2023年，县政府将紧紧围绕中心工作，持续推进法治政府建设：推行告知承诺制；开展执法人员全员轮训。\n"
    secs = [Section("s1", None, 1, "四、", "2023年工作打算", "next_year_plan", None, 0, len(text))]
    assert [p.text for p in extract_plans(text, secs, None)] == ["推行告知承诺制", "开展执法人员全员轮训。"]
    only_lead = "四、2023年工作打算\n2023年，我局将聚焦主责主业，着力抓好：\n一是推行告知承诺制；二是开展执法人员全员轮训。\n"
    secs = [Section("s1", None, 1, "四、", "2023年工作打算", "next_year_plan", None, 0, len(only_lead))]
    assert [p.text for p in extract_plans(only_lead, secs, None)] == [
        "推行告知承诺制",
        "开展执法人员全员轮训。",
    ]


def test_in_paragraph_item_with_lead_phrase_gives_its_detail_sentence():
    text = (
        "三、2023年工作打算\n"
        "一是强化执法监督。开展行政执法案卷评查，评查案卷不少于300卷。"
        "二是开展执法人员全员轮训，全年培训不少于500人次。\n"
    )
    rep = fzanalyzer.analyze_text(
        "某县2022年法治政府建设情况报告\n一、主要举措和成效\n全年办件1200件。\n" + text
    )
    assert [p.text for p in rep.plans] == [
        "开展行政执法案卷评查,评查案卷不少于300卷。",
        "开展执法人员全员轮训,全年培训不少于500人次。",
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "2023年，我县将紧紧围绕县委县政府决策部署，持续深化法治政府建设，为高质量发展提供法治保障。\n",
        "新的一年，我县将深入学习贯彻习近平法治思想，推动法治政府建设再上新台阶。\n",
    ],
)
@pytest.mark.parametrize(
    "items",
    [
        "一是推行告知承诺制，审批时限压减至40个工作日；二是开展执法人员全员轮训。\n",
        "推行告知承诺制，审批时限压减至40个工作日；开展执法人员全员轮训。\n",
    ],
)
def test_opening_paragraph_of_the_plan_part_is_no_plan(opening, items):
    text = "某县2022年法治政府建设情况报告\n一、主要举措和成效\n全年办件1200件。\n三、2023年工作打算\n"
    rep = fzanalyzer.analyze_text(text + opening + items)
    assert [p.text for p in rep.plans] == [
        "推行告知承诺制,审批时限压减至40个工作日",
        "开展执法人员全员轮训。",
    ]


def test_last_numbered_plan_keeps_its_place_before_a_closing_paragraph():
    text = (
        "某县2022年法治政府建设情况报告\n一、主要举措和成效\n全年办件1200件。\n三、2023年工作打算\n"
        "（一）优化营商环境\n1.推行告知承诺制，审批时限压减至40个工作日。\n2.开展执法人员全员轮训。\n"
        "我们将以更加务实的作风，推动各项任务落到实处，为全县高质量发展提供坚强法治保障。\n"
    )
    rep = fzanalyzer.analyze_text(text)
    assert [p.text for p in rep.plans] == [
        "推行告知承诺制,审批时限压减至40个工作日。",
        "开展执法人员全员轮训。",
    ]


def test_every_commitment_of_a_next_step_paragraph_is_a_plan_of_its_part():
    """菁湾区 2021: each thematic part ends with ``下一步，我们将……。`` followed, in the same paragraph,
    by more commitments without an opener of their own; the plan part only points back to them."""
    rep, gold = _report("audit-dev10", "jingwan-2021")
    by_text = {p.text: p for p in rep.plans}
    follower = by_text.get("全面推行证明事项告知承诺制,实行告知承诺的证明事项不少于50项。")
    assert follower is not None, list(by_text)
    opener = by_text["下一步,我们将在区政务服务中心设立“办不成事”反映窗口,兜底解决企业群众办事难题。"]
    assert follower.topic == opener.topic and follower.section == opener.section
    assert follower.target == "不少于50项"
    assert "建立区政府重大行政决策出台前向区人大常委会报告制度。" in by_text
    # the review sentences before the opener and the plan part's pointer back are no plans
    assert not any("全年制定区政府规范性文件7件" in t for t in by_text)
    assert not any("本报告各部分提出的下一步工作" in t for t in by_text)
    assert len(rep.plans) == len(gold)


def test_a_review_of_last_years_plans_opening_the_report_holds_no_plans():
    """蘅阳市司法局 2023 opens with 一、2023年度工作计划落实情况: it reports what was done on the
    last plans (出台…规程, 评查…160卷), so it is the review, and the plans are those of 五、."""
    rep, gold = _report("audit-dev9", "hengyang-sfj-2023")
    review = next(s for s in rep.sections if s.title.startswith("2023年度工作计划落实情况"))
    assert review.canonical == "measures_and_results"
    plan_part = next(s for s in rep.sections if s.canonical == "next_year_plan" and s.level == 1)
    assert all(plan_part.start <= p.start < plan_part.end for p in rep.plans)
    assert len(rep.plans) == len(gold)


def test_lead_in_sentences_of_unmarked_plan_paragraphs_are_no_plans():
    """荇溪镇 2018: 明年，镇政府将着重做好以下几件事。/ 同时，还要做好这几件事。 announce the plain
    plan sentences that follow; 培养 and 排查 plans have no verb of the action lexicon."""
    rep, gold = _report("audit-dev9", "xingxi-2018")
    texts = [p.text for p in rep.plans]
    assert not any("几件事" in t for t in texts), texts
    assert "每个村至少培养3名“法律明白人”。" in texts
    assert "调解委员会每月排查一次矛盾纠纷。" in texts
    assert len(texts) == len(gold)


def test_a_plan_placed_as_an_item_needs_no_verb_of_the_lexicon():
    """A numbered one-sentence item (芷泷乡 3.对乡里的重大事项决策，先请……) and an in-paragraph
    item on its own line (穆东县 第五，坚持……“逢会必学”，……) are plans by their place."""
    rep, _ = _report("audit-dev7", "zhilong-2021")
    assert "对乡里的重大事项决策,先请乡法律顾问提出意见,再提交会议讨论。" in [p.text for p in rep.plans]
    rep, _ = _report("audit-dev5", "mudong-2025")
    assert "坚持县政府常务会议“逢会必学”,每次常务会议安排学法内容。" in [p.text for p in rep.plans]


def test_sentences_announced_by_a_lead_in_are_plans_whatever_their_verb():
    # sentences of 荇溪镇 2018 and 芷泷乡 2021 (audit-dev9, audit-dev7)
    plan = "对乡里的重大事项决策，先请乡法律顾问提出意见，再提交会议讨论。"
    announced = (
        f"五、2019年工作打算\n明年，镇政府将着重做好以下几件事。制定镇政府重大事项决策程序规定。{plan}\n"
    )
    secs = [Section("s1", None, 1, "五、", "2019年工作打算", "next_year_plan", None, 0, len(announced))]
    assert [p.text for p in extract_plans(announced, secs, None)] == [
        "制定镇政府重大事项决策程序规定。",
        plan,
    ]
    plain = f"五、2019年工作打算\n制定镇政府重大事项决策程序规定。{plan}\n"
    secs = [Section("s1", None, 1, "五、", "2019年工作打算", "next_year_plan", None, 0, len(plain))]
    assert [p.text for p in extract_plans(plain, secs, None)] == ["制定镇政府重大事项决策程序规定。"]
