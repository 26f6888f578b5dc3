"""The spaCy pipeline for indicators: jieba-segmented ``zh``, a rule component, a trained NER.

* ``fz.indicator_ruler.v1`` (registered factory) runs the character-level rules of
  :mod:`fzanalyzer.extract.indicators` on ``doc.text`` and snaps each number + unit span to tokens
  with ``doc.char_span(..., alignment_mode="expand")`` (jieba cuts ``88%`` or ``2万余名``
  inconsistently). It writes ``doc.spans["fz_indicators"]`` (label = unit kind) and
  ``doc.spans["fz_excluded"]`` (label = exclusion reason); it never touches ``doc.ents``.
* ``ner`` is a statistical entity recognizer with one label, ``SUBJ`` (what an indicator
  counts), trained in the repo from ``data/ner/train.jsonl`` (silver subjects from the rules over
  hand-written sentences, corrected by hand) by ``fzanalyzer train-ner``; the model lives in
  ``models/ner/`` and is rebuilt identically with a fixed seed.

The extraction hot path does not run this pipeline over whole text: :func:`.ner.refine_names`
runs the NER alone, only on the sentences whose rule subject is weak.

>>> nlp = build_nlp(ner=False)
>>> doc = nlp("全年受理案件2万余件，同比上升8%。")
>>> [(s.text, s.label_) for s in doc.spans["fz_indicators"]]
[('2万余件', 'count'), ('8%', 'percent')]
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..resources import package_path
from .ner import NER_LABEL, blank_zh, model_dir

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


#: Registered function (spaCy ``misc`` registry) that builds the rule finder: the versioned name.
RULES = "fz.indicator_ruler.v1"
#: The pipeline factory (spaCy does not allow ``.`` in factory names); its config points at RULES.
COMPONENT = "fz_indicator_ruler"
#: Bump when the training data or config change; written into the model's meta.
NER_VERSION = "0.2.0"


def _register() -> None:
    import spacy
    from spacy.language import Language

    if Language.has_factory(COMPONENT):
        return

    @spacy.registry.misc(RULES)
    def make_rules():
        from .indicators import find_candidates

        return find_candidates

    @Language.factory(
        COMPONENT,
        assigns=["doc.spans"],
        default_config={"rules": {"@misc": RULES}},
    )
    def make_indicator_ruler(nlp: Language, name: str, rules) -> IndicatorRuler:
        return IndicatorRuler(rules)


class IndicatorRuler:
    """spaCy component: numbers, units and exclusions by character-level rules."""

    def __init__(self, rules) -> None:
        self.rules = rules

    def __call__(self, doc: Doc) -> Doc:
        found: list[Any] = []
        excluded: list[Any] = []
        for c in self.rules(doc.text):
            label = c.excluded or c.kind
            span = doc.char_span(c.start, c.end, label=label, alignment_mode="expand")
            if span is None:
                continue
            (excluded if c.excluded else found).append(span)
        doc.spans["fz_indicators"] = found
        doc.spans["fz_excluded"] = excluded
        return doc


def build_nlp(ner: bool = True) -> Language:
    """The pipeline: tokenizer, ``fz.indicator_ruler.v1`` and (when trained) ``ner``."""
    _register()
    nlp = blank_zh()
    if ner and (model_dir() / "ner").exists():
        import spacy

        trained = spacy.load(model_dir())
        nlp.add_pipe("ner", source=trained)
    nlp.add_pipe(COMPONENT, first=True)
    return nlp


# --------------------------------------------------------------------------------------------
# Training data and training
# --------------------------------------------------------------------------------------------


def data_dir() -> Path:
    return package_path("data", "ner")


def silver(sentences: list[str]) -> list[dict[str, Any]]:
    """Silver examples: the rule subject of each indicator, where it is a span of the sentence."""
    from ..model import Meta
    from .indicators import extract_indicators

    out: list[dict[str, Any]] = []
    for s in sentences:
        spans: list[tuple[int, int, str]] = []
        for ind in extract_indicators(s, [], Meta(), use_ner=False):
            if not ind.name:
                continue
            k = s.rfind(ind.name, 0, ind.start)
            if k == -1:
                k = s.find(ind.name, ind.end)
            if k == -1:
                continue
            span = (k, k + len(ind.name), NER_LABEL)
            if not any(a < span[1] and span[0] < b for a, b, _ in spans):
                spans.append(span)
        out.append({"text": s, "spans": [list(x) for x in sorted(spans)]})
    return out


def read_sentences(path: Path | None = None) -> list[str]:
    path = path or data_dir() / "sentences.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def read_examples(path: Path | None = None) -> list[dict[str, Any]]:
    path = path or data_dir() / "train.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def train_config() -> dict[str, Any]:
    """Training settings from ``data/ner/config.json``."""
    return json.loads((data_dir() / "config.json").read_text(encoding="utf-8"))


def train_ner(
    data: Path | None = None,
    out: Path | None = None,
    *,
    seed: int | None = None,
    n_iter: int | None = None,
    dropout: float | None = None,
) -> tuple[Path, dict[str, float]]:
    """Train the ``SUBJ`` recognizer; returns the model folder and its scores on a held-out
    part of the examples (before the final fit on all of them). Settings default to
    ``data/ner/config.json``."""
    cfg = train_config()
    seed = cfg["seed"] if seed is None else seed
    n_iter = cfg["n_iter"] if n_iter is None else n_iter
    dropout = cfg["dropout"] if dropout is None else dropout
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed

    if out is None:
        raise ValueError(
            "train_ner needs an output folder (out=...): training never overwrites the installed package's "
            f"model at {model_dir()}; copy a model there yourself once you have checked it"
        )
    examples = read_examples(data)
    rng = random.Random(seed)
    order = list(range(len(examples)))
    rng.shuffle(order)
    cut = max(1, round(len(order) * cfg["heldout_fraction"]))
    held, train_idx = [examples[i] for i in order[:cut]], [examples[i] for i in order[cut:]]
    nlp = _fit(held_out=held, train=train_idx, seed=seed, n_iter=n_iter, dropout=dropout)
    scores = _evaluate(nlp, held, Example)
    nlp = _fit(held_out=[], train=examples, seed=seed, n_iter=n_iter, dropout=dropout)
    nlp.meta["name"] = "fz_indicator_subjects"
    nlp.meta["version"] = NER_VERSION
    nlp.meta["description"] = "Indicator subjects (SUBJ) for fzanalyzer; trained by `fzanalyzer train-ner`."
    nlp.meta["fz_heldout"] = scores
    nlp.meta["fz_train"] = {"seed": seed, "n_iter": n_iter, "dropout": dropout, "examples": len(examples)}
    nlp.meta["fz_build"] = build_environment()
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    _ = (spacy, fix_random_seed)
    return out, scores


def build_environment() -> dict[str, Any]:
    """What a trained model depends on besides its data and seed: the numeric libraries' versions
    and the CPU's instruction-set flags. A retrain on another machine gives a slightly different
    model (held-out F within a few hundredths), so the model records where it was built."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    libs: dict[str, str | None] = {}
    for name in ("spacy", "thinc", "blis", "numpy"):
        try:
            libs[name] = version(name)
        except PackageNotFoundError:
            libs[name] = None
    flags: list[str] = []
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("flags"):
                    simd = ("sse4_2", "avx", "avx2", "avx512f", "fma", "neon", "asimd")
                    flags = sorted(f for f in line.split(":", 1)[1].split() if f in simd)
                    break
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpu_flags": flags,
        "libraries": libs,
    }


