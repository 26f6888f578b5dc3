"""is_report on the cues the real pages of annotators D and E showed (issue 10): a notice titled in
an info table, a speech, a 范文 template, a reposted news item with pinyin glosses, a release page
that carries the report, an untitled street-office report. Each on a snippet written here in the
style of such a page (the real pages are not ours to copy: tests/data/real)."""

from __future__ import annotations

from fzanalyzer.meta.doctype import classify, strip_glosses
from fzanalyzer.normalize.chrome import chrome_hints
from fzanalyzer.pipeline import analyze_text


def test_a_notice_issuing_work_points_under_an_info_table_is_a_notice_titled_in_two_lines():
    page = (
        "首页 > 政务公开 > 政府文件\n"
        "  • 索  引 号: 11370781-2/2023-088 主题分类: 综合政务\n"
        "  • 标  题: 青州市人民政府办公室关于印发2023年度法治政府建设工作要点的通知\n"
        "  • 主  题 词:\n\n"
        "青州市人民政府办公室关于印发\n"
        "2023年度法治政府建设工作要点的通知\n"
        "青政办函〔2023〕15号\n"
        "各镇人民政府、街道办事处,市政府各部门:\n"
        "《2023年度法治政府建设工作要点》已经市政府同意,现印发给你们,请认真贯彻落实。\n"
        "青州市人民政府办公室\n2023年3月2日\n"
        "2023年度法治政府建设工作要点\n"
        "2023年,全市法治政府建设工作坚持以习近平法治思想为指导,深入推进依法行政。\n"
        "一、健全政府机构职能体系,推进依法行政\n"
        "(一)全面推行权责清单制度。动态调整权责清单。(牵头单位:市司法局)\n"
        "二、健全依法决策机制\n"
    )
    m = analyze_text(page, analyze=False).meta
    assert m.title == "青州市人民政府办公室关于印发2023年度法治政府建设工作要点的通知"
    assert not m.is_report and m.report_confidence < 0.5


def test_an_info_table_title_line_behind_a_bullet_is_the_page_title():
    before = "首页 > 政府文件\n• 标  题: 青州市人民政府关于2023年度法治政府建设情况的报告\n正文第一段。"
    hints = chrome_hints(before, "正文第一段。")
    assert hints["title"] == "青州市人民政府关于2023年度法治政府建设情况的报告"


def test_a_speech_opening_on_comrades_is_a_speech():
    page = (
        "同志们:\n"
        "今天我们召开全区法治政府建设工作会议,主要任务是总结去年工作,部署今年任务。\n"
        "2023年,全区法治政府建设取得新进展,党政主要负责人履行推进法治建设第一责任人职责。\n"
        "一、充分肯定法治政府建设取得的成效\n"
        "二、清醒认识存在的不足\n"
    )
    assert classify(None, page)[0] == "speech"
    # The same body as a report's, opening on its year instead: a report.
    assert classify(None, page.split("\n", 2)[2])[0] is None


def test_a_speech_shared_on_a_model_essay_site_is_no_report():
    page = (
        "下面是网友为您分享的“在全县法治政府建设推进会上的讲话稿”相关材料,供您参考学习。\n"
        "县长在全县法治政府建设推进会上的讲话\n"
        "同志们:\n"
        "2024年,全县法治政府建设稳步推进。下面,我讲三点意见。\n"
        "一、提高站位,坚定不移推进法治政府建设\n"
        "二、正视存在的问题和不足\n"
    )
    m = analyze_text(page, analyze=False).meta
    assert not m.is_report and m.report_confidence < 0.5


