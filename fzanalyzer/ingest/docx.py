"""DOCX reader: paragraphs and tables in document order, one paragraph per line.

The body's XML children are walked in order (python-docx's ``doc.paragraphs`` and
``doc.tables`` lose the order between them): a ``w:p`` gives its text, a ``w:tbl`` gives one
line per row with the cells' text separated by a tab (merged cells once), nested tables row by
row, and content controls (``w:sdt``) are entered. Headers, footers, footnotes and comments
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
    lines: list[str] = []
    _walk(document.element.body, document, lines)
    hints: dict = {}
    props = document.core_properties
    title = (props.title or "").strip()
    if title and any("\u4e00" <= ch <= "\u9fff" for ch in title):
        hints["title"] = title
    if props.created is not None:
        hints["created"] = props.created.date().isoformat()
    return RawDocument(text="\n".join(lines), format="docx", hints=hints, warnings=[])


def _walk(container, parent, lines: list[str]) -> None:
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            from docx.text.paragraph import Paragraph

            lines.append(Paragraph(child, parent).text)
        elif tag == _W + "tbl":
            from docx.table import Table

            _table(Table(child, parent), lines)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "smartTag"):
            _walk(child, parent, lines)


def _table(table, lines: list[str]) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        nested: list = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is listed once per grid column it spans
            seen.add(id(cell._tc))
            parts: list[str] = []
            for el in cell._tc.iterchildren():
                if el.tag == _W + "p":
                    parts.append(Paragraph(el, cell).text)
                elif el.tag == _W + "tbl":
                    nested.append(el)
            cells.append("".join(p.strip() for p in parts))
        if any(cells):
            lines.append("\t".join(cells))
        for el in nested:
            _table(Table(el, table), lines)
