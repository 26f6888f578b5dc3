"""PDF reader: characters with positions → lines → paragraphs, without page furniture.

Two engines give the same thing, a list of positioned glyphs per page:

- ``pdfplumber`` (default; pdfminer underneath): slower, the reference.
- ``pdfium`` (pypdfium2): several times faster. Its plain ``get_text_range()`` is not
  faithful on office-made PDFs: it drops the content stream's real spaces and *generates* its
  own, including spaces around digits (``2019 年``: Word and LibreOffice leave ~0.2 em of
  "autospace" between CJK and Latin text without a space character), and it returns glyphs in
  drawing order (LibreOffice draws quotation marks in a separate run: ``四个意识 “ ”``). Here
  glyphs are ordered by position, and a generated space is kept only where its neighbours
  leave a real gap (> 0.15 em, > 0.35 em between CJK and Latin/digits), which repairs both.

Layout rules (:mod:`fzanalyzer.ingest.pdflayout`): lines are rebuilt from glyph positions; a new
paragraph starts where a line is indented (公文 paragraphs have a two-character first-line
indent, GB/T 9704), is centered, follows a line that ends short of the right margin, or follows
a large vertical gap; otherwise the wrapped line is joined to the previous one with no space
between CJK characters, digits and units (a space only between two Latin letters). Page
numbers (``— 3 —``, ``- 3 -``, ``第3页``, ``第 3 页 共 10 页``, ``3/10``, a bare number) at the
top or bottom of a page and running headers/footers (the same text at the same height on at
least half the pages) are removed and counted in warnings W002/W007.

A page whose text layer is missing (image only, text drawn as paths) or unmapped (``(cid:NN)``,
U+FFFD, private-use characters, Latin-1 mojibake) is "broken": more broken pages than good
ones (or under 50 good characters) → E012, OCR needed; fewer → W009 listing them, and the
good pages' text is returned. Encrypted (with a user password) → E011; damaged or
truncated (no ``%%EOF`` at the end) → E010; over ``limits.MAX_PDF_PAGES`` → E013.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import limits
from ..errors import IngestError, warning
from . import RawDocument
from .pdflayout import Glyph, PageGlyphs, assemble

ENGINES = ("pdfplumber", "pdfium")


def read_pdf(path: Path, engine: str = "pdfplumber") -> RawDocument:
    """Read a PDF's text layer into paragraphs (one per line).

    ``engine`` is ``"pdfplumber"`` (default) or ``"pdfium"`` (fast path).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    path = Path(path)
    _check_trailer(path)
    n_pages, info = _open_pdfium_info(path)
    if n_pages > limits.MAX_PDF_PAGES:
        raise IngestError.from_code("E013", path=path, detail=n_pages, limit=limits.MAX_PDF_PAGES)
    pages = _glyphs_pdfium(path) if engine == "pdfium" else _glyphs_pdfplumber(path)
    result = assemble(pages)
    warnings: list[str] = []
    usable = [p for p in result.pages if p.status == "ok"]
    broken = [p for p in result.pages if p.status == "broken"]
    if not usable or result.usable_chars < 50 or len(broken) > len(usable):
        if broken:
            why = "; ".join(sorted({p.reason for p in broken}))[:200]
            detail = f"{len(broken)} of {len(result.pages)} pages without a usable text layer: {why}"
        else:
            detail = "no text on any page"
        raise IngestError.from_code("E012", path=path, detail=detail)
    if broken:
        numbers = [str(p.number) for p in broken]
        warnings.append(warning("W009", ", ".join(numbers[:20]) + (" …" if len(numbers) > 20 else "")))
    if result.page_numbers:
        warnings.append(warning("W002", f"{result.page_numbers} lines"))
    if result.furniture:
        warnings.append(
            warning("W007", f"{result.furniture} lines: " + " | ".join(result.furniture_texts[:3]))
        )
    if result.joined:
        warnings.append(warning("W005", f"{result.joined} line breaks inside paragraphs (PDF layout)"))
    hints: dict = {"pages": n_pages, "engine": engine, "page_heads": page_heads(result)}
    if info.get("title"):
        hints["title"] = info["title"]
    if info.get("date"):
        # The file's creation date, not the publication date (re-exports and scans change it):
        # kept apart so the metadata step does not take it for ``published``.
        hints["created"] = info["date"]
    return RawDocument(text=result.text, format="pdf", hints=hints, warnings=warnings)


# -- checks -------------------------------------------------------------------------------------
def page_heads(result: Any) -> list[tuple[int, str]]:
    """(page number, the first characters of its first body line) of each page with text: the
    pipeline finds them in the normalized text to map offsets back to pages."""
    heads = []
    for page in result.pages:
        body = [ln.text for ln in page.lines if ln.kind == "body" and len(ln.text.strip()) >= 6]
        if page.status == "ok" and body:
            heads.append((page.number, body[0].strip()[:16]))
    return heads


