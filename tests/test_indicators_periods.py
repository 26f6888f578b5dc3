"""Periods carried from earlier in the paragraph, and compound units such as 个方面."""

from __future__ import annotations

from pathlib import Path

import pytest

from fzanalyzer.extract.indicators import extract_indicators
from fzanalyzer.model import Meta, Section
from fzanalyzer.normalize import normalize


def _periods(text: str, sections: list[Section] | None = None, year: int = 2021) -> dict[str, str | None]:
    return {i.text: i.period for i in extract_indicators(text, sections or [], Meta(year_covered=year))}


def test_a_scene_setting_opener_governs_the_counts_of_its_paragraph():
    text = "今年以来，区市场监管局深入开展食品安全专项整治行动。共出动执法人员1200人次，检查经营单位860家。"
    inds = extract_indicators(text, [], Meta(year_covered=2021))
    assert [(i.text, i.period, i.period_resolved) for i in inds] == [
        ("1200人次", "今年以来", "2021"),
        ("860家", "今年以来", "2021"),
    ]


def test_a_campaign_period_opener_is_carried():
    text = "专项行动期间，区城管、住建等部门联合开展违法建设整治。共拆除违法建筑46处，面积1.2万平方米。"
    assert _periods(text) == {"46处": "专项行动期间", "1.2万平方米": "专项行动期间"}


def test_a_bare_qijian_refers_back_and_dates_nothing():
    # 期间 alone ("meanwhile", the training just named) is no period; 疫情期间 is one
    text = "分期对机关全体党员干部进行集中培训。期间撰写理论文章600多篇，交流研讨240余次。"
    assert _periods(text) == {"600多篇": None, "240余次": None}
    text = "疫情期间，全区累计发放防疫宣传材料1.2万份。"
    assert _periods(text) == {"1.2万份": "疫情期间"}


def test_a_list_introduced_by_a_dated_opener_takes_its_period():
    text = (
        "2021年，区司法局重点开展了以下工作：一是加强执法培训，截至年底共培训执法人员300人次；"
        "二是审查区政府合同协议45份；三是办理法律援助案件128件。"
    )
    # A period of its own (截至年底) wins; the other items of the list take the opener's.
    assert _periods(text) == {"300人次": "截至年底", "45份": "2021年", "128件": "2021年"}


def test_qizhong_sentences_take_the_period_of_the_total_they_divide():
    text = "2019年1-11月，全区共受理民间纠纷4520件。其中，调解成功4380件，涉及金额1.3亿元。"
    inds = extract_indicators(text, [], Meta(year_covered=2019))
    assert [(i.text, i.period) for i in inds] == [
        ("4520件", "2019年1-11月"),
        ("4380件", "2019年1-11月"),
        ("1.3亿元", "2019年1-11月"),
    ]
    assert inds[1].period_resolved == "2019-01/2019-11"


def test_qizhong_after_a_period_inside_the_sentence_is_not_carried():
    # 全年 qualifies one clause of the sentence; it does not set the scene for what follows.
    text = "区农业农村局组织开展农资打假行动，全年共查处案件215件。其中，种子类案件37件。"
    assert _periods(text) == {"215件": "全年", "37件": None}


def test_a_statistic_sentence_governs_only_itself():
    text = (
        "2020年1—11月，全区一审行政诉讼案件138件，同比下降7.4%。"
        "严格落实行政机关负责人出庭应诉制度，负责人出庭应诉率95.2%。"
    )
    assert _periods(text) == {"138件": "2020年1—11月", "7.4%": "2020年1—11月", "95.2%": None}


def test_a_running_total_keeps_its_own_scope():
    text = "今年以来，区住建局持续推进老旧小区改造。累计完成改造小区86个，惠及居民1.1万户。"
    assert _periods(text)["86个"] is None


