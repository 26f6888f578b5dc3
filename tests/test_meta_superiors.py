"""The region above the issuer from the addressee line and the opening, non-reports' metadata, and
which dates make ``published`` and ``year_covered`` (fixtures: tests/data/meta, README there)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import opencc
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fzanalyzer.meta import extract_meta
from fzanalyzer.meta.superior import leadership_clauses, named_divisions, superior_names
from fzanalyzer.model import Region
from fzanalyzer.normalize import normalize

from conftest import require

META = Path(__file__).parent / "data" / "meta"
EXPECTED = json.loads((META / "expected.json").read_text(encoding="utf-8"))


def meta_of(text: str, hints: dict | None = None):
    return extract_meta(normalize(text).text, hints or {})


def fixture(name: str) -> str:
    return (META / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metadata(name):
    expected = EXPECTED[name]
    m = meta_of(fixture(name))
    got = {**asdict(m), "region": asdict(m.region)}
    for key, value in expected.items():
        assert got[key] == value, key


# -- names in the addressee and the opening -----------------------------------------------------
@pytest.mark.parametrize(
    ("segment", "names"),
    [
        ("汀阳市人民政府", ["汀阳市"]),
        ("中共云梧市委、云梧市人民政府", ["云梧市"]),
        ("南岑省委、省政府和市委", ["南岑省"]),
        ("中共南岑省委、南岑省人民政府和市委", ["南岑省"]),
        ("市委、市政府", []),
        ("区人大常委会", []),
        ("县委全面依法治县委员会办公室", []),
        ("各县(市、区)人民政府,市政府各部门", []),
        ("各乡镇人民政府,县政府各部门", []),
        ("和田地区行政公署", ["和田地区"]),
        ("黔东南苗族侗族自治州人民政府", ["黔东南苗族侗族自治州"]),
        ("全市各级人民政府", []),
        ("汀阳市司法局", ["汀阳市"]),  # a department of the level above names it too
        ("南岑省市场监督管理局", ["南岑省"]),
        ("市委、市政府和省市场监管局", []),
    ],
)
def test_named_divisions(segment, names):
    assert named_divisions(segment) == names


def test_leadership_clauses_of_the_opening():
    assert leadership_clauses("2021年,我县在汀阳市委的坚强领导下,依法行政。") == ["汀阳市委"]
    opening = "2021年是“十四五”开局之年。一年来,我县在中共汀阳市委、汀阳市人民政府的正确领导下,依法行政。"
    assert named_divisions(leadership_clauses(opening)[0]) == ["汀阳市"]
    assert leadership_clauses("2021年,我县在汀阳市举办法治论坛,依法行政。") == []


def test_addressee_is_looked_for_only_right_after_the_title():
    lines = ["柘川县人民政府关于2021年度法治政府建设情况的报告", "2021年,我县坚持依法行政,取得新成效。"]
    lines += ["一、主要举措", "(一)依法决策", "会议议定事项如下:", "汀阳市人民政府:"]
    assert superior_names(lines, 1) == []


def test_issuer_own_division_and_lower_levels_give_nothing():
    from fzanalyzer.meta.region import fill_superiors

    r = Region(city="淞阳市")
    assert fill_superiors(r, [], ["淞阳市", "柘川县"], 1) == [] and r == Region(city="淞阳市")
    r = Region(county_or_district="柘川县")
    assert fill_superiors(r, [], ["南岑省", "汀阳市"], 2) == ["province", "city"]
    assert (r.province, r.city) == ("南岑省", "汀阳市")


def test_addressee_fills_only_empty_fields():
    text = fixture("county-addressee-city").replace("柘川县人民政府关于", "云梧市柘川县人民政府关于", 1)
    m = meta_of(text)
    assert m.region.city == "云梧市"  # the issuer's own name says it; the addressee does not override


def test_county_of_a_township_known_from_its_name_leaves_the_city_to_a_city_name():
    text = "琅屿县鹤陂镇人民政府关于2022年度法治政府建设情况的报告\n汀阳市琅屿县人民政府：\n2022年，我镇坚持依法行政。"
    m = meta_of(text)
    assert (m.region.city, m.region.county_or_district, m.level) == ("汀阳市", "琅屿县", "township")


def test_unlisted_county_addressed_to_a_known_city_gets_the_province_inferred():
    text = "柘川县人民政府关于2022年度法治政府建设情况的报告\n湖州市人民政府：\n2022年，我县坚持依法行政。"
    m = meta_of(text)
    assert (m.region.province, m.region.city, m.region.county_or_district) == ("浙江省", "湖州市", "柘川县")
    assert m.region_inferred == ["province"] and m.adcode is None


def test_issuer_without_divisions_uses_how_the_report_speaks():
    text = "区人民政府关于2021年度法治政府建设情况的报告\n云梧市人民政府：\n2021年，我区坚持依法行政，全区法治建设取得新成效。"
    assert meta_of(text).region.city == "云梧市"


def test_traditional_copy_has_the_same_region():
    raw = fixture("city-opening-province")
    assert meta_of(opencc.OpenCC("s2t").convert(raw)).region == meta_of(raw).region


def test_pdf_layout_with_indents_and_hard_wraps_keeps_the_addressee():
    lines = fixture("county-addressee-city").split("\n")
    wrapped = []
    for line in lines:
        body = "　　" + line.strip() if line.strip() else ""
        wrapped += [body[i : i + 34] for i in range(0, len(body), 34)] or [""]
    m = meta_of("\n".join(wrapped))
    assert (m.region.city, m.region.county_or_district) == ("汀阳市", "柘川县")


# -- non-reports ---------------------------------------------------------------------------------
def test_headline_subject_with_a_verb_is_no_issuer():
    m = meta_of(fixture("news-review-headline"))
    assert m.issuer is None and m.level is None and not m.is_report


def test_non_report_year_never_comes_from_dates():
    text = "在全县法治政府建设工作会议上的讲话\n同志们：\n今天召开全县法治政府建设工作会议。\n县长 李某\n2022年2月10日"
    m = meta_of(text)
    assert not m.is_report and m.published == "2022-02-10" and m.year_covered is None
    assert not any(w.startswith("W010") for w in m.warnings)


def test_year_span_is_no_single_year():
    from fzanalyzer.meta.year import first_year

    assert first_year("汀阳市法治政府建设实施方案(2021—2025年)") is None
    assert first_year("汀阳市法治政府建设规划(2021年-2025年)") is None
    assert first_year("关于2021年度法治政府建设情况的报告") == 2021


# -- dates -----------------------------------------------------------------------------------------
_UNSIGNED = "关于法治政府建设工作情况的报告\n区委：\n一年来，我区坚持依法行政，取得新成效。\n一、主要举措和成效\n二、存在的不足"


def test_file_creation_date_is_the_last_resort_for_published_and_never_sets_the_year():
    m = meta_of(_UNSIGNED, {"created": "2023-05-06"})
    assert m.published == "2023-05-06" and any(w.startswith("W014") for w in m.warnings)
    assert m.year_covered is None


def test_signature_date_wins_over_file_creation_date():
    m = meta_of(_UNSIGNED + "\n棠溪区人民政府\n2021年3月26日", {"created": "2023-05-06"})
    assert m.published == "2021-03-26" and m.year_covered == 2020
    assert not any(w.startswith("W014") for w in m.warnings)


def test_page_publication_date_wins_over_file_creation_date():
    m = meta_of(_UNSIGNED, {"date": "2021-03-30 09:12", "created": "2023-05-06"})
    assert m.published == "2021-03-30" and m.year_covered == 2020


def test_creation_date_does_not_override_the_text_year():
    text = _UNSIGNED.replace("一年来", "2021年")
    m = meta_of(text, {"created": "2019-01-02"})
    assert m.year_covered == 2021 and m.published == "2019-01-02"


# -- other layouts: a web page flattened into one line, PDF text not rejoined ---------------------
def _pdf_rows(text: str, width: int = 30) -> str:
    """Rows of ``width`` characters with a page number and a running header every 28 rows."""
    out, page = [], 1
    rows = [p[i : i + width] for p in (x.strip() for x in text.split("\n")) for i in range(0, len(p), width)]
    for n, row in enumerate(rows, start=1):
        out.append(row)
        if n % 28 == 0:
            page += 1
            out += [f"— {page} —", "某某县人民政府文件"]
    return "\n".join(out)


_LAYOUTS = {
    "spaces": lambda t: "  ".join(x.strip() for x in t.split("\n") if x.strip()),
    "glued": lambda t: "".join(x.strip() for x in t.split("\n") if x.strip()),
    "pdf_rows": _pdf_rows,
}
# Known differences, all in non-reports or in what is not report text: the notice's own
# signature before the short plan it issues looks like the end of a one-line text; a wrapped
# title that is no report title; a headline-less news item; the web page's stale first line.
_LAYOUT_GAPS = {
    "spaces": {"plan-notice-span"},
    "glued": {"plan-notice-span"},
    "pdf_rows": {"plan-notice-span", "news-untitled", "web-jinghai-2023"},
}


def _layout_cases():
    data = Path(__file__).parent / "data"
    paths = sorted((data / "dev").glob("*.txt")) + sorted(META.glob("*.txt"))
    paths += sorted((data / "nearmiss").glob("*.txt"))
    return [
        pytest.param(p, layout, id=f"{p.stem}-{layout}")
        for p in paths
        for layout in _LAYOUTS
        if p.stem not in _LAYOUT_GAPS[layout]
    ]


@pytest.mark.parametrize(("path", "layout"), _layout_cases())
def test_layouts_keep_the_metadata(path, layout):
    raw = path.read_text(encoding="utf-8")
    want, got = meta_of(raw), meta_of(_LAYOUTS[layout](raw))
    for key in ("title", "issuer", "region", "level", "year_covered", "published", "is_report"):
        assert getattr(got, key) == getattr(want, key), key


def test_one_line_signature_before_an_attachment_is_not_the_report_signature():
    # The notice is signed before the plan it issues; in one line the signature is no tail.
    raw = fixture("plan-notice-span")
    one = "".join(x.strip() for x in raw.split("\n") if x.strip())
    long_tail = one + "（四）健全突发事件应对体系。" * 40
    assert meta_of(long_tail).published is None


def test_one_line_title_after_page_chrome_starts_at_the_division():
    text = (
        "天津市静海区人民政府 今天是2019年12月3日星期二 无障碍 简体| 繁体静海区2023年度法治政府建设情况报告"
        "2023年,静海区坚持以习近平法治思想为指导,依法行政水平持续提升。一、主要举措和成效(一)深化放管服改革。"
        "二、存在的不足 法治队伍建设仍有短板。三、2024年工作安排 持续推进依法行政。"
    )
    m = meta_of(text)
    assert m.title == "静海区2023年度法治政府建设情况报告" and m.year_covered == 2023


def test_merged_shortcomings_and_plan_heading_points_to_one_year():
    text = (
        "渌阳市人民政府关于2020年法治政府建设情况的报告\n省委、省政府：\n2020年，我市坚持依法行政，取得新成效。\n"
        "一、2020年法治政府建设主要举措和成效\n二、2020年存在的不足暨2021年工作安排\n渌阳市人民政府\n2021年3月29日"
    )
    m = meta_of(text)
    assert m.year_covered == 2020 and not any(w.startswith("W010") for w in m.warnings)


def test_generated_pdf_keeps_the_signature_date_and_region(tmp_path):
    from fzanalyzer.pipeline import analyze_file

    from render import cjk_font_path, render_pdf

    require(cjk_font_path() is not None, "the CJK font fonts-wqy-zenhei")
    signed = render_pdf(
        fixture("county-addressee-city"), tmp_path / "signed.pdf", header="柘川县人民政府文件"
    )
    m = analyze_file(signed, analyze=False).meta
    # The file was made today: its creation date is neither the publication date nor the year.
    assert (m.published, m.year_covered) == ("2023-03-06", 2022)
    assert (m.region.city, m.region.county_or_district) == ("汀阳市", "柘川县")

    unsigned_text = fixture("county-addressee-city").rsplit("柘川县人民政府", 1)[0]
    unsigned = render_pdf(unsigned_text, tmp_path / "unsigned.pdf", header="柘川县人民政府文件")
    m = analyze_file(unsigned, analyze=False).meta
    assert m.published is not None and m.published >= "2024-01-01"  # the day the test made it
    assert any(w.startswith("W014") for w in m.warnings) and m.year_covered == 2022


def test_township_addressed_to_a_known_district_gets_its_code():
    text = "大邱庄镇人民政府关于2022年度法治政府建设情况的报告\n静海区人民政府：\n2022年，我镇坚持依法行政。"
    m = meta_of(text)
    assert (m.region.province, m.region.county_or_district, m.adcode) == ("天津市", "静海区", "120118")
    assert m.region_inferred == ["province"] and m.level == "township"


def test_unlisted_district_of_a_known_city_in_the_issuer_gets_the_province():
    m = meta_of("杭州市柘川区人民政府关于2021年度法治政府建设情况的报告\n2021年，我区坚持依法行政。")
    assert (m.region.province, m.region.city, m.adcode, m.region_inferred) == (
        "浙江省",
        "杭州市",
        None,
        ["province"],
    )


def test_congress_of_the_issuer_named_with_its_city():
    text = "棠溪区人民政府关于2021年度法治政府建设情况的报告\n临澄市棠溪区人民代表大会常务委员会：\n2021年，我区坚持依法行政。"
    assert meta_of(text).region.city == "临澄市"


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("在的坚强领导下委人民政府关于年度报告市县区省镇州中共和、,:：。汀阳柘川静海2021一、\n ")
        ),
        max_size=400,
    )
)
@example(
    "柘川县人民政府关于2021年度法治政府建设情况的报告汀阳市人民政府:2021年,我县在中共南岑省委的坚强领导下依法行政。柘川县人民政府2022年3月1日"
)
def test_region_not_inferred_is_text_and_one_line_pieces_are_text(text):
    from fzanalyzer.meta.layout import unglue

    norm = normalize(text).text
    lines = [x.strip() for x in norm.split("\n") if x.strip()]
    assert all(piece in norm for piece in unglue(lines))
    m = extract_meta(norm, {})
    for f in ("province", "city", "county_or_district"):
        name = getattr(m.region, f)
        if name is not None and f not in m.region_inferred:
            assert name in norm, f


def test_signature_found_above_page_furniture_left_by_chrome_removal():
    text = (
        "渌阳市人民政府关于2021年度法治政府建设情况的报告\n省委、省政府:\n2021年,我市坚持依法行政,取得新成效。\n"
        "渌阳市人民政府\n2022年3月28日\n【打印本页】【关闭窗口】【我要纠错】\n"
        "相关链接:中国政府网 | 湄川省人民政府 | 渌阳市司法局主办:渌阳市人民政府办公室承办:渌阳市大数据中心"
    )
    m = extract_meta(text, {})
    assert m.published == "2022-03-28" and m.issuer == "渌阳市人民政府"


def test_township_named_like_a_common_word_stays_a_name():
    text = "琅屿县建设镇人民政府关于2022年度法治政府建设情况的报告\n县委全面依法治县委员会办公室：\n2022年，我镇坚持依法行政。"
    m = meta_of(text)
    assert m.issuer == "琅屿县建设镇人民政府" and m.level == "township"
    assert m.region.county_or_district == "琅屿县"


def test_leadership_clause_after_another_phrase_with_zai():
    lines = ["柘川县人民政府关于2021年度法治政府建设情况的报告"]
    lines.append("2021年,我县在全县范围内开展执法检查,在汀阳市委、市政府的坚强领导下,依法行政取得新成效。")
    assert superior_names(lines, 1) == ["汀阳市"]
