"""One test per hard case and per exclusion of issue 4, on short realistic sentences.

Expected values were worked out by reading each sentence, not copied from the extractor.
"""

from __future__ import annotations

import unicodedata

import pytest

from fzanalyzer.extract.indicators import extract_indicators
from fzanalyzer.model import Meta, Section


def run(s: str, year: int = 2021):
    text = unicodedata.normalize("NFKC", s)
    found = extract_indicators(text, [], Meta(year_covered=year), use_ner=False)
    for i in found:
        assert text[i.start : i.end] == i.text
    return found


def one(s: str):
    found = run(s)
    assert len(found) == 1, [i.text for i in found]
    return found[0]


# -- numbers ----------------------------------------------------------------------------------


def test_full_width_digits_and_thousands_separator():
    i = one("全年为受援群众挽回经济损失１，３８０万元。")
    assert (i.value, i.unit, i.text) == (13800000, "元", "1,380万元")


def test_space_between_number_and_unit():
    i = one("全年组织旁听庭审18 次。")
    assert (i.value, i.unit, i.text) == (18, "次", "18 次")


def test_decimal_percentage():
    assert (one("人民调解成功率为97.82%。").value, one("人民调解成功率为97.82%。").unit) == (97.82, "%")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("全年取消、调整区级行政权力事项三十六项。", 36, "项"),
        ("共办结案件两千件。", 2000, "件"),
        ("开展法治讲座一百零八场。", 108, "场"),
        ("全年查处案件壹佰贰拾叁件。", 123, "件"),
        ("共聘请法律顾问二〇名。", 20, "名"),
    ],
)
def test_chinese_numerals(sentence, value, unit):
    i = one(sentence)
    assert (i.value, i.unit) == (value, unit)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("全年培训执法人员3千人次。", 3000, "人次"),
        ("惠及企业近1.2万户。", 12000, "户"),
        ("全年接待群众148.8万人次。", 1488000, "人次"),
        ("罚款人民币137.05万元。", 1370500, "元"),
        ("为市场主体减免税费约4.2亿元。", 420000000, "元"),
    ],
)
def test_mixed_forms_and_multipliers(sentence, value, unit):
    i = one(sentence)
    assert i.value == pytest.approx(value)
    assert i.unit == unit


@pytest.mark.parametrize(
    "sentence", ["证明类事项出证时限为3至5个工作日。", "证明类事项出证时限为3-5个工作日。"]
)
def test_ranges(sentence):
    i = one(sentence)
    assert (i.value, i.value_max, i.unit) == (3, 5, "个工作日")


def test_fraction():
    i = one("全年审批事项压减三分之二。")
    assert i.unit == "%"
    assert i.value == pytest.approx(200 / 3)


def test_percent_in_words():
    i = one("投诉量同比下降百分之十二。")
    assert (i.value, i.unit, i.change) == (12, "%", "decrease")


def test_percentage_points_are_their_own_unit():
    found = run("行政机关负责人出庭应诉率为100%，较上年提高3.2个百分点。")
    assert [(i.value, i.unit) for i in found] == [(100, "%"), (3.2, "个百分点")]
    assert found[1].change == "increase"
    assert found[1].name == "行政机关负责人出庭应诉率"


def test_multiple():
    i = one("受援门槛放宽至城乡低保标准的2倍。")
    assert (i.value, i.unit) == (2, "倍")


