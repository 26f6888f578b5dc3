"""Regressions found on real published pages (issue 10), each on a short snippet written here in
the style of the page that showed it (the real pages are not ours to copy: tests/data/real)."""

from __future__ import annotations

from fzanalyzer.normalize.resources import load_json
from fzanalyzer.pipeline import analyze_text


def test_untitled_report_opening_with_xianjiang_is_a_report_and_is_extracted():
    text = (
        "2021年，青岚街道在县委、县政府的正确领导下，坚持依法行政，现将我街道2021年度法治政府建设情况报告如下：\n"
        "一、2021年法治政府建设主要举措和成效\n"
        "1.强化法治队伍建设。全年组织专题学习12次。\n"
    )
    r = analyze_text(text)
    assert r.meta.is_report and r.meta.doc_type is None and r.meta.report_confidence >= 0.8
    assert [s.marker for s in r.sections if s.marker] == ["一、", "1."]
    assert [(i.value, i.unit) for i in r.indicators] == [(12, "次")]


def test_untitled_ministry_page_opening_with_its_year_is_a_report():
    text = (
        "2022年，某部坚持以习近平新时代中国特色社会主义思想为指导，扎实推进法治政府建设，各项工作取得重要进展。\n"
        "一、全面贯彻落实党的二十大精神，统筹推进法治政府建设高质量发展\n"
        "部党组先后召开6次部党组会。\n"
    )
    r = analyze_text(text)
    assert r.meta.is_report
    assert any(i.value == 6 for i in r.indicators)


def test_template_site_with_placeholders_is_no_report():
    text = (
        "区五年法治政府建设工作情况的报告\n"
        "五年来，*区严格落实党政主要负责人履行推进法治建设第一责任人职责规定，现报告如下：\n"
        "一、抬高政治站位，统筹推进法治政府建设\n"
    )
    r = analyze_text(text)
    assert not r.meta.is_report and r.meta.doc_type == "template"


def test_a_page_that_might_be_a_report_still_gets_its_outline():
    # No title, one genre cue only: not certainly a report, but never left without sections.
    text = "深入推进依法行政，加强行政执法监督。\n一、坚持依法决策\n（一）健全重大行政决策程序。全年审查文件15件。\n"
    r = analyze_text(text)
    floor = load_json("doctypes.json")["confidence"]["extract_from"]
    assert r.meta.report_confidence is not None and floor <= r.meta.report_confidence < 0.5
    assert [s.marker for s in r.sections if s.marker] == ["一、", "(一)"]
    assert r.indicators and r.indicators[0].value == 15


def test_arabic_items_directly_under_a_part_keep_their_level_3():
    """一、 then 1. with no （一） between: 1. is a level-3 heading, as the 公文 order counts it."""
    text = (
        "关于2021年度法治政府建设情况的报告\n一、2021年法治政府建设主要举措和成效\n"
        "1.强化法治队伍建设。组织专题学习。\n2.依法行政全面覆盖。坚持依法决策。\n二、存在的不足\n"
    )
    r = analyze_text(text)
    got = [(s.level, s.marker) for s in r.sections if s.marker]
    assert got == [(1, "一、"), (3, "1."), (3, "2."), (1, "二、")]
    assert r.sections[2].parent == r.sections[1].id


def _meta(text: str):
    return analyze_text(text, id="t", analyze=False).meta


def test_untitled_department_page_names_its_issuer_in_the_opening():
    m = _meta(
        "2020年，江门市公安局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《法治政府建设实施纲要》，"
        "现将有关情况报告如下：\n一、主要举措和成效\n"
    )
    assert m.issuer == "江门市公安局" and m.level == "department" and m.year_covered == 2020


def test_opening_subject_after_the_leadership_clause_is_the_government():
    m = _meta(
        "2019年，在省委、省政府和市委、市政府的正确领导下，南昌县全面贯彻党的十九大精神，推进法治政府建设。\n"
        "一、2019年推进法治政府建设情况\n（一）完善制度。\n"
    )
    assert m.title is None  # the first heading is no title
    assert m.issuer == "南昌县人民政府" and m.level == "district_county"


