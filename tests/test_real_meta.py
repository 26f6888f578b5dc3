"""Metadata on real published pages (issue 10): the issuer as a reader names it, region, level,
and how the issuer is scored; each on a short snippet written here in the style of the page that
showed it (the real pages are not ours to copy: tests/data/real)."""

from __future__ import annotations

import pytest

from fzanalyzer.evaluate.score import Tally, same_issuer, score_meta
from fzanalyzer.meta.gazetteer import gazetteer
from fzanalyzer.pipeline import analyze_text


def _meta(text: str):
    return analyze_text(text, id="t", analyze=False).meta


def test_autonomous_counties_are_found_under_their_short_names():
    g = gazetteer()
    assert [d.code for d in g.by_name("镇宁自治县")] == [d.code for d in g.by_name("镇宁布依族苗族自治县")]
    assert [d.name for d in g.by_name("彭水县")] == ["彭水苗族土家族自治县"]
    assert g.by_name("东乡自治县") == []  # 东乡族自治县: the nationality is the whole name


def test_issuer_scoring_accepts_the_same_body_only():
    # The same body: divisions above it named or not, the state's name, a gazetteer short name.
    assert same_issuer("上海市静安区人民政府", "静安区人民政府", {"province": "上海市"})
    assert same_issuer("彭水县棣棠乡人民政府", "棣棠乡人民政府", {})
    assert same_issuer("中华人民共和国司法部", "司法部", {})
    assert same_issuer("镇宁布依族苗族自治县人民政府", "镇宁自治县人民政府", {})
    # Another body: another organ, another division, a division the gazetteer puts elsewhere,
    # a city the prediction itself names otherwise.
    assert not same_issuer("三明市卫生健康委员会", "三明市司法局", {})
    assert not same_issuer("彭水县棣棠乡人民政府", "棣棠乡党委", {})
    assert not same_issuer("北京市静安区人民政府", "静安区人民政府", {})
    assert not same_issuer("广州市白云区人民政府", "白云区人民政府", {"city": "贵阳市"})
    assert not same_issuer("竹溪县泉溪镇人民政府", "竹溪县人民政府", {})
    assert not same_issuer("广州市人民政府", "人民政府", {})


def test_score_meta_uses_the_same_body_rule():
    gold = {"issuer": "广州市白云区人民政府", "region": {"city": "广州市"}}
    pred = {"meta": {"issuer": "白云区人民政府", "region": {"city": "广州市"}}}
    t = Tally()
    score_meta(gold, pred, t)
    assert t.meta["issuer"].value == 1.0
    t = Tally()
    score_meta(gold, {"meta": {"issuer": "白云区人民政府", "region": {"city": "贵阳市"}}}, t)
    assert t.meta["issuer"].value == 0.0


# (page in the style of a real one, issuer, level, region fields the text names)
NAMED_IN_PASSING = {
    # A city that names itself only in a document title and its short name (全市各级行政机关…).
    "city_in_a_title": (
        "2023年，在省委、省政府和市委坚强领导下，全市各级行政机关坚持依法行政，扎实推进法治政府建设。\n"
        "一、2023年法治政府建设主要工作及成效\n"
        "（一）完善制度。印发《景德镇市贯彻落实〈法治政府建设实施纲要〉实施方案》，“赣服通”景德镇分厅上线。\n",
        "景德镇市人民政府",
        "city",
        {"city": "景德镇市", "province": "江西省"},
    ),
    # A department's short name in full, its city from the text (市卫健委 → 三明市卫生健康委员会).
    "department_short_name": (
        "2022年，市卫健委坚持以习近平新时代中国特色社会主义思想为指导，扎实推进卫生健康普法依法治理工作。"
        "现将2022年我委法治政府建设工作情况报告如下：\n一、2022年工作情况\n"
        "（一）加强组织领导。制定印发了《三明市卫生健康系统法治宣传教育实施方案》。\n",
        "三明市卫生健康委员会",
        "department",
        {"city": "三明市"},
    ),
    # 我区 of an autonomous region whose organs the text names (自治区党委) is a province.
    "autonomous_region": (
        "一、深入学习践行习近平法治思想，全力谋划推进我区法治政府建设\n"
        "自治区党委、政府坚持法治广西、法治政府、法治社会一体建设，自治区主席多次主持召开自治区政府常务会议。\n"
        "（一）法治广西建设规划全面实施。\n",
        "广西壮族自治区人民政府",
        "province",
        {"province": "广西壮族自治区"},
    ),
    # The body named in the reporting sentence (现将2018年上海市法治政府建设情况的报告公开如下).
    "reporting_sentence": (
        "根据《法治政府建设实施纲要（2015—2020年）》等要求，现将2018年上海市法治政府建设情况的报告公开如下：\n"
        "一、进一步健全法治政府建设领导体制\n（一）领导体制进一步深化\n",
        "上海市人民政府",
        "province",
        {"province": "上海市"},
    ),
}


@pytest.mark.parametrize("case", sorted(NAMED_IN_PASSING))
def test_a_government_named_only_in_passing_is_the_issuer(case):
    text, issuer, level, region = NAMED_IN_PASSING[case]
    m = _meta(text)
    assert (m.issuer, m.level) == (issuer, level)
    assert {f: getattr(m.region, f) for f in region} == region


def test_a_township_named_twice_in_the_opening_reports_and_once_is_not_enough():
    twice = _meta(
        "根据《法治政府建设实施纲要（2015-2020年）》要求，现将庆隆镇2020年度法治政府建设情况报告如下：\n"
        "一、推进法治政府建设的主要举措和成效\n"
        "（一）加强决策部署。将依法行政纳入《庆隆镇2020年工作要点》，服务全镇工作大局。\n"
    )
    assert twice.issuer == "庆隆镇人民政府" and twice.level == "township"
    once = _meta(
        "2020年，我镇坚持依法行政，推进法治政府建设。\n一、主要举措和成效\n（一）加强决策部署。走访龙泉镇学习经验。\n"
    )
    assert once.issuer is None and once.level == "township"


def test_a_province_named_by_its_short_form_is_named_but_a_county_does_not_name_its_city():
    m = _meta(
        "2022年，武汉市司法局深入学习贯彻习近平总书记考察湖北武汉重要讲话精神，扎实推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n二、存在的不足\n"
    )
    assert m.issuer == "武汉市司法局"
    assert m.region.province == "湖北省" and "province" not in m.region_inferred
    m = _meta("2022年，南昌县坚持依法行政，现将有关情况报告如下：\n一、主要举措和成效\n")
    assert m.region.county_or_district == "南昌县" and "city" in m.region_inferred


def test_the_site_header_removed_as_chrome_still_names_the_province():
    text = (
        "天津市静海区人民政府 2019年12月3日星期二\n\n无障碍 简体| 繁体\n\n"
        "静海区2023年度法治政府建设情况报告\n来源:静海区人民政府办公室 发布时间:2024-03-28 09:18\n\n"
        "静海区2023年度法治政府建设情况报告\n"
        "2023年，静海区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想，推进法治政府建设。\n"
        "一、区政府主要负责同志履行推进法治建设第一责任人职责情况\n"
    )
    m = _meta(text)
    assert "天津市静海区人民政府 2019" not in analyze_text(text, analyze=False).text  # chrome is gone
    assert m.issuer == "天津市静海区人民政府" and m.region.province == "天津市"
    assert m.region_inferred == []


def test_a_township_gets_the_county_its_text_names_and_its_party_and_government_report():
    m = _meta(
        "区委、区政府：\n"
        "2025年以来，在区委、区政府的坚强领导下，在区委全面依法治区委员会的指导下，观胜镇党委、政府深入学习"
        "宣传贯彻习近平法治思想，推进法治政府建设，落实《荣昌区法治政府建设实施方案》，现将我镇2025年法治政府建设情况报告如下：\n"
        "一、2025年推进法治政府建设的主要举措和成效\n"
    )
    assert m.level == "township" and m.region.county_or_district == "荣昌区" and m.region.province == "重庆市"
    assert same_issuer("重庆市荣昌区观胜镇人民政府", m.issuer, m.region.__dict__)


def test_a_ministry_that_publishes_its_report_in_a_headline_is_its_issuer():
    m = _meta(
        "应急管理部发布2023年法治政府建设年度报告\n"
        "据应急管理部微信公众号消息，应急管理部发布2023年法治政府建设年度报告。具体内容如下：\n"
        "一、加强党对法治政府建设的领导，持续推进应急管理法治建设\n"
        "（一）坚决贯彻落实党中央全面依法治国决策部署。\n"
    )
    assert m.is_report and m.issuer == "应急管理部" and m.level == "department"
    # 干部 and 全部 are no ministries.
    assert _meta("全部2023年法治政府建设情况报告\n一、主要举措和成效\n二、存在的不足\n").issuer is None


