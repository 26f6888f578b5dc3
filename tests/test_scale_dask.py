"""The Dask path on a real loopback cluster: a scheduler and two workers as separate processes.

Extraction through the cluster gives exactly what the local process pool gives; a worker killed
mid-run costs nothing (its tasks are rerun elsewhere); the Parquet dataset reads back lazily;
top-k similarity is the same with and without the cluster.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fzanalyzer.batch import run
from fzanalyzer.corpus import Corpus
from fzanalyzer.jobs import extract
from fzanalyzer.scale.neighbours import top_k

from conftest import require

ROOT = Path(__file__).parents[1]


def _spawn(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # a worker killed by the test takes no one else with it
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1."""
    import importlib.util

    require(importlib.util.find_spec("distributed") is not None, "dask.distributed")
    from dask.distributed import Client

    tmp = tmp_path_factory.mktemp("dask")
    sched_file = tmp / "scheduler.json"
    procs = [
        _spawn(
            [
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(sched_file),
            ],
            tmp / "scheduler.log",
        )
    ]
    deadline = time.monotonic() + 60
    while not sched_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    address = json.loads(sched_file.read_text(encoding="utf-8"))["address"]
    workers = [
        _spawn(
            [
                "distributed.cli.dask_worker",
                address,
                "--nthreads",
                "1",
                "--nworkers",
                "1",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
                "--name",
                f"w{i}",
            ],
            tmp / f"worker{i}.log",
        )
        for i in range(2)
    ]
    procs += workers
    client = Client(address, timeout="30s")
    client.wait_for_workers(2, timeout=90)
    yield client, address, workers
    client.close()
    for p in procs:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, dev_dir, seed_path):
    """24 report files: the development set and the real report, copied under distinct names."""
    folder = tmp_path_factory.mktemp("inputs")
    sources = [*sorted(dev_dir.glob("*.txt")), seed_path]
    files = []
    for n in range(4):
        for src in sources:
            dst = folder / f"{src.stem}-copy{n}.txt"
            shutil.copy(src, dst)
            files.append(dst)
    return files


def _results(files, **kw):
    return {str(p): res for p, res in run(files, include_text=True, **kw)}


