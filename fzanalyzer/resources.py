"""Package data — lexicons, patterns, the gazetteer, trained models — located and loaded once.

Every module reads its data through these functions, so data files are found the same way in
a source checkout and in an installed wheel, and each file is parsed at most once per process.

>>> load_json("panel.json")["leading_words"][:2]
['全年共', '全年']
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any


def data_file(*parts: str) -> Traversable:
    """A file under ``fzanalyzer/data``."""
    return resources.files("fzanalyzer").joinpath("data", *parts)


def package_path(*parts: str) -> Path:
    """A path inside the installed package (models are read by libraries that want paths)."""
    return Path(str(resources.files("fzanalyzer").joinpath(*parts)))


def read_data(*parts: str) -> str:
    """The text of a data file (UTF-8)."""
    return data_file(*parts).read_text(encoding="utf-8")


@cache
def template(name: str) -> Any:
    """A Jinja2 template of ``fzanalyzer/templates``, autoescaped (report text is untrusted input) and strict about
    undefined names."""
    return _templates().get_template(name)


@cache
def _templates() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(package_path("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def load_json(*parts: str) -> Any:
    """A JSON data file, parsed once. Callers must not mutate what it returns."""
    return json.loads(read_data(*parts))
