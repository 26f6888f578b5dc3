"""Synthetic corpora for measuring reuse detection at scale.

A few real reports are not enough to see how the cost of :func:`~fzanalyzer.reuse.passages.find_reuse`
grows with the number of reports, so this module builds corpora of any size by recombining and
perturbing their paragraphs, with the structure real corpora have:

* **issuers**, each reporting several consecutive years. An issuer's text is the source
  paragraphs passed through its own character substitution (a fixed random mapping of a share of
  the characters) with its own numbers, so two issuers drawing on the same source paragraph do
  not share long passages, while the character statistics stay those of the genre;
* **same-issuer reuse**: each year keeps a share of the previous year's paragraphs, perturbed the
  way reports are edited (numbers changed, a clause dropped or added);
* **cross-issuer reuse**: now and then a report copies a passage verbatim from another issuer;
* **boilerplate**: a few stock paragraphs, unaltered, appear in a large share of all reports.

What was planted is recorded in :attr:`SynthCorpus.planted` so that recall can be measured.

>>> from fzanalyzer.model import Report
>>> src = Report(id="s", source="", sha256="", format="txt",
...              text="全年办理行政复议案件120件，同比上升8%，行政复议决定纠错率为12%。\\n"
...                   "坚持依法行政，推进政务公开，全年主动公开政府信息3000余条。")
>>> corpus = synth_corpus([src], 6, seed=1)
>>> len(corpus.reports), len({r.meta.issuer for r in corpus.reports})
(6, 2)
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Meta, Report

if TYPE_CHECKING:
    from collections.abc import Sequence

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE = re.compile(r"[^，,；;。]+[，,；;。]?")
_DIGITS = re.compile(r"\d+")


@dataclass
class Planted:
    """A passage deliberately copied from report ``a`` into report ``b``."""

    a: str
    b: str
    text: str
    kind: str  # same_issuer | cross_issuer | boilerplate


@dataclass
class SynthCorpus:
    reports: list[Report]
    planted: list[Planted] = field(default_factory=list)


def _paragraphs(sources: Sequence[Report | str], min_len: int = 30) -> list[str]:
    out: list[str] = []
    for s in sources:
        text = s.text if isinstance(s, Report) else s
        out.extend(p.strip() for p in text.split("\n") if len(p.strip()) >= min_len)
    return out


def _cipher(vocab: list[str], rng: random.Random, share: float) -> dict[int, str]:
    keys = [c for c in vocab if rng.random() < share]
    values = [rng.choice(vocab) for _ in keys]
    return {ord(k): v for k, v in zip(keys, values, strict=True)}


def _fresh(par: str, cipher: dict[int, str], rng: random.Random) -> str:
    """A source paragraph in an issuer's own words and numbers."""
    return _DIGITS.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), par.translate(cipher))


def _perturb(par: str, rng: random.Random, extra: str) -> str:
    """Edit a paragraph the way next year's report edits last year's."""
    par = _DIGITS.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), par)
    clauses = _CLAUSE.findall(par)
    if len(clauses) > 3 and rng.random() < 0.3:
        del clauses[rng.randrange(1, len(clauses) - 1)]
    if rng.random() < 0.3:
        add = _CLAUSE.findall(extra)
        if add:
            clauses.insert(rng.randrange(0, len(clauses) + 1), rng.choice(add))
    return "".join(clauses)