def test_a_district_named_alone_gets_its_city_in_the_issuer():
    m = _meta("2023年，静海区坚持依法行政，现将有关情况报告如下：\n一、主要举措和成效\n")
    assert m.issuer == "天津市静海区人民政府"


def test_an_abbreviated_department_is_not_completed_with_a_sentence():
    m = _meta(
        "2023年，省司法厅坚持以习近平法治思想为指导，大力推进全省法治政府建设和省司法厅法治机关建设。"
        "现将有关情况报告如下：\n一、扛牢推进法治政府建设责任。\n"
    )
    assert m.issuer == "省司法厅" and m.level == "department"


def test_a_pronoun_opening_names_no_issuer():
    m = _meta("关于2021年度法治政府建设工作情况的报告\n2021年，我局坚持依法行政。\n一、主要举措\n")
    assert m.issuer is None and m.level == "department"


def test_a_first_part_about_leadership_without_the_duty_is_measures():
    text = (
        "2022年，某县坚持依法行政，推进法治政府建设。现将有关情况报告如下：\n"
        "一、党对法治政府建设的领导全面加强\n县政府主要负责人亲自部署、带头履职，主要负责同志亲自研究，"
        "主要负责人带头讲法，第一责任人履职有力。\n"
    )
    parts = [s for s in analyze_text(text).sections if s.level == 1]
    assert [(s.marker, s.canonical) for s in parts] == [("一、", "measures_and_results")]


def test_the_only_part_of_a_truncated_page_is_not_taken_for_a_plan():
    text = (
        "2022年，某省深入学习贯彻习近平法治思想，扎实推进法治政府建设。\n"
        "一、深入践行习近平法治思想，系统谋划推进法治政府建设\n将法治政府建设纳入全局，要进一步加强统筹，"
        "着力推进，确保落实，继续深化"
    )
    parts = [s for s in analyze_text(text).sections if s.level == 1]
    assert [s.canonical for s in parts] == ["measures_and_results"]


def test_a_document_number_is_no_title_and_a_wrapped_notice_title_is_joined():
    m = _meta(
        "西政办〔2020〕20号\n西平县人民政府办公室\n关于印发西平县2020年度法治政府建设\n工作安排的通知\n"
        "各乡镇人民政府：\n《西平县2020年度法治政府建设工作安排》已经县政府同意，现印发给你们。\n"
    )
    assert m.title == "关于印发西平县2020年度法治政府建设工作安排的通知"
    assert not m.is_report and m.doc_type in ("notice", "work_points")
    assert m.region.county_or_district == "西平县"


def test_a_title_line_led_by_its_document_number_is_not_glued_to_the_title():
    m = _meta(
        "浙卫〔2024〕3号《浙江省卫生健康委关于2023年度法治政府建设情况的报告》\n"
        "浙江省卫生健康委关于2023年度法治政府建设情况的报告\n省委、省政府：\n现呈送我委2023年度法治政府建设情况报告。\n"
    )
    assert m.title == "浙江省卫生健康委关于2023年度法治政府建设情况的报告"


def test_a_review_and_plan_report_is_not_work_points():
    m = _meta(
        "西安市临潼区人民政府关于2020年度法治政府建设情况及2021年度工作安排的报告\n"
        "现将我区2020年度法治政府建设情况及2021年度工作安排报告如下：\n一、2020年工作开展情况\n"
    )
    assert m.is_report and m.doc_type is None


def test_placeholder_regions_mark_a_template():
    m = _meta(
        "法治政府建设情况年度报告\n2019年，xx市人民政府坚持以习近平新时代中国特色社会主义思想为指导，"
        "深入推进依法行政。具体情况如下：\n一、2019年度工作情况\n"
    )
    assert not m.is_report and m.doc_type == "template"


def test_untitled_provincial_page_with_a_results_part_is_a_report():
    m = _meta(
        "2020年是全面建成小康社会和“十三五”规划收官之年。在党中央的坚强领导下，某省各级政府扎实推进依法行政和法治政府建设。\n"
        "一、全面履行政府职能，优化治理改革稳步推进\n一是持续开展“放管服”改革。\n"
    )
    assert m.is_report


