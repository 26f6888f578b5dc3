"""A polite HTTP client: robots.txt, per-host spacing, retries with backoff, size limits.

Politeness is the default, not an option to remember: every request to a host waits until
``delay`` seconds have passed since the previous request to that host (requests are made one at
a time), robots.txt is read once per host and honoured for our User-Agent (RFC 9309: a robots.txt
answered with 4xx allows everything; one that cannot be read disallows the host for this run),
redirects are followed hop by hop through the same checks, and 429/5xx answers are retried with
exponential backoff, honouring ``Retry-After``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from ..errors import FzError

if TYPE_CHECKING:
    import httpx

    from .run import FetchSettings

RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 10


class FetchError(FzError):
    """An address could not be fetched; ``code`` says why (E121–E127)."""


@dataclass
class Answer:
    """A final answer to a GET (after redirects and retries)."""

    url: str  # the address asked for
    final_url: str  # after redirects
    status: int
    headers: dict[str, str]
    content: bytes
    attempts: int
    elapsed: float


class PoliteClient:
    """One client for a whole run; ``transport`` and ``sleep`` are for tests."""

    def __init__(
        self,
        settings: FetchSettings,
        *,
        transport: Any = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        import httpx

        self.settings = settings
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self.client = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=settings.timeout,
            follow_redirects=False,
            transport=transport,
        )
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    # -- politeness ---------------------------------------------------------------------
    def _wait_turn(self, url: str) -> None:
        """Wait until ``delay`` seconds have passed since the last answer from this host ended."""
        last = self._last.get(urlsplit(url).netloc)
        if last is not None:
            gap = self.settings.delay - (self._clock() - last)
            if gap > 0:
                self._sleep(gap)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin + "/robots.txt")
        rp = self._robots[origin]
        return rp is None or rp.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, url: str) -> RobotFileParser | None:
        """The parsed robots.txt, None when there is none (4xx: everything allowed)."""
        import httpx

        rp = RobotFileParser(url)
        try:
            resp = self._send(url, {})
        except httpx.HTTPError:
            rp.parse(["User-agent: *", "Disallow: /"])  # unreachable: stay away this run
            return rp
        if 400 <= resp.status_code < 500:
            return None
        if resp.status_code >= 500:
            rp.parse(["User-agent: *", "Disallow: /"])
            return rp
        rp.parse(resp.text.splitlines())
        return rp

    # -- requests -----------------------------------------------------------------------
    def _send(self, url: str, headers: dict[str, str]) -> httpx.Response:

        self._wait_turn(url)
        self.requests += 1
        try:
            return self._read(url, headers)
        finally:
            # the delay counts from the end of this exchange, so a slow answer never shortens it
            self._last[urlsplit(url).netloc] = self._clock()

    def _read(self, url: str, headers: dict[str, str]) -> httpx.Response:
        import httpx

        with self.client.stream("GET", url, headers=headers) as resp:
            body = bytearray()
            for chunk in resp.iter_bytes():
                body.extend(chunk)
                if len(body) > self.settings.max_bytes:
                    raise FetchError.from_code(
                        "E125",
                        path=url,
                        detail=f"more than {len(body):,} bytes",
                        limit=self.settings.max_bytes,
                    )
            # a response holding the body read under our size limit
            return httpx.Response(
                resp.status_code, headers=resp.headers, content=bytes(body), request=resp.request
            )

    def get(self, url: str, headers: dict[str, str] | None = None) -> Answer:
        """GET with redirects followed hop by hop, robots checked on every hop, retries on
        429/5xx and timeouts. Raises :class:`FetchError` with its code."""
        import httpx

        start = self._clock()
        current, attempts = url, 0
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.allowed(current):
                raise FetchError.from_code("E124", path=current, detail=self.settings.user_agent)
            retry = 0
            while True:
                attempts += 1
                try:
                    resp = self._send(current, headers or {})
                except httpx.TimeoutException as exc:
                    if retry < self.settings.retries:
                        self._sleep(self.settings.backoff ** (retry + 1))
                        retry += 1
                        continue
                    raise FetchError.from_code(
                        "E123", path=current, detail=type(exc).__name__, limit=self.settings.timeout
                    ) from exc
                except httpx.HTTPError as exc:
                    raise FetchError.from_code(
                        "E127", path=current, detail=f"{type(exc).__name__}: {exc}"
                    ) from exc
                if resp.status_code in RETRY_STATUS:
                    wait = self._backoff(retry, resp.headers.get("retry-after"))
                    if retry < self.settings.retries and wait is not None:
                        self._sleep(wait)
                        retry += 1
                        continue
                    raise FetchError.from_code(
                        "E122", path=current, detail=f"HTTP {resp.status_code}", limit=attempts
                    )
                break
            if resp.is_redirect and "location" in resp.headers:
                current = urljoin(current, resp.headers["location"])
                continue
            if resp.status_code >= 400:
                raise FetchError.from_code(
                    "E121", path=current, detail=f"{resp.status_code} {resp.reason_phrase}"
                )
            return Answer(
                url=url,
                final_url=current,
                status=resp.status_code,
                headers={k.lower(): v for k, v in resp.headers.items()},
                content=resp.content,
                attempts=attempts,
                elapsed=round(self._clock() - start, 3),
            )
        raise FetchError.from_code("E121", path=url, detail=f"more than {MAX_REDIRECTS} redirects")

    def _backoff(self, retry: int, retry_after: str | None) -> float | None:
        """Seconds to wait before the next try; None when the server asks for longer than we wait."""
        wait = self.settings.backoff ** (retry + 1)
        if retry_after:
            asked = _retry_after_seconds(retry_after)
            if asked is not None:
                if asked > self.settings.max_retry_after:
                    return None
                wait = max(wait, asked)
        return wait


def _retry_after_seconds(value: str) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date.

    >>> _retry_after_seconds("3")
    3.0
    >>> _retry_after_seconds("soon") is None
    True
    """
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
