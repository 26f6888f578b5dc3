"""Shared fixtures: the real report, the development set and its gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
DEV = DATA / "dev"
SEED = DATA / "seed" / "jingan-2019.txt"
DEV_IDS = ["tangxi-2020", "tangxi-2021", "tangxi-2022", "chengchuan-2021", "chengchuan-2022"]


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    return DEV


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


def require(available: bool, what: str) -> None:
    """Fail, not skip, when a test dependency is missing: the README's test command installs
    every one of them, so a missing one is a broken set-up that must be seen."""
    if not available:
        pytest.fail(f"{what} is not installed: run `bash scripts/setup.sh --dev`", pytrace=False)


@pytest.fixture(scope="session")
def cjk_font() -> str:
    """The CJK font reportlab embeds in the PDFs the tests render."""
    from fzanalyzer.bench.samples import cjk_font_path

    path = cjk_font_path()
    require(path is not None, "the CJK font fonts-wqy-zenhei")
    return str(path)


def load_gold(report_id: str) -> dict:
    """The gold annotation of a development (or seed) report."""
    for folder in (DEV, DATA / "seed"):
        path = folder / f"{report_id}.gold.json"
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(report_id)


@pytest.fixture(scope="session")
def gold():
    return load_gold
