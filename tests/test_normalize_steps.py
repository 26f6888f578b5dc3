"""Normalization steps, one by one, on small real-looking inputs."""

from __future__ import annotations

import opencc
import pytest

from fzanalyzer.normalize import STEPS, normalize, steps
from fzanalyzer.normalize.chrome import is_chrome, remove_chrome


def codes(n) -> list[str]:
    return [w.split()[0] for w in n.warnings]


# -- newlines, NFKC -----------------------------------------------------------------------------
def test_crlf_and_cr_become_lf_without_warning():
    n = normalize("关于2020年度法治政府建设情况的报告\r\n市委：\r2020年，我区依法行政。\r\n")
    assert "\r" not in n.text
    assert n.text.split("\n")[1] == "市委:"


def test_nfkc_full_width_digits_brackets_colons_and_its_count():
    n = normalize("（一）全年办理案件１２３件，占比９８．６％：")
    assert n.text == "(一)全年办理案件123件,占比98.6%:"
    w = [x for x in n.warnings if x.startswith("W006")]
    # （ ） １ ２ ３ ， ９ ８ ． ６ ％ ： = 12 characters
    assert w and "12" in w[0]


def test_nfkc_keeps_chinese_punctuation_it_does_not_map_and_list_circles():
    n = normalize("“放管服”改革、《条例》……①加强领导；面积1200m²。")
    assert "“放管服”改革、《条例》" in n.text
    assert "……" in n.text  # NFKC would turn … into ...
    assert "①加强领导" in n.text  # NFKC would turn ① into 1
    assert "1200m²" in n.text


def test_kangxi_radicals_from_pdf_become_ordinary_ideographs():
    # PDF text layers often map 一 to the Kangxi radical ⼀ (U+2F00).
    assert normalize("\u2f00、主要举措").text == "一、主要举措"


# -- traditional ---------------------------------------------------------------------------------
def test_simplified_text_is_left_alone(dev_dir):
    text = (dev_dir / "tangxi-2021.txt").read_text(encoding="utf-8")
    assert steps.to_simplified(text) == text
    assert steps.traditional_share(text)[1] < 0.01


def test_a_few_traditional_characters_in_simplified_text_are_not_converted():
    text = "我区坚持依法行政，全年办理行政复议案件268件。" * 5 + "（引自《臺灣法治報告》）"
    assert steps.to_simplified(text) == text


def test_traditional_text_is_converted_with_warning():
    simp = "临澄市棠溪区人民政府关于2020年度法治政府建设工作情况的报告\n一、主要举措和成效\n全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。"
    trad = opencc.OpenCC("s2t").convert(simp)
    assert trad != simp
    n = normalize(trad)
    assert n.text == normalize(simp).text
    assert "W003" in codes(n)


# -- whitespace ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("法治 政府　建设", "法治政府建设"),
        ("旁听庭审18 次", "旁听庭审18 次"),  # number and unit: kept as written
        ("全年 ， 共", "全年,共"),
        ("the  rule of\tlaw", "the rule of law"),
        ("  　　首行缩进的段落。  ", "首行缩进的段落。"),
        ("开展“德以静心 法以安身”活动", "开展“德以静心法以安身”活动"),
    ],
)
def test_clean_whitespace(raw, expected):
    assert steps.clean_whitespace(steps.nfkc(raw)) == expected


# -- page furniture ------------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["— 3 —", "- 12 -", "－３－", "第3页", "第 3 页 共 12 页", "3/12", "—3—"])
def test_page_number_lines(line):
    assert steps.is_page_number(line)
    text = f"第一段内容。\n{line}\n第二段内容。"
    assert steps.remove_page_numbers(text) == "第一段内容。\n第二段内容。"


def test_a_lone_bare_number_is_not_a_page_number_but_a_series_is():
    one = "全年办理案件：\n12\n其他内容。"
    assert steps.remove_page_numbers(one) == one
    series = "甲。\n1\n乙。\n2\n丙。"
    assert steps.remove_page_numbers(series) == "甲。\n乙。\n丙。"


