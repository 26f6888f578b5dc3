"""`fzanalyzer fetch` against a loopback server: politeness, caching, resume, provenance, failures.

No test here touches any address outside 127.0.0.1.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fzanalyzer.cli import main
from fzanalyzer.collect import FetchSettings, fetch

from fetchserver import Site, serve, write_manifest
from render import small_pdf

DELAY = 0.25

ROWS = [
    ("jingan-2019", "/r/2019.html"),
    ("jingan-2019-copy", "/copy/2019.html"),
    ("jingan-2019-gbk", "/r/gbk.html"),
    ("jingan-2019-gbk-header", "/r/gbk-header.html"),
    ("moved", "/old.html"),
    ("gone", "/missing.html"),
    ("flaky", "/flaky.html"),
    ("busy", "/busy.html"),
    ("slow", "/slow.html"),
    ("private", "/private/2019.html"),
    ("news", "/news.html"),
    ("stub", "/stub.html"),
]


def settings() -> FetchSettings:
    return FetchSettings(delay=DELAY, timeout=1.0, retries=1, backoff=0.1)


@pytest.fixture(scope="module")
def site(tmp_path_factory, cjk_font):
    pdf = small_pdf(
        tmp_path_factory.mktemp("pdf") / "r.pdf",
        "关于静安区法治政府建设工作情况的报告\n区人大常委会：\n2019年，全区办理行政复议案件56件。\n一、主要举措和成效\n",
    ).read_bytes()
    s = Site(pdf)
    server, base = serve(s)
    yield s, base
    server.shutdown()


@pytest.fixture(scope="module")
def first_run(site, tmp_path_factory):
    s, base = site
    out = tmp_path_factory.mktemp("fetched")
    manifest = write_manifest(out.parent / "manifest.csv", base, ROWS)
    start = len(s.log)
    log = fetch(manifest, out, settings=settings())
    return out, manifest, log, s.log[start:]


def by_id(log):
    """Log rows by id, with pandas' missing values as None."""
    import pandas as pd

    return {r["id"]: {k: (None if pd.isna(v) else v) for k, v in r.items()} for r in log.to_dict("records")}


def test_every_address_gets_a_row_and_failures_have_codes(first_run):
    _, _, log, _ = first_run
    rows = by_id(log)
    assert {rid for rid, _ in ROWS} <= set(rows)
    assert rows["gone"]["outcome"] == "failed" and rows["gone"]["code"] == "E121"
    assert rows["slow"]["outcome"] == "failed" and rows["slow"]["code"] == "E123"
    assert rows["private"]["outcome"] == "failed" and rows["private"]["code"] == "E124"
    assert rows["news"]["outcome"] == "fetched" and rows["news"]["code"] == "E128"  # kept, flagged
    for rid in ("jingan-2019", "jingan-2019-gbk", "moved", "flaky", "busy"):
        assert rows[rid]["outcome"] == "fetched" and not rows[rid]["code"], rid


def test_retries_after_500_and_429_with_retry_after(first_run):
    _, _, log, requests = first_run
    rows = by_id(log)
    assert rows["flaky"]["attempts"] == 2 and rows["busy"]["attempts"] == 2
    busy = [r["t"] for r in requests if r["path"] == "/busy.html"]
    assert busy[1] - busy[0] >= 1.0 - 0.05  # Retry-After: 1 honoured


def test_robots_txt_is_read_and_a_disallowed_path_never_requested(first_run):
    _, _, _, requests = first_run
    paths = [r["path"] for r in requests]
    assert "/robots.txt" in paths
    assert "/private/2019.html" not in paths


def test_one_request_at_a_time_with_the_delay_between_them(first_run):
    _, _, _, requests = first_run
    times = [r["t"] for r in requests]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) > 10
    assert min(gaps) >= DELAY - 0.02, sorted(gaps)[:3]


def test_user_agent_names_the_project(first_run):
    _, _, _, requests = first_run
    assert all(r["user_agent"].startswith("fzanalyzer/") for r in requests)


def test_redirect_is_followed_and_the_final_address_recorded(first_run, site):
    out, _, log, _ = first_run
    _, base = site
    row = by_id(log)["moved"]
    assert row["final_url"] == base + "/r/2019.html"
    prov = json.loads((out / "moved.html.fetch.json").read_text(encoding="utf-8"))
    assert prov["url"] == base + "/old.html" and prov["final_url"] == base + "/r/2019.html"


def test_provenance_sidecar(first_run):
    out, _, log, _ = first_run
    row = by_id(log)["jingan-2019"]
    body = (out / "jingan-2019.html").read_bytes()
    prov = json.loads((out / "jingan-2019.html.fetch.json").read_text(encoding="utf-8"))
    import hashlib

    assert prov["sha256"] == hashlib.sha256(body).hexdigest() == row["sha256"]
    assert prov["http_status"] == 200 and prov["content_type"].startswith("text/html")
    assert prov["etag"] and prov["fetched_at"].endswith("+00:00")
    assert prov["manifest"]["issuer"] == "上海市静安区人民政府"


def test_same_report_at_two_addresses_is_marked_duplicate(first_run):
    _, _, log, _ = first_run
    assert by_id(log)["jingan-2019-copy"]["duplicate_of"] == "jingan-2019"


def test_attachment_holding_the_report_is_fetched_and_kept_beside_the_page(first_run):
    out, _, log, _ = first_run
    rows = by_id(log)
    assert rows["stub"]["outcome"] == "fetched"
    att = rows["stub.att1"]
    assert att["role"] == "attachment" and att["url"].endswith("/files/report-2019.pdf")
    assert (out / "stub.att1.pdf").read_bytes().startswith(b"%PDF")
    assert "stub.att2" not in rows  # the site's user guide is not the report


