"""Audit outputs for auditors: a self-contained HTML page and an Excel workbook to review.

The HTML page (Jinja2, autoescape on: report text is untrusted input) has summary counts by
status and topic, one row per plan with a status badge, the evidence quoted with the words it
shares with the plan highlighted, and status/topic filters (inline JS; ``#status=fulfilled``
in the URL presets a filter). It loads nothing from outside.

The workbook has one row per plan (status, score, evidence, topic, section) with an empty
``reviewer_status`` column, and a summary sheet. :func:`read_review` reads a reviewed workbook
back and measures agreement between machine and reviewer (accuracy, Cohen's kappa).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import STATUSES
from ..resources import load_json

if TYPE_CHECKING:
    from .followthrough import Audit

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

STATUS_LABELS = {
    "fulfilled": "已完成",
    "progressed": "推进中",
    "not_reported": "未提及",
    "restated": "再次部署",
}
SHEET = "audit"
REVIEW_COLUMN = "reviewer_status"
COLUMNS = (
    "prev",
    "next",
    "plan_id",
    "plan_text",
    "topic",
    "status",
    "score",
    "acknowledged_shortfall",
    "evidence",
    "evidence_section",
    "evidence_part",
    REVIEW_COLUMN,
    "reviewer_note",
)


def shared_spans(a: str, b: str, min_len: int = 2) -> list[tuple[int, int]]:
    """Spans of ``b`` made of runs of at least ``min_len`` characters that also occur in ``a``.

    >>> shared_spans("筹建区行政复议委员会", "区行政复议委员会正式成立")
    [(0, 8)]
    """
    grams = {a[i : i + min_len] for i in range(len(a) - min_len + 1)}
    marks = [False] * len(b)
    for i in range(len(b) - min_len + 1):
        if b[i : i + min_len] in grams and not any(
            c in "，。、；：“”《》（）,;:() " for c in b[i : i + min_len]
        ):
            for k in range(i, i + min_len):
                marks[k] = True
    spans, i = [], 0
    while i < len(b):
        if marks[i]:
            j = i
            while j < len(b) and marks[j]:
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def highlight(plan: str, evidence: str) -> Any:
    """Evidence as escaped HTML with the runs shared with the plan in ``<mark>``."""
    from markupsafe import Markup, escape

    out, pos = [], 0
    for a, b in shared_spans(plan, evidence):
        out.append(escape(evidence[pos:a]))
        out.append(Markup("<mark>") + escape(evidence[a:b]) + Markup("</mark>"))
        pos = b
    out.append(escape(evidence[pos:]))
    return Markup("").join(out)


def _rows(audit: Audit) -> list[dict[str, Any]]:
    rows = []
    for it in audit.items:
        evs = []
        for e in it.evidence:
            where = f"{e.part or ''} {e.section or ''} [{e.start}:{e.end}]".strip()
            evs.append({"html": highlight(it.plan_text, e.text), "where": where})
        rows.append(
            {
                "plan_id": it.plan_id,
                "plan_html": it.plan_text,
                "topic": it.topic or "other",
                "status": it.status,
                "score": it.score,
                "shortfall": it.acknowledged_shortfall,
                "evidence": evs,
            }
        )
    return rows


def _by_topic(audit: Audit) -> list[tuple[str, dict[str, int]]]:
    table: dict[str, dict[str, int]] = {}
    for it in audit.items:
        row = table.setdefault(it.topic or "other", {s: 0 for s in STATUSES} | {"total": 0})
        row[it.status] += 1
        row["total"] += 1
    return sorted(table.items())


def render_html(audit: Audit) -> str:
    """The audit as one self-contained HTML page (every report string escaped)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    tpl = env.get_template("audit.html.j2")
    return tpl.render(
        prev=audit.prev,
        next=audit.next,
        issuer=audit.issuer,
        prev_year=audit.prev_year,
        next_year=audit.next_year,
        encoder=audit.encoder,
        items=audit.items,
        rows=_rows(audit),
        statuses=STATUSES,
        labels=STATUS_LABELS,
        counts=audit.counts(),
        by_topic=_by_topic(audit),
        topic_names=load_json("labels.json")["topics"],
    )


def write_html(audits: Audit | list[Audit], path: str | Path) -> Path:
    """Write one page (one audit) or pages side by side (``path`` stem + ``-N`` for several)."""
    path = Path(path)
    items = audits if isinstance(audits, list) else [audits]
    if len(items) == 1:
        path.write_text(render_html(items[0]), encoding="utf-8")
        return path
    for k, a in enumerate(items, 1):
        path.with_name(f"{path.stem}-{k}{path.suffix}").write_text(render_html(a), encoding="utf-8")
    return path