def test_running_headers_removed_but_outline_headings_kept():
    pages = []
    for p in range(1, 5):
        pages += ["棠溪区法治政府建设情况报告", "（一）加强领导", f"第{p}页内容。", f"- {p} -"]
    text = "\n".join(pages)
    out = steps.remove_running_headers(text)
    assert "（一）加强领导" in out
    assert out.count("棠溪区法治政府建设情况报告") == 1  # the first, opening the document, stays


def test_repeated_short_lines_without_pagination_need_five_repeats():
    text = "\n".join(["附表", "内容一。", "附表", "内容二。", "附表", "内容三。"])
    assert steps.remove_running_headers(text) == text


# -- hard wrap -----------------------------------------------------------------------------------
PARAS = [
    "一、2020年度推进法治政府建设的主要举措和成效",
    "（一）坚持放管结合，依法全面履行政府职能",
    "按照省、市关于深化简政放权的部署要求，对区级行政权力事项进行全面梳理，全年取消、调整区级行政权力事项四十七项，"
    "动态调整后的区级权责清单统一在区政府门户网站公布，做到清单之外无权力。深入推进最多跑一次改革，依申请政务服务事"
    "项可网办率达到98.6%。",
    "（二）坚持源头把关，提高制度建设质量",
    "坚持有件必备、有备必审、有错必纠原则，严格执行行政规范性文件合法性审核、集体讨论决定和统一登记、统一编号、统一"
    "印发制度，及时向市政府和区人大常委会报送备案。全年区政府制发行政规范性文件9件，备案审查部门规范性文件14件。",
    "二、存在的不足和原因",
    "一是法治意识有待进一步提高，运用法治思维和法治方式深化改革、推动发展、化解矛盾、维护稳定的能力有待增强；二是"
    "基层执法力量相对薄弱，执法人员专业素质参差不齐，执法规范化水平有待提升。",
]


def _wrap(paras: list[str], width: int) -> str:
    rows = []
    for p in paras:
        rows += [p[i : i + width] for i in range(0, len(p), width)]
    return "\n".join(rows)


def test_hard_wrapped_lines_are_joined_and_headings_stay_lines():
    wrapped = _wrap(PARAS, 30)
    n = normalize(wrapped)
    reference = normalize("\n".join(PARAS)).text
    assert n.text.replace("\n", "") == reference.replace("\n", "")
    lines = n.text.split("\n")
    for heading in (p for p in reference.split("\n") if len(p) < 30):
        assert heading in lines
    # Without indentation a full row ending in 。 may end a paragraph: it is kept as a break, so
    # at most those rows add lines.
    assert len(reference.split("\n")) <= len(lines) <= len(reference.split("\n")) + 2
    assert "W005" in codes(n)


def test_indented_hard_wrap_joins_rows_ending_a_sentence():
    wrapped = _wrap(["　　" + p for p in PARAS], 30)
    assert normalize(wrapped).text == normalize("\n".join(PARAS)).text


def test_a_full_line_is_never_joined_to_a_following_heading():
    # The first paragraph's last row is exactly full; the heading after it must stay a line.
    para = "全" * 60
    text = "\n".join(
        [*_wrap([para], 30).split("\n"), "（二）坚持源头把关", *_wrap(PARAS[4:5], 30).split("\n")] * 3
    )
    out = steps.join_wrapped_lines(text).split("\n")
    assert "（二）坚持源头把关" in out


def test_text_with_one_paragraph_per_line_is_not_unwrapped(dev_dir, seed_path):
    for path in [*sorted(dev_dir.glob("*.txt")), seed_path]:
        text = path.read_text(encoding="utf-8")
        assert steps.join_wrapped_lines(text) == text, path.name


# -- chrome --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "今天是：2021年3月31日 星期三",
        "首页　|　走进棠溪　|　政务公开　|　政务服务　|　政民互动",
        "您所在的位置：首页 > 政务公开 > 法治政府建设 > 年度报告",
        "当前位置：首页 > 信息公开",
        "来源：区司法局　　发布时间：2021-03-30　　【字体：大 中 小】",
        "字号：【大】【中】【小】",
        "【打印本页】　【关闭窗口】",
        "索引号：11120223MB0K12345X/2021-00012",
        "发文机关：临澄市棠溪区人民政府",
        "留言咨询",
        "纠错",
        "2.出错页面的地址(浏览器地址栏里面的地址):*",
        "相关文档",
        "主办单位：临澄市棠溪区人民政府办公室　　技术支持：临澄市棠溪区大数据发展中心",
        "版权所有：临澄市棠溪区人民政府　　备案号：泓ICP备12004387号-1",
        "泓公网安备 68010302000215号",
        "分享到：",
        "扫一扫在手机打开当前页",
        "-",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(steps.nfkc(line))


