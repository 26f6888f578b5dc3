"""Number parsing for indicator spans: Arabic, Chinese and mixed numerals.

The functions here convert a numeral that has *already been found* (a span), never whole text:
converting running text rewrites words such as 进一步 or 十九大. Digits, multipliers and
financial numerals come from ``data/numerals.json``.

>>> parse_number("1,100万")
11000000
>>> parse_number("一百零八"), parse_number("两千"), parse_number("148.8万")
(108, 2000, 1488000)
>>> parse_number("三分之二")
0.6666666666666666
>>> parse_number("百分之九十五")
95
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from ..resources import read_data

Number = int | float


@cache
def numerals() -> Any:
    """The numeral table (digits, small and big multipliers), read-only."""
    from .lexicon import freeze

    return freeze(json.loads(read_data("numerals.json")))


@cache
def cn_digit_chars() -> str:
    n = numerals()
    return "".join(n["digits"])


@cache
def cn_unit_chars() -> str:
    n = numerals()
    return "".join(n["small_units"]) + "".join(n["big_units"])


@cache
def number_pattern() -> str:
    """Regex (no groups) for one numeral: Arabic with separators/decimals and optional Chinese
    multipliers (``1.2万``, ``3千``), or a Chinese numeral (``三十六``, ``一百零八``, ``三点五``)."""
    d = re.escape(cn_digit_chars())
    u = re.escape(cn_unit_chars())
    # A numeral is not started inside a run of digits (``(?<!\d)``, ``(?<![{d}十拾])``): a start
    # one character later can only reach the ends the earlier start reached, so it would fail
    # the same way, and trying every start of a long digit run costs quadratic time. More than
    # 18 digits (before or after the point) is a code or a broken column, not a quantity; so is
    # a Chinese numeral of more than 24 characters (一百二十三万四千五百六十七 has 13).
    arabic = r"(?:\d{1,3}(?:,\d{3})+|(?<!\d)\d{1,18}(?!\d))(?:\.\d{1,18}(?!\d))?(?:[十百千万亿]{1,2})?"
    chinese = rf"(?:(?<![{d}十拾])[{d}十拾][{d}{u}]{{0,23}}(?:点[{d}]{{1,18}})?)"
    return rf"(?:{arabic}|{chinese})"


_TOKEN = re.compile(r"\d+(?:\.\d+)?|点|.", re.S)


def _to_number(x: Decimal) -> Number:
    if x == x.to_integral_value():
        return int(x)
    return float(x)


def parse_number(span: str) -> Number | None:
    """Value of one numeral span, or ``None`` when it is not a numeral.

    Accepts Arabic digits (half- or full-width, ``,`` thousands separators, decimals), Chinese
    numerals (``〇``, ``两``, financial ``壹贰叁``), mixed forms (``1.2万``), fractions
    (``三分之二`` → 0.666…) and ``百分之…`` (→ the percentage, e.g. 95).

    >>> parse_number("２０１９"), parse_number("二〇一九"), parse_number("十五"), parse_number("3千")
    (2019, 2019, 15, 3000)
    >>> parse_number("进一步") is None
    True
    """
    import unicodedata

    s = unicodedata.normalize("NFKC", span).strip().replace(" ", "")
    if not s:
        return None
    if s.startswith("百分之"):
        return parse_number(s[3:])
    if "分之" in s:
        den_s, _, num_s = s.partition("分之")
        den, num = parse_number(den_s), parse_number(num_s)
        if den in (None, 0) or num is None:
            return None
        return num / den
    try:
        return _parse(s)
    except (InvalidOperation, ValueError, KeyError):
        return None


def _parse(s: str) -> Number | None:
    n = numerals()
    digits, small, big = n["digits"], n["small_units"], n["big_units"]
    s = s.replace(",", "")
    toks = _TOKEN.findall(s)
    if not toks:
        return None
    # Digit strings without any multiplier: 二〇一九, 2019, 3.5.
    has_unit = any(t in small or t in big for t in toks)
    if not has_unit:
        if len(toks) == 1 and toks[0][0].isdigit():
            return _to_number(Decimal(toks[0]))
        out = []
        for t in toks:
            if t == "点":
                out.append(".")
            elif t in digits:
                out.append(str(digits[t]))
            elif t[0].isdigit():
                out.append(t)
            else:
                return None
        txt = "".join(out)
        if not txt or txt.startswith(".") or txt.endswith(".") or txt.count(".") > 1:
            return None
        return _to_number(Decimal(txt))
    total = Decimal(0)  # completed 亿/万 groups
    section = Decimal(0)  # the group under construction (below 万)
    current: Decimal | None = None  # a digit waiting for its multiplier
    decimal_mode = False
    frac = ""
    seen = False  # a digit was written (so 0万 is 0, 万 alone is 10000)
    for t in toks:
        if t[0].isdigit() or t in digits:
            seen = True
        if t == "点":
            if current is None:
                return None
            decimal_mode = True
            continue
        if decimal_mode:
            if t in digits:
                frac += str(digits[t])
                continue
            if t in big and frac:
                current = Decimal(f"{current}.{frac}")
                decimal_mode = False
                frac = ""
            else:
                return None
        if t[0].isdigit():
            if current is not None:
                return None
            current = Decimal(t)
        elif t in digits:
            if current is not None and digits[t] != 0:
                return None
            current = Decimal(digits[t]) if digits[t] != 0 else None
        elif t in small:
            section += (current if current is not None else Decimal(1)) * small[t]
            current = None
        elif t in big:
            unit = Decimal(big[t])
            group = section + (current if current is not None else 0)
            if group == 0 and total == 0 and not seen:
                group = Decimal(1)  # 万 alone
            if unit >= Decimal(10) ** 8:
                total = (total + group) * unit
            else:
                total += group * unit
            section = Decimal(0)
            current = None
        else:
            return None
    if decimal_mode:
        if not frac or current is None:
            return None
        current = Decimal(f"{current}.{frac}")
    return _to_number(total + section + (current or 0))


def is_chinese_numeral(span: str) -> bool:
    """True when the span is written in Chinese numerals only (``三十六``, not ``36``)."""
    chars = cn_digit_chars() + cn_unit_chars() + "点"
    return bool(span) and all(c in chars for c in span)