def test_a_model_report_with_blanks_for_its_year_and_numbered_variants_is_a_template():
    page = (
        "城市管理局2022年度法治政府建设工作报告\n"
        "城市管理局法治政府建设工作报告 篇1\n"
        "20__年,我局坚持以____思想为指导,全面落实法治政府建设各项要求。现将主要情况报告如下:\n"
        "一、20__年推进法治政府建设的主要举措和成效\n"
        "二、存在的不足\n"
    )
    assert classify("城市管理局2022年度法治政府建设工作报告", page) == ("template", 0.03)
    # Numbered variants alone mark it as well (篇2 on a line of its own, the year written out).
    variant = page.replace("20__年", "2022年").replace("篇1", "篇2")
    assert classify("城市管理局2022年度法治政府建设工作报告", variant)[0] == "template"


def test_a_reposted_news_item_with_pinyin_glosses_is_news_under_its_original_title():
    page = (
        "原标(biāo)题:江西发(fā)布2024年法治政府建设(shè)情况 营(yíng)商环境持续(xù)优化\n"
        "全省行政机(jī)关(guān)负(fù)责(zé)人出庭应(yīng)诉率达(dá)到100%……3月8日,省政府发(fā)布"
        "关(guān)于2024年法治政府建设(shè)情况的报(bào)告。\n"
        "2024年,省政府深入推进(jìn)法治政府建设(shè),党政主要负(fù)责(zé)人述法实现全覆盖。\n"
    )
    m = analyze_text(page, analyze=False).meta
    assert m.title == "江西发布2024年法治政府建设情况营商环境持续优化"  # glosses and the gap dropped
    assert (m.is_report, m.doc_type) == (False, "news")
    # Without the original-title line, the line saying the report was published marks the news.
    body = strip_glosses(page.split("\n", 1)[1])
    assert classify(None, body)[0] == "news"


def test_a_release_page_carrying_the_report_under_a_news_like_title_is_the_report():
    title = "江西省人民政府公布2019年度法治政府建设情况"
    page = (
        f"{title}\n"
        f"《{title}》是2020年江西省人民政府发布的通知。\n"
        "2019年,全省各级各部门深入推进依法行政,法治政府建设取得新成效。现将有关情况公布如下:\n"
        "一、依法全面履行政府职能\n"
        "(一)深化“放管服”改革。全年取消行政许可事项12项。\n"
    )
    m = analyze_text(page, analyze=False).meta
    assert m.is_report and m.report_confidence >= 0.5
    # News under the same title, without the report's reporting sentence and parts, stays news.
    news = f"{title}\n近日,省政府公布2019年度法治政府建设情况,全年取消行政许可事项12项。\n"
    assert analyze_text(news, analyze=False).meta.doc_type == "news"


def test_an_untitled_report_opening_on_its_reporting_sentence_and_first_part_is_a_report():
    page = (
        "在区委、区政府的坚强领导下,我街道紧紧围绕建设法治政府的总体目标,多措并举推进依法行政。"
        "现将有关情况报告如下:\n"
        "一、强化思想引领,提高政治站位\n"
        "以习近平新时代中国特色社会主义思想为指导,规范权力运行。\n"
        "二、健全工作机制,夯实工作基础\n"
    )
    m = analyze_text(page, analyze=False).meta
    assert m.is_report and m.report_confidence >= 0.5
    # A summary reporting to its superior (汇报如下) on the work of the year so far is not one.
    summary = page.replace("有关情况报告如下", "今年以来的工作情况汇报如下")
    assert not analyze_text(summary, analyze=False).meta.is_report


def test_a_report_whose_opening_follows_a_meetings_requirements_is_no_news_item(data_dir):
    """会议要求 opens a sentence of news about a meeting (会议要求，区政府要…); inside a report's
    opening (落实中央全面依法治国工作会议要求) it is the meeting's requirements the report follows."""
    report = (data_dir / "dev" / "chengchuan-2021.txt").read_text(encoding="utf-8")
    body = report.split("\n", 1)[1]  # untitled, as a page that lost its title line
    body = body.replace("认真落实中央和省委", "落实中央全面依法治国工作会议要求,认真落实中央和省委", 1)
    assert "工作会议要求" in body
    assert classify(None, body)[0] is None
    news = (data_dir / "nearmiss" / "news-untitled.txt").read_text(encoding="utf-8")
    no_byline = news.split("\n", 1)[1]  # 会议要求，… still marks the news without its press byline
    assert classify(None, no_byline)[0] == "news"


