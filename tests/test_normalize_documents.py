"""Normalization of whole documents: web copies with chrome, PDF-style hard-wrapped text,
traditional-script copies of the real report."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzanalyzer.normalize import normalize
from fzanalyzer.normalize.steps import display_width

DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def agreement(output: str, reference: str) -> float:
    """Share of the reference's characters found, in order, in the output (and vice versa):
    the smaller of recall and precision of difflib's matching blocks on squashed text."""
    a, b = squash(reference), squash(output)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(m.size for m in sm.get_matching_blocks())
    return min(matched / max(1, len(a)), matched / max(1, len(b)))


def split_web_copy(raw: str, title: str) -> tuple[list[str], str, list[str]]:
    """(head chrome lines, body, tail chrome lines) of a web copy, read off the file: the body
    runs from the title line to the signature's date line."""
    lines = raw.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.strip() == title)
    end = max(i for i, ln in enumerate(lines) if DATE_LINE.match(ln.strip()))
    return lines[:start], "\n".join(lines[start : end + 1]), lines[end + 1 :]


@pytest.mark.parametrize("report_id", ["tangxi-2020", "tangxi-2022"])
def test_web_copy_chrome_is_removed_and_body_intact(report_id, dev_dir, gold):
    raw = (dev_dir / f"{report_id}.txt").read_text(encoding="utf-8")
    g = gold(report_id)
    head, body, tail = split_web_copy(raw, g["title"])
    assert head and tail  # the dev web copies do carry chrome
    n = normalize(raw)
    out_lines = n.text.split("\n")
    body_lines = {squash(x) for x in body.split("\n")}
    for chrome in head + tail:
        # (the site banner 临澄市棠溪区人民政府 is also the signature's first line)
        if chrome.strip() and squash(chrome) not in body_lines:
            assert squash(chrome) not in {squash(x) for x in out_lines}, chrome
    assert squash(n.text) == squash(body)
    assert out_lines[0] == unicodedata.normalize("NFKC", g["title"])
    assert DATE_LINE.match(out_lines[-1])  # the signature is report text
    assert out_lines[-2].endswith("人民政府")
    assert any(w.startswith("W004") for w in n.warnings)


@pytest.mark.parametrize(
    "report_id", ["tangxi-2020", "tangxi-2021", "tangxi-2022", "chengchuan-2021", "chengchuan-2022"]
)
def test_dev_reports_keep_title_and_first_and_last_part(report_id, dev_dir, gold):
    g = gold(report_id)
    n = normalize((dev_dir / f"{report_id}.txt").read_text(encoding="utf-8"))
    text = n.text
    assert text.startswith(unicodedata.normalize("NFKC", g["title"]))
    parts = g["sections"]
    for part in (parts[0], parts[-1]):
        assert unicodedata.normalize("NFKC", part["marker"] + part["title"]) in text
    assert "\n\n" not in text and not text.endswith("\n") and "\r" not in text


def test_clean_dev_report_only_changes_by_nfkc(dev_dir):
    raw = (dev_dir / "tangxi-2021.txt").read_text(encoding="utf-8")
    n = normalize(raw)
    assert n.text == unicodedata.normalize("NFKC", raw).strip()
    assert [w.split()[0] for w in n.warnings] == ["W006"]


def seed_body(seed_path) -> str:
    """The real report without its page footer (the 留言咨询/纠错 form that ends the file)."""
    raw = seed_path.read_text(encoding="utf-8")
    return raw[: raw.index("\n留言咨询")]


def test_real_report_web_footer_is_removed(seed_path):
    raw = seed_path.read_text(encoding="utf-8")
    n = normalize(raw)
    lines = n.text.split("\n")
    assert lines[:2] == ["上海市静安区人民政府", "关于静安区法治政府建设工作情况的报告"]
    assert lines[-1].startswith("落实《静安区关于实行国家机关“谁执法谁普法”普法责任制的实施意见》")
    for footer in ("留言咨询", "纠错", "相关文档", "使用说明", "您的姓名:*"):
        assert footer not in lines
    assert agreement(n.text, seed_body(seed_path)) == 1.0


