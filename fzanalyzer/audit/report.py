"""Audit outputs for auditors: a self-contained HTML page and an Excel workbook to review.

The HTML page (Jinja2, autoescape on: report text is untrusted input) has summary counts by
status and topic, one row per plan with a status badge, the evidence quoted with the words it
shares with the plan highlighted, and status/topic filters (inline JS; ``#status=fulfilled``
in the URL presets a filter). It loads nothing from outside.

The workbook (:func:`write_xlsx`) speaks the auditors' language: Chinese headers and status
labels (已完成 / 推进中 / 未提及 / 重复承诺), issuer names and years, autofilter and frozen header; one
row per plan (需复核 rows first) with a 复核结论 column whose drop-down offers the four labels;
an evidence sheet (one evidence per row with its heading path 二、（三）2. and page), a summary
by status and topic, the issuer × year table of a corpus and the plan chains across years.
Every cell is text or a number, never a formula (:func:`fzanalyzer.safecell.safe_cell`).
:func:`write_docx` writes a 督查报告-style Word summary. :func:`read_review` reads a reviewed
workbook back and measures agreement between machine and reviewer (accuracy, Cohen's kappa).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import STATUSES
from ..resources import load_json, template

if TYPE_CHECKING:
    from .followthrough import Audit


STATUS_LABELS = {
    "fulfilled": "已完成",
    "progressed": "推进中",
    "not_reported": "未提及",
    "restated": "重复承诺",
}
LABEL_STATUS = {v: k for k, v in STATUS_LABELS.items()}
REVIEW_LABEL = "需复核"
SHEET = "逐项审计"
REVIEW_COLUMN = "复核结论"
#: The plan sheet's columns (Chinese headers, in order).
COLUMNS = (
    "发文机关",
    "计划年度",
    "报告年度",
    "计划编号",
    "计划内容",
    "领域",
    "落实状态",
    "置信度",
    "需复核",
    "证据",
    "证据位置",
    "最相近的段落（未提及时）",
    "不足部分已提及",
    REVIEW_COLUMN,
    "复核意见",
    "计划报告",
    "本年报告",
)
EVIDENCE_COLUMNS = (
    "发文机关",
    "计划年度",
    "报告年度",
    "计划编号",
    "落实状态",
    "类别",
    "序号",
    "文本",
    "标题路径",
    "标题",
    "页码",
    "起始位置",
    "结束位置",
)
PART_NAMES = {
    "measures_and_results": "主要举措和成效",
    "shortcomings": "存在的不足",
    "leadership_duty": "第一责任人履职",
    "next_year_plan": "下一年工作安排",
    "other": "其他",
    "preamble": "导语",
}


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


def where(e: Any) -> str:
    """Where a person finds an evidence span: heading path and title, page, part; offsets last.

    >>> from fzanalyzer.model import Evidence
    >>> where(Evidence("…", 120, 160, "s4", "measures_and_results", "二、（三）2.", "案卷评查", 3))
    '二、（三）2. 案卷评查 · 第3页 · 主要举措和成效 · [120:160]'
    """
    bits = []
    if e.heading_path or e.heading:
        bits.append(f"{e.heading_path} {e.heading}".strip())
    if e.page:
        bits.append(f"第{e.page}页")
    if e.part:
        bits.append(PART_NAMES.get(e.part, e.part))
    bits.append(f"[{e.start}:{e.end}]")
    return " · ".join(bits)


def _rows(audit: Audit) -> list[dict[str, Any]]:
    from .followthrough import review_order

    rows = []
    for it in review_order(audit.items):
        evs = [{"html": highlight(it.plan_text, e.text), "where": where(e)} for e in it.evidence]
        near = [{"html": highlight(it.plan_text, e.text), "where": where(e)} for e in it.nearest]
        rows.append(
            {
                "plan_id": it.plan_id,
                "plan_html": it.plan_text,
                "topic": it.topic or "other",
                "status": it.status,
                "score": it.score,
                "confidence": it.confidence if it.confidence is not None else it.score,
                "review": it.needs_review,
                "shortfall": it.acknowledged_shortfall,
                "evidence": evs,
                "nearest": near,
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
    tpl = template("audit.html.j2")
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


def _years(a: Audit) -> tuple[str, str]:
    return (f"{a.prev_year}年" if a.prev_year else a.prev, f"{a.next_year}年" if a.next_year else a.next)


def plan_rows(audits: list[Audit]) -> list[list[Any]]:
    """The plan sheet's rows (COLUMNS order), 需复核 first within each audit."""
    from .followthrough import review_order

    out = []
    for a in audits:
        py, ny = _years(a)
        for it in review_order(a.items):
            out.append(
                [
                    a.issuer or "",
                    py,
                    ny,
                    it.plan_id,
                    it.plan_text,
                    _topic_name(it.topic),
                    STATUS_LABELS[it.status],
                    round(float(it.confidence if it.confidence is not None else it.score), 3),
                    REVIEW_LABEL if it.needs_review else "",
                    "\n".join(e.text for e in it.evidence),
                    "\n".join(where(e) for e in it.evidence),
                    "\n".join(f"{where(e)}：{e.text}" for e in it.nearest),
                    "是" if it.acknowledged_shortfall else "",
                    None,
                    None,
                    a.prev,
                    a.next,
                ]
            )
    return out


