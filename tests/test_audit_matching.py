"""Matching that reads the genre: look-alike objects, definitional equivalences, chains of years.

Reports are written in the genre's outline (title, 一、 measures, 二、 shortcomings, 三、 plans)
and go through the whole pipeline, as users' reports do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fzanalyzer
from fzanalyzer.audit.followthrough import MATCH_FEATURES, PairScorer, audit, canon, concepts_of
from fzanalyzer.extract.plans import verb_object
from fzanalyzer.resources import package_path


def _report(
    tmp: Path,
    issuer: str,
    year: int,
    work: list[str],
    plans: list[str],
    heading: str = "严格规范公正文明执法",
) -> fzanalyzer.Report:
    """A report of ``issuer`` for ``year`` in the genre's outline, loaded through the pipeline."""
    body = "\n".join(
        [
            f"{issuer}关于{year}年度法治政府建设情况的报告",
            f"{year}年，{issuer[:-4]}坚持以习近平新时代中国特色社会主义思想为指导，深入推进法治政府建设。现将有关情况报告如下：",
            f"一、{year}年度推进法治政府建设的主要举措和成效",
            f"（一）{heading}",
            *work,
            "二、存在的不足和原因",
            "一是法治宣传的针对性有待增强；二是基层执法力量仍然薄弱。",
            f"三、{year + 1}年度推进法治政府建设的主要安排",
            f"（一）{heading}",
            *plans,
        ]
    )
    path = tmp / f"r-{year}-{abs(hash(issuer)) % 1000}.txt"
    path.write_text(body + "\n", encoding="utf-8")
    return fzanalyzer.load(path)


def test_lookalike_case_review_of_another_object_is_not_evidence(tmp_path):
    """执法案卷评查 is not 复议案卷评查: a sentence about the other object, sharing most of the
    plan's words, must not make the plan fulfilled."""
    issuer = "青禾县人民政府"
    prev = _report(
        tmp_path,
        issuer,
        2021,
        ["全年办理行政许可事项1200件。"],
        ["开展行政执法案卷评查，年内评查案卷不少于100卷。"],
    )
    nxt = _report(
        tmp_path, issuer, 2022,
        ["县司法局组织开展行政复议案卷评查，共评查复议案卷46卷，发现问题12个并督促整改。",
         "全县共办理行政许可事项1350件，办结率100%。"],
        ["推进公共法律服务体系建设。"],
    )  # fmt: skip
    item = audit(prev, nxt).items[0]
    assert item.status == "not_reported", item
    assert any("复议案卷评查" in e.text for e in item.nearest)  # shown to the auditor, not accepted


def test_same_object_in_other_words_is_evidence(tmp_path):
    """推行告知承诺制 is answered by the practice described (书面承诺即可当场办理), under the same topic."""
    issuer = "青禾县人民政府"
    head = "深化“放管服”改革，优化营商环境"
    prev = _report(
        tmp_path,
        issuer,
        2021,
        ["全年办理行政许可事项1200件。"],
        ["全面推行证明事项告知承诺制，减轻群众办事负担。"],
        head,
    )
    nxt = _report(
        tmp_path, issuer, 2022,
        ["对户籍、社保等领域58项证明事项，申请人书面承诺符合条件即可当场办理，全年免交证明材料1.2万份。",
         "全县共办理行政许可事项1350件，办结率100%。"],
        ["推进公共法律服务体系建设。"], head,
    )  # fmt: skip
    item = audit(prev, nxt).items[0]
    assert item.status in ("fulfilled", "progressed"), item
    assert "书面承诺" in item.evidence[0].text
    assert item.evidence[0].heading_path == "一、(一)"  # NFKC: full-width brackets become ASCII
    assert item.evidence[0].heading == head.replace("“", '"').replace("”", '"') or item.evidence[0].heading


def test_modifier_conflict_and_concepts_as_signals():
    plans = ["开展执法案卷评查。", "编制重大行政决策目录。", "整合执法队伍。"]
    cands = ["开展复议案卷评查，评查案卷46卷。", "公布政府信息公开目录。", "公布年度重大行政决策事项目录，共4项。",
             "原分散在各部门的执法职责统一由综合执法局行使。"]  # fmt: skip
    sc = PairScorer(
        plans, cands, [""] * 4, [None] * 4, [None] * 3, objects=[verb_object(p)[1] for p in plans]
    )
    conflict = MATCH_FEATURES.index("mod_conflict")
    concept = MATCH_FEATURES.index("concept")
    assert sc.features(0)[0, conflict] == 1.0  # 复议 vs 执法 案卷评查
    assert sc.features(1)[1, conflict] == 1.0  # 政府信息公开目录 vs 重大行政决策目录
    assert sc.features(1)[2, conflict] == 0.0  # the same object with a word in between
    assert sc.features(2)[3, concept] == 1.0  # 整合执法队伍 ≈ 执法职责统一行使
    assert concepts_of("推行告知承诺制") and canon("告知承诺") != canon("承诺")


def test_equivalences_are_data_and_compile():
    data = json.loads((package_path("data") / "audit" / "equivalences.json").read_text(encoding="utf-8"))
    names = [c["name"] for c in data["concepts"]]
    assert len(names) == len(set(names)) >= 30
    import re

    for c in data["concepts"]:
        for p in c["patterns"]:
            re.compile(p)
        assert concepts_of(c["name"]), c["name"]  # a concept's own name reads as the concept


CHAINS = package_path("data") / "audit" / "chains.json"


def test_plan_chains_across_three_years_find_the_commitments_restated_twice(tmp_path):
    """Promised in Y, promised again in Y+1 and in Y+2: the chain is listed as restated two years
    or more (the training chains, written by annotators who never read the code)."""
    from fzanalyzer.audit import audit_corpus

    chains = [c for c in json.loads(CHAINS.read_text(encoding="utf-8"))["chains"]
              if c["y1"]["status"] == "restated" and c["y2"]["status"] == "restated"]  # fmt: skip
    assert len(chains) >= 10
    folder = tmp_path / "c"
    folder.mkdir()
    issuer = "青禾县人民政府"
    work = ["全年办理行政许可事项1200件，办结率100%。"]
    texts = {
        2021: [c["plan_y"] for c in chains],
        2022: [c["y1"]["text"] for c in chains],
        2023: [c["y2"]["text"] for c in chains],
    }
    for year, plans in texts.items():
        rep = _report(folder, issuer, year, work, plans)
        assert len(rep.plans) >= len(chains) - 1, rep.plans
    res = audit_corpus(folder)
    assert len(res.audits) == 2
    long = [c for c in res.chains if c["restated_years"] >= 2]
    assert len(long) >= 0.5 * len(chains)
    for c in long:
        assert c["years"] == [2021, 2022, 2023] and c["issuer"] == issuer
        assert c["plan_text"] in "".join(texts[2021])


@pytest.mark.parametrize("encoder", ["tfidf"])
def test_every_verdict_has_a_calibrated_confidence_and_not_reported_shows_nearest(encoder):
    from test_audit_support import dev_report

    a = audit(dev_report("tangxi-2021"), dev_report("tangxi-2022"), encoder=encoder)
    nxt = dev_report("tangxi-2022")
    for it in a.items:
        assert 0.0 <= it.confidence <= 1.0
        assert it.needs_review == (it.confidence < 0.6)
        for e in [*it.evidence, *it.nearest]:
            assert nxt.text[e.start : e.end] == e.text
            assert e.heading_path or e.part in (None, "preamble")  # found by its headings
        if it.status == "not_reported":
            assert len(it.nearest) == 3
        else:
            assert not it.nearest
