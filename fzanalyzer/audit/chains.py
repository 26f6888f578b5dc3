"""Plan chains across years: a commitment promised in year Y, restated in Y+1, progressed in Y+2.

An audit of Y → Y+1 says ``restated`` when Y+1's plan part promises a plan of Y again (its
evidence is that plan of Y+1). Following these links through one issuer's consecutive audits
gives chains; the ones restated two years or more are the commitments auditors ask about.

>>> from fzanalyzer.audit.followthrough import Audit
>>> from fzanalyzer.model import AuditItem, Evidence
>>> a1 = Audit("x-2020", "x-2021", [AuditItem("P01", "建设复议网上办案系统。", None, "restated", 0.8,
...     [Evidence("加快建设复议网上办案系统。", 10, 23, None, "next_year_plan")])], prev_year=2020, next_year=2021, issuer="X")
>>> a2 = Audit("x-2021", "x-2022", [AuditItem("P03", "加快建设复议网上办案系统。", None, "progressed", 0.7)],
...     prev_year=2021, next_year=2022, issuer="X")
>>> [(c["start_year"], c["restated_years"], c["last_status"]) for c in plan_chains([a1, a2], {"x-2021": {"P03": (10, 23)}})]
[(2020, 1, 'progressed')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .followthrough import Audit


def plan_chains(
    audits: list[Audit], plan_spans: dict[str, dict[str, tuple[int, int]]]
) -> list[dict[str, Any]]:
    """Chains of plans linked by ``restated`` verdicts across consecutive audits.

    ``plan_spans``: report id → plan id → (start, end) of that report's plans, to find which plan
    of Y+1 a restated verdict points at. Every chain starts at a plan that no earlier audit
    restates; a chain of one audit is listed too (its last status is that audit's verdict).
    """
    by_prev = {a.prev: a for a in audits}
    # (report id, plan id) of Y+1 that restates a plan of Y
    restated_by: dict[tuple[str, str], tuple[str, str]] = {}
    for a in audits:
        spans = plan_spans.get(a.next, {})
        for it in a.items:
            if it.status == "restated" and it.evidence:
                e = it.evidence[0]
                pid = next(
                    (p for p, (s, t) in spans.items() if s <= e.start < t or e.start <= s < e.end), None
                )
                if pid is not None:
                    restated_by[a.prev, it.plan_id] = (a.next, pid)
    targets = set(restated_by.values())
    chains = []
    for a in audits:
        for it in a.items:
            if (a.prev, it.plan_id) in targets:
                continue  # not a first promise: it is part of an earlier chain
            links = [_link(a, it)]
            key = (a.prev, it.plan_id)
            while key in restated_by:
                nxt_report, nxt_plan = restated_by[key]
                nxt_audit = by_prev.get(nxt_report)
                nxt_item = (
                    next((x for x in nxt_audit.items if x.plan_id == nxt_plan), None) if nxt_audit else None
                )
                if nxt_audit is None or nxt_item is None:
                    break
                links.append(_link(nxt_audit, nxt_item))
                key = (nxt_report, nxt_plan)
            restated = sum(1 for link in links if link["status"] == "restated")
            years = [link["year"] for link in links]
            if links[-1]["status"] == "restated":
                years.append(links[-1]["next_year"])  # promised again in the last report
            chains.append(
                {
                    "issuer": a.issuer,
                    "start_year": a.prev_year,
                    "plan_text": it.plan_text,
                    "years": years,
                    "links": links,
                    "restated_years": restated,
                    "last_status": links[-1]["status"],
                }
            )
    return chains


def _link(a: Audit, it: Any) -> dict[str, Any]:
    return {
        "report": a.prev,
        "year": a.prev_year,
        "plan_id": it.plan_id,
        "plan_text": it.plan_text,
        "status": it.status,
        "next_year": a.next_year,
    }


def chains_df(chains: list[dict[str, Any]], min_restated: int = 0) -> pd.DataFrame:
    """One row per chain (issuer, first year, plan, years it was promised, times restated, last status)."""
    import pandas as pd

    rows = [
        {
            "issuer": c["issuer"],
            "start_year": c["start_year"],
            "plan_text": c["plan_text"],
            "years": "→".join(str(y) for y in c["years"]),
            "restated_years": c["restated_years"],
            "last_status": c["last_status"],
        }
        for c in chains
        if c["restated_years"] >= min_restated
    ]
    cols = ["issuer", "start_year", "plan_text", "years", "restated_years", "last_status"]
    return pd.DataFrame(rows, columns=cols)
