"""The issuer's region: parse the issuer's name into divisions, add the divisions above it that
the text names where it addresses its superior (:mod:`fzanalyzer.meta.superior`), and complete
the rest from the gazetteer (those fields are ``inferred``).

>>> r = resolve_region("天津市静海区人民政府", "")
>>> r.region.province, r.region.county_or_district, r.adcode, r.inferred
('天津市', '静海区', '120118', [])
>>> r = resolve_region("静海区司法局", "")
>>> r.region.province, r.adcode, r.inferred, r.organ
('天津市', '120118', ['province'], '司法局')
>>> resolve_region("临澄市棠溪区人民政府", "").adcode is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..model import Region
from ..normalize.resources import load_json
from .gazetteer import Division, gazetteer

# A division name not in the gazetteer is at most this long (临澄市, 棠溪区); a longer "token"
# is an organ prefix glued to a name (国家税务总局天津市).
_MAX_UNKNOWN_NAME = 5
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "township": 3}


@dataclass
class Token:
    """One division named in an issuer's name (``临澄市``, ``棠溪区`` …)."""

    name: str
    kind: str  # province | city | county | township
    candidates: list[Division] = field(default_factory=list)


@dataclass
class RegionResult:
    region: Region
    adcode: str | None
    inferred: list[str]
    tokens: list[Token]
    organ: str  # what follows the divisions: 人民政府, 司法局 …
    township: str | None = None


@dataclass(frozen=True)
class _Lex:
    admin_token: re.Pattern[str]
    kinds: tuple[tuple[str, str], ...]  # (suffix, kind), longest suffix first
    municipalities: frozenset[str]
    department_words: tuple[str, ...]
    max_name: int
    pronouns: str
    prepositions: str
    glued: str
    unknown_stopwords: tuple[str, ...]
    bare_zone: re.Pattern[str]
    zone_name: re.Pattern[str]
    short_form_words: tuple[str, ...]


@cache
def _lex() -> _Lex:
    d = load_json("meta.json")
    kinds = [(suffix, kind) for kind, suffixes in d["token_kinds"].items() for suffix in suffixes]
    kinds.sort(key=lambda x: -len(x[0]))
    g = gazetteer()
    return _Lex(
        admin_token=re.compile(d["admin_token"]),
        kinds=tuple(kinds),
        municipalities=frozenset(d["municipalities"]),
        department_words=tuple(d["department_words"]),
        max_name=max(len(r.name) for r in g.rows),
        pronouns=d["unknown_name"]["pronouns"],
        prepositions=d["unknown_name"]["prepositions"],
        glued=d["unknown_name"]["glued"],
        unknown_stopwords=tuple(d["unknown_name"]["stopwords"]),
        bare_zone=re.compile(d["bare_zone"]),
        zone_name=re.compile(d["zone_name"]),
        short_form_words=tuple(d["short_form_words"]),
    )


def _kind_of_suffix(name: str) -> str:
    for suffix, kind in _lex().kinds:
        if name.endswith(suffix):
            return kind
    return "city_or_county"


def _plausible_unknown(name: str) -> bool:
    """Does a name the gazetteer does not know look like a division (棠溪区, 大邱庄镇, 建设镇), not a
    phrase ending in a suffix (全区, 在全区, 区人大常委会听取区)?

    >>> [_plausible_unknown(n) for n in ("棠溪区", "建设镇", "全区", "在全区", "区人大常委会听取区", "度我旗", "因云溪区")]
    [True, True, False, False, False, False, False]
    """
    lex = _lex()
    suffix = next((sfx for sfx, _ in lex.kinds if name.endswith(sfx)), name[-1])
    stem = name[: len(name) - len(suffix)] or name
    if stem in lex.pronouns or (len(stem) >= 2 and stem[0] in lex.prepositions and stem[1] in lex.pronouns):
        return False
    if all(c in lex.prepositions for c in stem):
        return False  # 对于县政府的…文件: prepositions only, no name
    if "我" in stem or "该" in stem:
        return False  # 2024年度我旗: a pronoun inside is no name (no division's name holds 我 or 该)
    if name[0] in lex.prepositions + lex.glued and gazetteer().by_name(name[1:]):
        return False  # 因云溪区: a word of the sentence glued before a known division
    return not any(w in stem and w != stem for w in lex.unknown_stopwords)