def test_extraction_on_the_cluster_equals_the_local_pool(cluster, inputs):
    client, _, _ = cluster
    local = _results(inputs, workers=1)
    remote = _results(inputs, client=client)
    assert list(remote) == list(local)  # input order kept
    assert remote == local  # every field of every report


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster, inputs, tmp_path):
    client, address, workers = cluster
    local = _results(inputs, workers=1)
    seen: list[str] = []
    killed = False
    out = {}
    for path, res in run(inputs, client=client, include_text=True, on_progress=lambda p: seen.append(str(p))):
        out[str(path)] = res
        if not killed and len(seen) >= 3:
            os.killpg(workers[0].pid, signal.SIGKILL)  # the OOM killer's way
            killed = True
    assert killed
    assert sorted(seen) == sorted(str(p) for p in inputs)  # each file once
    assert out == local
    # a new worker joins and the cluster goes on (for the tests after this one)
    workers[0] = _spawn(
        ["distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
        tmp_path / "worker-new.log",
    )
    client.wait_for_workers(2, timeout=90)


def test_dataset_written_through_the_cluster_reads_back_lazily(cluster, inputs, tmp_path):
    client, _, _ = cluster
    summary = extract(inputs, dataset=tmp_path / "ds", client=client, progress=False)
    assert summary.processed == len(inputs) and not summary.failures
    corpus = Corpus.from_parquet(tmp_path / "ds")
    assert len(corpus) == len(inputs)
    years = sorted(set(corpus.reports["year_covered"]))
    assert years == [2019, 2020, 2021, 2022]
    only = corpus.scan("indicators", years=[2019])
    assert len(only) and set(only["year_covered"]) == {2019}
    local = Corpus.from_files(inputs)
    assert len(corpus.indicators_df) == len(local.indicators_df)
    assert sorted(corpus.indicators_df["text"]) == sorted(local.indicators_df["text"])


def test_top_k_similarity_is_the_same_on_the_cluster(cluster, dev_dir):
    client, _, _ = cluster
    files = sorted(dev_dir.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    ids = [f.stem for f in files]
    here = top_k(texts, ids, k=2, partitions=2)
    there = top_k(texts, ids, k=2, partitions=2, client=client)
    assert here.equals(there)
    first = here[here["rank"] == 1].set_index("report_id")["other"].to_dict()
    assert first["tangxi-2021"].startswith("tangxi") and first["chengchuan-2021"] == "chengchuan-2022"


def test_cli_runs_on_a_scheduler_address(cluster, inputs, tmp_path, capsys):
    from fzanalyzer.cli import main

    _, address, _ = cluster
    out = tmp_path / "out.jsonl"
    assert (
        main(["extract", *map(str, inputs[:6]), "--scheduler", address, "-o", str(out), "--no-progress"]) == 0
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6


def test_unreachable_scheduler_is_a_coded_error(capsys):
    from fzanalyzer.cli import main

    rc = main(["extract", "corpora", "--scheduler", "tcp://127.0.0.1:9", "--no-progress", "-o", "-"])
    assert rc == 2
    assert "E131" in capsys.readouterr().err


def test_reuse_on_the_cluster_finds_the_same_passages(cluster):
    """LSH band keys and boilerplate counts shuffled across workers, alignment per partition:
    the passages, spans and flags are those of the single-process path."""
    from fzanalyzer.bench.reuse import source_texts
    from fzanalyzer.reuse.passages import find_reuse
    from fzanalyzer.reuse.synth import synth_corpus
    from fzanalyzer.scale.reuse import find_reuse_dask

    client, _, _ = cluster
    corpus = synth_corpus(source_texts(), 60, seed=5)
    here = [p.to_dict() for p in find_reuse(corpus.reports)]
    there = [p.to_dict() for p in find_reuse_dask(corpus.reports, client, partitions=3)]
    assert len(here) > 20
    assert there == here
    kinds = {p["kind"] for p in here}
    assert {"same_issuer", "cross_issuer"} <= kinds


def test_reuse_in_rounds_of_bands_finds_the_same_passages(cluster):
    """LSH bands shuffled a few at a time (one band a round; rounds of 3 that do not divide the
    16 bands; all at once): a round's records hold only its bands, and the union of the rounds'
    candidate pairs gives the single-process passages whatever the round size."""
    import numpy as np

    from fzanalyzer.bench.reuse import source_texts
    from fzanalyzer.reuse.passages import ReuseParams, find_reuse
    from fzanalyzer.reuse.synth import synth_corpus
    from fzanalyzer.scale.reuse import _docs, _round_records, _signatures, find_reuse_dask

    client, _, _ = cluster
    corpus = synth_corpus(source_texts(), 40, seed=11)
    p = ReuseParams()
    part = _signatures(list(enumerate(corpus.reports[:5])), p, np.zeros(0, np.uint32), True, 2)
    assert len(_docs(list(enumerate(corpus.reports[:5])), p, None)) == 5
    routed = _round_records(part, range(3, 6), p, 4)
    bands = np.concatenate([r["band"] for r in routed])
    assert sorted(set(bands.tolist())) == [3, 4, 5] and len(bands) == 3 * len(part["sig"])
    assert all((r["gid"] >> 32 == 2).all() for r in routed)
    here = [x.to_dict() for x in find_reuse(corpus.reports)]
    assert len(here) > 10
    for rounds in (1, 3, None):
        there = find_reuse_dask(corpus.reports, client, partitions=3, bands_per_round=rounds)
        assert [x.to_dict() for x in there] == here, rounds


def test_reuse_and_top_k_from_a_dataset_read_the_texts_in_the_tasks(cluster, tmp_path, monkeypatch):
    """The large-corpus path: the client reads the dataset's metadata only, tasks read the report
    texts from its files (reuse deals them to partitions by issuer); the passages and neighbours
    are those of ``find_reuse`` and ``top_k`` on the stored reports in the dataset's order."""
    from fzanalyzer.bench.reuse import source_texts
    from fzanalyzer.reuse.passages import find_reuse
    from fzanalyzer.reuse.synth import synth_corpus
    from fzanalyzer.scale.dataset import DatasetWriter, read_reports, table_files
    from fzanalyzer.scale.reuse import find_reuse_dataset

    client, _, _ = cluster
    corpus = synth_corpus(source_texts(), 60, seed=7)
    writer = DatasetWriter(tmp_path / "ds", part_size=25)
    for r in corpus.reports:
        writer.write(r.to_dict())
    writer.close()
    files = table_files(tmp_path / "ds", "reports")
    assert len(files) > 3  # parts × years: the tasks read several files each
    stored = read_reports(tmp_path / "ds", files)
    assert sorted(r.id for r in stored) == sorted(r.id for r in corpus.reports)
    assert all(r.text == "" for r in read_reports(tmp_path / "ds", files, text=False))
    here = [p.to_dict() for p in find_reuse(stored)]
    there = [p.to_dict() for p in find_reuse_dataset(tmp_path / "ds", client, partitions=3)]
    assert len(here) > 20
    assert there == here
    import fzanalyzer.scale.neighbours as nb

    monkeypatch.setattr(nb, "CHUNK", 20)  # several tasks of files, as at scale
    near = nb.top_k_dataset(tmp_path / "ds", client, k=3)
    assert near.equals(nb.top_k([r.text for r in stored], [r.id for r in stored], k=3))
    # the commands take the dataset: the tasks read it on the cluster, the client on one machine
    from fzanalyzer.cli import main

    _, address, _ = cluster
    ds = str(tmp_path / "ds")
    for cmd, name in (("reuse", "r.json"), ("similar", "s.csv")):
        assert main([cmd, ds, "-o", str(tmp_path / f"here-{name}")]) == 0
        assert main([cmd, ds, "--scheduler", address, "-o", str(tmp_path / f"there-{name}")]) == 0
        here_text = (tmp_path / f"here-{name}").read_text(encoding="utf-8")
        assert here_text == (tmp_path / f"there-{name}").read_text(encoding="utf-8") and len(here_text) > 1000


def test_top_k_agrees_with_the_exact_similarity_matrix(dev_dir, data_dir):
    """The blocked, projected neighbours find what the exact n × n TF-IDF matrix finds: each
    report's nearest neighbour is, by the exact similarity, within 0.05 of its exact nearest (a
    report with a close relative finds that one; among unrelated reports the order is noise)."""
    import numpy as np

    from fzanalyzer.compare.similarity import similarity_matrix
    from fzanalyzer.model import Report

    files = [*sorted(dev_dir.glob("*.txt")), *sorted((data_dir / "holdout").glob("*.txt"))]
    reports = [
        Report(id=f.stem, source=str(f), sha256="", format="txt", text=f.read_text(encoding="utf-8"))
        for f in files
    ]
    exact = similarity_matrix(reports).to_numpy().copy()
    np.fill_diagonal(exact, -1)
    ids = [r.id for r in reports]
    near = top_k([r.text for r in reports], ids, k=1, block=4)
    first = dict(zip(near["report_id"], near["other"], strict=True))
    for i, rid in enumerate(ids):
        found = exact[i, ids.index(first[rid])]
        assert found >= exact[i].max() - 0.05, (rid, first[rid], float(found), float(exact[i].max()))
    # reports with a relative of another year find it
    assert first["tangxi-2021"].startswith("tangxi") and first["fengyang-2021"] == "fengyang-2022"


def test_similar_and_reuse_commands_run_on_the_cluster(cluster, dev_dir, tmp_path, capsys):
    from fzanalyzer.cli import main

    _, address, _ = cluster
    out = tmp_path / "near.csv"
    assert main(["similar", str(dev_dir), "-k", "1", "--scheduler", address, "-o", str(out)]) == 0
    import pandas as pd

    table = pd.read_csv(out)
    assert len(table) == 5 and table.set_index("report_id").loc["tangxi-2022", "other"].startswith("tangxi")
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    assert main(["reuse", str(dev_dir), "-o", str(here)]) == 0
    assert main(["reuse", str(dev_dir), "--scheduler", address, "-o", str(there)]) == 0
    assert json.loads(there.read_text(encoding="utf-8")) == json.loads(here.read_text(encoding="utf-8"))
    assert json.loads(here.read_text(encoding="utf-8"))["pairs"]


def test_panel_command_runs_on_the_cluster(cluster, dev_dir, tmp_path):
    import pandas as pd

    from fzanalyzer.cli import main

    _, address, _ = cluster
    here, there = tmp_path / "here.csv", tmp_path / "there.csv"
    assert main(["panel", str(dev_dir), "-o", str(here)]) == 0
    assert main(["panel", str(dev_dir), "--scheduler", address, "-o", str(there)]) == 0
    a, b = pd.read_csv(here), pd.read_csv(there)
    assert len(a) > 50
    pd.testing.assert_frame_equal(a, b)


def test_corpus_audit_on_the_cluster_is_the_single_machine_audit(cluster, dev_dir, tmp_path):
    """``audit --corpus`` on the cluster: one task per issuer chain, the same audits in the same
    order and the same plan chains as the single-machine run, through the library and the CLI."""
    from fzanalyzer.audit import audit_corpus
    from fzanalyzer.cli import main
    from fzanalyzer.scale.audit import audit_corpus_dask, issuer_chains

    client, address, _ = cluster
    here = audit_corpus(dev_dir)
    there = audit_corpus_dask(dev_dir, client)
    assert len(here.audits) >= 3 and any(a.items for a in here.audits)
    assert [a.to_dict() for a in there.audits] == [a.to_dict() for a in here.audits]
    assert there.chains == here.chains and there.reports == here.reports
    assert there.copies_left_out == here.copies_left_out
    from fzanalyzer.corpus import Corpus

    chains = issuer_chains(Corpus.from_files([dev_dir]).consecutive_pairs())
    assert len(chains) == len({a.issuer for a in here.audits}) >= 2  # one task per issuer
    assert main(["audit", "--corpus", str(dev_dir), "-o", str(tmp_path / "here")]) == 0
    assert (
        main(["audit", "--corpus", str(dev_dir), "--scheduler", address, "-o", str(tmp_path / "there")]) == 0
    )
    a, b = ((tmp_path / d / "audits.json").read_text(encoding="utf-8") for d in ("here", "there"))
    assert json.loads(a) == json.loads(b) and json.loads(a)["audits"]
