"""Report metadata from the normalized text: title, issuer, region + adcode, level, year covered,
publication date, and whether the document is a rule-of-law government report at all.

Where each field comes from:

- ``issuer``: the title's opening organ (淞阳市人民政府关于…), a line above the title, the
  signature; a headline's subject holding a verb (区人大常委会听取区政府…) is no issuer.
- ``region``: the issuer's divisions, completed from the gazetteer (those fields are listed in
  ``region_inferred``) and, above the issuer, from what the text says where it addresses its
  superior: the addressee line (``汀阳市人民政府：`` gives a county its city, ``南岑省人民政府：``
  a city its province) and the opening's ``在…领导下`` clause (``在南岑省委、省政府和市委的坚强
  领导下``); see :mod:`fzanalyzer.meta.superior`. These are text, not inferred.
- ``published``: the signature date, else the web page's publication date (``hints['date']``),
  else the file's creation date (``hints['created']``, PDF/DOCX metadata; warning W014).
- ``year_covered``: title, level-1 headings, opening; a report without them falls back on its
  signature or page date (a report signed in the first quarter covers the year before, W010),
  never on the file's creation date.

Documents that are not reports (``is_report`` false, ``doc_type`` says what they are): the
contract leaves their fields open, and this module decides so:

- ``issuer`` (and with it ``level``) only when the document names the body that issues it
  (琅屿县人民政府办公室关于印发…的通知, a signature); a news item or a speech has none, and its
  level is null. The issuer is never guessed from the region, as it is for reports.
- ``region``: the issuer's, else the divisions the title opens with (静海区召开… → 静海区).
- ``year_covered``: the single year the document says it is about (2021年全区法治政府建设工作要点
  → 2021; news on the hearing of the 2020 report → 2020), else null; never from dates, and a span
  (实施方案（2021—2025年）) is no single year.

>>> m = extract_meta("天津市静海区人民政府关于2020年度法治政府建设情况的报告\\n区人大常委会：\\n"
...                  "2020年，我区坚持依法行政。\\n一、主要举措和成效\\n二、存在的不足\\n"
...                  "天津市静海区人民政府\\n2021年3月26日", {})
>>> m.issuer, m.region.province, m.adcode, m.level, m.year_covered, m.published, m.is_report
('天津市静海区人民政府', '天津市', '120118', 'district_county', 2020, '2021-03-26', True)
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise, takewhile

from ..errors import warning
from ..model import Meta, Region
from ..normalize.chrome import TITLE_LABEL
from ..normalize.resources import chrome_patterns, load_json, normalize_patterns
from .doctype import classify, reaches_extract_floor, strip_glosses
from .layout import unglue
from .region import (
    RegionResult,
    city_of_zone,
    mentions,
    official_names,
    parse_issuer,
    resolve_region,
    short_form,
)
from .superior import superior_names
from .year import opens_with_year, parse_year, year_covered

__all__ = ["extract_meta"]

_HEAD_LINES = 8  # the title is looked for among the first lines
_TAIL_LINES = 5  # the signature among the last lines
_MAX_FURNITURE = 4  # lines of page furniture passed over after it
_OWN_NAME_MIN = 2  # mentions of a county-level city that make it the report's own
_TITLE_TAIL = 8  # the last piece of a wrapped title that is too short to be a title alone
_KIND_LEVEL = {"township": "township", "county": "district_county", "city": "city", "province": "province"}
_LEVEL_RANK = {"province": 0, "city": 1, "district_county": 2, "township": 3}
_SELF_WINDOW = 600  # characters of the opening where a report's 我局/我县/本镇 say who speaks
_NAME_BEFORE = 12  # characters before a department's organ where its divisions are looked for


@dataclass(frozen=True)
class _MetaLex:
    issuer_in_title: re.Pattern[str]
    government_organs: frozenset[str]
    level_pronouns: dict[str, tuple[str, ...]]
    title_cue: re.Pattern[str]
    date: re.Pattern[str]
    issuer_stopwords: tuple[str, ...]
    opening_subject: re.Pattern[str]
    opening_lead: re.Pattern[str]
    department_words: tuple[str, ...]
    organ_end: re.Pattern[str]
    metadata_line: re.Pattern[str]
    metadata_issuer: re.Pattern[str]
    abbreviations: tuple[tuple[str, str], ...]  # longest first
    zone_abbreviations: tuple[tuple[str, str], ...]
    report_subject: re.Pattern[str]
    region_organs: re.Pattern[str]
    township: re.Pattern[str]
    township_min: int
    name_window: int
    title_noise: tuple[re.Pattern[str], ...]
    quoted_title: re.Pattern[str]
    chrome_title_reject: re.Pattern[str]
    zone_name: re.Pattern[str]
    new_area: re.Pattern[str]
    zone_organ: str
    flat_lines: int
    piece_start: re.Pattern[str]
    run_in_heading_end: re.Pattern[str]
    department_self: re.Pattern[str]
    department_party_group: re.Pattern[str]
    township_self: re.Pattern[str]
    line_department: re.Pattern[str]
    rule_of_law: re.Pattern[str]


@cache
def _lex() -> _MetaLex:
    d = load_json("meta.json")
    organ = d["organ_suffix"]
    return _MetaLex(
        issuer_in_title=re.compile(
            # An organ may carry its second name in brackets (藏语委办(编译局)); a title may go on
            # with 公布 (湖南省人民政府公布2017年度…) or 近年来 (…税务局近年来依法行政工作情况的报告).
            # A year is never inside it (古竹乡2025年法治政府年度报告: 政府 of 法治政府 is no organ).
            rf"^((?:(?!(?:19|20)\d{{2}}\s*年).){{2,40}}?(?:{organ}|(?<![干全内本局总各])部)(?:[(（][\u4e00-\u9fff]{{2,10}}[)）])?)"
            rf"(?=关于|(?:发布|公布)?(?:19|20)\d{{2}}|[〇○零一二][〇○零一二三四五六七八九]{{3}}|年度|法治|依法|近年来)"
        ),
        government_organs=frozenset(d["government_organs"]),
        level_pronouns={k: tuple(v) for k, v in d["level_pronouns"].items()},
        title_cue=re.compile(d["title_cue"]),
        date=re.compile(
            r"((?:19|20)\d{2}|[〇○零Ｏ0一二][〇○零Ｏ0一二三四五六七八九]{3})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"
            r"\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$"
        ),
        issuer_stopwords=tuple(d["issuer_stopwords"]),
        opening_subject=re.compile(d["opening_lead"] + d["opening_subject"]),
        opening_lead=re.compile(d["opening_lead"]),
        department_words=(*d["government_organs"], *d["department_words"]),
        organ_end=re.compile(rf"(?:{organ})$"),
        metadata_line=re.compile(d["metadata_line"]),
        metadata_issuer=re.compile(d["metadata_issuer"]),
        abbreviations=tuple(sorted(d["organ_abbreviations"].items(), key=lambda kv: -len(kv[0]))),
        zone_abbreviations=tuple(d["zone_abbreviations"].items()),
        report_subject=re.compile(d["report_subject"]),
        region_organs=re.compile(d["region_organs"]),
        township=re.compile(rf"(?<=[\u4e00-\u9fff])(?={d['township_name']})"),
        township_min=int(d["township_min_mentions"]),
        name_window=int(d["name_window"]),
        title_noise=tuple(re.compile(p) for p in d["title_noise"]),
        quoted_title=re.compile(d["quoted_title"]),
        chrome_title_reject=re.compile(d["chrome_title_reject"]),
        zone_name=re.compile(d["zone_name"]),
        new_area=re.compile(d["new_area"]),
        zone_organ=d["zone_organ"],
        flat_lines=int(d["glued"]["flat_lines"]),
        piece_start=re.compile(rf"(?<={d['glued']['piece_end']})"),
        run_in_heading_end=re.compile(d["glued"]["run_in_heading_end"]),
        department_self=re.compile(d["department_self"]),
        department_party_group=re.compile(d["department_party_group"]),
        township_self=re.compile(d["township_self"]),
        rule_of_law=re.compile(d["rule_of_law_cue"]),
        line_department=re.compile(
            "|".join(
                sorted(
                    (re.escape(w) for w in d["department_words"] if w not in d["not_line_department"]),
                    key=len,
                    reverse=True,
                )
            )
        ),
    )


def _cn_small(s: str) -> int | None:
    """``3`` or ``二十六`` → 26 (months and days)."""
    if s.isdigit():
        return int(s)
    digits = "一二三四五六七八九"
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + digits.index(s[1]) + 1
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.index(tens) + 1) * 10 + (digits.index(ones) + 1 if ones else 0)
    return digits.index(s) + 1 if s in digits else None


def _iso(y: str, m: str, d: str) -> str | None:
    year, month, day = parse_year(y), _cn_small(m), _cn_small(d)
    if year is None or not month or not day or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _hint_date(hint: object) -> str | None:
    m = re.search(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", str(hint or ""))
    return _iso(*m.groups()) if m else None


def _clean_title_line(s: str) -> str:
    """A title line without what a site or an upload wrapped it in (meta.json ``title_noise``).

    >>> _clean_title_line("附件：「青岚县2021年度法治政府建设情况报告.docx」")
    '青岚县2021年度法治政府建设情况报告'
    >>> _clean_title_line("青岚县2021年度法治政府建设情况报告 - 青岚县人民政府门户网站")
    '青岚县2021年度法治政府建设情况报告'
    """
    for _ in range(2):  # 「….docx」: the extension sits inside the brackets
        for p in _lex().title_noise:
            s = p.sub("", s)
    return s.strip()


def _find_title(lines: list[str], hints: dict) -> tuple[int | None, str | None]:
    cp = chrome_patterns()
    lex = _lex()
    heading = normalize_patterns().heading_start
    for i, line in enumerate(lines[:_HEAD_LINES]):
        s = _clean_title_line(_TITLE_TAG.sub("", line.strip()))  # [权威发布]福建省2017年…
        label = TITLE_LABEL.match(strip_glosses(s))
        if label:
            # 标题：… of an info table; 原标题：陕西发(fā)布…, what a repost was first titled
            return i, _clean_title_line(_TITLE_TAG.sub("", label.group(1)))
        if row := _table_title(s):
            return i, row
        if s.startswith(("——", "--")):
            # a subtitle: no title, unless it names the report after 暨
            # (——我省法治政府建设进入发展新阶段暨福建省2017年法治政府建设情况报告)
            rest = s.rpartition("暨")[2]
            if "暨" in s and cp.title_line.match(rest) and lex.title_cue.search(rest):
                return i, rest
            continue
        number = _DOC_NUMBER.match(s)
        rest = s[number.end() :].strip() if number else ""
        if (
            rest
            and "。" not in rest
            and len(rest) <= 80
            and cp.title_line.match(rest)
            and lex.title_cue.search(rest)
        ):
            return i, rest  # 长政发〔2021〕1号长海县2020年度法治政府建设情况报告: the number glued before it
        if (
            heading.match(s)
            or _SENTENCE_OPENER.match(s)
            or number
            or lex.metadata_line.match(s)
            or _table_cells(s)
            or lex.chrome_title_reject.search(s)
        ):
            continue  # a first heading (一、…总体情况), a sentence (现将…报告), 浙卫〔2024〕3号, 首页 > …
        if "。" not in s and len(s) <= 80 and cp.title_line.match(s) and lex.title_cue.search(s):
            prev = lines[i - 1].strip() if i > 0 else _chrome_title_start(s, hints)
            if _title_first_half(prev, s):
                # A long title printed on two lines (关于2020年度法治政府 / 建设工作情况的报告).
                return i, prev + s
            return i, s
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if 0 < len(nxt) <= _TITLE_TAIL and cp.title_line.match(s + nxt) and _title_first_half(s, nxt):
            # A title wrapped just before its end (…工作情 / 况报告), too short to be a title alone.
            return i + 1, s + nxt
    first = next(
        (
            k
            for k, x in enumerate(lines[:8])
            if not (_DOC_NUMBER.match(x) or lex.metadata_line.match(x) or _table_cells(x))
        ),
        None,
    )
    if first is not None:
        s = _clean_title_line(lines[first].strip())
        if first + 1 < len(lines) and cp.issuer_line.match(s):
            first, s = first + 1, lines[first + 1].strip()  # 西平县人民政府办公室 above its title
        nxt = lines[first + 1].strip() if first + 1 < len(lines) else ""
        issuer = lex.issuer_in_title.match(s)
        if (
            (
                s.startswith("关于")
                or (
                    issuer and _ORGAN_ONLY.match(s[: issuer.end(1)]) and s[issuer.end(1) :].startswith("关于")
                )
            )
            and not _CLAUSE_MARK.search(s + nxt)
            and _TITLE_END.search(nxt)
            and len(s + nxt) <= 80
        ):
            # 关于印发…法治政府建设 / 工作安排的通知; 某省人民政府办公厅关于印发 / 2022年度…要点的通知
            return first + 1, s + nxt
        if (
            4 <= len(s) <= 60
            and len(_HAN.findall(s)) >= 4  # an index number (000019713O03/2017-01257) names nothing
            and "。" not in s
            and not cp.addressee_line.match(s)
            and not heading.match(s)
            and not cp.issuer_line.match(s)
            and not _SENTENCE_OPENER.match(s)
            and not s.endswith((":", "："))
            and not s.startswith(("——", "--"))
            and not lex.chrome_title_reject.search(s)
            and not _BYLINE.match(s)
        ):
            return first, s
    for line in lines[:3]:
        m = lex.quoted_title.search(line)
        if m:
            return None, m.group("title")  # 现将《静海区2021年法治政府建设情况报告》公布如下
    for line in str(hints.get("chrome") or "").split("\n")[:_HEAD_LINES]:
        if row := _table_title(line):
            return None, row
        s = _clean_title_line(line)  # the page's title line, removed with the site's name on it
        if (
            "。" not in s
            and cp.title_line.match(s)
            and lex.title_cue.search(s)
            and re.search(r"(?:19|20)\d{2}", s)
            and not lex.chrome_title_reject.search(s)
            and not heading.match(s)
        ):
            return None, s
    hint = str(hints.get("title") or "").strip()
    if hint:
        parts = [p.strip() for p in re.split(r"[_|｜]|\s[-—–]\s", hint) if p.strip()]
        best = next((p for p in parts if lex.title_cue.search(p)), parts[0] if parts else None)
        return None, best
    return None, None


def _table_title(line: str) -> str | None:
    """The title in a metadata table's row (| 标题: | 皇城镇…情况报告 | |), else None."""
    cells = _table_cells(line)
    label = TITLE_LABEL.match(" ".join(cells[:2])) if cells else None
    return _clean_title_line(label.group(1)) if label else None


