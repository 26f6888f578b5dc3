"""HTML reader: a saved government web page → the report body, one paragraph per line.

The charset comes from a BOM, then the page's own declaration (``<meta charset>``,
``http-equiv Content-Type``, an XML declaration; GB2312/GBK are decoded as GB18030), then
detection as for text files. trafilatura extracts the main text with
``include_tables=False, include_comments=False, favor_recall=True``: on div, table and
``<br>`` layouts of government pages it keeps the whole body and drops the navigation,
breadcrumbs, 来源/发布时间/字号 lines, print/close links and the footer (without
``favor_recall`` it kept the breadcrumb and 来源 line on ``<br>`` layouts). trafilatura's title
and date become hints; when the title is printed only in the page heading, outside the article,
it is put back as the first line (a report's text starts with its title).

When trafilatura finds nothing, or keeps less than half of the Chinese characters in the page's long
lines (20+ characters: paragraphs, not chrome), the reader falls back to a plain walk over the page's
text (scripts and styles dropped, block elements and ``<br>`` as line breaks), which keeps the
chrome for the normalize step to remove. A page with no text at all is E030.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import limits
from ..errors import IngestError, warning
from . import RawDocument
from .text import DecodeError, decode_bytes, gb_safe

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "object",
        "embed",
        "svg",
        "select",
        "option",
    ]
)

#: trafilatura must keep at least this share of the Chinese characters of the page's body text.
MIN_KEPT = 0.5
#: Deepest nesting libxml2 reads with ``huge_tree`` (256 without it).
HTML_MAX_DEPTH = 2048


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 kB (mapped with :func:`gb_safe`).

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    """
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return gb_safe(m.group(1).decode("ascii", "replace")) if m else None


def read_html(path: Path) -> RawDocument:
    """Read a saved web page (see the module docstring)."""
    data = limits.read_bounded(path, limits.MAX_HTML_BYTES, "HTML")
    declared = declared_charset(data)
    try:
        page, encoding, guessed = decode_bytes(data, declared=declared)
    except DecodeError as exc:
        raise IngestError.from_code("E004", path=path, detail=str(exc)) from exc
    warnings: list[str] = []
    if guessed:
        warnings.append(warning("W001", encoding + (f" (page declares {declared})" if declared else "")))
    text, hints = extract_html(page)
    hints["encoding"] = encoding
    if hints.pop("too_deep", False):
        if not text.strip():
            raise IngestError.from_code("E031", path=path, detail=HTML_MAX_DEPTH)
        warnings.append(warning("W017", HTML_MAX_DEPTH))
    if not text.strip():
        raise IngestError.from_code("E030", path=path, detail="no text outside scripts, styles and markup")
    if hints.pop("fallback", False):
        warnings.append(
            warning("W013", "trafilatura kept too little of the page; plain page text used, chrome included")
        )
    return RawDocument(text=text, format="html", hints=hints, warnings=warnings)


def read_mht(path: Path) -> RawDocument:
    """Read a MIME HTML archive (.mht/.mhtml; also Word/WPS "web page" files saved as .doc):
    its first ``text/html`` part, through the HTML reader."""
    import email
    import email.policy

    data = limits.read_bounded(path, limits.MAX_HTML_BYTES, "HTML")
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            declared = part.get_content_charset() or declared_charset(data)
            try:
                page, encoding, guessed = decode_bytes(data, declared=declared)
            except DecodeError as exc:
                raise IngestError.from_code("E004", path=path, detail=str(exc)) from exc
            text, hints = extract_html(page)
            hints["encoding"] = encoding
            hints["source_format"] = "mht"
            hints.pop("fallback", None)
            hints.pop("too_deep", None)
            if not text.strip():
                raise IngestError.from_code("E030", path=path, detail="the archive's HTML part has no text")
            warnings = [warning("W001", encoding)] if guessed else []
            return RawDocument(text=text, format="html", hints=hints, warnings=warnings)
    raise IngestError.from_code("E030", path=path, detail="a MIME archive without an HTML part")


