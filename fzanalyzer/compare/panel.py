"""The indicator panel: one row per (issuer, year, indicator) across a corpus.

Rows are keyed by the indicator's codebook ``code`` (``data/codebook.json``; ``link`` is ``code``):
行政复议案件 / 行政复议申请 / 收到行政复议申请 are all ``review.received``, whoever wrote them and
whichever came first. Only a code joins two issuers, because only a code has a definition. An
indicator the codebook does not cover is keyed by its name within its issuer (``name@issuer``),
linked across that issuer's years in ways recorded in ``link`` so a researcher can audit them:
``exact`` (same name), ``normalized`` (same name after dropping leading words such as 全年共,
quotes, and unifying head nouns that name one count, see ``data/panel.json``) and, only when asked
for, ``similar`` (character-bigram Dice ≥ ``min_similarity``). A key is never shared across units
or kinds: a percentage is never joined to a count, and a level, a change (同比上升21.8%) and a
target (the plan part's 不少于300人次) are kept apart in ``kind``. Copies of one report
(:mod:`fzanalyzer.reuse.duplicates`) are left out unless ``include_duplicates``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..resources import load_json
from ..spans import dice

if TYPE_CHECKING:
    import pandas as pd

    from ..model import Report

#: Qualifiers that mark a figure as a total of the measure, preferred as the primary value.
TOTAL_QUALIFIERS = ("共", "共计", "合计", "累计", "总计")

PANEL_COLUMNS = [
    "issuer",
    "year",
    "key",
    "code",
    "label",
    "unit",
    "kind",
    "value",
    "value_max",
    "qualifier",
    "period",
    "name",
    "link",
    "similarity",
    "code_confidence",
    "primary",
    "n_mentions",
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


def acts_of(name: str | None) -> frozenset[str]:
    """The act and stage words of a wording (``act_words`` of ``data/panel.json``).

    >>> sorted(acts_of("全年依法受理行政复议申请")), sorted(acts_of("行政复议申请"))
    (['受理'], [])
    """
    return frozenset(w for w in _lexicon()["act_words"] if w in (name or ""))


def indicator_kind(change: str | None, canonical: str | None) -> str:
    """``target`` in the next-year plan part, ``change`` for a change (同比上升…), else ``level``."""
    if canonical == "next_year_plan":
        return "target"
    return "change" if change else "level"


def indicator_rows(reports: Iterable[Report], include_targets: bool = False) -> list[dict[str, Any]]:
    """Flat indicator rows with the report's issuer/year, the part each was found in and its
    codebook code (computed here for reports stored before codes existed)."""
    from ..extract.codebook import code_of, entry

    rows = []
    for r in reports:
        if not r.meta.is_report:
            continue
        for ind in r.indicators:
            part = r.part_of(r.section(ind.section))
            canonical = part.canonical if part else None
            if canonical == "next_year_plan" and not include_targets:
                continue
            if ind.value is None or not (ind.name or ind.code):
                continue
            code, conf = ind.code, ind.code_confidence
            if code is None and conf is None:
                code, conf = code_of(ind.name, ind.unit, ind.change)
            rows.append(
                {
                    "issuer": r.meta.issuer or r.id,
                    "year": r.meta.year_covered,
                    "code": code,
                    "label": entry(code).label if code else None,
                    "code_confidence": conf,
                    "unit": ind.unit,
                    "kind": indicator_kind(ind.change, canonical),
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


def link_names(rows: list[dict[str, Any]], min_similarity: float | None = None) -> list[dict[str, Any]]:
    """Give each row a ``key`` that only ever joins one issuer's years, its ``link`` kind and
    ``similarity`` (in place).

    A name is no definition: the same words count different things in two reports (涉及…领域事项
    is 126 enforcement powers handed to towns in one district's report and 8 major decisions in a
    city's), so only a codebook code joins issuers, and a name key carries its issuer
    (``行政复议申请@某区人民政府``). Within one issuer and one (unit, kind), names are linked when
    they are the same after :func:`normalize_name`. Character-similar names (bigram Dice ≥
    ``min_similarity``) are linked only when asked for, and never two names of one report:
    培训执法人员 and 出动执法人员, 受理 and 不予受理行政复议申请 are as alike as two wordings of one
    measure, so similarity is for exploring, never the default.

    >>> rows = [{"name": n, "unit": "人次", "kind": "level", "issuer": i, "report_id": r}
    ...         for n, i, r in [("培训执法人员", "甲区", "a"), ("出动执法人员", "甲区", "b"),
    ...                         ("出动执法人员", "乙县", "c")]]
    >>> [r["key"] for r in link_names(rows)]
    ['培训执法人员@甲区', '出动执法人员@甲区', '出动执法人员@乙县']
    """
    families: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        row["norm"] = normalize_name(row["name"])
        families.setdefault((row["issuer"], row["unit"], row["kind"]), []).append(row)
    for (issuer, _unit, _kind), members in families.items():
        freq = Counter(r["norm"] for r in members)
        names = Counter(r["name"] for r in members)
        reports_of: dict[str, set[str]] = {}
        for r in members:
            reports_of.setdefault(r["norm"], set()).add(r["report_id"])
        clusters: dict[str, set[str]] = {}  # representative normalized name -> its reports
        assigned: dict[str, tuple[str, float]] = {}
        for norm, _n in sorted(freq.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
            best = None
            if min_similarity is not None:
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
            row["key"] = f"{key}@{issuer}"
            row["similarity"] = round(sim, 3)
            if row["name"] == rep_name[key]:
                row["link"] = "exact"
            elif row["norm"] == key:
                row["link"] = "normalized"
            else:
                row["link"] = "similar"
    return rows


def panel(
    reports: Iterable[Report],
    *,
    min_similarity: float | None = None,
    include_targets: bool = False,
    include_duplicates: bool = False,
    by: str = "code",
) -> pd.DataFrame:
    """Long panel: one row per indicator mention, with its ``key`` (the codebook code, else the
    name linked within its issuer, :func:`link_names`; ``by="name"`` links every row by name, as
    before codes existed). ``primary``
    marks one mention of each (issuer, year, key, unit, kind) — the most confident, then a total
    (共/合计/累计) before its parts, then the first — the value a wide table uses; ``n_mentions``
    says how many there were."""
    import pandas as pd

    from ..reuse.duplicates import without_duplicates

    reps = list(reports) if include_duplicates else without_duplicates(reports)
    rows = indicator_rows(reps, include_targets)
    if by not in ("code", "name"):
        raise ValueError(f"by must be 'code' or 'name', not {by!r}")
    from ..extract.codebook import joins_issuers

    # a topic code of the codebook's back-off layer (enforcement.other …) is no measure: keyed by name
    coded = [r for r in rows if by == "code" and joins_issuers(r["code"])]
    for r in coded:
        r.update(key=r["code"], link="code", similarity=1.0)
    named = [r for r in rows if not (by == "code" and joins_issuers(r["code"])) and r["name"]]
    link_names(named, min_similarity)
    df = pd.DataFrame(coded + named, columns=[*PANEL_COLUMNS, "norm"]).drop(columns="norm")
    if df.empty:
        return df
    group = ["issuer", "year", "key", "unit", "kind"]
    df["_conf"] = -df["code_confidence"].fillna(0.0)
    # a total (共/合计/累计 …, 合计罚没款) is the primary value before its parts (食品安全罚没款)
    df["_part"] = ~(
        df["qualifier"].isin(TOTAL_QUALIFIERS) | df["name"].fillna("").str.contains("合计|总计|总数")
    )
    df = df.sort_values([*group[:3], "_conf", "_part", "report_id", "start"], kind="stable").reset_index(
        drop=True
    )
    df["primary"] = ~df.duplicated(group)
    df["n_mentions"] = df.groupby(group, dropna=False)["value"].transform("size")
    df = df.drop(columns=["_conf", "_part"])
    df["year"] = df["year"].astype("Int64")
    return df


def cross_issuer(
    long: pd.DataFrame, code: str, *, year: int | None = None, kind: str = "level"
) -> pd.DataFrame:
    """One measure across issuers (e.g. 出庭应诉率 of every district of a city): one row per issuer
    and year with the value, and ``flags`` where the definitions may differ — ``unit`` (another
    measure word than most issuers), ``wording`` (the report words it otherwise than most),
    ``period`` (not the whole year: 1-11月, 截至…), ``several`` (the report gives more than one
    figure of this code; the first is shown), ``context`` (coded from its clause, not its name),
    ``act`` (the wording names another act or stage than most issuers' — 受理 where most say 收到,
    宣布失效 where most say 废止: see ``act_words`` in ``data/panel.json``)."""
    from collections import Counter

    sub = long[(long["key"] == code) & (long["kind"] == kind) & long["primary"]]
    if year is not None:
        sub = sub[sub["year"] == year]
    cols = ["issuer", "year", "value", "unit", "name", "period", "qualifier", "n_mentions", "report_id"]
    sub = sub[[*cols, "code_confidence"]].copy()
    if sub.empty:
        return sub.assign(flags="")[[*cols, "flags"]]
    unit_mode = Counter(sub["unit"]).most_common(1)[0][0]
    norms = sub["name"].map(normalize_name)
    norm_mode = Counter(norms).most_common(1)[0][0]
    acts = sub["name"].map(acts_of)
    act_mode = Counter(acts).most_common(1)[0][0]
    partial = sub["period"].fillna("").str.contains(r"\d{1,2}\s*[-—–~至]\s*\d{1,2}月|截至|上半年|季度|以来")

    def flags(i: Any) -> str:
        out = []
        if sub.at[i, "unit"] != unit_mode:
            out.append("unit")
        if dice(norms[i], norm_mode) < 0.5:
            out.append("wording")
        if partial[i]:
            out.append("period")
        if sub.at[i, "n_mentions"] > 1:
            out.append("several")
        if (sub.at[i, "code_confidence"] or 0) < 0.9:
            out.append("context")
        if acts[i] != act_mode:
            out.append("act")
        return ";".join(out)

    sub["flags"] = [flags(i) for i in sub.index]
    return sub[[*cols, "flags"]].sort_values(["year", "issuer"]).reset_index(drop=True)


def cross_issuer_keys(long: pd.DataFrame, min_issuers: int = 2) -> pd.DataFrame:
    """Every (key, unit, kind) that two issuers or more report, with the distinct wordings it
    joins: what a reader checks to see that one key is one measure (``scripts/panel_check.py``).
    ``wordings`` lists ``issuer：name`` once each, primary mentions first; ``examples`` one clause
    per wording (the indicator's text in its sentence).

    >>> from fzanalyzer import analyze_text
    >>> reps = [analyze_text(f"关于{y}年度法治政府建设情况的报告\\n一、主要举措和成效\\n调解成功率{v}%。", id=i)
    ...         for y, v, i in [(2020, 98.1, "a"), (2021, 97.5, "b")]]
    >>> reps[0].meta.issuer, reps[1].meta.issuer = "甲区人民政府", "乙县人民政府"
    >>> cross_issuer_keys(panel(reps))[["key", "unit", "n_issuers", "wordings"]].to_dict("records")
    [{'key': 'mediation.success_rate', 'unit': '%', 'n_issuers': 2, 'wordings': '乙县人民政府：调解成功率 | 甲区人民政府：调解成功率'}]
    """
    import pandas as pd

    cols = ["key", "unit", "kind", "n_issuers", "issuers", "wordings", "examples"]
    if long.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    ordered = long.sort_values(["primary", "issuer", "year"], ascending=[False, True, True], kind="stable")
    for (key, unit, kind), sub in ordered.groupby(["key", "unit", "kind"], sort=True, dropna=False):
        issuers = sorted(set(sub["issuer"]))
        if len(issuers) < min_issuers:
            continue
        seen: dict[str, str] = {}
        for r in sub.itertuples():
            wording = f"{r.issuer}：{r.name}"
            seen.setdefault(wording, r.text)
        rows.append(
            {
                "key": key,
                "unit": unit,
                "kind": kind,
                "n_issuers": len(issuers),
                "issuers": " | ".join(issuers),
                "wordings": " | ".join(seen),
                "examples": " | ".join(seen.values()),
            }
        )
    return pd.DataFrame(rows, columns=cols)


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


#: Chinese labels of the panel's columns (Stata variable labels, the Excel codebook sheet).
COLUMN_LABELS = {
    "issuer": "发布机关",
    "year": "报告年度",
    "key": "指标键（代码或名称）",
    "code": "指标代码",
    "label": "指标名称（代码本）",
    "unit": "单位",
    "kind": "类型（level水平/change变化/target目标）",
    "value": "数值",
    "value_max": "区间上限",
    "qualifier": "限定词",
    "period": "统计期间",
    "name": "报告中的指标名称",
    "link": "关联方式（code/exact/normalized/similar）",
    "similarity": "名称相似度",
    "code_confidence": "代码置信度",
    "primary": "是否为该年度该指标的主值",
    "n_mentions": "同年同指标提及次数",
    "report_id": "报告编号",
    "adcode": "行政区划代码",
    "level": "行政层级",
    "canonical": "所在部分",
    "start": "起始位置",
    "end": "结束位置",
    "text": "原文",
}


def panel_tables(long: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables a panel export writes: ``long`` (every mention), ``wide`` (levels: one row per
    issuer × key × unit, one column ``yYYYY`` per year, plus year-over-year changes) and
    ``codebook`` (the entries the panel uses, with their definitions)."""
    import pandas as pd

    from ..extract.codebook import codebook

    wide = panel_wide(long) if not long.empty else pd.DataFrame()
    if not wide.empty:
        wide = wide.reset_index()
        wide.columns = [f"y{c}" if isinstance(c, int) else str(c) for c in wide.columns]
        labels = long.drop_duplicates("key").set_index("key")["label"]
        wide.insert(2, "label", wide["key"].map(labels))
    used = set(long["code"].dropna()) if not long.empty else set()
    cb = pd.DataFrame(
        [
            {
                "code": e.id,
                "label": e.label,
                "definition": e.definition,
                "unit_kind": e.unit_kind,
                "kind": e.kind,
            }
            for e in codebook()
            if e.id in used
        ],
        columns=["code", "label", "definition", "unit_kind", "kind"],
    )
    return {"long": long, "wide": wide, "codebook": cb}


def export_panel(long: pd.DataFrame, path: str | Path, fmt: str) -> list[Path]:
    """Write a panel as csv (UTF-8 with BOM), parquet, xlsx (one sheet per table) or dta (Stata
    118, Chinese variable labels): ``path`` holds the long table, ``<stem>.wide.<ext>`` and
    ``<stem>.codebook.<ext>`` the others."""
    from ..tables import write_table

    tables = panel_tables(long)
    labels = {**COLUMN_LABELS}
    for c in tables["wide"].columns:
        if c.startswith("y") and c[1:].isdigit():
            labels[c] = f"{c[1:]}年数值"
        elif c.startswith("change_"):
            a, b = c.split("_")[1:3]
            labels[c] = f"{a}至{b}年变化率"
    labels.update({"definition": "定义", "unit_kind": "单位类型"})
    return write_table(tables, path, fmt, labels)
