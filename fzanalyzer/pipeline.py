"""The work on one document, as a pure function of its file.

``analyze_file(path)`` reads, normalizes, finds metadata, segments, and extracts indicators and
plans. It depends on nothing but the file's bytes and the package's data, so a batch can run it
in worker processes (or, later, on a distributed engine) and get the same result.

>>> r = analyze_text("关于2020年度法治政府建设工作情况的报告\\n一、主要举措和成效\\n全年办理案件12件。", id="x")
>>> r.meta.year_covered, [s.title for s in r.part("measures_and_results")]
(2020, ['主要举措和成效'])
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import __version__
from .errors import FzError, IngestError, warning
from .model import Meta, Report

T = TypeVar("T")


def report_id(path: Path) -> str:
    """A stable id from the file name: ``jingan-2019.txt`` → ``jingan-2019``."""
    name = path.name
    for suffix in (".gold.json",):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name) or name


def load(path: str | Path, *, id: str | None = None, analyze: bool = True) -> Report:
    """Read one report file into a :class:`~fzanalyzer.model.Report`.

    ``analyze=False`` stops after normalization and metadata (no sections, indicators, plans).
    Raises :class:`~fzanalyzer.errors.IngestError` (with a catalogue code) when the file
    cannot be read.
    """
    return analyze_file(Path(path), id=id, analyze=analyze)


def analyze_file(path: Path, *, id: str | None = None, analyze: bool = True) -> Report:
    from .ingest import read_file

    raw = read_file(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return _analyze(
        raw.text,
        id=id or report_id(path),
        source=str(path),
        sha256=sha,
        fmt=raw.format,
        hints=raw.hints,
        warnings=list(raw.warnings),
        analyze=analyze,
    )


def analyze_text(text: str, *, id: str = "text", source: str = "<string>", analyze: bool = True) -> Report:
    """Analyze a report given as a string (it is normalized like a .txt file)."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _analyze(text, id=id, source=source, sha256=sha, fmt="txt", hints={}, warnings=[], analyze=analyze)


def _analyze(
    text: str,
    *,
    id: str,
    source: str,
    sha256: str,
    fmt: str,
    hints: dict,
    warnings: list[str],
    analyze: bool,
) -> Report:
    from .meta import extract_meta
    from .normalize import normalize

    norm = normalize(text, fmt=fmt)
    warnings.extend(norm.warnings)
    if not norm.text.strip():
        raise IngestError.from_code("E040", path=source, detail="only whitespace or page furniture")
    meta: Meta = _step(
        "meta", source, warnings, lambda: extract_meta(norm.text, {**norm.hints, **hints}), Meta()
    )
    meta.warnings = warnings + meta.warnings
    if hints.get("page_heads"):
        meta.page_starts = page_starts(norm.text, hints["page_heads"])
    report = Report(
        id=id,
        source=source,
        sha256=sha256,
        format=fmt,
        text=norm.text,
        meta=meta,
        extractor_version=__version__,
    )
    if analyze and meta.is_report:
        enrich(report)
    elif analyze:
        # A near-miss (news about a report, a 工作要点 …) would put look-alike sections,
        # indicators and plans into a researcher's tables; enrich() extracts them on request.
        meta.warnings.append(warning("W015"))
    return report


def page_starts(text: str, heads: list[tuple[int, str]]) -> list[list[int]]:
    """``[offset, page]`` where each PDF page begins in the normalized ``text``: each page's first
    characters, normalized the same way, found in order (a page not found is left out).

    >>> page_starts("第一页正文内容。\\n第二页正文内容。", [(1, "第一页正文"), (2, "第二页正文")])
    [[0, 1], [9, 2]]
    """
    from .normalize import normalize

    out, pos = [], 0
    for number, head in heads:
        key = normalize(head, fmt="txt").text.strip()[:8]
        at = text.find(key, pos) if len(key) >= 4 else -1
        if at >= 0:
            out.append([at, number])
            pos = at + 1
    if out:
        out[0][0] = 0  # the first page holds everything before its first body line
    return out


def enrich(report: Report) -> Report:
    """Fill sections, indicators and plans of a report in place (each step isolated)."""
    from .extract.indicators import extract_indicators
    from .extract.plans import extract_plans
    from .segment import segment

    w = report.meta.warnings
    report.sections = _step("segment", report.source, w, lambda: segment(report.text, report.meta), [])
    report.indicators = _step(
        "indicators",
        report.source,
        w,
        lambda: extract_indicators(report.text, report.sections, report.meta),
        [],
    )
    report.plans = _step(
        "plans", report.source, w, lambda: extract_plans(report.text, report.sections, report.meta), []
    )
    return report


def _step(name: str, source: str, warnings: list[str], fn: Callable[[], T], empty: T) -> T:
    """Run one analysis step; an unexpected failure empties that step, with a warning, and the
    rest of the document is still analysed (one bad step must not lose a file)."""
    try:
        return fn()
    except FzError:
        raise
    except Exception as exc:
        warnings.append(warning("W013", f"{name}: {type(exc).__name__}: {exc}"[:300]))
        return empty