def test_lost_indent_question_marks_are_dropped():
    r = analyze_text(
        "??2019年，某市各级政府全面推进法治政府建设。现将有关情况报告如下：\n??一、主要工作举措及成效\n"
    )
    assert r.text.startswith("2019年") and "\n一、主要工作举措及成效" in r.text
    assert [s.marker for s in r.sections if s.marker] == ["一、"]


def test_all_levels_of_government_report_for_the_province():
    m = _meta(
        "2020年，上海市各级政府深入学习贯彻习近平法治思想，全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措\n"
    )
    assert m.issuer == "上海市人民政府" and m.level == "province"


def test_short_government_names_are_given_in_full():
    m = _meta("上海市政府关于2020年法治政府建设情况的报告\n2020年，上海市政府坚持依法行政。\n一、主要举措\n")
    assert m.issuer == "上海市人民政府"


def test_site_metadata_lines_are_no_title_and_name_the_issuer():
    m = _meta(
        "- 索引号: sm09901-1800-2025-00003\n- 发布机构:古镛镇人民政府\n中共将乐县委员会，将乐县人民政府：\n"
        "2024年，古镛镇法治政府建设工作在县委、县政府的有力指导下，推进依法行政。现将有关情况报告如下：\n一、主要举措\n"
    )
    assert m.title is None and m.issuer == "古镛镇人民政府" and m.level == "township"
    assert m.region.county_or_district == "将乐县"


def test_a_street_office_under_a_district_government_is_a_township():
    m = _meta(
        "鲤城区人民政府金龙街道办事处关于2022年度法治政府建设情况的报告\n2022年，我街道推进依法行政。\n"
    )
    assert m.level == "township"


def test_the_opening_self_reference_decides_the_level():
    m = _meta(
        "2024年，我局认真贯彻落实区委、区政府法治建设部署要求，为全区发展提供支撑。分局被评为全省优秀单位，"
        "全省先进，全省第一。具体工作情况报告如下：\n一、2024年度推进法治政府建设的主要举措和成效\n"
    )
    assert m.level == "department"


def _inds(body: str):
    r = analyze_text("关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n" + body)
    return [(i.text, i.value, i.unit, i.qualifier, i.period) for i in r.indicators]


def test_a_sentence_initial_year_dates_its_counts():
    assert _inds("2022年我镇共发放宣传资料3份，调处纠纷2宗。") == [
        ("3份", 3, "份", "共", "2022年"),
        ("2宗", 2, "宗", None, "2022年"),
    ]


def test_qualifiers_each_at_least_average():
    got = _inds("开展宣讲各1场次，培训至少3次，平均2.5天办结。")
    assert [(t, q) for t, _v, _u, q, _p in got] == [("1场次", "各"), ("3次", "至少"), ("2.5天", "平均")]


def test_numbers_padded_with_spaces():
    got = _inds("全年培训执法人员260 余名，办理 1.3 万件，挽回损失27.4 万元。")
    assert [(v, u, q) for _t, v, u, q, _p in got] == [
        (260, "名", "余"),
        (13000, "件", None),
        (274000, "元", None),
    ]


def test_a_streak_is_no_indicator():
    assert _inds("连续6年入选全国百强区，连续4年获评优秀。全年办理案件12件。") == [
        ("12件", 12, "件", None, "全年")
    ]


def test_a_caption_unit_is_every_cell_unit_and_a_year_column_its_period():
    r = analyze_text(
        "关于2021年度法治政府建设情况的报告\n一、主要举措和成效\n表1 行政复议案件情况（单位：件）\n"
        "项目\t2020年\t2021年\n受理\t56\t72\n办结\t50\t70\n"
    )
    assert [(i.value, i.unit, i.period) for i in r.indicators] == [
        (56, "件", "2020年"),
        (72, "件", "2021年"),
        (50, "件", "2020年"),
        (70, "件", "2021年"),
    ]


def _changes(body: str):
    r = analyze_text("关于2022年度法治政府建设情况的报告\n一、主要举措和成效\n" + body)
    return [(i.value, i.change, i.change_form, i.change_basis) for i in r.indicators]


def test_compressed_to_is_a_new_level():
    assert _changes("行政许可事项办理时限压缩至5个工作日。") == [(5, "decrease", "level", None)]