# -- qualifiers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "value", "qualifier"),
    [
        ("办理各类公证事项2.3万余件。", "2.3万余件", 23000, "余"),
        ("开展法治宣传活动2800多场次。", "2800多场次", 2800, "多"),
        ("惠及企业近1.2万户。", "1.2万户", 12000, "近"),
        ("受众约48万人次。", "48万人次", 480000, "约"),
        ("参与群众2000人左右。", "2000人", 2000, "左右"),
        ("网办率达到95%以上。", "95%", 95, "以上"),
        ("企业开办全流程时间压缩至1个工作日以内。", "1个工作日", 1, "以内"),
        ("全年处理群众来信超过5000件。", "5000件", 5000, "超过"),
        ("为重点项目审批提供超1.4万件帮办代办服务。", "1.4万件", 14000, "超"),  # r-baotou-2024 (P)
        ("全年评查案卷不少于300卷。", "300卷", 300, "不少于"),
        ("执法人员不足20名。", "20名", 20, "不足"),
        ("全区累计接种疫苗68.5万剂次。", "68.5万剂次", 685000, "累计"),
        ("全年共收到行政复议申请412件。", "412件", 412, "共"),
        ("开展联合抽查共计124户次。", "124户次", 124, "共计"),
        ("各地块总计4388证。", "4388证", 4388, "总计"),
    ],
)
def test_qualifiers(sentence, text, value, qualifier):
    i = one(sentence)
    assert (i.text, i.value, i.qualifier) == (text, value, qualifier)


def test_accumulation_is_shared_across_a_list_but_not_the_next_clause():
    found = run("全市共有律师事务所61家、执业律师1203名，新增公证员12名。")
    assert [(i.value, i.qualifier) for i in found] == [(61, "共"), (1203, "共"), (12, None)]


def test_gong_inside_words_is_not_a_qualifier():
    i = one("建成公共法律服务站点36个。")
    assert i.qualifier is None


# -- change and before/after pairs --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "change"),
    [
        ("全年办理法律援助案件同比上升6.7%。", "increase"),
        ("法律援助案件同比增长5.5%。", "increase"),
        ("网办率较上年提高11.7个百分点。", "increase"),
        ("罚款金额同比下降32.7%。", "decrease"),
        ("信访总量同比减少8%。", "decrease"),
        ("审批时限压缩至7个工作日。", "decrease"),
        ("审批环节降低至2个。", "decrease"),
        ("可网办事项增至112项。", "increase"),
    ],
)
def test_change_words(sentence, change):
    assert one(sentence).change == change


def test_before_after_pair_keeps_both_numbers_linked():
    found = run("继承类公证办理时限由15个工作日进一步压缩至7个工作日。")
    assert [(i.value, i.change) for i in found] == [(15, None), (7, "decrease")]
    assert found[1].pair_of == 0
    assert found[0].name == found[1].name == "继承类公证办理时限"


def test_shortened_to():
    found = run("办理时限由10天缩短为3天。")
    assert [i.value for i in found] == [10, 3]
    assert found[1].change == "decrease"
    assert found[1].pair_of == 0


def test_plain_count_has_no_change():
    assert one("全年新增上线主题套餐12项。").change is None


# -- period -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("2019年1-11月，区政府制定规范性文件1件。", "2019年1-11月"),
        ("2022年1—11月，共排查调处矛盾纠纷20874件。", "2022年1—11月"),
        ("全年办理法律援助案件5127件。", "全年"),
        ("截至2022年底，在册社区矫正对象1288名。", "截至2022年底"),
        ("截至年底，累计发放电子证照46万张。", "截至年底"),
        ("自8月5日以来，共收到服务评价7990条。", "自8月5日以来"),
        ("专项行动期间，出动检查人员319人次。", "专项行动期间"),
        ("将2021年度4项事项纳入目录管理。", "2021年度"),
        ("今年以来，办理登记业务2.3万余件。", "今年以来"),
    ],
)
def test_period_in_the_sentence(sentence, period):
    assert one(sentence).period == period


def test_period_governs_the_rest_of_the_sentence_part():
    found = run("2022年1—11月，全市共调处纠纷20874件，调解成功20519件，成功率98.3%；另有律师61名。")
    assert [i.period for i in found] == ["2022年1—11月"] * 3 + [None]