def gazetteer_name_at(s: str, pos: int) -> str | None:
    """The longest division name of the gazetteer that starts at ``s[pos]``, else None."""
    g = gazetteer()
    for n in range(min(_lex().max_name, len(s) - pos), 1, -1):
        if g.by_name(s[pos : pos + n]):
            return s[pos : pos + n]
    return None


def _tokenize_from(s: str, pos: int) -> tuple[list[Token], int]:
    lex = _lex()
    g = gazetteer()
    tokens: list[Token] = []
    while pos < len(s) and len(tokens) < 5:
        if s.startswith(lex.department_words, pos):
            break
        name = gazetteer_name_at(s, pos)
        if name is None:
            m = lex.admin_token.match(s, pos)
            if m is None or not _plausible_unknown(m.group()):
                break
            name = m.group()
        pos += len(name)
        prev = tokens[-1] if tokens else None
        if prev and not prev.candidates and prev.name.endswith("州") and lex.bare_zone.match(name):
            # 兰州新区, 广州开发区: a zone named after its city's short name (read as an unknown
            # prefecture 兰州), not that prefecture and a zone called 新区
            name = tokens.pop().name + name
        kind = "province" if name in lex.municipalities else _kind_of_suffix(name)
        tokens.append(Token(name=name, kind=kind, candidates=g.by_name(name)))
    return tokens, pos


def parse_issuer(issuer: str) -> tuple[list[Token], str]:
    """Split an issuer's name into division tokens and the organ (``人民政府``, ``司法局``)."""
    s = re.sub(r"\s+", "", issuer)
    tokens, end = _tokenize_from(s, 0)
    if not tokens or (not tokens[0].candidates and len(tokens[0].name) > _MAX_UNKNOWN_NAME):
        # A prefix such as 国家税务总局 before the divisions: start at the first known name.
        for pos in range(1, len(s) - 1):
            if gazetteer_name_at(s, pos):
                known, known_end = _tokenize_from(s, pos)
                if known:
                    tokens, end = known, known_end
                break
    _decide_city_or_county(tokens)
    if tokens and tokens[-1].kind == "county" and len(tokens[-1].name) <= 2 and s.startswith("街道", end):
        # 东区街道 (中山市): a street named like a district, not 东区 and its 街道
        tokens[-1] = Token(name=tokens[-1].name + "街道", kind="township", candidates=[])
        end += 2
    return tokens, s[end:]


def _decide_city_or_county(tokens: list[Token]) -> None:
    """A name ending in 市 is a prefecture city or a county-level city (晋江市)."""
    for i, t in enumerate(tokens):
        if t.kind != "city_or_county":
            continue
        levels = {d.level for d in t.candidates}
        if levels == {"county"}:
            t.kind = "county"
        elif "city" in levels:
            t.kind = "city"
        else:
            t.kind = "county" if any(x.kind == "city" for x in tokens[:i]) else "city"
        if t.kind == "county":
            t.candidates = [d for d in t.candidates if d.level == "county"]
        elif t.candidates:
            t.candidates = [d for d in t.candidates if d.level == "city"]


def _consistent(d: Division, others: list[Token]) -> bool:
    names = {a.name for a in gazetteer().ancestors(d)}
    return all(t.name in names for t in others)


_DIVISION_SUFFIXES = frozenset("省市县区旗镇乡州盟")
_SHORT_FORM = re.compile(r"(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$")


def city_of_zone(t: Token) -> Division | None:
    """The city a zone the gazetteer does not know is named after (武汉经开区 → 武汉市): one city
    whose running-text name opens the zone's name, the rest a kind of zone.

    >>> city_of_zone(Token("武汉经开区", "county", [])).name
    '武汉市'
    """
    if t.kind != "county" or t.candidates or not _lex().zone_name.search(t.name):
        return None
    g = gazetteer()
    for k in (3, 2):
        cities = [d for d in g.by_name(t.name[:k] + "市") if d.level == "city"]
        if len(cities) == 1 and len(t.name) > k + 2:
            return cities[0]
    return None