def _chrome_title_start(line: str, hints: dict) -> str:
    """The first line of a title the chrome removal took away, when the text starts with the
    title's end (山东省交通运输厅关于2019年度 / 法治建设情况的报告); else empty."""
    head = [c.strip() for c in str(hints.get("chrome") or "").split("\n")[:_HEAD_LINES]]
    # never a labelled field of an info table (名 称: …报告 发布日期: …)
    head = [c for c in head if c and not re.search(r"[:：|]", c) and not _lex().metadata_line.match(c)]
    return next((c for c in reversed(head) if _title_first_half(c, line)), "")


def _page_title(title: str | None, hints: dict) -> str | None:
    """The page's own title line (removed with the site chrome) where it is the found title with
    its issuer before it: a page titled 桃源县人民政府2017年度法治政府建设情况报告 prints the issuer
    and 2017年度…报告 on two lines below; the line the page titles itself with is the title.

    >>> _page_title("2017年度法治政府建设情况报告", {"chrome": "桃源县人民政府2017年度法治政府建设情况报告"})
    '桃源县人民政府2017年度法治政府建设情况报告'
    """
    if not title:
        return title
    for line in str(hints.get("chrome") or "").split("\n")[:_HEAD_LINES]:
        s = _clean_title_line(line)
        label = TITLE_LABEL.match(s)
        # 标题：… in an info table: a label, not an issuer ([某政发〔2026〕7号] before it neither)
        s = _clean_title_line(label.group(1)) if label else s
        head = s[: len(s) - len(title)]
        if _lex().chrome_title_reject.search(head):
            continue  # a breadcrumb ending on the title (首页 >> 国家部委政策 >> 文化和旅游部关于…)
        if len(s) > len(title) and s.endswith(title) and "。" not in s:
            m = _lex().issuer_in_title.match(s)
            if m and s.startswith(m.group(1)) and len(m.group(1)) >= len(head.removesuffix("关于")):
                return s
            if _divisions_only(head.removesuffix("关于")):
                return s  # 酉阳土家族苗族自治县可大乡关于2023年…: a township named without its organ
            dated = _YEAR_FIRST.sub("", head)
            m = _lex().issuer_in_title.match(dated + title) if dated != head else None
            if m and m.group(1) == dated:
                # 2023年度浦东新区川沙新镇人民政府 / 法治政府建设情况报告: year, organ, then the title
                return s
    return title


