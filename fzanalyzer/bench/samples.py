"""Render one report text into the file formats users bring (bench and test inputs).

Each renderer is a pure function of the text (and options) that returns bytes or writes one
file; none knows anything about a particular report. The forms imitate what government sites
publish: text in several encodings, a saved web page with site chrome in three layouts, a DOCX
with a table, a 公文-style PDF (16 pt 仿宋-like font, first-line indents of two characters,
justified lines, page numbers ``— N —``, a running header), a hard-wrapped "PDF-extracted"
text and a traditional-character copy.

The PDF needs reportlab (a dev dependency) and the WenQuanYi Zen Hei font
(Debian ``fonts-wqy-zenhei``); :func:`cjk_font_path` finds it.

>>> lines = split_body("标题\\n\\n正文第一段。\\n留言咨询\\n纠错")
>>> lines
['标题', '正文第一段。', '留言咨询', '纠错']
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

#: Places the CJK font is looked for (Debian/Ubuntu, Fedora, Homebrew).
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/opt/homebrew/share/fonts/wqy-zenhei.ttc",
)

#: Site chrome used around the body of rendered web pages (typical of Chinese government sites).
CHROME_TOP = (
    "今天是：2020年4月2日 星期四",
    "首页 | 政务公开 | 政务服务 | 政民互动 | 走进本区",
    "您所在的位置：首页 > 政务公开 > 法治政府建设 > 年度报告",
)
CHROME_BOTTOM = (
    "【打印本页】 【关闭窗口】",
    "留言咨询 纠错",
    "主办单位：区人民政府办公室 版权所有 联系我们 网站地图",
    "沪ICP备12345678号-1 沪公网安备 31010602000000号",
)


def split_body(text: str) -> list[str]:
    """Non-empty lines of a text, stripped (the paragraphs of a one-paragraph-per-line report)."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def render_txt(text: str, encoding: str = "utf-8", *, bom: bool = False, newline: str = "\n") -> bytes:
    """The text as a .txt file: any Python codec, optional BOM, ``\\n`` or ``\\r\\n`` line ends.

    >>> render_txt("报告\\n", "utf-16-le", bom=True)[:2]
    b'\\xff\\xfe'
    """
    body = text.replace("\r\n", "\n").replace("\n", newline)
    data = body.encode(encoding)
    if bom:
        marks = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
        data = marks[encoding] + data
    return data


def render_html(
    text: str,
    layout: str = "div",
    *,
    charset: str = "utf-8",
    date: str = "2020-03-31",
    source: str = "区司法局",
) -> bytes:
    """A saved government web page with ``text`` as the article body.

    ``layout`` is ``div`` (one ``<p>`` per paragraph in nested divs), ``table`` (the article in
    a cell of a layout table, paragraphs as ``<p>``) or ``br`` (paragraphs separated by
    ``<br>`` in one container). The first line of ``text`` that looks like a title
    (contains 报告) becomes the page title and the ``<h1>``.
    """
    lines = split_body(text)
    title = next((ln for ln in lines[:5] if "报告" in ln), lines[0] if lines else "")
    esc = _html.escape
    meta = (
        f'<div class="info">来源：{esc(source)}&nbsp;&nbsp;发布时间：{date}&nbsp;&nbsp;'
        '字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>'
    )
    nav = (
        '<div class="top"><span class="today">' + esc(CHROME_TOP[0]) + "</span>"
        '<a href="/">无障碍浏览</a> <a href="/">English</a></div>'
        '<div class="nav"><ul>'
        + "".join(f'<li><a href="/c{i}">{esc(x)}</a></li>' for i, x in enumerate(CHROME_TOP[1].split(" | ")))
        + "</ul></div>"
        '<div class="breadcrumb">您所在的位置：<a href="/">首页</a> &gt; <a href="/zw">政务公开</a> &gt; '
        '<a href="/fz">法治政府建设</a> &gt; 年度报告</div>'
    )
    footer = (
        '<div class="tools"><a href="javascript:window.print()">【打印本页】</a> '
        '<a href="javascript:window.close()">【关闭窗口】</a></div>'
        '<div class="related"><h3>相关链接</h3><ul><li><a href="/a1">区政府工作报告</a></li>'
        '<li><a href="/a2">政府信息公开指南</a></li></ul></div>'
        '<div class="footer"><p><a href="/ly">留言咨询</a> <a href="/jc">纠错</a></p>'
        "<p>主办单位：区人民政府办公室 版权所有 <a href='/lx'>联系我们</a> <a href='/dt'>网站地图</a></p>"
        f"<p>{esc(CHROME_BOTTOM[3])}</p></div>"
    )
    if layout == "div":
        paras = "\n".join(f"<p>{esc(ln)}</p>" for ln in lines)
        article = f'<div class="article"><h1>{esc(title)}</h1>{meta}<div class="content" id="zoom">\n{paras}\n</div></div>'
        page_body = f'<div class="wrap">{nav}<div class="main">{article}</div>{footer}</div>'
    elif layout == "table":
        paras = "\n".join(f'<p style="text-indent:2em">{esc(ln)}</p>' for ln in lines)
        page_body = (
            '<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td>'
            f"{nav}</td></tr><tr><td>"
            '<table width="100%"><tr><td class="title" align="center"><h1>'
            f"{esc(title)}</h1></td></tr><tr><td>{meta}</td></tr>"
            f'<tr><td class="bt_content" id="zoom">\n{paras}\n</td></tr></table>'
            f"</td></tr><tr><td>{footer}</td></tr></table>"
        )
    elif layout == "br":
        paras = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + esc(ln) for ln in lines)
        page_body = (
            f'{nav}<div class="title"><h1>{esc(title)}</h1></div>{meta}'
            f'<div class="TRS_Editor" id="zoom">\n{paras}<br>\n</div>{footer}'
        )
    else:
        raise ValueError(f"unknown layout {layout!r}: div, table or br")
    declared = {"utf-8": "utf-8", "gb18030": "gb18030", "gbk": "gbk", "gb2312": "gb2312"}.get(
        charset, charset
    )
    page = (
        "<!DOCTYPE html>\n<html><head>"
        f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
        f"<title>{esc(title)}_区人民政府门户网站</title>"
        f'<meta name="ArticleTitle" content="{esc(title)}"><meta name="PubDate" content="{date} 09:30">'
        '<script>var _hmt = _hmt || []; document.write("统计代码");</script>'
        "<style>.nav li{display:inline}</style></head>\n"
        f"<body>{page_body}</body></html>\n"
    )
    # Pages declared GBK are encoded GB18030 (a superset) so every character survives.
    codec = "gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset
    return page.encode(codec)


