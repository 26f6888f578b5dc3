"""Report metadata on the development set, the real report, near-misses and reports of other
levels and regions (tests/data/nearmiss, expectations read off the texts in expected.json)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzanalyzer.meta import extract_meta
from fzanalyzer.normalize import normalize

DATA = Path(__file__).parent / "data"
NEARMISS = DATA / "nearmiss"
EXPECTED = json.loads((NEARMISS / "expected.json").read_text(encoding="utf-8"))
DEV_IDS = ["tangxi-2020", "tangxi-2021", "tangxi-2022", "chengchuan-2021", "chengchuan-2022"]


def meta_of(text: str, hints: dict | None = None):
    return extract_meta(normalize(text).text, hints or {})


def nfkc(s: str | None) -> str | None:
    return None if s is None else unicodedata.normalize("NFKC", s)


@pytest.mark.parametrize("report_id", DEV_IDS)
def test_dev_metadata_equals_gold(report_id, dev_dir, gold):
    g = gold(report_id)
    m = meta_of((dev_dir / f"{report_id}.txt").read_text(encoding="utf-8"))
    assert m.is_report and m.doc_type is None
    assert m.title == nfkc(g["title"])
    assert m.issuer == g["issuer"]
    assert m.level == g["level"]
    assert m.year_covered == g["year_covered"]
    assert asdict(m.region) == g["region"]
    # Invented regions are not in the gazetteer: nothing is inferred, no code.
    assert m.adcode is None and m.region_inferred == []
    assert m.published is not None and int(m.published[:4]) == g["year_covered"] + 1


def test_real_report_metadata(seed_path):
    expected = json.loads((DATA / "seed" / "jingan-2019.meta.json").read_text(encoding="utf-8"))
    m = meta_of(seed_path.read_text(encoding="utf-8"))
    for key in ("title", "issuer", "level", "year_covered", "is_report", "adcode", "region_inferred"):
        assert getattr(m, key) == expected[key], key
    assert asdict(m.region) == expected["region"]
    assert m.published is None  # the page ends with its footer, not a signature
    assert not any(w.startswith("W010") for w in m.warnings)


def test_real_report_traditional_copy_has_the_same_metadata(seed_path):
    raw = seed_path.read_text(encoding="utf-8")
    assert meta_of(opencc.OpenCC("s2t").convert(raw)) == meta_of(raw)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nearmiss_and_other_levels(name):
    expected = EXPECTED[name]
    m = meta_of((NEARMISS / f"{name}.txt").read_text(encoding="utf-8"))
    got = {**asdict(m), "region": asdict(m.region)}
    for key, value in expected.items():
        assert got[key] == value, key
    if expected["is_report"]:
        assert not any(w.startswith("W011") for w in m.warnings)
    else:
        assert any(w.startswith("W011") and expected["doc_type"] in w for w in m.warnings)


# -- gazetteer completion ---------------------------------------------------------------------
def test_jinghai_district_is_completed_to_tianjin():
    m = meta_of(
        "静海区人民政府关于2021年度法治政府建设情况的报告\n区人大常委会：\n2021年，我区坚持依法行政。"
    )
    assert m.region.province == "天津市" and m.region.county_or_district == "静海区"
    assert m.region.city is None  # a municipality has no prefecture city
    assert m.adcode == "120118"
    assert m.region_inferred == ["province"]


def test_ambiguous_district_without_its_city_is_not_completed():
    m = meta_of("鼓楼区人民政府关于2021年度法治政府建设情况的报告\n2021年，我区坚持依法行政。")
    assert m.region.county_or_district == "鼓楼区"
    assert m.adcode is None and m.region.province is None and m.region_inferred == []


def test_ambiguous_district_with_its_city_in_the_issuer():
    m = meta_of("南京市鼓楼区人民政府关于2021年度法治政府建设情况的报告\n2021年，我区坚持依法行政。")
    assert (m.region.province, m.region.city, m.adcode) == ("江苏省", "南京市", "320106")
    assert m.region_inferred == ["province"]


def test_county_level_city_gets_its_prefecture():
    m = meta_of("晋江市人民政府关于2020年度法治政府建设情况的报告\n2020年，我市坚持依法行政。")
    assert (m.region.province, m.region.city, m.region.county_or_district) == ("福建省", "泉州市", "晋江市")
    assert m.adcode == "350582" and m.level == "district_county"
    assert m.region_inferred == ["province", "city"]


def test_division_abolished_since_keeps_its_code_of_the_time():
    m = meta_of("莱芜市人民政府关于2018年度法治政府建设情况的报告\n2018年，我市坚持依法行政。")
    assert m.adcode == "371200" and m.region.province == "山东省" and m.level == "city"


def test_invented_region_infers_nothing():
    m = meta_of("泓川省临澄市人民政府关于2021年度法治政府建设情况的报告\n2021年，我市坚持依法行政。")
    assert (m.region.province, m.region.city, m.adcode, m.region_inferred) == ("泓川省", "临澄市", None, [])
    assert m.level == "city"


# -- year covered -------------------------------------------------------------------------------
def test_year_from_the_signature_only_is_the_year_before_with_a_warning():
    text = "关于法治政府建设工作情况的报告\n区委：\n一年来，我区坚持依法行政，取得新成效。\n棠溪区人民政府\n2021年3月26日"
    m = meta_of(text)
    assert m.year_covered == 2020 and m.published == "2021-03-26"
    assert any(w.startswith("W010") for w in m.warnings)


def test_year_from_the_plan_heading():
    text = "关于法治政府建设工作情况的报告\n区委：\n一年来，我区坚持依法行政。\n一、主要举措和成效\n二、2022年工作安排"
    assert meta_of(text).year_covered == 2021


def test_stale_clock_on_the_page_does_not_set_the_year():
    text = (
        "今天是：2019年5月6日 星期一\n您所在的位置：首页 > 政务公开\n"
        "关于法治政府建设工作情况的报告\n市委：\n2020年，我区坚持依法行政，取得新成效。\n"
        "棠溪区人民政府\n二〇二一年三月二十六日\n打印本页 关闭窗口"
    )
    m = meta_of(text)
    assert m.year_covered == 2020 and m.published == "2021-03-26"


def test_publication_date_and_title_from_html_hints():
    m = meta_of(
        "区人大常委会：\n2020年，我区坚持依法行政，取得新成效。\n一、主要举措和成效\n二、存在的不足\n三、下一步工作安排",
        {"title": "棠溪区2020年度法治政府建设情况报告_临澄市棠溪区人民政府", "date": "2021-03-30 09:12"},
    )
    assert m.title == "棠溪区2020年度法治政府建设情况报告"
    assert m.published == "2021-03-30"
    assert m.year_covered == 2020 and m.is_report


def test_level_from_how_the_report_speaks_when_no_issuer():
    m = meta_of("关于2021年度法治政府建设工作情况的报告\n2021年，我局坚持依法行政，全局法治建设取得新成效。")
    assert m.issuer is None and m.level == "department"


def test_title_printed_on_two_lines():
    text = "临澄市棠溪区人民政府关于2020年度法治政府\n建设工作情况的报告\n市委、市政府：\n2020年，我区坚持依法行政。"
    m = meta_of(text)
    assert m.title == "临澄市棠溪区人民政府关于2020年度法治政府建设工作情况的报告"
    assert m.issuer == "临澄市棠溪区人民政府" and m.year_covered == 2020


def test_abbreviated_issuer_is_completed_from_the_text():
    text = (
        "市司法局关于2021年度法治政府建设工作情况的报告\n市委、市政府：\n"
        "2021年，澄川市司法局坚持依法行政，接待南京市司法局考察团一次。\n一、主要举措和成效\n澄川市司法局牵头起草规划。"
    )
    m = meta_of(text)
    assert m.issuer == "澄川市司法局" and m.region.city == "澄川市" and m.level == "department"


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("《棠溪区2020年度法治政府建设情况报告》解读", "interpretation"),
        ("棠溪区公布2020年度法治政府建设情况报告", "news"),
        ("区长2020年度履行推进法治建设第一责任人职责情况报告", "duty_report"),
        ("关于全区2020年度法治政府建设考核结果的通报", "notice"),
        ("关于报送2020年度法治政府建设情况报告的函", "notice"),
        ("临澄市法治政府建设实施纲要（2021—2025年）", "plan"),
        ("关于2020年度法治政府建设和履行推进法治建设第一责任人职责情况的报告", None),
        ("棠溪区2020年法治政府建设年度报告（全文）", None),
        ("棠溪区人民政府2020年度依法行政工作报告", None),
    ],
)
def test_doc_type_from_the_title(title, label):
    from fzanalyzer.meta.doctype import doc_type

    assert doc_type(title, "") == label


def test_traditional_web_copy_has_the_same_metadata(dev_dir):
    raw = (dev_dir / "tangxi-2022.txt").read_text(encoding="utf-8")
    assert meta_of(opencc.OpenCC("s2t").convert(raw)) == meta_of(raw)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "关于年度法治政府建设情况的报告人民政府司法局静海区天津市鼓楼区镇街道省市区县一二三四、()。,:0123456789\n "
            )
        ),
        max_size=300,
    )
)
def test_extract_meta_never_crashes_and_gives_valid_labels(text):
    from fzanalyzer.model import LEVELS

    m = meta_of(text)
    assert m.level is None or m.level in LEVELS
    assert m.adcode is None or (len(m.adcode) == 6 and m.adcode.isdigit())
    assert set(m.region_inferred) <= {"province", "city", "county_or_district"}
    assert m.is_report == (m.doc_type is None)


def test_press_byline_makes_news_even_under_a_report_headline():
    text = "棠溪区2020年度法治政府建设情况报告\n本报讯（记者 王某）近日，棠溪区向社会公布了2020年度法治政府建设情况报告。"
    m = meta_of(text)
    assert not m.is_report and m.doc_type == "news"


def test_province_of_an_unknown_region_from_its_own_regulations():
    text = (
        "临澄市棠溪区人民政府关于2020年度法治政府建设工作情况的报告\n市委、市政府：\n"
        "2020年，我区认真贯彻《泓川省优化营商环境条例》，学习借鉴浙江省经验，依法行政水平不断提升。"
    )
    assert meta_of(text).region.province == "泓川省"
