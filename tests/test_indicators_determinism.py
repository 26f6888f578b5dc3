"""Indicator extraction is a function of the text alone: nothing run earlier in the process
changes it (a batch compares a long-lived process with fresh worker processes)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict

import pytest

from fzanalyzer.extract import ner as fzner
from fzanalyzer.extract import nlp as fznlp
from fzanalyzer.extract.indicators import extract_indicators
from fzanalyzer.extract.lexicon import cues, units
from fzanalyzer.extract.numbers import numerals
from fzanalyzer.extract.subject import _pos
from fzanalyzer.model import Meta

from conftest import DEV, SEED

# Prints the indicators of the seed and a dev report as JSON. With "polluted", first does what
# other code in a long-lived process may do: extract other texts (warming every cache), change
# jieba's shared dictionary (user words and tags, as a notebook or another step might), run the
# NER path, then extract.
_SCRIPT = r"""
import io, json, sys
from dataclasses import asdict
from fzanalyzer.pipeline import load

seed, dev, mode = sys.argv[1:4]
if mode == "polluted":
    import jieba
    from fzanalyzer.extract.indicators import extract_indicators
    from fzanalyzer.model import Meta

    load(dev)
    jieba.load_userdict(io.StringIO("实现 1000000 n\n受理 1000000 n\n办理 1000000 n\n开展 1000000 n\n"))
    jieba.add_word("行政复议", 10, "v")
    jieba.suggest_freq(("事项", "已"), tune=True)
    text = open(seed, encoding="utf-8").read()
    extract_indicators(text[:3000], [], Meta(year_covered=2019), use_ner=True)
out = {}
for path in (seed, dev):
    out[path] = [asdict(i) for i in load(path).indicators]
print(json.dumps(out, ensure_ascii=False))
"""


def _run(mode: str) -> dict:
    dev = DEV / "tangxi-2021.txt"
    res = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(SEED), str(dev), mode],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(res.stdout)


def test_a_process_that_ran_other_things_first_gives_what_a_fresh_process_gives():
    fresh, polluted = _run("fresh"), _run("polluted")
    assert fresh.keys() == polluted.keys()
    for path in fresh:
        assert len(fresh[path]) > 30
        diffs = [
            (a["text"], a["name"], b["name"])
            for a, b in zip(fresh[path], polluted[path], strict=True)
            if a != b
        ]
        assert not diffs, f"{path}: {diffs[:5]}"


def test_subjects_ignore_changes_to_jiebas_shared_dictionary(monkeypatch):
    import io

    import jieba
    import jieba.posseg as pseg

    phrase = "全区自建系统事项已实现全网通办"
    before = _pos(phrase)
    assert ("实现", "v") in before
    # Stand-ins for jieba's module-level tokenizers (restored after the test), changed as a
    # notebook or another step may change the real ones.
    shared = jieba.Tokenizer()
    monkeypatch.setattr(jieba, "dt", shared)
    monkeypatch.setattr(pseg, "dt", pseg.POSTokenizer(shared))
    shared.load_userdict(io.StringIO("实现 1000000 n\n"))
    assert ("实现", "n") in [(w.word, w.flag) for w in pseg.dt.cut(phrase)]
    _pos.cache_clear()
    assert _pos(phrase) == before


def test_lexicon_tables_cannot_be_changed_by_callers():
    with pytest.raises(TypeError):
        cues()["name"]["verbs"] += ("自建",)
    with pytest.raises(AttributeError):
        cues()["period"]["resets"].append("全年")  # a tuple
    with pytest.raises(TypeError):
        units()["个方面"] = units()["个"]
    with pytest.raises(TypeError):
        numerals()["digits"]["两"] = 3


def test_the_ner_pipeline_is_reloaded_when_the_model_on_disk_changes(tmp_path, monkeypatch):
    model = tmp_path / "ner"
    shutil.copytree(fznlp.model_dir(), model)
    monkeypatch.setattr(fzner, "model_dir", lambda: model)
    first = fzner._cached_nlp()
    assert fzner._cached_nlp() is first  # cached while the model is unchanged
    weights = model / "ner" / "model"
    weights.write_bytes(weights.read_bytes())  # retrained in place
    st = weights.stat()
    os.utime(weights, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert fzner._cached_nlp() is not first


def test_use_ner_is_an_argument_not_a_setting():
    text = "全年共受理行政复议申请120件，审结110件。"
    a = [asdict(i) for i in extract_indicators(text, [], Meta(year_covered=2021))]
    extract_indicators(text, [], Meta(year_covered=2021), use_ner=True)
    b = [asdict(i) for i in extract_indicators(text, [], Meta(year_covered=2021))]
    assert a == b
    assert all(i["method"] == "rule" for i in b)
