"""Read one report file (txt, HTML, PDF, DOCX, legacy .doc/.wps) into text.

The reader is chosen from the file's content (magic bytes) as well as its extension; when they
disagree the content wins and warning W012 says so. Readers return the text as faithfully as
the format allows: the text reader only decodes (Unicode normalization, chrome removal and
re-joining of hard-wrapped lines are the normalize step's job); the HTML reader drops the site
chrome around the body; the PDF reader rebuilds paragraphs from character positions and drops
page numbers and running headers/footers, since only it knows where they were.

Heavy libraries (trafilatura, pdfplumber, pypdfium2, python-docx) are imported inside the
readers, so importing this package is cheap.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
>>> _ = p.write_bytes("关于2020年度法治政府建设情况的报告".encode("gb18030"))
>>> doc = read_file(p)
>>> doc.text, doc.format, doc.hints["encoding"]
('关于2020年度法治政府建设情况的报告', 'txt', 'gb18030')
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..errors import IngestError, warning

#: Formats a reader can produce, by extension.
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".csv": "txt",
    ".htm": "html",
    ".html": "html",
    ".shtml": "html",
    ".mht": "mht",
    ".mhtml": "mht",
    ".xhtml": "html",
    ".jsp": "html",
    ".asp": "html",
    ".aspx": "html",
    ".php": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "doc",
    ".rtf": "doc",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
}


@dataclass
class RawDocument:
    """What a reader gives the normalize and metadata steps.

    ``hints`` may hold ``title``, ``date`` (ISO publication date, from a web page),
    ``created`` (a PDF's or DOCX's creation date: not the publication date), ``encoding``,
    ``pages``, ``engine`` (PDF) and ``source_format`` (legacy files): metadata hints, never
    trusted over the text itself.
    """

    text: str
    format: str
    hints: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def sniff(head: bytes, path: Path | None = None) -> str | None:
    """The format the first bytes of a file say it is, or ``None`` (plain text or unknown).

    ``path`` lets a zip be opened to tell a DOCX from another zip.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff("报告".encode())
    ('pdf', 'html', None)
    """
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head[:2048].lstrip().lower().startswith((b"mime-version:", b"from:", b"content-type: multipart")) and (
        b"multipart/related" in head[:4096].lower()
    ):
        return "mht"
    for magic, what in _IMAGES.items():
        if head.startswith(magic):
            return "image:" + what
    probe = head[:4096]
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")) or probe[:200].count(b"\x00") > 20:
        probe = probe.replace(b"\x00", b"")  # UTF-16 markup
    low = probe.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<title")):
        return "html"
    if low.startswith(b"<") and any(
        tag in low for tag in (b"<html", b"<body", b"<head", b"<div", b"<p>", b"<br")
    ):
        return "html"  # pages that open with a comment, an XML declaration, <script> or <link>
    return None


def read_file(path: str | Path, *, pdf_engine: str | None = None) -> RawDocument:
    """Read a report file into a :class:`RawDocument`.

    ``pdf_engine`` is ``"pdfplumber"`` (the default) or ``"pdfium"`` (several times faster,
    as faithful on the office-made PDFs tested; see :mod:`fzanalyzer.ingest.pdf`); the
    environment variable ``FZ_PDF_ENGINE`` sets it for a whole run (worker processes inherit it).

    Raises :class:`~fzanalyzer.errors.IngestError` with a catalogue code: E001 missing,
    E002 unsupported type, E003 empty, E004 not text, E005 too large, E010–E013 PDF problems,
    E020–E022 Word problems, E030 HTML without a body.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError.from_code("E001", path=path)
    except OSError as exc:
        raise IngestError.from_code("E001", path=path) from exc
    if size > limits.MAX_FILE_BYTES:
        raise IngestError.from_code(
            "E005",
            path=path,
            detail=limits.human_bytes(size),
            limit=limits.human_bytes(limits.MAX_FILE_BYTES),
        )
    if size == 0:
        raise IngestError.from_code("E003", path=path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise IngestError.from_code("E001", path=path) from exc

    by_ext = EXTENSIONS.get(path.suffix.lower())
    by_content = sniff(head, path)
    warnings: list[str] = []
    if by_content == "zip":
        by_content = _zip_kind(path)
    if by_content is not None and by_content.startswith("image:"):
        raise IngestError.from_code(
            "E002", path=path, detail=by_content[6:] + ": a scan needs OCR (e.g. `ocrmypdf -l chi_sim`)"
        )
    if by_content == "doc" and by_ext == "docx":
        raise IngestError.from_code(
            "E020",
            path=path,
            detail="it is an old binary Word/WPS file (OLE2) with a .docx name",
        )
    if by_content == "zip-other":
        if by_ext == "docx":
            raise IngestError.from_code("E020", path=path, detail="a zip archive without word/document.xml")
        raise IngestError.from_code("E002", path=path, detail="a zip archive that is not a DOCX")
    if by_content is None and by_ext in ("pdf", "docx", "doc"):
        # A .pdf/.docx/.doc whose bytes are not that format: text is read as text (W012);
        # binary bytes get the format's own error (legacy files go to LibreOffice, which
        # knows more old formats than we do).
        if not _looks_binary(head):
            fmt = "txt"
        elif by_ext == "doc":
            fmt = "doc"
        else:
            code = "E010" if by_ext == "pdf" else "E020"
            raise IngestError.from_code(
                code, path=path, detail=f"the bytes do not start like a .{by_ext} file"
            )
    elif by_content is None and by_ext == "html" and b"<" not in head:
        fmt = "txt"  # a .htm holding plain text (no markup at all)
    else:
        fmt = by_content or by_ext or "txt"
    if by_ext is not None and fmt != by_ext:
        warnings.append(warning("W012", fmt))

    if fmt == "pdf":
        from .pdf import read_pdf

        doc = read_pdf(path, engine=pdf_engine or os.environ.get("FZ_PDF_ENGINE") or "pdfplumber")
    elif fmt == "docx":
        from .docx import read_docx

        doc = read_docx(path)
    elif fmt == "doc":
        from .legacy import read_legacy

        doc = read_legacy(path)
    elif fmt == "mht":
        from .html import read_mht

        doc = read_mht(path)
    elif fmt == "html":
        from .html import read_html

        doc = read_html(path)
    else:
        from .text import read_text

        doc = read_text(path)
    doc.warnings[:0] = warnings
    return doc


def _zip_kind(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip-other"
    return "docx" if "word/document.xml" in names else "zip-other"


def _looks_binary(head: bytes) -> bool:
    from .text import looks_binary

    return looks_binary(head)