def test_the_opener_does_not_reach_the_next_paragraph():
    text = "今年以来，区市场监管局深入开展专项整治行动。\n全面推行告知承诺制，办理审批事项230件。"
    assert _periods(text) == {"230件": None}


def test_an_opener_after_a_lead_heading_counts():
    text = "3.强化执法监督。2021年，区司法局组织开展执法案卷评查。抽查案卷420卷，优秀率86.5%。"
    secs = [
        Section(id="s1", parent=None, level=1, marker="3.", title="强化执法监督", canonical=None, topic=None,
                start=0, end=len(text), title_start=2, title_end=8, style="inline"),
    ]  # fmt: skip
    assert _periods(text, secs) == {"420卷": "2021年", "86.5%": "2021年"}


@pytest.mark.parametrize(
    ("canonical", "expected"), [("next_year_plan", "2022年"), ("measures_and_results", None)]
)
def test_in_the_plan_part_a_dated_opener_governs_the_targets(canonical, expected):
    head = "四、2022年工作安排\n"
    para = "2022年，全区将新建法治文化阵地10个。推动行政机关负责人出庭应诉率达到90%以上。"
    text = head + para
    secs = [
        Section(id="s1", parent=None, level=1, marker="四、", title="2022年工作安排", canonical=canonical,
                topic=None, start=0, end=len(text), title_start=2, title_end=len(head) - 1),
    ]  # fmt: skip
    periods = _periods(text, secs)
    assert periods["10个"] == "2022年"  # in its own sentence either way
    assert periods["90%"] == expected


def test_ge_fangmian_is_a_compound_unit():
    inds = extract_indicators("印发法治政府建设实施方案，明确了6个方面22项重点任务。", [], Meta())
    assert [(i.text, i.value, i.unit) for i in inds] == [("6个方面", 6, "个方面"), ("22项", 22, "项")]


def test_ge_fangmian_restating_a_list_is_still_no_count():
    inds = extract_indicators("从思想、组织、作风三个方面加强执法队伍建设。", [], Meta())
    assert inds == []


def test_a_summing_up_opener_in_the_shortcomings_part_dates_nothing():
    head = "三、存在的不足\n"
    para = "一年来，全区法治政府建设取得一定成效，但仍存在一些不足。一是执法力量不足，仍有3个镇街未配齐法制审核人员。"
    text = head + para
    secs = [
        Section(id="s1", parent=None, level=1, marker="三、", title="存在的不足", canonical="shortcomings",
                topic=None, start=0, end=len(text), title_start=2, title_end=len(head) - 1),
    ]  # fmt: skip
    assert _periods(text, secs) == {"3个": None}
    secs[0].canonical = "measures_and_results"
    assert _periods(text, secs) == {"3个": "一年来"}  # among the results: the scene-setting opener dates it


# -- on the project's own reports (tests/data): paragraphs read as the pipeline reads them --------
DATA = Path(__file__).parent / "data"


def _own(rel: str, needle: str) -> list[tuple[str, str | None]]:
    """(number, period) of every indicator of the paragraph of ``tests/data/rel`` holding ``needle``."""
    para = next(line for line in (DATA / rel).read_text(encoding="utf-8").splitlines() if needle in line)
    text = normalize(para).text
    return [(i.text, i.period) for i in extract_indicators(text, [], Meta())]


def test_a_year_inside_a_document_name_dates_no_count():
    # 全年召开…5次，印发《2023年度全省…工作要点》，分解任务26项: the plan's year names the plan; the
    # sentence's own 全年 dates the tasks (the project's gold), as none dates 细化工作任务38项
    got = dict(_own("audit-dev5/xiuchuan-zrzyt-2023.txt", "分解任务26项"))
    assert got["26项"] == "全年"
    got = dict(_own("audit-dev2/lanxi-2023.txt", "细化工作任务38项"))
    assert got["38项"] is None