def wrapped_pdf_copy(text: str, *, width: int, page_rows: int, indent: bool) -> str:
    """The report as text extracted from a PDF: rows of ``width`` display cells (a digit is half
    as wide as an ideograph), a running header and a page number on every page, blank lines
    around them."""
    rows: list[str] = []
    for para in (p.strip() for p in text.split("\n") if p.strip()):
        para = ("\u3000\u3000" if indent else "") + para
        row = ""
        for ch in para:
            if display_width(row + ch) > width:
                rows.append(row)
                row = ""
            row += ch
        rows.append(row)
    out: list[str] = []
    for p, start in enumerate(range(0, len(rows), page_rows), 1):
        out += ["静安区法治政府建设工作情况报告", ""]
        out += rows[start : start + page_rows]
        out += ["", f"— {p} —" if p % 2 else f"第{p}页", ""]
    return "\n".join(out)


@pytest.mark.parametrize("indent", [True, False])
def test_hard_wrapped_pdf_text_of_the_real_report(seed_path, indent):
    body = seed_body(seed_path)
    reference = normalize(body).text
    wrapped = wrapped_pdf_copy(body, width=68, page_rows=36, indent=indent)
    assert len(wrapped.split("\n")) > 3 * len(reference.split("\n"))
    n = normalize(wrapped)
    assert agreement(n.text, reference) >= 0.995
    assert "静安区法治政府建设工作情况报告" not in n.text.split("\n")[1:]
    assert not re.search(r"— \d+ —|第\d+页", n.text)
    codes = {w.split()[0] for w in n.warnings}
    assert {"W002", "W005", "W007"} <= codes
    # Paragraphs come back: with indentation exactly, without it within a few lines.
    n_lines, n_ref = len(n.text.split("\n")), len(reference.split("\n"))
    assert n_lines == n_ref if indent else n_ref <= n_lines <= n_ref + 8


def test_traditional_copy_of_the_real_report(seed_path):
    body = seed_body(seed_path)
    trad = opencc.OpenCC("s2t").convert(body)
    assert agreement(trad, body) < 0.8  # the copy really is in another script
    n = normalize(trad)
    assert agreement(n.text, normalize(body).text) >= 0.995
    assert any(w.startswith("W003") for w in n.warnings)


def test_traditional_web_copy_of_a_dev_report(dev_dir, gold):
    raw = (dev_dir / "tangxi-2020.txt").read_text(encoding="utf-8")
    trad = opencc.OpenCC("s2t").convert(raw)
    assert normalize(trad).text == normalize(raw).text


def test_normalization_is_idempotent_on_real_text(dev_dir, seed_path):
    for path in [*sorted(dev_dir.glob("*.txt")), seed_path]:
        once = normalize(path.read_text(encoding="utf-8")).text
        assert normalize(once).text == once, path.name


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "法治政府建设报告一二三、（）()。，,：: \u3000\n\r\t—-0123456789第页年月日今天是打印本页留言咨询纠错"
            )
        ),
        max_size=400,
    )
)
def test_normalize_never_crashes_and_gives_clean_lines(text):
    n = normalize(text)
    assert "\r" not in n.text
    assert all(line.strip() == line and line for line in n.text.split("\n")) or n.text == ""
    json.dumps(n.warnings)


def test_web_copy_with_info_block_and_repeated_title(data_dir):
    raw = (data_dir / "nearmiss" / "web-jinghai-2020.txt").read_text(encoding="utf-8")
    lines = normalize(raw).text.split("\n")
    assert lines[0] == "天津市静海区人民政府关于2020年度法治政府建设情况的报告"
    assert lines[1] == "区人大常委会:"
    assert lines[-2:] == ["天津市静海区人民政府", "2021年3月25日"]
    assert len(lines) == 11  # title, addressee, 7 body lines, signature


