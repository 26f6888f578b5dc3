"""Reuse detection never crashes and always returns valid offsets, on arbitrary text."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fzanalyzer.errors import FzError
from fzanalyzer.model import Meta, Report
from fzanalyzer.reuse.align import align, hashed_blocks, seed_blocks
from fzanalyzer.reuse.passages import find_reuse, shingle_hashes

CHARS = st.sampled_from(list("法治政府建设推进依法行政全年办理案件件万元%，。；、\n 0123456789"))
TEXT = st.text(CHARS, max_size=400)


def _r(rid: str, text: str, issuer: str | None = None, year: int | None = None) -> Report:
    return Report(
        id=rid, source="", sha256="", format="txt", text=text, meta=Meta(issuer=issuer, year_covered=year)
    )


@settings(max_examples=40, deadline=None)
@given(TEXT, TEXT, st.text(CHARS, min_size=0, max_size=200))
# runs of digits whose snapped bounds left one side empty (found by hypothesis, session 12)
@example(x="0000000001", y="0000000001", shared="0000000001")
@example(x="0000000000", y="0000000001", shared="0000000001")
def test_offsets_always_valid(x, y, shared):
    a, b = _r("a", x + shared + x, "甲", 2020), _r("b", y + shared, None, None)
    for p in find_reuse([a, b], min_chars=20):
        assert a.text[p.a_start : p.a_end] == p.a_text
        assert b.text[p.b_start : p.b_end] == p.b_text
        assert 0 <= p.a_start < p.a_end <= len(a.text)
        assert p.kind == "unknown"  # one issuer is missing


@settings(max_examples=40, deadline=None)
@given(TEXT, TEXT)
def test_alignment_blocks_are_exact(x, y):
    for i, j, n in seed_blocks(x, y, 4):
        assert x[i : i + n] == y[j : j + n]
    import numpy as np

    cx = np.frombuffer(x.encode("utf-32-le"), dtype=np.uint32)
    cy = np.frombuffer(y.encode("utf-32-le"), dtype=np.uint32)
    fast = hashed_blocks(shingle_hashes(cx, 4), shingle_hashes(cy, 4), 4, max_occ=10**6)
    assert sorted(fast) == sorted(seed_blocks(x, y, 4, max_occ=10**6))
    for p in align(x, y, min_chars=10, threshold=0.5):
        assert p.similarity >= 0.5


def test_small_inputs():
    assert find_reuse([]) == []
    assert find_reuse([_r("a", "一段文字。")]) == []
    assert find_reuse([_r("a", ""), _r("b", "")]) == []


def test_duplicate_ids_are_refused():
    with pytest.raises(FzError):
        find_reuse([_r("a", "x"), _r("a", "y")])


def test_whitespace_and_line_breaks_do_not_break_a_match():
    """A PDF copy wraps lines and adds spaces; the passage is still one match, spans in each text."""
    s = "坚持把合法性审查作为区政府研究决定事项的必经程序，凡提交区政府常务会议审议的议题，均须经区司法局进行合法性审查。"
    wrapped = s[:20] + "\n" + s[20:45] + " " + s[45:]
    a, b = _r("a", "前言。" + s, "甲", 2020), _r("b", wrapped + "结语。", "甲", 2021)
    (p,) = find_reuse([a, b])
    assert p.a_text == s
    assert p.b_text == wrapped
    assert p.similarity == 1.0


def test_banding_matches_datasketch_lsh(data_dir):
    """Our numpy banding proposes exactly the pairs datasketch's MinHashLSH proposes for the
    same signatures (16 bands of 2 rows)."""
    import unicodedata

    from datasketch import LeanMinHash, MinHashLSH

    from fzanalyzer.reuse.passages import ReuseDoc, ReuseParams, lsh_pairs, minhash_signatures

    texts = [(data_dir / "dev" / f"tangxi-{y}.txt").read_text(encoding="utf-8") for y in (2020, 2021)]
    reports = [_r(f"t{i}", unicodedata.normalize("NFKC", t), "甲", 2020 + i) for i, t in enumerate(texts)]
    p = ReuseParams()
    docs = [ReuseDoc(i, r, p.shingle) for i, r in enumerate(reports)]
    sig, owner, _ = minhash_signatures(docs, p, skip_boilerplate=False)
    ours = {tuple(x) for x in lsh_pairs(sig, owner, p, max_bucket=len(sig)).tolist()}
    lsh = MinHashLSH(num_perm=p.num_perm, params=(p.num_perm // p.rows, p.rows))
    hashes = [LeanMinHash(seed=1, hashvalues=row.astype("uint64"), scheme="affine32") for row in sig]
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    theirs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if owner[i] != owner[j]:
                theirs.add((min(i, j), max(i, j)))
    assert ours == theirs
    assert len(ours) > 20


def test_reordered_sentences_are_each_found():
    """Regression: a longest-common-subsequence alignment keeps only one of two sentences that
    swapped places between years; seed-and-extend finds both."""
    s1 = "集中整治占道经营、违规停车、违法建设等城市管理顽疾，推行721工作法，城市管理执法的规范化水平不断提升。"
    s2 = "深入开展食品安全、药品安全、特种设备安全专项整治，围绕校园周边、农贸市场、网络餐饮等重点区域加大检查力度。"
    a = "一、" + s1 + "二、" + s2
    b = "甲、" + s2 + "乙、" + s1
    found = align(a, b, min_chars=40)
    assert len(found) == 2
    for p in found:
        assert a[p.a_start : p.a_end] == b[p.b_start : p.b_end]
        assert a[p.a_start : p.a_end].lstrip("、") in (s1, s2)  # the marker's 、 matches too


def test_inserted_clause_is_bridged():
    """Near-verbatim: a clause inserted in next year's text stays inside one passage."""
    a = "坚持放管结合、并重，健全以“双随机、一公开”监管为基本手段、以重点监管为补充、以信用监管为基础的新型监管机制。"
    b = "坚持放管结合、并重，推动监管重心由事前审批向事中事后监管转移，健全以“双随机、一公开”监管为基本手段、以重点监管为补充、以信用监管为基础的新型监管机制。"
    (p,) = align(a, b)
    assert (p.a_start, p.a_end, p.b_start, p.b_end) == (0, len(a), 0, len(b))
    assert p.matched == len(a)
    assert p.similarity == pytest.approx(2 * len(a) / (len(a) + len(b)))


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=3), st.text(CHARS, min_size=1, max_size=4))
def test_kwic_and_terms_on_arbitrary_text(texts, term):
    from fzanalyzer.compare.wording import kwic, terms

    reports = [_r(f"r{i}", t, "甲", 2020 + i) for i, t in enumerate(texts)]
    df = kwic(reports, term, width=5)
    assert len(df) == sum(len(re.findall(re.escape(term), t)) for t in texts)
    by_id = {r.id: r for r in reports}
    for row in df.itertuples():
        assert by_id[row.report_id].text[row.start : row.end] == term
    for t in texts:
        assert all(v > 0 for v in terms(t).values())
