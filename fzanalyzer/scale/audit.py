"""Corpus audit on a Dask cluster: one task per issuer, auditing its chain of consecutive years.

:func:`fzanalyzer.audit.audit_corpus` audits every consecutive-year pair of one issuer in turn.
Here the reports are read on the cluster (the one input reader,
:func:`fzanalyzer.inputs.read_reports`), the pairs are grouped by issuer, and each issuer's chain
(2019→2020, 2020→2021, …) is one task that receives that issuer's reports once — a report of a
middle year serves two pairs without being sent twice. The plan chains are then linked on the
client from the audits (a pass over verdicts, not over texts). The audits, their order and the
chains are those of ``audit_corpus`` (tested on a loopback cluster).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dask.distributed import Client

    from ..audit import CorpusAudit
    from ..audit.followthrough import Audit
    from ..model import Report


@cache
def _encoder(spec: str | None) -> Any:
    """The encoder of a name, built once per worker process (a neural encoder loads a model)."""
    from ..audit.encoders import get_encoder

    return get_encoder(spec)


def audit_chain(reports: dict[str, Report], pairs: list[tuple[str, str]], encoder: Any = None) -> list[Audit]:
    """The audits of one issuer's consecutive-year ``pairs`` (report ids), in order."""
    from ..audit import audit

    enc = _encoder(encoder) if encoder is None or isinstance(encoder, str) else encoder
    return [audit(reports[a], reports[b], encoder=enc) for a, b in pairs]


def issuer_chains(pairs: list[tuple[Report, Report]]) -> list[list[tuple[str, str]]]:
    """Consecutive-year report pairs (:meth:`fzanalyzer.corpus.Corpus.consecutive_pairs`, in its
    order) cut into one list of id pairs per issuer."""
    chains: dict[str | None, list[tuple[str, str]]] = {}
    for a, b in pairs:
        chains.setdefault(a.meta.issuer, []).append((a.id, b.id))
    return list(chains.values())


def audit_corpus_dask(
    source: str | Path, client: Client, *, encoder: Any = None, include_duplicates: bool = False
) -> CorpusAudit:
    """:func:`fzanalyzer.audit.audit_corpus` of ``source`` (a folder of reports or a DuckDB
    store) on a Dask cluster: the same audits, in the same order, the same chains and the same
    copies left out. Raises E094 when there is no consecutive-year pair."""
    from ..audit import CorpusAudit
    from ..audit.chains import plan_chains
    from ..corpus import Corpus
    from ..errors import FzError
    from ..inputs import read_reports

    src = Path(source)
    found, failures = read_reports([src], client=client)
    corpus = Corpus(found, failures)
    reports = {r.id: r for r in (corpus if include_duplicates else corpus.unique())}
    chains = issuer_chains(corpus.consecutive_pairs(include_duplicates=include_duplicates))
    if not chains:
        raise FzError.from_code("E094", path=str(src), detail=f"{len(reports)} reports")
    futures = [
        client.submit(
            audit_chain,
            {rid: reports[rid] for pair in chain for rid in pair},
            chain,
            encoder,
            pure=False,
        )
        for chain in chains
    ]
    audits = [a for part in client.gather(futures) for a in part]
    spans = {rid: {p.id: (p.start, p.end) for p in r.plans} for rid, r in reports.items()}
    left_out = {} if include_duplicates else corpus.duplicates()
    return CorpusAudit(audits, plan_chains(audits, spans), len(reports), left_out)
