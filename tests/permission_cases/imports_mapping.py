"""The mapping step's lines of the permission matrix: its pages act on a dry-run token, and only the
user who made that dry run may open, change or confirm its mapping; for anyone else the token does not
exist (404), whatever their role.  The token here is the pemda administrator's (who may also store
the pemda's mapping); tests/imports/test_mapping_views.py covers the rest (a reader cannot store one)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import PD


def own_token(persona: str) -> str:
    return "ok" if persona == "admin" else "404"


EXPECTED = {
    "imports:mapping": ("GET", own_token),
    "imports:mapping_confirm": ("POST", own_token),
}


def _token(world: dict[str, Any]) -> str:
    from imports.pending import pending_save
    from tests.imports.test_mappings import uraian_sheet

    params = {"agency_slug": PD, "year": 2022, "quarter": None, "region_slug": None}
    owner = world["users"]["admin"]
    return pending_save(data=uraian_sheet(), user_id=owner.pk, filename="uraian.csv", checksum="", params=params)


def url(name: str, world: dict[str, Any]) -> str | None:
    return reverse(name, args=[_token(world)]) if name in EXPECTED else None
