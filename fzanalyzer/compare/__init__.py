"""Comparisons between reports: plan follow-through audits (and, from other modules, reuse and panels).

>>> from fzanalyzer.compare import consecutive_pairs
>>> consecutive_pairs([("a", "X区", 2020), ("b", "X区", 2021), ("c", "Y市", 2021), ("d", "X区", 2023)])
[('a', 'b')]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .followthrough import Audit

__all__ = ["audit", "audit_corpus", "audit_files", "consecutive_pairs"]


def audit(prev: Any, next: Any, *, encoder: Any = None) -> Audit:
    """See :func:`fzanalyzer.compare.followthrough.audit`."""
    from .followthrough import audit as _audit

    return _audit(prev, next, encoder=encoder)


def audit_files(prev: str | Path, next: str | Path, *, encoder: Any = None) -> Audit:
    """Load two report files and audit PREV's plans against NEXT."""
    from ..pipeline import load

    return audit(load(prev), load(next), encoder=encoder)


def consecutive_pairs(keys: list[tuple[Any, str | None, int | None]]) -> list[tuple[Any, Any]]:
    """``(key, issuer, year)`` triples -> pairs of keys of one issuer in consecutive years."""
    by_issuer: dict[str, dict[int, Any]] = {}
    for key, issuer, year in keys:
        if issuer and year:
            by_issuer.setdefault(issuer, {}).setdefault(int(year), key)
    pairs = []
    for years in by_issuer.values():
        for y in sorted(years):
            if y + 1 in years:
                pairs.append((years[y], years[y + 1]))
    return pairs


def audit_corpus(folder: str | Path, *, encoder: Any = None) -> list[Audit]:
    """Audit every consecutive-year pair of the same issuer among the reports in ``folder``."""
    from ..errors import FzError
    from ..pipeline import load

    reports = {}
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.name.endswith(".json") or path.suffix.lower() not in (
            ".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps",
        ):  # fmt: skip
            continue
        try:
            rep = load(path)
        except FzError:
            continue
        reports[rep.id] = rep
    keys = [(rid, r.meta.issuer, r.meta.year_covered) for rid, r in reports.items()]
    return [audit(reports[a], reports[b], encoder=encoder) for a, b in consecutive_pairs(keys)]
