"""Reuse detection on the development set: recall of the gold reused passages, exact spans."""

from __future__ import annotations

import re
import unicodedata

import pytest

import fzanalyzer
from fzanalyzer.reuse.passages import REUSE_COLUMNS, find_reuse, reuse_df, reuse_json, reuse_summary

from conftest import DEV, SEED, load_gold

TANGXI = ["tangxi-2020", "tangxi-2021", "tangxi-2022"]


@pytest.fixture(scope="module")
def dev_reports():
    paths = [DEV / f"{rid}.txt" for rid in [*TANGXI, "chengchuan-2021", "chengchuan-2022"]] + [SEED]
    return [fzanalyzer.load(p, analyze=False) for p in paths]


@pytest.fixture(scope="module")
def dev_pairs(dev_reports):
    return find_reuse(dev_reports)


def _gold_span(text: str, passage: str) -> tuple[int, int]:
    """Offsets of a gold string in a normalized text, ignoring whitespace (gold-format.md)."""
    keep = [i for i, c in enumerate(text) if not c.isspace()]
    squashed = "".join(text[i] for i in keep)
    target = re.sub(r"\s+", "", unicodedata.normalize("NFKC", passage))
    start = squashed.find(target)
    assert start >= 0, f"gold passage not in text: {passage[:30]}"
    return keep[start], keep[start + len(target) - 1] + 1


def _gold_items(reports):
    by_id = {r.id: r for r in reports}
    for this in ("tangxi-2021", "tangxi-2022"):
        for g in load_gold(this)["reused_passages"]:
            yield this, g, _gold_span(by_id[this].text, g["this_text"]), by_id


def test_gold_reused_passages_recall(dev_reports, dev_pairs):
    found = missed = 0
    for this, g, (s, e), _ in _gold_items(dev_reports):
        cover = max(
            (
                max(0, min(e, p.b_end) - max(s, p.b_start))
                for p in dev_pairs
                if p.b == this and p.a == g["from_report"]
            ),
            default=0,
        )
        if cover >= (e - s) / 2:
            found += 1
        else:
            missed += 1
    assert found + missed == 48
    assert found / (found + missed) >= 0.95


def test_gold_prev_side_is_covered_too(dev_reports, dev_pairs):
    """The passage found in the later report is aligned with the gold passage of the earlier one."""
    ok = total = 0
    for this, g, (s, e), by_id in _gold_items(dev_reports):
        ps, pe = _gold_span(by_id[g["from_report"]].text, g["prev_text"])
        total += 1
        ok += any(
            p.b == this
            and p.a == g["from_report"]
            and min(e, p.b_end) > max(s, p.b_start)
            and min(pe, p.a_end) > max(ps, p.a_start)
            for p in dev_pairs
        )
    assert ok / total >= 0.95


def test_spans_are_exact(dev_reports, dev_pairs):
    by_id = {r.id: r for r in dev_reports}
    assert dev_pairs
    for p in dev_pairs:
        assert by_id[p.a].text[p.a_start : p.a_end] == p.a_text
        assert by_id[p.b].text[p.b_start : p.b_end] == p.b_text
        assert max(len(p.a_text), len(p.b_text)) >= 50
        assert 0.7 <= p.similarity <= 1.0
        assert p.a != p.b


def test_earlier_report_first_and_kinds(dev_pairs):
    for p in dev_pairs:
        if p.a_year is not None and p.b_year is not None:
            assert p.a_year <= p.b_year
        assert p.kind == ("same_issuer" if p.a_issuer == p.b_issuer else "cross_issuer")
    assert {(p.a, p.b) for p in dev_pairs if p.kind == "same_issuer"} >= {
        ("tangxi-2020", "tangxi-2021"),
        ("tangxi-2021", "tangxi-2022"),
        ("chengchuan-2021", "chengchuan-2022"),
    }


def test_changed_number_is_near_verbatim(dev_pairs):
    """tangxi-2020 → 2021: 合同协议158份 became 173份; the sentence is one passage, not two."""
    hits = [
        p for p in dev_pairs if p.a == "tangxi-2020" and p.b == "tangxi-2021" and "合同协议173份" in p.b_text
    ]
    assert len(hits) == 1
    assert "合同协议158份" in hits[0].a_text
    assert hits[0].similarity < 1.0
    assert "坚持把合法性审查作为区政府研究决定事项的必经程序" in hits[0].b_text


def test_outputs_follow_the_contract(dev_pairs):
    doc = reuse_json(dev_pairs)
    for key in ("a", "b", "a_start", "a_end", "b_start", "b_end", "a_text", "b_text", "similarity"):
        assert key in doc["pairs"][0]
    df = reuse_df(dev_pairs)
    assert list(df.columns[: len(REUSE_COLUMNS)]) == REUSE_COLUMNS
    assert len(df) == len(dev_pairs)
    assert (df["b_len"] == df["b_text"].str.len()).all()
    summary = reuse_summary(dev_pairs)
    assert summary["passages"].sum() == len(dev_pairs)
    assert reuse_df([]).empty


def test_order_of_inputs_does_not_change_passages(dev_reports, dev_pairs):
    again = find_reuse(list(reversed(dev_reports)))
    key = lambda p: (p.a, p.b, p.a_start, p.a_end, p.b_start, p.b_end)  # noqa: E731
    assert sorted(map(key, again)) == sorted(map(key, dev_pairs))


def test_recall_holds_among_many_other_governments(dev_reports, data_dir):
    """With dozens of other reports in the run, stock phrases become boilerplate; the copying
    between one government's years must survive that filter."""
    from fzanalyzer.errors import FzError

    others = []
    for folder in ("nearmiss", "segment"):
        for p in sorted((data_dir / folder).glob("*.txt")):
            try:
                others.append(fzanalyzer.load(p, id=f"{folder}-{p.stem}", analyze=False))
            except FzError:
                continue
    assert len(others) >= 10
    pairs = find_reuse(dev_reports + others)
    found = total = 0
    for this, g, (s, e), _ in _gold_items(dev_reports):
        total += 1
        found += any(
            p.b == this and p.a == g["from_report"] and min(e, p.b_end) - max(s, p.b_start) >= (e - s) / 2
            for p in pairs
        )
    assert found / total >= 0.95


def test_passages_know_their_part():
    """On segmented reports each passage says which part it sits in: the 2021 report repeats
    2020's account of its shortcomings (个别执法部门执法程序不够规范 …)."""
    from fzanalyzer.model import CANONICAL_LABELS

    reports = [fzanalyzer.load(DEV / f"tangxi-{y}.txt") for y in (2020, 2021)]
    pairs = find_reuse(reports)
    assert all(p.a_part in (*CANONICAL_LABELS, None) and p.b_part in (*CANONICAL_LABELS, None) for p in pairs)
    short = [p for p in pairs if "个别执法部门执法程序不够规范" in p.b_text]
    assert short and short[0].a_part == short[0].b_part == "shortcomings"
    by_id = {r.id: r for r in reports}
    for p in pairs:
        if p.b_section:
            sec = by_id[p.b].section(p.b_section)
            assert sec.start <= p.b_start < sec.end
