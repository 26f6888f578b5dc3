"""Ingest throughput: our readers against the bare library call, same files, same run.

The inputs are rendered from one real report (:mod:`fzanalyzer.bench.samples`): UTF-8 and
GB18030 text, a web page with site chrome, and a 公文-style PDF. Each row times
:func:`fzanalyzer.ingest.read_file` (or ``read_pdf`` with an engine) and the bare call a user
would otherwise make:

=================  ==========================================================
txt                ``Path.read_text(encoding=...)`` with the right encoding given
html               ``trafilatura.extract(page, include_tables=False)`` on the decoded page
pdf (pdfplumber)   ``page.extract_text()`` for every page
pdf (pdfium)       ``textpage.get_text_range()`` for every page
=================  ==========================================================

Without ``quick``, and when LibreOffice is installed, the DOCX rendering exported to PDF by
LibreOffice adds two rows: a real office-made PDF, where bare pdfium inserts spaces between
digits and CJK and misorders quotation marks.

``ratio`` = our time / bare time (lower is better). Our readers do more than the bare call
(encoding detection, chrome fallback check, paragraph rebuilding, furniture removal, text-layer
checks); the ``note`` column gives character agreement with the report body, ours vs bare, as
(recall, precision) after NFKC with whitespace removed, so speed and faithfulness are read
together, with the share of the body's paragraphs reproduced exactly and the number of
digit/CJK spaces in the bare output. Peak memory is tracemalloc's peak for one read (Python
heap only: pdfium's C allocations are not seen).

The report text comes from ``$FZ_BENCH_TEXT``, else the repository's ``corpora/*.txt`` or
``tests/data/seed/*.txt``.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import BenchRow, peak_memory_mb, samples, timed

#: Lines from here on in the seed are its website footer, not report text.
_FOOTER = re.compile(r"^(?:留言咨询|纠错|相关文档|使用说明)\s*$", re.MULTILINE)


def seed_text() -> str:
    """The report text the bench renders (see the module docstring)."""
    env = os.environ.get("FZ_BENCH_TEXT")
    candidates = [Path(env)] if env else []
    root = Path(__file__).resolve().parents[2]
    for folder in (root / "corpora", root / "tests" / "data" / "seed"):
        if folder.is_dir():
            candidates.extend(sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".gold.txt")))
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError(
        "no report text for the ingest bench: set FZ_BENCH_TEXT to a UTF-8 report, or run from a checkout"
    )


def body_of(text: str) -> str:
    """The text without a trailing website footer (first footer-only line onwards)."""
    m = _FOOTER.search(text)
    return text[: m.start()].rstrip() + "\n" if m else text


def agreement(output: str, reference: str) -> tuple[float, float]:
    """(recall, precision) of characters, NFKC and no whitespace, by difflib matching blocks."""

    def squash(t: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))

    a, b = squash(reference), squash(output)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in sm.get_matching_blocks())
    return matched / max(1, len(a)), matched / max(1, len(b))


def run(quick: bool = False) -> list[BenchRow]:
    """Time every reader against its bare call; see the module docstring."""
    from ..ingest import read_file
    from ..ingest.pdf import read_pdf

    text = seed_text()
    body = body_of(text)
    repeat = 2 if quick else 5
    copies = 3 if quick else 10
    rows: list[BenchRow] = []
    with tempfile.TemporaryDirectory(prefix="fz-bench-") as tmp:
        folder = Path(tmp)
        utf8 = _copies(folder, "r-utf8", ".txt", samples.render_txt(body), copies)
        gb = _copies(folder, "r-gb", ".txt", samples.render_txt(body, "gb18030"), copies)
        html = _copies(folder, "r", ".html", samples.render_html(body, "div"), copies)
        pdf: list[Path] = []
        # quick: the first quarter of the report in the PDF (a smoke run, not a measurement)
        pdf_body = body_of(body[: body.index("\n", len(body) // 4) + 1]) if quick else body
        if samples.cjk_font_path():
            one = samples.render_pdf(pdf_body, folder / "r0.pdf")
            pdf = _copies(folder, "r", ".pdf", one.read_bytes(), copies if not quick else 1)
        office = None if quick else _office_pdf(body, folder)

        rows.append(
            _row(
                "ingest txt utf-8",
                utf8,
                read_file,
                lambda p: p.read_text(encoding="utf-8"),
                "read_text",
                repeat,
            )
        )
        rows.append(
            _row(
                "ingest txt gb18030 (detected)",
                gb,
                read_file,
                lambda p: p.read_text(encoding="gb18030"),
                "read_text(encoding='gb18030')",
                repeat,
            )
        )
        rows.append(
            _row("ingest html", html, read_file, _bare_trafilatura, "trafilatura.extract", repeat, body=body)
        )
        if pdf:
            pdf_repeat = 1 if quick else 2
            rows.append(
                _row(
                    "ingest pdf (pdfplumber)",
                    pdf,
                    lambda p: read_pdf(p, engine="pdfplumber"),
                    _bare_pdfplumber,
                    "pdfplumber extract_text",
                    pdf_repeat,
                    body=pdf_body,
                )
            )
            rows.append(
                _row(
                    "ingest pdf (pdfium)",
                    pdf,
                    lambda p: read_pdf(p, engine="pdfium"),
                    _bare_pdfium,
                    "pypdfium2 get_text_range",
                    pdf_repeat,
                    body=pdf_body,
                )
            )
            plumber = next(r for r in rows if r.name == "ingest pdf (pdfplumber)")
            pdfium = rows[-1]
            pdfium.note += f"; {plumber.seconds / pdfium.seconds:.1f}x faster than our pdfplumber path"
        else:
            rows.append(
                BenchRow("ingest pdf", 0, "docs", 0.0, note="skipped: no CJK font (fonts-wqy-zenhei)")
            )
        if office is not None:
            for engine, bare, label in (
                ("pdfplumber", _bare_pdfplumber, "pdfplumber extract_text"),
                ("pdfium", _bare_pdfium, "pypdfium2 get_text_range"),
            ):
                rows.append(
                    _row(
                        f"ingest office-made pdf ({engine})",
                        [office],
                        functools.partial(read_pdf, engine=engine),
                        bare,
                        label,
                        1,
                        body=body,
                    )
                )
    return rows


def _copies(folder: Path, stem: str, suffix: str, data: bytes, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        p = folder / f"{stem}{i}{suffix}"
        p.write_bytes(data)
        paths.append(p)
    return paths


def _row(
    name: str,
    paths: list[Path],
    ours: Callable[[Path], Any],
    bare: Callable[[Path], Any],
    baseline: str,
    repeat: int,
    body: str | None = None,
) -> BenchRow:
    ours(paths[0])  # warm up: imports and caches are not throughput
    bare(paths[0])
    t_ours, last = timed(lambda: [ours(p) for p in paths], repeat)
    t_bare, last_bare = timed(lambda: [bare(p) for p in paths], repeat)
    peak = peak_memory_mb(lambda: ours(paths[0]))
    note = f"peak of the bare call {peak_memory_mb(lambda: bare(paths[0])):.1f} MB"
    if body is not None:
        r_o, p_o = agreement(last[0].text, body)
        r_b, p_b = agreement(last_bare[0], body)
        paras = [ln.strip() for ln in body.splitlines() if ln.strip()]
        got = set(last[0].text.splitlines())
        exact = sum(1 for ln in paras if ln in got) / max(1, len(paras))
        digit_space = re.compile(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d")
        spaced = len(digit_space.findall(last_bare[0]))
        ours_spaced = len(digit_space.findall(last[0].text))
        note = (
            f"agreement ours {r_o:.4f}/{p_o:.4f}, bare {r_b:.4f}/{p_b:.4f}; paragraphs exact {exact:.1%}; "
            f"digit/CJK spaces ours {ours_spaced}, bare {spaced}; " + note
        )
    return BenchRow(
        name=name,
        items=len(paths),
        unit="docs",
        seconds=t_ours,
        baseline=baseline,
        baseline_seconds=t_bare,
        peak_mb=peak,
        note=note,
    )


def _office_pdf(body: str, folder: Path) -> Path | None:
    """The DOCX rendering exported by LibreOffice (a real office-made PDF), if installed."""
    import shutil
    import subprocess

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    src = samples.render_docx(body, folder / "office.docx")
    try:
        subprocess.run(
            [exe, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(src)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    except (subprocess.SubprocessError, OSError):
        return None
    out = folder / "office.pdf"
    return out if out.exists() else None


def _bare_trafilatura(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_text(encoding="utf-8"), include_tables=False) or ""


def _bare_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _bare_pdfium(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
