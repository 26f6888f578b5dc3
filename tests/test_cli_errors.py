"""User mistakes on the command line: their own code, one clear line, exit status 2, no traceback
and never the internal-error code; and the conventions a user expects (``--version``, tables that
fit an 80-column terminal, a ``--help`` that imports no heavy library)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from fzanalyzer import __version__
from fzanalyzer.cli import main

from conftest import DEV, SEED

ROOT = Path(__file__).resolve().parents[1]


def one_line_error(capsys, code: str) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: [{code}]"), err
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "E050" not in err
    return err


def test_tabular_format_to_stdout_names_the_missing_output(capsys, tmp_path):
    assert main(["extract", str(SEED), "--format", "csv", "--no-progress"]) == 2
    assert "--output" in one_line_error(capsys, "E100")
    assert main(["extract", str(SEED), "--format", "xml", "-o", str(tmp_path / "x")]) == 2
    assert "jsonl, json, csv, parquet" in one_line_error(capsys, "E101")
    for fmt in ("jsonl", "csv"):  # refused before the extraction, not after it
        assert main(["extract", str(SEED), "-f", fmt, "-o", str(tmp_path / "no" / f"x.{fmt}")]) == 2
        assert "does not exist" in one_line_error(capsys, "E106")
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_audit_review_of_a_file_that_is_not_a_workbook(capsys, tmp_path):
    text = tmp_path / "notes.xlsx"
    text.write_text("审查意见", encoding="utf-8")
    assert main(["audit-review", str(text)]) == 2
    assert "not an audit workbook" in one_line_error(capsys, "E102")
    assert main(["audit-review", str(SEED)]) == 2
    one_line_error(capsys, "E102")


def test_audit_review_of_a_workbook_without_the_audit_sheet(capsys, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["anything", "else"])
    wb.save(tmp_path / "other.xlsx")
    assert main(["audit-review", str(tmp_path / "other.xlsx")]) == 2
    one_line_error(capsys, "E102")


def test_audit_review_of_a_workbook_nobody_reviewed(capsys, tmp_path):
    """It used to report accuracy 0.000 and exit 0."""
    xl = tmp_path / "a.xlsx"
    prev, nxt = DEV / "chengchuan-2021.txt", DEV / "chengchuan-2022.txt"
    assert main(["audit", str(prev), str(nxt), "--format", "xlsx", "--output", str(xl)]) == 0
    capsys.readouterr()
    assert main(["audit-review", str(xl)]) == 2
    assert "reviewed" in one_line_error(capsys, "E103")


def test_eval_on_a_folder_without_gold_files(capsys, tmp_path):
    shutil.copy(SEED, tmp_path / "jingan-2019.txt")
    assert main(["eval", str(tmp_path)]) == 2
    assert "gold" in one_line_error(capsys, "E104")


@pytest.mark.parametrize("command", ["outline", "indicators"])
def test_a_one_file_command_given_a_folder(command, capsys):
    assert main([command, str(DEV)]) == 2
    assert "extract" in one_line_error(capsys, "E105")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"fzanalyzer {__version__}"


def test_tables_fit_80_columns_and_cut_nothing(capsys):
    """The indicators table has ten columns: at 80 columns every value is still printed whole."""
    from fzanalyzer import load

    assert main(["indicators", str(DEV / "tangxi-2021.txt")]) == 0  # not a terminal: 80 columns
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert "…" not in out
    flat = "".join(line.strip() for line in lines)
    report = load(DEV / "tangxi-2021.txt")
    for ind in report.indicators[:10]:
        assert ind.text in flat


def test_show_table_keeps_a_table_when_it_fits():
    from rich.console import Console

    from fzanalyzer.cli.tables import show_table

    con = Console(width=80, record=True)
    show_table("t", ["measure", "value"], [["headings_1_3.F1", "1.000"], ["[bold]x[/]", "0.5"]], console=con)
    text = con.export_text()
    assert "measure" in text.splitlines()[2] and "[bold]x[/]" in text  # plain text, not markup


def test_help_imports_no_rich_help_formatter():
    """The start-up cost of --help was mostly typer's rich formatter (markdown, pygments); the
    ratio to a bare interpreter is measured by `fzanalyzer bench --only startup`."""
    code = (
        "import sys, contextlib, io; from fzanalyzer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['--help'])\n"
        "print(','.join(m for m in ('typer.rich_utils', 'pygments', 'markdown_it') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""
