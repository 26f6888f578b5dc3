"""Number parsing: Chinese, Arabic and mixed numerals, as property tests and worked examples."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fzanalyzer.extract.indicators import extract_indicators, find_candidates
from fzanalyzer.extract.numbers import parse_number
from fzanalyzer.model import Meta


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_round_trip(n):
    # cn2an writes the canonical form (一百零八, 一万零三); we must read it back exactly.
    assert parse_number(cn2an.an2cn(n)) == n


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_financial_numerals_round_trip(n):
    assert parse_number(cn2an.an2cn(n, "up")) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_thousands_separators(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=99))
def test_full_width_digits(n, frac):
    full = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_number(full) == n
    assert parse_number(f"{n}.{frac:02d}") == pytest.approx(n + frac / 100)


@given(
    st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([("千", 1000), ("万", 10**4), ("亿", 10**8)]),
)
def test_arabic_with_chinese_multiplier(x, mult):
    word, factor = mult
    s = format(x, "f")
    assert parse_number(s + word) == pytest.approx(float(Decimal(s) * factor))


@given(st.text(max_size=40))
def test_parse_never_crashes(s):
    v = parse_number(s)
    assert v is None or isinstance(v, int | float)


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet="0123456789一二三四五六七八九十百千万亿两〇余多约共件人次%元万元个工作日第《》“”,，。、年月日-至",
        max_size=60,
    )
)
def test_extraction_offsets_always_valid(s):
    for c in find_candidates(s):
        assert 0 <= c.start < c.end <= len(s)
    for i in extract_indicators(s, [], Meta(year_covered=2020), use_ner=False):
        assert s[i.start : i.end] == i.text
        assert s[i.sentence_start : i.sentence_end] == i.sentence
        assert i.sentence_start <= i.start and i.end <= i.sentence_end


@pytest.mark.parametrize(
    ("span", "value"),
    [
        ("三十六", 36),
        ("两", 2),
        ("二〇一九", 2019),
        ("一百零八", 108),
        ("壹佰贰拾叁", 123),
        ("3千", 3000),
        ("1.2万", 12000),
        ("148.8万", 1488000),
        ("1,100万", 11000000),
        ("十五", 15),
        ("两千", 2000),
        ("一亿两千万", 120000000),
        ("三点五", 3.5),
        ("百分之九十五", 95),
    ],
)
def test_numeral_examples(span, value):
    assert parse_number(span) == value


def test_fraction():
    assert parse_number("三分之二") == pytest.approx(2 / 3)


@pytest.mark.parametrize("word", ["进一步", "十九大", "统一", "一网通办", ""])
def test_words_that_are_not_numbers(word):
    assert parse_number(word) is None