def extract_html(page: str) -> tuple[str, dict]:
    """Main text and hints (title, date) of an HTML string.

    >>> html = "<html><body><div>首页 | 政务公开</div><p>" + "全区办理行政复议案件12件。" * 20 + "</p></body></html>"
    >>> text, hints = extract_html(html)
    >>> "全区办理行政复议案件12件。" in text, "<p>" in text
    (True, False)
    """
    import json

    import trafilatura

    hints: dict = {}
    raw = trafilatura.extract(
        page,
        output_format="json",
        with_metadata=True,
        include_tables=False,
        include_comments=False,
        favor_recall=True,
        deduplicate=False,
    )
    text = ""
    if raw:
        doc = json.loads(raw)
        text = (doc.get("text") or "").strip()
        if doc.get("title"):
            hints["title"] = clean_title(doc["title"])
        if doc.get("date"):
            hints["date"] = doc["date"]
    plain = plain_text(page, hints)
    if _cjk(text) < MIN_KEPT * _cjk(_long_lines(plain)):
        text = plain
        hints["fallback"] = True
    if _title_missing(hints.get("title"), text):
        # Sites often print the title only in the page heading, outside the article body:
        # a report's text starts with its title, so put it back.
        text = hints["title"] + "\n" + text
    return text, hints


# (a single — or - between digits is a range: 2019—2020年, 1-11月; not a separator)
_TITLE_SEPARATORS = re.compile(
    r"\s*(?:_|\||｜|--|——| [-—–] |(?<=[\u4e00-\u9fff])[-—–](?=[\u4e00-\u9fff]))\s*"
)


def clean_title(title: str) -> str:
    """A page title without the site name that sites join to it (``标题_某区人民政府``): the
    longest of the parts split at ``_ | ｜ ——`` or at a dash between words.

    >>> clean_title("关于2020年度法治政府建设情况的报告_某区人民政府门户网站")
    '关于2020年度法治政府建设情况的报告'
    """
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title.strip()) if p.strip()]
    return max(parts, key=_cjk) if len(parts) > 1 else title.strip()


def _title_missing(title: str | None, text: str) -> bool:
    if not title or _cjk(title) < 6:
        return False
    squashed = re.sub(r"\s+", "", text[:1000])
    return re.sub(r"\s+", "", title) not in squashed


def plain_text(page: str, hints: dict | None = None) -> str:
    """All visible text of a page, block elements and ``<br>`` as line breaks.

    A page nested deeper than the parser reads (2048 levels) sets ``hints["too_deep"]``.

    >>> plain_text("<div>一、总体情况<br>全年办理<b>12</b>件。</div><script>x()</script>")
    '一、总体情况\\n全年办理12件。'
    """
    import lxml.html
    from lxml import etree

    try:
        # huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops the rest of the
        # page (a page of 300 nested <div>s read as "no report text").
        parser = lxml.html.HTMLParser(huge_tree=True)
        root = lxml.html.document_fromstring(page, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    if hints is not None and any("Excessive depth" in e.message for e in parser.error_log):
        hints["too_deep"] = True
    parts: list[str] = []
    body = root.find("body")
    # Iterative, not recursive: nesting deeper than Python's recursion limit is read too.
    walker = etree.iterwalk(body if body is not None else root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        skip = not tag or tag in _SKIP_TAGS
        if event == "start":
            if skip:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
            continue
        if tag in _BLOCK_TAGS and not skip:
            parts.append("\n")
        if el.tail and el is not root and el is not body:
            parts.append(el.tail)
    lines = (re.sub(r"[ \t\u00a0\u3000]+", " ", ln).strip() for ln in "".join(parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _long_lines(text: str) -> str:
    """Lines with at least 20 Chinese characters: body paragraphs (chrome lines are short)."""
    return "\n".join(ln for ln in text.split("\n") if _cjk(ln) >= 20)


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
