"""The store keeps everything: every field of every object survives extract → store → Corpus → JSON.

The reference is the JSON the extraction itself writes (``extract --output``); the same run also
fills a DuckDB store, and ``Corpus.from_store`` must give back, report by report, the same JSON
text (field by field, type by type: ``1370500`` stays an int, ``-1`` stays ``-1``, ``None`` stays
``None``), on the development set and the seed report, plus one near-miss document for the metadata only such documents fill
and a traditional-script copy of a development report (``duplicate_of``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from fzanalyzer import Corpus
from fzanalyzer.jobs import extract

from conftest import DATA, DEV, SEED

#: A news item about a report: fills ``doc_type`` and a region completed from the gazetteer.
NEAR_MISS = DATA / "nearmiss" / "news-meeting.txt"


def _diff(a: Any, b: Any, path: str = "") -> list[str]:
    """Every path where two JSON values differ (type included), for a readable failure."""
    if type(a) is not type(b):
        return [f"{path}: {a!r} → {b!r}"]
    if isinstance(a, dict):
        out = [f"{path}.{k}: missing after the round trip" for k in a if k not in b]
        out += [f"{path}.{k}: added by the round trip" for k in b if k not in a]
        for k in a:
            if k in b:
                out += _diff(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items → {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _diff(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} → {b!r}"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, cjk_font) -> tuple[dict[str, dict], Path]:
    import shutil

    from render import small_pdf

    tmp = tmp_path_factory.mktemp("roundtrip")
    db, out = tmp / "fz.duckdb", tmp / "out.jsonl"
    # the near-miss as `fzanalyzer fetch` leaves a file: with its provenance sidecar (source_url, fetched_at)
    fetched = tmp / "fetched" / NEAR_MISS.name
    fetched.parent.mkdir()
    shutil.copy(NEAR_MISS, fetched)
    sidecar = {
        "url": "https://gov.example/news/1.html",
        "final_url": "https://gov.example/news/1.html",
        "fetched_at": "2026-12-06T12:00:00+00:00",
    }
    fetched.with_name(fetched.name + ".fetch.json").write_text(json.dumps(sidecar), encoding="utf-8")
    # a PDF fills what only PDFs have (the page starts, for page numbers in audit evidence)
    pdf = small_pdf(tmp / "pdf" / "qinghe-2020.pdf") if (tmp / "pdf").mkdir() is None else None
    # a traditional-script copy of a development report: its duplicate_of names the original
    from fzanalyzer.bench.samples import render_traditional

    (tmp / "copies").mkdir()
    copy = tmp / "copies" / "tangxi-2021-trad.txt"
    copy.write_text(
        render_traditional((DEV / "tangxi-2021.txt").read_text(encoding="utf-8")), encoding="utf-8"
    )
    summary = extract([SEED, DEV, fetched, pdf, copy], output=str(out), store=db, workers=1, progress=False)
    assert summary.processed == 9 and not summary.failures
    assert summary.copies == {"tangxi-2021-trad": "tangxi-2021"}
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r for r in rows}, db


def test_every_field_of_every_object_survives_the_store(extracted):
    written, db = extracted
    back = {r.id: r.to_dict() for r in Corpus.from_store(db)}
    assert sorted(back) == sorted(written)
    diffs = [d for rid in written for d in _diff(written[rid], back[rid], rid)]
    # one entry per field (list positions folded), with one example of the change
    fields_changed = {re.sub(r"^[^.]*|\[\d+\]", "", d.split(":")[0]): d for d in diffs}
    assert not fields_changed, "fields changed by the store: " + "; ".join(
        f"{name} (e.g. {example})" for name, example in sorted(fields_changed.items())
    )
    for rid, d in written.items():
        assert json.dumps(back[rid], ensure_ascii=False) == json.dumps(d, ensure_ascii=False)


def test_the_round_trip_covers_every_field(extracted):
    """The development set exercises every field with a non-default value somewhere, so the
    round-trip test above cannot pass by only comparing defaults."""
    from dataclasses import fields

    from fzanalyzer.model import Indicator, Meta, Plan, Section

    written, _ = extracted
    reports = list(written.values())
    seen: dict[str, set[str]] = {"meta": set(), "sections": set(), "indicators": set(), "plans": set()}
    for r in reports:
        seen["meta"] |= {k for k, v in r["meta"].items() if v not in (None, [], "", -1)}
        for table in ("sections", "indicators", "plans"):
            for item in r[table]:
                seen[table] |= {k for k, v in item.items() if v not in (None, [], "", -1)}
    expected = {
        "meta": {f.name for f in fields(Meta)},
        "sections": {f.name for f in fields(Section)},
        "indicators": {f.name for f in fields(Indicator)},
        "plans": {f.name for f in fields(Plan)},
    }
    for table, names in expected.items():
        missing = names - seen[table]
        assert not missing, f"{table}: no report of the set fills {sorted(missing)}"