def test_a_catalogue_of_the_year_dates_its_entries():
    # 公布区政府2020年度重大行政决策事项目录，将…5项事项纳入目录管理 (the project's gold: 2020年度)
    got = dict(_own("dev/tangxi-2020.txt", "重大行政决策事项目录"))
    assert got["5项"] == "2020年度"


def test_a_period_opening_the_sentence_dates_its_later_parts():
    # 全年审核…18件，报…备案18件；废止…7件: the opening 全年 scopes the whole sentence
    got = _own("audit-dev5/mudong-2024.txt", "废止不适应改革发展要求的规范性文件7件")
    assert ("7件", "全年") in got


def test_a_period_inside_a_clause_stays_in_its_part():
    # 镇司法所全年受理…37件，…62万元；为16个村（社区）各配备1名法律顾问: 全年 dates its clause only
    got = _own("audit-dev3/fengao-2025.txt", "为16个村（社区）各配备")
    assert ("37件", "全年") in got
    assert ("16个", None) in got and ("1名", None) in got


def test_a_part_opening_with_its_own_total_takes_no_earlier_period():
    # 2019年1-11月，共办理…187件…；共办理市政府受理的…14件 (the project's gold: 14件 undated)
    got = dict(_own("seed/jingan-2019.txt", "共办理市政府受理的"))
    assert got["187件"] == "2019年1-11月"
    assert got["14件"] is None


# -- snippets in the style of the real pages that showed them (tests/data/real is not ours to copy) --
def test_a_year_or_now_opening_a_clause_dates_it():
    # ，2025年组织4家单位… / ，目前全镇8名干部…: a time adverbial before the clause's verb or subject
    text = "完善述法评议工作，2025年组织4家单位主要负责人进行现场述法。组织干部参加执法考试，目前全镇8名干部取得执法资格。"
    assert _periods(text) == {"4家": "2025年", "8名": "目前"}


def test_a_year_naming_a_plan_after_a_verb_dates_nothing():
    text = "制定2025年度学法清单，组织领导班子开展集体学法活动12次。"
    assert _periods(text) == {"12次": None}


def test_leiji_summing_the_period_keeps_it_a_running_total_does_not():
    text = "2022年，县委理论学习中心组学习4次，累计培训领导干部860余人次。"
    assert _periods(text) == {"4次": "2022年", "860余人次": "2022年"}
    assert _periods("全年新增上线主题套餐12项，累计达到26项。") == {"12项": "全年", "26项": None}


def test_a_streak_takes_no_period():
    text = "2023年，广州坚持依法行政。在法治政府评估中是全国唯一连续7次稳居前五的城市。"
    assert _periods(text) == {"7次": None}


def test_a_year_opening_a_paragraph_before_we_without_a_comma_governs_it_too(data_dir):
    # 2019年我局全部…: a page that writes no comma after the opening year dates its paragraph as
    # 2019年，我局… does (a real paragraph of the project's texts, the comma taken out).
    text = (data_dir / "audit-dev5" / "zhuyang-2019.txt").read_text(encoding="utf-8")
    para = next(x for x in text.split("\n") if x.startswith("2019年，我市被省委"))
    with_comma = _periods(para, year=2019)
    assert with_comma["16条"] == "2019年"
    assert _periods(para.replace("2019年，我市", "2019年我市", 1), year=2019) == with_comma


def test_a_clause_opening_year_after_a_comma_and_a_space_dates_its_clause(data_dir):
    # A page that sets a space after the comma (…要求, 2017年对应承接…3项) dates the clause as
    # without it (a real sentence of the project's texts, its own 全年 taken out).
    text = (data_dir / "meta" / "news-review-headline.txt").read_text(encoding="utf-8")
    sent = next(x for x in text.split("。") if "，2021年县政府" in x) + "。"
    sent = sent.replace("全年办理", "办理")
    assert _periods(sent) == {"52件": "2021年"}
    assert _periods(sent.replace("，2021年", "， 2021年")) == {"52件": "2021年"}