def write_xlsx(audits: Audit | list[Audit], path: str | Path) -> Path:
    """One row per plan with an empty reviewer column, plus a summary sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..safecell import safe_sheet

    path = Path(path)
    items = audits if isinstance(audits, list) else [audits]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(COLUMNS))
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="EEF1F5")
    for a in items:
        for _, r in a.to_df().iterrows():
            ws.append(
                [
                    r["prev"],
                    r["next"],
                    r["plan_id"],
                    r["plan_text"],
                    r["topic"],
                    r["status"],
                    float(r["score"]),
                    bool(r["acknowledged_shortfall"]),
                    r["evidence"],
                    r["evidence_section"],
                    r["evidence_part"],
                    None,
                    None,
                ]
            )
    dv = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    col = COLUMNS.index(REVIEW_COLUMN) + 1
    letter = ws.cell(row=1, column=col).column_letter
    dv.add(f"{letter}2:{letter}{max(2, ws.max_row)}")
    ws.add_data_validation(dv)
    for letter_, width in (("D", 60), ("I", 80), ("L", 16)):
        ws.column_dimensions[letter_].width = width
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"

    sm = wb.create_sheet("summary")
    sm.append(["prev", "next", "encoder", *STATUSES, "total"])
    for a in items:
        counts = a.counts()
        sm.append([a.prev, a.next, a.encoder, *[counts[s] for s in STATUSES], len(a.items)])
    sm.append([])
    sm.append(["topic", *STATUSES, "total"])
    topics: dict[str, dict[str, int]] = {}
    for a in items:
        for t, row in _by_topic(a):
            agg = topics.setdefault(t, {s: 0 for s in STATUSES} | {"total": 0})
            for k, v in row.items():
                agg[k] += v
    for t, row in sorted(topics.items()):
        sm.append([t, *[row[s] for s in STATUSES], row["total"]])
    sm.append([])
    sm.append(["reviewer_status: write one of " + ", ".join(STATUSES) + " in the audit sheet"])
    for sheet in wb.worksheets:  # plan text, evidence and ids are untrusted: no cell is a formula
        safe_sheet(sheet)
    wb.save(path)
    return path


def read_review(path: str | Path) -> dict[str, Any]:
    """Agreement between the machine's status and the reviewer's verdicts in a reviewed workbook.

    Rows whose reviewer column is empty are left out. Returns ``n`` (reviewed rows), ``accuracy``,
    ``kappa`` (Cohen's, sklearn), a confusion table and the disagreeing rows.
    """
    from openpyxl import load_workbook
    from sklearn.metrics import cohen_kappa_score

    from ..errors import FzError

    wb = load_workbook(Path(path), read_only=True)
    if SHEET not in wb.sheetnames:
        raise FzError(
            f"{path}: no sheet {SHEET!r}; give a workbook written by `fzanalyzer audit --format xlsx`"
        )
    rows = list(wb[SHEET].iter_rows(values_only=True))
    wb.close()
    header = [str(h) if h is not None else "" for h in rows[0]]
    for need in ("status", REVIEW_COLUMN, "plan_id"):
        if need not in header:
            raise FzError(f"{path}: column {need!r} is missing from sheet {SHEET!r}")
    si, ri, pi = header.index("status"), header.index(REVIEW_COLUMN), header.index("plan_id")
    machine, reviewer, disagree, bad = [], [], [], []
    for r in rows[1:]:
        v = r[ri] if ri < len(r) else None
        if v is None or not str(v).strip():
            continue
        v = str(v).strip()
        if v not in STATUSES:
            bad.append((r[pi], v))
            continue
        machine.append(str(r[si]))
        reviewer.append(v)
        if v != r[si]:
            disagree.append({"plan_id": r[pi], "machine": r[si], "reviewer": v})
    n = len(machine)
    acc = sum(a == b for a, b in zip(machine, reviewer, strict=True)) / n if n else 0.0
    kappa = (
        float(cohen_kappa_score(machine, reviewer, labels=list(STATUSES)))
        if n and len(set(machine + reviewer)) > 1
        else (1.0 if n else 0.0)
    )
    confusion: dict[str, dict[str, int]] = {}
    for a, b in zip(machine, reviewer, strict=True):
        confusion.setdefault(a, {}).setdefault(b, 0)
        confusion[a][b] += 1
    return {
        "n": n,
        "accuracy": acc,
        "kappa": kappa,
        "confusion": confusion,
        "disagreements": disagree,
        "invalid": bad,
    }
