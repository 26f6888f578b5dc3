"""The CLI documents itself and starts without heavy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fzanalyzer.cli import COMMAND_MODULES, app, main


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_module_registers_a_command():
    assert len(command_names()) >= len(COMMAND_MODULES)


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help(name, capsys):
    assert main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage" in out and len(out.strip().splitlines()) > 3


def test_help_is_instant_no_heavy_imports():
    code = (
        "import sys; from fzanalyzer.cli import main; "
        "import contextlib, io; "
        "f = io.StringIO(); ctx = contextlib.redirect_stdout(f); ctx.__enter__(); main(['--help']); ctx.__exit__(None, None, None); "
        "heavy = [m for m in ('jieba', 'spacy', 'pandas', 'sklearn', 'torch', 'pdfplumber', 'trafilatura', 'duckdb') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "", f"--help imported heavy modules: {out}"


def test_import_is_warning_free():
    subprocess.run([sys.executable, "-W", "error", "-c", "import fzanalyzer, fzanalyzer.cli"], check=True)


def test_usage_errors_are_one_line_messages_with_status_2(tmp_path, capsys):
    assert main(["export", str(tmp_path / "missing.duckdb"), "-o", str(tmp_path / "t")]) == 2
    assert "no such store" in capsys.readouterr().err
    assert main(["extract"]) == 2
    assert "Missing argument" in capsys.readouterr().err


def test_a_missing_test_dependency_fails_with_the_setup_command():
    from conftest import require

    with pytest.raises(pytest.fail.Exception, match=r"scripts/setup\.sh --dev"):
        require(False, "Chromium")
    require(True, "Chromium")
