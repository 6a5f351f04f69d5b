"""Headless Chromium for the suite, and a small HTTP server it can load pages from.

The server runs in a thread and never touches the database: pages rendered beforehand by the
test client are served as recorded, static files through Django's finders, files of a folder
(the front-end example) as they are, and requests under ``/api/`` are handed to the test's
own thread, which answers them with the test client inside the test's transaction
(:meth:`SiteServer.pump`). So the tests need no live server and see the test's data on SQLite
and PostgreSQL alike.
"""

from __future__ import annotations

import mimetypes
import queue
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def chromium_driver(width: int = 1280, height: int = 900):
    """A headless Chromium (selenium), English or Chinese pages alike."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


class SiteServer:
    """``recorded``: ``{path: (status, content_type, body bytes)}``; ``folders``:
    ``{url prefix: Path}`` served as files; ``/static/`` through staticfiles finders;
    ``/api/`` answered by :meth:`pump` in the test's thread with ``client``."""

    def __init__(self, *, client=None, recorded=None, folders=None):
        self.client = client
        self.recorded = dict(recorded or {})
        self.folders = dict(folders or {})
        self.requests: queue.Queue = queue.Queue()
        self.api_paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                status, content_type, body, headers = server.answer(self.path, self.headers)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, raw_path: str, headers) -> tuple[int, str, bytes, dict]:
        path = urlsplit(raw_path).path
        if raw_path in self.recorded or path in self.recorded:
            status, content_type, body = self.recorded.get(raw_path) or self.recorded[path]
            return status, content_type, body, {}
        if path.startswith("/static/"):
            from django.contrib.staticfiles import finders

            found = finders.find(path.removeprefix("/static/"))
            if found:
                body = Path(found).read_bytes()
                return 200, mimetypes.guess_type(found)[0] or "application/octet-stream", body, {}
        for prefix, folder in self.folders.items():
            if path.startswith(prefix):
                file = (folder / (path.removeprefix(prefix) or "index.html")).resolve()
                if file.is_file() and folder.resolve() in file.parents:
                    content_type = mimetypes.guess_type(file.name)[0] or "text/plain"
                    return 200, f"{content_type}; charset=utf-8", file.read_bytes(), {}
        if path.startswith("/api/") and self.client is not None:
            reply: queue.Queue = queue.Queue()
            self.requests.put((raw_path, dict(headers.items()), reply))
            return reply.get(timeout=60)
        return 404, "text/plain", b"not found", {}

    def pump(self, *, until, timeout: float = 30.0):
        """Answer queued API requests with the test client until ``until()`` is true; returns
        its value. Raises ``TimeoutError`` after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                raw_path, headers, reply = self.requests.get(timeout=0.05)
            except queue.Empty:
                result = until()
                if result:
                    return result
                continue
            self.api_paths.append(raw_path)
            response = self.client.get(
                raw_path, HTTP_ACCEPT=headers.get("Accept", "application/json")
            )
            kept = {
                name: response[name]
                for name in ("Location", "ETag", "Cache-Control")
                if response.has_header(name)
            }
            reply.put(
                (
                    response.status_code,
                    response.get("Content-Type", "application/json"),
                    response.content,
                    kept,
                )
            )
        raise TimeoutError(f"the page did not finish within {timeout} s")


def record(client, paths) -> dict:
    """``{path: (status, content_type, body)}`` of each path as the test client gets it."""
    recorded = {}
    for path in paths:
        response = client.get(path)
        recorded[path] = (response.status_code, response["Content-Type"], response.content)
    return recorded
