"""Pattern data of the normalization steps, loaded once from ``fzanalyzer/data``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import load_json


@dataclass(frozen=True)
class NormalizePatterns:
    heading_start: re.Pattern[str]
    page_number: tuple[re.Pattern[str], ...]
    page_number_strict: re.Pattern[str]
    sentence_end: re.Pattern[str]
    paragraph_end: re.Pattern[str]
    nfkc_keep: re.Pattern[str]
    traditional_share: float
    traditional_min_chars: int
    running_header_min_repeats: int
    running_header_max_len: int
    unwrap_min_lines: int
    unwrap_full_share: float
    unwrap_tolerance: int
    unwrap_wide_share: float


@dataclass(frozen=True)
class ChromePatterns:
    strong: re.Pattern[str]
    symbol_only: re.Pattern[str]
    issuer_line: re.Pattern[str]
    addressee_line: re.Pattern[str]
    title_line: re.Pattern[str]
    date_line: re.Pattern[str]
    max_len: int


@cache
def normalize_patterns() -> NormalizePatterns:
    d = load_json("normalize.json")
    return NormalizePatterns(
        heading_start=re.compile(d["heading_start"]),
        page_number=tuple(re.compile(p) for p in d["page_number"]),
        page_number_strict=re.compile(d["page_number_strict"]),
        sentence_end=re.compile(d["sentence_end"]),
        paragraph_end=re.compile(d["paragraph_end"]),
        nfkc_keep=re.compile(d["nfkc_keep"]),
        traditional_share=float(d["traditional_share"]),
        traditional_min_chars=int(d["traditional_min_chars"]),
        running_header_min_repeats=int(d["running_header_min_repeats"]),
        running_header_max_len=int(d["running_header_max_len"]),
        unwrap_min_lines=int(d["unwrap_min_lines"]),
        unwrap_full_share=float(d["unwrap_full_share"]),
        unwrap_tolerance=int(d["unwrap_tolerance"]),
        unwrap_wide_share=float(d["unwrap_wide_share"]),
    )


@cache
def chrome_patterns() -> ChromePatterns:
    d = load_json("chrome.json")
    return ChromePatterns(
        strong=re.compile("|".join(f"(?:{p})" for p in d["strong"])),
        symbol_only=re.compile(d["symbol_only"]),
        issuer_line=re.compile(d["issuer_line"]),
        addressee_line=re.compile(d["addressee_line"]),
        title_line=re.compile(d["title_line"]),
        date_line=re.compile(d["date_line"]),
        max_len=int(d["max_len"]),
    )
