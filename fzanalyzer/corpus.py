"""A corpus: many reports, as an iterable and as pandas DataFrames.

>>> from fzanalyzer import Corpus
>>> corpus = Corpus.from_dir("corpora")          # doctest: +SKIP
>>> corpus.reports[["issuer", "gov_level", "year_covered"]]   # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from .batch import Failure
from .model import Report

if TYPE_CHECKING:
    import pandas as pd

    from .scale.dataset import ParquetCorpus


class Corpus:
    """Reports plus the files that failed (never silently dropped)."""

    def __init__(self, reports: Iterable[Report], failures: Iterable[Failure] = ()) -> None:
        self._reports = list(reports)
        self.failures = list(failures)
        self._by_id = {r.id: r for r in self._reports}
        self._duplicates: dict[str, str] | None = None

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def from_dir(cls, path: str | Path, *, workers: int | None = 1, progress: bool = False) -> Corpus:
        """Read every report file in a folder (recursively)."""
        return cls.from_files([path], workers=workers, progress=progress)

    @classmethod
    def from_files(
        cls, paths: Iterable[str | Path], *, workers: int | None = 1, progress: bool = False
    ) -> Corpus:
        """Read report files and folders — and ``.jsonl`` outputs or DuckDB stores among them
        (:func:`fzanalyzer.inputs.read_reports`, the reader every command uses)."""
        from .inputs import read_reports

        reports, failures = read_reports(paths, workers=workers)
        return cls(reports, failures)

    @staticmethod
    def from_parquet(path: str | Path) -> ParquetCorpus:
        """A Parquet dataset written by ``fzanalyzer extract --dataset DIR``, read lazily: each
        table when first asked for, ``.scan(table, years=[…])`` only the partitions asked for."""
        from .scale.dataset import ParquetCorpus

        return ParquetCorpus(path)

    @classmethod
    def from_store(cls, path: str | Path) -> Corpus:
        """Load what ``fzanalyzer extract --store`` wrote."""
        from .store import Store

        with Store(path, read_only=True) as st:
            return cls([Report.from_dict(d) for d in st.report_dicts()], st.failures())

    @classmethod
    def from_jsonl(cls, path: str | Path) -> Corpus:
        """Load a JSON Lines file written by ``fzanalyzer extract --format jsonl``."""
        with open(path, encoding="utf-8") as fh:
            return cls(Report.from_dict(json.loads(line)) for line in fh if line.strip())

    # -- container --------------------------------------------------------------------------
    def __iter__(self) -> Iterator[Report]:
        return iter(self._reports)

    def __len__(self) -> int:
        return len(self._reports)

    def __getitem__(self, key: int | str) -> Report:
        return self._reports[key] if isinstance(key, int) else self._by_id[key]

    def __repr__(self) -> str:
        return f"<Corpus {len(self)} reports, {len(self.failures)} failures>"

    # -- DataFrames -------------------------------------------------------------------------
    @property
    def reports(self) -> pd.DataFrame:
        """One row of metadata per report (the columns of the store's reports table, without text)."""
        import pandas as pd

        from .schema import columns, report_row

        self.duplicates()  # fills each report's meta.duplicate_of
        rows = [report_row(r.to_dict(include_text=False), text=False) for r in self._reports]
        df = pd.DataFrame(rows, columns=columns("reports", text=False))
        df["year_covered"] = df["year_covered"].astype("Int64")
        return df

    def duplicates(self) -> dict[str, str]:
        """``{id: id of the copy kept}`` for every report that is a copy of another one (a
        traditional-script copy, a repost, the PDF and the web page of one report; see
        :mod:`fzanalyzer.reuse.duplicates`), found among the corpus' reports and recorded in their
        ``meta.duplicate_of``. Copies are left out of the panel, the audits and the reuse search
        unless asked for."""
        if self._duplicates is None:
            from .reuse.duplicates import mark_duplicates

            self._duplicates = mark_duplicates(self._reports)
        return self._duplicates

    def unique(self) -> list[Report]:
        """The reports without the copies of another one."""
        dup = self.duplicates()
        return [r for r in self._reports if r.id not in dup]

    @property
    def sections_df(self) -> pd.DataFrame:
        return _concat([r.sections_df for r in self._reports])

    @property
    def indicators_df(self) -> pd.DataFrame:
        return _concat([r.indicators_df for r in self._reports])

    @property
    def plans_df(self) -> pd.DataFrame:
        return _concat([r.plans_df for r in self._reports])

    @property
    def failures_df(self) -> pd.DataFrame:
        import pandas as pd

        from .schema import columns

        return pd.DataFrame([asdict(f) for f in self.failures], columns=columns("failures"))

    # -- pairs of years ---------------------------------------------------------------------
    def by_issuer(self) -> dict[str, list[Report]]:
        """Reports grouped by issuer, each group sorted by year covered."""
        groups: dict[str, list[Report]] = {}
        for r in self.unique():
            if r.meta.issuer and r.meta.year_covered and r.meta.is_report:
                groups.setdefault(r.meta.issuer, []).append(r)
        return {k: sorted(v, key=lambda r: r.meta.year_covered or 0) for k, v in groups.items()}

    def consecutive_pairs(self, *, include_duplicates: bool = False) -> list[tuple[Report, Report]]:
        """(year Y, year Y+1) report pairs of the same issuer: what the audit compares. Documents
        that are not reports are left out, and copies of another report unless
        ``include_duplicates``; the pairing rule is :func:`fzanalyzer.audit.consecutive_pairs`."""
        from .audit import consecutive_pairs

        source = self._reports if include_duplicates else self.unique()
        kept = [r for r in source if r.meta.is_report]
        return consecutive_pairs([(r, r.meta.issuer, r.meta.year_covered) for r in kept])

    # -- comparisons (compare/) ----------------------------------------------------------------
    def panel(
        self,
        *,
        min_similarity: float | None = None,
        include_targets: bool = False,
        include_duplicates: bool = False,
    ) -> pd.DataFrame:
        """One row per (issuer, year, indicator) keyed by its codebook code (else its linked name)."""
        from .compare.panel import panel

        reports = self._reports if include_duplicates else self.unique()
        return panel(
            reports, min_similarity=min_similarity, include_targets=include_targets, include_duplicates=True
        )

    def audit(self, encoder: object | None = None) -> list:
        """Follow-through audits of every consecutive-year pair of the same issuer."""
        from .audit.followthrough import audit

        return [audit(a, b, encoder=encoder) for a, b in self.consecutive_pairs()]  # type: ignore[arg-type]

    def reuse(self, **kwargs: object) -> list:
        """Reused passages between every pair of reports, copies of one report left out unless
        ``include_duplicates=True`` (see ``reuse.passages.find_reuse``)."""
        from .reuse.passages import find_reuse

        reports = self._reports if kwargs.pop("include_duplicates", False) else self.unique()
        return find_reuse(reports, **kwargs)  # type: ignore[arg-type]

    def reuse_df(self, **kwargs: object) -> pd.DataFrame:
        """Reused passages as a DataFrame: one row per passage, spans on both sides."""
        from .reuse.passages import reuse_df

        return reuse_df(self.reuse(**kwargs))

    def similarity(self, part: str | None = None) -> pd.DataFrame:
        """Report × report similarity (character n-gram TF-IDF), of whole texts or one part."""
        from .compare.similarity import similarity_matrix

        return similarity_matrix(self._reports, part=part)

    def wording_shifts(self, **kwargs: object) -> pd.DataFrame:
        """Terms that appear or vanish between consecutive years of each issuer (log-odds)."""
        from .compare.wording import wording_shifts

        return wording_shifts(self._reports, **kwargs)  # type: ignore[arg-type]

    def kwic(self, term: str, width: int = 20) -> pd.DataFrame:
        """Keyword in context: every occurrence of ``term`` with ``width`` characters each side."""
        from .compare.wording import kwic

        return kwic(self._reports, term, width=width)

    def to_jsonl(self, path: str | Path, include_text: bool = True) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for r in self._reports:
                fh.write(json.dumps(r.to_dict(include_text=include_text), ensure_ascii=False) + "\n")


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)
