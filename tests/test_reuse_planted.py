"""Cross-issuer reuse planted into another government's report; boilerplate shared by many issuers."""

from __future__ import annotations

import unicodedata

import pytest

from fzanalyzer.model import Meta, Report
from fzanalyzer.reuse.passages import find_reuse

from conftest import DEV, SEED


def _report(rid: str, text: str, issuer: str, year: int) -> Report:
    return Report(
        id=rid,
        source=f"<{rid}>",
        sha256="",
        format="txt",
        text=unicodedata.normalize("NFKC", text),
        meta=Meta(issuer=issuer, year_covered=year),
    )


def _read(path) -> str:
    return unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))


def _clause_in(text: str, s: int, e: int) -> tuple[int, int]:
    """The whole clauses inside ``text[s:e]``: from after its first clause end (unless it starts
    one) to its last clause end."""
    ends = "。！？；，、："
    lo = s if s == 0 or text[s - 1] in ends else next(i + 1 for i in range(s, e) if text[i] in ends)
    hi = e if text[e - 1] in ends else max(i + 1 for i in range(s, e) if text[i] in ends)
    return lo, hi


def _paragraphs(text: str, min_len: int) -> list[str]:
    return [p for p in text.split("\n") if len(p) >= min_len]


@pytest.fixture(scope="module")
def planted():
    """Three passages of a district's report copied into a city bureau's report, one of them with
    a number changed (near-verbatim)."""
    src = _read(DEV / "tangxi-2020.txt")
    host = _read(DEV / "chengchuan-2021.txt")
    pars = _paragraphs(src, 150)
    pieces = [pars[3][10:110], pars[8][:80], pars[12][20:180]]
    host_pars = host.split("\n")
    # Insert each piece as a sentence at the end of a paragraph of the host.
    targets = [i for i, p in enumerate(host_pars) if len(p) > 100][2:5]
    edited = list(pieces)
    # Near-verbatim: change one character (a digit if there is one) in the second piece.
    mid = len(edited[1]) // 2
    edited[1] = edited[1][:mid] + ("7" if edited[1][mid] != "7" else "8") + edited[1][mid + 1 :]
    for i, piece in zip(targets, edited, strict=True):
        host_pars[i] = host_pars[i] + piece
    a = _report("src-2020", src, "临澄市棠溪区人民政府", 2020)
    b = _report("host-2021", "\n".join(host_pars), "澄川市司法局", 2021)
    return a, b, pieces, edited


def test_planted_passages_found_cross_issuer(planted):
    a, b, pieces, edited = planted
    pairs = find_reuse([a, b])
    for original, copy in zip(pieces, edited, strict=True):
        s = b.text.find(copy)
        e = s + len(copy)
        hits = [p for p in pairs if min(e, p.b_end) > max(s, p.b_start)]
        assert hits, copy[:20]
        best = max(hits, key=lambda p: min(e, p.b_end) - max(s, p.b_start))
        assert best.kind == "cross_issuer"
        assert (best.a, best.b) == ("src-2020", "host-2021")
        # The copied span is found whole on both sides, up to the clause bounds it was cut at
        # (passages start and end on sentence or clause bounds, issue 12).
        assert (
            best.b_start <= _clause_in(b.text, s, e)[0] + 1 and best.b_end >= _clause_in(b.text, s, e)[1] - 1
        )
        a_s = a.text.find(original)
        a_e = a_s + len(original)
        assert best.a_start <= _clause_in(a.text, a_s, a_e)[0] + 1
        assert best.a_end >= _clause_in(a.text, a_s, a_e)[1] - 1
        assert best.b_text[-1] in "。！？；，、：" or best.b_end == e
        assert a.text[best.a_start : best.a_end] == best.a_text
    changed = [p for p in pairs if edited[1] in p.b_text or p.b_text in edited[1]]
    assert changed and all(p.similarity < 1.0 for p in changed)


def test_unrelated_reports_share_nothing(planted):
    a, _, _, _ = planted
    other = _report("seed", _read(SEED), "上海市静安区人民政府", 2019)
    pairs = find_reuse([a, other])
    # Different governments, different years, written independently: nothing long in common
    # beyond the genre's stock phrases, which are not 50 characters of copying.
    assert all(p.kind == "cross_issuer" for p in pairs)
    assert len(pairs) <= 2


BOILER = (
    "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面贯彻落实党中央、国务院关于"
    "法治政府建设的决策部署，按照《法治政府建设实施纲要（2021—2025年）》的要求，扎实推进依法行政，"
    "各项工作取得新的进展。"
)


@pytest.fixture(scope="module")
def boiler_corpus():
    """Eight governments' reports: disjoint pieces of one long real report, each carrying the
    same stock paragraph; report 3 also copies a passage of report 1."""
    pars = _paragraphs(_read(SEED), 40)
    chunks = [pars[i::8] for i in range(8)]
    reports = []
    for chunk in chunks:
        body = list(chunk)
        body.insert(len(body) // 2, BOILER)
        reports.append(body)
    copied = max(chunks[1], key=len)[:120]
    reports[3].insert(2, copied)
    out = [
        _report(f"gov{i}-2021", "\n".join(body), f"第{i}县人民政府", 2021) for i, body in enumerate(reports)
    ]
    return out, copied


def test_boilerplate_not_reported_by_default(boiler_corpus):
    reports, copied = boiler_corpus
    pairs = find_reuse(reports)
    boiler = unicodedata.normalize("NFKC", BOILER)
    assert not [p for p in pairs if boiler[20:60] in p.a_text or boiler[20:60] in p.b_text]
    # Real copying between two of them is still there.
    hits = [
        p for p in pairs if {p.a, p.b} == {"gov1-2021", "gov3-2021"} and copied[10:60] in p.b_text + p.a_text
    ]
    assert hits and not any(p.boilerplate for p in hits)


def test_boilerplate_on_request(boiler_corpus):
    reports, _ = boiler_corpus
    pairs = find_reuse(reports, include_boilerplate=True)
    boiler = unicodedata.normalize("NFKC", BOILER)
    stock = [p for p in pairs if boiler[20:60] in p.a_text and boiler[20:60] in p.b_text]
    assert len({(p.a, p.b) for p in stock}) == 8 * 7 // 2  # every pair of the eight
    assert all(p.boilerplate and p.boilerplate_share >= 0.5 for p in stock)


def test_same_government_copying_is_never_boilerplate():
    """A passage one government repeats every year is reuse, however many years it repeats."""
    text = _read(DEV / "tangxi-2021.txt")
    reports = [_report(f"t-{y}", text, "临澄市棠溪区人民政府", y) for y in range(2015, 2023)]
    pairs = find_reuse(reports)
    assert pairs and not any(p.boilerplate for p in pairs)
    assert all(p.kind == "same_issuer" for p in pairs)
