"""A Dask client for a run: connect to a scheduler, or start a local cluster and stop it after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..errors import FzError

if TYPE_CHECKING:
    from dask.distributed import Client


def require_dask() -> None:
    try:
        import dask.distributed  # noqa: F401
    except ImportError as exc:
        raise FzError.from_code("E130", detail=str(exc)) from exc


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client | None]:
    """``Client`` for ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``), or for a local
    cluster of ``workers`` processes (one thread each: extraction is CPU-bound Python), or None
    when neither is given (the caller runs on its own process pool)."""
    if scheduler is None and not workers:
        yield None
        return
    require_dask()
    from dask.distributed import Client

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise FzError.from_code("E131", path=scheduler, detail=f"{type(exc).__name__}: {exc}") from exc
        with client:
            yield client
        return
    with local_client(workers or 1) as client:
        yield client


@contextmanager
def local_client(workers: int, memory_limit: str | None = None) -> Iterator[Client]:
    """A local cluster of ``workers`` processes (one thread each), stopped on exit.
    ``memory_limit`` per worker (e.g. ``"3GB"``; Dask's default is the machine's memory divided
    by the workers): past 95 % of it the nanny restarts the worker instead of letting the
    kernel's OOM killer pick a process of the whole machine."""
    require_dask()
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=memory_limit or "auto",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