def short_form(name: str) -> str | None:
    """The name a province or city goes by in running text (湖北 of 湖北省, 广州 of 广州市,
    广西 of 广西壮族自治区), else None.

    >>> short_form("广西壮族自治区"), short_form("广州市"), short_form("静海区")
    ('广西', '广州', None)
    """
    short = _SHORT_FORM.sub("", name)
    return short if short != name and len(short) >= 2 else None


def mentions(name: str, text: str) -> int:
    """How often the text names a division, in full or by its short form (考察湖北, 法治广州).

    >>> mentions("南昌市", "南昌县人民政府"), mentions("湖北省", "考察湖北武汉，湖北省委")
    (0, 2)
    >>> mentions("吉林市", "吉林省人民政府"), mentions("吉林市", "吉林市人民政府")
    (0, 1)
    >>> mentions("长治市", "维护社会稳定和长治久安")
    0
    """
    short = short_form(name)
    if not short:
        return text.count(name)
    # 南昌 of 南昌县 is the county, not the city 南昌市; 吉林 of 吉林省 is not the city 吉林市;
    # 长治 of 长治久安 is a word (meta.json short_form_words).
    n = 0
    words = _lex().short_form_words
    for m in re.finditer(re.escape(short), text):
        if any(text.startswith(w, m.start()) for w in words):
            continue
        nxt = text[m.end() : m.end() + 1]
        n += text.startswith(name, m.start()) or nxt not in _DIVISION_SUFFIXES
    return n


def _choose(cands: list[Division], text: str) -> Division | None:
    if len(cands) == 1:
        return cands[0]
    g = gazetteer()
    scores = [sum(mentions(a.name, text) for a in g.ancestors(d)) for d in cands]
    best = max(scores, default=0)
    if best > 0 and scores.count(best) == 1:
        return cands[scores.index(best)]
    return None


@cache
def _province_mention() -> re.Pattern[str]:
    # An unknown province is only taken from the title of a provincial regulation: 《X省…》.
    return re.compile(r"《([\u4e00-\u9fff]{2,3}省)")


def province_from_text(text: str) -> str | None:
    """The province the text names most often (real province names, or 《X省…》 titles)."""
    g = gazetteer()
    counts: dict[str, int] = {}
    for name in g.province_names:
        if name in _lex().municipalities:
            continue
        n = text.count(name)
        if n:
            counts[name] = n
    # The province's own regulations (《X省…条例》) are the strong sign: they bind the issuer,
    # while another province may be named in passing (学习借鉴浙江省经验).
    for name in {m.group(1) for m in _province_mention().finditer(text)}:
        counts[name] = text.count(name) + text.count("《" + name)
    if not counts:
        return None
    best = max(counts.values())
    top = [k for k, v in counts.items() if v == best]
    return top[0] if len(top) == 1 else None


_PROVINCE_SUFFIX = re.compile(r"(?:壮族|回族|维吾尔)?自治区$|省$")


@cache
def _speech_province() -> tuple[re.Pattern[str], dict[str, str]]:
    """The speech cue of meta.json ``speech_province`` over the provinces' short names (广东, 广西 …)."""
    names = {
        _PROVINCE_SUFFIX.sub("", n): n
        for n in gazetteer().province_names
        if _PROVINCE_SUFFIX.search(n) and n not in _lex().municipalities
    }
    alternation = "|".join(sorted(names, key=len, reverse=True))
    return re.compile(load_json("meta.json")["speech_province"].replace("{province}", alternation)), names


def province_of_speeches(text: str) -> str | None:
    """The province whose General Secretary's speeches a report studies, when it names one only.

    >>> province_of_speeches("深入学习贯彻习近平总书记对广东系列重要讲话、重要指示精神")
    '广东省'
    >>> province_of_speeches("深入贯彻习近平法治思想和党的二十大精神") is None
    True
    """
    pattern, names = _speech_province()
    found = {names[m.group("province")] for m in pattern.finditer(text)}
    return found.pop() if len(found) == 1 else None


_FIELD_OF_KIND = {"province": "province", "city": "city", "county": "county_or_district"}