def synth_corpus(
    sources: Sequence[Report | str],
    n: int,
    *,
    seed: int = 0,
    years: int = 3,
    paragraphs: tuple[int, int] = (30, 70),
    keep: tuple[float, float] = (0.3, 0.7),
    cipher_share: float = 0.4,
    cross_rate: float = 0.15,
    boilerplate_rate: float = 0.5,
    boilerplate_paragraphs: int = 3,
) -> SynthCorpus:
    """``n`` synthetic reports from the paragraphs of ``sources`` (reports or texts).

    Parameters
    ----------
    years : reports per issuer (consecutive years).
    paragraphs : range of the number of paragraphs per report.
    keep : range of the share of last year's paragraphs an issuer keeps.
    cipher_share : share of characters an issuer's substitution changes.
    cross_rate : chance that a report copies a passage from another issuer.
    boilerplate_rate : chance that a report carries each stock paragraph.
    """
    rng = random.Random(seed)
    pool = _paragraphs(sources)
    if not pool:
        from ..errors import FzError

        raise FzError.from_code(
            "E090", detail="synth_corpus needs source texts with paragraphs of 30 characters or more"
        )
    vocab = sorted({c for p in pool for c in _CJK.findall(p)})
    boiler = [rng.choice(pool) for _ in range(boilerplate_paragraphs)]
    stock = set(boiler)
    reports: list[Report] = []
    planted: list[Planted] = []
    n_issuers = -(-n // years)
    for i in range(n_issuers):
        cipher = _cipher(vocab, rng, cipher_share)
        issuer = f"合成第{i + 1}区人民政府"
        prev: list[str] = []
        prev_id = None
        start_year = rng.randint(2015, 2020)
        for y in range(years):
            if len(reports) >= n:
                break
            year = start_year + y
            rid = f"synth{i + 1:05d}-{year}"
            size = rng.randint(*paragraphs)
            body: list[str] = []
            if prev:
                share = rng.uniform(*keep)
                kept = [p for p in prev if rng.random() < share]
                for p in kept:
                    new = _perturb(p, rng, rng.choice(pool).translate(cipher))
                    body.append(new)
                    kind = "same_issuer"
                    if p in stock:  # an edited stock paragraph stays boilerplate
                        stock.add(new)
                        kind = "boilerplate"
                    planted.append(Planted(prev_id or "", rid, new, kind))
            while len(body) < size:
                body.insert(rng.randrange(0, len(body) + 1), _fresh(rng.choice(pool), cipher, rng))
            if reports and rng.random() < cross_rate:
                other = rng.choice(reports)
                if other.meta.issuer != issuer:
                    pars = [p for p in other.text.split("\n") if len(p) >= 60]
                    if pars:
                        src = rng.choice(pars)
                        s0 = rng.randrange(0, max(1, len(src) - 60))
                        piece = src[s0 : s0 + rng.randint(60, 200)]
                        body.insert(rng.randrange(0, len(body) + 1), piece)
                        kind = "boilerplate" if src in stock else "cross_issuer"
                        planted.append(Planted(other.id, rid, piece, kind))
            for b in boiler:
                if rng.random() < boilerplate_rate:
                    body.insert(rng.randrange(0, len(body) + 1), b)
            title = f"{issuer}关于{year}年度法治政府建设工作情况的报告"
            text = "\n".join([title, *body])
            reports.append(
                Report(
                    id=rid,
                    source=f"<synth:{seed}:{rid}>",
                    sha256="",
                    format="txt",
                    text=text,
                    meta=Meta(title=title, issuer=issuer, year_covered=year, level="district_county"),
                )
            )
            prev, prev_id = body, rid
    return SynthCorpus(reports=reports, planted=planted)


def planted_recall(corpus: SynthCorpus, pairs: list, *, min_len: int = 60) -> dict[str, float]:
    """Share of planted passages (of at least ``min_len`` characters) of each kind that a
    reuse pair between the same two reports covers at least half of, on the copying side."""
    return recall_of(planted_spans(corpus, min_len=min_len), pairs)


def planted_spans(corpus: SynthCorpus, *, min_len: int = 60) -> list[tuple[str, str, str, int, int]]:
    """Where each planted passage (of at least ``min_len`` characters) sits in the copying report:
    ``(a, b, kind, start, end)`` (enough to score recall once the texts are gone)."""
    texts = {r.id: r.text for r in corpus.reports}
    out = []
    for p in corpus.planted:
        if len(p.text) < min_len:
            continue
        start = texts[p.b].find(p.text)
        if start >= 0:
            out.append((p.a, p.b, p.kind, start, start + len(p.text)))
    return out


def recall_of(planted: list[tuple[str, str, str, int, int]], pairs: list) -> dict[str, float]:
    """Recall per kind of :func:`planted_spans` among reuse ``pairs``."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for x in pairs:
        spans.setdefault((x.a, x.b), []).append((x.b_start, x.b_end))
        spans.setdefault((x.b, x.a), []).append((x.a_start, x.a_end))
    found: dict[str, list[bool]] = {}
    for a, b, kind, start, end in planted:
        cover = max((max(0, min(end, e) - max(start, s)) for s, e in spans.get((a, b), [])), default=0)
        found.setdefault(kind, []).append(cover >= (end - start) / 2)
    return {k: sum(v) / len(v) for k, v in found.items() if v}
