"""Collect reports from the web: a manifest of addresses in, files with provenance out.

``fzanalyzer.fetch(manifest, out)`` (CLI ``fzanalyzer fetch``) downloads every address of a
manifest politely (robots.txt, one request at a time per host with a delay, backoff on 429 and
5xx), follows the attachment links that hold the report, keeps a cache so a re-run makes only
conditional requests, and writes beside each file a provenance sidecar (``NAME.fetch.json``)
that ``fzanalyzer extract`` reads into the report's metadata.

Modules: ``manifest`` (the CSV of addresses), ``http`` (the polite client), ``attachments``
(links to the report's document), ``state`` (cache and resume), ``run`` (the loop and its log).
"""

from __future__ import annotations

from .run import FetchSettings, fetch

__all__ = ["FetchSettings", "fetch"]
