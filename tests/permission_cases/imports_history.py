"""The history import's lines of the permission matrix: the upload page is open to anyone signed in
(what a file may be imported into is checked per file, by the role and the locks, as for one import);
its confirmation and the question for an unmatched file act only on dry-run tokens of the user's own
(tests/imports/test_history.py).  The page of a history job (its progress, then its table) is its
user's only: for anyone else the batch does not exist (404), whatever their role
(tests/imports/test_history_jobs.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import anyone


def own_batch(persona: str) -> str:
    return "ok" if persona == "admin" else "404"


EXPECTED = {"imports:history": ("GET", anyone), "imports:history_batch": ("GET", own_batch)}
NOT_DATA = {"imports:history_confirm", "imports:history_ask"}


def _batch(world: dict[str, Any]) -> str:
    import time

    from imports.history_jobs import DRY_RUN, Batch, batch_write

    batch = Batch("matriks-izin-riwayat-0001", world["users"]["admin"].pk, DRY_RUN, created=time.time())
    batch_write(batch)
    return batch.id


def url(name: str, world: dict[str, Any]) -> str | None:
    if name == "imports:history_batch":
        return reverse(name, args=[_batch(world)])
    return reverse(name) if name in EXPECTED else None
