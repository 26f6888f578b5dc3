"""The year a report covers (not the year it was published).

Evidence, strongest first: a year in the title (关于2020年度…的报告); a year in a level-1 heading
(一、2020年度…主要举措; a plan heading 四、2021年…主要安排 means 2021 − 1); the opening sentence
(2020年，…); and, weakest, the signature or publication date (a report signed in 2021-03 covers
2020). A clock line of the web page (今天是2019年…) is chrome and gone before this runs.

>>> year_covered("关于2020年度法治政府建设情况的报告", [], "2020年，我区…", None)
(2020, None)
>>> year_covered(None, ["四、2021年工作安排"], "", None)
(2020, None)
>>> year_covered(None, ["三、2020年存在的不足暨2021年工作安排"], "2020年，我市…", None)
(2020, None)
>>> year_covered("关于2021年度法治政府建设情况的报告", [], "2020年，我区…", None)
(2021, 'the text also points to 2020')
>>> year_covered(None, [], "", "2021-03-26")
(2020, 'only the signature/publication date 2021-03-26')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..normalize.resources import load_json

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4}
_CN_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})


@dataclass(frozen=True)
class _YearLex:
    year: re.Pattern[str]
    heading_year: re.Pattern[str]
    opening_year: re.Pattern[str]
    plan_cues: tuple[str, ...]
    report_year: re.Pattern[str]
    column_year: re.Pattern[str]
    span_title: re.Pattern[str]
    body_year: re.Pattern[str]
    body_year_min: int


@cache
def _lex() -> _YearLex:
    d = load_json("meta.json")
    return _YearLex(
        year=re.compile(d["year"]),
        heading_year=re.compile(d["heading_year"], re.M),
        opening_year=re.compile(d["opening_year"]),
        plan_cues=tuple(d["plan_cues"]),
        report_year=re.compile(d["report_year"]),
        column_year=re.compile(d["column_year"], re.M),
        span_title=re.compile(d["span_title"]),
        body_year=re.compile(d["body_year"]),
        body_year_min=int(d["body_year_min"]),
    )


def parse_year(s: str) -> int | None:
    """``2020`` or ``二〇二〇`` → 2020."""
    if s.isdigit() and len(s) == 4:
        return int(s)
    try:
        return int("".join(str(_CN_DIGITS[c]) if not c.isdigit() else c for c in s))
    except KeyError:
        return None


def first_year(s: str) -> int | None:
    m = _lex().year.search(s)
    return parse_year(m.group(1)) if m else None


def opens_with_year(s: str) -> bool:
    """Does ``s`` open the way a report's opening does, on its year (2024年以来，…)?

    >>> opens_with_year("2024年以来,我市坚持…"), opens_with_year("河北省人民政府:")
    (True, False)
    """
    return _lex().opening_year.match(s) is not None


def _date_year(iso: str | None) -> int | None:
    """The year covered by a report signed or published on ``iso`` (YYYY-MM-DD)."""
    if not iso:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})", iso)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    # Reports are due in the first quarter; those signed late in the year report on that year.
    return year if month >= 10 else year - 1


def year_covered(
    title: str | None,
    headings: list[str],
    opening: str,
    date: str | None,
    chrome: str = "",
    body: str = "",
) -> tuple[int | None, str | None]:
    """(year, doubt): ``doubt`` is None when the text itself says the year. ``chrome`` holds the
    page furniture normalization removed; a site column named for the year (…法治政府建设年度报告
    > 2021年度) dates a page whose text names none. ``body`` is a report's text: when nothing
    above names a year, the year it names most (at least twice, alone at the top) dates it,
    before any date.

    >>> year_covered(None, ["一、加强党的领导"], "", "2020-03-01", "", "印发《2019年教育法治工作要点》，布置了2019年全市…")
    (2019, "only the text's most named year 2019")

    >>> year_covered(None, ["一、总体情况"], "", None, "首页> 政务公开> 法治政府建设年度报告 > 2021年度")
    (2021, None)
    >>> year_covered("关于本届政府以来推进依法行政工作情况的报告", [], "2012年以来，我局…", "2017-02-21")
    (None, 'the title covers several years')
    """
    lex = _lex()
    votes: Counter[int] = Counter()
    if title and (y := first_year(title)):
        votes[y] += 6
    elif title and lex.span_title.search(title):
        return None, "the title covers several years"
    for h in headings:
        m = lex.heading_year.match(h)
        if not m:
            continue
        y = int(m.group(1))
        if any(c in h for c in lex.plan_cues):
            # 三、2020年存在的不足暨2021年工作安排: the plan's year is the last one named.
            y = max([y, *(int(x) for x in re.findall(r"((?:19|20)\d{2})\s*年", h))])
            votes[y - 1] += 4
        else:
            votes[y] += 4
    m = lex.opening_year.match(opening or "")
    if m:
        votes[int(m.group(1))] += 3
    elif m := lex.report_year.search(opening or ""):
        votes[int(m.group(1))] += 3  # …现将庆隆镇2020年度法治政府建设情况报告如下
    if votes:
        year = votes.most_common(1)[0][0]
        if len(votes) > 1:
            others = ", ".join(str(y) for y in sorted(votes) if y != year)
            return year, f"the text also points to {others}"
        return year, None
    if m := lex.column_year.search(chrome):
        return int(m.group(1)), None
    named = Counter(int(m.group(1)) for m in lex.body_year.finditer(body)).most_common(2)
    if named and named[0][1] >= lex.body_year_min and (len(named) == 1 or named[1][1] < named[0][1]):
        return named[0][0], f"only the text's most named year {named[0][0]}"
    y = _date_year(date)
    if y is not None:
        return y, f"only the signature/publication date {date}"
    return None, "no year in title, headings, opening or dates"
