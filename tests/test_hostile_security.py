"""Hostile input, security (issue 15): report text and file names are untrusted.

No CSV field or workbook cell the toolkit writes may become a spreadsheet formula; no control
character from a file name or a report reaches the terminal raw; normalization drops control
characters and refuses a lone surrogate with a code.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from fzanalyzer.cli import main
from fzanalyzer.errors import FzError
from fzanalyzer.safecell import FORMULA_START

from conftest import DEV, SEED

#: A file name an attacker chooses: the report's id is made from it and lands in every row.
EVIL_NAME = '=HYPERLINK("http:x","y")+cmd@x'
EVIL_LINE = '=HYPERLINK("http://evil.example/","点击查看")'


def _evil_report(folder: Path, name: str = EVIL_NAME) -> Path:
    """The real report under an attacker's file name, with formula lines in its text."""
    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines.insert(3, EVIL_LINE)
    lines.insert(5, "@SUM(1+1)*cmd|' /C calc'!A0")
    lines.insert(7, "-2+3+cmd|' /C calc'!A0")
    path = folder / f"{name}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _formula_fields(paths: list[Path]) -> tuple[list[str], int]:
    """Fields that a spreadsheet would evaluate, and how many fields were neutralised."""
    bad, neutralised = [], 0
    for p in paths:
        with p.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for field in row:
                    if field.startswith("'") and field[1:].startswith(FORMULA_START):
                        neutralised += 1
                    if not field.startswith(FORMULA_START):
                        continue
                    try:
                        float(field)  # a negative number is data, not a formula
                    except ValueError:
                        bad.append(field[:60])
    return bad, neutralised


