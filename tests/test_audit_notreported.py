"""Plans the audit called 未提及 (not reported) while the next report does say what was done
(issue 11, session 6): the causes found by leaving one annotator set out, each on the real text
of the development pairs where it was seen."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fzanalyzer.audit.followthrough import candidates
from fzanalyzer.model import Report

DATA = Path(__file__).parent / "data"


@cache
def report(folder: str, rid: str) -> Report:
    import fzanalyzer

    return fzanalyzer.load(DATA / folder / f"{rid}.txt")


def test_a_sentence_glued_to_its_inline_heading_is_a_candidate():
    # a flattened web page: （三）深化综合行政执法改革原由区农业农村…统一划归… is one sentence that
    # starts with a heading; its body reports the work and was skipped as a heading
    r = report("audit-dev2", "lanxi-2023")
    work = candidates(r)["work"]
    for c in work:
        assert r.text[c.start : c.end] == c.text
    body = [c for c in work if c.text.startswith("原由区农业农村")]
    assert len(body) == 1 and "一支队伍管执法" in body[0].text
    assert body[0].heading == "深化综合行政执法改革"
    assert any(c.text.startswith("在城东、河埠等街道建成基层政务公开示范点6个") for c in work)
    # the heading alone is still context, never a candidate
    assert not any(c.text.startswith(("(三)", "（三）", "深化综合行政执法改革")) for c in work)
