"""``fzanalyzer reuse``: JSON per the output contract, a self-contained HTML page, failures listed."""

from __future__ import annotations

import json

from fzanalyzer.cli import main

from conftest import DEV


def test_reuse_json(tmp_path):
    out = tmp_path / "reuse.json"
    code = main(["reuse", str(DEV / "tangxi-2020.txt"), str(DEV / "tangxi-2021.txt"), "-o", str(out)])
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["pairs"]
    for p in doc["pairs"]:
        assert (p["a"], p["b"]) == ("tangxi-2020", "tangxi-2021")
        assert p["kind"] == "same_issuer"
        assert len(p["b_text"]) == p["b_end"] - p["b_start"]


def test_reuse_html_escapes_text(tmp_path):
    evil = "<script>alert(1)</script>"
    shared = (
        "坚持把合法性审查作为区政府研究决定事项的必经程序"
        + evil
        + "凡提交区政府常务会议审议的议题均须经区司法局进行合法性审查。"
    )
    (tmp_path / "a-2020.txt").write_text("甲区人民政府2020年度报告\n" + shared + "\n", encoding="utf-8")
    (tmp_path / "a-2021.txt").write_text("甲区人民政府2021年度报告\n前言。" + shared + "\n", encoding="utf-8")
    out = tmp_path / "reuse.html"
    assert main(["reuse", str(tmp_path), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert evil not in page
    assert "合法性审查作为区政府研究决定事项" in page


def test_reuse_failures_are_listed(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = main(["reuse", str(DEV / "tangxi-2020.txt"), str(tmp_path / "missing.txt"), "-o", str(out)])
    assert code == 1
    assert "E001" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8")) == {"pairs": []}


def _exit_or_error(argv: list[str]) -> str:
    """The usage error of a command (typer's vendored click errors may escape ``main``)."""
    try:
        code = main(argv)
    except Exception as exc:  # whichever way the usage error surfaces
        return str(exc)
    assert code != 0
    return "exit"


def test_reuse_bad_options(tmp_path):
    assert _exit_or_error(["reuse", str(DEV / "tangxi-2020.txt"), "--format", "xml"]) in (
        "exit",
        "--format must be one of json, html",
    )
    assert _exit_or_error(["reuse", str(DEV / "tangxi-2020.txt"), "--format", "html"]) in (
        "exit",
        "--format html needs --output FILE",
    )


def test_reuse_sections_flag(tmp_path):
    out = tmp_path / "reuse.json"
    args = [str(DEV / "tangxi-2021.txt"), str(DEV / "tangxi-2022.txt"), "--sections", "-o", str(out)]
    assert main(["reuse", *args]) == 0
    pairs = json.loads(out.read_text(encoding="utf-8"))["pairs"]
    assert pairs and all(p["a_part"] and p["b_part"] for p in pairs)
