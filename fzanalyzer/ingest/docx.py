"""DOCX reader: paragraphs and tables in document order, one paragraph per line.

The body's XML children are walked in order (python-docx's ``doc.paragraphs`` and
``doc.tables`` lose the order between them): a ``w:p`` gives its text (:func:`paragraph_text`),
a ``w:tbl`` gives one line per row with the cells' text separated by a tab (a horizontally
merged cell once, a vertically merged one in its first row), nested tables row by row, and
content controls (``w:sdt``) are entered. Automatic list numbering is written out as Word
shows it (:mod:`fzanalyzer.ingest.numbering`): outline markers like 一、 are often numbering. Headers, footers, footnotes and comments
are not report text and are skipped.

Before python-docx sees the file, its zip directory is checked (E021): the sum of declared
uncompressed sizes must stay under ``limits.MAX_DOCX_UNCOMPRESSED`` and no large member may
compress better than ``limits.MAX_ZIP_RATIO`` (a zip bomb). A file that is not a zip with
``word/document.xml`` is E020.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .. import limits
from ..errors import IngestError
from . import RawDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def check_zip(path: Path) -> None:
    """Refuse a zip that is not a DOCX (E020) or would decompress too far (E021)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError.from_code("E020", path=path, detail=f"not a zip archive: {exc}") from exc
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise IngestError.from_code("E020", path=path, detail="the zip has no word/document.xml")
    total = sum(i.file_size for i in infos)
    if total > limits.MAX_DOCX_UNCOMPRESSED:
        raise IngestError.from_code(
            "E021",
            path=path,
            detail=limits.human_bytes(total),
            limit=limits.human_bytes(limits.MAX_DOCX_UNCOMPRESSED),
        )
    for i in infos:
        if i.file_size > limits.ZIP_RATIO_MIN_BYTES and i.file_size > limits.MAX_ZIP_RATIO * max(
            1, i.compress_size
        ):
            raise IngestError.from_code(
                "E021",
                path=path,
                detail=f"{limits.human_bytes(i.file_size)} in {i.filename} "
                f"(compressed {i.file_size // max(1, i.compress_size)}:1)",
                limit=f"a ratio of {limits.MAX_ZIP_RATIO}:1",
            )


def read_docx(path: Path) -> RawDocument:
    """Read a DOCX (see the module docstring)."""
    check_zip(path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise IngestError.from_code("E020", path=path, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc
    except Exception as exc:
        raise IngestError.from_code("E020", path=path, detail=f"{type(exc).__name__}: {exc}"[:200]) from exc
    from .numbering import Numbering

    try:
        numbering = Numbering.from_document(document)
    except (ValueError, TypeError):  # malformed numbering.xml: read the text without numbers
        numbering = Numbering()
    lines: list[str] = []
    _walk(document.element.body, numbering, lines)
    hints: dict = {}
    props = document.core_properties
    title = (props.title or "").strip()
    if title and any("\u4e00" <= ch <= "\u9fff" for ch in title):
        hints["title"] = title
    if props.created is not None:
        hints["created"] = props.created.date().isoformat()
    return RawDocument(text="\n".join(lines), format="docx", hints=hints, warnings=[])


def _walk(container, numbering, lines: list[str]) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            boxes: list[str] = []
            marker = numbering.marker(child)
            text = paragraph_text(child, boxes)
            lines.extend(boxes)
            lines.append(marker + text if text.strip() else text)
        elif tag == _W + "tbl":
            _table(child, numbering, lines)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "smartTag"):
            _walk(child, numbering, lines)


#: Subtrees whose text is not the paragraph's visible text: deletions (tracked changes), field
#: codes, properties, and the VML fallback that repeats a text box's DrawingML content.
_SKIP = frozenset(
    {
        _W + "del",
        _W + "delText",
        _W + "instrText",
        _W + "rPr",
        _W + "pPr",
        _W + "fldData",
        _MC + "Fallback",
    }
)


def paragraph_text(p, boxes: list[str] | None = None) -> str:
    """Visible text of a ``w:p`` element, read from the XML.

    Unlike python-docx's ``Paragraph.text`` it keeps runs inside tracked insertions
    (``w:ins``), simple fields (``w:fldSimple``: page numbers, dates), smart tags and inline
    content controls, and drops tracked deletions and field codes. Paragraphs of text boxes
    in it are appended to ``boxes`` (as lines before the anchoring paragraph).
    """
    out: list[str] = []

    def walk(el) -> None:
        for ch in el.iterchildren():
            tag = ch.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                out.append(ch.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                if ch.get(_W + "type") != "page":
                    out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "txbxContent":
                if boxes is not None:
                    for para in ch.iter(_W + "p"):
                        boxes.append(paragraph_text(para))
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def _table(tbl, numbering, lines: list[str]) -> None:
    for tr in tbl.iterchildren(_W + "tr"):
        cells: list[str] = []
        nested: list = []
        for tc in tr.iterchildren(_W + "tc"):
            # A vertically merged continuation cell (w:vMerge without "restart") repeats nothing.
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(_W + "val") in (None, "continue"):
                cells.append("")
                continue
            parts: list[str] = []
            for el in tc.iterchildren():
                if el.tag == _W + "p":
                    marker = numbering.marker(el)
                    text = paragraph_text(el).strip()
                    parts.append(marker + text if text else "")
                elif el.tag == _W + "tbl":
                    nested.append(el)
            cells.append("".join(parts))
        if any(cells):
            lines.append("\t".join(cells).rstrip("\t"))
        for el in nested:
            _table(el, numbering, lines)