def test_comparison_year_is_not_a_period():
    found = run("出庭应诉率为96%，比上年提高12.6个百分点。")
    assert [i.period for i in found] == [None, None]


def test_later_cumulative_total_is_outside_the_period():
    found = run("全年新增上线主题套餐12项，累计达到26项。")
    assert [(i.value, i.period, i.qualifier) for i in found] == [(12, "全年", None), (26, None, "累计")]


# -- exclusions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "2019年9月1日起施行。",  # dates
        "自7月1日起全面推开。",  # dates
        "制定2020年度工作要点。",  # years
        "公布第二批试点名单。",  # ordinal
        "全区第一个街道法律服务站挂牌。",  # ordinal
        "设立全国首个商务楼宇法律服务站。",  # ordinal (首个)
        "根据沪府发〔2019〕18号文件要求推进。",  # document number
        "索引号:310106-2019-00123。",  # index number
        "12345政务服务便民热线持续优化。",  # hotline
        "12348公共法律服务热线实现全覆盖。",  # hotline
        "扩建七号线昌平路地铁站5号口法治文化墙。",  # line and exit numbers
        "评估工作方案3.0版上线。",  # version label
        "庆祝中国共产党成立100周年。",  # anniversary
        "认真学习《优化营商环境条例》第十二条。",  # inside 《》
        "落实“十三五”规划。",  # quoted slogan
        "全面推行行政执法“三项制度”。",  # quoted name
        "深化“一网通办”改革。",  # quoted name
        "推行“31证合一”改革。",  # quoted name
        "落实“三个100%”要求。",  # quoted name
        "建立市、区两级联动机制。",  # a count restating a list
        "组建“智囊团”、“顾问团”和“志愿团”三支力量。",  # restating a list
        "执法检查*次。",  # placeholder
        "全年受理案件共计125。",  # unit cut off
        "做一次廉政谈话、发一张责任清单。",  # generic one
        "同步推行151项目建设。",  # a unit cut off into another word
        "对十分重要的事项亲自过问。",  # idiom
        "会议于9时30分召开。",  # clock time
        "考核位列全省前10名。",  # rank
        "坚持四个全面协调推进，做到两个确立，守住三条底线。",  # political formulas, unquoted
    ],
)
def test_exclusions(sentence):
    assert run(sentence) == []


def test_first_batch_count_still_counts():
    i = one("发布首批330条区域性联合奖惩措施清单。")
    assert (i.value, i.unit) == (330, "条")


def test_number_in_a_hotline_subject_is_kept_as_the_subject():
    i = one("12348公共法律服务热线全年接听群众来电10.2万余人次。")
    assert (i.value, i.qualifier, i.period) == (102000, "余", "全年")
    assert i.name.startswith("12348公共法律服务热线")


# -- subjects -----------------------------------------------------------------------------------


def test_subject_before_the_number():
    assert one("2019年1-11月,全区共受理民间纠纷18465件。").name == "受理民间纠纷"


def test_subjects_of_a_list():
    found = run("开展“双随机、一公开”抽查81批次、涉及主体6447户。")
    # 涉及主体 are the subjects of that check (issue 12: names that can be grouped on)
    assert [i.name for i in found] == ["“双随机、一公开”抽查", "“双随机、一公开”抽查涉及主体"]


def test_change_takes_the_subject_of_the_number_it_changes():
    found = run("全年共收到行政复议申请412件，同比上升6.7%。")
    assert found[1].name == found[0].name == "收到行政复议申请"


def test_counted_noun_after_the_measure_word():
    assert one("全区已有7个镇街建成矛盾纠纷调处化解中心。").name == "建成矛盾纠纷调处化解中心的镇街"


# -- tables -------------------------------------------------------------------------------------


