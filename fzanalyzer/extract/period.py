"""Resolve a period phrase, as written, to an ISO date interval against the report's year.

The phrase is kept as written in ``Indicator.period`` (that is what gold files hold); the
resolved interval goes to ``Indicator.period_resolved``. Relative words (今年, 全年, 年内, 截至年底)
refer to the year the report covers (``meta.year_covered``), never to today's date.

>>> resolve_period("2019年1-11月", 2019)
'2019-01/2019-11'
>>> resolve_period("全年", 2021), resolve_period("截至年底", 2021), resolve_period("今年以来", 2022)
('2021', '../2021-12-31', '2022')
>>> resolve_period("自8月5日以来", 2019)
'2019-08-05/..'
>>> resolve_period("2020年全年", None)
'2020'
>>> resolve_period("专项行动期间", 2019) is None
True
"""

from __future__ import annotations

import re

_THIS_YEAR = re.compile(r"^(?:全年度?|今年(?:以来)?|本年度?|当年|年内|年初以来)$")


def resolve_period(period: str | None, year: int | None) -> str | None:
    """ISO 8601 date or interval (``..`` for an open end) for a period phrase, or ``None``."""
    if not period:
        return None
    p = re.sub(r"\s+", "", period)
    m = re.search(r"(\d{4})年", p)
    y = int(m.group(1)) if m else year
    if y is None:
        return None
    if _THIS_YEAR.match(p):
        return str(y)
    if p.startswith(("截至", "截止")):
        m2 = re.search(r"(\d{1,2})月(?:(\d{1,2})日)?", p)
        if m2:
            day = f"-{int(m2.group(2)):02d}" if m2.group(2) else ""
            return f"../{y}-{int(m2.group(1)):02d}{day}"
        if re.search(r"年?底|年末", p):
            return f"../{y}-12-31"
        return None
    if p.startswith("自") or p.endswith("以来"):
        m2 = re.search(r"(\d{1,2})月(?:(\d{1,2})日)?", p)
        if m2:
            day = f"-{int(m2.group(2)):02d}" if m2.group(2) else ""
            return f"{y}-{int(m2.group(1)):02d}{day}/.."
        return None
    m2 = re.search(r"(\d{1,2})月?[-—–~至](\d{1,2})月", p)
    if m2:
        return f"{y}-{int(m2.group(1)):02d}/{y}-{int(m2.group(2)):02d}"
    if "上半年" in p:
        return f"{y}-01/{y}-06"
    if "下半年" in p:
        return f"{y}-07/{y}-12"
    if "前三季度" in p:
        return f"{y}-01/{y}-09"
    if re.fullmatch(r"\d{4}年(?:全年)?度?", p):
        return str(y)
    return None