def _check_trailer(path: Path) -> None:
    """A PDF ends with ``%%EOF`` (ISO 32000 §7.5.5). Without it the file was cut off: refuse it
    rather than return a report that silently lacks its end."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 16384))  # some writers append a few kB after %%EOF
            tail = fh.read()
    except OSError as exc:
        raise IngestError.from_code("E001", path=path) from exc
    if b"%%EOF" not in tail:
        raise IngestError.from_code("E010", path=path, detail="truncated: no %%EOF marker at the end")


def _open_pdfium_info(path: Path) -> tuple[int, dict]:
    """Page count and document-info hints, cheaply (pdfium reads only the page tree)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise IngestError.from_code("E011", path=path) from exc
        raise IngestError.from_code("E010", path=path, detail=msg[:200]) from exc
    try:
        n = len(pdf)
        info: dict = {}
        try:
            meta = pdf.get_metadata_dict(skip_empty=True)
        except Exception:
            meta = {}
        # Office exports often title the PDF after the file: "Microsoft Word - 报告.docx".
        title = re.sub(
            r"^Microsoft (?:Word|PowerPoint) - |\.(?:docx?|wps|rtf|pdf)$",
            "",
            (meta.get("Title") or "").strip(),
        )
        if title and any("\u4e00" <= ch <= "\u9fff" for ch in title):
            info["title"] = title
        date = _pdf_date(meta.get("CreationDate") or meta.get("ModDate") or "")
        if date:
            info["date"] = date
        return n, info
    finally:
        pdf.close()


def _pdf_date(value: str) -> str | None:
    """``D:20200331093000+08'00'`` → ``2020-03-31``."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    if not (1990 <= int(y) <= 2100 and 1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{mo}-{d}"


# -- engines --------------------------------------------------------------------------------------
def _viewer_frame(rotation: int, width: float, height: float):
    """Map a box in PDF user space (left, bottom, right, top; y up) to the frame a viewer shows
    after the page's /Rotate (x0, x1, top, bottom; y down), as pdfplumber does itself."""

    def rotate(left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        if rotation == 90:  # viewer x = user y, viewer top = user x
            return bottom, top, left, right
        if rotation == 180:
            return width - right, width - left, bottom, top
        if rotation == 270:
            return height - top, height - bottom, width - right, width - left
        return left, right, height - top, height - bottom

    return rotate


def _glyphs_pdfplumber(path: Path) -> Iterator[PageGlyphs]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                glyphs = [
                    Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], float(c.get("size") or 0.0))
                    for c in page.chars
                    if c.get("upright", True)
                ]
                graphics = len(page.images) + len(page.curves) + len(page.rects)
                yield PageGlyphs(number, float(page.width), float(page.height), glyphs, graphics)
                page.flush_cache()
    except PdfminerException as exc:  # pdfplumber wraps pdfminer's errors
        inner = exc.args[0] if exc.args else exc.__cause__
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestError.from_code("E011", path=path) from exc
        raise IngestError.from_code(
            "E010", path=path, detail=f"{type(inner).__name__}: {inner}"[:200]
        ) from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError.from_code("E011", path=path) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise IngestError.from_code("E010", path=path, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc
    except IngestError:
        raise
    except Exception as exc:
        # pdfminer signals damage with many built-in errors (struct.error, IndexError,
        # AssertionError …): a damaged file, not a bug of ours.
        raise IngestError.from_code("E010", path=path, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc


def _glyphs_pdfium(path: Path) -> Iterator[PageGlyphs]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise IngestError.from_code("E010", path=path, detail=str(exc)[:200]) from exc
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            rotation = page.get_rotation() % 360  # /Rotate: the viewer turns the page clockwise
            upright = math.radians(rotation)  # content drawn turned this much reads upright
            to_view = _viewer_frame(rotation, width, height)
            textpage = page.get_textpage()
            tp = textpage.raw  # raw handle: the per-character calls below are the hot loop
            glyphs: list[Glyph] = []
            rect = raw.FS_RECTF()
            for i in range(raw.FPDFText_CountChars(tp)):
                cp = raw.FPDFText_GetUnicode(tp, i)
                if raw.FPDFText_IsGenerated(tp, i):
                    # pdfium replaces real spaces by generated ones and also invents spaces
                    # (around digits set in another font): keep it as a soft space that only
                    # counts where the neighbouring glyphs leave a gap.
                    if cp == 32 and glyphs:  # (its box is degenerate: take the line from its neighbour)
                        raw.FPDFText_GetLooseCharBox(tp, i, rect)
                        x0, _, _, _ = to_view(rect.left, rect.bottom, rect.left, rect.top)
                        last = glyphs[-1]
                        glyphs.append(Glyph(" ", x0, x0, last.top, last.bottom, last.size, soft=True))
                    continue
                if cp in (0, 10, 13, 0xFFFE, 0xFEFF):
                    continue
                turn = (raw.FPDFText_GetCharAngle(tp, i) + upright) % math.tau  # (pdfium: clockwise)
                if min(turn, math.tau - turn) > 0.02:
                    continue  # rotated glyphs: watermarks and stamps, not running text
                ch = chr(cp) if cp < 0x110000 and not raw.FPDFText_HasUnicodeMapError(tp, i) else "\ufffd"
                raw.FPDFText_GetLooseCharBox(tp, i, rect)
                size = raw.FPDFText_GetFontSize(tp, i)
                x0, x1, top, bottom = to_view(rect.left, rect.bottom, rect.right, rect.top)
                glyphs.append(Glyph(ch, x0, x1, top, bottom, size))
            graphics = 0
            n_obj = raw.FPDFPage_CountObjects(page)
            for k in range(n_obj):
                obj = raw.FPDFPage_GetObject(page, k)
                if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
                    graphics += 1
            view_w, view_h = (height, width) if rotation in (90, 270) else (width, height)
            yield PageGlyphs(index + 1, float(view_w), float(view_h), glyphs, graphics)
            textpage.close()
            page.close()
    finally:
        pdf.close()
