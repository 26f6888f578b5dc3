"""Exports for analysis (issue 12): the panel as csv (UTF-8 BOM), parquet, xlsx and Stata, and
every CSV of the toolkit with a BOM, Chinese intact in each reader."""

from __future__ import annotations

import pandas as pd
import pytest

from fzanalyzer.cli import main

from conftest import DEV

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("panel")
    for fmt in ("csv", "parquet", "xlsx", "dta"):
        assert main(["panel", str(DEV), "--format", fmt, "--output", str(out / f"panel.{fmt}")]) == 0
    return out


def test_csv_has_a_bom_and_reads_back_in_chinese(exported):
    for name in ("panel.csv", "panel.wide.csv", "panel.codebook.csv"):
        assert (exported / name).read_bytes().startswith(BOM), name
    long = pd.read_csv(exported / "panel.csv", encoding="utf-8-sig")
    assert "临澄市棠溪区人民政府" in set(long["issuer"])
    assert "行政机关负责人出庭应诉率" in set(long["label"])
    wide = pd.read_csv(exported / "panel.wide.csv", encoding="utf-8-sig")
    assert {"y2020", "y2021", "y2022"} <= set(wide.columns)


def test_parquet_and_xlsx_hold_the_same_rows(exported):
    csv = pd.read_csv(exported / "panel.csv", encoding="utf-8-sig")
    pq = pd.read_parquet(exported / "panel.parquet")
    assert len(pq) == len(csv) and list(pq.columns) == list(csv.columns)
    sheets = pd.read_excel(exported / "panel.xlsx", sheet_name=None)
    assert set(sheets) == {"long", "wide", "codebook"}
    assert len(sheets["long"]) == len(csv)
    assert "调解成功率" in set(sheets["codebook"]["label"])


def test_stata_file_has_chinese_values_and_variable_labels(exported):
    dta = pd.read_stata(exported / "panel.dta")
    assert "临澄市棠溪区人民政府" in set(dta["issuer"])
    with pd.io.stata.StataReader(exported / "panel.wide.dta") as reader:
        labels = reader.variable_labels()
        assert reader._format_version >= 118  # UTF-8 strings and labels
    assert labels["issuer"] == "发布机关"
    assert labels["y2021"] == "2021年数值"


def test_every_csv_of_the_toolkit_has_a_bom(tmp_path):
    store = tmp_path / "fz.duckdb"
    rc = main(
        [
            "extract",
            str(DEV / "tangxi-2021.txt"),
            "--store",
            str(store),
            "--format",
            "csv",
            "--output",
            str(tmp_path / "out.csv"),
            "--no-progress",
        ]
    )
    assert rc == 0
    assert (tmp_path / "out.csv").read_bytes().startswith(BOM)
    assert (tmp_path / "out.indicators.csv").read_bytes().startswith(BOM)
    assert main(["export", str(store), "--output", str(tmp_path / "tables"), "--format", "csv"]) == 0
    for t in ("reports", "indicators"):
        raw = (tmp_path / "tables" / f"{t}.csv").read_bytes()
        assert raw.startswith(BOM)
    assert "临澄市棠溪区人民政府" in pd.read_csv(tmp_path / "tables" / "reports.csv")["issuer"].tolist()
