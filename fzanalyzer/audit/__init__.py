"""Comparisons between reports: plan follow-through audits (and, from other modules, reuse and panels).

>>> from fzanalyzer.audit import consecutive_pairs
>>> consecutive_pairs([("a", "X区", 2020), ("b", "X区", 2021), ("c", "Y市", 2021), ("d", "X区", 2023)])
[('a', 'b')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .followthrough import Audit

__all__ = ["CorpusAudit", "audit", "audit_corpus", "audit_files", "consecutive_pairs"]


def audit(prev: Any, next: Any, *, encoder: Any = None, allow_mismatch: bool = False) -> Audit:
    """See :func:`fzanalyzer.audit.followthrough.audit`."""
    from .followthrough import audit as _audit

    return _audit(prev, next, encoder=encoder, allow_mismatch=allow_mismatch)


def audit_files(
    prev: str | Path, next: str | Path, *, encoder: Any = None, allow_mismatch: bool = False
) -> Audit:
    """Load two report files and audit PREV's plans against NEXT (same issuer, consecutive years
    unless ``allow_mismatch``)."""
    from ..pipeline import load

    return audit(load(prev), load(next), encoder=encoder, allow_mismatch=allow_mismatch)


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


@dataclass
class CorpusAudit:
    """Every consecutive-year audit of a corpus, and the plan chains across them."""

    audits: list[Audit]
    chains: list[dict[str, Any]] = field(default_factory=list)
    reports: int = 0
    copies_left_out: dict[str, str] = field(default_factory=dict)  # copy id -> id of the report kept


def audit_corpus(source: str | Path, *, encoder: Any = None, include_duplicates: bool = False) -> CorpusAudit:
    """Audit every consecutive-year pair of the same issuer among the reports of ``source``: a
    folder of report files or a DuckDB store written by ``fzanalyzer extract --store``. Copies of
    one report (:mod:`fzanalyzer.reuse.duplicates`) are left out unless ``include_duplicates``.
    Raises E094 when there is no such pair."""
    from ..corpus import Corpus
    from ..errors import FzError
    from .chains import plan_chains
    from .encoders import get_encoder

    src = Path(source)
    corpus = Corpus.from_dir(src) if src.is_dir() else Corpus.from_store(src)
    reports = {r.id: r for r in (corpus if include_duplicates else corpus.unique())}
    pairs = corpus.consecutive_pairs(include_duplicates=include_duplicates)
    if not pairs:
        raise FzError.from_code("E094", path=str(src), detail=f"{len(reports)} reports")
    enc = get_encoder(encoder)
    audits = [audit(a, b, encoder=enc) for a, b in pairs]
    spans = {rid: {p.id: (p.start, p.end) for p in r.plans} for rid, r in reports.items()}
    left_out = {} if include_duplicates else corpus.duplicates()
    return CorpusAudit(audits, plan_chains(audits, spans), len(reports), left_out)