def test_a_page_without_a_year_in_its_text_is_dated_by_its_site_column():
    text = (
        "您当前的位置: 首页> 政务公开> 政府信息公开目录> 法治政府建设年度报告 > 2021年度\n"
        "一、总体情况\n"
        "街道党工委、办事处坚持依法行政，深入推进法治政府建设，我街道法治建设取得新成效。\n"
        "二、存在的不足\n"
    )
    m = _meta(text)
    assert m.is_report and m.year_covered == 2021
    assert "2021年度" not in analyze_text(text, analyze=False).text  # the breadcrumb was chrome


_BODY = (
    "2021年，我县坚持依法行政，推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n二、存在的不足\n"
)


def test_a_title_line_wrapped_in_a_file_name_or_a_site_name_is_the_title():
    for head in (
        "「青岚县2021年度法治政府建设情况报告.docx」",
        "附件：青岚县2021年度法治政府建设情况报告.pdf",
        "青岚县2021年度法治政府建设情况报告 - 青岚县人民政府门户网站",  # removed as chrome, yet the title
        "青岚县2021年度法治政府建设情况报告【打印本页】【关闭窗口】",
    ):
        m = _meta(head + "\n" + _BODY)
        assert m.title == "青岚县2021年度法治政府建设情况报告", head
        assert m.issuer == "青岚县人民政府" and m.level == "district_county" and m.year_covered == 2021


def test_a_title_quoted_in_the_opening_sentence_is_the_title_and_a_first_heading_is_not():
    m = _meta("现将《青岚县2021年度法治政府建设情况报告》公布如下。\n" + _BODY)
    assert m.title == "青岚县2021年度法治政府建设情况报告" and m.issuer == "青岚县人民政府"
    m = _meta(
        "一、2021年法治政府建设主要举措和成效\n2021年，我县坚持依法行政，推进法治政府建设。\n二、存在的不足\n"
    )
    assert m.title is None and m.year_covered == 2021


def test_a_title_without_divisions_names_no_department():
    m = _meta("2021年度法治政府建设情况报告\n" + _BODY)
    assert m.level == "district_county"  # 我县; the year of the title is no organ


def test_a_news_summary_with_the_genre_words_but_not_its_form_is_no_report_yet_is_extracted():
    text = (
        "法治是安邦治国的基石。近年来，全县法治政府建设工作以习近平法治思想为指引，为全县经济社会高质量发展营造了良好的法治环境。\n"
        "坚持高位推动 法治政府建设责任不断强化\n"
        "县委、县政府高度重视法治建设，压实党政主要负责人履行推进法治建设第一责任人职责，全年研究法治工作12次。\n"
    )
    r = analyze_text(text)
    assert not r.meta.is_report and r.meta.report_confidence < 0.5
    assert any(i.value == 12 for i in r.indicators)  # no gate: a page that might be a report is extracted
    # The same words under the report's own opening are a report.
    report = "2022年，高台县坚持以习近平法治思想为指引，扎实推进法治政府建设。\n" + text
    assert analyze_text(report, analyze=False).meta.is_report


def test_a_breadcrumb_naming_the_report_column_is_no_title():
    text = (
        "您当前的位置：首页 > 政务公开 > 法治政府建设年度报告 > 2021年法治政府建设情况报告\n"
        "县人大常委会组织代表视察法治政府建设工作，会议听取了县司法局的汇报。\n"
    )
    m = _meta(text)
    assert m.title is None and not m.is_report


def test_words_holding_a_township_suffix_are_no_township():
    from fzanalyzer.meta import _township_named

    text = "全面推进乡村振兴。推进乡村振兴，统筹城乡发展，统筹城乡。各乡镇、各乡镇要落实。推进乡村治理。"
    assert _township_named(text) is None
    assert _township_named("庆隆镇政府深入推进依法行政。庆隆镇坚持依法决策，推进乡村振兴。") == "庆隆镇"


def test_the_page_title_line_with_its_issuer_is_the_title():
    # A county page titled with issuer + report (removed as site chrome) that prints the issuer and
    # the report's name on two lines below: the line the page titles itself with is the title.
    page = (
        "桃源县人民政府2017年度法治政府建设情况报告\n\n文章来源: 发布时间:2017年12月13日 字号:【小】 【大】\n\n"
        "桃源县人民政府\n\n2017年度法治政府建设情况报告\n\n2017年,在上级党委、政府的正确领导下,我县深入贯彻落实"
        "《法治政府建设实施纲要(2015—2020年)》,较好地完成了法治政府建设年度任务。现将我县2017年度法治政府建设情况报告如下:\n"
        "一、依法全面履行政府职能\n"
    )
    m = _meta(page)
    assert m.title == "桃源县人民政府2017年度法治政府建设情况报告"
    assert m.issuer == "桃源县人民政府"
    # A page whose title line has no issuer keeps the title it prints (关于2025年…报告).
    page = (
        "关于2025年法治政府建设情况的报告\n\n来源:杨陵区人民政府 发布时间:2026-03-16 17:46\n\n杨陵区人民政府\n\n"
        "关于2025年法治政府建设情况的报告\n\n区人大常委会:\n\n2025年,在示范区党工委的坚强领导下,我区法治政府建设扎实推进。\n"
    )
    assert _meta(page).title == "关于2025年法治政府建设情况的报告"


def test_a_party_committee_beside_its_government_names_no_body():
    # 市委市政府坚持… is the city's Party committee and government: no name; the title names the city.
    page = (
        "西安市2021年法治政府建设情况的报告\n2021年,市委市政府坚持以习近平新时代中国特色社会主义思想为指导,"
        "全面践行习近平法治思想,法治政府建设不断向纵深推进,取得了积极成效。\n一、主要举措和成效\n"
    )
    m = _meta(page)
    assert m.issuer == "西安市人民政府"
    assert (m.region.city, m.level) == ("西安市", "city")


def test_the_bare_autonomous_region_of_its_organs_is_no_division_name():
    # 在自治区党委、自治区人民政府的坚强领导下: 自治区 is the level; the region is the one the text names.
    page = (
        "2018年,在自治区党委、自治区人民政府的坚强领导下,我市政府认真贯彻落实党的十九大精神,全面贯彻自治区党委、"
        "自治区人民政府《广西壮族自治区法治政府建设实施方案(2016—2020年)》的总体部署。\n"
        "梧州市人民政府\n"
    )
    from fzanalyzer.meta.superior import named_divisions

    assert named_divisions("自治区党委、自治区人民政府") == []
    assert named_divisions("广西壮族自治区党委") == ["广西壮族自治区"]
    assert _meta(page).region.province != "自治区"


def test_a_law_library_page_quotes_the_title_it_describes():
    # 《…报告》是2019年…发布的通知。: the quoted name is the title, and its year the year covered.
    page = (
        "《梧州市人民政府2018年度法治政府建设工作报告》是2019年梧州市人民政府发布的通知。\n"
        "2018年,在自治区党委、自治区人民政府的坚强领导下,我市政府以习近平新时代中国特色社会主义思想为指导,"
        "认真贯彻落实党的十九大精神。\n"
    )
    m = _meta(page)
    assert m.title == "梧州市人民政府2018年度法治政府建设工作报告"
    assert m.year_covered == 2018


def test_an_untitled_report_opening_on_the_years_significance_is_a_report():
    # 今年是…。2021年，闵行区在…领导下 … 现将…情况总结如下: the report's form after a preamble sentence.
    page = (
        "今年是中国共产党成立100周年,是全面建成小康社会后迈向全面建设社会主义现代化国家新征程的第一年,"
        "做好法治政府建设工作意义十分重大。2021年,闵行区在市委、市政府和区委、区政府的领导下,"
        "积极争创全国法治政府建设示范区,建设更高水平的法治政府。现将2021年法治政府建设工作情况总结如下:"
        " 一、法治政府建设主要措施和成效 (一)深入学习贯彻习近平法治思想"
    )
    m = _meta(page)
    assert m.is_report
    assert (m.level, m.region.county_or_district, m.year_covered) == ("district_county", "闵行区", 2021)


def test_news_of_an_inspection_visit_is_no_report():
    # 12月25日，市政府依法行政考核组来我区考核…: news about the work, though it reads 今年以来，我区…法治政府建设.
    page = (
        "12月25日,市政府依法行政考核组来我区考核法治政府建设和依法行政工作。副区长陪同。\n"
        "在认真听取了我区关于法治政府建设和依法行政工作的情况汇报后,考核组给予充分肯定。\n"
        "今年以来,我区积极推进法治政府建设和依法行政工作,共对区政府及各部门报送的27件文件进行把关。\n"
    )
    m = _meta(page)
    assert (m.is_report, m.doc_type) == (False, "news")