def test_extract_csv_writes_no_formula(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _evil_report(src)
    out = tmp_path / "out" / "r.csv"
    out.parent.mkdir()
    assert main(["extract", str(src), "-f", "csv", "-o", str(out), "--no-progress", "-w", "1"]) == 0
    files = sorted(out.parent.glob("*.csv"))
    assert len(files) == 5
    bad, neutralised = _formula_fields(files)
    assert bad == []
    assert neutralised >= 3  # the id in the reports row and every item row, the formula lines


def test_export_csv_writes_no_formula(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _evil_report(src)
    store = tmp_path / "fz.duckdb"
    assert main(["extract", str(src), "--store", str(store), "--no-progress", "-w", "1"]) == 0
    assert main(["export", str(store), "-o", str(tmp_path / "tables"), "-f", "csv"]) == 0
    files = sorted((tmp_path / "tables").glob("*.csv"))
    assert len(files) == 5
    bad, neutralised = _formula_fields(files)
    assert bad == []
    assert neutralised >= 3


def test_audit_workbook_has_no_formula_cell(tmp_path):
    """An `=HYPERLINK(...)` plan line and a file name gave 21 formula cells."""
    from openpyxl import load_workbook

    prev = tmp_path / "=HYPERLINK(1)-2021.txt"
    text = (DEV / "chengchuan-2021.txt").read_text(encoding="utf-8")
    # Put a formula at the head of every plan line of the next-year part.
    head, sep, plans = text.partition("四、")
    plans = "\n".join(
        ("=HYPERLINK(2)" + ln) if len(ln) > 30 and not ln.startswith("（") else ln for ln in plans.split("\n")
    )
    prev.write_text(head + sep + plans, encoding="utf-8")
    nxt = tmp_path / "=cmd-2022.txt"
    shutil.copy(DEV / "chengchuan-2022.txt", nxt)
    xl = tmp_path / "a.xlsx"
    assert main(["audit", str(prev), str(nxt), "--format", "xlsx", "--output", str(xl)]) == 0
    wb = load_workbook(xl)
    formulas = [
        c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []
    values = [
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None
    ]
    assert any(v.startswith("=HYPERLINK(1)") for v in values)  # kept as the text it was, not dropped
    assert any(v.startswith("=HYPERLINK(2)") for v in values)


def test_file_names_cannot_forge_terminal_lines(tmp_path, capfd):
    """ESC sequences and a newline in a file name reached the terminal raw through error lines."""
    evil = tmp_path / "x\x1b[2J\x1b]0;pwned\x07\nE999 forged failure.txt"
    evil.write_bytes(b"")  # empty: an E003 failure line that names the file
    (tmp_path / "[red]notes\x1b[1m.md").write_text("x", encoding="utf-8")  # listed as not a report file
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--no-progress", "-w", "1"]) == 1
    err = capfd.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert not any(line.startswith("E999") for line in err.splitlines())
    failure_lines = [line for line in err.splitlines() if line.startswith("E003")]
    assert len(failure_lines) == 1 and "\\x1b[2J" in failure_lines[0] and "\\n" in failure_lines[0]
    assert "[red]notes\\x1b[1m.md" in err  # printed as it is named, not read as markup


def test_report_text_cannot_reach_the_terminal_raw(tmp_path, capfd):
    """`outline` prints headings from the report: an ESC sequence in one is printed escaped."""
    path = tmp_path / "r.txt"
    text = SEED.read_text(encoding="utf-8").replace("一、", "一、\x1b[31m红\x1b]8;;http://x\x07", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["outline", str(path)]) == 0
    out = capfd.readouterr().out
    assert "\x1b" not in out and "\x07" not in out


def test_normalization_drops_control_characters_with_a_warning():
    from fzanalyzer.normalize import normalize

    raw = "关于2020年度法治政府\x00建设情况的报告\n一、主要\x1b[2J举措\x07\x9b和成效\t共\x7f办理12件。"
    n = normalize(raw)
    clean = "关于2020年度法治政府建设情况的报告\n一、主要[2J举措和成效\t共办理12件。"
    assert n.text == normalize(clean).text  # as if the control characters had never been there
    assert not any(
        (0 < ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c == "\x00" for c in n.text
    )
    assert any(w.startswith("W016") and "5 characters" in w for w in n.warnings)


def test_a_file_with_control_characters_keeps_valid_offsets(tmp_path):
    from fzanalyzer import load

    path = tmp_path / "r.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("。", "。\x00\x01", 40), encoding="utf-8")
    r = load(path)
    assert "\x00" not in r.text and "\x01" not in r.text
    for ind in r.indicators:
        assert r.text[ind.start : ind.end] == ind.text
    assert any(w.startswith("W016") for w in r.meta.warnings)


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udc80"])
def test_lone_surrogate_is_a_coded_error(surrogate):
    from fzanalyzer.pipeline import analyze_text

    with pytest.raises(FzError) as exc:
        analyze_text("关于2020年度法治政府建设情况的报告\n一、主要举措" + surrogate + "和成效", id="s")
    assert exc.value.code == "E041"
    assert "offset 26" in exc.value.message


def test_file_name_that_is_not_utf8_is_listed_not_a_crash(tmp_path, capfd):
    """A name with bytes that are not UTF-8 becomes a str with lone surrogates in Python."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "ok.txt")
    bad = os.path.join(os.fsencode(folder), b"bad-\xff\xfe.txt")
    with open(bad, "wb") as fh:
        fh.write(SEED.read_bytes())
    out = tmp_path / "o.jsonl"
    rc = main(
        [
            "extract",
            str(folder),
            "-o",
            str(out),
            "--store",
            str(tmp_path / "fz.duckdb"),
            "--no-progress",
            "-w",
            "1",
        ]
    )
    err = capfd.readouterr().err
    assert rc == 1
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.startswith("E041")]
    assert len(lines) == 1 and "bad-\\xff\\xfe.txt" in lines[0]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1  # the good file is kept


def test_panel_workbook_has_no_formula_cell(tmp_path):
    """The panel's xlsx export holds report text (names, sentences): never a live formula."""
    import pandas as pd
    from openpyxl import load_workbook

    from fzanalyzer.tables import write_xlsx

    path = tmp_path / "panel.xlsx"
    write_xlsx(
        {
            "long": pd.DataFrame(
                {"name": ['=HYPERLINK("http://x.example","点击")', "办理行政复议案件"], "value": [1, 2]}
            )
        },
        path,
    )
    ws = load_workbook(path)["long"]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert ws["A2"].value == '=HYPERLINK("http://x.example","点击")'
