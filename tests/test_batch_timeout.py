"""A per-file time budget in batch runs: a file over it is a failure E052 and the batch goes on.

The slow file is the real report repeated to about 6 million characters (~18 MB): minutes of
work on any machine, so a budget of a few seconds always stops it, while the development report
beside it (well under a second once the process is warm) always finishes.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

import fzanalyzer
from fzanalyzer.batch import Settings, process_one, run
from fzanalyzer.bench.fuzz import repeated
from fzanalyzer.cli import main
from fzanalyzer.errors import ERRORS

from conftest import DEV, SEED

BUDGET = 5.0


@pytest.fixture(scope="module")
def slow_and_good(tmp_path_factory) -> tuple[Path, Path, Path]:
    d = tmp_path_factory.mktemp("budget")
    slow = d / "huge-2019.txt"
    slow.write_text(repeated(SEED.read_text(encoding="utf-8"), 6_000_000), encoding="utf-8")
    good = d / "tangxi-2021.txt"
    shutil.copy(DEV / "tangxi-2021.txt", good)
    good2 = d / "tangxi-2022.txt"
    shutil.copy(DEV / "tangxi-2022.txt", good2)
    fzanalyzer.load(good)  # warm this process (and the forked workers): jieba, lexicons, models
    return slow, good, good2


@pytest.mark.parametrize("workers", [1, 2])
def test_file_over_its_time_budget_is_failure_e052_and_the_batch_goes_on(slow_and_good, workers):
    slow, good, good2 = slow_and_good
    results = dict(run([good, slow, good2], workers=workers, file_timeout=BUDGET))
    assert "report" in results[good] and "report" in results[good2]
    failure = results[slow]["failure"]
    assert failure.code == "E052"
    assert failure.source == str(slow) and f"{BUDGET:g} s" in failure.message
    assert failure.sha256  # the failure row identifies the file like any other


def test_cli_file_timeout_lists_the_slow_file_and_exits_1(slow_and_good, tmp_path, capsys):
    slow, good, _ = slow_and_good
    out = tmp_path / "out.jsonl"
    code = main(
        [
            "extract",
            str(good),
            str(slow),
            "--workers",
            "1",
            "--file-timeout",
            f"{BUDGET:g}",
            "-o",
            str(out),
            "--no-progress",
        ]
    )
    assert code == 1
    assert "E052" in capsys.readouterr().err
    assert [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]  # good one kept


def test_budget_puts_back_an_alarm_set_by_the_caller(slow_and_good):
    _, good, _ = slow_and_good
    outer_before = signal.getitimer(signal.ITIMER_REAL)
    handler_before = signal.getsignal(signal.SIGALRM)
    try:
        signal.setitimer(signal.ITIMER_REAL, 500.0)
        res = process_one(good, "tangxi-2021", Settings(file_timeout=BUDGET))
        assert "report" in res
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 500.0
        assert signal.getsignal(signal.SIGALRM) is handler_before
    finally:
        signal.setitimer(signal.ITIMER_REAL, *outer_before)


def test_e052_is_in_the_catalogue_and_says_how_to_raise_the_budget():
    assert "--file-timeout" in ERRORS["E052"]