def _topic_name(topic: str | None) -> str:
    return load_json("labels.json")["topics"].get(topic or "other", topic or "")


def evidence_rows(audits: list[Audit]) -> list[list[Any]]:
    """One row per evidence span or nearest passage (EVIDENCE_COLUMNS order)."""
    out = []
    for a in audits:
        py, ny = _years(a)
        for it in a.items:
            for kind, spans in (("证据", it.evidence), ("最相近段落", it.nearest)):
                for k, e in enumerate(spans, 1):
                    out.append(
                        [a.issuer or "", py, ny, it.plan_id, STATUS_LABELS[it.status], kind, k, e.text,
                         e.heading_path, e.heading, e.page, e.start, e.end]
                    )  # fmt: skip
    return out


def _sheet(
    wb: Any, title: str, header: tuple[str, ...] | list[str], rows: list[list[Any]], widths: dict[str, int]
) -> Any:
    """A sheet with a bold frozen header, autofilter and wrapped text (cells are made text, never
    formulas, by :func:`fzanalyzer.safecell.safe_sheet` when the workbook is saved)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(title)
    ws.append(list(header))
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="EEF1F5")
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"  # text, never a formula
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if ws.max_column:
        ws.auto_filter.ref = ws.dimensions
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    return ws


def summary_rows(audits: list[Audit]) -> tuple[list[list[Any]], list[list[Any]]]:
    """(issuer × year counts by status, topic counts by status) for the summary sheet."""
    by_pair = []
    for a in audits:
        c = a.counts()
        py, ny = _years(a)
        review = sum(1 for it in a.items if it.needs_review)
        by_pair.append([a.issuer or "", py, ny, *[c[s] for s in STATUSES], len(a.items), review])
    topics: dict[str, dict[str, int]] = {}
    for a in audits:
        for t, row in _by_topic(a):
            agg = topics.setdefault(t, {s: 0 for s in STATUSES} | {"total": 0})
            for k, v in row.items():
                agg[k] += v
    by_topic = [
        [_topic_name(t), *[row[s] for s in STATUSES], row["total"]] for t, row in sorted(topics.items())
    ]
    return by_pair, by_topic


def write_xlsx(
    audits: Audit | list[Audit], path: str | Path, chains: list[dict[str, Any]] | None = None
) -> Path:
    """The audit workbook: 逐项审计 (one row per plan, 需复核 first, reviewer drop-down), 证据
    (one evidence per row), 汇总 (by issuer × year and by topic) and, with ``chains``, 跨年链条."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..safecell import safe_sheet

    path = Path(path)
    items = audits if isinstance(audits, list) else [audits]
    wb = Workbook()
    wb.remove(wb.active)
    ws = _sheet(
        wb, SHEET, COLUMNS, plan_rows(items), {"A": 18, "E": 50, "J": 60, "K": 28, "L": 60, "N": 12, "O": 24}
    )
    labels = list(STATUS_LABELS.values())
    dv = DataValidation(
        type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="复核结论", error="请从下拉列表中选择：" + "、".join(labels),
    )  # fmt: skip
    col = ws.cell(row=1, column=COLUMNS.index(REVIEW_COLUMN) + 1).column_letter
    dv.add(f"{col}2:{col}{max(2, ws.max_row)}")
    ws.add_data_validation(dv)
    _sheet(wb, "证据", EVIDENCE_COLUMNS, evidence_rows(items), {"A": 18, "H": 70, "I": 14, "J": 28})
    by_pair, by_topic = summary_rows(items)
    status_names = [STATUS_LABELS[s] for s in STATUSES]
    sm = _sheet(
        wb,
        "汇总",
        ["发文机关", "计划年度", "报告年度", *status_names, "合计", REVIEW_LABEL],
        by_pair,
        {"A": 24},
    )
    sm.auto_filter.ref = f"A1:{sm.cell(row=1, column=sm.max_column).column_letter}{1 + len(by_pair)}"

    sm.append([])
    sm.append(["领域", *status_names, "合计"])
    for r in by_topic:
        sm.append(r)
    if chains is not None:
        rows = [
            [c["issuer"] or "", c["start_year"], c["plan_text"], "→".join(f"{y}年" for y in c["years"]),
             c["restated_years"], STATUS_LABELS.get(c["last_status"], c["last_status"]),
             "是" if c["restated_years"] >= 2 else ""]
            for c in chains if len(c["links"]) > 1
        ]  # fmt: skip
        rows.sort(key=lambda r: (-r[4], r[0], r[1]))
        _sheet(
            wb,
            "跨年链条",
            [
                "发文机关",
                "首次承诺年度",
                "计划内容",
                "年度",
                "重复承诺次数",
                "最新状态",
                "连续两年以上重复承诺",
            ],
            rows,
            {"A": 18, "C": 60},
        )

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
            f"{path}: no sheet {SHEET!r}; give a workbook written by `fzanalyzer audit --format xlsx`",
            code="E090",
        )
    rows = list(wb[SHEET].iter_rows(values_only=True))
    wb.close()
    header = [str(h) if h is not None else "" for h in rows[0]]
    for need in ("落实状态", REVIEW_COLUMN, "计划编号"):
        if need not in header:
            raise FzError(f"{path}: column {need!r} is missing from sheet {SHEET!r}")
    si, ri, pi = header.index("落实状态"), header.index(REVIEW_COLUMN), header.index("计划编号")
    machine, reviewer, disagree, bad = [], [], [], []
    for r in rows[1:]:
        v = r[ri] if ri < len(r) else None
        if v is None or not str(v).strip():
            continue
        v = str(v).strip()
        v = LABEL_STATUS.get(v, v)  # a label (已完成) or the contract's value (fulfilled)
        if v not in STATUSES:
            bad.append((r[pi], v))
            continue
        m = LABEL_STATUS.get(str(r[si]), str(r[si]))
        machine.append(m)
        reviewer.append(v)
        if v != m:
            disagree.append({"plan_id": r[pi], "machine": m, "reviewer": v})
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


