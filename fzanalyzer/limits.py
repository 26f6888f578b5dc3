"""Limits that keep one bad or hostile file from exhausting memory or time.

Every limit is a module constant, so a caller can raise it for a run
(``fzanalyzer.limits.MAX_FILE_BYTES = 500_000_000``); the readers read the module attribute
at call time. A file over a limit gets a coded :class:`~fzanalyzer.errors.IngestError`
(never a partial result), and the batch goes on with the next file.

- ``MAX_FILE_BYTES`` (200 MB, E005): any input file. Checked with ``stat`` before reading.
  (The largest real reports are ~100 kB as text and a few MB as PDF or DOCX.)
- ``MAX_TEXT_BYTES`` (50 MB, E005): a text or HTML file, which is read and decoded in one
  piece. Decoding peaks at about 4× the file size (the bytes, plus CPython's UTF-8 decoder
  buffer of up to 4 bytes per character): a 20 MB file with one line peaks at ~85 MB, a file at
  the limit at ~200 MB.
- ``MAX_HTML_BYTES`` (20 MB, E005): a web page; lxml and trafilatura hold several copies of
  the tree (saved report pages are 30 kB–2 MB).
- ``MAX_TEXT_CHARS`` (60 M characters, E005): decoded text, for encodings denser than UTF-8.
- ``MAX_PDF_PAGES`` (2000 pages, E013): counted from the page tree before any text is read.
  Reports run to 5–60 pages; 2000 pages take pdfplumber roughly half an hour.
- ``MAX_DOCX_UNCOMPRESSED`` (200 MB, E021): sum of the uncompressed sizes declared in a DOCX's
  zip directory, checked before parsing. Python's ``zipfile`` never inflates a member past
  its declared size, so the declared sizes bound what parsing can allocate.
- ``MAX_ZIP_RATIO`` (200, E021): declared/compressed size of any member larger than
  ``ZIP_RATIO_MIN_BYTES`` (10 MB). Real DOCX XML compresses about 5–20×; zeros compress ~1000×.
- ``LEGACY_TIMEOUT_S`` (120 s, E022): one LibreOffice conversion of a .doc/.wps file.
- ``FILE_TIMEOUT_S`` (600 s, E052): the default time budget of one file in a batch run
  (``extract --file-timeout``); a 20 MB report takes a few minutes, a normal one under a second.

>>> MAX_FILE_BYTES >= 100_000_000
True
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TEXT_BYTES = 50 * 1024 * 1024
MAX_HTML_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 60_000_000
MAX_PDF_PAGES = 2000
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ZIP_RATIO = 200
ZIP_RATIO_MIN_BYTES = 10 * 1024 * 1024
LEGACY_TIMEOUT_S = 120
FILE_TIMEOUT_S = 600.0


def current() -> dict[str, int]:
    """The limits in force, by name: what a batch hands to its worker processes (a worker started
    with 'spawn' imports this module afresh, with the defaults).

    >>> current()["MAX_PDF_PAGES"] == MAX_PDF_PAGES
    True
    """
    return {k: v for k, v in globals().items() if k.isupper() and isinstance(v, int)}


def apply(values: dict[str, int]) -> None:
    """Set the limits of this process to ``values`` (from :func:`current` in another process)."""
    unknown = set(values) - set(current())
    if unknown:
        raise ValueError(f"unknown limits {sorted(unknown)}; known: {sorted(current())}")
    globals().update(values)


def human_bytes(n: int) -> str:
    """``human_bytes(210_000_000)`` → ``'200.3 MB'`` (MiB, as the limits are written).

    >>> human_bytes(210_000_000)
    '200.3 MB'
    """
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} B"  # pragma: no cover


def read_bounded(path: Path, limit: int, kind: str = "") -> bytes:
    """The file's bytes, refusing a file larger than ``limit`` (E005) or one that cannot be
    read (E001) before anything is loaded into memory."""
    from .errors import IngestError

    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError.from_code(
                "E005",
                path=path,
                detail=human_bytes(size),
                limit=human_bytes(limit) + (f" for {kind}" if kind else ""),
            )
        return path.read_bytes()
    except OSError as exc:
        raise IngestError.from_code("E001", path=path) from exc
