"""A loopback HTTP server for the fetch tests: report pages, attachments, and misbehaviour.

Every request is logged (monotonic time, path, conditional headers, User-Agent) so tests can
check politeness from the server's side. It binds 127.0.0.1 only.
"""

from __future__ import annotations

import hashlib
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from render import seed_body

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def _page(title: str, body: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>"
        f"<div class='nav'>首页 &gt; 政务公开 &gt; 法治政府</div><h1>{title}</h1>"
        f"<div class='content'>{paras}</div><div class='foot'>打印本页 关闭窗口</div></body></html>"
    )


class Site:
    """The routes: path → (status, headers, body) or a callable for stateful ones."""

    def __init__(self, pdf: bytes) -> None:
        body = seed_body()
        title = body.splitlines()[1]  # the title line (the first names the issuer)
        report = _page(title, body).encode("utf-8")
        gbk = _page(title, body, charset="gbk").encode("gb18030")
        gbk_header_only = _page(title, body, charset=None).encode("gb18030")
        news = _page(
            "区政府常务会议听取法治政府建设情况汇报",
            "本报讯 3月5日，区政府召开常务会议，听取区司法局关于2019年法治政府建设情况的汇报。会议强调，要坚持依法行政。",
        ).encode("utf-8")
        stub = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>2019年法治政府建设情况报告</title></head>"
            "<body><p>现将我区2019年法治政府建设情况报告公布如下。</p>"
            "<p>附件：<a href='/files/report-2019.pdf'>2019年法治政府建设情况报告.pdf</a></p>"
            "<p><a href='/files/other.pdf'>网站使用指南.pdf</a></p></body></html>"
        ).encode()
        self.counts: dict[str, int] = {}
        self.log: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.routes: dict[str, Any] = {
            "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"),
            "/r/2019.html": self._static(report, "text/html; charset=utf-8", etag=True),
            "/copy/2019.html": self._static(report, "text/html; charset=utf-8", etag=True),
            "/r/gbk.html": self._static(gbk, "text/html", last_modified=True),
            "/r/gbk-header.html": self._static(gbk_header_only, "text/html; charset=GBK", last_modified=True),
            "/old.html": (301, {"Location": "/r/2019.html"}, b""),
            "/missing.html": (404, {"Content-Type": "text/plain"}, b"not found"),
            "/flaky.html": self._flaky(report, 500, {}),
            "/busy.html": self._flaky(report, 429, {"Retry-After": "1"}),
            "/slow.html": self._slow,
            "/private/2019.html": self._static(report, "text/html; charset=utf-8", etag=True),
            "/news.html": self._static(news, "text/html; charset=utf-8", etag=True),
            "/stub.html": self._static(stub, "text/html; charset=utf-8", etag=True),
            "/files/report-2019.pdf": self._static(pdf, "application/pdf", etag=True),
            "/files/other.pdf": self._static(b"%PDF-1.4 not the report", "application/pdf", etag=True),
        }

    # -- route makers ---------------------------------------------------------------------
    @staticmethod
    def _static(body: bytes, ctype: str, *, etag: bool = False, last_modified: bool = False):
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'

        def route(handler: BaseHTTPRequestHandler):
            headers = {"Content-Type": ctype}
            if etag:
                headers["ETag"] = tag
                if handler.headers.get("If-None-Match") == tag:
                    return 304, headers, b""
            if last_modified:
                headers["Last-Modified"] = LAST_MODIFIED
                if handler.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    return 304, headers, b""
            return 200, headers, body

        return route

    def _flaky(self, body: bytes, status: int, headers: dict[str, str]):
        ok = self._static(body, "text/html; charset=utf-8", etag=True)

        def route(handler: BaseHTTPRequestHandler):
            if self.counts.get(handler.path, 0) <= 1:  # the first request fails
                return status, {"Content-Type": "text/plain", **headers}, b"try later"
            return ok(handler)

        return route

    @staticmethod
    def _slow(handler: BaseHTTPRequestHandler):
        time.sleep(2.5)
        return 200, {"Content-Type": "text/html"}, b"<html><body>late</body></html>"


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    """Start the server on a free loopback port in a daemon thread; returns it and its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with site.lock:
                site.counts[self.path] = site.counts.get(self.path, 0) + 1
                site.log.append(
                    {
                        "t": time.monotonic(),
                        "path": self.path,
                        "if_none_match": self.headers.get("If-None-Match"),
                        "if_modified_since": self.headers.get("If-Modified-Since"),
                        "user_agent": self.headers.get("User-Agent"),
                    }
                )
            route = site.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"no such page"))
            status, headers, body = route(self) if callable(route) else route
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def write_manifest(path: Path, base: str, rows: list[tuple[str, str]]) -> Path:
    lines = ["id,issuer,year_covered,url"] + [f"{rid},上海市静安区人民政府,2019,{base}{p}" for rid, p in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
