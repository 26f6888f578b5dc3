"""The real development set: web pages of published reports, scored without shipping their text.

``tests/data/real/manifest.jsonl`` holds one line per page — address, the search query that
returned it, its sha256, its split (``dev`` | ``holdout``) and the gold facts annotated by
reading it (``gold``, see gold-format.md) — but not the page text, which is not ours to copy.
A session rebuilds the texts (``tests/data/real/README.md``) into a folder and scores with
:func:`evaluate_real`. Pages that are missing or whose sha256 differs are listed, not fatal.

The toolkit's output is scored with the same functions as ``fzanalyzer eval``
(:mod:`fzanalyzer.evaluate.score`); beside it, a plain regular expression (a number followed by
a measure word or unit) is scored on the same pages, the baseline any rule must beat.

>>> [(i["value"], i["unit"]) for i in baseline_indicators("受理案件56件，结案率达97.5%，罚款1.2万元。")]
[(56, '件'), (97.5, '%'), (12000, '元')]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FzError, GoldError
from .score import META_FIELDS, Tally, score_headings, score_indicators, score_meta

if TYPE_CHECKING:
    from ..model import Report

SPLITS = ("dev", "holdout", "all")


@dataclass
class RealResult:
    """Figures of the toolkit and of the regex baseline, and what could not be scored."""

    tool: Tally = field(default_factory=Tally)
    baseline: Tally = field(default_factory=Tally)
    per_page: dict[str, Tally] = field(default_factory=dict)
    pages: int = 0
    reports: int = 0
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    #: ``id: reason`` of the pages the toolkit refused (scored as "not a report", nothing extracted)
    refused: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: (report_confidence, gold is_report) of every page scored
    confidences: list[tuple[float, bool]] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        out = real_figures(self.tool)
        if self.confidences:
            # Brier score of report_confidence as the probability that the page is a report
            # (0 is perfect; always answering 0.5 scores 0.25).
            out["is_report.brier"] = sum((c - g) ** 2 for c, g in self.confidences) / len(self.confidences)
        return out

    def baseline_figures(self) -> dict[str, float]:
        return {k: v for k, v in real_figures(self.baseline).items() if k.startswith("indicators")}

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "reports": self.reports,
            "tool": self.figures(),
            "baseline": self.baseline_figures(),
            "missing": self.missing,
            "mismatched": self.mismatched,
            "refused": self.refused,
            "per_page": {k: real_figures(v) for k, v in self.per_page.items()},
            "notes": self.notes,
        }


def real_figures(t: Tally) -> dict[str, float]:
    """The Tally's figures plus ``meta.all`` (every metadata field pooled)."""
    out = dict(t.figures())
    hit = sum(t.meta[f].hit for f in META_FIELDS)
    total = sum(t.meta[f].total for f in META_FIELDS)
    if total:
        out["meta.all"] = hit / total
    return {k: v for k, v in out.items() if v is not None}  # type: ignore[misc]


