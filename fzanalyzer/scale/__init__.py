"""Corpus work beyond one process pool: Dask as the engine, Parquet datasets as the store.

- ``cluster``: a ``dask.distributed.Client`` for a running scheduler (``--scheduler ADDRESS``) or
  a local cluster started for the run (``--dask-workers N``).
- ``tasks``: extraction of many files as Dask tasks, results in input order, identical to the
  single-machine path (the same ``batch.process_one`` runs in each task).
- ``dataset``: a Parquet dataset partitioned by year (hive layout: ``reports/year_covered=2021/…``) with the
  store's tables, written in parts as results arrive, and read back lazily.
- ``neighbours``: top-k most similar reports per report, computed in blocks of sparse products,
  never an n × n matrix.

Dask is an optional extra: ``pip install 'fzanalyzer[dask]'``.
"""
