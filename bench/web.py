"""Concurrent clients against a real server on loopback: the entry screen and a save.

The server is gunicorn as ``make run`` starts it (three workers) on the benchmark's own database.
Each of ``clients`` threads keeps one HTTP/1.1 connection and sends ``per_client`` requests as a logged-
in operator of the measured PD; every request's latency is kept.  The lower bound is the same load on
``/sehat/`` (every middleware, the session cookie, one ``SELECT 1``): what any request of this server
costs, so the ratio says what the page and the save add.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CSRF = "b" * 32  # a CSRF secret of our own: cookie and header agree, as the page's would
_VERSION = re.compile(r'data-version="([^"]*)"')


@dataclass(frozen=True)
class LoadStats:
    clients: int
    requests: int
    errors: int
    p50_s: float
    p95_s: float
    wall_s: float
    first_error: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "clients": self.clients,
            "requests": self.requests,
            "errors": self.errors,
            "p50_ms": round(self.p50_s * 1000, 1),
            "p95_ms": round(self.p95_s * 1000, 1),
            "wall_s": round(self.wall_s, 3),
            "first_error": self.first_error,
        }

    @property
    def note(self) -> str:
        text = (
            f"{self.clients} clients x {self.requests // max(self.clients, 1)} requests: p50 {self.p50_s * 1000:.0f} ms, "
            f"p95 {self.p95_s * 1000:.0f} ms, {self.errors} errors, {self.requests / self.wall_s:.0f} req/s"
        )
        return text + (f"; first error: {self.first_error}" if self.first_error else "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(workers: int = 3) -> Iterator[int]:
    """gunicorn on a free loopback port, on the database this process uses; yields the port."""
    from django.db import connection

    connection.close()  # the server's workers open their own
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kinerja.settings", "DEBUG": "0"}
    # The server's log goes to a file: a pipe nobody reads fills up and stops the server.
    log = tempfile.NamedTemporaryFile(prefix="kinerja-bench-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kinerja.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start: {Path(log.name).read_text()[-500:]}") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        os.unlink(log.name)


def session_cookie(user: Any) -> str:
    """A logged-in session for ``user``, as the login page would leave it (without going through it:
    the login throttle would count a benchmark as an attack)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend"))
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF}"


Request = Callable[[http.client.HTTPConnection, int, int], tuple[int, bytes]]


def load(port: int, *, cookies: list[str], per_client: int, send: Request) -> LoadStats:
    """``len(cookies)`` clients, each ``per_client`` requests made by ``send(connection, client, i)``."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(cookies) + 1)

    def client(index: int, cookie: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.cookie = cookie  # type: ignore[attr-defined]
        start.wait()
        for i in range(per_client):
            began = time.perf_counter()
            try:
                status, body = send(conn, index, i)
                ok = 200 <= status < 300
                why = "" if ok else f"HTTP {status}: {body[:120]!r}"
            except (OSError, http.client.HTTPException) as exc:
                ok, why = False, f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.cookie = cookie  # type: ignore[attr-defined]
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(why)
        conn.close()

    threads = [threading.Thread(target=client, args=(i, c)) for i, c in enumerate(cookies)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    ordered = sorted(latencies)
    return LoadStats(
        clients=len(cookies),
        requests=len(latencies),
        errors=len(errors),
        p50_s=statistics.median(ordered),
        p95_s=ordered[max(0, int(len(ordered) * 0.95) - 1)],
        wall_s=wall,
        first_error=errors[0] if errors else "",
    )


def get(path: str) -> Request:
    def send(conn: http.client.HTTPConnection, client: int, i: int) -> tuple[int, bytes]:
        conn.request("GET", path, headers={"Cookie": conn.cookie})  # type: ignore[attr-defined]
        response = conn.getresponse()
        return response.status, response.read()

    return send


def saves(path: str, targets: list[tuple[str, int, str]]) -> Request:
    """Each client saves its own value (``targets[client]``: kind, id, version) again and again, carrying
    the version each answer gives back, as the screen does."""
    versions = [t[2] for t in targets]

    def send(conn: http.client.HTTPConnection, client: int, i: int) -> tuple[int, bytes]:
        kind, owner, _ = targets[client]
        body = urllib.parse.urlencode(
            {"kind": kind, "id": owner, "value": str(10 + (i % 7)), "version": versions[client]}
        )
        headers = {
            "Cookie": conn.cookie,  # type: ignore[attr-defined]
            "X-CSRFToken": CSRF,
            "Content-Type": "application/x-www-form-urlencoded",
            "HX-Request": "true",
        }
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        found = _VERSION.search(data.decode("utf-8", "replace"))
        if found:
            versions[client] = found.group(1)
        if b"cell-error" in data:  # refused (a conflict or a lock) is an error of the run
            return 409, data[data.find(b"cell-error") : data.find(b"cell-error") + 200]
        return response.status, data

    return send
