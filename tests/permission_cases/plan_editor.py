"""The plan editor's lines of the permission matrix: the PD (operator, Kepala) and Bappeda (verifier,
administrator) write; the reader only reads; another PD's or pemda's plan is invisible (404).  The
nomenclature picker serves the public list to anyone signed in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import BAPPEDA, PD, PD_ROLES, READERS, YEAR, anyone, reads


def edits(persona: str) -> str:
    return "ok" if persona in PD_ROLES | BAPPEDA else ("403" if persona in READERS else "404")


EXPECTED = {
    "plan_editor:home": ("GET", anyone),
    "plan_editor:plans": ("GET", reads),
    "plan_editor:editor": ("GET", reads),
    "plan_editor:quarters_helper": ("GET", reads),
    "plan_editor:history": ("GET", reads),
    "plan_editor:form": ("GET", edits),
    "plan_editor:renstra_create": ("POST", edits),
    "plan_editor:renja_create": ("POST", edits),
    "plan_editor:renja_copy": ("POST", edits),
    "plan_editor:renja_amend": ("POST", edits),
    "plan_editor:row_add": ("POST", edits),
    "plan_editor:row_save": ("POST", edits),
    "plan_editor:row_delete": ("POST", edits),
    "plan_editor:indicator_add": ("POST", edits),
    "plan_editor:indicator_save": ("POST", edits),
    "plan_editor:indicator_delete": ("POST", edits),
    "nomenclature:search": ("GET", anyone),
}


def url(name: str, world: dict[str, Any]) -> str | None:
    if name not in EXPECTED:
        return None
    if name == "plan_editor:home":
        return reverse(name)
    if name == "nomenclature:search":
        return reverse(name) + "?q=usaha+mikro"
    if name in ("plan_editor:plans", "plan_editor:renstra_create", "plan_editor:renja_create"):
        return reverse(name, args=[PD])
    if name in ("plan_editor:row_save", "plan_editor:row_delete", "plan_editor:indicator_add"):
        return reverse(name, args=[PD, YEAR, world["row"].pk])
    if name in ("plan_editor:indicator_save", "plan_editor:indicator_delete"):
        return reverse(name, args=[PD, YEAR, world["indicator"].pk])
    url = reverse(name, args=[PD, YEAR])
    if name == "plan_editor:form":
        return url + f"?kind=row_edit&row={world['row'].pk}"
    if name == "plan_editor:quarters_helper":
        return url + "?target=10&aggregation=sum&sebar=sama"
    return url