def test_extract_reads_the_folder_with_provenance_and_gbk_intact(first_run, site):
    from fzanalyzer import Corpus

    out, _, _, _ = first_run
    _, base = site
    corpus = Corpus.from_dir(out)
    reports = {r.id: r for r in corpus}
    for rid in ("jingan-2019-gbk", "jingan-2019-gbk-header"):
        rep = reports[rid]
        assert "静安区坚持以习近平新时代中国特色社会主义思想为指导" in rep.text, rid
        assert rep.meta.year_covered == 2019
    assert reports["jingan-2019"].meta.source_url == base + "/r/2019.html"
    assert reports["jingan-2019"].meta.fetched_at
    assert "stub.att1" in reports  # the PDF attachment is a report of its own


def test_second_run_makes_only_conditional_requests(first_run, site):
    out, manifest, _, _ = first_run
    s, _ = site
    start = len(s.log)
    log = fetch(manifest, out, settings=settings())
    again = [r for r in s.log[start:] if r["path"] != "/robots.txt"]
    fetched_before = {"/r/2019.html", "/copy/2019.html", "/r/gbk.html", "/r/gbk-header.html", "/news.html"}
    for r in again:
        if r["path"] in fetched_before:
            assert r["if_none_match"] or r["if_modified_since"], r
    outcomes = by_id(log)
    assert outcomes["jingan-2019"]["outcome"] == "not_modified"
    assert outcomes["jingan-2019-gbk"]["outcome"] == "not_modified"
    assert not any(
        r["outcome"] == "fetched" and r["id"] in ("jingan-2019", "stub.att1") for r in log.to_dict("records")
    )


def test_cli_lists_failures_with_codes_and_exits_1(site, tmp_path, capsys):
    _, base = site
    manifest = write_manifest(tmp_path / "m.csv", base, [("ok", "/r/2019.html"), ("gone", "/missing.html")])
    rc = main(["fetch", str(manifest), "--out", str(tmp_path / "out"), "--delay", "0.05", "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "E121" in err and "missing.html" in err and "1 fetched" in err


def test_manifest_errors_are_coded():
    from fzanalyzer.collect.manifest import read_manifest_text
    from fzanalyzer.errors import FzError

    with pytest.raises(FzError, match="E120"):
        read_manifest_text("id,address\na,https://x.example/\n")
    with pytest.raises(FzError, match="repeats"):
        read_manifest_text("id,url\na,https://x.example/1\na,https://x.example/2\n")
    with pytest.raises(FzError, match="not an http"):
        read_manifest_text("id,url\na,ftp://x.example/1\n")


def test_a_killed_run_resumes_without_fetching_twice(site, tmp_path):
    s, base = site
    rows = [
        (f"r{i}", p) for i, p in enumerate(["/r/2019.html", "/r/gbk.html", "/news.html", "/copy/2019.html"])
    ]
    manifest = write_manifest(tmp_path / "m.csv", base, rows)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path.cwd()), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fzanalyzer",
            "fetch",
            str(manifest),
            "--out",
            str(out),
            "--delay",
            "1.0",
            "--no-progress",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    state = out / ".fetch" / "state.json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (
        state.exists() and len(json.loads(state.read_text(encoding="utf-8"))) >= 1
    ):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = json.loads(state.read_text(encoding="utf-8"))
    assert 1 <= len(done) < len(rows)
    assert not list(out.glob(".*.part")) and not list(out.glob("*.part"))  # no half-written file
    start = len(s.log)
    log = fetch(manifest, out, settings=settings())
    resumed = [r for r in s.log[start:] if r["path"] != "/robots.txt"]
    for url in done:
        path = url[len(base) :]
        assert all(r["if_none_match"] or r["if_modified_since"] for r in resumed if r["path"] == path)
    assert set(log["id"]) >= {rid for rid, _ in rows}
    for rid, _ in rows:
        assert (out / f"{rid}.html").exists() and (out / f"{rid}.html.fetch.json").exists()


def test_manifest_command_counts_series_of_consecutive_years(tmp_path, capsys):
    rows = [
        ("a-2019", "甲县人民政府", "2019"),
        ("a-2020", "甲县人民政府", "2020"),
        ("a-2021", "甲县人民政府", "2021"),
        ("b-2019", "乙市司法局", "2019"),
        ("b-2021", "乙市司法局", "2021"),
        ("b-2022", "乙市司法局", "2022"),
    ]
    lines = ["id,issuer,year_covered,url"] + [f"{i},{o},{y},https://gov.example/{i}.html" for i, o, y in rows]
    path = tmp_path / "m.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert main(["manifest", str(path)]) == 0
    out = capsys.readouterr().out
    assert "6 entries, 2 issuers" in out
    assert "1 issuers with 3 or more consecutive years" in out and "甲县人民政府: 2019, 2020, 2021" in out
    assert "乙市司法局" not in out.split("consecutive years:")[1]


def test_shipped_manifest_holds_the_collected_series():
    """corpora/manifest.csv: addresses of real report pages (no page text), at least 300 of them,
    with at least 20 issuers covering three or more consecutive years (what the README claims)."""
    from fzanalyzer.collect.manifest import read_manifest_text, summarize

    text = (Path(__file__).parents[1] / "corpora" / "manifest.csv").read_text(encoding="utf-8-sig")
    entries = read_manifest_text(text)
    s = summarize(entries)
    assert s.entries >= 300
    assert len(s.series_3plus) >= 20
    assert set(s.levels) >= {"province", "city", "district_county", "township", "department"}
    assert len({e.url for e in entries}) == len(entries)