def test_a_two_character_county_counts_where_it_opens_a_phrase_not_inside_one():
    # 我县 + 《房县法治政府建设实施方案》: the county is 房县; 县委和县政府 does not name 和县.
    page = (
        "2022年,我县深入贯彻习近平法治思想,按照国家、省、市关于法治政府建设的总体部署,扎实推进法治政府建设工作,"
        "现将工作情况报告如下:\n一、法治政府建设推进情况\n1.着眼全局,谋划长远。制定《房县法治政府建设实施方案"
        "(2021-2025年)》。印发《房县人民政府重大行政决策程序规定》。\n"
    )
    m = _meta(page)
    assert (m.region.county_or_district, m.issuer) == ("房县", "房县人民政府")
    page = (
        "棣棠乡2023年度法治政府建设情况报告\n2023年,在县委和县政府的坚强领导下,棣棠乡深入学习贯彻习近平法治思想,"
        "现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    assert _meta(page).region.county_or_district != "和县"


def test_a_title_broken_around_its_year_is_read_whole():
    # A page converted span by span breaks its lines around every number.
    page = (
        "关于\n2018\n年宁波市人民政府法治政府建设工作情况的报告\n市人大常委会:\n根据《法治政府建设实施纲要(\n2015\n-\n"
        "2020\n年)》的要求,现报告\n2018\n年度市人民政府法治政府建设情况如下。\n"
    )
    m = _meta(page)
    assert m.title == "关于2018年宁波市人民政府法治政府建设工作情况的报告"
    assert (m.issuer, m.region.city, m.year_covered) == ("宁波市人民政府", "宁波市", 2018)


def test_a_column_name_above_a_whole_title_is_not_its_first_half():
    page = (
        "法治政府建设\n西安市2023年法治政府建设情况的报告\n2023年,在省委、省政府的坚强领导下,西安市坚持以习近平新时代"
        "中国特色社会主义思想为指导,将法治政府建设作为全面依法治市的重点任务。\n"
    )
    assert _meta(page).title == "西安市2023年法治政府建设情况的报告"
    # A title really printed on two lines is still read whole.
    page = "关于2020年度法治政府\n建设工作情况的报告\n2020年,我县坚持依法行政,法治政府建设取得新成效。\n"
    assert _meta(page).title == "关于2020年度法治政府建设工作情况的报告"


def test_a_party_committee_issuing_with_its_government_is_the_governments_level():
    # A joint report of the Party committee and the government is no department's.
    page = (
        "中共甘肃省委 甘肃省人民政府\n关于2023年法治政府建设情况的报告\n"
        "2023年,全省坚持以习近平法治思想为指导,法治政府建设取得新进展。现将有关情况报告如下:\n"
        "一、主要举措和成效\n"
    )
    m = _meta(page)
    assert (m.level, m.region.province) == ("province", "甘肃省")
    # Named only in the opening, with 和 between them: the government reports.
    page = (
        "2022年,广西壮族自治区党委和政府深入学习贯彻习近平法治思想,持续推进法治政府建设。现将有关情况报告如下:\n"
        "一、党对法治政府建设的领导全面加强\n自治区党委高度重视法治政府建设。\n"
    )
    m = _meta(page)
    assert (m.issuer, m.level) == ("广西壮族自治区人民政府", "province")


def test_title_wrappers_of_copying_sites_and_document_numbers_are_no_part_of_the_issuer():
    page = (
        "范文之家—每日更新www.example.com山西省人民政府关于2022年度法治政府建设情况的报告2022年,省政府坚持"
        "以习近平法治思想为指导,深入推进依法行政,法治政府建设取得新成效。现将有关情况报告如下:一、主要举措\n"
    )
    m = _meta(page)
    assert (m.title, m.issuer) == ("山西省人民政府关于2022年度法治政府建设情况的报告", "山西省人民政府")
    page = (
        "[定政发〔2025〕3号]定西市人民政府关于2024年法治政府建设情况的报告\n市委:\n"
        "2024年,市政府坚持依法行政,法治政府建设取得新成效。\n一、主要举措\n"
    )
    m = _meta(page)
    assert (m.title, m.issuer) == ("定西市人民政府关于2024年法治政府建设情况的报告", "定西市人民政府")


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("江西省人民政府公布2018年度法治政府建设情况", "江西省人民政府"),
        ("襄阳市地方税务局近年来依法行政工作情况的报告", "襄阳市地方税务局"),
        (
            "青海省民族宗教事务委员会(省宗教局)2024年度法治政府建设工作报告",
            "青海省民族宗教事务委员会(省宗教局)",
        ),
    ],
)
def test_issuer_opening_a_title_before_gongbu_jinnianlai_or_with_a_second_name(title, issuer):
    page = f"{title}\n2024年以来,我局坚持依法行政,法治建设取得新进展。现将有关情况报告如下:\n一、主要举措\n"
    m = _meta(page)
    assert (m.title, m.issuer) == (title, issuer)


def test_a_report_named_in_its_opening_sentence_is_no_title():
    # An untitled page whose first line is the whole opening paragraph.
    page = (
        "2023年,禄劝县坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,全面贯彻落实党中央、"
        "国务院关于法治政府建设决策部署和省、市工作安排,扎实工作,法治政府建设取得显著成效。现将禄劝县2023年度"
        "法治政府建设工作情况报告如下:\n一、工作情况\n(一)认真贯彻落实习近平法治思想。我县高度重视。\n"
    )
    m = _meta(page)
    assert m.title is None
    assert (m.issuer, m.year_covered) == ("禄劝县人民政府", 2023)


def test_a_township_named_without_its_organ_before_the_title():
    # The page's title line (removed as chrome), then the title printed on two lines below.
    page = (
        "彭水苗族土家族自治县棣棠乡关于2022年法治政府建设情况的报告\n\n日期:2023-02-20\n字号:\n\n"
        "彭水苗族土家族自治县棣棠乡\n\n关于2022年法治政府建设情况的报告\n\n2022年,在县委、县政府的坚强领导下,"
        "棣棠乡坚持依法行政,推进法治政府建设。现将有关情况报告如下:\n一、工作开展情况\n"
    )
    m = _meta(page)
    assert m.title == "彭水苗族土家族自治县棣棠乡关于2022年法治政府建设情况的报告"
    assert (m.issuer, m.level) == ("彭水苗族土家族自治县棣棠乡人民政府", "township")


def test_shi_zhengfu_of_a_county_level_city_is_a_county():
    # 市政府 without its name: the county-level city the text names most is the issuer.
    page = (
        "2021年,市政府坚持以习近平法治思想为指导,全面落实《江西省法治政府建设实施纲要》和《德兴市法治政府建设"
        "实施方案》各项任务,推进法治政府建设取得新成效。现将市政府推进法治政府建设情况汇报如下:\n"
        "一、主要举措\n(一)全面筑牢法治基础\n德兴市制定权责清单。\n"
    )
    m = _meta(page)
    assert (m.level, m.region.county_or_district, m.issuer) == ("district_county", "德兴市", "德兴市人民政府")


def test_a_city_report_naming_a_county_level_city_once_stays_a_city():
    page = (
        "2019年,我市认真贯彻党的十九大精神,以落实《法治政府建设实施纲要》为主线,推进法治政府建设取得显著成效。"
        "胶州市被评为全国法治政府建设示范县。现将有关情况报告如下:\n一、主要举措\n全市各级行政机关依法行政。\n"
    )
    m = _meta(page)
    assert m.level == "city" and m.region.county_or_district is None


def test_the_year_of_a_report_that_opens_on_its_grounds_and_sums_up_with_xiandui():
    page = (
        "根据《法治建设年度报告制度》的要求,以及市、区对法治建设工作的具体部署,2022年,湖滨街道深入学习贯彻"
        "习近平法治思想,全面开展法治政府建设。现对2022年所做工作总结如下:\n一、主要举措和成效\n"
    )
    assert _meta(page).year_covered == 2022


def test_a_short_division_name_takes_the_full_name_the_text_also_writes():
    page = (
        "2022年度法治政府建设情况报告\n2022年,恩施州政府坚持以习近平法治思想为指导,法治政府建设取得新成效。\n"
        "一、基本情况\n贯彻《恩施土家族苗族自治州法治政府建设实施方案》,恩施州本级权责清单2268项。\n"
    )
    m = _meta(page)
    assert (m.level, m.region.city, m.region.province) == ("city", "恩施土家族苗族自治州", "湖北省")
    # Without the full name in the text, the region is still the gazetteer's division (annotators
    # D and F write 昌吉回族自治州 for a page's 昌吉州); the issuer keeps the text's words.
    m = _meta(page.replace("《恩施土家族苗族自治州法治政府建设实施方案》", "《实施方案》"))
    assert (m.region.city, m.issuer) == ("恩施土家族苗族自治州", "恩施州人民政府")


def test_an_autonomous_prefecture_named_short_is_its_official_division_in_the_region(data_dir):
    """A report of 延边州 (the short name pages use) has the region of the gazetteer's division,
    延边朝鲜族自治州, as its adcode does; the issuer keeps the page's own words."""
    text = (data_dir / "dev" / "chengchuan-2021.txt").read_text(encoding="utf-8")
    m = _meta(text.replace("澄川市", "延边州"))
    assert "延边朝鲜族自治州" not in text.replace("澄川市", "延边州")
    assert m.region.city == "延边朝鲜族自治州" and m.adcode == "222400"
    assert m.issuer == "延边州司法局"