def test_table_cells_named_by_row_and_column_with_caption_period():
    text = (
        "表1  2021年全区行政复议案件办理情况\n"
        "单位\t收案数(件)\t纠错率\n"
        "区市场监管局\t56\t7.1%\n"
        "区城管执法局\t31\t3.2%\n"
    )
    found = run(text)
    got = [(i.text, i.value, i.unit, i.name, i.period) for i in found]
    assert got == [
        ("56", 56, "件", "区市场监管局收案数", "2021年"),
        ("7.1%", 7.1, "%", "区市场监管局纠错率", "2021年"),
        ("31", 31, "件", "区城管执法局收案数", "2021年"),
        ("3.2%", 3.2, "%", "区城管执法局纠错率", "2021年"),
    ]


# -- sections and sentences ---------------------------------------------------------------------


def test_section_is_the_deepest_containing_section():
    text = "一、主要举措\n(一)复议\n全年办理案件12件。\n"
    secs = [
        Section("s1", None, 1, "一、", "主要举措", "measures_and_results", None, 0, len(text)),
        Section("s2", "s1", 2, "(一)", "复议", "measures_and_results", "dispute_resolution", 7, len(text)),
    ]
    found = extract_indicators(text, secs, Meta(year_covered=2021), use_ner=False)
    assert [(i.value, i.section) for i in found] == [(12, "s2")]
    assert found[0].sentence == "全年办理案件12件。"


def test_period_resolved_against_the_report_year_never_today():
    text = "今年以来，办理登记业务2.3万余件；2019年1-11月，受理纠纷18465件。"
    found = extract_indicators(text, [], Meta(year_covered=2016), use_ner=False)
    assert [(i.period, i.period_resolved) for i in found] == [
        ("今年以来", "2016"),
        ("2019年1-11月", "2019-01/2019-11"),
    ]


def test_respectively_gives_one_subject_per_number():
    found = run("信访事项及时受理率、按期办结率分别达到99.6%和98.9%。")
    assert [(i.value, i.name) for i in found] == [(99.6, "信访事项及时受理率"), (98.9, "按期办结率")]


def test_vague_amounts():
    found = run("全年共组织执法检查百余场，检查企业数十家。")
    assert [(i.text, i.value, i.qualifier) for i in found] == [("百余场", 100, "余")]


def test_quarter_and_years_since_are_periods():
    assert one("前三季度，政务服务中心办件量达120万件。").period == "前三季度"
    assert one("五年来，累计培训行政执法人员4.6万人次。").period == "五年来"


def test_chinese_numeral_writing():
    found = run(
        "二〇二一年，全县共有律师事务所十二家；参考率百分之百，合格率百分之九十九点八；案件数增长近两成。"
    )
    assert [(i.value, i.unit) for i in found] == [(12, "家"), (100, "%"), (99.8, "%"), (20, "%")]
    assert found[0].period == "二〇二一年"
    assert [i.name for i in found[1:3]] == ["参考率", "合格率"]
    assert (found[3].qualifier, found[3].change) == ("近", "increase")


def test_share_named_by_what_it_achieved():
    assert one("全区自建系统事项已100%实现“全网通办”。").name == "自建系统事项实现“全网通办”"


def test_counted_noun_with_a_parenthesis():
    assert one("5个县（市、区）通过省级示范创建评估。").name == "通过省级示范创建评估的县(市、区)"


def test_plan_target_with_year_and_bound():
    i = run("2023年计划完成行政执法人员培训不少于2次。")[0]
    # the reporting verb 完成 is not part of the name (issue 12)
    assert (i.value, i.qualifier, i.period, i.name) == (2, "不少于", "2023年", "行政执法人员培训")


def test_completed_count_is_not_vague():
    found = run("全年共建成三个平台，检查企业数十家。")
    assert [(i.value, i.unit) for i in found] == [(3, "个")]


def test_before_after_with_a_modifier_between():
    found = run("行政审批事项由原来的486项精简至213项。")
    assert [(i.value, i.change, i.pair_of, i.name) for i in found] == [
        (486, None, None, "行政审批事项"),
        (213, "decrease", 0, "行政审批事项"),
    ]