def test_a_site_news_byline_marks_news_about_a_published_report(data_dir):
    """本站讯 / 本网讯 are a site's press bylines, as 本报讯 is a paper's: a news item that quotes
    the report's own paragraphs after saying it was published is news."""
    report = (data_dir / "dev" / "chengchuan-2021.txt").read_text(encoding="utf-8")
    body = report.split("\n", 1)[1].lstrip()
    lead = "近日,澄川市司法局发布2021年度法治政府建设工作情况报告,全面总结全年工作进展及成效。\n"
    assert classify(None, body)[0] is None  # the quoted paragraphs alone read as the report
    for byline in ("本站讯", "本网讯"):
        assert classify(None, f"{byline} {lead}{body}") == ("news", 0.03)


def test_a_notice_says_so_in_its_own_sentence_under_any_title(data_dir):
    # 现就做好…年度报告工作通知如下: the notice on how to write the report, also where its title
    # line is lost or cut short into a report's (…关于报告…, a one-line page split at 报告).
    text = (data_dir / "nearmiss" / "notice-writing.txt").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    assert "通知如下" in body
    assert classify(None, body)[0] == "notice"
    assert classify("陇南市人民政府办公室关于报告", body)[0] == "notice"
    # A report's own reporting sentence is no notice's.
    report = (data_dir / "dev" / "chengchuan-2021.txt").read_text(encoding="utf-8")
    assert classify(report.split("\n", 1)[0], report)[0] is None


_OPENING = (
    "2023年,澄川市聚焦高质量发展,全面深化法治政府建设,为经济社会发展营造良好法治环境。\n"
    "坚持立法先行。推动出台地方性法规4部,清理规范性文件126件。\n"
    "坚持严格执法。全年办理行政复议案件312件,纠错率12.5%。\n"
)


def test_an_untitled_page_that_opens_with_the_reports_opening_paragraph_is_a_report():
    """A report whose title line was lost and whose parts are lead sentences, not numbered
    headings: its first paragraph (2023年，…法治政府建设) is the report's own opening."""
    assert classify(None, _OPENING) == (None, 0.98)
    assert classify(None, "新闻中心\n\n" + _OPENING) == (None, 0.98)  # below a site's section name
    # The same paragraph below a lead sentence of its own is a feature story's, and below a
    # notice's addressees a notice's: the opening alone no longer reads as the report.
    lead = "依法而治,循法而行。随着全面依法治国的深入推进,澄川市全力推动法治政府建设取得新突破。\n"
    assert classify(None, lead + _OPENING)[0] is not None
    assert classify(None, "各区县人民政府,市政府各部门:\n" + _OPENING)[0] is not None


def test_work_thinking_named_as_someones_is_no_part_of_a_report():
    """下一步工作思路 / 2024年工作思路 is a report's part; …的工作思路 in running text (a city's
    approach, as news tells it) is not one of the genre's cues."""
    body = (
        "依法而治,循法而行。澄川市全力推动法治政府建设。\n"
        "2022年,澄川市被命名为全国法治政府建设示范市。\n"
        "澄川市坚持依法决策对人民负责的工作思路,高起点谋划。\n"
    )
    assert classify(None, body)[0] is not None
    assert classify(None, body.replace("的工作思路", ",提出下一步工作思路"))[0] is None


