"""The trained subject recognizer at extraction time: where the rule subject of a number is weak,
the NER's ``SUBJ`` span nearest the number names it instead (``use_ner``).

This module runs the shipped NER alone (tokenizer + ``ner``); :mod:`fzanalyzer.extract.nlp`
builds the full pipeline (with the rule component) and trains the model. The rules
(:mod:`fzanalyzer.extract.indicators`) call :func:`refine_names` and :func:`weak_name` here;
nothing here imports the rules, so the two never import each other.

>>> weak_name("办理"), weak_name("受理行政复议申请")
(True, False)
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..resources import package_path
from .lexicon import cues
from .subject import only_verbs

if TYPE_CHECKING:
    from spacy.language import Language

    from ..model import Indicator

NER_LABEL = "SUBJ"


def weak_name(name: str) -> bool:
    """A rule name that does not say what was counted: empty, a bare verb or rate, a light word.
    Where the NER may help."""
    if len(name) <= 1 or name in cues()["name"]["light_heads"]:
        return True
    if len(name) <= 3:
        return True
    if len(name) <= 6 and only_verbs(name):
        return True
    return any(name.endswith(r) for r in cues()["name"]["rate_suffixes"]) and len(name) <= 4


def model_dir() -> Path:
    return package_path("models", "ner")


def ner_available() -> bool:
    return (model_dir() / "ner").exists()


def blank_zh() -> Language:
    """``spacy.blank("zh")`` with the jieba segmenter (offline); the char segmenter if jieba
    cannot be loaded."""
    import spacy

    try:
        import jieba

        from .subject import tagger

        jieba.setLogLevel(logging.WARNING)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    except (ImportError, ValueError, OSError):
        return spacy.blank("zh")
    # spaCy segments with jieba's module-level tokenizer, which anything in the process may
    # change (jieba.add_word, load_userdict): use the private, unchanged one instead.
    tokenizer: Any = nlp.tokenizer  # spaCy's ChineseTokenizer (typed as a callable)
    tokenizer.jieba_seg = tagger().tokenizer
    return nlp


def _cached_nlp() -> Language | None:
    """The shipped NER, reloaded when the model on disk changes (after ``fzanalyzer train-ner``
    writes the package's model, no stale copy is used)."""
    model = model_dir() / "ner" / "model"
    if not model.exists():
        return None
    st = model.stat()
    return _nlp_for(str(model_dir()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=1)
def _nlp_for(path: str, mtime_ns: int, size: int) -> Language:
    import spacy

    _ = (mtime_ns, size)  # with path, the cache key: one pipeline per version of the model files
    nlp = blank_zh()
    nlp.add_pipe("ner", source=spacy.load(path))
    return nlp


def refine_names(text: str, indicators: list[Indicator], only_weak: bool = True) -> int:
    """Replace weak rule subjects (all subjects with ``only_weak=False``, to measure the NER on
    its own) with the NER's ``SUBJ`` span nearest before the number (in the same clause) or right
    after it; returns how many were replaced (``method="ner"``)."""
    nlp = _cached_nlp()
    if nlp is None:
        return 0
    todo: dict[tuple[int, int], list[Indicator]] = {}
    for ind in indicators:
        if ind.sentence_start >= 0 and (not only_weak or weak_name(ind.name or "")):
            todo.setdefault((ind.sentence_start, ind.sentence_end), []).append(ind)
    changed = 0
    with nlp.select_pipes(enable=["ner"]):
        for (s, e), inds in todo.items():
            doc = nlp(text[s:e])
            ents = [(x.start_char + s, x.end_char + s, x.text) for x in doc.ents if x.label_ == NER_LABEL]
            for ind in inds:
                best = _nearest(text, ents, ind)
                if best:
                    ind.name = best
                    ind.method = "ner"
                    changed += 1
    return changed


def _nearest(text: str, ents: list[tuple[int, int, str]], ind: Indicator) -> str | None:
    before = [
        x for x in ents if x[1] <= ind.start and not any(c in text[x[1] : ind.start] for c in "，,；;。")
    ]
    if before:
        return max(before, key=lambda x: x[1])[2]
    after = [x for x in ents if x[0] >= ind.end and x[0] - ind.end <= 2]
    if after:
        return min(after, key=lambda x: x[0])[2]
    return None
