"""Synthetic corpora for the scale bench: structure, determinism, planted reuse recovered."""

from __future__ import annotations

import unicodedata

import pytest

from fzanalyzer.reuse.passages import find_reuse
from fzanalyzer.reuse.synth import planted_recall, synth_corpus

from conftest import DEV, SEED


@pytest.fixture(scope="module")
def sources():
    return [
        unicodedata.normalize("NFKC", p.read_text(encoding="utf-8"))
        for p in [*sorted(DEV.glob("*.txt")), SEED]
    ]


def test_structure_and_determinism(sources):
    a = synth_corpus(sources, 31, seed=7)
    b = synth_corpus(sources, 31, seed=7)
    assert [r.text for r in a.reports] == [r.text for r in b.reports]
    assert len(a.reports) == 31
    assert len({r.id for r in a.reports}) == 31
    by_issuer: dict[str, list[int]] = {}
    for r in a.reports:
        by_issuer.setdefault(r.meta.issuer, []).append(r.meta.year_covered)
    assert len(by_issuer) == 11
    for years in by_issuer.values():
        assert years == list(range(years[0], years[0] + len(years)))  # consecutive years
    texts = {r.id: r.text for r in a.reports}
    for p in a.planted:
        assert p.text in texts[p.b]
    assert {p.kind for p in a.planted} >= {"same_issuer", "cross_issuer"}


def test_planted_reuse_is_found(sources):
    corpus = synth_corpus(sources, 45, seed=3, cross_rate=0.5)
    pairs = find_reuse(corpus.reports)
    recall = planted_recall(corpus, pairs)
    assert recall["same_issuer"] >= 0.9
    assert recall["cross_issuer"] >= 0.9
    # Issuers draw on the same source paragraphs, but through their own character
    # substitution: no long passage is shared by two issuers unless it was planted.
    issuer = {r.id: r.meta.issuer for r in corpus.reports}
    planted_issuers = {
        frozenset((issuer[p.a], issuer[p.b])) for p in corpus.planted if p.kind == "cross_issuer"
    }
    cross = [x for x in pairs if x.kind == "cross_issuer" and not x.boilerplate]
    assert cross
    for x in cross:
        # Planted between these two governments (directly, or carried into a later year).
        assert frozenset((issuer[x.a], issuer[x.b])) in planted_issuers
