"""Extraction of evidence from a report's normalized text: numeric indicators
(:mod:`~fzanalyzer.extract.indicators`, with number parsing, periods, subjects and the spaCy
pipeline in the sibling modules) and plans (:mod:`~fzanalyzer.extract.plans`)."""