_CN_NUM = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """1 → 一 … 10 → 十, 11 → 十一 (ordinals of the 公文 outline up to 99)."""
    if n <= 10:
        return _CN_NUM[n - 1]
    tens, ones = divmod(n, 10)
    return (_CN_NUM[tens - 1] if tens > 1 else "") + "十" + (_CN_NUM[ones - 1] if ones else "")


def write_docx(
    audits: Audit | list[Audit], path: str | Path, chains: list[dict[str, Any]] | None = None
) -> Path:
    """A 督查报告-style Word summary: per issuer and year, counts by status, the plans not
    reported and those restated, what was done, with the evidence quoted and located, and the
    verdicts to review; with ``chains``, the commitments restated two years or more."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from .followthrough import review_order

    path = Path(path)
    items = audits if isinstance(audits, list) else [audits]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    issuers = sorted({a.issuer for a in items if a.issuer})
    title = doc.add_heading(level=0)
    title.add_run(
        ("、".join(issuers) if len(issuers) <= 2 else f"{len(issuers)}个单位")
        + "法治政府建设工作安排落实情况督查报告"
    )
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    total = sum(len(a.items) for a in items)
    counts = {s: sum(a.counts()[s] for a in items) for s in STATUSES}
    review = sum(1 for a in items for it in a.items if it.needs_review)
    doc.add_paragraph(
        f"本报告对照{len(items)}组相邻年度法治政府建设情况报告，逐项核查上一年度报告所作工作安排在下一年度报告中的落实情况。"
        f"共核查工作安排{total}项，其中" + "、".join(f"{STATUS_LABELS[s]}{counts[s]}项" for s in STATUSES)
        + f"；置信度较低、需人工复核的{review}项。以下引文均摘自下一年度报告，并注明所在标题层级。"
    )  # fmt: skip
    for n, a in enumerate(items, 1):
        py, ny = _years(a)
        doc.add_heading(f"{_cn(n)}、{a.issuer or a.next}（{py}工作安排 → {ny}报告）", level=1)
        c = a.counts()
        doc.add_paragraph(
            f"{py}报告共提出工作安排{len(a.items)}项："
            + "，".join(f"{STATUS_LABELS[s]}{c[s]}项" for s in STATUSES)
            + "。"
        )
        groups = (
            ("未提及的工作安排", "not_reported"),
            ("重复承诺的工作安排", "restated"),
            ("推进中的工作安排", "progressed"),
            ("已完成的工作安排", "fulfilled"),
        )
        k = 0
        for heading, status in groups:
            its = [it for it in review_order(a.items) if it.status == status]
            if not its:
                continue
            k += 1
            doc.add_heading(f"（{_cn(k)}）{heading}（{len(its)}项）", level=2)
            for m, it in enumerate(its, 1):
                p = doc.add_paragraph()
                p.add_run(f"{m}. {it.plan_text}").bold = True
                conf = it.confidence if it.confidence is not None else it.score
                p.add_run(f"（置信度{conf:.2f}{'，' + REVIEW_LABEL if it.needs_review else ''}）")
                spans = it.evidence if it.evidence else it.nearest[:1]
                lead = "报告表述" if it.evidence else "最相近的表述"
                for e in spans:
                    q = (
                        doc.add_paragraph(style="Quote")
                        if "Quote" in [s.name for s in doc.styles]
                        else doc.add_paragraph()
                    )
                    q.add_run(f"{lead}：“{e.text}”（{where(e)}）")
    if chains:
        long = [c for c in chains if c["restated_years"] >= 2]
        doc.add_heading(f"{_cn(len(items) + 1)}、连续两年以上重复承诺的工作安排（{len(long)}项）", level=1)
        if not long:
            doc.add_paragraph("未发现连续两年以上重复承诺的工作安排。")
        for m, ch in enumerate(long, 1):
            years = "、".join(f"{y}年" for y in ch["years"])
            doc.add_paragraph(
                f"{m}. {ch['issuer'] or ''}：{ch['plan_text']}（{years}均作承诺，最新状态：{STATUS_LABELS.get(ch['last_status'], ch['last_status'])}）"
            )
    doc.save(str(path))
    return path


def render_index(audits: list[Audit], pages: list[str], chains: list[dict[str, Any]] | None = None) -> str:
    """The corpus index page: issuer × year × counts by status, each row linking to its page."""
    rows = []
    for a, page in zip(audits, pages, strict=True):
        py, ny = _years(a)
        rows.append(
            {
                "issuer": a.issuer or "",
                "prev_year": py,
                "next_year": ny,
                "counts": a.counts(),
                "total": len(a.items),
                "review": sum(1 for it in a.items if it.needs_review),
                "page": page,
            }
        )
    long = [c for c in chains or [] if c["restated_years"] >= 2]
    return template("audit_index.html.j2").render(
        rows=rows, statuses=STATUSES, labels=STATUS_LABELS, chains=long
    )


def write_corpus(
    audits: list[Audit], out_dir: str | Path, chains: list[dict[str, Any]] | None = None
) -> dict[str, Path]:
    """Write a corpus audit into ``out_dir``: ``index.html`` (the province-wide table) with one
    page per pair under ``pairs/``, ``audit.xlsx`` (all pairs in one workbook) and ``audit.docx``.
    Returns the paths written."""
    out = Path(out_dir)
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    pages = []
    for a in audits:
        name = f"pairs/{a.prev}__{a.next}.html"
        (out / name).write_text(render_html(a), encoding="utf-8")
        pages.append(name)
    (out / "index.html").write_text(render_index(audits, pages, chains), encoding="utf-8")
    return {
        "index": out / "index.html",
        "workbook": write_xlsx(audits, out / "audit.xlsx", chains=chains),
        "report": write_docx(audits, out / "audit.docx", chains=chains),
    }