def _fit(*, held_out, train, seed, n_iter, dropout) -> Language:
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = blank_zh()
    ner: Any = nlp.add_pipe("ner")
    ner.add_label(NER_LABEL)
    exs = []
    for ex in train:
        doc = nlp.make_doc(ex["text"])
        ents = _aligned(doc, ex["spans"])
        exs.append(Example.from_dict(doc, {"entities": ents}))
    optimizer = nlp.initialize(lambda: exs)
    rng = random.Random(seed)
    for _ in range(n_iter):
        rng.shuffle(exs)
        losses: dict[str, float] = {}
        for batch in minibatch(exs, size=train_config()["batch_size"]):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses=losses)
    return nlp


def _aligned(doc: Doc, spans: list[list[Any]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for a, b, label in spans:
        sp = doc.char_span(a, b, label=label, alignment_mode="expand")
        if sp is not None and not any(sp.start_char < y and x < sp.end_char for x, y, _ in out):
            out.append((sp.start_char, sp.end_char, label))
    return out


def _evaluate(nlp: Language, examples: list[dict[str, Any]], Example) -> dict[str, float]:
    exs = []
    for ex in examples:
        doc = nlp.make_doc(ex["text"])
        exs.append(Example.from_dict(doc, {"entities": _aligned(doc, ex["spans"])}))
    s = nlp.evaluate(exs)
    return {k: round(float(s.get(k) or 0.0), 4) for k in ("ents_p", "ents_r", "ents_f")}
