"""Test inputs: the real report rendered in every format, and bad inputs.

The renderers of good inputs live in the package (:mod:`fzanalyzer.bench.samples`, shared with
the bench); this module adds the seed's body, the agreement measure and the bad inputs, each
built in a few milliseconds (the zip bomb and the 3000-page PDF are written by hand, not
compressed or laid out).
"""

from __future__ import annotations

import difflib
import random
import re
import struct
import unicodedata
import zlib
from pathlib import Path

from fzanalyzer.bench.samples import (  # noqa: F401 - re-exported for tests
    cjk_font_path,
    render_all,
    render_docx,
    render_html,
    render_pdf,
    render_traditional,
    render_txt,
    render_wrapped_txt,
    split_body,
)

SEED = Path(__file__).parent / "data" / "seed" / "jingan-2019.txt"

#: The first line of the website footer that ends the seed report (read off the file).
SEED_FOOTER_START = "留言咨询"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_body() -> str:
    """The seed report without the website footer that ends it."""
    text = seed_text()
    return text[: text.index("\n" + SEED_FOOTER_START)].rstrip() + "\n"


# -- agreement ------------------------------------------------------------------------------
def squash(text: str) -> str:
    """NFKC, no whitespace: what agreement compares."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def agreement(output: str, reference: str) -> tuple[float, float]:
    """(recall, precision) of ``output``'s characters against ``reference``'s, by longest
    matching blocks (difflib) on :func:`squash`-ed text. Recall < 1: text lost; precision < 1:
    extra text (chrome, furniture) kept."""
    a, b = squash(reference), squash(output)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in sm.get_matching_blocks())
    return matched / max(1, len(a)), matched / max(1, len(b))


# -- bad inputs -----------------------------------------------------------------------------
def junk_bytes(n: int = 8192, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def small_pdf(
    path: Path, text: str = "关于2020年度法治政府建设情况的报告\n全年办理行政复议案件12件。", **kw
) -> Path:
    """A short real PDF (needs reportlab and the CJK font)."""
    return render_pdf(text * 1, path, **kw)


def truncated_pdf(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted_pdf(path: Path, user_password: str = "secret") -> Path:
    """A PDF that needs a password to open (reportlab standard encryption)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    enc = pdfencrypt.StandardEncryption(user_password, "owner-pw", canPrint=0, strength=128)
    c = canvas.Canvas(str(path), encrypt=enc)
    c.setFont("Helvetica", 12)
    for i in range(20):
        c.drawString(72, 700 - 20 * i, f"Annual report on rule-of-law government, line {i}")
    c.showPage()
    c.save()
    return path