def test_an_untitled_department_report_on_its_rule_of_law_work_is_a_report():
    """A bureau's report that names its 法治工作 (not 法治政府建设) under a first part of 工作开展情况,
    and a street office's summary to the district's committee under 一、全年工作完成情况: both are the
    genre's reports without a title line (annotator J's pages, session 7)."""
    bureau = (
        "2024年,市交通运输局认真落实习近平法治思想,全面提升法治工作水平,推动交通运输执法规范化。\n"
        "一、主要工作开展情况\n"
        "(一)强化法治学习。组织全体干部职工集中学法6次。\n"
    )
    assert classify(None, bureau) == (None, 0.98)
    assert classify(None, bureau.replace("法治工作水平", "服务水平"))[0] is not None
    street = (
        "澄川区委全面依法治区委员会:\n"
        "在新征程上,东门街道办事处系统推进法治政府建设。现将2024年工作情况总结如下:\n"
        "一、全年工作完成情况\n"
        "(一)组织保障更加健全。全年召开法治建设专题会议4次。\n"
    )
    assert classify(None, street) == (None, 0.98)
    assert classify(None, street.replace("完成情况", "回顾"))[0] is not None


def test_a_sample_whose_first_masked_name_is_past_its_opening_is_a_template():
    # The county's name left out (《**县…实施方案》) only in the fourth paragraph of a 范文.
    page = (
        "根据会议安排,现将全县法治政府建设情况报告如下,请予审议。\n一、主要工作成效\n"
        "今年以来,县政府紧紧围绕县委中心工作,深入推进依法行政,努力构建职能科学、权责法定的法治政府。\n"
        "(一)聚焦高位推进,压紧压实工作责任。\n"
        "组织召开县委全面依法治县委员会会议,制定下发《**县创建省级法治政府建设示范县实施方案》。\n"
    )
    assert classify(None, page)[0] == "template"
    # The same page naming its county is a report.
    assert classify(None, page.replace("**县", "云和县"))[0] is None


def test_an_excerpt_opening_on_its_first_part_of_the_year_s_measures_is_a_report():
    # No title, no opening paragraph: the page starts at 一、2024年工作举措 (a zone's 管委会).
    page = (
        "一、2024年工作举措\n(一)牢固树立法治思维,切实履行推进法治建设第一责任人职责。\n"
        "一是坚持高位统筹。组织召开了依法治区委员会会议,会议全面安排部署了2024年法治政府建设重点工作任务。\n"
        "(二)全面履行政府职能,切实推进依法行政工作有序开展。\n"
    )
    assert classify(None, page)[0] is None
    # Without the rule-of-law words, the same numbered part is no report's form.
    assert classify(None, "一、2024年工作举措\n(一)加强招商引资。\n") != (None, 0.98)


def test_a_report_copied_as_one_line_is_no_news_item_for_a_meeting_in_its_first_part():
    # a department's report whose line breaks were lost: its opening paragraph ends at 一、, and the
    # meeting told in the first part (11月27日，…主持召开) is no news lead
    one_line = (
        "2020年，在省委、省政府和公安部的坚强领导下，我厅深入学习贯彻习近平法治思想，积极统筹推进法治政府建设各项"
        "工作任务，取得明显成效。一、党政主要负责人履行推进法治建设第一责任人职责情况厅党委高度重视法治政府建设。"
        "11月27日，厅党委书记主持召开厅党委会，专题听取法治政府建设工作汇报。二、存在的不足和下一步工作打算"
    )
    assert classify(None, one_line)[0] is None
    # a news item copied as one line still leads with its event
    news = "11月27日，厅党委书记主持召开厅党委会，专题听取2020年度法治政府建设工作汇报。会议强调，要坚持依法行政。"
    assert classify(None, news)[0] == "news"