def test_pdf_text_red_header_and_document_number_are_kept():
    """Lines above the title are only dropped in a web copy (when chrome is there)."""
    head = [
        "静海区人民政府文件",
        "静政报〔2021〕5号",
        "天津市静海区人民政府",
        "关于2020年度法治政府建设情况的报告",
    ]
    body = [
        "区人大常委会：",
        "2020年，区政府坚持依法行政，法治政府建设取得新成效。",
        "天津市静海区人民政府",
        "2021年3月25日",
    ]
    lines = normalize("\n".join(head + body)).text.split("\n")
    assert lines[:2] == ["静海区人民政府文件", "静政报〔2021〕5号"]


def test_running_header_repeating_the_title_keeps_the_title():
    """Page 1 without a header, the title as running header on the next pages."""
    title = "关于2020年度法治政府建设情况的报告"
    rows = [title, "区人大常委会：", "2020年，区政府坚持依法行政。"]
    for p in range(1, 5):
        rows += [f"第{p}段内容，全年办理案件{p}件。", f"— {p} —", title]
    lines = normalize("\n".join(rows)).text.split("\n")
    assert lines[0] == title and lines.count(title) == 1


def test_removed_chrome_tells_the_publication_date_and_title(data_dir, dev_dir):
    web = normalize((data_dir / "nearmiss" / "web-jinghai-2020.txt").read_text(encoding="utf-8"))
    # 成文日期 2021年03月25日 and 发布日期 2021年03月30日 are both on the page: the publication wins.
    chrome = web.hints.pop("chrome")
    assert web.hints == {
        "date": "2021-03-30",
        "title": "天津市静海区人民政府关于2020年度法治政府建设情况的报告",
    }
    # The removed lines themselves are kept for the metadata step: the site header names the page's government.
    assert chrome.split("\n")[0] == "天津市静海区人民政府门户网站" and chrome not in web.text
    tangxi = normalize((dev_dir / "tangxi-2020.txt").read_text(encoding="utf-8")).hints
    assert {k: v for k, v in tangxi.items() if k != "chrome"} == {"date": "2021-03-30"}
    assert normalize((dev_dir / "tangxi-2021.txt").read_text(encoding="utf-8")).hints == {}


def test_unindented_pdf_text_with_centred_title_and_right_aligned_signature():
    """Centred and right-aligned lines are not paragraph indentation (regression: they made a
    text without indentation look indented, and full last rows merged paragraphs)."""
    paras = [
        "2020年，在区委的坚强领导下，区政府坚持以习近平法治思想为指导，全面推进依法行政，法治政府建设取得新成效。",
        "一、2020年度推进法治政府建设的主要举措和成效",
        "全年取消、调整行政权力事项32项，政务服务事项网上可办率达到98.5%。推行企业开办“一窗受理、一网通办、一日办结”，企业开办全流程时间压缩至1个工作日以内。",
        "二、存在的不足和原因",
        "基层执法力量仍显薄弱，部分执法人员运用法治思维和法治方式解决问题的能力还有待提高，规范化水平与群众期待还有差距",
        "三、2021年度推进法治政府建设的主要安排",
        "深化综合行政执法改革，推进行政复议规范化建设，健全行政执法协调监督工作体系，全面提升依法行政水平。",
    ]
    rows: list[str] = []
    for p in paras:
        row = ""
        for ch in p:
            if display_width(row + ch) > 56:
                rows.append(row)
                row = ""
            row += ch
        rows.append(row)
    head = ["          天津市静海区人民政府", "    关于2020年度法治政府建设情况的报告", "", "区人大常委会："]
    tail = ["", " " * 30 + "天津市静海区人民政府", " " * 32 + "2021年3月25日"]
    n = normalize("\n".join(head + rows + tail))
    expected = ["天津市静海区人民政府", "关于2020年度法治政府建设情况的报告", "区人大常委会:"]
    expected += [normalize(p).text for p in paras] + ["天津市静海区人民政府", "2021年3月25日"]
    assert n.text.split("\n") == expected


def test_traditional_copy_with_corner_quotes(seed_path):
    """Hong Kong/Taiwan pages quote with 「」: the normalized copy still agrees with the original."""
    body = seed_body(seed_path)
    trad = opencc.OpenCC("s2t").convert(body).replace("“", "「").replace("”", "」")
    assert agreement(normalize(trad).text, normalize(body).text) >= 0.995