def render_docx(
    text: str, path: Path, *, table_at: float = 0.5, justify: bool = False, furniture: bool = True
) -> Path:
    """A DOCX: title centered, headings bold, paragraphs with a two-character first-line
    indent (left-aligned, or justified with ``justify``), and four consecutive lines from
    around ``table_at`` of the text placed in a one-column table (read back in document order
    they give the same text). With ``furniture``, the first line is a running header and the
    footer holds a ``— PAGE —`` field, as in 公文 (exported to PDF they become page furniture)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    lines = split_body(text)
    doc = Document()
    k = max(2, min(len(lines) - 4, int(len(lines) * table_at))) if len(lines) > 8 else -1
    i = 0
    while i < len(lines):
        if i == k:
            table = doc.add_table(rows=4, cols=1)
            for j, ln in enumerate(lines[i : i + 4]):
                table.cell(j, 0).text = ln
            i += 4
            continue
        ln = lines[i]
        para = doc.add_paragraph()
        run = para.add_run(ln)
        run.font.size = Pt(16)
        if i < 2 and len(ln) < 40 and not ln.endswith((":", "：")):  # title lines, not the addressee
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
        else:
            para.paragraph_format.first_line_indent = Pt(32)
            if justify:
                para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if _is_heading(ln):
                run.bold = True
        i += 1
    if furniture and lines:
        section = doc.sections[0]
        section.header.paragraphs[0].text = lines[0]
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run("— ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run_el = OxmlElement("w:r")
        text_el = OxmlElement("w:t")
        text_el.text = "1"
        run_el.append(text_el)
        field.append(run_el)
        foot._p.append(field)
        foot._p.append(foot.add_run(" —")._r)  # after the field, in reading order
    doc.core_properties.title = lines[1] if len(lines) > 1 else ""
    doc.save(str(path))
    return path


def cjk_font_path() -> str | None:
    """The first installed CJK TrueType collection reportlab can embed, or ``None``."""
    for cand in FONT_CANDIDATES:
        if Path(cand).exists():
            return cand
    return None


def render_pdf(
    text: str,
    path: Path,
    *,
    header: str | None = None,
    font_size: float = 16.0,
    justify: bool = True,
    page_numbers: bool = True,
    latin_font: str | None = "Times-Roman",
) -> Path:
    """A 公文-style A4 PDF: first line(s) centered as the title, every other paragraph with a
    two-character first-line indent, lines wrapped at the right margin and justified with
    character spacing (as word processors do), ``— N —`` centered at the bottom of every page,
    and ``header`` (default: the first line) as a running header on every page. Digits and
    Latin letters are set in ``latin_font`` (Word sets them in Times New Roman beside a CJK
    font; ``None``: the CJK font for everything)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = register_font(pdfmetrics, TTFont)
    lines = split_body(text)
    header = lines[0] if header is None and lines else header
    width, height = A4
    left, right, top, bottom = 79.0, 74.0, 90.0, 80.0  # ~28/26/37/35 mm, the 公文 margins
    usable = width - left - right
    leading = font_size * 1.75
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)

    def width_of(row: str) -> float:
        return sum(
            pdfmetrics.stringWidth(run, latin_font if latin_font and run[0] <= "~" else font, font_size)
            for run in re.findall(r"[ -~]+|[^ -~]+", row)
        )

    c.setTitle(next((ln for ln in lines[:5] if "报告" in ln), ""))
    page = 1
    y = height - top

    def furniture() -> None:
        if header:
            c.setFont(font, 10.5)
            c.drawCentredString(width / 2, height - 50, header)
            c.line(left, height - 56, width - right, height - 56)
        if page_numbers:
            c.setFont(font, 14)
            c.drawCentredString(width / 2, 40, f"— {page} —")

    furniture()
    for n, para in enumerate(lines):
        centered = n < 2 and len(para) <= 30 and not para.endswith((":", "："))  # not the addressee
        indent = 0.0 if centered else 2 * font_size
        rows = _wrap(para, width_of, usable, indent)
        for r, row in enumerate(rows):
            if y < bottom + font_size:
                c.showPage()
                page += 1
                furniture()
                y = height - top
            c.setFont(font, font_size)
            if centered:
                c.drawCentredString(width / 2, y, row)
            else:
                x = left + (indent if r == 0 else 0.0)
                room = usable - (indent if r == 0 else 0.0)
                w = width_of(row)
                last = r == len(rows) - 1
                t = c.beginText(x, y)
                t.setFont(font, font_size)
                if justify and not last and len(row) > 1:
                    t.setCharSpace((room - w) / (len(row) - 1))
                for run in re.findall(r"[ -~]+|[^ -~]+", row):
                    ascii_run = latin_font is not None and run[0] <= "~"
                    t.setFont(latin_font if ascii_run else font, font_size)
                    t.textOut(run)
                c.drawText(t)
            y -= leading
    c.showPage()
    c.save()
    return path