def test_near_misses_whose_title_was_lost_are_told_by_their_first_lines():
    """Pages copied without their title line (half A of the dev pages): an information-disclosure
    report says it was compiled under the 条例, a speech turns to 下面，我讲三点意见, an outside
    evaluation is signed by its team. Each was read as a report (confidence 0.98)."""
    body = "一、总体情况\n2020年，全区法治政府建设扎实推进，主动公开政府信息2136条。\n二、存在的主要问题\n解读形式单一。\n"
    disclosure = (
        "本报告根据《中华人民共和国政府信息公开条例》和《天津市政府信息公开规定》要求编制。"
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等六部分。\n" + body
    )
    speech = (
        "刚才，会议通报了全县法治政府建设工作情况，总结了取得的成绩和经验。\n"
        "一会儿，县长还要作重要讲话，大家一定要认真抓好贯彻落实。\n下面，我讲三点意见。\n"
        "一、提高认识，明确任务，进一步增强推进法治政府建设的责任感\n"
    )
    evaluation = "华东政法大学“嘉定区法治政府建设”评估小组\n一、贯彻中央精神，督促落实法治政府建设责任\n全面推进依法治国是实现国家治理现代化的必然要求。\n"
    assert classify(None, disclosure)[0] == "info_disclosure_report"
    assert classify(None, speech)[0] == "speech"
    assert classify(None, evaluation)[0] == "article"
    # a report that cites the 条例 in its 政务公开 section stays a report
    report = (
        "2020年，我区坚持以习近平法治思想为指导，深入推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n（一）推进政务公开。严格执行《中华人民共和国政府信息公开条例》，主动公开政府信息2136条。\n"
        "二、存在的不足\n三、下一步工作安排\n"
    )
    assert classify(None, report) == (None, 0.98)


def test_an_interpretation_and_a_study_copied_as_one_line_are_near_misses():
    """Pages copied as one line (half A of the dev pages, flat): the title of a policy interpretation
    runs into its body, a study has no title line; both were read as reports."""
    interpretation = (
        "市司法局:《某市人民政府2024年法治政府建设重点工作安排》解读《某市人民政府2024年法治政府建设重点工作安排》"
        "(以下简称《重点工作安排》)已经市政府同意印发,现对《重点工作安排》作政策解读。一、制定背景法治政府建设是"
        "全面依法治国的重点任务和主体工程。二、主要内容《重点工作安排》明确了2024年法治政府建设的重点任务。"
    )
    study = (
        "一、背景概述随着法治建设的不断深入,县级法治建设成为法治政府建设的重要基础。2024年度,各县级政府将围绕"
        "法治建设目标制定工作计划。本文将对2024年度县法治建设工作计划进行解析与展望。二、工作计划解析1. 深化法治"
        "宣传教育。"
    )
    assert classify(None, interpretation)[0] == "interpretation"
    assert classify(None, study)[0] == "article"
    # a report that mentions the interpretation of a policy it published stays a report
    report = (
        "2024年,我市深入推进法治政府建设。现将有关情况报告如下:一、主要举措和成效(一)加强政策解读。"
        "市政府出台重要政策同步发布解读材料36件。二、存在的不足三、下一步工作安排"
    )
    assert classify(None, report)[0] is None


def test_a_one_line_page_whose_title_caught_a_menu_s_words_still_carries_its_report():
    """A page copied as one line (r-nanchang-2023, r-hunan-qxj-2021, flat): the title took in the
    site's menu (…南昌发布微信公众号…) or its info fields (发布机构:发布日期:), whose 发布 reads as a
    news headline; the report's own 现将有关情况报告如下:一、 right after says the page is the report."""
    flat = (
        "国务院@你赣服通某市发布微信公众号媒体矩阵分享某市2023年法治政府建设情况的报告访问量:2023年,某市坚持以"
        "习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:一、2023年法治政府建设主要工作及成效"
        "(一)坚持和加强党的领导。二、存在的不足三、2024年工作安排"
    )
    m = analyze_text(flat, analyze=False).meta
    assert m.is_report and m.doc_type is None
    # a news item about a report, which does not carry it, stays news
    news = (
        "某市发布2023年法治政府建设情况的报告 近日,某市人民政府公布了2023年法治政府建设情况的报告,"
        "报告从五个方面总结了全市一年来的工作。"
    )
    assert not analyze_text(news, analyze=False).meta.is_report