def _zone_report(data_dir, replacements, extra=()):
    text = (data_dir / "dev" / "tangxi-2021.txt").read_text(encoding="utf-8")
    for old, new in [*replacements, *extra]:
        assert old in text
        text = text.replace(old, new, 1 if (old, new) in extra else -1)
    return _meta(text)


def test_a_development_zone_is_run_by_its_management_committee_in_the_city_its_text_names(data_dir):
    """A zone the gazetteer does not know (郑东新区) is no division with a 人民政府: its
    管委会 is its government (level district_county) under its full name, in the city the text
    names (《郑州市…》)."""
    m = _zone_report(
        data_dir, [("临澄市棠溪区人民政府", "郑东新区管委会"), ("临澄市", "郑州市"), ("棠溪区", "郑东新区")]
    )
    assert (m.issuer, m.level) == ("郑东新区管理委员会", "district_county")
    assert (m.region.province, m.region.city, m.region.county_or_district) == ("河南省", "郑州市", "郑东新区")


def test_a_zone_named_after_its_citys_short_name_is_one_zone(data_dir):
    """兰州新区, 广州开发区: a city's short name read as a prefecture ending in 州, then a bare
    zone word; the zone is named whole (兰州新区), not a zone called 新区 under 兰州."""
    for zone in ("兰州新区", "广州开发区"):
        m = _zone_report(data_dir, [("临澄市棠溪区人民政府", f"{zone}管委会"), ("棠溪区", zone)])
        assert m.region.county_or_district == zone
        assert m.issuer == f"{zone}管理委员会" and m.level == "district_county"


def test_a_development_zone_lies_in_the_district_its_text_names(data_dir):
    """A zone inside a district the gazetteer knows (天津经济技术开发区 in 滨海新区, named in
    按照天津市、滨海新区决策部署): the district is its region and gives the adcode."""
    zone = [
        ("临澄市棠溪区人民政府关于", "关于"),
        ("临澄市棠溪区人民政府", "天津经济技术开发区管理委员会"),
        ("临澄市", "天津市"),
        ("棠溪区", "天津经济技术开发区"),
    ]
    named = [("坚持以习近平", "按照天津市、滨海新区决策部署，坚持以习近平")] + [
        (f"（{n}）", f"（{n}）滨海新区") for n in "一二"
    ]
    m = _zone_report(data_dir, zone, named)
    assert m.issuer == "天津经济技术开发区管理委员会"
    assert (m.region.province, m.region.county_or_district, m.adcode) == ("天津市", "滨海新区", "120116")


def test_a_new_area_stands_in_a_districts_place_beside_the_districts_it_names(data_dir):
    """A new area (柳东新区) is county-level in its own right: a district its text names (a
    neighbour whose departments delegate to it, 与鱼峰区对应部门…) does not hold it, as a
    development zone is held by the district it lies in."""
    zone = [("临澄市棠溪区人民政府", "柳东新区管委会"), ("临澄市", "柳州市"), ("棠溪区", "柳东新区")]
    named = [(f"（{n}）", f"（{n}）与鱼峰区对应部门续签行政委托协议。") for n in "一二三"]
    m = _zone_report(data_dir, zone, named)
    assert (m.region.city, m.region.county_or_district) == ("柳州市", "柳东新区")
    assert m.issuer.endswith("柳东新区管理委员会")


def test_a_department_that_never_names_itself_works_in_the_division_its_text_names_most(data_dir):
    """我局 … 全市 … 遂宁市 again and again: a city department's region is that city, though no
    issuer can be named; a division named once in passing (全省 … 江苏) is no region."""
    text = (data_dir / "dev" / "chengchuan-2021.txt").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].replace("澄川市司法局", "我局").replace("市司法局", "我局")
    m = _meta(body.replace("澄川市", "遂宁市"))
    assert (m.issuer, m.level) == (None, "department")
    assert (m.region.city, m.region.province, m.region_inferred) == ("遂宁市", "四川省", ["province"])
    once = body.replace("澄川市", "", body.count("澄川市") - 1).replace("澄川市", "遂宁市")
    assert once.count("遂宁市") == 1
    assert _meta(once).region.city is None


def test_issuer_scoring_takes_a_short_organ_name_and_a_city_glued_to_a_zone():
    # A department under its short name (文广旅局 of 文化广电新闻出版旅游局, 卫健委): the same body.
    assert same_issuer("珠山区文化广电新闻出版旅游局", "珠山区文广旅局", {})
    assert same_issuer("三明市卫生健康委员会", "三明市卫健委", {})
    # A zone the gazetteer does not know, written with its city's short name or without it.
    assert same_issuer("珠海高新区综治局", "高新区综治局", {"city": "珠海市"})
    # Still another body: another head, another field, the city the prediction names otherwise.
    assert not same_issuer("珠山区司法局", "珠山区司法所", {})
    assert not same_issuer("珠山区公安局", "珠山区司法局", {})
    assert not same_issuer("珠海高新区综治局", "高新区综治局", {"city": "中山市"})


def test_region_fields_are_scored_as_the_division_they_name():
    gold = {"region": {"county_or_district": "肃南县", "city": "张掖市"}}
    pred = {"meta": {"region": {"county_or_district": "肃南裕固族自治县", "city": "张掖市"}}}
    t = Tally()
    score_meta(gold, pred, t)
    assert t.meta["county_or_district"].value == 1.0
    t = Tally()
    score_meta(gold, {"meta": {"region": {"county_or_district": "甘州区", "city": "张掖市"}}}, t)
    assert t.meta["county_or_district"].value == 0.0


def _project_text(name: str) -> str:
    from pathlib import Path

    return (Path(__file__).parent / "data" / name).read_text(encoding="utf-8")


def test_info_table_copied_with_its_bars_names_the_issuer_and_is_no_title():
    # The project's 棠溪区 report without its title line, under a site's 信息公开 table copied as
    # a table (| 发布机构 | … |): the rows are no title and no opening; the issuer is the cell.
    body = _project_text("dev/tangxi-2021.txt").split("\n", 1)[1]
    table = (
        "| 索引号 | 11330000/2022-00012 | 发文字号 | |\n|---|---|---|---|\n"
        "| 关键词 | 发布机构 | 临澄市棠溪区人民政府 | |\n| 生成日期 | 2022-03-18 09:00:00 | 是否有效 |\n"
    )
    m = _meta(table + body)
    assert m.is_report
    assert m.title is None or "|" not in m.title
    assert m.issuer == "临澄市棠溪区人民政府"
    assert m.year_covered == 2021


def test_breadcrumb_ending_on_the_title_is_no_title():
    text = _project_text("dev/tangxi-2021.txt")
    title = text.split("\n", 1)[0]
    m = _meta(f"首页 >> 政务公开 >>法治政府建设 >> {title}\n" + text)
    assert m.title == title
    assert m.issuer == "临澄市棠溪区人民政府"


def test_opening_subject_followed_by_no_organ_is_the_division():
    # The beginning of the project's 苇塘街道 report (no title, cut before its signature, as pages
    # are copied), its opening worded as a page did (大码头街道坚定不移地…): the street is the
    # subject, not a department named 坚定不移地.
    text = _project_text("audit-dev5/weitang-jd-2022.txt")
    body = text.split("2022年，", 1)[1].replace("苇塘街道坚持", "苇塘街道坚定不移地坚持", 1)
    m = _meta("2022年，" + body[:600])
    assert m.level == "township"
    assert m.issuer and m.issuer.endswith("苇塘街道办事处")


@pytest.mark.parametrize(
    ("name", "opening", "reworded", "level", "issuer_end"),
    [
        # An opening whose verb is not a listed one (黑龙江省忠诚践行…): the divisions after the
        # year are the subject, with the organ that follows them if one does.
        (
            "audit-dev5/weitang-jd-2022.txt",
            "2022年，",
            ("苇塘街道坚持", "苇塘街道忠诚践行"),
            "township",
            "苇塘街道办事处",
        ),
        (
            "dev/tangxi-2021.txt",
            "一年来，",
            ("棠溪区坚持", "棠溪区人民政府忠诚践行"),
            "district_county",
            "棠溪区人民政府",
        ),
    ],
)
def test_opening_subject_without_a_listed_verb(name, opening, reworded, level, issuer_end):
    text = _project_text(name)
    body = text.split(opening, 1)[1].replace(*reworded, 1)
    m = _meta(opening + body[:600])  # untitled, cut before the signature
    assert m.level == level
    assert m.issuer and m.issuer.endswith(issuer_end)


def test_a_title_or_reporting_sentence_without_a_name_gives_no_department():
    # 关于2023年法治政府建设情况的报告 names no division, and 现将一年来推进法治建设情况报告如下 no
    # body: neither is an organ, so a township that says 我镇 stays a township.
    text = _project_text("audit-dev5/weitang-jd-2022.txt")
    body = text.split("2022年，", 1)[1].replace("苇塘街道坚持", "我街道坚持", 1)
    body = body.replace("现将有关情况报告如下", "现将一年来推进法治建设情况报告如下", 1)
    m = _meta("关于2022年法治政府建设情况的报告\n2022年，" + body[:600])
    assert m.level == "township"


