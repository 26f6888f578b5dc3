"""Metadata on real published pages (issue 10): the issuer as a reader names it, region, level,
and how the issuer is scored; each on a short snippet written here in the style of the page that
showed it (the real pages are not ours to copy: tests/data/real)."""

from __future__ import annotations

from fzanalyzer.evaluate.score import Tally, same_issuer, score_meta
from fzanalyzer.meta.gazetteer import gazetteer
from fzanalyzer.pipeline import analyze_text


def _meta(text: str):
    return analyze_text(text, id="t", analyze=False).meta


def test_autonomous_counties_are_found_under_their_short_names():
    g = gazetteer()
    assert [d.code for d in g.by_name("镇宁自治县")] == [d.code for d in g.by_name("镇宁布依族苗族自治县")]
    assert [d.name for d in g.by_name("彭水县")] == ["彭水苗族土家族自治县"]
    assert g.by_name("东乡自治县") == []  # 东乡族自治县: the nationality is the whole name


def test_issuer_scoring_accepts_the_same_body_only():
    # The same body: divisions above it named or not, the state's name, a gazetteer short name.
    assert same_issuer("上海市静安区人民政府", "静安区人民政府", {"province": "上海市"})
    assert same_issuer("彭水县棣棠乡人民政府", "棣棠乡人民政府", {})
    assert same_issuer("中华人民共和国司法部", "司法部", {})
    assert same_issuer("镇宁布依族苗族自治县人民政府", "镇宁自治县人民政府", {})
    # Another body: another organ, another division, a division the gazetteer puts elsewhere,
    # a city the prediction itself names otherwise.
    assert not same_issuer("三明市卫生健康委员会", "三明市司法局", {})
    assert not same_issuer("彭水县棣棠乡人民政府", "棣棠乡党委", {})
    assert not same_issuer("北京市静安区人民政府", "静安区人民政府", {})
    assert not same_issuer("广州市白云区人民政府", "白云区人民政府", {"city": "贵阳市"})
    assert not same_issuer("竹溪县泉溪镇人民政府", "竹溪县人民政府", {})
    assert not same_issuer("广州市人民政府", "人民政府", {})


def test_score_meta_uses_the_same_body_rule():
    gold = {"issuer": "广州市白云区人民政府", "region": {"city": "广州市"}}
    pred = {"meta": {"issuer": "白云区人民政府", "region": {"city": "广州市"}}}
    t = Tally()
    score_meta(gold, pred, t)
    assert t.meta["issuer"].value == 1.0
    t = Tally()
    score_meta(gold, {"meta": {"issuer": "白云区人民政府", "region": {"city": "贵阳市"}}}, t)
    assert t.meta["issuer"].value == 0.0