def test_less_than_the_statutory_limit_is_not_a_year_on_year_change():
    assert _changes("审批时限较法定时限减少72%。受理案件同比增长12%。") == [
        (72, "decrease", "amount", "statutory_limit"),
        (12, "increase", "amount", "previous_year"),
    ]


def test_a_wrap_before_a_number_is_joined():
    """PDF text: a line ends short because the number after it did not fit (…调解成功率 / 97.93%)."""
    from fzanalyzer.normalize import normalize

    rows = [
        "关于2021年度法治政府建设情况的报告",
        "一、主要举措和成效",
        "全年各级人民调解组织调处矛盾纠纷三千余件，调解成功率",
        "97.93%，比上年提高两个百分点，有效维护了社会稳定大局，群",
        "众满意度不断提升。全年办理行政复议案件一百二十件，依法纠",
        "错十五件，纠错率12.5%，行政复议监督纠错作用充分发挥，行政",
        "机关依法行政水平不断提高。全年开展行政执法案卷评查，共评",
        "查案卷三百二十卷，优秀率达到百分之九十，执法规范化水平持",
        "续提升，全年组织执法人员培训，参训人员一千二百人次，考试",
        "合格率96.5%，执法队伍素质进一步提高，依法行政能力明显增强",
        "，基层法治建设水平稳步提升，法治政府建设取得新的明显成效。",
        "二、存在的不足",
        "执法力量不足，执法队伍建设有待加强，有关工作仍需推进落实",
        "，基层法治建设还存在薄弱环节，需要在今后工作中加以改进。",
        "某某县人民政府",
        "2022年3月1日",
    ]
    text = normalize("\n".join(rows)).text
    assert "调解成功率97.93%" in text
    assert text.endswith("某某县人民政府\n2022年3月1日")


def test_attachment_list_and_cc_line_are_not_headings_or_plans():
    r = analyze_text(
        "关于2021年度法治政府建设情况的报告\n一、主要举措和成效\n全年办理案件12件。\n二、2022年工作安排\n"
        "1.加强执法培训。全年培训执法人员不少于300人次，提升执法能力。\n2.深化放管服改革。推进一网通办，优化营商环境。\n"
        "附件：1.2021年行政执法情况统计表\n2.重大行政决策目录\n某某县人民政府\n2022年3月1日\n抄送：县委办，县人大办。"
    )
    assert [(s.marker, s.title) for s in r.sections if s.marker] == [
        ("一、", "主要举措和成效"),
        ("二、", "2022年工作安排"),
        ("1.", "加强执法培训"),
        ("2.", "深化放管服改革"),
    ]
    assert all("附件" not in p.text and "抄送" not in p.text for p in r.plans)
    assert [i.value for i in r.indicators] == [12, 300]
    plan_part = r.part("next_year_plan")[0]
    assert "附件" not in r.text[plan_part.start : plan_part.end]


def test_a_heading_cut_off_by_the_end_of_an_excerpt_is_dropped():
    r = analyze_text(
        "关于2021年度法治政府建设情况的报告\n一、主要举措和成效\n(一)强化组织领导。全年召开会议5次。\n(二)推进政务公开,"
    )
    assert [s.marker for s in r.sections if s.marker] == ["一、", "(一)"]


def test_headings_glued_into_a_one_line_page():
    fill = "认真贯彻落实党中央、国务院关于法治政府建设的决策部署，坚持依法行政，不断提升政府治理能力和水平，"
    text = (
        "2021年，我区坚持以习近平新时代中国特色社会主义思想为指导，"
        + fill * 3
        + "为经济社会发展提供有力法治保障。"
        "一、坚持党的领导，统筹推进法治政府建设（一）强化组织领导。区政府常务会议专题研究法治工作5次，"
        + fill
        + "（二）深化放管服改革，凝聚改革共识（三）严格规范执法1、规范执法行为。全年办理案件12件，"
        + fill
        + "2、加强执法监督。"
        + fill
        + "二、存在的不足一是执法力量不足。"
        + fill
    )
    r = analyze_text(text)
    assert [(s.level, s.marker, s.title) for s in r.sections if s.marker and s.level <= 3] == [
        (1, "一、", "坚持党的领导,统筹推进法治政府建设"),
        (2, "(一)", "强化组织领导"),
        (2, "(二)", "深化放管服改革,凝聚改革共识"),
        (2, "(三)", "严格规范执法"),
        (3, "1、", "规范执法行为"),
        (3, "2、", "加强执法监督"),
        (1, "二、", "存在的不足"),
    ]