@pytest.mark.parametrize(
    "line",
    [
        "临澄市棠溪区人民政府关于2020年度法治政府建设工作情况的报告",
        "市委、市政府：",
        "一、2020年度推进法治政府建设的主要举措和成效",
        "临澄市棠溪区人民政府",
        "2021年3月26日",
        "推进政务公开标准化规范化，在区政府门户网站开设专栏，发布政策解读86篇。",
        "（五）建设政府门户网站",
        "三、推行二维码执法",
    ],
)
def test_report_lines_are_not_chrome(line):
    assert not is_chrome(steps.nfkc(line))


def test_chrome_inside_the_body_is_kept():
    text = "\n".join(
        [
            "关于2020年度法治政府建设情况的报告",
            "市委：",
            "2020年，我区坚持依法行政。",
            "打印本页",  # inside the body: not touched
            "一、主要举措和成效",
            "全年办理行政复议案件12件，同比上升10%。",
            "临澄市棠溪区人民政府",
            "2021年3月26日",
            "关闭窗口",
        ]
    )
    out = remove_chrome(text).split("\n")
    assert "打印本页" in out
    assert out[-1] == "2021年3月26日"


def test_without_chrome_the_tail_is_kept():
    text = (
        "关于2020年度法治政府建设情况的报告\n市委：\n2020年，我区坚持依法行政，取得新成效。\n附件：1.统计表"
    )
    assert remove_chrome(text) == text


def test_steps_are_composed_in_one_place_with_their_codes():
    names = [s.name for s in STEPS]
    assert names.index("hard_wrap") < names.index("nfkc") < names.index("web_chrome")
    assert {s.code for s in STEPS if s.code} == {
        "W002",
        "W003",
        "W004",
        "W005",
        "W006",
        "W007",
        "W008",
        "W016",
    }


def test_closing_formula_before_the_page_footer_is_kept():
    text = "关于2020年度法治政府建设情况的报告\n市委：\n2020年，我区坚持依法行政，取得新成效。\n特此报告\n打印本页\n关闭窗口"
    assert remove_chrome(text).split("\n")[-1] == "特此报告"


def test_related_links_after_the_signature_are_chrome():
    text = "\n".join(
        [
            "关于2020年度法治政府建设情况的报告",
            "市委：",
            "2020年，我区坚持依法行政，取得新成效。",
            "临澄市棠溪区人民政府",
            "2021年3月26日",
            "相关链接",
            "临澄市棠溪区人民政府关于2019年度法治政府建设工作情况的报告",
            "临澄市棠溪区人民政府关于2018年度法治政府建设工作情况的报告",
        ]
    )
    assert remove_chrome(text).split("\n")[-1] == "2021年3月26日"


def test_a_list_of_short_similar_lines_is_not_hard_wrap():
    rows = [
        "区司法局 12 15",
        "区公安局 31 40",
        "区财政局 10 12",
        "区民政局 18 19",
        "区教育局 22 25",
        "区商务局 11 13",
    ]
    text = "\n".join(["附表：各部门办理行政复议案件情况", *rows, *rows])
    assert steps.join_wrapped_lines(text) == text


def test_a_page_header_of_lines_of_one_width_is_not_hard_wrap(dev_dir):
    # A web page prints its title again and again (breadcrumb, heading, share box) above a report
    # with one paragraph per line: the title lines share a width, the paragraphs are far wider.
    lines = [x for x in (dev_dir / "chengchuan-2021.txt").read_text(encoding="utf-8").split("\n") if x]
    title, body = lines[0], [x for x in lines[1:] if len(x) > 120][:4]
    header = [title, "索引号：1134-2022-00017 公开范围：全社会", title, title]
    text = "\n".join([*header, *body, title, "分享到：", title, title])
    assert len(text.split("\n")) >= 12
    assert steps.join_wrapped_lines(text) == text
