"""Hostile input, nothing lost (issue 15): no file silently skipped or replaced, no output that
destroys an input or is lost at the end of a run, and every usage mistake a coded one-line error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fzanalyzer.cli import main
from fzanalyzer.store import Store

from conftest import DEV, SEED


def one_line_error(capsys, code: str) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"error: [{code}]"), err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    return err


def _extract(*args: str) -> int:
    return main(["extract", *args, "--no-progress", "-w", "1"])


def test_resume_keeps_byte_identical_files_under_other_names(tmp_path):
    """A clean run stored 70 reports, kill + resume stored 60: a file whose bytes were already
    stored (under another name) was counted as "already stored" and never got its row."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")  # the same bytes, another report
    shutil.copy(DEV / "tangxi-2020.txt", folder / "c.txt")
    db = tmp_path / "fz.duckdb"
    assert _extract(str(folder / "a.txt"), "--store", str(db)) == 0  # the run that was killed
    assert _extract(str(folder), "--store", str(db)) == 0  # the resumed run
    with Store(db, read_only=True) as st:
        rows = st.table("reports").sort_values("source")
    assert [Path(s).name for s in rows["source"]] == ["a.txt", "b.txt", "c.txt"]
    assert rows["sha256"].iloc[0] == rows["sha256"].iloc[1]
    assert rows["id"].nunique() == 3
    # and a second resume extracts nothing again
    assert _extract(str(folder), "--store", str(db)) == 0
    with Store(db, read_only=True) as st:
        assert st.counts()["reports"] == 3