@pytest.mark.parametrize("name", ["audit-dev5/weitang-jd-2022.txt", "audit-dev/tongyin-2024.txt"])
def test_one_line_copy_keeps_its_year(name):
    # The project's report copied as one line from its first heading on and cut before its
    # signature (as pages come: 一、2022年…工作情况（一）…): the year is in that heading, run in.
    import re

    text = _project_text(name)
    year = int(re.search(r"(20\d{2})年法治政府", text.split("\n", 1)[0]).group(1))
    flat = re.sub(r"\s*\n\s*", "", text[text.index("\n一、") :])[:700]
    assert flat.startswith(f"一、{year}年")
    assert _meta(flat).year_covered == year


def test_the_words_opening_the_reporting_sentence_are_no_part_of_the_issuer(data_dir):
    # A page without its title line that names its department short, the reporting sentence
    # first (现将市市场监督管理局2022年度…报告如下): the department, not 现将市….
    text = (data_dir / "audit-holdout" / "kecheng-scjg-2022.txt").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].replace("珂城市市场监督管理局", "市市场监督管理局")
    body = body.replace("现将本局2022年度", "现将市市场监督管理局2022年度")
    assert "现将市市场监督管理局" in body
    m = _meta(body)
    assert m.issuer == "市市场监督管理局" and m.level == "department"


def test_a_report_whose_title_spans_several_years_covers_no_one_year(data_dir):
    # 关于本届政府以来…的报告 opening on 2012年以来: several years, not the first one's; the
    # same report under its yearly title covers its year.
    text = (data_dir / "dev" / "chengchuan-2021.txt").read_text(encoding="utf-8")
    title = "澄川市司法局关于2021年度法治政府建设工作情况的报告"
    assert text.startswith(title)
    assert _meta(text).year_covered == 2021
    spanned = text.replace(title, "澄川市司法局关于本届政府以来推进依法行政工作情况的报告", 1)
    m = _meta(spanned)
    assert m.year_covered is None and m.issuer == "澄川市司法局"


