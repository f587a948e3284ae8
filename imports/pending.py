"""Dry runs waiting for their confirmation: the file, whose dry run it is, and what became of it.

A dry run is kept under a random token (``secrets.token_urlsafe``), never under the file's checksum,
with the id of the user who made it: only that user can confirm it, and two people trying the same
file do not share (or delete) each other's dry run.  Confirmations of one token take its lock in
turn; the first one imports and records the outcome, the ones after it find the dry run already
saved and answer with that outcome instead of importing twice or failing.

Files live in ``KINERJA_IMPORT_PENDING_DIR`` (default: ``kinerja-impor`` in the system's temporary
folder), one ``.data`` and one ``.json`` per token; entries older than ``KEEP`` are removed.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

KEEP = 24 * 3600  # seconds a dry run (or the record that it was saved) is kept
WAIT = 60.0  # seconds a confirmation waits for another confirmation of the same token
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


@dataclass
class Pending:
    """One dry run: who made it, for what, and (once confirmed) what was saved."""

    token: str
    user_id: int
    filename: str
    checksum: str
    params: dict[str, Any] = field(default_factory=dict)  # agency_slug, year, quarter, region_slug
    created: float = 0.0
    saved: dict[str, Any] | None = None  # the confirmed import's summary

    def data(self) -> bytes | None:
        path = _folder() / f"{self.token}.data"
        return path.read_bytes() if path.is_file() else None

    def mark_saved(self, summary: dict[str, Any]) -> None:
        """The import is written: keep its summary for later confirmations, drop the file's bytes."""
        self.saved = summary
        _write_meta(self)
        (_folder() / f"{self.token}.data").unlink(missing_ok=True)


def pending_folder() -> Path:
    """Where dry runs wait (and a history's batches keep their state: ``imports.history_jobs``)."""
    return _folder()


def _folder() -> Path:
    configured = getattr(settings, "KINERJA_IMPORT_PENDING_DIR", "")
    folder = Path(configured) if configured else Path(tempfile.gettempdir()) / "kinerja-impor"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _write_meta(pending: Pending) -> None:
    path = _folder() / f"{pending.token}.json"
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(pending.__dict__), encoding="utf-8")
    os.replace(temporary, path)  # readers see the old record or the new one, never half of one


def _read_meta(token: str) -> Pending | None:
    path = _folder() / f"{token}.json"
    try:
        return Pending(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _sweep(now: float) -> None:
    for path in _folder().glob("*.json"):
        try:
            if now - path.stat().st_mtime > KEEP:
                token = path.stem
                for suffix in (".json", ".data", ".lock"):
                    (path.with_name(token + suffix)).unlink(missing_ok=True)
        except OSError:
            continue


def pending_save(*, data: bytes, user_id: int, filename: str, checksum: str, params: dict[str, Any]) -> str:
    """Keep ``data`` for ``user_id``'s confirmation; the token to confirm it with."""
    now = time.time()
    _sweep(now)
    token = secrets.token_urlsafe(32)
    (_folder() / f"{token}.data").write_bytes(data)
    _write_meta(Pending(token, user_id, filename, checksum, params, now))
    return token


@contextmanager
def pending_claim(*, token: str, user_id: int) -> Iterator[Pending | None]:
    """The dry run ``token`` of ``user_id``, held under its lock while the caller confirms it; None
    when there is no such dry run for this user (unknown, expired, or someone else's)."""
    if not _TOKEN.match(token or ""):
        yield None
        return
    with open(_folder() / f"{token}.lock", "a+b") as lock:
        deadline = time.monotonic() + WAIT
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(token) from None
                time.sleep(0.05)
        try:
            pending = _read_meta(token)
            if pending is None or pending.user_id != user_id or time.time() - pending.created > KEEP:
                yield None
            else:
                yield pending
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
