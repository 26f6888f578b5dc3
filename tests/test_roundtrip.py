"""End to end: the real report in every format gives the same normalized body and metadata.

Each rendering goes through ``fzanalyzer.load`` (read → normalize → metadata). The reference is
the report's own UTF-8 file through the same path. Text files are rendered from the whole file
as a user has it (its website footer included), web pages wrap the body in site chrome, the
DOCX and the PDF hold the body.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import fzanalyzer

from conftest import require
from render import (
    agreement,
    cjk_font_path,
    render_docx,
    render_every_format,
    render_html,
    render_pdf,
    render_wrapped_txt,
    seed_body,
)

MIN_AGREEMENT = 0.995
#: Chrome that never occurs in the report body (checked against it: 纠错 does, in 纠错报告制度).
CHROME = (
    "留言咨询",
    "您所在的位置",
    "版权所有",
    "ICP备",
    "打印本页",
    "关闭窗口",
    "发布时间",
    "使用说明",
    "相关文档",
)
CHROME_LINES = ("纠错",)
META_FIELDS = ("title", "issuer", "region", "adcode", "level", "year_covered", "is_report")

FORMATS = [
    "utf8.txt",
    "utf8-bom.txt",
    "gb18030.txt",
    "utf16.txt",
    "crlf.txt",
    "wrapped.txt",
    "traditional.txt",
    "page-div.html",
    "page-table.html",
    "page-br.html",
    "page-gbk.html",
    "report.docx",
    "report.pdf",
]


@pytest.fixture(scope="session")
def renderings(tmp_path_factory) -> dict[str, Path]:
    return render_every_format(tmp_path_factory.mktemp("roundtrip"))


@pytest.fixture(scope="session")
def loaded(renderings):
    """Each rendering through ``fzanalyzer.load``, once per session."""
    cache: dict[str, fzanalyzer.Report] = {}

    def load(name: str) -> fzanalyzer.Report:
        if name not in cache:
            cache[name] = fzanalyzer.load(renderings[name], analyze=False)
        return cache[name]

    return load


@pytest.fixture(scope="session")
def reference(loaded):
    return loaded("utf8.txt")


def test_chrome_markers_are_not_report_text():
    body = seed_body()
    assert not [m for m in CHROME if m in body]
    assert not [m for m in CHROME_LINES if m in body.splitlines()]


def test_reference_is_the_body_without_footer(reference):
    recall, precision = agreement(reference.text, seed_body())
    assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (recall, precision)


@pytest.mark.parametrize("name", FORMATS)
def test_same_normalized_body(renderings, loaded, reference, name):
    require(name in renderings, "the CJK font fonts-wqy-zenhei")
    report = loaded(name)
    recall, precision = agreement(report.text, reference.text)
    assert recall >= MIN_AGREEMENT, f"{name}: text lost, recall {recall:.4f}"
    assert precision >= MIN_AGREEMENT, f"{name}: extra text kept, precision {precision:.4f}"
    for marker in CHROME:
        assert marker not in report.text, f"{name}: chrome {marker!r} left"
    lines = set(report.text.splitlines())
    for marker in CHROME_LINES:
        assert marker not in lines, f"{name}: chrome line {marker!r} left"


@pytest.mark.parametrize("name", FORMATS)
def test_same_metadata(renderings, loaded, reference, name):
    require(name in renderings, "the CJK font fonts-wqy-zenhei")
    report = loaded(name)
    for field in META_FIELDS:
        assert getattr(report.meta, field) == getattr(reference.meta, field), f"{name}: {field}"


# -- the development set: every report rendered from its normalized text -----------------------
DEV_FORMATS = ["pdf", "docx", "html", "wrapped.txt"]


@pytest.fixture(scope="session")
def dev_renderings(tmp_path_factory):
    """Each dev report's normalized text rendered as PDF, DOCX, web page and hard-wrapped text;
    read back it must give the same text and metadata as the report itself."""
    from conftest import DEV, DEV_IDS

    folder = tmp_path_factory.mktemp("dev-roundtrip")
    out = {}
    for rid in DEV_IDS:
        ref = fzanalyzer.load(DEV / f"{rid}.txt", analyze=False)
        body = ref.text
        paths = {
            "docx": render_docx(body, folder / f"{rid}.docx"),
            "html": folder / f"{rid}.html",
            "wrapped.txt": folder / f"{rid}-wrapped.txt",
        }
        paths["html"].write_bytes(render_html(body, "table"))
        paths["wrapped.txt"].write_text(render_wrapped_txt(body), encoding="utf-8")
        if cjk_font_path():
            paths["pdf"] = render_pdf(body, folder / f"{rid}.pdf")
        out[rid] = (ref, paths)
    return out


@pytest.mark.parametrize("fmt", DEV_FORMATS)
def test_dev_reports_survive_every_format(dev_renderings, fmt):
    for rid, (ref, paths) in dev_renderings.items():
        require(fmt in paths, "the CJK font fonts-wqy-zenhei")
        report = fzanalyzer.load(paths[fmt], analyze=False)
        recall, precision = agreement(report.text, ref.text)
        assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (rid, recall, precision)
        for field in META_FIELDS:
            assert getattr(report.meta, field) == getattr(ref.meta, field), (rid, field)
