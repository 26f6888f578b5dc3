"""The spaCy pipeline: the registered rule component, the trained NER and the commands."""

from __future__ import annotations

import json

import pytest

from fzanalyzer.cli import main
from fzanalyzer.extract import ner as fzner
from fzanalyzer.extract import nlp as fznlp
from fzanalyzer.extract.indicators import extract_indicators
from fzanalyzer.model import Meta


@pytest.fixture(scope="module")
def pipeline():
    return fznlp.build_nlp(ner=True)


def test_rule_component_is_registered_under_a_versioned_name(pipeline):
    import spacy

    assert fznlp.COMPONENT in pipeline.pipe_names
    assert spacy.registry.misc.get(fznlp.RULES) is not None


def test_rule_spans_snap_to_tokens(pipeline):
    doc = pipeline("覆盖学生2万余名，满意率88%。")
    spans = doc.spans["fz_indicators"]
    assert [s.text for s in spans] == ["2万余名", "88%"]
    for s in spans:
        assert s.start_char == doc[s.start].idx  # token boundaries


def test_excluded_numbers_are_kept_with_their_reason(pipeline):
    doc = pipeline("全区第一个站点挂牌，推行“三项制度”。")
    assert not doc.spans["fz_indicators"]
    assert {s.label_ for s in doc.spans["fz_excluded"]} >= {"ordinal"}


def test_trained_model_is_versioned_and_predicts_subjects(pipeline):
    assert fzner.ner_available()
    meta = json.loads((fznlp.model_dir() / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == fznlp.NER_VERSION
    assert "ner" in pipeline.pipe_names
    doc = pipeline("全年办理法律援助案件2318件，为农民工讨回欠薪4260万元。")
    assert any(e.label_ == fznlp.NER_LABEL for e in doc.ents)


def test_training_data_spans_are_in_their_text():
    rows = fznlp.read_examples()
    assert len(rows) >= 50
    for r in rows:
        for a, b, label in r["spans"]:
            assert 0 <= a < b <= len(r["text"]) and label == fznlp.NER_LABEL


def test_ner_only_replaces_weak_subjects():
    text = "全年共收到行政复议申请412件，审结398件。"
    rules = extract_indicators(text, [], Meta(), use_ner=False)
    with_ner = extract_indicators(text, [], Meta(), use_ner=True)
    assert [i.value for i in rules] == [i.value for i in with_ner]
    assert with_ner[0].name == rules[0].name  # a good rule subject is never touched
    for i in with_ner:
        assert text[i.start : i.end] == i.text


def test_silver_examples_come_from_the_rules():
    rows = fznlp.silver(["全年办理法律援助案件2318件。"])
    (row,) = rows
    assert [row["text"][a:b] for a, b, _ in row["spans"]] == ["法律援助案件"]  # no reporting verb


def test_indicators_command(seed_path, capsys):
    assert main(["indicators", str(seed_path), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert len(lines) > 50
    assert all({"text", "value", "unit", "name", "period"} <= set(x) for x in lines)


def test_indicators_command_table(seed_path, capsys):
    assert main(["indicators", str(seed_path)]) == 0
    assert "indicators" in capsys.readouterr().out


def test_train_ner_silver_mode(tmp_path):
    out = tmp_path / "silver.jsonl"
    assert main(["train-ner", "--silver", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(fznlp.read_sentences())


@pytest.mark.slow
def test_train_ner_reaches_the_shipped_scores_and_tags(tmp_path, capsys):
    """A retrain completes, scores within a tolerance of the shipped model's recorded held-out
    figures (another CPU or numpy/blis/thinc build gives a slightly different model, so bytes are
    never compared), records where it was built, and the model it writes loads and tags."""
    import spacy

    assert main(["train-ner", "--output", str(tmp_path / "ner"), "--iter", "12"]) == 0
    assert "held-out P" in capsys.readouterr().out
    meta = json.loads((tmp_path / "ner" / "meta.json").read_text(encoding="utf-8"))
    shipped = json.loads((fznlp.model_dir() / "meta.json").read_text(encoding="utf-8"))
    # 12 epochs instead of 30 keeps the test short; the held-out F stays near the shipped one
    assert abs(meta["fz_heldout"]["ents_f"] - shipped["fz_heldout"]["ents_f"]) < 0.12
    build = meta["fz_build"]
    assert build["libraries"]["spacy"] and build["libraries"]["numpy"]
    assert isinstance(build["cpu_flags"], list)
    nlp = fznlp.blank_zh()
    nlp.add_pipe("ner", source=spacy.load(tmp_path / "ner"))
    doc = nlp("全年办理法律援助案件2318件，为农民工讨回欠薪4260万元。")
    assert any(e.label_ == fznlp.NER_LABEL for e in doc.ents)


def test_training_never_writes_into_the_package_by_default(capsys):
    before = (fznlp.model_dir() / "ner" / "model").stat().st_mtime_ns
    assert main(["train-ner"]) == 2
    assert "--output" in capsys.readouterr().err
    with pytest.raises(ValueError, match="output folder"):
        fznlp.train_ner()
    assert (fznlp.model_dir() / "ner" / "model").stat().st_mtime_ns == before


def test_indicators_eval_command_compares_rules_and_ner(data_dir, capsys):
    assert main(["indicators-eval", str(data_dir / "seed")]) == 0
    out = capsys.readouterr().out
    assert "rules+ner" in out and "ner-only" in out


def test_ablation_scores_each_naming_mode(data_dir):
    from fzanalyzer.evaluate.ablation import MODES, ablation

    scores = ablation([data_dir / "seed"])
    assert set(scores) == set(MODES)
    # naming never changes which numbers are found
    assert len({(s.indicators.tp, s.indicators.n_pred, s.indicators.n_gold) for s in scores.values()}) == 1
