"""Start-up time of the command line: ``fzanalyzer --help`` against a bare ``python -c pass``.

Both run as fresh processes of the same interpreter, several times each, alternating; the best
time of each is kept (the least disturbed by other work on the machine). Goal: ratio ≤ 5 —
heavy libraries are imported inside the commands, never to print help (find what is imported
with ``python -X importtime -m fzanalyzer --help``).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from . import BenchRow


def _best(cmd: list[str], times: list[float], cwd: Path) -> None:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - t0)


def run(quick: bool = False) -> list[BenchRow]:
    # Run from the folder that holds this copy of the package, so `-m fzanalyzer` starts it.
    root = Path(__file__).resolve().parents[2]
    bare: list[float] = []
    helps: list[float] = []
    for _ in range(3 if quick else 10):
        _best([sys.executable, "-c", "pass"], bare, root)
        _best([sys.executable, "-m", "fzanalyzer", "--help"], helps, root)
    return [
        BenchRow(
            name="fzanalyzer --help (start-up)",
            items=1,
            unit="runs",
            seconds=min(helps),
            baseline="python -c pass",
            baseline_seconds=min(bare),
            note=f"best of {len(helps)}; goal ratio ≤ 5",
        )
    ]
