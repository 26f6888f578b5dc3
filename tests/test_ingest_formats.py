"""Every format the real report is rendered into reads back faithfully (ingest level).

Text encodings must decode to exactly the rendered string; HTML, DOCX and PDF must give the
report body with ≥ 99.5 % character agreement in both directions (nothing lost, no chrome or
page furniture kept).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzanalyzer.errors import IngestError
from fzanalyzer.ingest import read_file, sniff
from fzanalyzer.ingest.pdf import read_pdf
from fzanalyzer.ingest.pdflayout import PAGE_NUMBER, Glyph, PageGlyphs, assemble
from fzanalyzer.ingest.text import decode_bytes

from conftest import require
from render import (
    agreement,
    render_docx,
    render_html,
    render_pdf,
    render_traditional,
    render_txt,
    render_wrapped_txt,
    rotated_pdf,
    seed_body,
    seed_text,
    split_body,
)

MIN_AGREEMENT = 0.995
#: Strings that only occur in the rendered pages' chrome, never in the report body.
CHROME = ("您所在的位置", "版权所有", "ICP备", "打印本页", "关闭窗口", "发布时间", "字号", "网站地图")
HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
needs_font = pytest.mark.usefixtures("cjk_font")


@pytest.fixture(scope="session")
def body() -> str:
    return seed_body()


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, body) -> Path:
    return tmp_path_factory.mktemp("rendered")


@pytest.fixture(scope="session")
def pdf_path(rendered, body, cjk_font) -> Path:
    return render_pdf(body, rendered / "report.pdf")


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# -- text ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "encoding", "bom", "guessed"),
    [
        ("utf8", "utf-8", False, False),
        ("utf8bom", "utf-8", True, False),
        ("gb18030", "gb18030", False, True),
        ("utf16", "utf-16", False, False),  # Python's utf-16 writes a BOM
        ("utf16le-nobom", "utf-16-le", False, True),
        ("utf16be-bom", "utf-16-be", True, False),
    ],
)
def test_text_encodings_decode_exactly(rendered, name, encoding, bom, guessed):
    text = seed_text()  # the whole file as a user has it, footer included: ingest only decodes
    doc = read_file(_write(rendered, f"{name}.txt", render_txt(text, encoding, bom=bom)))
    assert doc.format == "txt"
    assert doc.text == text
    assert any(w.startswith("W001") for w in doc.warnings) == guessed


def test_gb_text_keeps_the_em_dash(rendered):
    # GB2312's A1AA is "—"; Python's gb2312 codec turns it into "―" (U+2015).
    text = "《法治政府建设实施纲要（2015—2020年）》——全面落实。\n"
    data = text.encode("gb18030")
    assert b"\xa1\xaa" in data and data.decode("gb2312") != text  # the trap is real
    doc = read_file(_write(rendered, "dash.txt", data))
    assert doc.text == text
    assert "―" not in doc.text
    assert doc.hints["encoding"] == "gb18030"


def test_crlf_is_kept_for_normalize(rendered):
    text = seed_text()
    doc = read_file(_write(rendered, "crlf.txt", render_txt(text, newline="\r\n")))
    assert doc.text.replace("\r\n", "\n") == text
    assert doc.text.count("\r\n") == text.count("\n")


def test_wrapped_and_traditional_text_are_read_as_is(rendered, body):
    wrapped = render_wrapped_txt(body)
    doc = read_file(_write(rendered, "wrapped.txt", wrapped.encode("utf-8")))
    assert doc.text == wrapped
    assert max(len(ln) for ln in doc.text.splitlines()) <= 35
    trad = render_traditional(body)
    assert trad != body
    doc = read_file(_write(rendered, "trad.txt", trad.encode("utf-8")))
    assert doc.text == trad


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "gb18030", "big5"])
@pytest.mark.parametrize("size", [150, 2000])
def test_slices_of_the_report_decode_exactly(body, encoding, size):
    # Regression: 一 (U+4E00) puts NUL bytes on the "wrong" side in BOM-less UTF-16, which a
    # NUL-position count took for binary data.
    text = render_traditional(body) if encoding == "big5" else body
    for start in range(0, len(text) - size, len(text) // 7):
        piece = text[start : start + size].encode(encoding, errors="ignore")
        assert decode_bytes(piece)[0] == piece.decode(encoding)


@pytest.mark.parametrize("text", ["报告", "法治", "一、总体情况"])
def test_very_short_gb_text_is_not_taken_for_big5(text):
    # charset-normalizer alone answered big5 for the first two
    assert decode_bytes(text.encode("gbk"))[:2] == (text, "gb18030")


def test_decode_bytes_on_short_gb_text():
    text, enc, guessed = decode_bytes("2020年度法治政府建设情况报告".encode("gb18030"))
    assert (text, enc, guessed) == ("2020年度法治政府建设情况报告", "gb18030", True)


# -- HTML ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("layout", "charset"), [("div", "utf-8"), ("table", "utf-8"), ("br", "utf-8"), ("div", "gbk")]
)
def test_html_gives_the_body_without_chrome(rendered, body, layout, charset):
    page = render_html(body, layout, charset=charset, date="2020-03-31")
    path = _write(rendered, f"page-{layout}-{charset}.html", page)
    doc = read_file(path)
    assert doc.format == "html"
    recall, precision = agreement(doc.text, body)
    assert recall >= MIN_AGREEMENT, recall
    assert precision >= MIN_AGREEMENT, precision
    for marker in CHROME:
        assert marker not in doc.text
    assert "报告" in doc.hints["title"]
    assert doc.hints["date"] == "2020-03-31"
    assert doc.hints["encoding"] == ("gb18030" if charset == "gbk" else "utf-8")
    # paragraphs stay one per line
    assert len(doc.text.splitlines()) == len(split_body(body))


def test_html_title_only_in_the_page_heading_is_put_back(rendered, body):
    lines = split_body(body)
    page = render_html(body, "div").decode("utf-8")
    for ln in lines[:2]:  # issuer and title lines: only the <h1> keeps the title
        page = page.replace(f"<p>{ln}</p>\n", "", 1)
    doc = read_file(_write(rendered, "no-title.html", page.encode("utf-8")))
    assert doc.text.splitlines()[:2] == [lines[1], lines[2]]


@pytest.mark.parametrize(
    ("page_title", "expected"),
    [
        ("关于2020年度法治政府建设情况的报告_某区人民政府", "关于2020年度法治政府建设情况的报告"),
        ("某区人民政府-关于2020年度法治政府建设情况的报告", "关于2020年度法治政府建设情况的报告"),
        ("关于2020年度法治政府建设情况的报告 | 政务公开", "关于2020年度法治政府建设情况的报告"),
        ("2019—2020年度法治政府建设情况报告", "2019—2020年度法治政府建设情况报告"),
    ],
)
def test_page_title_loses_the_site_name(page_title, expected):
    from fzanalyzer.ingest.html import clean_title

    assert clean_title(page_title) == expected


def test_html_fallback_when_extraction_keeps_too_little(rendered):
    # Body text split into many tiny inline blocks that trafilatura scores as boilerplate.
    para = "全年共办理行政复议案件187件，审结160件，行政机关负责人出庭应诉率100%。"
    cells = "".join(f"<li><a href='#{i}'>{para}</a></li>" for i in range(12))
    page = f"<html><head><meta charset='utf-8'></head><body><ul class='nav'>{cells}</ul></body></html>"
    doc = read_file(_write(rendered, "links.html", page.encode("utf-8")))
    assert doc.text.count(para) == 12


def test_mht_saved_as_doc_reads_its_html_part(rendered, body):
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    page = render_html(body, "div", charset="gbk").decode("gb18030")
    msg = MIMEMultipart("related")
    msg.attach(MIMEText(page, "html", "gb18030"))
    msg.attach(MIMEText("body { font-size: 16pt }", "css", "utf-8"))
    path = _write(rendered, "report-web.doc", msg.as_bytes())
    doc = read_file(path)
    assert doc.format == "html" and doc.hints["source_format"] == "mht"
    assert any(w.startswith("W012") for w in doc.warnings)
    recall, precision = agreement(doc.text, body)
    assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (recall, precision)


def test_html_without_text_is_e030(rendered):
    page = b"<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body><img src=a.png></body></html>"
    with pytest.raises(IngestError) as exc:
        read_file(_write(rendered, "empty.html", page))
    assert exc.value.code == "E030"


# -- DOCX ------------------------------------------------------------------------------------
def test_docx_paragraphs_and_table_in_document_order(rendered, body):
    path = render_docx(body, rendered / "report.docx")
    doc = read_file(path)
    assert doc.format == "docx"
    recall, precision = agreement(doc.text, body)
    assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (recall, precision)
    assert doc.text.splitlines() == split_body(body)  # the table rows sit where they were
    assert "报告" in doc.hints["title"]


def test_docx_table_cells_tab_separated_and_merged_once(rendered):
    from docx import Document

    d = Document()
    d.add_paragraph("一、主要指标")
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 0).text = "行政复议案件"
    table.cell(1, 1).text = "187件"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "合计另计"
    d.add_paragraph("二、存在的不足")
    path = rendered / "table.docx"
    d.save(str(path))
    assert read_file(path).text.splitlines() == [
        "一、主要指标",
        "指标\t数值",
        "行政复议案件\t187件",
        "合计另计",
        "二、存在的不足",
    ]


def test_docx_tracked_changes_and_fields_read_as_displayed(rendered):
    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = Document()
    para = d.add_paragraph("全年办理行政复议案件")
    para._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>187</w:t></w:r></w:ins>'))
    para._p.append(
        parse_xml(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>178</w:delText></w:r></w:del>')
    )
    para.add_run("件。")
    foot = d.add_paragraph("第")
    foot._p.append(parse_xml(f'<w:fldSimple {w} w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple>'))
    foot.add_run("页")
    path = rendered / "tracked.docx"
    d.save(str(path))
    assert read_file(path).text.splitlines() == ["全年办理行政复议案件187件。", "第3页"]


def _numbered_docx(path: Path) -> Path:
    """A DOCX whose 公文 outline markers are Word list numbering, not typed characters."""
    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = Document()
    numbering = d.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    abstract = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{abstract}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in [
        (0, "总体情况"),
        (1, "职能转变"),
        (1, "依法决策"),
        (2, "深化改革"),
        (0, "存在的不足"),
        (1, "问题"),
    ]:
        para = d.add_paragraph(text)
        para._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    d.add_paragraph("无编号的段落。")
    d.save(str(path))
    return path


NUMBERED = [
    "一、总体情况",
    "（一）职能转变",
    "（二）依法决策",
    "1.深化改革",
    "二、存在的不足",
    "（一）问题",
    "无编号的段落。",
]


def test_docx_list_numbering_is_written_out(rendered):
    assert read_file(_numbered_docx(rendered / "numbered.docx")).text.splitlines() == NUMBERED


def soffice_convert(fmt: str, out: Path, *sources: Path) -> None:
    """Convert with LibreOffice, using a user profile of the output folder's own: two soffice
    processes sharing the default profile (pytest -n 2) make one of them fail."""
    import subprocess

    require(HAS_SOFFICE, "LibreOffice (soffice)")
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    profile = f"-env:UserInstallation={(out / 'soffice-profile').resolve().as_uri()}"
    cmd = [str(exe), profile, "--headless", "--convert-to", fmt, "--outdir", str(out), *map(str, sources)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)


def test_legacy_doc_is_converted_with_libreoffice(rendered, body):
    out = rendered / "legacy"
    soffice_convert("doc", out, render_docx(body, rendered / "legacy-src.docx"))
    doc = read_file(out / "legacy-src.doc")
    assert doc.format == "docx"
    soffice_convert("doc", out, _numbered_docx(rendered / "legacy-numbered.docx"))
    # LibreOffice's .doc round trip keeps the numbering but turns 一 into 1: markers must be there
    lines = read_file(out / "legacy-numbered.doc").text.splitlines()
    marker = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[、.）)]")
    assert [marker.sub("", ln) for ln in lines] == [marker.sub("", ln) for ln in NUMBERED]
    assert all(marker.match(ln) for ln in lines[:-1])
    assert doc.hints["source_format"] == "doc"
    recall, precision = agreement(doc.text, body)
    assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (recall, precision)


# -- PDF -------------------------------------------------------------------------------------
@needs_font
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_pdf_paragraphs_rebuilt_without_furniture(pdf_path, body, engine):
    doc = read_pdf(pdf_path, engine=engine)
    recall, precision = agreement(doc.text, body)
    assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (recall, precision)
    lines = doc.text.splitlines()
    assert not [ln for ln in lines if PAGE_NUMBER.match(ln.replace(" ", ""))]
    header = split_body(body)[0]
    assert lines.count(header) == 1  # the running header is gone, the first line stays
    # paragraphs: wrapped lines joined, breaks kept where the source had them
    expected = split_body(body)
    assert sum(1 for ln in lines if ln in set(expected)) >= 0.98 * len(expected)
    codes = {w[:4] for w in doc.warnings}
    assert {"W002", "W007", "W005"} <= codes
    assert doc.hints["pages"] > 10


@pytest.fixture(scope="session")
def office_pdfs(rendered, body) -> dict[str, Path]:
    """The DOCX rendering (running header, ``— PAGE —`` footer field) exported to PDF by
    LibreOffice, ragged-right and justified: real office-made PDFs (CJK/Latin autospace,
    punctuation drawn out of order, justified glyph spacing)."""
    out = rendered / "office"
    srcs = [
        render_docx(body, rendered / f"office-{a}.docx", justify=a == "justified")
        for a in ("ragged", "justified")
    ]
    soffice_convert("pdf", out, *srcs)
    return {a: out / f"office-{a}.pdf" for a in ("ragged", "justified")}


@pytest.mark.parametrize("align", ["ragged", "justified"])
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_office_made_pdf(office_pdfs, body, engine, align):
    import pypdfium2 as pdfium

    path = office_pdfs[align]
    pdf = pdfium.PdfDocument(str(path))
    bare = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "2019 年" in bare  # the bare pdfium call really inserts spaces around digits
    assert "— 2 —" in bare  # and keeps the page numbers
    doc = read_pdf(path, engine=engine)
    assert "2019 年" not in doc.text and "2019年" in doc.text
    assert "德以静心 法以安身" in doc.text  # a real space between CJK survives
    recall, precision = agreement(doc.text, body)
    assert recall >= MIN_AGREEMENT and precision >= MIN_AGREEMENT, (recall, precision)
    expected = set(split_body(body))
    lines = doc.text.splitlines()
    assert sum(1 for ln in lines if ln in expected) >= 0.95 * len(expected)
    assert {"W002", "W007"} <= {w[:4] for w in doc.warnings}


@needs_font
@pytest.mark.parametrize("rotation", [90, 180, 270])
@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_rotated_pages_read_as_displayed(rendered, engine, rotation):
    lines = [
        "一、总体情况",
        "全区共办理行政复议案件187件，审结160件。",
        "二、存在的不足",
        "执法监督仍需加强，行政执法人员培训覆盖面不足。",
    ]
    path = rotated_pdf(rendered / f"rotated-{rotation}.pdf", lines, rotation)
    assert read_pdf(path, engine=engine).text.splitlines() == lines


@needs_font
def test_pdf_default_engine_through_read_file(pdf_path, monkeypatch):
    monkeypatch.delenv("FZ_PDF_ENGINE", raising=False)
    doc = read_file(pdf_path)
    assert doc.format == "pdf" and doc.hints["engine"] == "pdfplumber"
    monkeypatch.setenv("FZ_PDF_ENGINE", "pdfium")
    assert read_file(pdf_path).hints["engine"] == "pdfium"
    assert read_file(pdf_path, pdf_engine="pdfplumber").hints["engine"] == "pdfplumber"
    assert "— 1 —" not in doc.text and "- 1 -" not in doc.text


@needs_font
def test_pdf_without_justification_or_latin_font(rendered):
    text = (
        "关于2020年度法治政府建设情况的报告\n"
        + "全区共办理行政复议案件187件，审结160件，维持83件，出庭应诉率达到100%。" * 6
        + "\n"
    )
    path = render_pdf(text, rendered / "ragged.pdf", justify=False, latin_font=None)
    doc = read_pdf(path)
    assert doc.text.splitlines()[-1] == text.splitlines()[-1]


def _glyphs(text: str, x: float, top: float) -> list[Glyph]:
    """Glyphs of a 10 pt font: CJK 10 pt wide, ASCII 5 pt."""
    out, pos = [], x
    for ch in text:
        w = 5.0 if ch.isascii() else 10.0
        out.append(Glyph(ch, pos, pos + w, top, top + 10, 10.0))
        pos += w
    return out


def test_layout_joins_wrapped_lines_without_spaces_between_cjk_and_digits():
    # Text block from x=20 to x=120; every full line below is exactly 100 pt wide.
    lines = [
        (40, "全区共办理案件十"),  # indented: a paragraph starts
        (20, "1870件，同比去年上升"),  # full line: continues
        (20, "12.5%。"),  # short line: the paragraph ends here
        (20, "Rule of law and the"),  # the next word (government) would not have fitted
        (20, "government"),
    ]
    glyphs = [g for i, (x, t) in enumerate(lines) for g in _glyphs(t, x, 50 + 15 * i)]
    text = assemble([PageGlyphs(1, 200, 400, glyphs, 0)]).text
    assert text.splitlines() == [
        "全区共办理案件十1870件，同比去年上升12.5%。",
        "Rule of law and the government",
    ]


def test_layout_wrapped_centered_title_is_one_line_and_wrap_before_a_numeral_is_joined():
    # block 20..220 (20 CJK glyphs of 10 pt); indented paragraphs start at 40
    lines = [
        (25, "某区人民政府关于年度法治政府建设情况的"),  # centered, nearly full: a long title…
        (110, "报告"),  # …wrapped onto a second centered line
        (40, "全区坚持问题导向开展督察整改举一反"),  # indented paragraph, full to the margin
        (20, "三、规范执法，全面提升执法质量和水平。"),  # 三、 here is a wrap, not a heading
        (40, "二是强化监督。"),
        (20, "第二行不缩进的普通文字内容在此结束了吗？"),  # full lines fix the right margin
        (20, "第三行不缩进的普通文字内容在此结束了吗？"),
    ]
    glyphs = [g for i, (x, t) in enumerate(lines) for g in _glyphs(t, x, 50 + 15 * i)]
    text = assemble([PageGlyphs(1, 240, 400, glyphs, 0)]).text.splitlines()
    assert text[0] == "某区人民政府关于年度法治政府建设情况的报告"
    assert text[1] == "全区坚持问题导向开展督察整改举一反三、规范执法，全面提升执法质量和水平。"


def test_layout_drops_page_numbers_and_running_headers():
    pages = []
    body = ["一、总体情况。", "二、存在不足。", "三、下步安排。"]
    for n in range(1, 4):
        glyphs = _glyphs("某区人民政府文件", 40, 20)  # running header
        glyphs += _glyphs(body[n - 1], 40, 100)
        glyphs += _glyphs(f"— {n} —", 60, 380)
        pages.append(PageGlyphs(n, 200, 400, glyphs, 0))
    result = assemble(pages)
    assert result.text.splitlines() == body
    assert (result.page_numbers, result.furniture) == (3, 3)


@pytest.mark.parametrize(
    "line", ["— 3 —", "- 3 -", "第3页", "第 3 页 共 10 页", "3/10", "12", "－ 7 －", "Page 2 of 9"]
)
def test_page_number_patterns(line):
    assert PAGE_NUMBER.match(re.sub(r"\s+", "", line))


@pytest.mark.parametrize("line", ["一、总体情况", "2019年", "3件", "第三条"])
def test_page_number_patterns_do_not_take_text(line):
    assert not PAGE_NUMBER.match(line)


# -- choosing the reader by content ------------------------------------------------------------
def test_content_wins_over_extension(rendered, body, pdf_path):
    html = _write(rendered, "page.txt", render_html(body, "div"))
    doc = read_file(html)
    assert doc.format == "html" and any(w.startswith("W012") for w in doc.warnings)
    fake_pdf = _write(rendered, "notes.pdf", "全年办理行政复议案件12件。\n".encode())
    doc = read_file(fake_pdf)
    assert doc.format == "txt" and any(w.startswith("W012") for w in doc.warnings)
    pdf_as_txt = rendered / "report-pdf.txt"
    shutil.copyfile(pdf_path, pdf_as_txt)
    doc = read_file(pdf_as_txt)
    assert doc.format == "pdf" and any(w.startswith("W012") for w in doc.warnings)


def test_plain_text_named_htm_is_text(rendered):
    doc = read_file(
        _write(rendered, "report.htm", "关于2020年度法治政府建设情况的报告\n区人大常委会：\n".encode())
    )
    assert doc.format == "txt" and doc.text.startswith("关于2020年度")
    assert any(w.startswith("W012") for w in doc.warnings)


def test_sniff_magic_bytes():
    assert sniff(b"%PDF-1.4\n") == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8) == "doc"
    assert sniff(b"PK\x03\x04rest") == "zip"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff("<html><body>报告</body></html>".encode("utf-16")) == "html"
    assert sniff(b"<script>var a;</script>\n<html><body>x</body></html>") == "html"
    assert sniff("区人大常委会：".encode()) is None


def test_importing_ingest_loads_no_heavy_library():
    import subprocess
    import sys

    code = (
        "import sys, fzanalyzer.ingest, fzanalyzer.limits, fzanalyzer.bench.samples, fzanalyzer.bench.ingest\n"
        "heavy = [m for m in ('pdfplumber', 'pdfminer', 'trafilatura', 'pypdfium2', 'docx', 'charset_normalizer',"
        " 'lxml', 'reportlab', 'opencc') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True, timeout=60)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(
                alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=10
            ),
            st.sampled_from([0, 0, 0, 20, 40]),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_layout_keeps_every_glyph_in_reading_order(rows):
    """Whatever the indents and line lengths, one page of CJK lines comes back complete and in
    order (only line breaks may change)."""
    glyphs = [g for i, (text, indent) in enumerate(rows) for g in _glyphs(text, 20 + indent, 40 + 15 * i)]
    out = assemble([PageGlyphs(1, 200, 40 + 15 * len(rows) + 40, glyphs, 0)]).text
    assert out.replace("\n", "") == "".join(text for text, _ in rows)