def test_same_file_name_in_two_folders_into_one_store(tmp_path):
    """A/report.txt then B/report.txt into one store: B silently replaced A."""
    for name, src in (("A", SEED), ("B", DEV / "tangxi-2021.txt")):
        (tmp_path / name).mkdir()
        shutil.copy(src, tmp_path / name / "report.txt")
    db = tmp_path / "fz.duckdb"
    assert _extract(str(tmp_path / "A" / "report.txt"), "--store", str(db)) == 0
    assert _extract(str(tmp_path / "B" / "report.txt"), "--store", str(db)) == 0
    with Store(db, read_only=True) as st:
        rows = dict(st.table("reports")[["source", "id"]].itertuples(index=False))
    assert set(rows) == {str(tmp_path / "A" / "report.txt"), str(tmp_path / "B" / "report.txt")}
    assert len(set(rows.values())) == 2
    # Re-extracting B keeps B's id and leaves A alone.
    (tmp_path / "B" / "report.txt").write_text(SEED.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _extract(str(tmp_path / "B" / "report.txt"), "--store", str(db)) == 0
    with Store(db, read_only=True) as st:
        again = dict(st.table("reports")[["source", "id"]].itertuples(index=False))
    assert again == rows


def _digest(path) -> str:
    """An input file's sha256: the input is intact (a short failure message, whatever its size)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_output_equal_to_an_input_is_refused(tmp_path, capsys, fmt):
    """`extract r.txt -o r.txt` truncated the input to 0 bytes."""
    r = tmp_path / "r.txt"
    shutil.copy(SEED, r)
    before = _digest(r)
    assert _extract(str(r), "-o", str(r), "-f", fmt) == 2
    assert "also an input" in one_line_error(capsys, "E107")
    assert _digest(r) == before


def test_output_that_is_the_sibling_of_a_csv_output_is_refused(tmp_path, capsys):
    """`-f csv -o out.csv` also writes out.sections.csv: an input of that name is refused too."""
    inp = tmp_path / "out.sections.txt"
    shutil.copy(SEED, inp)
    assert _extract(str(inp), "-o", str(tmp_path / "out.txt"), "-f", "csv") == 2
    one_line_error(capsys, "E107")
    assert _digest(inp) == _digest(SEED)


def test_output_folder_missing_is_an_error_before_the_run(tmp_path, capsys):
    out = tmp_path / "missing" / "r.csv"
    assert _extract(str(DEV), "-f", "csv", "-o", str(out)) == 2
    err = one_line_error(capsys, "E106")
    assert "does not exist" in err
    assert "extracted" not in err  # no run happened


def _read_only_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root writes through any mode bits; /sys refuses even root
        return Path("/sys")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    return ro


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_read_only_output_folder_is_an_error_before_the_run(tmp_path, capsys, fmt):
    out = _read_only_folder(tmp_path) / f"r.{fmt}"
    assert _extract(str(SEED), "-f", fmt, "-o", str(out)) == 2
    one_line_error(capsys, "E108")


def test_read_only_export_folder(tmp_path, capsys):
    db = tmp_path / "fz.duckdb"
    assert _extract(str(SEED), "--store", str(db)) == 0
    capsys.readouterr()
    assert main(["export", str(db), "-o", str(_read_only_folder(tmp_path) / "tables")]) == 2
    one_line_error(capsys, "E108")


def test_existing_outputs_are_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "r.jsonl"
    out.write_text("my notes\n", encoding="utf-8")
    assert _extract(str(SEED), "-o", str(out)) == 2
    assert "--force" in one_line_error(capsys, "E109")
    assert out.read_text(encoding="utf-8") == "my notes\n"
    assert _extract(str(SEED), "-o", str(out), "--force") == 0
    assert out.read_text(encoding="utf-8").startswith('{"id": "jingan-2019"')


def test_existing_export_tables_are_not_overwritten_without_force(tmp_path, capsys):
    db = tmp_path / "fz.duckdb"
    assert _extract(str(SEED), "--store", str(db)) == 0
    tables = tmp_path / "tables"
    assert main(["export", str(db), "-o", str(tables), "-f", "csv"]) == 0
    capsys.readouterr()
    assert main(["export", str(db), "-o", str(tables), "-f", "csv"]) == 2
    one_line_error(capsys, "E109")
    assert main(["export", str(db), "-o", str(tables), "-f", "csv", "--force"]) == 0


def test_export_to_a_file_is_a_usage_error(tmp_path, capsys):
    db = tmp_path / "fz.duckdb"
    assert _extract(str(SEED), "--store", str(db)) == 0
    target = tmp_path / "tables.parquet"
    target.write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(db), "-o", str(target)]) == 2
    assert "folder" in one_line_error(capsys, "E110")
    assert target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["-f", "csv", "-o", "-"], "E100"),
        (["-f", "parquet"], "E100"),  # no --output, no --store: standard output
        (["-f", "xml", "-o", "OUT/r.xml"], "E101"),
    ],
)
def test_usage_mistakes_are_coded_one_line_errors(tmp_path, capsys, args, code):
    args = [a.replace("OUT", str(tmp_path)) for a in args]
    assert _extract(str(SEED), *args) == 2
    one_line_error(capsys, code)
    assert list(tmp_path.iterdir()) == []


def test_dangling_and_looping_links_are_listed_as_failures(tmp_path, capfd):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "ok.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    (folder / "sub").symlink_to(".", target_is_directory=True)  # a folder loop: walked once
    db = tmp_path / "fz.duckdb"
    assert _extract(str(folder), "--store", str(db)) == 1
    err = capfd.readouterr().err
    failed = sorted(Path(ln.split()[1].rstrip(":")).name for ln in err.splitlines() if ln.startswith("E006"))
    assert failed == ["a.txt", "b.txt", "dangling.txt"]
    assert "nowhere.txt, which does not exist" in err and "a loop of links" in err
    with Store(db, read_only=True) as st:
        assert st.counts()["reports"] == 1
        assert sorted(Path(s).name for s in st.table("failures")["source"]) == failed


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_html_is_read(tmp_path, depth):
    """A page nested deeper than 255 levels was reported as E030 "no report text"."""
    from fzanalyzer import load

    text = SEED.read_text(encoding="utf-8")
    paras = "".join(f"<p>{ln}</p>" for ln in text.split("\n") if ln.strip())
    page = f"<html><body>{'<div>' * depth}{paras}{'</div>' * depth}</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    r = load(path)
    assert r.meta.year_covered == 2019
    assert "一、" in r.text and len(r.text) > 0.9 * len(load(SEED).text)


def test_html_nested_past_the_parser_limit_says_so(tmp_path):
    path = tmp_path / "deeper.html"
    body = "关于2020年度法治政府建设情况的报告。全年办理案件12件。"
    path.write_text(
        f"<html><body>{'<div>' * 5000}<p>{body}</p>{'</div>' * 5000}</body></html>", encoding="utf-8"
    )
    from fzanalyzer import load
    from fzanalyzer.errors import FzError

    with pytest.raises(FzError) as exc:
        load(path)
    assert exc.value.code == "E031"
    assert "2048 levels" in exc.value.message


def test_a_killed_json_run_leaves_no_invalid_json(tmp_path):
    """`-f json` wrote its array as it went: a killed run left a file without its closing `]`."""
    import json
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(200):
        shutil.copy(DEV / "tangxi-2021.txt", folder / f"{i:03d}.txt")
    out = tmp_path / "r.json"
    out.write_text("[]\n", encoding="utf-8")  # a good result of an earlier run
    cmd = [
        sys.executable,
        "-m",
        "fzanalyzer",
        "extract",
        str(folder),
        "-f",
        "json",
        "-o",
        str(out),
        "--force",
    ]
    proc = subprocess.Popen([*cmd, "-w", "1", "--no-progress"], cwd=Path(__file__).resolve().parents[1])
    deadline = time.monotonic() + 120
    written = lambda: sum(p.stat().st_size for p in tmp_path.glob("*r.json*"))  # noqa: E731
    while written() < 20_000 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # until some reports are written
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.kill()
    proc.wait(30)
    assert json.loads(out.read_text(encoding="utf-8")) == []  # the earlier result, intact and valid


def test_audit_and_reuse_outputs_never_replace_an_input(tmp_path, capsys):
    prev, nxt = tmp_path / "a-2021.txt", tmp_path / "a-2022.txt"
    shutil.copy(DEV / "chengchuan-2021.txt", prev)
    shutil.copy(DEV / "chengchuan-2022.txt", nxt)
    assert main(["audit", str(prev), str(nxt), "-o", str(nxt)]) == 2
    one_line_error(capsys, "E107")
    assert main(["reuse", str(prev), str(nxt), "-o", str(prev)]) == 2
    one_line_error(capsys, "E107")
    assert main(["reuse", str(prev), str(nxt), "-o", str(tmp_path / "no" / "r.json")]) == 2
    one_line_error(capsys, "E106")
    assert _digest(prev) == _digest(DEV / "chengchuan-2021.txt")
    assert _digest(nxt) == _digest(DEV / "chengchuan-2022.txt")
