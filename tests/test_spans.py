"""fzanalyzer.spans on real reports: every caller cuts a sentence the same way, one Dice, and the
section lookup at section boundaries."""

from __future__ import annotations

import bisect
import itertools
from collections import Counter

import pytest

from fzanalyzer import load
from fzanalyzer.evaluate.ablation import score_predicted
from fzanalyzer.extract.plans import split_units
from fzanalyzer.spans import SENTENCE_ENDS, SectionLookup, dice, inside_brackets, split_sentences

from conftest import DEV, DEV_IDS, SEED

REPORTS = [*(DEV / f"{i}.txt" for i in DEV_IDS), SEED]


@pytest.fixture(scope="module")
def reports():
    return {p.stem: load(p) for p in REPORTS}


def _containing(sents: list[tuple[int, int]], a: int, b: int) -> tuple[int, int] | None:
    k = bisect.bisect_right([s for s, _ in sents], a) - 1
    return sents[k] if k >= 0 and b <= sents[k][1] else None


@pytest.mark.parametrize("rid", [p.stem for p in REPORTS])
def test_indicators_and_plans_use_the_sentences_of_the_splitter(reports, rid):
    r = reports[rid]
    sents = split_sentences(r.text)
    assert r.indicators and r.plans
    for ind in r.indicators:
        assert (ind.sentence_start, ind.sentence_end) in set(sents), ind.text
        assert r.text[ind.sentence_start : ind.sentence_end] == ind.sentence
    for plan in r.plans:  # a plan is a sentence, a ；clause or an item of one sentence
        assert _containing(sents, plan.start, plan.end) is not None, plan.text


def test_plan_units_are_sentences_or_their_semicolon_clauses(reports):
    r = reports["jingan-2019"]
    text = r.text
    sents = split_sentences(text)
    whole = split_sentences(text, ends="。！？!?")
    units = split_units(text, 0, len(text))
    assert len(whole) < len(sents) <= len(units)
    for u in units:
        assert _containing(sents, u.start, u.end) is not None
    # without clause splitting a unit never stops at a ；
    for u in split_units(text, 0, len(text), split_clauses=False):
        sent = _containing(whole, u.start, u.end)
        assert sent is not None and u.end <= sent[1]


def test_an_end_mark_inside_quotes_does_not_end_the_sentence(reports):
    text = reports["tangxi-2021"].text
    sents = [text[a:b] for a, b in split_sentences(text)]
    # the first two sentences in a row that end at 。 (after the headings)
    first, second = next((a, b) for a, b in itertools.pairwise(sents) if a[-1] == b[-1] == "。")
    quoted = f"会议要求“{first}”{second}"
    assert [quoted[a:b] for a, b in split_sentences(quoted)] == [quoted]
    assert len(split_sentences(first + second)) == 2


@pytest.mark.parametrize("rid", [p.stem for p in REPORTS])
def test_sentences_end_only_outside_brackets(reports, rid):
    text = reports[rid].text
    inside = inside_brackets(text)
    ends = 0
    for _, b in split_sentences(text):
        k = b - 1
        while k > 0 and text[k] in "”’」』)）】]》" + SENTENCE_ENDS and text[k] not in SENTENCE_ENDS:
            k -= 1
        if text[k] in SENTENCE_ENDS:
            ends += 1
            assert not inside[k], text[max(0, k - 30) : k + 1]
    assert ends > 20
    # and the outline reads the same depth: a marker inside brackets is no heading
    for s in reports[rid].sections:
        if s.marker:
            assert not inside[s.start], s.marker


def _dice_by_hand(a: str, b: str) -> float:
    def grams(s):
        s = "".join(s.split())
        return Counter(s[i : i + 2] for i in range(len(s) - 1))

    x, y = grams(a), grams(b)
    common = sum(min(n, y[g]) for g, n in x.items())
    return 2 * common / (sum(x.values()) + sum(y.values()))


def test_dice_is_the_multiset_character_bigram_coefficient(reports):
    assert dice("行政复议申请", "收到行政复议申请") == pytest.approx(10 / 12)
    assert dice("法治法治", "法治") == pytest.approx(2 / 4)  # a repeated bigram counts twice
    assert dice("行政 复议", "行政复议") == 1.0
    # names of matched gold and predicted indicators of the real report: symmetric, by definition
    import json

    gold = json.loads(SEED.with_name("jingan-2019.gold.json").read_text(encoding="utf-8"))["indicators"]
    pairs = [
        (g["name"], p.name)
        for g in gold
        for p in reports["jingan-2019"].indicators
        if g.get("name") and p.name and g["text"] == p.text
    ]
    assert len(pairs) > 50
    for a, b in pairs:
        assert dice(a, b) == pytest.approx(_dice_by_hand(a, b)) == pytest.approx(dice(b, a))
    assert score_predicted(reports["jingan-2019"].indicators, gold).ind_name.value >= 0.86


def test_every_caller_compares_with_the_one_dice():
    from fzanalyzer.audit import followthrough
    from fzanalyzer.compare import panel
    from fzanalyzer.evaluate import gold, score

    assert followthrough.dice is panel.dice is gold.dice is score.dice is dice


def _deepest_by_scan(sections, offset):
    best = None
    for s in sections:
        if s.start <= offset < s.end and (best is None or s.level >= best.level):
            best = s
    return best


@pytest.mark.parametrize("rid", ["jingan-2019", "tangxi-2021"])
def test_section_lookup_at_every_section_boundary(reports, rid):
    r = reports[rid]
    look = SectionLookup([(s.start, s.end, s.level) for s in r.sections])
    probes = sorted({x + d for s in r.sections for x in (s.start, s.end) for d in (-1, 0, 1)})
    assert len(r.sections) > 10
    for x in probes:
        expect = _deepest_by_scan(r.sections, x)
        assert r.section_at(x) is expect
        k = look.deepest(x)
        assert (r.sections[k] if k >= 0 else None) is expect
    # a section's first character belongs to it or to a section starting there; past its end, never
    for s in r.sections:
        if s.end > s.start:
            got = r.section_at(s.start)
            assert got is s or (got.start == s.start and got.level >= s.level)
            assert r.section_at(s.end) is not s