def test_table_after_normalization_with_merged_header():
    # normalize() removes the tabs between CJK header cells; body cells stay space-separated
    text = "表2 2021年执法检查情况\n部门检查次数检查户数\n区市场监管局 120 3400\n区城管执法局 86 2100\n"
    got = [(i.text, i.value, i.unit, i.name, i.period) for i in run(text)]
    assert got == [
        ("120", 120, "次", "区市场监管局检查次数", "2021年"),
        ("3400", 3400, "户", "区市场监管局检查户数", "2021年"),
        ("86", 86, "次", "区城管执法局检查次数", "2021年"),
        ("2100", 2100, "户", "区城管执法局检查户数", "2021年"),
    ]


def test_table_through_the_pipeline():
    from fzanalyzer.pipeline import analyze_text

    raw = (
        "关于2021年度法治政府建设情况的报告\n一、主要举措和成效\n表1  2021年行政复议案件办理情况\n"
        "单位\t收案数(件)\t纠错率\n区市场监管局\t56\t7.1%\n区城管执法局\t31\t3.2%\n全年办理案件12件。\n"
    )
    report = analyze_text(raw)
    got = {(i.value, i.unit, i.name) for i in report.indicators}
    assert {(56, "件", "区市场监管局收案数"), (7.1, "%", "区市场监管局纠错率"), (12, "件", "办理案件")} <= got


def test_denominator_is_not_counted():
    found = run("每10万人拥有律师5.2名。")
    assert [(i.value, i.unit) for i in found] == [(5.2, "名")]


# -- units and exclusions read on real pages (session 15) ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "text"),
    [
        ("企业设立登记3个工作小时内办结。", 3, "个工作小时", "3个工作小时"),
        ("确定了74大项工作任务。", 74, "大项", "74大项"),
        ("将职责细化为3大类。", 3, "大类", "3大类"),
        ("近万名一般干部参加法治理论考试。", 10000, "名", "万名"),
        ("“法治进校园”活动惠及师生近千人。", 1000, "人", "千人"),
    ],
)
def test_units_and_round_numbers_of_real_pages(sentence, value, unit, text):
    i = one(sentence)
    assert (i.value, i.unit, i.text) == (value, unit, text)


def test_a_round_number_keeps_the_word_that_bounds_it():
    assert one("近万名一般干部参加法治理论考试。").qualifier == "近"


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年,八一路街道在区委、区政府的领导下推进法治建设。",  # a street's name
        "深入贯彻中央八项规定精神学习教育。",  # a slogan
        "市委书记先后主持召开市委十二届36次常委会(扩大)会议。",  # the 36th meeting of a term
        "为群众提供更方便的8小时以外政务服务。",  # opening hours, no quantity
        "推出车管24小时自助服务。",
        "构建党委带头学、支部组织学、党员自觉学三个层次的学习体系。",
    ],
)
def test_names_slogans_ordinals_and_opening_hours_are_no_indicators(sentence):
    assert run(sentence) == []


def test_the_parts_of_a_plan_that_a_count_follows_are_counted():
    """明确七个方面29项重点任务: the aspects are counted (a plan's parts); 从五个方面推进 restates."""
    found = run("研究制定了全省法治工作要点,明确七个方面29项重点任务。")
    assert [(i.value, i.unit) for i in found] == [(7, "个方面"), (29, "项")]
    assert run("从五个方面进行深入讲解。") == []


def test_a_count_of_kinds_before_a_count_is_named_by_what_that_one_counts():
    """明确10大类37项重点工作: the ten are kinds of 重点工作 (the name was the verb 明确)."""
    kinds, items = run("制定年度工作要点,明确10大类37项重点工作,细化责任。")
    assert (kinds.value, kinds.unit, kinds.name) == (10, "大类", "重点工作类别")
    assert items.name == "重点工作"
