"""The real-set scorer on a small manifest the test writes itself (CI has no real pages).

Pages here are short real-style snippets written for the test; the manifest records their
sha256 like the real one does. One page is missing and one has changed, as happens when a
stored copy changes between sessions.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from fzanalyzer.cli import main
from fzanalyzer.errors import GoldError
from fzanalyzer.evaluate.real import (
    baseline_indicators,
    dev_pages,
    evaluate_real,
    find_page,
    half,
    load_manifest,
)

REPORT = (
    "青岚县2021年法治政府建设情况报告\n"
    "2021年，我县深入贯彻习近平法治思想，现将有关情况报告如下：\n"
    "一、主要举措和成效\n"
    "（一）深化“放管服”改革。全年办理行政许可事项3200件，群众满意率达98.5%。\n"
    "二、存在的不足\n"
    "一些部门依法行政意识有待提高。"
)
NEWS = "县人大常委会听取县政府2021年法治政府建设情况报告\n会议指出，要进一步提高依法行政水平。"

REPORT_GOLD = {
    "is_report": True,
    "doc_type": "report",
    "title": "青岚县2021年法治政府建设情况报告",
    "issuer": "青岚县人民政府",
    "issuer_named": False,
    "level": "district_county",
    "year_covered": 2021,
    "region": {"province": None, "city": None, "county_or_district": "青岚县"},
    "sections": [
        {
            "marker": "一、",
            "title": "主要举措和成效",
            "level": 1,
            "canonical": "measures_and_results",
            "children": [{"marker": "（一）", "title": "深化“放管服”改革", "level": 2, "topic": "functions"}],
        },
        {"marker": "二、", "title": "存在的不足", "level": 1, "canonical": "shortcomings"},
    ],
    "indicators": [
        {
            "text": "3200件",
            "value": 3200,
            "unit": "件",
            "name": "行政许可事项",
            "qualifier": None,
            "change": None,
            "period": "全年",
        },
        {
            "text": "98.5%",
            "value": 98.5,
            "unit": "%",
            "name": "群众满意率",
            "qualifier": None,
            "change": None,
            "period": "全年",
        },
    ],
}
NEWS_GOLD = {"is_report": False, "doc_type": "news", "title": None, "sections": [], "indicators": []}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_set(tmp_path: Path) -> tuple[Path, Path]:
    """A manifest of four pages, three of them written to ``pages/`` (one of those altered)."""
    real, pages = tmp_path / "real", tmp_path / "pages"
    real.mkdir()
    pages.mkdir()
    entries = [
        ("r-qinglan-2021", REPORT, REPORT_GOLD, "dev"),
        ("n-qinglan-2021", NEWS, NEWS_GOLD, "dev"),
        ("r-gone-2021", REPORT, REPORT_GOLD, "dev"),
        ("r-changed-2021", REPORT, REPORT_GOLD, "holdout"),
    ]
    with open(real / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for rid, text, gold, split in entries:
            line = {"id": rid, "address": f"http://example.gov.cn/{rid}", "query": "q", "sha256": _sha(text)}
            fh.write(
                json.dumps({**line, "split": split, "gold": {**gold, "id": rid}}, ensure_ascii=False) + "\n"
            )
    (pages / "r-qinglan-2021.txt").write_text(REPORT, encoding="utf-8")
    (pages / "n-qinglan-2021.txt").write_text(NEWS, encoding="utf-8")
    (pages / "r-changed-2021.txt").write_text(REPORT + "（更新）", encoding="utf-8")
    return real, pages


def test_missing_and_changed_pages_are_listed_not_fatal(tmp_path):
    real, pages = write_set(tmp_path)
    res = evaluate_real(real, [pages], split="all")
    assert res.missing == ["r-gone-2021"]
    assert res.mismatched == ["r-changed-2021"]
    assert res.pages == 2 and res.reports == 1
    assert any("missing" in n for n in res.notes)


def test_a_page_the_toolkit_refuses_is_listed_and_scored_as_no_report(tmp_path):
    real, pages = write_set(tmp_path)
    garbled = "\ue000\ue001\x01" * 40  # valid UTF-8, but private-use and control characters
    line = {"id": "n-garbled", "address": "http://example.gov.cn/g", "query": "q", "sha256": _sha(garbled)}
    gold = {**NEWS_GOLD, "id": "n-garbled"}
    with open(real / "manifest.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({**line, "split": "dev", "gold": gold}, ensure_ascii=False) + "\n")
    (pages / "n-garbled.txt").write_text(garbled, encoding="utf-8")
    res = evaluate_real(real, [pages], split="dev")
    assert [r.split(":")[0] for r in res.refused] == ["n-garbled"]
    assert "E004" in res.refused[0]
    assert res.pages == 3 and res.tool.is_report.total == 3
    assert res.per_page["n-garbled"].is_report.hit == 1  # a near-miss refused is no report: right


def test_split_selects_pages(tmp_path):
    real, pages = write_set(tmp_path)
    assert evaluate_real(real, [pages], split="holdout").pages == 0
    assert evaluate_real(real, [pages], split="dev").pages == 2
    with pytest.raises(ValueError):
        evaluate_real(real, [pages], split="train")


def test_annotators_select_their_pages(tmp_path):
    real, pages = write_set(tmp_path)
    lines = (real / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(x) for x in lines]
    marked = [json.dumps({**e, "annotator": "D" if e["id"].startswith("n-") else "A"}) for e in entries]
    (real / "manifest.jsonl").write_text("\n".join(marked) + "\n", encoding="utf-8")
    only_d = evaluate_real(real, [pages], split="all", annotators=["D"])
    assert (only_d.pages, only_d.reports) == (1, 0)  # the near-miss alone
    assert evaluate_real(real, [pages], split="all", annotators=["A", "D"]).pages == 2


def test_dev_pages_yield_only_dev_pages_whose_text_is_verified(tmp_path):
    real, pages = write_set(tmp_path)
    got = [(e["id"], text) for e, _path, text in dev_pages(real, [pages])]
    assert got == [("r-qinglan-2021", REPORT), ("n-qinglan-2021", NEWS)]  # not gone, not holdout


def test_halves_split_the_ids_by_hash_and_both_are_used():
    ids = [f"r-page-{i}" for i in range(200)]
    sides = [half(i) for i in ids]
    assert sides == [half(i) for i in ids]  # a page stays in its half
    assert 60 < sides.count("A") < 140


def test_scores_the_report_and_the_near_miss(tmp_path):
    real, pages = write_set(tmp_path)
    figs = evaluate_real(real, [pages], split="dev").figures()
    assert figs["is_report.acc"] == 1.0
    assert figs["headings_1_3.F1"] == 1.0
    assert figs["indicators.F1"] == 1.0
    # The issuer is not named on the page, so it is not scored at all.
    res = evaluate_real(real, [pages], split="dev")
    assert res.tool.meta["issuer"].total == 0 and res.tool.meta["title"].total == 1


def test_a_wrong_gold_costs_what_it_should(tmp_path):
    real, pages = write_set(tmp_path)
    lines = (real / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["gold"]["indicators"][0]["value"] = 3300
    first["gold"]["year_covered"] = 2020
    lines[0] = json.dumps(first, ensure_ascii=False)
    (real / "manifest.jsonl").write_text("\n".join(lines), encoding="utf-8")
    res = evaluate_real(real, [pages], split="dev")
    assert res.tool.indicators.tp == 1 and res.tool.indicators.n_gold == 2
    assert res.tool.meta["year_covered"].hit == 0


def test_baseline_is_a_plain_number_and_unit():
    found = baseline_indicators("全年受理案件56件，结案率97.5%，罚款1.2万元，〔2021〕5号，共3个工作日。")
    assert [(i["value"], i["unit"]) for i in found] == [
        (56, "件"),
        (97.5, "%"),
        (12000, "元"),
        (3, "个工作日"),
    ]
    assert found[0]["sentence"] == "全年受理案件56件，结案率97.5%，罚款1.2万元，〔2021〕5号，共3个工作日"


def test_find_page_checks_the_hash(tmp_path):
    real, pages = write_set(tmp_path)
    entries = {e["id"]: e for e in load_manifest(real)}
    assert find_page(entries["r-qinglan-2021"], [pages])[1] == "ok"
    assert find_page(entries["r-changed-2021"], [pages])[1] == "mismatch"
    assert find_page(entries["r-gone-2021"], [tmp_path, pages]) == (None, "missing")


def test_bad_manifest_is_a_gold_error(tmp_path):
    (tmp_path / "manifest.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match="E060"):
        load_manifest(tmp_path)


def test_cli_prints_toolkit_beside_baseline(tmp_path, capsys):
    real, pages = write_set(tmp_path)
    out = tmp_path / "figs.json"
    rc = main(["eval-real", str(real), "--pages", str(pages), "--split", "all", "--json", str(out)])
    printed = capsys.readouterr().out
    assert rc == 0 and "regex baseline" in printed and "r-gone-2021" in printed
    figs = json.loads(out.read_text(encoding="utf-8"))
    assert figs["pages"] == 2 and figs["baseline"]["indicators.F1"] == 1.0
    assert figs["mismatched"] == ["r-changed-2021"]


def test_merge_script_keeps_gold_and_offsets_not_text(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "merge_realset", Path(__file__).parents[1] / "scripts" / "merge_realset.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    ann = tmp_path / "set" / "A"
    (ann / "pages").mkdir(parents=True)
    (ann / "gold").mkdir()
    addr = "http://example.gov.cn/qinglan"
    (ann / "pages" / "r-qinglan-2021.txt").write_text(REPORT, encoding="utf-8")
    (ann / "gold" / "r-qinglan-2021.gold.json").write_text(
        json.dumps({**REPORT_GOLD, "id": "r-qinglan-2021"}, ensure_ascii=False), encoding="utf-8"
    )
    line = {"id": "r-qinglan-2021", "address": addr, "query": "q", "sha256": _sha(REPORT), "split": "dev"}
    (ann / "manifest.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    out, copies = tmp_path / "out", tmp_path / "copies"
    assert mod.main([str(tmp_path / "set"), "--out", str(out), "--pages-out", str(copies)]) == 0
    merged = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(merged) == 1 and merged[0]["split"] == mod.split_of(addr)
    assert REPORT not in (out / "manifest.jsonl").read_text(encoding="utf-8")
    ind = merged[0]["gold"]["indicators"][1]
    assert REPORT[ind["start"] : ind["end"]] == "98.5%"
    assert (copies / "r-qinglan-2021.txt").read_text(encoding="utf-8") == REPORT
