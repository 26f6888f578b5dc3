"""Sentence spans: split at 。！？； and line ends, not inside brackets or quotes."""

from __future__ import annotations

from fzanalyzer.segment import split_sentences


def _sents(text, *args):
    return [text[s:e] for s, e in split_sentences(text, *args)]


def test_splits_at_end_marks_and_line_ends():
    text = "全年办理案件12件。调解成功率98%！是否达标？一是健全机制;二是开展督察\n三是推进创建"
    assert _sents(text) == [
        "全年办理案件12件。",
        "调解成功率98%！",
        "是否达标？",
        "一是健全机制;",
        "二是开展督察",
        "三是推进创建",
    ]


def test_not_inside_brackets_book_titles_or_quotes():
    text = "印发《关于加强执法。的通知》（澄政发〔2021〕9号；见附件）。他说“要依法办事。”随后部署。"
    assert _sents(text) == [
        "印发《关于加强执法。的通知》（澄政发〔2021〕9号；见附件）。",
        "他说“要依法办事。”随后部署。",
    ]


def test_offsets_point_into_the_text_and_strip_whitespace():
    text = "  一、概况\n  全年办结。  再次办结。 "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["一、概况", "全年办结。", "再次办结。"]
    assert spans[0] == (2, 6)


def test_window_arguments():
    text = "甲。乙。丙。"
    assert split_sentences(text, 2, 4) == [(2, 4)]
    assert split_sentences(text, 2) == [(2, 4), (4, 6)]


def test_unclosed_bracket_does_not_swallow_the_document():
    text = "印发（试行通知。" + "全年办结案件。" * 60
    assert len(split_sentences(text)) > 30
