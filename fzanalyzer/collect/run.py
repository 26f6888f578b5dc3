"""The fetch loop: manifest in; files, provenance sidecars and a log table out.

Each address of the manifest is fetched once per run (conditionally when an earlier run has
it: ``If-None-Match`` / ``If-Modified-Since``; not at all when the earlier answer gave no
validators, unless ``refresh``), saved as ``OUT/ID.ext`` with ``OUT/ID.ext.fetch.json`` beside
it, and its report attachments as ``OUT/ID.att1.pdf`` …. Every address gets a row in the log
(``OUT/fetch-log.csv``, appended run after run); failures are rows with a code, never an
exception that stops the run.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import __version__
from ..errors import FzError
from ..resources import load_json
from .manifest import Entry, read_manifest
from .state import FetchState, atomic_write

if TYPE_CHECKING:
    import pandas as pd

    from .http import Answer, PoliteClient

#: Columns of the fetch log, in order.
LOG_COLUMNS = (
    "id",
    "role",
    "url",
    "final_url",
    "outcome",
    "http_status",
    "code",
    "message",
    "file",
    "bytes",
    "sha256",
    "duplicate_of",
    "content_type",
    "etag",
    "last_modified",
    "attempts",
    "seconds",
    "fetched_at",
)

SIDECAR = ".fetch.json"


def _defaults() -> dict[str, Any]:
    return {k: v for k, v in load_json("fetch.json").items() if not k.startswith("_")}


@dataclass
class FetchSettings:
    """Politeness and limits; defaults come from ``data/fetch.json``."""

    delay: float = field(default_factory=lambda: float(_defaults()["delay"]))
    timeout: float = field(default_factory=lambda: float(_defaults()["timeout"]))
    retries: int = field(default_factory=lambda: int(_defaults()["retries"]))
    backoff: float = field(default_factory=lambda: float(_defaults()["backoff"]))
    max_retry_after: float = field(default_factory=lambda: float(_defaults()["max_retry_after"]))
    max_bytes: int = field(default_factory=lambda: int(_defaults()["max_bytes"]))
    user_agent: str = field(
        default_factory=lambda: str(_defaults()["user_agent"]).format(version=__version__)
    )
    attachments: bool = True
    refresh: bool = False
    check_report: bool = True  # flag pages that do not read as a report (E128); the file is kept


def fetch(
    manifest: str | Path | list[Entry],
    out: str | Path,
    *,
    settings: FetchSettings | None = None,
    progress: Callable[[dict[str, Any]], None] | None = None,
    client: PoliteClient | None = None,
) -> pd.DataFrame:
    """Fetch every address of ``manifest`` into ``out``; returns this run's log as a DataFrame.

    ``progress`` is called with each log row as it is written. The same call again fetches
    nothing new: unchanged pages answer 304 to conditional requests.
    """
    import pandas as pd

    from .http import PoliteClient

    settings = settings or FetchSettings()
    entries = read_manifest(manifest) if isinstance(manifest, str | Path) else list(manifest)
    outdir = Path(out)
    outdir.mkdir(parents=True, exist_ok=True)
    own = client is None
    http = client or PoliteClient(settings)
    run = _Run(outdir, settings, http, progress)
    try:
        for entry in entries:
            run.entry(entry)
    finally:
        if own:
            http.close()
    return pd.DataFrame(run.rows, columns=list(LOG_COLUMNS))


class _Run:
    def __init__(
        self,
        out: Path,
        settings: FetchSettings,
        http: PoliteClient,
        progress: Callable[[dict[str, Any]], None] | None,
    ) -> None:
        self.out, self.settings, self.http, self.progress = out, settings, http, progress
        self.state = FetchState(out)
        self.rows: list[dict[str, Any]] = []
        # sha256 → id of the first file with that content (this run and earlier ones)
        self.by_sha = {rec["sha256"]: rec["id"] for rec in self.state.urls.values() if "sha256" in rec}

    def entry(self, entry: Entry) -> None:
        answer, row = self.one(entry, entry.url, entry.id, "page")
        links: list[str] = []
        if answer is not None and self.settings.attachments:
            links = [entry.attachment_url] if entry.attachment_url else []
            if _is_html(answer):
                from .attachments import report_links

                links += [u for u in report_links(answer.content, answer.final_url) if u not in links]
        if answer is not None and not links and self.settings.check_report:
            why = _not_a_report(self.out / row["file"])
            if why:
                row.update(code="E128", message=_msg("E128", entry.url, why))
        self._log(row)
        for n, link in enumerate(links, start=1):
            _, att = self.one(entry, link, f"{entry.id}.att{n}", "attachment")
            self._log(att)

    def one(self, entry: Entry, url: str, name: str, role: str) -> tuple[Answer | None, dict[str, Any]]:
        """Fetch one address; returns the answer when new content was saved (else None) and
        the log row, which the caller writes."""
        from .http import FetchError

        prior = None if self.settings.refresh else self.state.get(url)
        row: dict[str, Any] = {"id": name, "role": role, "url": url}
        if prior and not (prior.get("etag") or prior.get("last_modified")):
            return None, {**row, **_carry(prior), "outcome": "cached"}
        headers = {}
        if prior and prior.get("etag"):
            headers["If-None-Match"] = prior["etag"]
        if prior and prior.get("last_modified"):
            headers["If-Modified-Since"] = prior["last_modified"]
        try:
            answer = self.http.get(url, headers)
        except FetchError as exc:
            return None, {**row, "outcome": "failed", "code": exc.code, "message": exc.message}
        row.update(
            final_url=answer.final_url,
            http_status=answer.status,
            attempts=answer.attempts,
            seconds=answer.elapsed,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        if answer.status == 304 and prior:
            return None, {**row, **_carry(prior), "outcome": "not_modified"}
        path = self.out / (name + _suffix(answer))
        sha = hashlib.sha256(answer.content).hexdigest()
        dup = self.by_sha.get(sha)
        row.update(
            outcome="fetched",
            file=path.name,
            bytes=len(answer.content),
            sha256=sha,
            duplicate_of=dup if dup and dup != name else None,
            content_type=answer.headers.get("content-type"),
            etag=answer.headers.get("etag"),
            last_modified=answer.headers.get("last-modified"),
        )
        if not answer.content.strip():
            return None, {
                **row,
                "outcome": "failed",
                "code": "E126",
                "message": _msg("E126", url, "empty body"),
            }
        atomic_write(path, answer.content)
        provenance = {
            **{k: row[k] for k in LOG_COLUMNS if k not in ("outcome", "code", "message", "seconds")},
            "manifest": {"id": entry.id, **entry.facts},
            "user_agent": self.settings.user_agent,
            "fetcher": f"fzanalyzer {__version__}",
        }
        atomic_write(path.with_name(path.name + SIDECAR), _json(provenance))
        self.by_sha.setdefault(sha, name)
        self.state.put(url, {"id": name, **{k: row[k] for k in ("file", "sha256", "etag", "last_modified")}})
        return answer, row

    def _log(self, row: dict[str, Any]) -> None:
        full = {k: row.get(k) for k in LOG_COLUMNS}
        self.rows.append(full)
        log = self.out / "fetch-log.csv"
        new = not log.exists()
        with log.open("a", encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(LOG_COLUMNS))
            if new:
                w.writeheader()
            w.writerow({k: "" if v is None else v for k, v in full.items()})
        if self.progress:
            self.progress(full)


def _not_a_report(path: Path) -> str | None:
    """Why a fetched page does not read as a rule-of-law report (None when it does)."""
    from ..pipeline import load

    try:
        report = load(path, analyze=False)
    except FzError as exc:
        return exc.message
    if report.meta.is_report:
        return None
    return f"reads as {report.meta.doc_type or 'another kind of document'}: {report.meta.title or 'no title'}"


def _carry(prior: dict[str, Any]) -> dict[str, Any]:
    return {k: prior.get(k) for k in ("file", "sha256", "etag", "last_modified")}


def _msg(code: str, url: str, detail: str) -> str:
    return FzError.from_code(code, path=url, detail=detail).message


def _is_html(answer: Answer) -> bool:
    ctype = answer.headers.get("content-type", "").split(";")[0].strip().lower()
    return ctype in ("text/html", "application/xhtml+xml") or answer.content[
        :512
    ].lstrip().lower().startswith((b"<!doctype html", b"<html"))


def _suffix(answer: Answer) -> str:
    """File suffix from the content type, else from the address, else .html."""
    ctype = answer.headers.get("content-type", "").split(";")[0].strip().lower()
    known = load_json("fetch.json")["content_types"]
    if ctype in known:
        return str(known[ctype])
    path = urlsplit(answer.final_url).path.lower()
    for suffix in (*load_json("fetch.json")["attachment_suffixes"], ".html", ".htm", ".txt"):
        if path.endswith(suffix):
            return ".html" if suffix == ".htm" else str(suffix)
    return ".html"


def _json(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1, default=str) + "\n").encode("utf-8")
