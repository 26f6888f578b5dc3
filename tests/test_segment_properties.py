"""Property tests: on arbitrary text the parser never fails and its spans are always valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fzanalyzer.model import Meta
from fzanalyzer.segment import segment, split_sentences

# Text built from the genre's pieces (markers, brackets, quotes, punctuation, line breaks)
# mixed with arbitrary characters, so that the parser's branches are actually exercised.
PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "三、",
        "（一）",
        "(二)",
        "三)",
        "1.",
        "2、",
        "3．",
        "（1）",
        "(2)",
        "①",
        "②",
        "一是",
        "二是",
        "三 是",
        "第一,",
        "第二,",
        "第一部分",
        "第二章",
        "。",
        "；",
        ";",
        "：",
        ":",
        "，",
        "\n",
        "\n\n",
        "  ",
        "\u3000",
        "（",
        "）",
        "(",
        ")",
        "《",
        "》",
        "“",
        "”",
        "【",
        "】",
        "存在的不足",
        "下一步工作打算",
        "主要举措和成效",
        "第一责任人职责情况",
        "其他需要报告的情况",
        "2021年工作总结暨2022年工作安排",
        "加强执法",
        "行政复议",
        "全年办理案件12件",
        "1.5倍",
        "3.0版",
        "— 3 —",
        "打印本页",
        "1.错误类:*",
        "2022年3月1日",
        "下一步,我们将",
        "关于",
        "报告",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _check(text: str) -> None:
    sections = segment(text, Meta(year_covered=2021))
    by_id = {s.id: s for s in sections}
    for n, s in enumerate(sections):
        assert s.id == f"s{n + 1}"
        assert 0 <= s.start <= s.end <= len(text)
        assert s.start <= s.title_start <= s.title_end <= s.end
        assert text[s.title_start : s.title_end] == s.title
        if s.parent is not None:
            p = by_id[s.parent]
            assert p.start <= s.start and s.end <= p.end
            assert sections.index(p) < n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_segment_never_fails_and_spans_are_nested(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_segment_on_any_unicode(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=-5, max_value=400), st.integers(min_value=-5, max_value=400))
def test_sentence_spans_are_valid(text, a, b):
    spans = split_sentences(text, a, b)
    lo, hi = max(0, min(a, len(text))), max(0, min(b, len(text)))
    prev = -1
    for s, e in spans:
        assert lo <= s < e <= max(lo, hi)
        assert s >= prev
        assert text[s:e] == text[s:e].strip()
        prev = e
