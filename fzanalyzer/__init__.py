"""fzanalyzer: evidence from Chinese governments' annual rule-of-law reports.

>>> import fzanalyzer
>>> fzanalyzer.__version__
'0.1.0'

The public API is imported lazily so that ``import fzanalyzer`` and ``fzanalyzer --help``
stay instant (no jieba, spaCy or pandas at import time).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Corpus", "FzError", "IngestError", "Report", "__version__", "analyze_text", "fetch", "load"]

if TYPE_CHECKING:
    from .collect import fetch
    from .corpus import Corpus
    from .errors import FzError, IngestError
    from .model import Report
    from .pipeline import analyze_text, load

_LAZY = {
    "load": ("pipeline", "load"),
    "analyze_text": ("pipeline", "analyze_text"),
    "Corpus": ("corpus", "Corpus"),
    "Report": ("model", "Report"),
    "fetch": ("collect", "fetch"),
    "FzError": ("errors", "FzError"),
    "IngestError": ("errors", "IngestError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'fzanalyzer' has no attribute {name!r}")