def test_session_ordinals_and_place_names_are_no_counts():
    got = _inds(
        "认真落实市委六届五次、六次全会和省七次党代会精神，学习委员会第一次、第二次会议精神，三元里街获评先进，召开会议五次。"
    )
    assert [(t, v, u) for t, v, u, _q, _p in got] == [("五次", 5, "次")]


def test_a_bare_count_of_departments():
    got = _inds("商务部等 18 部门联合印发通知，各部门认真落实。")
    assert [(v, u) for _t, v, u, _q, _p in got] == [(18, "部门")]


def test_near_miss_kinds_seen_on_real_pages():
    half = _meta(
        "2020年苍城镇上半年全面依法治镇工作总结\n2020年，我镇深入推进依法治镇。现将今年以来的工作情况汇报如下：\n一、社会环境和谐稳定。\n"
    )
    catalogue = _meta(
        "政府信息主动公开事项目录\n为推进政务公开，现将各单位主动公开事项目录集中对外公开。\n法治政府建设年度报告链接地址\n"
    )
    meeting = _meta(
        "为推动党政主要负责人履行推进法治建设第一责任人职责，2023年3月21日，2022年度某区述法现场会在区委会议室召开。\n"
        "会上，区司法局等单位主要负责人进行现场述法。\n"
    )
    notice = _meta(
        "各市、县(市、区(qū))党委和人民政府：\n《某省法治政府建设实施方案》已经省委常委会会议审议通过，"
        "现(xiàn)印发(fā)给你们，请结合实际认真贯彻落实。\n中共某省委\n"
    )
    assert [(m.is_report, m.doc_type) for m in (half, catalogue, meeting, notice)] == [
        (False, "half_year_summary"),
        (False, "link_list"),
        (False, "news"),
        (False, "notice"),
    ]
    assert notice.title is None  # an addressee line is no title


def test_reports_that_look_like_near_misses():
    tagged = _meta(
        "[权威发布]某省2017年法治政府建设情况报告\n2017年以来，某省深入推进依法行政。\n一、主要举措和成效\n"
    )
    release = _meta(
        "某部发布2023年法治政府建设年度报告\n中新网3月29日电 某部发布2023年法治政府建设年度报告。具体内容如下：\n"
        "一、加强党对法治政府建设的领导，持续推进法治建设\n（一）坚决贯彻落实党中央决策部署。\n"
    )
    untitled = _meta(
        "一、总体情况\n认真贯彻落实《法治政府建设实施方案》，深入推进依法行政。\n二、工作开展情况及成效\n（一）坚持高位统筹。\n"
    )
    assert [m.is_report for m in (tagged, release, untitled)] == [True, True, True]


def test_opening_subjects_that_are_governments_or_bare_levels():
    jilin = _meta(
        "2023年，吉林省人民政府坚持以习近平法治思想为指导，推动法治政府建设。\n一、全省法治政府建设情况\n"
    )
    bare = _meta(
        "2023年，省政府全面贯彻党的二十大精神，深入推进法治政府建设。\n一、加强法治政府建设组织领导。\n"
    )
    street = _meta(
        "2023年，垡头街道工委办事处在区委、区政府的坚强领导下，推进法治政府建设。\n一、推进法治政府建设情况\n"
    )
    town = _meta("2025年，中村乡法治政府建设工作在市委的正确领导下，推进依法行政。\n一、主要举措和成效\n")
    assert (jilin.issuer, jilin.level) == ("吉林省人民政府", "province")
    assert (bare.issuer, bare.level) == (None, "province")
    assert (street.issuer, street.level) == ("垡头街道办事处", "township")
    assert town.level == "township"


def test_a_provincial_report_that_never_writes_its_name_in_full():
    m = _meta(
        "2019年，在党中央、国务院和省委的正确领导下，省政府扎实推进依法行政，落实《海南省法治政府建设实施方案》，"
        "推进海南自由贸易港法治建设。现将有关情况报告如下：\n一、坚持党对法治政府建设的领导\n"
    )
    assert (m.level, m.region.province, m.issuer) == ("province", "海南省", "海南省人民政府")


