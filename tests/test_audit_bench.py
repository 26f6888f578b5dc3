"""The audit bench finds the annotated pairs of the source tree and times the audit against bare retrieval."""

from __future__ import annotations

import pytest

from fzanalyzer.bench import audit as audit_bench


def test_bench_pairs_are_one_issuer_in_consecutive_years():
    pairs = audit_bench.load_pairs(quick=True)
    assert len(pairs) == 2
    for prev, nxt in pairs:
        assert prev.plans, prev.meta.title
        assert nxt.meta.year_covered == prev.meta.year_covered + 1
        assert nxt.meta.issuer == prev.meta.issuer


def test_bare_retrieval_ranks_every_plan_of_the_pairs():
    pairs = audit_bench.load_pairs(quick=True)
    assert audit_bench.bare_retrieval(pairs) == sum(len(prev.plans) for prev, _ in pairs)


@pytest.mark.slow
def test_quick_audit_bench_gives_one_verdict_per_plan_and_a_ratio():
    rows = audit_bench.run(quick=True)
    offline = rows[0]
    assert offline.name.startswith("audit, offline")
    assert offline.baseline_seconds and offline.ratio is not None and offline.peak_mb
    assert offline.note == f"{offline.items} verdicts"
