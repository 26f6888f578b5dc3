"""Data objects: a report and the spans found in it.

Every extracted item keeps ``start``/``end`` character offsets into the report's normalized
``text`` (end exclusive), so ``report.text[item.start:item.end] == item.text`` always holds,
as with spaCy's ``Span``. Field names follow ``output-contract.md``; extra fields are allowed,
renaming is not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

CANONICAL_LABELS = (
    "preamble",
    "measures_and_results",
    "shortcomings",
    "leadership_duty",
    "next_year_plan",
    "other",
)
TOPIC_LABELS = (
    "functions",
    "rulemaking",
    "decision_making",
    "enforcement",
    "emergency_response",
    "dispute_resolution",
    "oversight",
    "digital_government",
    "capacity_building",
    "leadership_organization",
    "other",
)
LEVELS = ("province", "city", "district_county", "township", "department")
STATUSES = ("fulfilled", "progressed", "not_reported", "restated")


@dataclass
class Region:
    province: str | None = None
    city: str | None = None
    county_or_district: str | None = None


@dataclass
class Meta:
    """Report metadata (output-contract ``meta``)."""

    title: str | None = None
    issuer: str | None = None
    region: Region = field(default_factory=Region)
    adcode: str | None = None
    region_inferred: list[str] = field(default_factory=list)
    level: str | None = None
    year_covered: int | None = None
    is_report: bool = True
    warnings: list[str] = field(default_factory=list)
    # Additions beyond the contract.
    published: str | None = None  # publication date (ISO) when the source says it
    doc_type: str | None = None  # why is_report is false: news, plan, work_report, ...
    source_url: str | None = None  # where the file was fetched from (its ``.fetch.json`` sidecar)
    fetched_at: str | None = None  # when (ISO 8601, UTC)
    report_confidence: float | None = None  # how sure is_report is that this is a report (0..1)
    page_starts: list[list[int]] = field(default_factory=list)  # PDF: [offset, page] in the text
    # the id of the report this one copies (a traditional-script copy, a repost, the PDF of a web
    # page), found among the reports written or read together; None for a report that copies none
    duplicate_of: str | None = None


@dataclass
class Section:
    """One heading and its body: ``text[start:end]`` covers both."""

    id: str
    parent: str | None
    level: int
    marker: str
    title: str
    canonical: str | None
    topic: str | None
    start: int
    end: int
    title_start: int = -1  # offsets of the title itself (without marker)
    title_end: int = -1
    style: str = "numbered"  # numbered | inline | enumeration | unnumbered


@dataclass
class Indicator:
    """A numeric indicator (output-contract ``indicators``)."""

    text: str
    value: float | int | None
    unit: str | None
    name: str | None
    qualifier: str | None
    change: str | None
    period: str | None
    section: str | None
    start: int
    end: int
    sentence: str = ""
    method: str = "rule"
    value_max: float | int | None = None
    pair_of: int | None = None  # index of the 'before' value in a before/after pair
    sentence_start: int = -1
    sentence_end: int = -1
    period_resolved: str | None = None  # ISO interval of ``period`` against year_covered
    code: str | None = None  # codebook id (data/codebook.json), or None when no entry fits
    code_confidence: float | None = None
    # With a change: is the number the new level (压缩至5个工作日) or the change itself (减少72%),
    # and what is it measured against (较法定时限 → statutory_limit, 同比/较上年 → previous_year)?
    change_form: str | None = None  # level | amount
    change_basis: str | None = None  # statutory_limit | previous_year


@dataclass
class Plan:
    """One commitment from the next-year plan part (output-contract ``plans``)."""

    id: str
    text: str
    topic: str | None
    section: str | None
    start: int
    end: int
    verb: str | None = None
    object: str | None = None
    target: str | None = None
    deadline: str | None = None


@dataclass
class Evidence:
    text: str
    start: int
    end: int
    section: str | None
    part: str | None = None  # canonical label of the part where it was found
    heading_path: str = ""  # the markers of its headings, e.g. 二、（三）2.
    heading: str = ""  # the title of its deepest heading, for a person to find it
    page: int | None = None  # 1-based page of a PDF source, when the ingest kept page offsets


@dataclass
class AuditItem:
    plan_id: str
    plan_text: str
    topic: str | None
    status: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    acknowledged_shortfall: bool = False
    signals: dict[str, float] = field(default_factory=dict)
    confidence: float | None = None  # calibrated probability that the status is right
    needs_review: bool = False  # confidence below the review threshold (需复核)
    nearest: list[Evidence] = field(default_factory=list)  # not_reported: the closest passages


@dataclass
class Report:
    """One document, normalized, with everything found in it."""

    id: str
    source: str
    sha256: str
    format: str
    text: str
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    extractor_version: str = ""

    # -- navigation -------------------------------------------------------------------------
    def part(self, label: str) -> list[Section]:
        """The parts labelled ``label`` (e.g. ``"next_year_plan"``): the top-most sections with that
        canonical label — level-1 parts, the level-0 preamble, and the plan half (level 2) of a
        merged 工作总结暨工作安排 part."""
        by_id = {s.id: s for s in self.sections}
        return [
            s
            for s in self.sections
            if s.canonical == label and getattr(by_id.get(s.parent or ""), "canonical", None) != label
        ]

    def section(self, section_id: str | None) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    def section_at(self, offset: int) -> Section | None:
        """The deepest section containing ``offset`` (the last of them on a tie), as
        :class:`fzanalyzer.spans.SectionLookup` answers it; the index is built once per outline."""
        from .spans import SectionLookup

        key = tuple((s.start, s.end, s.level) for s in self.sections)
        cached = self.__dict__.get("_section_lookup")
        if cached is None or cached[0] != key:
            cached = (key, SectionLookup(key))
            self.__dict__["_section_lookup"] = cached
        k = cached[1].deepest(offset)
        return self.sections[k] if k >= 0 else None

    # -- serialization ----------------------------------------------------------------------
    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        """The output-contract JSON object."""
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "sha256": self.sha256,
            "format": self.format,
            "extractor_version": self.extractor_version,
            "meta": asdict(self.meta),
            "sections": [asdict(s) for s in self.sections],
            "indicators": [asdict(i) for i in self.indicators],
            "plans": [asdict(p) for p in self.plans],
        }
        if include_text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        """The inverse of :meth:`to_dict` (keys that are not fields are ignored)."""
        return _from_dict(cls, {"source": "", "sha256": "", "format": "", "text": "", **d})

    # -- DataFrames (columns: fzanalyzer.schema) --------------------------------------------
    def _frame(self, table: str, extra: Callable[[Any], dict[str, Any]] | None = None) -> pd.DataFrame:
        import pandas as pd

        from .schema import columns, docvars_of, item_rows, report_row

        d = self.to_dict(include_text=False)
        rows = item_rows(d, table, docvars=docvars_of(report_row(d, text=False)))
        if extra is not None:
            for row, item in zip(rows, getattr(self, table), strict=True):
                row.update(extra(item))
        names = columns(table, docvars=True) + list(_FRAME_EXTRAS.get(table, ()))
        return pd.DataFrame(rows, columns=names)

    @property
    def sections_df(self) -> pd.DataFrame:
        """One row per section with the report's metadata, and the section's ``text``."""
        return self._frame("sections", lambda s: {"text": self.text[s.start : s.end]})

    @property
    def indicators_df(self) -> pd.DataFrame:
        """One row per indicator with the report's metadata, its section's title, part and topic."""

        def where(i: Indicator) -> dict[str, Any]:
            sec = self.section(i.section)
            part = self.part_of(sec)
            return {
                "section_title": sec.title if sec else None,
                "canonical": part.canonical if part else None,
                "topic": self._topic_of(sec),
            }

        return self._frame("indicators", where)

    @property
    def plans_df(self) -> pd.DataFrame:
        """One row per plan with the report's metadata."""
        return self._frame("plans")

    def part_of(self, sec: Section | None) -> Section | None:
        """The top-level part (level 0 or 1) that holds ``sec``, ``sec`` itself when it is one."""
        while sec is not None and sec.level > 1:
            sec = self.section(sec.parent)
        return sec

    def part_at(self, offset: int) -> Section | None:
        """The top-level part holding ``offset`` (:meth:`part_of` the :meth:`section_at`)."""
        return self.part_of(self.section_at(offset))

    def _topic_of(self, sec: Section | None) -> str | None:
        while sec is not None:
            if sec.topic:
                return sec.topic
            sec = self.section(sec.parent)
        return None


#: Columns the DataFrames add after the schema's (derived from the report, not stored).
_FRAME_EXTRAS = {"sections": ("text",), "indicators": ("section_title", "canonical", "topic")}


def _from_dict(cls: type, d: dict[str, Any]) -> Any:
    """A dataclass from its ``asdict`` form, nested dataclasses and lists of them included;
    unknown keys are ignored (tolerates newer/older JSON)."""
    import typing

    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        v, tp = d[f.name], hints[f.name]
        if is_dataclass(tp):
            v = _from_dict(tp, v or {})  # type: ignore[arg-type]
        elif typing.get_origin(tp) is list and is_dataclass(inner := typing.get_args(tp)[0]):
            v = [_from_dict(inner, x) for x in v or []]  # type: ignore[arg-type]
        kwargs[f.name] = v
    return cls(**kwargs)