def test_place_names_built_on_numerals_are_no_counts():
    got = _inds("三张镇坚持依法行政，十里铺村、五里村推进法治建设，全镇调处纠纷18件。")
    assert [(t, v) for t, v, _u, _q, _p in got] == [("18件", 18)]


def test_titles_with_a_site_tag_or_a_subtitle_and_the_announced_year():
    tagged = _meta(
        "[权威发布]某省2017年法治政府建设情况报告\n——我省法治政府建设进入发展新阶段暨某省2017年法治政府建设情况报告\n"
        "2017年以来，某省深入推进依法行政。\n一、主要举措和成效\n"
    )
    assert tagged.title == "某省2017年法治政府建设情况报告"
    street = _meta("沅江路街道2024法治政府建设年度报告\n2024年，沅江路街道坚持依法行政。\n一、强化法治思维\n")
    assert street.level == "township"
    announced = _meta(
        "根据《法治政府建设实施纲要（2015-2020年）》等要求，现将庆隆镇2020年度法治政府建设情况报告如下：\n"
        "一、主要举措和成效\n"
    )
    assert announced.year_covered == 2020


def test_a_subtitle_naming_the_report_after_ji_and_street_self_references():
    m = _meta(
        "——我省法治政府建设进入发展新阶段暨某省2017年法治政府建设情况报告\n"
        "2017年以来，某省委、省政府深入推进依法行政。\n一年来，我省各级各部门全面推进法治政府建设。\n"
    )
    assert m.title == "某省2017年法治政府建设情况报告" and m.year_covered == 2017
    street = _meta(
        "为全面贯彻党的十九大精神，我街严格按照区委要求推进法治建设。现将我街法治建设有关工作情况总结如下：\n"
        "一、2020年法治建设工作情况\n"
    )
    assert street.level == "township"


def test_a_year_and_its_whole_year_are_one_period():
    r = analyze_text(
        "关于2020年度法治政府建设情况的报告\n一、主要举措和成效\n规范便民服务中心运行，2020年全年办理群众反馈事项270件。"
    )
    assert [(i.period, i.period_resolved) for i in r.indicators] == [("2020年全年", "2020")]


def test_a_ministry_named_in_the_opening_is_the_issuer():
    m = _meta(
        "2017年，原环境保护部深入学习宣传贯彻党的十九大精神，推进法治政府建设。\n一、依法全面履行政府职能\n"
    )
    assert (m.issuer, m.level) == ("环境保护部", "department")
    cadres = _meta("2020年，全体干部坚持依法行政，推进法治政府建设。\n一、主要举措和成效\n")
    assert cadres.issuer is None


