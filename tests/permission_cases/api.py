"""The REST API's URL names (issue 13, points 4 and 6).  None is an HTML screen: the API answers 401 (not
a redirect to the login page) to anonymous callers, and open data is public by design, so the matrix's
"anonymous is sent to login" does not apply.  Each is covered per persona by tests/api/test_permissions.py,
which asserts the same outcome as the web counterpart (reading a report = reads, writing a realisation
= enters, a locked quarter refused with the screen's message); the schema and docs name no data.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import PD, YEAR, Q, enters, reads


def region_admin(persona: str) -> str:
    """The pemda's own switch (open data): its administrator; anyone else of the pemda 403, outsiders 404."""
    if persona == "admin":
        return "ok"
    return "404" if persona in {"other_pemda", "other_verifier", "nobody"} else "403"


# The base figures' screen of computed indicators (computed/urls.py): an HTML screen like the entry's.
EXPECTED = {
    "computed:figures": ("GET", reads),
    "computed:figure_save": ("POST", enters),
    "computed:formula": ("POST", enters),
    "open_data": ("GET", region_admin),
}

NOT_DATA = {
    "api:schema", "api:docs", "api:not_found",
    "api:regions", "api:agencies", "api:plan", "api:realizations", "api:realization_k", "api:realization_rp",
    "api:report", "api:regency_report", "api:regency_job", "api:computed_region", "api:computed_list", "api:computed_define", "api:base_figure",
    "api:opendata_index", "api:opendata_csv", "api:opendata_json", "api:opendata_dictionary", "api:opendata_publish",
}  # fmt: skip


def url(name: str, world: dict[str, Any]) -> str | None:
    if name == "open_data":
        return reverse(name, args=["lumajang"])
    if name == "computed:formula":
        return reverse(name, args=[PD, world["indicator"].pk])
    if name in EXPECTED:
        return reverse(name, args=[PD, YEAR, Q])
    return None


def data(name: str, world: dict[str, Any]) -> dict[str, Any] | None:
    """A real base figure of the demo PD to save (the matrix's world has no computed indicator)."""
    if name == "computed:formula":
        return {"formula": "a / b * 100", "figures": "a | Koperasi aktif\nb | Seluruh koperasi | stok"}
    if name != "computed:figure_save":
        return None
    from computed.services import computed_define
    from domain.computed import BaseFigureDef
    from planning.models import Indicator
    from planning.roles import SYSTEM

    indicator = Indicator.objects.get(name="Persentase Koperasi Aktif")
    computed = getattr(indicator, "computed", None) or computed_define(
        indicator=indicator,
        formula="a / b * 100",
        figures=[BaseFigureDef("a", "A"), BaseFigureDef("b", "B")],
        actor=SYSTEM,
    )
    return {"figure": computed.figures.get(name="a").pk, "value": "5", "version": ""}
