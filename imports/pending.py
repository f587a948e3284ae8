"""Uploaded files waiting between the dry run and the confirmation, named by their SHA-256."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from imports.readers import EXTENSIONS

_TOKEN = re.compile(r"^[0-9a-f]{64}$")


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "kinerja-impor"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _path(token: str, extension: str) -> Path | None:
    if not _TOKEN.match(token) or extension not in EXTENSIONS:
        return None
    return _folder() / f"{token}{extension}"


def pending_save(*, data: bytes, token: str, extension: str) -> None:
    path = _path(token, extension)
    if path is not None:
        path.write_bytes(data)


def pending_load(*, token: str, extension: str) -> bytes | None:
    path = _path(token, extension)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def pending_delete(*, token: str, extension: str) -> None:
    path = _path(token, extension)
    if path is not None:
        path.unlink(missing_ok=True)