def load_manifest(real_dir: str | Path) -> list[dict[str, Any]]:
    """The manifest's entries (``real_dir/manifest.jsonl`` or the file itself)."""
    p = Path(real_dir)
    if p.is_dir():
        p = p / "manifest.jsonl"
    out = []
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError.from_code("E060", path=p, detail=str(exc)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError.from_code("E060", path=p, detail=f"line {n}: {exc}") from exc
        if not isinstance(entry, dict) or "id" not in entry or "gold" not in entry:
            raise GoldError.from_code("E060", path=p, detail=f"line {n}: needs 'id' and 'gold'")
        out.append(entry)
    return out


def find_page(entry: dict[str, Any], pages: Iterable[str | Path]) -> tuple[Path | None, str]:
    """``(path, "ok")``, ``(path, "mismatch")`` (sha256 differs) or ``(None, "missing")``."""
    found = None
    for d in pages:
        cand = Path(d) / f"{entry['id']}.txt"
        if cand.is_file():
            if hashlib.sha256(cand.read_bytes()).hexdigest() == entry.get("sha256"):
                return cand, "ok"
            found = cand
    return (found, "mismatch") if found else (None, "missing")


def half(page_id: str) -> str:
    """``"A"`` or ``"B"``: the halves of the dev split by the parity of the id's sha1, on which a rule
    made on one half's misses is checked on the other (docs/codebook.md)."""
    return "A" if int(hashlib.sha1(page_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def dev_pages(
    real_dir: str | Path, pages: Iterable[str | Path]
) -> Iterator[tuple[dict[str, Any], Path, str]]:
    """``(entry, path, text)`` of every dev page whose rebuilt text matches its sha256 (holdout pages
    are never read here: they are scored once, by ``eval-real --split holdout``)."""
    folders = list(pages)
    for entry in load_manifest(real_dir):
        if entry.get("split") != "dev":
            continue
        path, status = find_page(entry, folders)
        if status == "ok" and path is not None:
            yield entry, path, path.read_text(encoding="utf-8")


def dev_set_parser(description: str, real_dir: Path) -> argparse.ArgumentParser:
    """The command line the dev-set scripts (``scripts/*_halves.py``, ``real_stress.py``) share:
    ``--pages`` (the rebuilt page texts) and ``--real`` (the manifest's folder, ``real_dir`` by
    default); each script adds its own options."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--pages", type=Path, required=True, help="folder of the rebuilt page texts")
    ap.add_argument("--real", type=Path, default=real_dir, help="folder of the real set's manifest")
    return ap


def dev_reports(
    real_dir: str | Path, pages: Iterable[str | Path]
) -> Iterator[tuple[dict[str, Any], dict[str, Any], Report]]:
    """``(entry, gold, report)`` of every dev page whose gold says it is a report, analysed: the
    pages on which the halves scripts (``scripts/*_halves.py``) count indicators, as ``eval-real``
    scores them (on report pages only)."""
    from ..pipeline import analyze_file

    for entry, path, text in dev_pages(real_dir, pages):
        gold = real_gold(entry, text)
        if gold.get("is_report"):
            yield entry, gold, analyze_file(path, id=entry["id"])


def real_gold(entry: dict[str, Any], text: str) -> dict[str, Any]:
    """Gold as :mod:`~fzanalyzer.evaluate.score` reads it: the issuer only where the page names
    it, strings in simplified script when the page is traditional (as the normalized text is),
    title and issuer without pinyin glosses (as metadata is read)."""
    from .gold import gold_to_simplified

    gold = dict(entry["gold"])
    if not gold.get("issuer_named", gold.get("issuer") is not None):
        gold.pop("issuer", None)
    from ..normalize.steps import to_simplified

    if to_simplified(text) != text:
        gold = gold_to_simplified(gold)
    from ..normalize.steps import strip_glosses

    # A title copied with the readings its site glossed it with (关(guān)于…) is compared without
    # them, as metadata is read.
    for k in ("title", "issuer"):
        if isinstance(gold.get(k), str):
            gold[k] = strip_glosses(gold[k])
    return gold


def evaluate_real(
    real_dir: str | Path,
    pages: Iterable[str | Path],
    *,
    split: str = "dev",
    annotators: Iterable[str] | None = None,
) -> RealResult:
    """Score the toolkit (and the regex baseline) on the pages of ``split`` found in ``pages``
    (only the pages these ``annotators`` wrote, when given: a batch scored on its own, as when it
    was new and nobody had studied it).

    is_report is scored on every page; metadata, headings and indicators on the pages whose gold
    says they are reports (a near-miss has no gold outline: what the toolkit extracts from one is
    filtered by ``is_report``, the user's choice).
    """
    from ..pipeline import analyze_file

    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    pages = list(pages)
    wanted = None if annotators is None else set(annotators)
    res = RealResult()
    for entry in load_manifest(real_dir):
        if split != "all" and entry.get("split") != split:
            continue
        if wanted is not None and entry.get("annotator") not in wanted:
            continue
        path, status = find_page(entry, pages)
        if status == "missing":
            res.missing.append(entry["id"])
            continue
        if status == "mismatch" or path is None:
            res.mismatched.append(entry["id"])
            continue
        text = path.read_text(encoding="utf-8")
        gold = real_gold(entry, text)
        try:
            pred = analyze_file(path, id=entry["id"]).to_dict()
        except FzError as exc:
            # A refused page is scored as the toolkit left it: no report, nothing extracted.
            res.refused.append(f"{entry['id']}: {exc}")
            pred = {"meta": {"is_report": False, "report_confidence": 0.0}, "text": text}
        t, b = Tally(), Tally()
        t.is_report.add(bool(pred["meta"].get("is_report")) == bool(gold.get("is_report")))
        res.confidences.append(
            (float(pred["meta"].get("report_confidence") or 0.0), bool(gold.get("is_report")))
        )
        res.pages += 1
        if gold.get("is_report"):
            res.reports += 1
            score_meta(gold, pred, t)
            score_headings(gold, pred, t)
            score_indicators(gold, pred, t)
            score_indicators(gold, {"indicators": baseline_indicators(pred["text"])}, b)
        res.per_page[entry["id"]] = t
        res.tool.add(t)
        res.baseline.add(b)
    if res.missing:
        res.notes.append(f"{len(res.missing)} page(s) missing: rebuild them (tests/data/real/README.md)")
    if res.mismatched:
        res.notes.append(f"{len(res.mismatched)} page(s) differ from the recorded sha256: not scored")
    if res.refused:
        res.notes.append(f"{len(res.refused)} page(s) refused by the toolkit: scored as not reports")
    return res


# -- the plain regex baseline ---------------------------------------------------------------------
@cache
def _baseline_regex() -> re.Pattern[str]:
    from ..extract.lexicon import unit_pattern

    return re.compile(rf"(\d+(?:,\d{{3}})*(?:\.\d+)?)([万亿]?)({unit_pattern()})")


def baseline_indicators(text: str) -> list[dict[str, Any]]:
    """Every Arabic number followed by a unit of ``data/units.tsv``, nothing else: no exclusions,
    no names, periods or qualifiers. Values are scaled (万, 亿, money to 元) as gold records them."""
    from ..extract.lexicon import units

    out = []
    table = units()
    for m in _baseline_regex().finditer(text):
        num, mult, surface = m.groups()
        u = table[surface]
        value = float(num.replace(",", "")) * u.factor * {"": 1, "万": 10**4, "亿": 10**8}[mult]
        s = max(text.rfind(c, 0, m.start()) for c in "。；;\n") + 1
        e = min([i for i in (text.find(c, m.end()) for c in "。；;\n") if i >= 0] or [len(text)])
        out.append(
            {
                "text": m.group(0),
                "value": int(value) if value == int(value) else value,
                "unit": u.unit,
                "sentence": text[s:e],
                "start": m.start(),
                "end": m.end(),
            }
        )
    return out
