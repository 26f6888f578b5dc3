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
    report = _analyze(
        raw.text,
        id=id or report_id(path),
        source=str(path),
        sha256=sha,
        fmt=raw.format,
        hints=raw.hints,
        warnings=list(raw.warnings),
        analyze=analyze,
    )
    _provenance(path, report.meta)
    return report


def _provenance(path: Path, meta: Meta) -> None:
    """Where and when ``fzanalyzer fetch`` got the file, from its sidecar ``NAME.fetch.json``."""
    import json

    sidecar = path.with_name(path.name + ".fetch.json")
    if not sidecar.is_file():
        return
    try:
        prov = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # a damaged sidecar does not stop the report from being read
    if isinstance(prov, dict):
        meta.source_url = prov.get("final_url") or prov.get("url")
        meta.fetched_at = prov.get("fetched_at")


def analyze_text(text: str, *, id: str = "text", source: str = "<string>", analyze: bool = True) -> Report:
    """Analyze a report given as a string (it is normalized like a .txt file)."""
    _refuse_surrogates(text, source)
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

    _refuse_surrogates(text, source)
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
    if analyze and might_be_report(meta):
        # A page that is or might be a report (an untitled web copy) gets everything;
        # is_report and doc_type stay as metadata for the user to filter on.
        enrich(report)
    elif analyze:
        # A clear near-miss (news about a report, a 工作要点 …) would put look-alike sections,
        # indicators and plans into a researcher's tables; enrich() extracts them on request.
        meta.warnings.append(warning("W015"))
    return report


def _refuse_surrogates(text: str, source: str) -> None:
    from .normalize.steps import lone_surrogate

    at = lone_surrogate(text)
    if at is not None:
        detail = f"the character at offset {at} (U+{ord(text[at]):04X})"
        raise IngestError.from_code("E041", path=source, detail=detail)


def might_be_report(meta: Meta) -> bool:
    """A report, or a document whose report_confidence reaches ``extract_from`` (doctypes.json)."""
    from .meta.doctype import reaches_extract_floor

    return meta.is_report or reaches_extract_floor(meta.report_confidence)


def warm_up() -> None:
    """Load what the first report would load (jieba's dictionaries, the POS tagger, lexicons and
    models), so that a worker process pays it once before its first file, outside that file's
    time budget."""
    from .extract.subject import tagger

    tagger()
    report = analyze_text(
        "关于2020年度法治政府建设工作情况的报告\n一、主要举措和成效\n全年办理行政复议案件12件。", id="warm-up"
    )
    enrich(report)
    from .segment.topics import classify_topics

    classify_topics([("二、存在的问题", "制度建设有待加强。")])  # numpy, imported by the topic model


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
