"""Removal of web-page chrome before and after a report's body.

Text copied from a government site keeps the page's furniture: the site banner, a clock line
(今天是2021年3月31日 星期三), the nav bar, the breadcrumb (您所在的位置), 来源/发布时间/字号 lines,
索引号 blocks, and after the body 打印本页/关闭窗口, the 留言咨询/纠错 form, 主办单位, 版权所有 and ICP
lines. The body runs from the title (with the issuer line just above it, when the title is split
in two) or, without a title, from the addressee line / first outline heading / first paragraph,
down to the signature (issuer + date) or the last paragraph. Chrome is removed only outside that
body, never inside it. Patterns: ``fzanalyzer/data/chrome.json``.

>>> remove_chrome("XX网站\\n今天是2021年3月31日 星期三\\n关于2020年度法治政府建设情况的报告\\n"
...               "市委：\\n2020年，我区坚持依法行政，取得新成效。\\n打印本页 关闭窗口")
'关于2020年度法治政府建设情况的报告\\n市委：\\n2020年，我区坚持依法行政，取得新成效。'
"""

from __future__ import annotations

import re
from functools import cache

from ..segment.lexicon import marker_start
from .resources import chrome_patterns, normalize_patterns
from .steps import strip_glosses

_HEAD_SCAN = 80  # body start is looked for among the first lines only
# Short closing formulas of official documents (特此报告) are report text.
_PUNCT = re.compile(r"[，,；;：:！!？?、]")
_CLOSING = re.compile(r"^(特此(报告|说明|函告)|以上报告|妥否|请审议|请予审议)")


def is_chrome(line: str) -> bool:
    """Is this (stripped) line web-page furniture?"""
    cp = chrome_patterns()
    s = line.strip()
    if not s:
        return False
    if cp.symbol_only.match(s):
        return True
    if marker_start(("cn_dun", "cn_paren")).match(s) and not s.endswith("*"):
        return False  # （五）推行二维码执法 is a heading; web forms number their fields 1. 2.
    return len(s) <= cp.max_len and "。" not in s and cp.strong.search(s) is not None


def _is_body_paragraph(s: str) -> bool:
    return len(s) >= 50 and any(c in s for c in "。，,；;")


def _is_title(s: str) -> bool:
    # 內(nèi)蒙古自治區(qū)人民政府關(guān)於…報(bào)告: a title with the readings a site glossed it with.
    s = strip_glosses(s)
    return "。" not in s and chrome_patterns().title_line.match(s) is not None


def _is_issuer(s: str) -> bool:
    return not is_chrome(s) and chrome_patterns().issuer_line.match(s) is not None


def _is_date(s: str) -> bool:
    return chrome_patterns().date_line.match(s) is not None


def _body_start(lines: list[str], idx: list[int]) -> int | None:
    cp = chrome_patterns()
    heading = normalize_patterns().heading_start
    for i in idx[:_HEAD_SCAN]:
        s = lines[i].strip()
        if is_chrome(s):
            continue
        if cp.addressee_line.match(s) or heading.match(s) or _is_body_paragraph(s):
            return i
    return None


def _head_drop(lines: list[str], idx: list[int]) -> set[int]:
    b = _body_start(lines, idx)
    if b is None:
        return set()
    zone = [i for i in idx if i < b]
    chrome = [i for i in zone if is_chrome(lines[i])]
    if not chrome:
        # Not a web copy: lines above the title (a red header 静海区人民政府文件, a document
        # number) belong to the document.
        return set()
    titles = [i for i in zone if not is_chrome(lines[i]) and _is_title(lines[i].strip())]
    if titles:
        t = titles[-1]
        keep = {t}
        before = [i for i in zone if i < t]
        if before and _is_issuer(lines[before[-1]].strip()):
            keep.add(before[-1])
        keep |= {i for i in zone if i > t and not is_chrome(lines[i])}
        return {i for i in zone if i not in keep}
    return {i for i in zone if i <= chrome[-1]}


def _tail_drop(lines: list[str], idx: list[int]) -> set[int]:
    @cache  # read from the end only as far as needed: not every line of a long text
    def kind(k: int) -> str:
        s = lines[idx[k]].strip()
        if is_chrome(s):
            return "chrome"
        if _is_date(s) or _is_issuer(s):
            return "signature"
        # A long line without punctuation is a link title (相关链接 lists), not a paragraph.
        if "。" in s or _CLOSING.match(s) or (len(s) > 30 and _PUNCT.search(s)):
            return "body"
        return "other"

    for k in range(len(idx) - 1, -1, -1):
        if kind(k) == "body":
            break
        if kind(k) == "signature":
            s = lines[idx[k]].strip()
            prev = kind(k - 1) if k > 0 else None
            nxt = lines[idx[k + 1]].strip() if k + 1 < len(idx) else ""
            if _is_date(s) and prev in ("body", "signature"):
                break
            if _is_issuer(s) and (prev == "body" or _is_date(nxt)):
                break
    else:
        return set()
    after = range(k + 1, len(idx))
    if not any(kind(j) == "chrome" for j in after):
        return set()
    return {idx[j] for j in after}


def remove_chrome(text: str) -> str:
    """Remove web-page chrome lines before and after the report body (see module doc)."""
    lines = text.split("\n")
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if not idx:
        return text
    drop = _head_drop(lines, idx)
    rest = [i for i in idx if i not in drop]
    drop |= _tail_drop(lines, rest)
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


_DATE_LABEL = re.compile(
    r"(发布|成文|发文|印发|更新)(时间|日期)\s*[:：]?\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_DATE_RANK = ("发布", "更新", "印发", "发文", "成文")
_CHROME_HINT = 2000
#: 标题：…, 名称：… of an info table, 中文名：… of a wiki's infobox; a table whose cells lost their
#: colon and bar prints 标      题 西藏自治区2018年度法治政府建设情况 (the label alone, spaced out)
TITLE_LABEL = re.compile(
    r"^[-•·*\s]*(?:(?:原?标\s*题|名\s*称|信息名称|中\s*文\s*名)\s*[:：]|标\s*题(?=\s|[\u4e00-\u9fff\d]))\s*(.{4,80}?)\s*$"
)


def chrome_hints(before: str, after: str) -> dict[str, str]:
    """What the chrome removed from ``before`` (leaving ``after``) said about the page: its
    publication date, the title of its info block, and the removed lines themselves (``chrome``,
    at most ``_CHROME_HINT`` characters): a site header or 信息来源 line names the government
    whose page it is (天津市静海区人民政府, 辰溪县小龙门乡)."""
    kept = set(after.split("\n"))
    hints: dict[str, str] = {}
    best = len(_DATE_RANK)
    removed: list[str] = []
    for line in before.split("\n"):
        if line in kept:
            continue
        s = line.strip()
        if s:
            removed.append(s)
        for m in _DATE_LABEL.finditer(s):
            rank = _DATE_RANK.index(m.group(1))
            if rank < best:  # a publication date over an update or a signing date
                best = rank
                hints["date"] = f"{int(m.group(3)):04d}-{int(m.group(4)):02d}-{int(m.group(5)):02d}"
        label = TITLE_LABEL.match(s)
        if label and "title" not in hints:
            hints["title"] = label.group(1)
    if removed:
        hints["chrome"] = "\n".join(removed)[:_CHROME_HINT]
    return hints