def render_wrapped_txt(text: str, *, width: int = 35, page_lines: int = 38, header: str | None = None) -> str:
    """Text as copied out of a PDF viewer: a line break every ``width`` characters, a running
    header at the top of every page and ``- N -`` at its bottom."""
    lines = split_body(text)
    header = lines[0] if header is None and lines else header
    rows: list[str] = []
    for para in lines:
        first = "　　" + para  # PDF viewers keep the two-character indent as spaces
        rows.extend(first[i : i + width] for i in range(0, len(first), width))
    out: list[str] = []
    for p, start in enumerate(range(0, len(rows), page_lines), 1):
        if header:
            out.append(header)
        out.extend(rows[start : start + page_lines])
        out.append(f"- {p} -")
    return "\n".join(out) + "\n"


def render_traditional(text: str) -> str:
    """The text in traditional characters (OpenCC ``s2t``), as on Hong Kong/Taiwan mirrors."""
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def render_all(text: str, folder: Path, *, pdf: bool = True) -> dict[str, Path]:
    """Write every rendering of ``text`` into ``folder``; return ``{name: path}``."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        p = folder / name
        p.write_bytes(data)
        out[name] = p

    put("utf8.txt", render_txt(text))
    put("utf8-bom.txt", render_txt(text, bom=True))
    put("gb18030.txt", render_txt(text, "gb18030"))
    put("utf16.txt", render_txt(text, "utf-16"))
    put("utf16be-bom.txt", render_txt(text, "utf-16-be", bom=True))
    put("crlf.txt", render_txt(text, newline="\r\n"))
    put("wrapped.txt", render_wrapped_txt(text).encode("utf-8"))
    put("traditional.txt", render_traditional(text).encode("utf-8"))
    for layout in ("div", "table", "br"):
        put(f"page-{layout}.html", render_html(text, layout))
    put("page-gbk.html", render_html(text, "div", charset="gbk"))
    out["report.docx"] = render_docx(text, folder / "report.docx")
    if pdf and cjk_font_path():
        out["report.pdf"] = render_pdf(text, folder / "report.pdf")
    return out


# -- helpers ---------------------------------------------------------------------------------
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])")


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line)) and len(line) < 40


def register_font(pdfmetrics, TTFont) -> str:
    name = "WQY"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = cjk_font_path()
        if path is None:
            raise FileNotFoundError(
                "no CJK font: install fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei)"
            )
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
    return name


def _wrap(para: str, width_of, usable: float, indent: float) -> list[str]:
    """Greedy line breaking by glyph widths; never splits a run of digits or Latin letters,
    keeps closing punctuation off the start of a line (a simple 禁则)."""
    tokens = re.findall(r"[A-Za-z0-9.%]+|.", para)
    rows: list[str] = []
    cur = ""
    room = usable - indent
    for tok in tokens:
        if cur and width_of(cur + tok) > room:
            if tok in "，。、；：？！”’）》】,.;:!?)" and len(cur) > 1:
                rows.append(cur[:-1])
                cur = cur[-1]
            else:
                rows.append(cur)
                cur = ""
            room = usable
        cur += tok
    if cur:
        rows.append(cur)
    return rows