def test_a_summary_of_several_years_is_no_annual_report():
    # a county bureau's five-year summary of one reform, printed with hard line breaks
    summary = _meta(
        "县司法局关于2021-2025年度行\n政复议体制改革工作总结报告\n"
        "根据上级党委、政府关于全面深化法治政府建设的统一部署,自新一轮行政复议体制改革启动以来,"
        "我县系统性推进各项改革任务。现将2021年至2025年度我县行政复议体制改革工作情况总结报告如下。\n"
        "一、夯实组织基础,改革总体成效初步彰显\n"
    )
    assert (summary.is_report, summary.doc_type) == (False, "multi_year_summary")
    # a plan's span quoted in brackets is no range of the report's own years
    annual = _meta(
        "某区落实《法治政府建设实施纲要(2021-2025年)》2022年度情况报告\n"
        "2022年,某区坚持以习近平法治思想为指导。现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    assert annual.is_report


def test_a_thematic_part_cut_off_by_the_page_is_not_taken_for_the_plan():
    # a web copy that stops inside its second thematic part, whose words speak of 推进/持续
    from fzanalyzer.segment.parts import label_parts

    first = (
        "深入学习贯彻党的二十大精神",
        "局党组坚持把学习贯彻习近平法治思想作为首要政治任务,全年专题学习12次。",
    )
    cut = (
        "深入学习宣传贯彻习近平法治思想,夯实法治人社建设思想基础",
        "一是持续学习。局领导带头学习,将习近平法治思想作为法治人社建设的根本遵循。二是多管齐下。"
        "将学习宣传贯彻习近平法治思想纳入局“八五”普法规划重点宣传内容、局年度法治建设重点工作",
    )
    assert label_parts([first, cut], 2023)[1] == ["measures_and_results"]
    # the same part closing a whole report (its last sentence ended) is still read from its words
    whole = (cut[0], cut[1] + "。下一步,我局将持续推进,进一步抓好落实,计划开展专题培训3期。")
    assert label_parts([first, whole], 2023)[1] == ["next_year_plan"]


def test_near_misses_of_the_fourth_round_and_their_twins():
    """Session 10's dev pages of annotators S–V: a speech whose title line is not read as a title,
    a person's signed evaluation, and (twins that stay reports) a report that covers its rule-of-law
    work and its leader's duty in one sentence, a document-sharing site's copy titled only by its
    file name, a title wrapped after ``…人民政府关于法治政府``."""
    speech = _meta(
        "在法治政府建设推进会议上的讲话\n【收藏】 作者: 佚名 来源: 作者原创\n"
        "刚才，会议通报了全县法治政府建设工作情况。\n下面，我讲三点意见。\n"
        "一、提高认识，进一步增强推进法治政府建设的责任感\n2015年，国务院印发《法治政府建设实施纲要》。\n"
    )
    signed = _meta(
        "某市法治政府建设年度报告(2016年)\n\n  • 作者: 王国强\n  • 时间: 2018-01-01\n\n"
        "2016年，某市法治政府建设稳步推进，同时离法治政府的目标尚有一定的距离。\n一、政府法治建设迈出坚实的步伐\n"
    )
    both = _meta(
        "根据《法治政府建设与责任落实督察工作规定》要求，现将某市生态环境局2025年度法治政府建设工作情况和"
        "主要负责人履行推进法治建设第一责任人职责情况报告如下:\n一、上一年度法治政府建设的主要举措和成效\n"
    )
    shared = _meta(
        "《2023年法治政府建设年度报告.docx》由会员分享,可在线阅读,更多相关《2023年法治政府建设年度报告.docx(9页珍藏版)》请在文库网上搜索。\n"
        "1、2023年法治政府建设年度报告2023年,某市坚持以习近平新时代中国特色社会主义思想为指导,法治政府建设取得新成效。"
        "一、深入学习贯彻习近平法治思想,加大法治政府建\n2、设统筹推进力度\n"
    )
    wrapped = _meta(
        "上海市某区人民政府关于法治政府\n建设情况报告\n2023年，某区政府在市委、市政府的坚强领导下，推进依法行政。\n"
        "一、2023年法治政府建设主要举措和成效\n"
    )
    assert [(m.is_report, m.doc_type) for m in (speech, signed)] == [(False, "speech"), (False, "article")]
    assert [m.is_report for m in (both, shared, wrapped)] == [True, True, True]
    assert (shared.title, shared.year_covered) == ("2023年法治政府建设年度报告", 2023)
    assert wrapped.title == "上海市某区人民政府关于法治政府建设情况报告"


def test_pages_of_the_fifth_round():
    """Session 10's dev pages of annotators W–Y: a sample site's 第一篇:, an encyclopedia entry on a
    rule, a city's administrative-enforcement report are near-misses; a byline naming an office
    (作者:区人大) is no person's; titles from a metadata table's row, below metadata labels (体裁,
    内容概述), under a browser title with the site's name, and from a removed line opening with
    the year and the organ."""
    sample = _meta(
        "以下是为大家整理的关于法治建设情况的文章3篇,欢迎品鉴!\n第一篇: 某局法治建设情况\n"
        "某局以习近平新时代中国特色社会主义思想为指导，推进法治政府建设。\n一、主要举措和成效\n"
    )
    entry = _meta(
        "某县依法行政报告制度\n为加快法治政府建设，结合我县实际，特制定依法行政报告制度。\n基本介绍\n"
        "  • 中文名:某县依法行政报告制度\n  • 类型:报告制度\n一、依法行政报告的内容\n"
    )
    enforcement = _meta(
        "2022年,我市行政执法工作紧紧围绕深入贯彻落实习近平法治思想,推进法治政府建设。"
        "现将全市2022年行政执法工作情况报告如下:\n一、全市行政执法基本情况\n"
    )
    congress = _meta(
        "某区人民政府2017年法治政府建设情况报告\n来源:区人大      作者:区人大       发布日期:2018-02-09\n"
        "某区人民代表大会常务委员会:\n    2017年,某区人民政府深入推进法治政府建设。\n一、主要举措和成效\n"
    )
    assert [(m.is_report, m.doc_type) for m in (sample, entry, enforcement)] == [
        (False, "template"),
        (False, "encyclopedia"),
        (False, "enforcement_report"),
    ]
    # an empty byline before the next label (作者: 信息来源: 区统计局) signs nobody
    unsigned = _meta(
        "某区统计局关于2025年度法治政府建设情况的报告\n\n发布时间:2026-01-15 09:22 作者: 信息来源: 区统计局\n\n"
        "今年以来,区统计局深入学习贯彻习近平法治思想,扎实推进依法行政。现将有关情况报告如下:\n"
        "一、2025年度推进法治政府建设的主要举措和成效\n"
    )
    assert congress.is_report and unsigned.is_report
    row = _meta(
        "| 索引号: | 011158671/2025-09186 | 分类: | 其他 | ||\n| 发布机构: | 某镇人民政府 | 发文日期: | 2025-02-28 | ||\n"
        "| 标题: | 某镇2024年法治政府建设年度报告 | ||||\n2024年,某镇在县委、县政府的正确领导下,推进法治政府建设。\n"
        "一、推进法治政府建设的主要举措和成效\n"
    )
    labels = _meta(
        "  • 体       裁: 报告\n  • 内容概述: 某市某镇人民政府2025年法治政府建设年度报告\n"
        "某市某镇人民政府2025年法治政府建设年度报告\n2025年，某镇推进法治政府建设。\n一、主要举措和成效\n"
    )
    assert row.title == "某镇2024年法治政府建设年度报告"
    assert labels.title == "某市某镇人民政府2025年法治政府建设年度报告"


def test_titles_under_a_browser_title_or_a_dated_organ_line():
    browser = _meta(
        "某市2016年法治政府建设情况报告_法治政府建设情况报告_中国·某市\n头部\n某市2016年法治政府建设情况报告\n"
        "中国某市政府门户网站 www.dg.gov.cn  2017-03-27 14:37  来源:\n【字体:??\n\n"
        "2016年,我市各级行政机关深入贯彻落实《法治政府建设实施纲要(2015-2020年)》。\n一、2016年度法治政府建设情况\n"
    )
    dated = _meta(
        "2023年度浦东新区川沙新镇人民政府法治政府建设情况报告\n\n索引号 发布机构 川沙新镇\n公开类别 主动公开 发布时间 2024-03-20\n\n"
        "法治政府建设情况报告\n引言\n本年度报告由上海市浦东新区川沙新镇人民政府编制。\n一、主要举措和成效\n"
    )
    assert browser.title == "某市2016年法治政府建设情况报告"
    assert dated.title == "2023年度浦东新区川沙新镇人民政府法治政府建设情况报告"


def test_pages_of_the_sixth_round():
    """Session 11's dev pages of annotator AD: a department named 国防动员办公室 is no mobilisation news;
    an outside evaluator's 评估报告 is no government's report."""
    civil_defence = _meta(
        "发布机构: 省人防办 公开日期: 2023-02-07\n浙江省国防动员办公室2022年法治政府建设年度报告\n"
        "2022年,浙江省国防动员办公室按照中央和省委关于建设法治政府的决策部署,深入推进依法行政。\n"
        "一、2022年法治政府建设基本情况\n"
    )
    evaluation = _meta(
        "嘉定区法治政府建设评估报告\n华东政法大学“嘉定区法治政府建设”评估小组\n"
        "一、贯彻中央精神,督促落实法治政府建设责任\n全面推进依法治国是实现国家治理体系和治理能力现代化的必然要求。\n"
    )
    assert civil_defence.is_report and civil_defence.issuer == "浙江省国防动员办公室"
    assert (evaluation.is_report, evaluation.doc_type) == (False, "article")