def _superior_kind(name: str, rank: int, county_known: bool) -> str | None:
    """The kind of division ``name`` is, as named above an issuer of rank ``rank``
    (0 province … 3 township): the gazetteer's level, else its suffix. A name in 市 is a
    prefecture city above a county, and the county-level city above a township whose county
    is not known."""
    lex = _lex()
    if name in lex.municipalities:
        return "province"
    levels = {d.level for d in gazetteer().by_name(name)}
    if len(levels) == 1:
        return next(iter(levels))
    kind = _kind_of_suffix(name) if not levels else "city_or_county"
    if kind == "city_or_county":
        if levels and not levels <= {"city", "county"}:
            return None
        if rank >= 3 and not county_known:
            return "county"
        return "city" if rank >= 2 else None
    return kind


def fill_superiors(region: Region, tokens: list[Token], superiors: list[str], rank: int | None) -> list[str]:
    """Fill the empty fields of ``region`` above the issuer (rank ``rank``: 0 province …
    3 township) from the division names of the addressee and opening (``superiors``); return
    the fields filled. The issuer's own divisions and names at or below its level give nothing.

    >>> r = Region(county_or_district="柘川县")
    >>> fill_superiors(r, [], ["汀阳市"], 2), r.city
    (['city'], '汀阳市')
    >>> r = Region(city="淞阳市")
    >>> fill_superiors(r, [], ["淞阳市", "柘川县"], 1), r.province
    ([], None)
    """
    if rank is None:
        return []
    own = {t.name for t in tokens}
    filled: list[str] = []
    # Names whose kind does not hang on what is known go first: a county named beside a city
    # tells that the city is a prefecture city.
    ordered = sorted(superiors, key=lambda n: _kind_of_suffix(n) == "city_or_county")
    for name in ordered:
        if name in own:
            continue
        kind = _superior_kind(name, rank, region.county_or_district is not None)
        if kind not in _FIELD_OF_KIND or _LEVEL_RANK[kind] >= rank:
            continue
        f = _FIELD_OF_KIND[kind]
        if getattr(region, f) is None:
            setattr(region, f, name)
            filled.append(f)
    return filled


def _county_level_city(tokens: list[Token], superiors: list[str]) -> None:
    """An issuer whose lowest division is a 市 the gazetteer does not know, addressed to another
    city (梧屿市人民政府：), is a county-level city: only those report to a city."""
    cities = [t for t in tokens if t.kind == "city"]
    if not cities or cities[-1] is not tokens[-1] or cities[-1].candidates or len(cities) > 1:
        return
    own = cities[-1]
    for name in superiors:
        if name == own.name or _kind_of_suffix(name) not in ("city", "city_or_county"):
            continue
        levels = {d.level for d in gazetteer().by_name(name)}
        if (not levels or "city" in levels) and name not in _lex().municipalities:
            own.kind = "county"
            return


def _issuer_rank(tokens: list[Token], township: str | None) -> int | None:
    ranks = [_LEVEL_RANK[t.kind] for t in tokens if t.kind in _LEVEL_RANK]
    if township:
        ranks.append(_LEVEL_RANK["township"])
    return max(ranks) if ranks else None


def _full_names_in_text(region: Region, divisions: list[Division], text: str) -> None:
    """A division named by its short form (延边州, 镇宁自治县) is given its full name where the
    text writes that too (延边朝鲜族自治州): the name the text gives it in full."""
    for d in divisions:
        field = _FIELD_OF_KIND.get(d.level)
        if field is None:
            continue
        name = getattr(region, field)
        if name and name != d.name and d.name in text:
            setattr(region, field, d.name)


def official_names(region: Region, adcode: str | None) -> Region:
    """``region`` with each field the division of ``adcode`` or one above it fills under the
    gazetteer's name: a division a page names short (昌吉州, 镇宁自治县) is the official one
    (昌吉回族自治州), as its adcode is. The issuer keeps the page's own words.

    >>> official_names(Region(province="吉林省", city="延边州"), "222400").city
    '延边朝鲜族自治州'
    """
    g = gazetteer()
    own = g.get(adcode)
    if own is None:
        return region
    out = Region(region.province, region.city, region.county_or_district)
    for d in [own, *g.ancestors(own)]:
        field = _FIELD_OF_KIND.get(d.level)
        if field and getattr(out, field):
            setattr(out, field, d.name)
    return out