def _divisions_only(s: str | None, *, known: str = "any") -> bool:
    """Is ``s`` a run of division names and nothing else (彭水县棣棠乡, not 首页 or 市委 or
    鲍沟镇人民政府)? ``known``: how many of them the gazetteer must know — ``"any"`` one of them,
    ``"all"`` every one (江门市新会区, not 领导下深圳市), ``"none"`` none need be known.

    >>> _divisions_only("酉阳土家族苗族自治县可大乡"), _divisions_only("信息公开")
    (True, False)
    >>> [_divisions_only(n, known="none") for n in ("鲍沟镇", "鲍沟镇人民政府", "荣昌区司法局")]
    [True, False, False]
    """
    if not s:
        return False
    tokens, organ = parse_issuer(s)
    if not tokens or organ or "".join(t.name for t in tokens) != s:
        return False
    check = {"any": any, "all": all}.get(known)
    return check is None or check(t.candidates for t in tokens)


_MINISTRY = re.compile(r"^[\u4e00-\u9fff]{1,8}(?<![干全内本局总各])部$")  # 司法部, 应急管理部
# 省政府, 街道办事处: a level's government, unnamed (the level is _BARE_LEVEL's); _START opens a clause with one
_BARE_GOVERNMENT_START = re.compile(r"(省|自治区|市|州|盟|县|区|旗|镇|乡|街道)(?:人民政府|政府|办事处)")
_BARE_GOVERNMENT = re.compile(_BARE_GOVERNMENT_START.pattern + "$")
_BARE_LEVEL = {
    **dict.fromkeys(("省", "自治区"), "province"),
    **dict.fromkeys(("市", "州", "盟"), "city"),
    **dict.fromkeys(("县", "区", "旗"), "district_county"),
    **dict.fromkeys(("镇", "乡", "街道"), "township"),
}
# A Party committee issuing with its government (中共海南省委 海南省人民政府, 宁夏回族自治区党委和人民政府):
# the report is the government's, at its level.
_PARTY_AND_GOVERNMENT = re.compile(
    r"^中共[\u4e00-\u9fff]{2,20}(?:委员会|党?委)[、，,\s和及]*([\u4e00-\u9fff]{2,20}(?:人民政府|政府|办事处))$"
)
_JOINT_ORGAN = re.compile(r"^(?:党?委|党工委)[、，,和及\s]*[\u4e00-\u9fff]*?(?:人民政府|政府|办事处)$")
_SHORT_GOVERNMENT = re.compile(r"^([\u4e00-\u9fff]{2,20}(?:省|市|区|县|旗|州|镇|乡))政府$")
_PARTY_BESIDE = re.compile(r"^((?:省|市|州|县|区|旗|镇|乡|自治区))委[、，,]?(?=\1(?:人民)?政府)")
_PARTY_COMMITTEE = re.compile(r"^(?:党?委|党?工委)$")
_ORGAN_AFTER = 10  # characters of an organ's name after its divisions (人力资源和社会保障局)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A city bureau's branch in a district (广州市公安局增城区公安分局, 杭州市公安局滨江区分局): the district's.
_BRANCH = re.compile(r"局([\u4e00-\u9fff]{1,8}?(?:区|县|市))([\u4e00-\u9fff]{0,6}分局)$")
_YEAR_LEAD = re.compile(r"^关于(?:19|20)\d{2}\s*年度?")
_WHOLE_TITLE = re.compile(r"^[\u4e00-\u9fff]{1,20}(?:省|市|区|县|州|旗|盟|镇|乡|街道)(?:19|20)\d{2}\s*年")
_BULLET = re.compile(r"^[•·●▪◆■►]\s*")
_CLAUSE_MARK = re.compile(r"[，,。；;]")
_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}\s*年度?")
_WHOLE_END = re.compile(r"(?:报告|总结)$")  # what closes a title, never its first line
_PREAMBLE = 200  # a preamble sentence before the opening is short
_TITLE_TAG = re.compile(r"^[\[【][^\]】]{1,8}[\]】]\s*")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[(（]\d{4}[〕\])）]\s*\d+\s*号")
#: a byline: who published the page and when (市司法局 2020年03月30日), never a title
_BYLINE = re.compile(r"^[\u4e00-\u9fff（）()]{0,30}\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_TITLE_END = re.compile(r"(通知|意见|方案|要点|安排|报告|情况|总结|规划|纲要|计划)$")
_ORGAN_ONLY = re.compile(r"[\u4e00-\u9fff]+$")  # an issuer before 关于, not a sentence's start (按照《…)
_SENTENCE_WORD = r"(?:根据|按照|依据|为(?!民)|现将|现就)"  # words that open a sentence, never a name
_SENTENCE_OPENER = re.compile(rf"^(?:{_SENTENCE_WORD}|\d{{4}}年[,，])|.*现将.{{0,40}}报告")
_SENTENCE_LEAD = re.compile(rf"^{_SENTENCE_WORD}")


def _opening_sentences(lines: list[str]) -> list[str]:
    """Each line, then what follows a preamble sentence at its start (今年是中国共产党成立100周年，
    …意义十分重大。2021年，闵行区在…): a report may open on the year's significance first."""
    out = list(lines)
    for s in lines:
        i = s.find("。", 0, _PREAMBLE)
        if i > 0:
            out.append(s[i + 1 :])
        if m := _YEAR_OF.match(s):
            out.append(m.group(1) + "，" + s[m.end() :])  # 2025年是《…》收官之年,北和镇在市委…领导下
    return out


#: a clause saying what the year was (2025年是…收官之年，), before the subject of the opening
_YEAR_OF = re.compile(r"^((?:19|20)\d{2}\s*年)是[^。，,]{2,80}?之年[，,]")


def _opening_subject(lines: list[str]) -> str | None:
    """Who reports, from the opening sentence of a page without its title line:
    ``2020年，江门市公安局坚持…`` → 江门市公安局; ``2023年，白云区坚持…`` → 白云区."""
    for s in _opening_sentences(lines[:3]):
        m = _lex().opening_subject.match(s)
        if m:
            subj = re.split(r"法治|依法|全面", m.group("subj"))[0]  # 中村乡法治政府建设工作在…
            subj = re.sub(r"(街道)党?工委", r"\1", subj)  # 垡头街道工委办事处
            # 市委市政府坚持…, 县委、县政府…: the Party committee beside its government, no name.
            subj = _PARTY_BESIDE.sub("", subj)
            # 上海市各级政府 / 江苏省各级政府及其部门 report for the province: its government.
            subj = re.sub(r"(?:各级(?:人民)?政府(?:及其(?:工作)?部门)?|(?<!人民)政府)$", "人民政府", subj)
            # 株洲深入贯彻…: a city or province by the short name running text gives it.
            subj = _by_short_name(subj) or subj
            tokens, organ = parse_issuer(subj)
            if tokens and organ and subj.endswith(organ) and not _is_organ(organ):
                # 大码头街道坚定不移地…: the divisions, then words that name no organ.
                subj = subj[: len(subj) - len(organ)]
            return subj if len(subj) >= 2 else None
    for s in _opening_sentences(lines[:3]):
        subj = _divisions_then_organ(s)
        if subj:
            return subj
    for s in lines[:3]:
        m = _lex().report_subject.search(s)
        if m and _names_a_body(m.group("subj")):
            return m.group("subj")  # 现将2018年上海市法治政府建设情况的报告公开如下
    return None


@cache
def _short_names() -> dict[str, str]:
    """The short names of provinces and cities (株洲 → 株洲市, 河南 → 河南省) that name one
    division only."""
    full: dict[str, set[str]] = {}
    for kind in ("province", "city"):
        for name in _division_names(kind)[0]:
            short = short_form(name)
            if short:
                full.setdefault(short, set()).add(name)
    return {k: v.pop() for k, v in full.items() if len(v) == 1}


def _by_short_name(subj: str) -> str | None:
    """The full name of the province or city ``subj`` is the short name of, else None.

    >>> _by_short_name("株洲"), _by_short_name("广西"), _by_short_name("株洲市")
    ('株洲市', '广西壮族自治区', None)
    """
    return _short_names().get(subj)


def _divisions_then_organ(s: str) -> str | None:
    """The subject of an opening whose verb the data does not list: the divisions right after its
    year (and 在…领导下), with the organ that follows them if one does (黑龙江省忠诚践行… →
    黑龙江省; 大码头街道坚定不移地… → 大码头街道), or a level's bare government (省政府坚定…)."""
    lead = _lex().opening_lead.match(s)
    if not lead:
        return None
    clause = _CLAUSE_MARK.split(s[lead.end() :], maxsplit=1)[0]
    bare = _BARE_GOVERNMENT_START.match(clause)
    if bare:
        return bare.group()
    tokens, _ = parse_issuer(clause)
    if not tokens or not clause.startswith(tokens[0].name):
        return None
    # Every province and city is in the gazetteer: an unknown one is words (白云区忠实践行省委).
    known = list(takewhile(lambda t: t.candidates or t.kind in ("county", "township"), tokens))
    names = "".join(t.name for t in known)
    rest = clause[len(names) :]
    if not names:
        return None
    # The organ after the divisions: the shortest run from a department's word that ends like an
    # organ (公安局, 人民政府), not the Party committee beside the government (西安市委、市政府…:
    # the division alone), nor words that end on one (认真贯彻省委…).
    if not rest.startswith(_lex().department_words):
        return names
    for k in range(1, min(len(rest), _ORGAN_AFTER) + 1):
        if _is_organ(rest[:k]):
            return names if _PARTY_COMMITTEE.match(rest[:k]) else names + rest[:k]
    return names


def _names_a_body(subj: str) -> bool:
    """Is ``subj`` divisions or an organ (上海市, 市卫健委), not words (一年来)?"""
    return bool(parse_issuer(subj)[0]) or _is_organ(subj)


def _table_cells(line: str) -> list[str]:
    """The cells of a table row copied with its bars (``| 关键词 | 发布机构 | 肃南县林草局 |``),
    else an empty list: a row of a site's info table is no title and no sentence.

    >>> _table_cells("| 发布机构 | 肃南县林草局 | |"), _table_cells("报告 | 某网"), _table_cells("| 有效性 |")
    (['发布机构', '肃南县林草局', ''], [], ['有效性'])
    """
    s = line.strip()
    if not (s.startswith("|") and s.endswith("|") and s.count("|") >= 2 and len(s) > 2):
        return []
    return [c.strip() for c in s.strip("|").split("|")]


def _is_organ(name: str) -> bool:
    """Does ``name`` end like an organ (司法局, 人民政府, 应急管理部)?"""
    return bool(_lex().organ_end.search(name) or _MINISTRY.match(name))


def _metadata_issuer(lines: list[str]) -> str | None:
    """发布机构：古镛镇人民政府 in a site's 信息公开 table, as lines or as a table's cells (a label's
    value is the cell after it)."""
    for s in lines[:10]:
        cells = _table_cells(s)
        fields = [f"{a.rstrip(':： ')}：{b}" for a, b in pairwise(cells)] if cells else [s]
        for f in fields:
            m = _lex().metadata_issuer.search(f)
            if m:
                return m.group("issuer")
    return None


def _title_first_half(prev: str, line: str) -> bool:
    """Is ``prev`` the first line of a title that ends on ``line``?"""
    cp = chrome_patterns()
    if (
        not prev
        or len(prev) > 40
        or len(line) > 30
        or (cp.issuer_line.match(prev) and "关于" not in prev)  # …人民政府关于法治政府 / 建设情况报告
        or cp.addressee_line.match(prev)
    ):
        return False
    if normalize_patterns().heading_start.match(prev) or re.search(r"[。，,;；:：!！?？]$", prev):
        return False
    if _DOC_NUMBER.match(prev) or "《" in prev:
        return False
    if (
        _lex().chrome_title_reject.search(prev)
        or _WHOLE_END.search(prev)
        or line.startswith(prev)
        or prev.startswith(line)
        or "_" in prev
    ):
        # a breadcrumb (首页>…>法治宣传), a column or title that is whole already (法治政府建设
        # 年度报告 above 福田区人民政府2024年…报告), the same title printed twice, the browser's
        # title (东莞市2016年…报告_法治政府建设情况报告_中国·东莞)
        return False
    if not re.search(r"关于|(?:19|20)\d{2}", prev) and _WHOLE_TITLE.match(line):
        return False  # a column's name (法治政府建设) above a whole title (西安市2023年…报告)
    return bool(re.search(r"关于|法治|依法", prev)) and not re.search(r"关于|法治政府建设", line[:4])


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """(issuer, ISO date) of the closing signature block."""
    cp = chrome_patterns()
    lex = _lex()
    # Page furniture left after the signature (【打印本页】, link bars with |) is passed over.
    end = len(lines)
    while end > 1 and len(lines) - end < _MAX_FURNITURE and _furniture(lines[end - 1].strip()):
        end -= 1
    tail = [s.strip() for s in lines[max(0, end - _TAIL_LINES) : end]]
    issuer = date = None
    for k in range(len(tail) - 1, -1, -1):
        s = tail[k]
        if len(s) > 50:
            break
        m = lex.date.search(s)
        if m and date is None:
            date = _iso(*m.groups())
            rest = s[: m.start()].strip()
            if rest and cp.issuer_line.match(rest):
                issuer = rest
            elif k > 0 and cp.issuer_line.match(tail[k - 1]):
                issuer = tail[k - 1]
            break
    if issuer is None and date is None and tail and cp.issuer_line.match(tail[-1]):
        issuer = tail[-1]
    return issuer, date


def _furniture(line: str) -> bool:
    """A line of page furniture that chrome removal left (a link bar, 【打印本页】)."""
    return bool(chrome_patterns().strong.search(line)) or any(c in line for c in "|｜【】")


def _pick_issuer(candidates: list[str | None]) -> str | None:
    """The most complete name: 临澄市棠溪区人民政府 over 棠溪区人民政府. A candidate holding a verb
    is a headline's subject, not an issuer (区人大常委会听取区政府关于…)."""
    stop = _lex().issuer_stopwords
    found = [c for c in candidates if c and not any(w in c for w in stop)]
    if not found:
        return None
    first = found[0]
    for c in found[1:]:
        if len(c) > len(first) and c.endswith(first):
            first = c
    return first


def government_of(issuer: str) -> str:
    """The government of a Party committee and its government issuing together, else ``issuer``:
    the report is the government's.

    >>> government_of("中共姚安县委、姚安县人民政府"), government_of("姚安县司法局")
    ('姚安县人民政府', '姚安县司法局')
    >>> government_of("中共南安市委柳城街道工作委员会南安市柳城街道办事处")  # the spaces normalized away
    '南安市柳城街道办事处'
    """
    joint = _PARTY_AND_GOVERNMENT.match(issuer)
    return joint.group(1) if joint else issuer


def speaks_for_division(organ: str) -> bool:
    """Is ``organ`` one through which a division itself speaks (its 人民政府, 街道办事处, a zone's
    管理委员会), so that the division named alone names the same body?"""
    lex = _lex()
    return organ in lex.government_organs or organ in (lex.zone_organ, "管委会")


_BARE_DEPARTMENT_LEVEL = {"省": "province", "市": "city", "县": "district_county", "区": "district_county"}


def organ_in_full(name: str) -> str:
    """``name`` with a short organ ending spelled out (meta.json ``organ_abbreviations``).

    >>> organ_in_full("市卫健委"), organ_in_full("三明市卫生健康委员会")
    ('市卫生健康委员会', '三明市卫生健康委员会')
    """
    for short, full in _lex().abbreviations:
        if name.endswith(short) and not name.endswith(full):
            return name[: -len(short)] + full
    return name


def _department_in_full(issuer: str, text: str) -> str:
    """A department as its full name reads: the short name's ending spelled out (市卫健委 →
    市卫生健康委员会, data in meta.json) and a bare 省/市/县/区 before it given the division the
    text names most at that level (省司法厅 → 山东省司法厅 in a text citing 《山东省…》).

    >>> _department_in_full("市卫健委", "制定《三明市卫生健康系统法治宣传方案》")
    '三明市卫生健康委员会'
    >>> _department_in_full("市民政局", "落实《重庆市法治政府建设实施方案(2016—2020年)》")
    '重庆市民政局'
    >>> _department_in_full("省市场监管局", "深入落实《黑龙江省法治政府建设实施方案(2016-2020年)》")
    '黑龙江省市场监督管理局'
    """
    issuer = organ_in_full(issuer)
    level = _BARE_DEPARTMENT_LEVEL.get(issuer[0])
    # 省市场监督管理局 names no division: 省市 is the bare level and the first character of 市场
    named = [t for t in parse_issuer(issuer)[0] if t.candidates or not t.name.startswith(issuer[0])]
    if level and _lex().organ_end.search(issuer) and not named:
        own = _most_named(level, text) or _titled_division(level, text)
        if own is None and level == "city":
            # 市民政局 of a municipality (重庆市法治政府建设实施方案 …): a city by name, a province by rank
            own = next((p for p in [_most_named("province", text)] if p in _municipalities()), None)
        if own and (level != "district_county" or own.endswith(issuer[0])):
            return own + issuer[1:]
    return issuer


def _spelled_out(issuer: str, text: str) -> str:
    """``issuer`` as the text also prints it in full: a zone's short name spelled out (南昌高新区管理
    委员会 → 南昌高新技术产业开发区管理委员会), a city's department under its city's full name
    (烟台人力资源和社会保障局 → 烟台市…, in a text naming 烟台市); else ``issuer``.

    >>> _spelled_out("南昌高新区管理委员会", "南昌高新技术产业开发区管理委员会贯彻落实…")
    '南昌高新技术产业开发区管理委员会'
    >>> _spelled_out("烟台人力资源和社会保障局", "全面贯彻落实中央、省、烟台市关于法治政府建设的决策部署")
    '烟台市人力资源和社会保障局'
    """
    for short, full in _lex().zone_abbreviations:
        if short in issuer and (longer := issuer.replace(short, full, 1)) in text:
            return longer
    from .gazetteer import gazetteer

    for k in (2, 3):
        city = issuer[:k] + "市"
        if (
            len(issuer) > k + 2
            and issuer[k] not in "省市县区镇乡旗州盟"  # 南昌县人民政府 is no department of 南昌市
            and not issuer.endswith(("政府", "办事处"))
            and not any(
                _lex().zone_name.search(t.name) for t in parse_issuer(issuer)[0]
            )  # 唐山高新区: its own
            and _is_organ(issuer)
            and any(d.level == "city" for d in gazetteer().by_name(city))
            and city in text
        ):
            return city + issuer[k:]
    return issuer


def _full_name(issuer: str | None, text: str) -> str | None:
    """An abbreviated issuer (市司法局, 区人民政府) completed from the text, where the full name
    (澄川市司法局) occurs; else the issuer as it is."""
    if not issuer or issuer[0] not in "省市区县镇乡旗" or len(issuer) > 8:
        return issuer
    base = re.escape(issuer[1:])
    # 现将省卫生健康委2019年度…报告如下: the words opening the sentence are no part of the name.
    names = Counter(
        _SENTENCE_LEAD.sub("", m.group(1)) + issuer[0] + issuer[1:]
        for m in re.finditer(rf"([\u4e00-\u9fff]{{2,12}}?){re.escape(issuer[0])}{base}", text)
    )
    for name, _ in names.most_common():
        tokens = parse_issuer(name)[0]
        prefix = name[: len(name) - len(issuer) + 1]
        if tokens and "".join(t.name for t in tokens).startswith(prefix):
            return name
    return issuer


def _government_named_in_text(res: RegionResult, text: str) -> str | None:
    """When only the region is known (静海区2023年度法治政府建设情况报告, 2023年，白云区坚持…),
    the issuer is that region's government: as the text names it whole (the longest of
    天津市静海区人民政府, 静海区人民政府 … found), else under the name a reader gives it — a district
    with its city (广州市白云区人民政府), a township with its county (渠县有庆镇人民政府, 上海市宝山区
    罗店镇人民政府), a county, city or province alone (岳阳县人民政府)."""
    names = [t.name for t in res.tokens]
    if not names:
        return None
    region = res.region
    prefixes = [
        "".join(x for x in (region.province, region.city) if x and x not in names),
        region.city if region.city and region.city not in names else "",
        "",
    ]
    street = bool(res.township and res.township.endswith("街道"))
    zone = _lex().zone_organ if _zone(res) and not res.township else None
    organs = ("街道办事处", "办事处") if street else (zone, "管委会") if zone else ("人民政府",)
    found = [p + "".join(names) + o for p in prefixes for o in organs if p + "".join(names) + o in text]
    if zone:
        # 郑东新区管委会 under its full name; a zone in a district (天津经济技术开发区 in 滨海新区)
        # is named under its city or municipality, not under the district.
        found = [f.removesuffix("管委会") + zone if f.endswith("管委会") else f for f in found]
        above = [n for n in (region.province, region.city) if n]
        named = any(names[-1].startswith(short_form(n) or n) for n in above)  # 天津经济技术开发区
        region = Region(None, None, names[-1]) if named else Region(region.province, region.city, names[-1])
    reader = _reader_name(region, res.township) + ("办事处" if street else zone or "人民政府")
    if found:
        best = max(found, key=len)
        return reader if len(reader) > len(best) and reader.endswith(best) else best
    return reader if any(mentions(n, text) for n in names) else None


def _zone(res: RegionResult) -> bool:
    """Is the lowest division ``res`` names a development zone or new area the gazetteer does not
    know (天津经济技术开发区, 郑东新区), which a 管理委员会 runs (meta.json ``zone_name``)?"""
    low = res.tokens[-1] if res.tokens else None
    return bool(low and low.kind == "county" and not low.candidates and _lex().zone_name.search(low.name))


def _zone_region(res: RegionResult, page: str, superiors: list[str]) -> RegionResult:
    """A zone's region: the divisions its text names most around it (按照天津市、滨海新区决策部署;
    《郑州市…条例》) — a district the gazetteer knows holds it, else the zone stands in the
    district's place under the city or province named. A new area (新区: 郑东新区, 柳东新区) is a
    county-level zone of its own, in no district (与鱼峰区对应部门… names a neighbour)."""
    zone = res.tokens[-1].name
    levels: tuple[str, ...] = (
        ("city", "province") if _lex().new_area.search(zone) else ("district_county", "city", "province")
    )
    named_after = city_of_zone(res.tokens[-1])  # 武汉经开区: Wuhan's, whatever else the text names
    if named_after is not None:
        levels = ("city",)
    for level in levels:
        above = named_after.name if named_after else _most_named(level, page.replace(zone, ""))
        if above is None:
            continue
        out = resolve_region(above + "人民政府", page, superiors, _LEVEL_RANK[level])
        if out.adcode is None:
            continue
        if level != "district_county":
            out.region.county_or_district = zone
        return RegionResult(out.region, out.adcode, out.inferred, res.tokens, res.organ, res.township)
    return res


def _reader_name(region: Region, township: str | None) -> str:
    """广州市白云区, 岳阳县, 渠县有庆镇, 上海市宝山区罗店镇: a district is named with its city (or
    municipality), a township with its county, anything else alone."""
    county = region.county_or_district
    if county:
        above = region.city or (region.province if region.province in _municipalities() else None)
        county = (above or "") + county if county.endswith("区") else county
    if township:
        return (county or "") + township
    return county or region.city or region.province or ""


@cache
def _municipalities() -> frozenset[str]:
    return frozenset(load_json("meta.json")["municipalities"])


def _named_in_title(title: str | None) -> str | None:
    """Without an issuer, the divisions a title names: 关于静安区法治政府… → 静安区; none in
    2021年度法治政府建设情况报告 (a year is no division).

    >>> _named_in_title("关于静安区法治政府建设工作情况的报告"), _named_in_title("2021年度法治政府建设情况报告")
    ('静安区', None)
    >>> _named_in_title("关于2023年法治政府建设情况的报告") is None
    True
    """
    if not title:
        return None
    m = _TITLE_REGION.match(title)
    if m and not re.search(r"\d|^关于", m.group(1)):  # 关于2023年法治…: a year, no division
        return m.group(1)
    # Any other title opening with divisions (2021年静海区政府工作报告): the divisions alone.
    rest = _TITLE_LEAD.sub("", title)
    tokens = parse_issuer(rest)[0]
    return "".join(t.name for t in tokens) if tokens and rest.startswith(tokens[0].name) else None


_TITLE_LEAD = re.compile(r"^(?:关于)?(?:印发|转发)?(?:(?:19|20)\d{2}\s*年度?)?\s*")
_TITLE_REGION = re.compile(
    r"^(?:关于)?(?:印发|转发)?(?:(?:19|20)\d{2}\s*年度?)?\s*([\u4e00-\u9fff].{1,19}?)(?:关于)?(?:(?:19|20)\d{2}\s*年?度?)?\s*(?:推进)?(?:法治|依法)"
)


def _level(res: RegionResult, text: str) -> str | None:
    lex = _lex()
    if res.organ and re.search(r"(街道|镇|乡)[\u4e00-\u9fff]{0,3}(办事处|人民政府|政府)$", res.organ):
        return "township"  # 鲤城区人民政府金龙街道办事处
    zone_government = _zone(res) and res.organ in (lex.zone_organ, "管委会")  # 郑东新区管理委员会
    if (
        res.organ
        and res.organ not in lex.government_organs
        and not _JOINT_ORGAN.match(res.organ)
        and not zone_government
    ):
        return "department"
    if not res.organ:
        # Divisions named without an organ (a title without issuer): how the report speaks
        # (我局 …) tells a department from the government.
        pronoun = _pronoun_level(text)
        if pronoun == "department":
            return pronoun
    if res.township:
        return "township"
    kinds = [t.kind for t in res.tokens if t.kind in _KIND_LEVEL]
    if kinds:
        order = ["township", "county", "city", "province"]
        return _KIND_LEVEL[min(kinds, key=order.index)]
    return _pronoun_level(text)


_GAZETTEER_LEVEL = {"province": "province", "city": "city", "district_county": "county"}


#: marks that close a quotation or title: a phrase goes on after them (市委“138”和县委…)
_CLOSERS = frozenset("”’》」』)）")


def _most_named(level: str, text: str) -> str | None:
    """The division of ``level`` the text names most often (a province or city by its short
    form too: 河南, 法治广州), when one is named more than any other; else None.

    >>> _most_named("city", "印发《景德镇市贯彻落实…》。景德镇分厅上线。全市…")
    '景德镇市'
    """
    kind = _GAZETTEER_LEVEL.get(level)
    if kind is None:
        return None
    window = text[: _lex().name_window]
    names, longest = _division_names(kind)
    counts: Counter[str] = Counter()
    if kind == "county":
        # ~2,900 names: looked up at each character that ends one, not searched one by one.
        for i, ch in enumerate(window):
            if ch in "县区市旗":
                for k in range(2, min(longest, i + 1) + 1):
                    # A two-character name (房县) is too often a fragment (县委和县政府, 市委“138”
                    # 和县委“1177”) unless it opens a phrase (《房县法治政府建设实施方案》, ，房县人民政府).
                    if window[i - k + 1 : i + 1] in names and (
                        k > 2 or i < k or not (_HAN.match(window, i - k) or window[i - k] in _CLOSERS)
                    ):
                        counts[window[i - k + 1 : i + 1]] += 1
    else:
        for name in names:
            n = mentions(name, window)
            if n:
                counts[name] = n
    if not counts:
        return None
    (best, n), *rest = [*counts.most_common(2), ("", 0)]
    return best if n > rest[0][1] else None


def _titled_division(level: str, text: str) -> str | None:
    """The one division of ``level`` that opens the title of a rule-of-law document the text
    cites, its own plan (拟定《荣昌区法治政府建设实施方案》 where 永川区 is named once too; 根据
    《泸西县创建云南省法治政府建设示范县…》), else None; a regulation it drafts (《遂宁市养犬管理条例》)
    may be anyone's.

    >>> _titled_division("district_county", "赴永川区学习。拟定《荣昌区法治政府建设实施方案》")
    '荣昌区'
    """
    kind = _GAZETTEER_LEVEL.get(level)
    found = set()
    lex = _lex()
    for m in re.finditer(r"《([^《》]{4,60})》", text[: lex.name_window]):
        if not lex.rule_of_law.search(m.group(1)):
            continue
        tokens = parse_issuer(m.group(1))[0]
        if tokens and m.group(1).startswith(tokens[0].name):
            found |= {t.name for t in tokens if t.candidates and t.kind == kind}
    return found.pop() if len(found) == 1 else None


@cache
def _division_names(kind: str) -> tuple[frozenset[str], int]:
    """Current names of the gazetteer's divisions of ``kind`` and the longest one's length."""
    from .gazetteer import gazetteer

    g = gazetteer()
    names = frozenset(d.name for d in g.rows if d.level == kind and d.current and not g.is_municipal_city(d))
    return names, max(map(len, names))


def _township_named(text: str) -> str | None:
    """The township or street the opening names again and again (现将庆隆镇2020年度… 《庆隆镇
    2020年工作要点》): the stem of two or three characters before 镇/乡/街道 that recurs most,
    the longer stem where it recurs as often; None below ``township_min_mentions``.

    >>> _township_named("现将庆隆镇2020年度法治政府建设情况报告如下。纳入《庆隆镇2020年工作要点》，服务全镇。")
    '庆隆镇'
    """
    from .region import _plausible_unknown

    lex = _lex()
    window = text[: lex.name_window]
    counts: Counter[str] = Counter()
    for m in lex.township.finditer(window):
        suffix = "街道" if window.startswith("街道", m.start()) else window[m.start()]
        for k in (2, 3):
            stem = window[max(0, m.start() - k) : m.start()]
            if (
                len(stem) == k
                and re.fullmatch(r"[\u4e00-\u9fff]+", stem)
                and stem[-1] not in "城乡镇"  # 城乡, 城镇, 乡镇
                and stem[0] not in "各全本我该"  # 各乡镇, 全镇
                and _plausible_unknown(stem + suffix)
            ):
                counts[stem + suffix] += 1
    best = None
    for name, n in counts.most_common():
        if n < lex.township_min:
            break
        if best is None or (n == counts[best] and len(name) > len(best) and name.endswith(best)):
            best = name
    return best


def _pronoun_level(text: str) -> str | None:
    """How the report speaks of itself: the first 我局/我县/本镇 … of its opening, else the
    most frequent of all level words (全省 counts too). Where the text names the organs of an
    autonomous region (自治区党委), 我区 and 全区 are that region: a province."""
    lex = _lex()
    pronouns = dict(lex.level_pronouns)
    if lex.region_organs.search(text, 0, lex.name_window):
        region_words = {w for w in pronouns["district_county"] if w.endswith("区")}
        pronouns["district_county"] = tuple(w for w in pronouns["district_county"] if w not in region_words)
        pronouns["province"] = (*pronouns["province"], *sorted(region_words))
    if _department_cues(text):
        return "department"  # 以及江门市和我区有关工作部署和要求，我局…: 我区 is where the bureau works
    first = None
    for lv, words in pronouns.items():
        for w in words:
            i = text.find(w, 0, _SELF_WINDOW)
            if w[0] in "我本" and i >= 0 and (first is None or i < first[0]):
                first = (i, lv)
    if first:
        return first[1]
    if lex.township_self.search(text, 0, _SELF_WINDOW):
        return "township"  # 街道按照《…》, 乡党委、政府高度重视…: the township speaks of itself
    return _most_used_level(text, pronouns)


def _department_cues(text: str) -> set[str]:
    """The organs a report's opening speaks of itself as: 我局 or 局党组 → 局, 我厅 → 厅, 我委 → 委,
    本部门 → "" (any); an empty set where it speaks as no department. No government's report
    writes these of itself (meta.json ``department_self``).

    >>> sorted(_department_cues("2020年，局党组共组织学习22次，我局…")), _department_cues("我区坚持…")
    (['局'], set())
    >>> _department_cues("2021年，党组召开8次会议研究解决法治建设具体事项")
    {''}
    """
    lex = _lex()
    opening = text[:_SELF_WINDOW]
    cues = {w.removeprefix("我").removeprefix("本") for w in lex.level_pronouns["department"] if w in opening}
    cues |= {m.group()[0] for m in lex.department_self.finditer(opening)}
    if lex.department_party_group.search(opening):
        cues.add("")  # 党组召开8次会议研究…: a department's Party group, of whatever organ
    return {"" if c == "部门" else c for c in cues}


def _organ_kind(organ: str) -> str:
    """公安局 → 局, 卫生健康委员会 → 委: the organ a department's 我局/我委 names."""
    return "委" if organ.endswith("委员会") else organ[-1]


def _own_department(text: str, page: str) -> str | None:
    """The name a department's report calls itself by in its body, where no title, signature or
    opening subject names it: of the organs of the kind its opening speaks as (我局 → a 局), the
    one the text names most (省公安厅党委书记、厅长… 省公安厅召开…; 市公安局 twice and
    《汕尾市公安局…》), with its divisions as the text writes them in full (《深圳市水务局重大行政决策
    事项…》), else a bare 省/市/区/县 before it given the division the text names most at that
    level (区统计局 → 静海区统计局); None where two organs are named as often, or none with its
    divisions.

    >>> _own_department("我局认真落实。副局长、市公安局党委委员…《汕尾市公安局公职律师管理办法》", "")
    '汕尾市公安局'
    >>> _own_department("2020年，局党组共组织学习。印发《深圳市水务局重大行政决策事项目录》", "")
    '深圳市水务局'
    """
    kinds = _department_cues(text)
    if not kinds:
        return None
    lex = _lex()
    window = text[: lex.name_window]
    organs: Counter[str] = Counter()
    full: dict[str, list[str]] = {}  # 深圳市水务局, by organ
    bare: dict[str, str] = {}  # 省公安厅
    for m in lex.line_department.finditer(window):
        rest = window[m.start() : m.start() + _ORGAN_AFTER]
        organ = next((rest[:k] for k in range(len(m.group()), len(rest) + 1) if _is_organ(rest[:k])), None)
        if organ is None or not ("" in kinds or _organ_kind(organ) in kinds):
            continue
        organs[organ] += 1
        before = window[max(0, m.start() - _NAME_BEFORE) : m.start()]
        divisions = next(
            (before[j:] for j in range(len(before) - 1) if _divisions_only(before[j:], known="all")), None
        )
        if divisions:
            full.setdefault(organ, []).append(divisions + organ)
        elif before[-1:] in _BARE_DEPARTMENT_LEVEL and not _HAN.match(before[-2:-1] or " "):
            bare.setdefault(organ, before[-1] + organ)  # 、省公安厅…
    if not organs:
        return None
    (best, n), (_, second), *_ = [*organs.most_common(2), ("", 0)]
    if n == second:
        return None
    if best in full:
        return organ_in_full(max(full[best], key=len))
    name = _department_in_full(bare[best], page) if best in bare else ""
    return name if parse_issuer(name)[0] else None


def _scope_level(text: str) -> str | None:
    """The level of government whose words a text uses most (全市, 我县 …; a department's own
    我局 aside): where a department works."""
    return _most_used_level(text, {lv: ws for lv, ws in _lex().level_pronouns.items() if lv != "department"})


def _most_used_level(text: str, pronouns: dict[str, tuple[str, ...]]) -> str | None:
    """The level whose words (全省, 我县 …) ``text`` uses most, or None when it uses none."""
    counts = {lv: sum(text.count(w) for w in words) for lv, words in pronouns.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else None


def _take_region(meta: Meta, res: RegionResult) -> None:
    """The region, adcode and whether it was inferred, from one resolution."""
    meta.region, meta.adcode, meta.region_inferred = res.region, res.adcode, res.inferred


def _opening_and_headings(lines: list[str], start: int) -> tuple[str, list[str]]:
    """The opening sentence (from line ``start``, below the title) and the heading-length lines
    that the year covered is read from."""
    # The opening is a sentence: a page's date and source line (2025-04-27 10:14 黑龙江省人民政府网)
    # left above it is not, nor an info table's rows (| 索引号: | … |).
    body = [s for s in lines[start:] if not _table_cells(s)]
    # the first sentences: an info table's short field lines (索引号 / 000019713O03/2017-01257 / …)
    # above them are passed, whatever their number
    window = [s for s in body if len(s) >= 20][:4]
    opening = next((s for s in window if _CLAUSE_MARK.search(s)), window[0] if window else "")
    headings = [s for s in lines if len(s) <= 80]
    lex = _lex()
    if len(lines) <= lex.flat_lines:
        # A one-line copy (its line breaks lost): its headings and its opening are the pieces
        # after each sentence or addressee end (…成效。一、2022年…; 河北省人民政府:2024年以来,…).
        pieces = [p.strip() for line in lines for p in lex.piece_start.split(line) if p.strip()]
        heading = normalize_patterns().heading_start
        # A heading runs to its first clause or the next heading's marker (一、…成效(一)统筹…).
        headings += [lex.run_in_heading_end.split(p[:80], maxsplit=1)[0] for p in pieces if heading.match(p)]
        before = list(takewhile(lambda p: not heading.match(p), pieces))  # the opening is above 一、
        opening = next((p for p in [opening, *before] if opens_with_year(p)), opening)
    return opening, headings


#: an organ's Party group or committee after its name (司法部党组, 省交通运输厅党委)
_PARTY_BODY = re.compile(r"(?:党组|党委)$")
#: a government's office that posts its reports on the site (区政府办, 省政府办公厅)
_POSTING_OFFICE = re.compile(r"(?:政府办|办公厅|办公室)$")


def extract_meta(text: str, hints: dict) -> Meta:
    """Metadata of the report whose normalized text is ``text``.

    ``hints`` may hold ``title``, ``date`` (a web page's publication date) and ``created`` (a
    PDF's or DOCX's creation date) from the reader. ``published`` is the signature date of the
    text, else the page's publication date, else the file's creation date (W014); the creation
    date never sets ``year_covered``. Warnings: W010 when year_covered rests on dates only, W011
    when the document is not a rule-of-law government report (``doc_type`` says what it is).
    """
    # Readings a site printed after polyphonic characters (内(nèi)蒙古自治区(qū)) are no part of a
    # name or a title: metadata is read without them (it keeps no offsets into the text).
    hints = {k: strip_glosses(v) if isinstance(v, str) else v for k, v in (hints or {}).items()}
    text = strip_glosses(text)
    # Where the page names its government, the site chrome normalization removed counts too
    # (a header 天津市静海区人民政府, 信息来源：辰溪县小龙门乡); the text alone is searched otherwise.
    page = f"{hints.get('chrome') or ''}\n{text}"
    # A list bullet a page set before each line (• 2024年,省政府…) is no part of it.
    lines = unglue(
        [_BULLET.sub("", line.strip()) for line in text.split("\n") if _BULLET.sub("", line.strip())]
    )
    meta = Meta()
    t_idx, meta.title = _find_title(lines, hints)
    meta.title = _page_title(meta.title, hints)
    meta.doc_type, meta.report_confidence = classify(meta.title, text, str(hints.get("chrome") or ""))
    meta.is_report = meta.doc_type is None
    # A page that might be a report (an untitled or flattened copy whose form the cues missed:
    # doctypes.json ``extract_from``) has its metadata read as a report's: whether it is one stays
    # the user's filter, and a wrong no must not also cost its year, issuer and region.
    reportish = meta.is_report or reaches_extract_floor(meta.report_confidence)

    from_title = None
    if meta.title:
        m = _lex().issuer_in_title.match(meta.title)
        # 关于2018年宁波市人民政府法治政府建设…的报告: the year before the issuer is not its name.
        from_title = _YEAR_LEAD.sub("", m.group(1)) if m else None
    above_title = None
    if t_idx is not None and t_idx > 0 and chrome_patterns().issuer_line.match(lines[t_idx - 1].strip()):
        above_title = lines[t_idx - 1].strip()
    sig_issuer, sig_date = _signature(lines)
    start = (t_idx + 1) if t_idx is not None else 0
    subject = _opening_subject(lines[start:]) if reportish else None
    bare = _BARE_GOVERNMENT.match(subject or "")
    if bare:
        subject = None  # 省政府坚持…: a level, not a name
    if subject and _PARTY_BODY.search(subject) and _is_organ(_PARTY_BODY.sub("", subject)):
        # 司法部党组深入学习…: the ministry speaks through its Party group
        subject = _PARTY_BODY.sub("", subject)
    organ_subject = subject if subject and _is_organ(subject) else None
    # the 信息公开 table's lines are page chrome, removed from the text: 发文单位：… is read there too
    chrome_lines = [c.strip() for c in str(hints.get("chrome") or "").split("\n") if c.strip()]
    # (not the office that posted it: 发布机构：区政府办 publishes the government's own report)
    posted = _metadata_issuer(chrome_lines)
    listed = _metadata_issuer(lines) or (None if posted and _POSTING_OFFICE.search(posted) else posted)
    if (
        listed
        and subject
        and listed.startswith(subject)
        and _divisions_only(subject)
        and not _divisions_only(listed)
    ):
        # 发布机构：下陆区司法局 over 2024年，下陆区坚持…: the bureau posted its district's report
        listed = None
    meta.issuer = _pick_issuer([from_title, above_title, sig_issuer, listed, organ_subject])
    if meta.issuer:
        meta.issuer = government_of(meta.issuer)  # 中共宣州区新田镇委员会 宣州区新田镇人民政府关于…
    meta.issuer = _full_name(meta.issuer, text)
    # 发布机构：鲍沟镇 names a division, not an organ: it places the report, and the issuer is that
    # division's government, named below as for a title or an opening that names the division only.
    division_only = _divisions_only(meta.issuer, known="none")
    if meta.issuer:
        # 上海市政府, 南昌县政府: the government under its full name.
        meta.issuer = _SHORT_GOVERNMENT.sub(r"\1人民政府", meta.issuer)
        meta.issuer = _department_in_full(meta.issuer, page)
        meta.issuer = _spelled_out(meta.issuer, page)

    superiors = superior_names(lines, start)
    pronoun = _pronoun_level(text)
    res = resolve_region(
        meta.issuer or _named_in_title(meta.title) or subject,
        page,
        superiors,
        _LEVEL_RANK.get(pronoun or ""),
    )
    branch = _BRANCH.search(res.organ) if meta.issuer and res.tokens else None
    if branch:
        above = "".join(t.name for t in res.tokens)
        res = resolve_region(above + branch.group(1) + branch.group(2), page, superiors, None)
    _take_region(meta, res)
    if reportish or meta.issuer:
        meta.level = _level(res, text)
    if bare and not meta.issuer:
        meta.level = _BARE_LEVEL[bare.group(1)]
    if reportish and meta.level is None and not res.tokens and not meta.issuer:
        township = _township_named(page)
        if township:  # 西兴街道始终坚持…, with no 我街道 to say the level
            meta.level = "township"
    if reportish and meta.level in ("province", "city", "district_county", "township") and not res.tokens:
        # A report that never writes its own name in full (省政府…, 全市各级行政机关…, 我县…): the
        # division of its level its text names most (河南省法治政府建设实施方案, 法治广州 …, 庆隆镇).
        own = _township_named(page) if meta.level == "township" else _most_named(meta.level, page)
        if own is None and meta.level == "city":
            # 我市 of a municipality (北京市, 上海市): a city by name, a province by rank.
            province = _most_named("province", page)
            if province in _municipalities():
                own, meta.level = province, "province"
            else:
                # 市政府 of a county-level city (乐平市): it names itself again and again, where a
                # city's report names one in passing (平度市 once in 青岛's).
                county = _most_named("district_county", page)
                if county and county.endswith("市") and mentions(county, page) >= _OWN_NAME_MIN:
                    own, meta.level = county, "district_county"
        if own:
            res = resolve_region(
                own + ("人民政府" if meta.level != "township" else ""),
                page,
                superiors,
                _LEVEL_RANK[meta.level],
            )
            _take_region(meta, res)
    if reportish and meta.level == "township" and res.township and not res.region.county_or_district:
        # A township whose county the text names in passing (宣传朝阳区新版产业政策, 湛江市委、
        # 廉江市委): the county it names most is its own.
        county = _most_named("district_county", page)
        if county and not res.township.startswith(county):  # 东区街道 names no 东区
            res = resolve_region(county + res.township + res.organ, page, superiors, _LEVEL_RANK["township"])
            _take_region(meta, res)
    elif reportish and meta.level == "township" and not res.township and not res.region.county_or_district:
        # An unnamed township (街道按照《奉节县法治政府建设实施方案》…): in the county whose plan it follows
        county = _titled_division("district_county", page) or _most_named("district_county", page)
        if county:
            _take_region(
                meta, resolve_region(county + "人民政府", page, superiors, _LEVEL_RANK["district_county"])
            )
    if reportish and meta.level == "department" and not meta.issuer:
        # A department without its title (我局…, 局党组…) named in its own text: 省公安厅党委书记….
        own = _own_department(text, page)
        if own:
            meta.issuer = own
            res = resolve_region(own, page, superiors, None)
            _take_region(meta, res)
    if reportish and meta.level == "department" and not res.tokens and not meta.issuer:
        # A department that never writes its own name (我局…, 全市司法行政系统): the division its
        # text names most at the level it works at (全市 … 遂宁市 four times) is its region.
        scope = _scope_level(page)
        own = _most_named(scope, page) if scope else None
        # Named again, not in passing, or as the division whose own document it cites.
        if scope and own and (mentions(own, page) >= _OWN_NAME_MIN or own == _titled_division(scope, page)):
            res = resolve_region(own, page, superiors, _LEVEL_RANK[scope])
            _take_region(meta, res)
    if reportish and _zone(res):
        res = _zone_region(res, page, superiors)
        _take_region(meta, res)
    if reportish and meta.region.province is None:
        # A report that never names its own division in a form the gazetteer places (我州, 我街)
        # is still in the province it names again and again (新疆 … 新疆, 吉林省 … 吉林省).
        province = _most_named("province", page)
        if province and mentions(province, page[: _lex().name_window]) >= _OWN_NAME_MIN:
            meta.region = Region(province, meta.region.city, meta.region.county_or_district)
            meta.region_inferred = [f for f in meta.region_inferred if f != "province"]
    if division_only:
        meta.issuer = None
    if reportish and meta.issuer is None and meta.level != "department":
        named = _government_named_in_text(res, page)
        # a zone's government as the text also prints it (南昌高新技术产业开发区管理委员会)
        meta.issuer = _spelled_out(named, page) if named else None
    meta.region = official_names(meta.region, meta.adcode)

    page_date = _hint_date(hints.get("date"))
    meta.published = sig_date or page_date
    if meta.published is None and (created := _hint_date(hints.get("created"))):
        meta.published = created
        meta.warnings.append(warning("W014", created))
    opening, headings = _opening_and_headings(lines, start)
    # A report's year may rest on its signature or publication date (due in the first quarter
    # of the next year); a non-report's only on what it says.
    dated = (sig_date or page_date) if reportish else None
    chrome = str(hints.get("chrome") or "") if reportish else ""
    body = text if reportish else ""
    meta.year_covered, doubt = year_covered(meta.title, headings, opening, dated, chrome, body)
    if doubt and (reportish or meta.year_covered is not None):
        meta.warnings.append(warning("W010", doubt))
    if not meta.is_report:
        meta.warnings.append(warning("W011", meta.doc_type))
    return meta
