"""Comparisons across reports: similarity of reports and parts, wording shifts and key words in context, and the
year-by-issuer panel of indicators. Plan follow-through audits live in :mod:`fzanalyzer.audit`, copied passages and
duplicate reports in :mod:`fzanalyzer.reuse`."""
