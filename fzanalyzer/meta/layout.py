"""Lines for the metadata step from a text whose head or tail runs together on one line.

A web page copied without its line breaks gives one long line: site chrome, title, addressee,
opening and body, and at the end the last sentence, the issuer, the date and the page footer.
The metadata step looks for the title among the first lines and the signature among the last,
so the runs are split here: the title ends where an addressee or the opening follows it; it
starts at the start of the line, or where the signature's issuer is named before 关于 or a year,
or after a mark of page chrome (】 > |); the signature is the last issuer + date after a sentence
end near the end, and what follows it on the line is the page footer. Only the metadata step's
view of the lines changes; the normalized text (and every offset into it) stays as it is.

>>> unglue(["棠溪区人民政府关于2021年度法治政府建设情况的报告市委、市政府:2021年,我区坚持依法行政,"
...         "法治政府建设取得新成效。现将有关情况报告如下:一、主要举措和成效。棠溪区人民政府2022年3月25日"])
... # doctest: +NORMALIZE_WHITESPACE
['棠溪区人民政府关于2021年度法治政府建设情况的报告', '市委、市政府:',
 '2021年,我区坚持依法行政,法治政府建设取得新成效。现将有关情况报告如下:一、主要举措和成效。',
 '棠溪区人民政府', '2022年3月25日']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..normalize.resources import chrome_patterns, load_json

__all__ = ["unglue"]

_DATE = (
    r"(?:(?:19|20)\d{2}|[〇○零Ｏ0一二][〇○零Ｏ0一二三四五六七八九]{3})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_CHROME_MARK = re.compile(r"[】>|｜»]\s*")


@dataclass(frozen=True)
class _GlueLex:
    title: re.Pattern[str]
    addressee: re.Pattern[str]
    addressee_before_opening: re.Pattern[str]
    signature: re.Pattern[str]
    max_title_line: int
    max_signature_line: int
    head_window: int
    tail_window: int
    max_footer: int
    title_lead: int
    chrome_lead: re.Pattern[str]
    chrome_mark: re.Pattern[str]
    opening_year: re.Pattern[str]
    menu_lead: re.Pattern[str]
    menu_mark: re.Pattern[str]
    title_reject: re.Pattern[str]


@cache
def _lex() -> _GlueLex:
    d = load_json("meta.json")
    g = d["glued"]
    return _GlueLex(
        title=re.compile(g["title"]),
        addressee=re.compile(g["addressee"]),
        addressee_before_opening=re.compile(g["addressee_before_opening"]),
        signature=re.compile(
            rf"(?<={g['sentence_end']})\s*([\u4e00-\u9fff()（）]{{2,40}}?(?:{d['organ_suffix']}))\s*({_DATE})"
        ),
        max_title_line=int(g["max_title_line"]),
        max_signature_line=int(g["max_signature_line"]),
        head_window=int(g["head_window"]),
        tail_window=int(g["tail_window"]),
        max_footer=int(g["max_footer"]),
        title_lead=int(g["title_lead"]),
        chrome_lead=re.compile(rf"\s*(?:{g['chrome_lead']}|{g['menu_lead']})+"),
        chrome_mark=re.compile(rf"{_CHROME_MARK.pattern}|{g['chrome_field']}\s*"),
        opening_year=re.compile(g["opening_year"]),
        menu_lead=re.compile(rf"\s*(?:{g['menu_lead']})+"),
        menu_mark=re.compile(rf"(?:{g['menu_mark']})\s*"),
        title_reject=re.compile(d["chrome_title_reject"]),
    )


def _title_at(line: str, issuer: str | None) -> tuple[int, int] | None:
    """(start, end) of the title in a long first line."""
    lex = _lex()
    window = line[: lex.head_window]
    if len(line) <= lex.max_title_line:
        m = lex.title.match(line)
        return (0, m.end(1)) if m else None
    starts = [(_past_menu(line, 0), False)]
    if issuer:
        found = re.finditer(re.escape(issuer) + r"(?=关于|(?:19|20)\d{2}|年度)", window)
        starts += [(x.start(), False) for x in found]
    starts += [(_past_menu(line, x.end()), True) for x in lex.chrome_mark.finditer(window)]
    starts += [(x.end(), False) for x in lex.menu_mark.finditer(window)]  # the title starts right after
    for pos, after_chrome in starts:
        m = lex.title.match(line, pos)
        if (
            m
            and len(m.group(1)) <= lex.max_title_line
            and not lex.chrome_mark.search(m.group(1))
            and not lex.menu_mark.search(m.group(1))  # …政务邮箱分享南昌市…: a widget, then the title
            and not lex.title_reject.search(m.group(1))  # 首   页 走进汉台 新闻中心…: a menu, not a title
            and not _FIELD_MARK.search(m.group(1))  # 其他文件发布机构:发布日期:…: fields, not a title
            and not (after_chrome and len(m.group(1).strip()) < _MIN_TITLE)  # > 政府工作报告: a column's name
        ):
            start = _trim_lead(line, pos, m.end(1)) if after_chrome else pos
            return _after_inner_title(line, start, m.end(1)), m.end(1)
    return _title_inside(line, window)


def _past_menu(line: str, pos: int) -> int:
    """Past a site menu's words at ``pos``: those that never begin a title (无障碍兰州新区…, > 通知公告2025年
    天津…) whatever follows them, the others (政务公开兴安盟…) when a title opens after them (a division
    name, 关于, 中共 or a year); else ``pos``."""
    lex = _lex()
    if (menu := lex.menu_lead.match(line, pos)) and menu.end() < len(line):
        pos = menu.end()  # words that never begin a title
    lead = lex.chrome_lead.match(line, pos)
    if lead and (_title_opens(line, lead.end()) or _YEAR_AT.match(line, lead.end())):
        return lead.end()
    return pos


def _repeated(s: str, pos: int) -> int:
    """The length of a run at ``pos`` that the text repeats right after it, else 0.

    >>> _repeated("来源:息县人民政府息县人民政府关于", 3)
    6
    """
    for k in range(2, 21):
        if s[pos : pos + k] == s[pos + k : pos + 2 * k] and len(s) >= pos + 2 * k:
            return k
    return 0


_FIELD_MARK = re.compile(r"[:：\[\]［］【】，,。；;？?！!]|\s{2}|\d{6}")  # a field, a sentence
_RULE_OF_LAW = re.compile(r"法治|依法")
_REPORTING = re.compile(r"现[将就对](?:(?:19|20)\d{2}\s*年度?)?$")
# 关于 opens a title at the start, after chrome or after the organ that issues it (…人民政府关于), never
# inside a sentence (习近平总书记关于法治政府建设的重要指示…)
_ABOUT_AFTER = re.compile(r"(?:^|[^\u4e00-\u9fff]|政府|局|厅|委|办|室|会|处|院|部|署)$")


def _title_inside(line: str, window: str) -> tuple[int, int] | None:
    """A title after page chrome without a mark before it (发布机构：南昌县人民政府 …公开方式：主动公开
    南昌县政府2022年度…报告): the first clean title (no field label, code or sentence mark in it,
    a rule-of-law word) that starts at 关于 or at a division name.

    >>> line = "索引号:0001/2022-7 发布机构:省政府办公厅 成文日期:2022-03-29浙江省2021年法治政府建设情况• 日期"
    >>> s, e = _title_inside(line + "。" * 80, line)
    >>> line[s:e]
    '浙江省2021年法治政府建设情况'
    """
    from .region import gazetteer_name_at

    lex = _lex()
    for pos in range(len(window)):
        about = window.startswith("关于", pos) and bool(_ABOUT_AFTER.search(window, 0, pos))
        if not (about or gazetteer_name_at(window, pos)):
            continue
        if _REPORTING.search(window, 0, pos):
            continue  # 现将武定县2022年度…报告如下: the report named in its opening sentence, no title
        pos += _repeated(window, pos)  # 息县人民政府息县人民政府关于…: the name printed twice
        m = lex.title.match(line, pos)
        if (
            m
            and len(m.group(1)) <= lex.max_title_line
            and not lex.chrome_mark.search(m.group(1))
            and not _FIELD_MARK.search(m.group(1))
            and _RULE_OF_LAW.search(m.group(1))
        ):
            return _after_inner_title(line, pos, m.end(1)), m.end(1)
    return None


_YEAR_AT = re.compile(r"(?:19|20)\d{2}\s*年")
_INNER_END = re.compile(r"(?:报告|总结)(?!的)")
_MIN_TITLE = 8


def _after_inner_title(line: str, start: int, end: int) -> int:
    """Where a run that closes a title twice starts its last title: a column's name (法治政府建设
    年度报告) or the title printed twice before the title itself.

    >>> s = "法治政府建设年度报告福田区人民政府2024年法治政府建设年度报告"
    >>> s[_after_inner_title(s, 0, len(s)) :]
    '福田区人民政府2024年法治政府建设年度报告'
    """
    inner = [m.end() for m in _INNER_END.finditer(line, start, end) if end - m.end() >= _MIN_TITLE]
    return inner[-1] if inner else start


def _title_opens(line: str, pos: int) -> bool:
    """Whether a title may start at ``pos``: at 关于, 中共 or a division name."""
    from .region import gazetteer_name_at

    return line.startswith(("关于", "中共"), pos) or bool(gazetteer_name_at(line, pos))


def _trim_lead(line: str, start: int, end: int) -> int:
    """A title after page chrome may keep the chrome's last word (繁体静海区2023年度…): start it
    at the division name that follows within a few characters."""
    if _title_opens(line, start):
        return start
    for pos in range(start + 1, min(start + _lex().title_lead + 1, end)):
        if _title_opens(line, pos):
            return pos
    return start


def _split_head(line: str, issuer: str | None) -> list[str]:
    lex = _lex()
    span = _title_at(line, issuer)
    if not span:
        # An untitled copy may still open on its addressee (福州市人民政府:2025年,罗源县…).
        a = lex.addressee_before_opening.match(line)
        if a:
            return [a.group(1), line[a.end(1) :].strip()]
        # …申请行政救济2019年,汉源县…: chrome before the opening of an untitled one-line copy
        o = lex.opening_year.search(line, 0, lex.head_window)
        return [line[: o.start()].strip(), line[o.start() :]] if o and o.start() > 0 else [line]
    out = [line[: span[0]].strip(), line[span[0] : span[1]].strip()]
    rest = line[span[1] :].strip()
    a = lex.addressee.match(rest) or lex.addressee_before_opening.search(rest, 0, lex.head_window)
    if a:
        out += [rest[: a.start(1)].strip(), a.group(1)]
        rest = rest[a.end(1) :].strip()
    return [x for x in [*out, rest] if x]


def _split_tail(line: str) -> tuple[list[str], str | None]:
    """(lines, signature issuer): the last issuer + date near the end, what follows dropped."""
    lex = _lex()
    offset = max(0, len(line) - lex.tail_window)
    found = list(lex.signature.finditer(line, offset))
    # What follows the signature on the line is a page footer (short), not an attachment.
    valid = [
        m
        for m in found
        if chrome_patterns().issuer_line.match(m.group(1)) and len(line) - m.end() <= lex.max_footer
    ]
    if not valid:
        return [line], None
    m = valid[-1]
    body = line[: m.start(1)].strip()
    return [x for x in (body, m.group(1), m.group(2)) if x], m.group(1)


def unglue(lines: list[str]) -> list[str]:
    """``lines`` with a long last line split at the signature (the page footer after it dropped)
    and a long first line split around the title and the addressee; other lines as they are."""
    if not lines:
        return lines
    lex = _lex()
    out = list(lines)
    issuer = None
    if len(out[-1]) > lex.max_signature_line:
        tail, issuer = _split_tail(out[-1])
        out[-1:] = tail
    # A short first line may still hold a title and what follows it; only a long one is searched
    # past its start (for a title after page chrome).
    out[0:1] = _split_head(out[0], issuer if len(out[0]) > lex.max_title_line else None)
    return _join_number_lines(out, _NUMBER_WINDOW)


_NUMBER_WINDOW = 12  # lines: the title, addressee and opening
_NUMBER_LINE = re.compile(r"\d{1,4}")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]$")


def _join_number_lines(lines: list[str], window: int) -> list[str]:
    """The first lines with a number that stands on a line of its own rejoined with the lines
    around it: a document converted span by span breaks its lines around every number
    (关于 / 2018 / 年宁波市人民政府法治政府建设工作情况的报告).

    >>> _join_number_lines(["关于", "2018", "年宁波市人民政府法治政府建设工作情况的报告", "市人大常委会:"], 8)
    ['关于2018年宁波市人民政府法治政府建设工作情况的报告', '市人大常委会:']
    """
    out = list(lines)
    i = 1
    while i < min(len(out), window) - 1:
        if (
            _NUMBER_LINE.fullmatch(out[i])
            and out[i + 1][:1] in "年月日-—)）"
            and not _SENTENCE_END.search(out[i - 1])
        ):
            out[i - 1 : i + 2] = [out[i - 1] + out[i] + out[i + 1]]
        else:
            i += 1
    return out
