"""``fzanalyzer outline``: the tree with labels and offsets."""

from __future__ import annotations

from fzanalyzer.cli import main


def test_outline_prints_parts_topics_and_offsets(dev_dir, capsys):
    assert main(["outline", str(dev_dir / "tangxi-2021.txt"), "--width", "60"]) == 0
    out = capsys.readouterr().out
    assert "一、2021年度推进法治政府建设的主要举措和成效" in out
    assert "measures_and_results" in out and "next_year_plan" in out and "leadership_duty" in out
    assert "(三)坚持严格规范公正文明执法" in out.replace("（", "(").replace("）", ")")
    assert "enforcement" in out
    assert "(preamble)" in out


def test_outline_can_hide_enumerations(dev_dir, capsys):
    assert main(["outline", str(dev_dir / "chengchuan-2021.txt"), "--no-enumerations"]) == 0
    out = capsys.readouterr().out
    assert "一是" not in out
    assert main(["outline", str(dev_dir / "chengchuan-2021.txt")]) == 0
    assert "一是" in capsys.readouterr().out


def test_outline_help():
    assert main(["outline", "--help"]) == 0
    assert main(["train-topics", "--help"]) == 0
