"""The indicator panel: one row per (issuer, year, indicator) across a corpus.

The same indicator is worded differently from year to year and between governments
(行政复议案件 / 行政复议申请 / 收到行政复议申请). Rows are linked to one canonical ``key`` in three
ways, recorded in ``link`` so a researcher can audit them: ``exact`` (same name), ``normalized``
(same name after dropping leading verbs, quotes and unifying head nouns, see ``data/panel.json``)
and ``similar`` (character-bigram Dice ≥ ``min_similarity``). Only indicators with the same
unit and the same kind (a level, or a change such as 同比上升21.8%) are ever linked, so a
percentage is never joined to a count.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..evaluate.gold import dice
from ..resources import load_json

if TYPE_CHECKING:
    import pandas as pd

    from ..model import Report

PANEL_COLUMNS = [
    "issuer",
    "year",
    "key",
    "unit",
    "kind",
    "value",
    "value_max",
    "qualifier",
    "period",
    "name",
    "link",
    "similarity",
    "primary",
    "report_id",
    "adcode",
    "level",
    "canonical",
    "start",
    "end",
    "text",
]


@cache
def _lexicon() -> dict[str, Any]:
    lex = dict(load_json("panel.json"))
    lex["leading_words"] = sorted(lex["leading_words"], key=len, reverse=True)
    lex["heads"] = {v: group[0] for group in lex["equivalent_heads"] for v in group}
    return lex


def normalize_name(name: str | None) -> str:
    """The comparable form of an indicator name.

    >>> normalize_name("收到行政复议申请")
    '行政复议申请'
    >>> normalize_name("全年共办理“一审行政应诉案件”")
    '一审行政诉讼案件'
    """
    lex = _lexicon()
    s = "".join(ch for ch in (name or "") if ch not in lex["strip_chars"])
    changed = True
    while changed:
        changed = False
        for w in lex["leading_words"]:
            if s.startswith(w) and len(s) > len(w) + 1:
                s, changed = s[len(w) :], True
    for variant in sorted(lex["heads"], key=len, reverse=True):
        if s.endswith(variant):
            s = s[: -len(variant)] + lex["heads"][variant]
            break
    return s


def indicator_rows(reports: Iterable[Report], include_targets: bool = False) -> list[dict[str, Any]]:
    """Flat indicator rows with the report's issuer/year and the part each was found in."""
    rows = []
    for r in reports:
        if not r.meta.is_report:
            continue
        for ind in r.indicators:
            part = r._part_of(r.section(ind.section))
            canonical = part.canonical if part else None
            if canonical == "next_year_plan" and not include_targets:
                continue
            if ind.value is None or not ind.name:
                continue
            rows.append(
                {
                    "issuer": r.meta.issuer or r.id,
                    "year": r.meta.year_covered,
                    "unit": ind.unit,
                    "kind": "change" if ind.change else "level",
                    "value": ind.value,
                    "value_max": ind.value_max,
                    "qualifier": ind.qualifier,
                    "period": ind.period,
                    "name": ind.name,
                    "report_id": r.id,
                    "adcode": r.meta.adcode,
                    "level": r.meta.level,
                    "canonical": canonical,
                    "start": ind.start,
                    "end": ind.end,
                    "text": ind.text,
                }
            )
    return rows


def link_names(rows: list[dict[str, Any]], min_similarity: float = 0.6) -> list[dict[str, Any]]:
    """Give each row a canonical ``key``, its ``link`` kind and ``similarity`` (in place).

    Names are clustered per (unit, kind), most frequent first. A name joins the most similar
    cluster unless that cluster already holds another name from one of the same reports: two
    different names in one report are two different indicators (收到 vs 受理 vs 审结 行政复议申请).
    """
    families: dict[tuple[Any, str], list[dict[str, Any]]] = {}
    for row in rows:
        row["norm"] = normalize_name(row["name"])
        families.setdefault((row["unit"], row["kind"]), []).append(row)
    for members in families.values():
        freq = Counter(r["norm"] for r in members)
        names = Counter(r["name"] for r in members)
        reports_of: dict[str, set[str]] = {}
        for r in members:
            reports_of.setdefault(r["norm"], set()).add(r["report_id"])
        clusters: dict[str, set[str]] = {}  # representative normalized name -> its reports
        assigned: dict[str, tuple[str, float]] = {}
        for norm, _n in sorted(freq.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
            ranked = sorted(((dice(norm, rep), rep) for rep in clusters), reverse=True)
            best = next(
                (
                    (sim, rep)
                    for sim, rep in ranked
                    if sim >= min_similarity and not clusters[rep] & reports_of[norm]
                ),
                None,
            )
            if best is not None:
                assigned[norm] = (best[1], best[0])
                clusters[best[1]] |= reports_of[norm]
            else:
                clusters[norm] = set(reports_of[norm])
                assigned[norm] = (norm, 1.0)
        rep_name = {
            key: max((r["name"] for r in members if r["norm"] == key), key=lambda x: (names[x], -len(x)))
            for key in clusters
        }
        for row in members:
            key, sim = assigned[row["norm"]]
            row["key"] = key
            row["similarity"] = round(sim, 3)
            if row["name"] == rep_name[key]:
                row["link"] = "exact"
            elif row["norm"] == key:
                row["link"] = "normalized"
            else:
                row["link"] = "similar"
    return rows


def panel(
    reports: Iterable[Report], *, min_similarity: float = 0.6, include_targets: bool = False
) -> pd.DataFrame:
    """Long panel: one row per indicator mention, with its canonical ``key``; ``primary`` marks
    the first mention of each (issuer, year, key, unit, kind) — the value a wide table uses."""
    import pandas as pd

    rows = link_names(indicator_rows(reports, include_targets), min_similarity)
    df = pd.DataFrame(rows, columns=[*PANEL_COLUMNS, "norm"]).drop(columns="norm")
    if df.empty:
        return df
    df = df.sort_values(["issuer", "year", "key", "report_id", "start"], kind="stable").reset_index(drop=True)
    df["primary"] = ~df.duplicated(["issuer", "year", "key", "unit", "kind"])
    df["year"] = df["year"].astype("Int64")
    return df


def panel_wide(long: pd.DataFrame, kind: str = "level") -> pd.DataFrame:
    """Wide table for plotting: rows (issuer, key, unit), one column per year, plus the
    year-over-year change of the last two years where both exist."""
    sub = long[(long["primary"]) & (long["kind"] == kind)]
    if sub.empty:
        import pandas as pd

        return pd.DataFrame()
    wide = sub.pivot_table(index=["issuer", "key", "unit"], columns="year", values="value", aggfunc="first")
    years = sorted(c for c in wide.columns)
    for a, b in itertools.pairwise(years):
        wide[f"change_{a}_{b}"] = (wide[b] - wide[a]) / wide[a].where(wide[a] != 0)
    return wide
