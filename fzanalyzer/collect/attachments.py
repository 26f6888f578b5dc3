"""Links on a report page to the document that holds the report (PDF, DOC, DOCX, WPS).

Government sites often publish a short page whose body is only a link such as
「附件：2021年法治政府建设情况报告.pdf」. A link is kept when its address ends in a document suffix
and its address or link text names the report (``attachment_text`` in ``data/fetch.json``), or
when it is the page's only document link.

>>> page = b'<a href="/u/a.pdf">2021\\xe5\\xb9\\xb4\\xe6\\xb3\\x95\\xe6\\xb2\\xbb\\xe6\\x94\\xbf\\xe5\\xba\\x9c\\xe5\\xbb\\xba\\xe8\\xae\\xbe\\xe6\\x83\\x85\\xe5\\x86\\xb5\\xe6\\x8a\\xa5\\xe5\\x91\\x8a</a><a href="x.html">home</a>'
>>> report_links(page, "https://gov.example/p/1.html")
['https://gov.example/u/a.pdf']
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from ..resources import load_json


def report_links(page: bytes, base_url: str) -> list[str]:
    """Absolute addresses of the report documents a page links to, in page order."""
    import lxml.html

    cfg = load_json("fetch.json")
    suffixes = tuple(cfg["attachment_suffixes"])
    cue = re.compile(cfg["attachment_text"])
    try:
        root = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return []
    docs: list[tuple[str, bool]] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urljoin(base_url, href)
        if not urlsplit(url).path.lower().endswith(suffixes):
            continue
        label = " ".join(a.itertext()) + " " + (a.get("title") or "")
        if url not in (u for u, _ in docs):
            docs.append((url, bool(cue.search(label) or cue.search(unquote(url)))))
    named = [u for u, ok in docs if ok]
    return named or ([docs[0][0]] if len(docs) == 1 else [])