def resolve_region(
    issuer: str | None, text: str, superiors: list[str] | None = None, own_rank: int | None = None
) -> RegionResult:
    """Region, adcode and gazetteer-inferred fields of ``issuer`` (whose report is ``text``).

    ``superiors`` are the division names of the addressee line and the opening
    (:func:`fzanalyzer.meta.superior.superior_names`); they fill the fields above the issuer
    that its own name leaves empty. ``own_rank`` (0 province … 3 township) says the issuer's
    level when its name holds no division.
    """
    tokens, organ = parse_issuer(issuer or "")
    _county_level_city(tokens, superiors or [])
    region = Region()
    township = None
    for t in tokens:
        if t.kind == "province" and region.province is None:
            region.province = t.name
        elif t.kind == "city" and region.city is None:
            region.city = t.name
        elif t.kind == "county" and region.county_or_district is None:
            region.county_or_district = t.name
        elif t.kind == "township" and township is None:
            township = t.name
    rank = _issuer_rank(tokens, township)
    filled = fill_superiors(region, tokens, superiors or [], own_rank if rank is None else rank)
    # The divisions the text names above the issuer join its own in the gazetteer look-up: a
    # township addressed to 静海区人民政府 gets that district's code.
    g = gazetteer()
    named = list(tokens)
    for f in filled:
        kind = next(k for k, v in _FIELD_OF_KIND.items() if v == f)
        name = getattr(region, f)
        named.append(Token(name=name, kind=kind, candidates=[d for d in g.by_name(name) if d.level == kind]))
    inferred: list[str] = []
    adcode = None
    ranked = sorted(
        (t for t in named if t.kind in _LEVEL_RANK and t.kind != "township"),
        key=lambda t: -_LEVEL_RANK[t.kind],
    )
    chosen = None
    if ranked and ranked[0].candidates:
        target, others = ranked[0], ranked[1:]
        chosen = _choose([d for d in target.candidates if _consistent(d, others)], text)
    if chosen is not None:
        adcode = chosen.code
        _full_names_in_text(region, [chosen, *g.ancestors(chosen)], text)
        prov, city = g.province_of(chosen), g.city_of(chosen)
        if region.province is None and prov is not None:
            region.province = prov.name
            if not mentions(prov.name, text):
                inferred.append("province")
        if region.city is None and city is not None and chosen.level == "county":
            region.city = city.name
            if not mentions(city.name, text):
                inferred.append("city")
    if chosen is None and region.province is None:
        # A division the gazetteer does not know inside one it knows (柘川县 under 湖州市): the
        # known one gives the province; the code stays unknown.
        for i, t in enumerate(ranked[1:], start=1):
            if not t.candidates:
                continue
            above = _choose([d for d in t.candidates if _consistent(d, ranked[i + 1 :])], text)
            prov = g.province_of(above) if above is not None else None
            if prov is not None:
                region.province = prov.name
                if not mentions(prov.name, text):
                    inferred.append("province")
            break
    if chosen is None and region.province is None and region.city is None:
        # a zone named after its city (武汉经开区, 唐山高新区): that city's, not a province named
        # once in passing (关于把云南省曲靖市统计造假…的通报)
        city = next((c for t in tokens if (c := city_of_zone(t)) is not None), None)
        if city is not None:
            region.city = city.name
            prov = g.province_of(city)
            region.province = prov.name if prov is not None else None
            inferred += [
                f
                for f, n in (("city", city.name), ("province", region.province))
                if n and not mentions(n, text)
            ]
    if chosen is None and region.province is None:
        # the province of the speeches it studies, else the one it names most (when it names its own
        # divisions at all: a bare 县人民政府 or a ministry names provinces in passing)
        region.province = province_of_speeches(text) or (
            province_from_text(text) if tokens or filled else None
        )
    return RegionResult(region, adcode, inferred, tokens, organ, township)