def test_a_metadata_issuer_that_names_a_division_only_is_its_government():
    """发布机构：古镛镇 in a site's 信息公开 table names where the report is from; the issuer is
    the town's government, as for a title that names the town only."""
    body = (
        "关于2024年度法治建设工作情况的报告\n"
        "2024年,古镛镇坚持以习近平法治思想为指导,推动全镇法治政府建设取得新成效。"
        "现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    meta = _meta("- 索引号: 001-2025-00003\n- 发布机构:古镛镇\n" + body)
    assert meta.issuer == "古镛镇人民政府"
    assert meta.level == "township"
    # A street's: its office.
    street = body.replace("古镛镇", "清波街道").replace("全镇", "全街道")
    assert _meta("- 发布机构:清波街道\n" + street).issuer == "清波街道办事处"
    # An organ named there stays as named.
    assert _meta("- 发布机构:古镛镇人民政府\n" + body).issuer == "古镛镇人民政府"


def test_info_fields_and_index_numbers_above_a_lost_title_are_no_title():
    """Pages whose title line was lost, under a 信息公开 table: 成文时间/发文时间/公开日期/效力状态 are
    fields (the year 2026 they print is when it was written, not the year covered), and an index
    number alone on its line (000019713O03/2017-01257) names nothing."""
    body = (
        "2025年,古镛镇坚持以习近平法治思想为指导,推动全镇法治政府建设取得新成效。"
        "现将2025年度法治政府建设情况报告如下:\n一、主要举措和成效\n"
    )
    fields = "- 成文时间:2026年01月21日\n- 文 号:无\n- 发文时间:2026年01月21日\n- 效力状态:有效\n"
    meta = _meta(fields + body)
    assert meta.title is None or "时间" not in meta.title
    assert meta.year_covered == 2025
    numbered = _meta("索引号\n\n000019713O03/2017-01257\n\n公开日期\n\n2017年03月31日\n\n" + body)
    assert numbered.title is None or "000019713" not in numbered.title
    assert numbered.year_covered == 2025
    # a site's column name and a 信息提供日期 line are no title either
    column = _meta("政府信息公开\n信息提供日期 : 2026-01-24 14:02来源 : 古镛镇\n" + body)
    assert column.title is None or ("信息" not in column.title and "日期" not in column.title)


def test_an_autonomous_prefecture_that_says_our_prefecture_is_a_city_in_the_province_it_names():
    """我州 / 全州 is how an autonomous prefecture's report speaks of itself: a city's level. A
    report that never names its own division is in the province it names again and again; 长治
    of 长治久安 is a word, not the city 长治市."""
    text = (
        "2020年,我州坚持以习近平法治思想为指导,贯彻落实总书记关于新疆工作的重要讲话精神,"
        "牢牢聚焦社会稳定和长治久安总目标,全州法治政府建设取得阶段性成效。\n"
        "一、2020年法治政府建设情况\n(一)加强组织领导。贯彻落实第三次中央新疆工作座谈会精神。\n"
    )
    meta = _meta(text)
    assert meta.level == "city"
    assert meta.region.province == "新疆维吾尔自治区"
    assert meta.region.city is None
    # Named once, in passing, the province is not taken to be the report's (the speeches to it are
    # no passing mention: test_the_province_of_the_speeches_a_report_studies_is_its_province).
    once = _meta(
        text.replace("贯彻落实第三次中央新疆工作座谈会精神", "召开专题会议").replace(
            "总书记关于新疆工作的重要讲话精神", "新疆工作座谈会精神"
        )
    )
    assert once.region.province is None


def test_a_department_without_its_title_is_named_from_its_own_text():
    """A bureau's report that lost its title speaks as 我局 (or of its 局党组) and names itself in
    its body: a bare 区/省 before the organ takes the division the text names, a name written in
    full is taken as written; 我区 before 我局 is where the bureau works, not a district's report."""
    text = (
        "为贯彻落实市委、区委关于法治政府建设有关精神,根据我区有关工作部署,区统计局严格对标对表"
        "《法治政府建设实施纲要》,现将我局法治政府建设情况报告如下:\n"
        "一、法治政府建设推进情况\n(一)依法履行统计职能。行政处罚结果推送静海区信用信息共享平台。\n"
    )
    meta = _meta(text)
    assert meta.level == "department"
    assert meta.issuer == "静海区统计局"
    assert meta.region.county_or_district == "静海区"
    party = (
        "一、2020年法治政府建设基本情况\n(一)加强依法行政能力建设。2020年,局党组共组织学习22次,"
        "在全市水务系统开展专题培训。印发年度《深圳市水务局重大行政决策事项目录》。\n"
    )
    assert (_meta(party).level, _meta(party).issuer) == ("department", "深圳市水务局")
    # Two organs of the kind named as often: neither is taken.
    both = text.replace("区统计局严格", "区统计局、区司法局严格")
    assert _meta(both).issuer is None
    # A government's report that speaks as 我区 stays the district's.
    district = text.replace("区统计局严格", "静海区严格").replace("我局", "我区")
    assert _meta(district).level == "district_county"


def test_a_report_narrating_a_dated_meeting_below_its_opening_is_no_news():
    """A news item tells its meeting in its first paragraph (3月18日，静海区召开…); a report that
    opens with its own paragraph narrates its meetings further down."""
    text = (
        "2020年,在省委、省政府的坚强领导下,我厅深入学习贯彻习近平法治思想,积极统筹推进法治政府建设"
        "各项工作任务,取得明显成效。\n"
        "一、党政主要负责人履行推进法治建设第一责任人职责的情况\n"
        "11月27日,厅长主持召开厅党委会议,研究部署法治政府建设工作。\n"
    )
    assert _meta(text).is_report
    news = "11月27日,省公安厅召开法治政府建设工作会议。" + text.split("\n", 1)[1]
    assert not _meta(news).is_report


def test_a_sample_with_a_placeholder_for_the_leaders_name_is_a_template():
    """范文 sites leave names out: 以A新时代中国特色社会主义思想, 以____思想为指导 stand where every
    published report writes 习近平."""
    report = (
        "2023年镇法治政府建设工作总结\n"
        "2023年以来,清波镇以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,"
        "推进法治政府建设,现将我镇法治政府建设工作情况总结如下:\n一、法治建设工作开展情况\n"
    )
    assert _meta(report).is_report
    for blank in ("A", "____"):
        sample = _meta(report.replace("习近平", blank))
        assert (sample.is_report, sample.doc_type) == (False, "template")


def test_a_city_bureaus_branch_in_a_district_is_the_districts():
    text = (
        "广州市公安局增城区公安分局2020年法治政府建设年度报告\n"
        "2020年来,我分局在区委、区政府正确领导下,全力服务保障全区经济社会发展。\n"
        "一、提高政治站位,筑牢法治建设根基\n"
    )
    meta = _meta(text)
    assert meta.issuer == "广州市公安局增城区公安分局"
    assert (meta.level, meta.region.city, meta.region.county_or_district) == (
        "department",
        "广州市",
        "增城区",
    )


def test_a_department_named_once_is_placed_by_the_document_of_its_own_division_it_cites():
    """A bureau that writes only 我局 / 区司法局 and names its district once, at the head of its
    own district's plan (拟定《荣昌区法治政府建设实施方案》), is that district's, even where
    another district is named once in passing (赴永川区学习)."""
    text = (
        "一、2022年法治政府建设主要举措\n一是深入学习宣传习近平法治思想。区司法局党委书记、局长率先垂范,"
        "我局带队赴永川区学习考察,统筹推进全区法治政府建设。拟定《荣昌区法治政府建设实施方案"
        "(2022-2025)》,印发《2022年全区法治政府建设工作要点》。\n"
    )
    meta = _meta(text)
    assert meta.issuer == "荣昌区司法局"
    assert (meta.region.province, meta.region.county_or_district) == ("重庆市", "荣昌区")
    # Without a document of its own named, the two districts named once each place nothing.
    plain = _meta(text.replace("《荣昌区法治政府建设实施方案(2022-2025)》", "荣昌区实施方案"))
    assert plain.issuer is None and plain.region.county_or_district is None


def test_a_new_town_is_a_zone_its_management_committee_runs():
    """泾河新城, like a 新区, is no division the gazetteer knows: a 管理委员会 runs it, at a
    county's level, in the city its text names; 西安市新城区 stays a district."""
    text = (
        "泾河新城2022年度法治政府建设工作报告\n"
        "2022年,泾河新城深入贯彻落实习近平法治思想,认真落实中、省、市决策部署,现将2022年法治政府建设"
        "工作报告如下:\n一、加强党的领导\n按照西安市行政处罚案卷新标准,组织开展执法案卷评查。\n"
    )
    meta = _meta(text)
    assert (meta.issuer, meta.level) == ("泾河新城管理委员会", "district_county")
    assert (meta.region.city, meta.region.county_or_district) == ("西安市", "泾河新城")
    district = _meta(text.replace("泾河新城", "西安市新城区"))
    assert (district.issuer, district.region.county_or_district) == ("西安市新城区人民政府", "新城区")


def test_a_glossed_province_report_is_read_without_its_readings():
    # A site that prints readings after polyphonic characters, the title line among its furniture:
    # the title stays (it is no chrome), and title, issuer and region are read without the glosses.
    page = (
        "内(nèi)蒙古自治区(qū)人民政府关(guān)于2024年法治政府建设(shè)情况的报(bào)告\n"
        "发(fā)布日期:2025-03-12 09:18\n【字体:\n"
        "2024年,内(nèi)蒙古自治区(qū)坚(jiān)持以习(xí)近平新时(shí)代中国(guó)特色社会(huì)主义思想"
        "为指导(dǎo),推动(dòng)法治政府建设(shè)各项(xiàng)工作取得新成效。\n"
        "一、切实(shí)坚(jiān)持党对(duì)法治政府建设(shè)的全面领(lǐng)导(dǎo)\n"
    )
    m = _meta(page)
    assert m.title == "内蒙古自治区人民政府关于2024年法治政府建设情况的报告"
    assert (m.issuer, m.level, m.region.province) == ("内蒙古自治区人民政府", "province", "内蒙古自治区")
    # Without the glosses the same page reads the same: they add nothing and take nothing away.
    bare = _meta(
        page.replace("(nèi)", "")
        .replace("(qū)", "")
        .replace("(guān)", "")
        .replace("(shè)", "")
        .replace("(bào)", "")
    )
    assert (bare.title, bare.issuer) == (m.title, m.issuer)


def test_an_untitled_city_report_opening_on_the_city_s_short_name_is_the_city_government():
    # 株洲深入贯彻… / 广州坚持…: the subject is the city by the name running text gives it, not an
    # organ (which made it a department with no issuer and no city).
    page = (
        "2024年,在省委、省人民政府的坚强领导下,株洲深入贯彻习近平法治思想,法治政府建设进一步纵深推进。"
        "现将有关情况报告如下:\n"
        "一、加强党对法治政府建设的领导。市政府常务会带头落实领导干部学法用法制度。\n"
    )
    m = _meta(page)
    assert (m.level, m.issuer, m.region.city) == ("city", "株洲市人民政府", "株洲市")
    # A short name two divisions share names neither (no full name is guessed for it).
    from fzanalyzer.meta import _by_short_name

    assert _by_short_name("株洲") == "株洲市" and _by_short_name("法治") is None


def test_a_leaders_own_duty_report_is_no_report_of_the_government():
    """述法 pages of session 9 (real unseen pages M/N): a leader's report of his own 第一责任人 duty
    says so in its opening, speaks as 本人, or opens with 一、履职情况 — under no title or a
    report-like one. A government's report names the duty only as one of its parts."""
    opening = (
        "2024年以来,海晏街道认真贯彻落实党的二十届三中全会精神,全面推进严格执法、公正司法、全民守法。"
        "现将我街道党政主要负责人落实法治建设第一责任人职责情况报告如下:\n"
        "一、街道党工委主要负责人履行推进法治建设第一责任人职责落实情况\n"
        "2024年,作为海晏街道法治建设第一责任人,本人始终坚持以习近平法治思想为指导。\n"
    )
    assert (_meta(opening).is_report, _meta(opening).doc_type) == (False, "duty_report")
    outline = (
        "一、履职情况\n(一)深学笃行习近平法治思想,全面贯彻依法治国战略部署\n"
        "坚持将学习贯彻习近平法治思想作为首要政治任务,全年参与党委理论中心组专题学习6次。\n"
    )
    assert _meta(outline).doc_type == "duty_report"
    report = (
        "2024年,海晏街道坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n"
        "一、主要举措和成效\n(一)加强组织领导。全年召开专题会议4次。\n"
        "二、党政主要负责人履行推进法治建设第一责任人职责情况\n街道党工委书记带头学法。\n"
    )
    assert _meta(report).is_report


def test_the_issuer_in_a_disclosure_table_removed_as_chrome_but_not_the_posting_office():
    """发文单位：咸宁市水利和湖泊局 after another field on a 信息公开 line (read from the page chrome
    the normalization removed) names a bureau's report; 发布机构：区政府办, the office that posted a
    government's report, does not."""
    body = (
        "2020年度法治政府建设工作报告\n"
        "索引号 : 011337629/2020-23467 文       号 : 无\n"
        "主题分类: 其他 发文单位: 咸宁市水利和湖泊局\n"
        "市委依法治市办:\n"
        "2020年,我局深入学习领会习近平法治思想,积极履行推进法治建设第一责任人职责。现将有关情况报告如下:\n"
        "一、深入学习全面依法治国方略\n我局成立以局长为组长的法治政府建设领导小组。\n"
    )
    meta = _meta(body)
    assert (meta.issuer, meta.level, meta.region.city) == ("咸宁市水利和湖泊局", "department", "咸宁市")
    posted = body.replace("发文单位: 咸宁市水利和湖泊局", "发布机构: 区政府办").replace("我局", "我区")
    assert _meta(posted).issuer != "区政府办"


def test_a_ministry_speaking_through_its_party_group_is_the_issuer():
    text = (
        "2023年,在以习近平同志为核心的党中央坚强领导下,司法部党组深入学习贯彻习近平法治思想,"
        "统筹推进法治政府建设取得新发展新成效。\n一、坚持把党的领导贯穿到法治政府建设全过程各方面\n"
        "部党组始终坚持和加强党对法治政府建设的领导。\n"
    )
    assert (_meta(text).issuer, _meta(text).level) == ("司法部", "department")


def test_a_bureau_that_posted_its_districts_report_is_not_its_issuer():
    # 发布机构：下陆区司法局 on a page whose title and opening name the district alone
    text = (
        "名 称: 下陆区2024年法治政府建设工作报告\n"
        "索 引 号: 000014349/2025-17645 发布日期: 2025-02-28 发布机构: 下陆区司法局\n"
        "下陆区2024年法治政府建设工作报告\n"
        "2024年,下陆区坚持以习近平法治思想为指导,深入推进法治政府建设。现将工作情况报告如下。\n"
        "一、2024年法治政府建设主要举措及成效\n(一)强化政治引领。全年召开专题会议4次。\n"
    )
    meta = _meta(text)
    assert (meta.level, meta.region.county_or_district) == ("district_county", "下陆区")
    assert meta.issuer.endswith("下陆区人民政府")
    # the bureau's own report, posted by itself, stays the bureau's
    own = text.replace("2024年,下陆区坚持", "2024年,下陆区司法局坚持").replace(
        "下陆区2024年法治", "下陆区司法局2024年法治"
    )
    assert _meta(own).issuer == "下陆区司法局"


def test_an_untitled_bureau_report_opening_under_its_leaders_names_the_bureau():
    # 在市委、市政府的坚强领导下,广安市司法局坚定…; 城东区市场监督管理局根据区委…的部署
    text = (
        "2024年,在市委、市政府的坚强领导下,广安市司法局坚定以习近平新时代中国特色社会主义思想为指导,"
        "高质量推进各项工作,取得较好成效。\n一、2024年法治政府建设第一责任人履行职责情况\n"
        "(一)坚持学习先行。局主要领导坚持把学习贯彻习近平法治思想列为局党组会第一议题。\n"
    )
    assert (_meta(text).issuer, _meta(text).level) == ("广安市司法局", "department")
    text = text.replace(
        "在市委、市政府的坚强领导下,广安市司法局坚定以", "城东区市场监督管理局根据区委的部署,以"
    )
    assert _meta(text).issuer.endswith("城东区市场监督管理局")


def test_page_furniture_and_a_spam_question_are_no_title():
    body = (
        "2024年,在区委、区政府的坚强领导下,区司法局坚持以习近平法治思想为指导,扎实推进法治政府建设。\n"
        "一、主要举措和成效\n(一)加强组织领导。全年召开专题会议4次。\n"
    )
    assert _meta("日期:2025-01-24来源:区司法局\n" + body).title is None
    assert _meta("对于县政府的其他规范性文件不满如何申请行政救济\n" + body).title is None
    named = _meta("名称:天津滨海高新区2021年法治政府建设报告\n" + body).title
    assert named == "天津滨海高新区2021年法治政府建设报告"


def test_a_street_named_like_a_district_is_a_street():
    text = (
        "2020年,东区街道坚持以习近平新时代中国特色社会主义思想为指导,坚持把法治政府建设落实到街道工作的各个方面。\n"
        "一、2020年度推进法治政府建设的主要举措和成效\n(一)党政主要负责人积极履行推进法治建设第一责任人职责。\n"
    )
    meta = _meta(text)
    assert (meta.level, meta.region.county_or_district) == ("township", None)
    assert meta.issuer == "东区街道办事处"


def test_a_district_government_office_is_named_in_full():
    text = (
        "区政府办2025年度法治政府建设工作报告\n"
        "2025年,雁塔区政府办坚持以习近平法治思想为指导,全面推进依法行政。\n一、主要工作\n(一)加强学法。\n"
    )
    assert _meta(text).issuer == "雁塔区人民政府办公室"


def test_q_and_r_pages_titles_and_years():
    body = (
        "2022年南星街道法治政府建设工作,深入贯彻党的二十大精神,紧紧围绕区委、区政府工作部署和要求,加强依法行政。\n"
        "一、主要举措和成效\n(一)加强组织领导。全年召开专题会议4次。\n"
    )
    assert _meta(body).year_covered == 2022  # a year right before the subject's name
    dated = "自然资源部2018年贯彻落实《法治政府建设实施纲要(2015-2020年)》的情况(2019年5月21日)\n" + body
    assert _meta(dated).title == "自然资源部2018年贯彻落实《法治政府建设实施纲要(2015-2020年)》的情况"
    table = (
        "真人电子游艺平台\n| 标题: | 皇城镇人民政府2025年度法治政府建设情况报告 | ||\n|---|---|---|---|\n"
        "| 发文日期: | 2026-01-06 | 发布机构: | 临淄区皇城镇人民政府 |\n"
        "2025年,皇城镇人民政府坚持以习近平新时代中国特色社会主义思想为指导。现将有关情况总结如下:\n"
        "一、党政主要负责人履行推进法治建设第一责任人职责情况\n(一)强化思想引领,筑牢法治根基\n"
    )
    assert _meta(table).title == "皇城镇人民政府2025年度法治政府建设情况报告"
    two_lines = (
        "2019年度法治政府建设报告\n\n发布时间:2020-02-28 15:15 浏览次数:\n分享到:\n\n"
        "山东省交通运输厅关于2019年度\n\n法治建设情况的报告\n\n \n\n"
        "2019年,在省委、省政府的正确领导下,省交通运输厅以习近平新时代中国特色社会主义思想为指导,"
        "交通运输法治建设取得明显成效。\n一、切实加强党对交通运输法治建设的领导\n(一)高度重视依法行政\n"
    )
    assert _meta(two_lines).title == "山东省交通运输厅关于2019年度法治建设情况的报告"


def test_q_and_r_pages_issuers():
    township = (
        "古竹乡2025年法治政府年度报告\n时间:2025-12-22 09:33\n"
        "2025年,古竹乡深入贯彻习近平法治思想,扎实推进法治政府建设工作各项任务。现将我乡2025年法治政府建设情况汇报如下:\n"
        "一、加强组织领导,抓好法治\n"
    )
    assert (_meta(township).issuer, _meta(township).level) == ("古竹乡人民政府", "township")
    joint = (
        "中共宣州区新田镇委员会 宣州区新田镇人民政府关于2021年度法治政府建设情况的报告\n"
        "2021年,新田镇深入学习贯彻习近平法治思想。现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    assert _meta(joint).issuer.endswith("新田镇人民政府")
    assert same_issuer("中共姚安县委、姚安县人民政府", "姚安县人民政府", {})
    assert not same_issuer("中共姚安县委", "姚安县人民政府", {})
    bazhou = (
        "2023年,巴州党委、政府坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想,"
        "以及自治区党委、政府工作要求,加快推进建设法治政府。\n一、主要举措和成效\n(一)加强党的领导\n"
    )
    meta = _meta(bazhou)
    assert (meta.region.province, meta.region.city) == ("新疆维吾尔自治区", "巴音郭楞蒙古自治州")
    assert same_issuer("巴音郭楞蒙古自治州人民政府", meta.issuer, {})


def test_a_news_sites_dateline_makes_news():
    news = (
        "衡水要闻\n\n全省唯一 阜城县入选第二批全国法治政府建设示范地区名单\n\n来源: 长城网   作者:李珊珊\n"
        "2023-01-13 10:04:14\n分享:\n\n1\n\n  长城网·冀云客户端讯(记者 李珊珊)近日,中央全面依法治国委员会办公室公布"
        "第二批全国法治政府建设示范地区名单,衡水市阜城县上榜。\n  为加快实现法治政府建设率先突破,经中央依法治国办评估。\n"
    )
    assert (_meta(news).is_report, _meta(news).doc_type) == (False, "news")


def test_a_commission_and_a_provincial_bureau_are_named_in_full():
    # session 11's dev pages of annotators AB/AC: 市商务委 is the 商务委员会 of the city the text
    # names; 省市场监管局 names no division (省市 is no city): the province the text cites is its own
    shanghai = _meta(
        "市商务委2023年度法治政府建设工作情况报告\n发布日期(2024-03-08)\n2023年以来,市商务委深入实施"
        "《上海法治政府建设规划(2021-2025年)》,扎实推进商务领域法治政府建设。\n一、主要举措和成效\n"
    )
    heilongjiang = _meta(
        "2020年,省市场监管局认真贯彻落实党中央、国务院和省委、省政府的决策部署,深入落实"
        "《黑龙江省法治政府建设实施方案(2016-2020年)》目标任务。\n一、依法全面履行政府职能\n"
    )
    assert shanghai.issuer == "上海市商务委员会"
    assert heilongjiang.issuer == "黑龙江省市场监督管理局"


def test_an_untitled_report_is_dated_by_the_year_its_text_names_most():
    # a page that opens at its first part (the title and opening lost): 2019 named twice, no range
    jw = _meta(
        "一、加强党对法治政府建设的全面领导。一是明确领导责任。明确党政主要负责人履行法治政府建设第一责任人职责，"
        "工委会议研究法治工作2次。二是加强部署推进。印发《2019年某市教育政策法治工作要点》，布置了2019年全市教育"
        "系统政策研究和法治工作重点任务，落实《法治政府建设实施纲要(2015-2020年)》。\n"
        "二、全面履行部门职能推进放管服改革。\n"
    )
    assert jw.year_covered == 2019
    # named once, or as often as another year: not enough to date it
    once = _meta(
        "一、加强党对法治政府建设的全面领导。印发《2019年某市教育政策法治工作要点》，落实2018年督察反馈意见。\n"
        "二、全面履行部门职能推进放管服改革。\n"
    )
    assert once.year_covered is None


def test_a_zone_named_after_its_city_and_a_county_name_that_is_a_conjunction():
    # 武汉经开区 is Wuhan's, though the text names 云南省曲靖市 once in passing; 市委“138”和县委“1177”
    # names no 和县 (the township's own county is not named)
    zone = _meta(
        "武汉经开区统计局关于2025年度法治政府建设情况的报告\n今年以来,区统计局深入学习贯彻习近平法治思想。"
        "认真学习《关于把云南省曲靖市统计造假、政绩观错位问题作为反面典型的通报》。现将有关情况报告如下:\n"
        "一、2025年度推进法治政府建设的主要举措和成效\n"
    )
    assert (zone.region.province, zone.region.city) == ("湖北省", "武汉市")
    town = _meta(
        "2025年,黄村镇在县委、县政府的坚强领导下,紧密围绕省委“1310”具体部署、市委“138”和县委“1177”具体安排,"
        "扎实推进法治政府建设。现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    assert town.region.county_or_district != "和县" and town.issuer != "和县黄村镇人民政府"


def test_a_title_is_scored_with_or_without_the_issuer_line_above_it():
    from fzanalyzer.evaluate.score import same_title

    line = "关于2024年法治政府建设工作情况的报告"
    assert same_title("遂宁市人民政府\n" + line, line)
    assert same_title("中共云阳县凤鸣镇委员会\n云阳县凤鸣镇人民政府\n" + line, line)
    assert same_title(line, "中共海南省委 海南省人民政府\n" + line)
    # a line that is not an organ (the site's path, a date) is part of what was copied
    assert not same_title("首页 > 政务公开\n" + line, line)
    assert not same_title("2024年法治政府建设报告", "2023年法治政府建设报告")


def test_title_lines_glued_to_a_document_number_or_a_signature_and_a_lone_table_cell():
    numbered = _meta(
        "#\n长政发〔2021〕1号长海县2020年度法治政府建设情况报告\n\n政府办文书科\n\n2021-01-05\n\n"
        "2020年在市委、市政府的正确领导下,我县坚持以习近平新时代中国特色社会主义思想为指导,推进依法行政。\n"
    )
    signed = _meta(
        "上海市统计局2019年度法治政府建设情况报告 上海市统计局 2020-06-08\n\n"
        "2019年,我局深入贯彻落实习近平新时代中国特色社会主义思想,推进统计法治建设。\n"
    )
    cell = _meta(
        "| 索 引 号 | 11370812004322138J/2026-00538 | 公开方式 | 主动公开 |\n| 成文日期 | 2026-02-10 | 废止日期 | |\n"
        "| 有效性 |\n2025年,新驿镇在区委、区政府的正确领导下,坚持以习近平新时代中国特色社会主义思想为指导。\n"
    )
    assert numbered.title == "长海县2020年度法治政府建设情况报告"
    assert signed.title == "上海市统计局2019年度法治政府建设情况报告"
    assert cell.title is None


def test_issuers_spelled_out_as_their_own_text_prints_them():
    joint = _meta(
        "    • 发布机构:中共南安市委柳城街道工作委员会 南安市柳城街道办事处\n    • 公文生成日期:2026-01-09\n"
        "    南安市柳城街道2025年法治政府建设情况报告\n      2025年,柳城街道办事处以习近平法治思想为根本遵循,推进法治建设。\n"
    )
    city = _meta(
        "2022年以来,烟台人力资源和社会保障局坚持以习近平法治思想为指导,全面贯彻落实中央、省、烟台市关于"
        "法治政府建设的决策部署和工作要求,忠实履行法定职责。现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    county = _meta(
        "2023年,南昌县坚持以习近平法治思想为指导,落实南昌市的部署。现将有关情况报告如下:\n一、主要举措\n"
    )
    assert joint.issuer == "南安市柳城街道办事处"
    assert city.issuer == "烟台市人力资源和社会保障局"
    assert county.issuer == "南昌县人民政府"


def test_an_opening_that_first_says_what_the_year_was_still_names_its_subject():
    beihe = _meta(
        "2025年是《法治政府建设实施纲要(2021-2025年)》收官之年,北和镇在市委、市政府的正确领导下,"
        "坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想。现将有关情况报告如下:\n"
        "一、2025年法治政府建设主要举措和成效\n"
    )
    assert (beihe.issuer, beihe.level) == ("北和镇人民政府", "township")


def test_a_report_that_speaks_of_itself_by_its_bare_organ():
    # a township's 街道按照…, a department's 党组召开…: no 我镇 / 我局 on the page
    street = _meta(
        "为进一步加强法治政府建设,2021年来,街道按照《奉节县法治政府建设实施方案》的要求,全力推进法治化政府建设。"
        "现将有关情况报告如下:\n一、主要举措和成效\n"
    )
    bureau = _meta(
        "一、全面加强党对法治建设的领导\n建立健全法治建设组织领导体系。2021年,党组召开8次会议研究解决法治建设具体事项;"
        "将法治建设纳入教育体育发展年度工作计划。\n二、依法全面履行职能\n"
    )
    assert (street.level, street.region.county_or_district) == ("township", "奉节县")
    assert street.issuer is None  # the page never names its street
    assert bureau.level == "department"


def test_a_pronoun_inside_a_name_is_no_division():
    # 现将2024年度我旗…: 度我旗 is no banner; the banner the text names is
    wushen = _meta(
        "今年以来,我旗坚持以习近平法治思想为指导,持续推进法治政府建设。现将2024年度我旗法治政府建设工作情况总结"
        "和2025年法治政府工作计划如下。\n一、工作开展情况\n(一)加强党对法治政府建设的领导。乌审旗政府主要领导"
        "坚决落实推进法治建设第一责任人职责。\n"
    )
    assert wushen.issuer == "乌审旗人民政府" and wushen.region.county_or_district == "乌审旗"


def test_an_info_table_label_without_its_colon_and_a_wiki_infobox_are_no_part_of_the_title():
    # a 信息公开 table whose cells lost their colons and bars (西藏 2018), and a wiki copy whose
    # infobox repeats the title after 中文名 (a traditional-script mirror)
    table = (
        "标      题 西藏自治区2018年度法治政府建设情况\n索引号 000014349/2019-00012 文      号\n"
        "发布机构 自治区司法厅 发布日期 2019-04-15 12:07:00\n\n"
        "西藏自治区党委、政府高度重视法治政府建设工作，始终坚持依法治藏。\n"
    )
    m = _meta(table)
    assert (m.title, m.issuer, m.level) == (
        "西藏自治区2018年度法治政府建设情况",
        "西藏自治区人民政府",
        "province",
    )
    wiki = (
        "西藏自治區2016年度法治政府建設情況\n\n基本介紹\n\n  • 中文名:西藏自治區2016年度法治政府建設情況\n"
        "  • 發布時間:2017-07-19\n2016年,在自治區黨委、政府的堅強領導下,各地各部門深入貫徹落實法治政府建設實施綱要。\n"
    )
    assert _meta(wiki).title == "西藏自治区2016年度法治政府建设情况"


def test_a_commissions_party_group_after_a_function_word_says_a_department_speaks():
    """作为委党组理论学习…的必修内容: the 委 of a commission's Party group, not of 市委 or 党委,
    in a page whose title line was lost (it was read as no level at all)."""
    text = (
        "一、2025年推进法治政府建设的主要举措和成效\n"
        "(一)深学笃行习近平法治思想。坚持将学习习近平法治思想作为委党组理论学习、中心组学习、"
        "干部教育培训的必修内容。全年组织党内外法律法规学习10余次,引导全系统干部职工依法履职。\n"
    )
    assert _meta(text).level == "department"


def test_the_province_of_the_speeches_a_report_studies_is_its_province():
    """A bureau's or a town's page that names its province only in 学习贯彻习近平总书记视察广东重要讲话
    had no province; a page that studies speeches to two provinces gets none."""
    text = (
        "2024年,安铺镇坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想和"
        "习近平总书记对广东系列重要讲话、重要指示精神,扎实推进法治政府建设。现将有关情况报告如下:\n"
        "一、主要举措和成效\n"
    )
    assert _meta(text).region.province == "广东省"
    both = text.replace("重要指示精神,", "重要指示精神和习近平总书记考察福建重要讲话精神,")
    assert _meta(both).region.province is None


def test_the_party_committee_of_the_city_bureau_says_a_department_speaks():
    """全市公安机关…纳入市局党委理论学习中心组: a city bureau's report (it was read as the city's)."""
    text = (
        "2023年是全面贯彻党的二十大精神的开局之年,全市公安机关以党的二十大精神为指引,认真落实市委市政府"
        "关于全面依法治市、法治政府建设的决策部署,推动全市法治公安建设继续走前列。\n"
        "一、深入学习贯彻习近平法治思想。一是领导专题学习。将习近平法治思想纳入市局党委理论学习中心组"
        "年度学习计划,市局召开党委会组织专题学习。\n"
    )
    assert _meta(text).level == "department"


def test_the_opening_below_an_info_table_of_short_lines_dates_the_report():
    """A ministry's page without its title: eight short field lines (文号, 索引号, 公开日期 …) stand
    above 国务院: and the opening, which says the year (现将2016年…情况报告如下); the opening was
    looked for in the first four lines only, so the year was lost."""
    table = "文号\n交法发〔2017〕61号\n索引号\n000019713O03/2017-01257\n公开日期\n2017年03月31日\n主题词\n法治政府;建设\n"
    body = (
        "国务院:\n《法治政府建设实施纲要(2015—2020年)》颁布以来,交通运输部高度重视,制定了具体措施和分工方案。"
        "按照要求,现将2016年交通运输法治政府部门建设进展情况报告如下:\n一、加强交通运输法治政府部门建设的组织领导\n"
    )
    assert _meta(table + body).year_covered == 2016
