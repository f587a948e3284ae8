"""The history import's lines of the permission matrix: the upload page is open to anyone signed in
(what a file may be imported into is checked per file, by the role and the locks, as for one import);
its confirmation and the question for an unmatched file act only on dry-run tokens of the user's own
(tests/imports/test_history.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import anyone

EXPECTED = {"imports:history": ("GET", anyone)}
NOT_DATA = {"imports:history_confirm", "imports:history_ask"}


def url(name: str, world: dict[str, Any]) -> str | None:
    return reverse(name) if name in EXPECTED else None