def image_only_pdf(path: Path, pages: int = 2) -> Path:
    """A "scanned" PDF: every page is a picture (an embedded image plus drawn shapes), no text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    img = _grey_image()
    for _ in range(pages):
        c.drawImage(ImageReader(img), 60, 200, width=470, height=560)
        for i in range(30):  # "lines of text" as filled bars, as in a bitmap scan
            c.rect(80, 740 - 18 * i, 300 + (i * 37) % 120, 9, fill=1, stroke=0)
        c.showPage()
    c.save()
    return path


def partly_scanned_pdf(
    path: Path, lines: list[str], scanned_pages: tuple[int, ...] = (3,), pages: int = 3
) -> Path:
    """A PDF whose ``scanned_pages`` (1-based) are pictures and whose other pages carry
    ``lines`` as text, spread over them."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from fzanalyzer.bench.samples import register_font

    font = register_font(pdfmetrics, TTFont)
    c = canvas.Canvas(str(path))
    text_pages = [n for n in range(1, pages + 1) if n not in scanned_pages]
    per_page = max(1, -(-len(lines) // max(1, len(text_pages))))
    chunks = iter([lines[i : i + per_page] for i in range(0, len(lines), per_page)])
    for n in range(1, pages + 1):
        if n in scanned_pages:
            c.drawImage(ImageReader(_grey_image()), 60, 200, width=470, height=560)
        else:
            c.setFont(font, 12)
            for i, ln in enumerate(next(chunks, [])):
                c.drawString(72, 760 - 20 * i, ln[:38])
        c.showPage()
    c.save()
    return path


def rotated_pdf(path: Path, lines: list[str], rotation: int) -> Path:
    """A page with ``/Rotate rotation`` whose content is drawn turned the other way, so that a
    viewer shows it upright (how landscape pages and some PDF printers' output are made)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from fzanalyzer.bench.samples import register_font

    font = register_font(pdfmetrics, TTFont)
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(rotation)
    if rotation == 90:
        c.translate(width, 0)
    elif rotation == 180:
        c.translate(width, height)
    elif rotation == 270:
        c.translate(0, height)
    c.rotate(rotation)
    view_height = width if rotation in (90, 270) else height
    c.setFont(font, 14)
    for i, line in enumerate(lines):
        c.drawString(72 + (28 if i % 2 else 0), view_height - 72 - 24 * i, line)
    c.showPage()
    c.save()
    return path


def unmapped_pdf(path: Path, source_text: str) -> Path:
    """A PDF whose font has no Unicode map: the glyphs are there, their meaning is not.

    reportlab writes an uncompressed PDF; each ``/ToUnicode N 0 R`` entry is blanked with
    spaces of the same length, so the cross-reference offsets stay valid."""
    render_pdf(source_text, path, latin_font=None, page_numbers=False, header="")
    data = path.read_bytes()
    data = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), data)
    path.write_bytes(data)
    return path


def ole2_renamed_docx(path: Path) -> Path:
    """An old binary Word file (OLE2 compound document header) saved with a .docx name."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    path.write_bytes(header + b"\x00" * (4096 - len(header)))
    return path


def zip_bomb_docx(path: Path, gigabytes: float = 1.0) -> Path:
    """A DOCX whose word/document.xml inflates to ``gigabytes`` of zeros (~1 MB on disk).

    Written by hand: one 1 MiB block of zeros is deflated once with a full flush (which resets
    the compressor's history, so the block's compressed bytes can be repeated) and repeated;
    the CRC-32 is computed over the same zeros. A real bomb that ``zipfile`` would inflate,
    built in well under a second."""
    block = b"\x00" * (1 << 20)
    n = int(gigabytes * 1024)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(block, crc)
    members = [
        ("[Content_Types].xml", _CONTENT_TYPES, None),
        ("_rels/.rels", _RELS, None),
        ("word/document.xml", None, (chunk, n, tail, crc, n * len(block))),
    ]
    out = bytearray()
    central = bytearray()
    for name, data, bomb in members:
        fname = name.encode()
        offset = len(out)
        if bomb is None:
            raw = zlib.compress(data, 9)[2:-4]
            crc_m, csize, usize, payload = zlib.crc32(data), len(raw), len(data), [raw]
        else:
            chunk_b, reps, tail_b, crc_m, usize = bomb
            csize = len(chunk_b) * reps + len(tail_b)
            payload = [chunk_b] * reps + [tail_b]
        header = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc_m, csize, usize, len(fname), 0)
        out += header + fname
        for part in payload:
            out += part
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc_m,
            csize,
            usize,
            len(fname),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += fname
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    path.write_bytes(bytes(out))
    return path


def many_pages_pdf(path: Path, pages: int = 3000) -> Path:
    """A valid PDF of ``pages`` tiny pages sharing one content stream, written by hand."""
    content = b"BT /F1 12 Tf 72 720 Td (page) Tj ET"
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
        + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
    objs += [page] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def huge_line_txt(path: Path, megabytes: int = 20) -> Path:
    """``megabytes`` of UTF-8 report-like text without a single newline."""
    unit = "全区共办理行政复议案件187件，审结160件，行政机关负责人出庭应诉率100%。".encode()
    reps = megabytes * 1024 * 1024 // len(unit)
    with path.open("wb") as fh:
        for _ in range(reps // 1000):
            fh.write(unit * 1000)
        fh.write(unit * (reps % 1000))
    return path


_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _grey_image():
    from PIL import Image

    img = Image.new("L", (200, 240), 255)
    for y in range(10, 230, 12):
        for x in range(10, 180):
            if (x * 7 + y) % 11 < 6:
                img.putpixel((x, y), 30)
    return img


def render_every_format(folder: Path) -> dict[str, Path]:
    """The real report written in every form a user brings: text in four encodings and CRLF,
    hard-wrapped PDF-style text, a traditional-character copy, four HTML layouts, DOCX and (with
    the CJK font installed) PDF. Returns ``file name → path``."""
    full, body = seed_text(), seed_body()
    files: dict[str, bytes] = {
        "utf8.txt": render_txt(full),
        "utf8-bom.txt": render_txt(full, bom=True),
        "gb18030.txt": render_txt(full, "gb18030"),
        "utf16.txt": render_txt(full, "utf-16"),
        "crlf.txt": render_txt(full, newline="\r\n"),
        "wrapped.txt": render_wrapped_txt(body).encode("utf-8"),
        "traditional.txt": render_traditional(full).encode("utf-8"),
        "page-div.html": render_html(body, "div"),
        "page-table.html": render_html(body, "table"),
        "page-br.html": render_html(body, "br"),
        "page-gbk.html": render_html(body, "div", charset="gbk"),
    }
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    paths["report.docx"] = render_docx(body, folder / "report.docx")
    if cjk_font_path():
        paths["report.pdf"] = render_pdf(body, folder / "report.pdf")
    return paths


def fidelity_table(folder: Path) -> list[tuple[str, str, float, float, float, float]]:
    """Per format: ingest-level and end-to-end agreement with the body ``(name, format,
    ingest recall, ingest precision, load recall, load precision)``. The end-to-end reference
    is the normalized text of the report's own UTF-8 file."""
    import fzanalyzer
    from fzanalyzer.ingest import read_file

    body = seed_body()
    paths = render_every_format(folder)
    reference = fzanalyzer.load(paths["utf8.txt"], analyze=False).text
    rows = []
    for name, path in paths.items():
        raw = read_file(path)
        report = fzanalyzer.load(path, analyze=False)
        rows.append((name, raw.format, *agreement(raw.text, body), *agreement(report.text, reference)))
    return rows


if __name__ == "__main__":  # python tests/render.py: the round-trip agreement table
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'file':18} {'fmt':5} {'ingest R':>9} {'ingest P':>9} {'load R':>8} {'load P':>8}")
        for row in fidelity_table(Path(tmp)):
            print(f"{row[0]:18} {row[1]:5} {row[2]:9.4f} {row[3]:9.4f} {row[4]:8.4f} {row[5]:8.4f}")
