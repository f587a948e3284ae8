"""Permission lines of the overview, the dashboards and the pemda settings (overview/urls.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.permission_rules import BAPPEDA, PD, READERS, YEAR, Q, reads

REGION = "lumajang"
MEMBERS = READERS | {"sibling"}
"""Every role of the demo pemda (a sibling PD's operator belongs to it too)."""


def pemda_members(persona: str) -> str:
    """The overview: anyone of the pemda (a PD's operator sees its own line only); outsiders 404."""
    return "ok" if persona in MEMBERS else "404"


def in_some_pemda(persona: str) -> str:
    """The overview's entry: to the user's own pemda; someone of no pemda 404."""
    return "404" if persona == "nobody" else "ok"


def pemda_wide(persona: str) -> str:
    """The pemda's dashboard: Bappeda and readers; the PD's own people 403; outsiders 404."""
    return "ok" if persona in BAPPEDA | {"reader"} else ("403" if persona in MEMBERS else "404")


def pemda_admin(persona: str) -> str:
    """The pemda's settings: its administrator; anyone else of the pemda 403; outsiders 404."""
    return "ok" if persona == "admin" else ("403" if persona in MEMBERS else "404")


EXPECTED = {
    "overview:overview_home": ("GET", in_some_pemda),
    "overview:overview": ("GET", pemda_members),
    "overview:agency_dashboard": ("GET", reads),
    "overview:agency_dashboard_csv": ("GET", reads),
    "overview:region_dashboard": ("GET", pemda_wide),
    "overview:region_dashboard_csv": ("GET", pemda_wide),
    "overview:settings": ("GET", pemda_admin),
    "overview:settings_region": ("POST", pemda_admin),
    "overview:settings_bands": ("POST", pemda_admin),
    "overview:settings_schedule": ("POST", pemda_admin),
    "overview:settings_agency": ("POST", pemda_admin),
    "overview:settings_user": ("POST", pemda_admin),
    "overview:settings_membership": ("POST", pemda_admin),
    "overview:settings_membership_delete": ("POST", pemda_admin),
}


def url(name: str, world: dict[str, Any]) -> str | None:
    if not name.startswith("overview:"):
        return None
    if name == "overview:overview_home":
        return reverse(name)
    if name == "overview:agency_dashboard":
        return reverse(name, args=[PD, YEAR]) + f"?triwulan={Q}"
    if name == "overview:agency_dashboard_csv":
        return reverse(name, args=[PD, YEAR, "capaian-program"]) + f"?triwulan={Q}"
    if name == "overview:region_dashboard":
        return reverse(name, args=[REGION, YEAR]) + f"?triwulan={Q}"
    if name == "overview:region_dashboard_csv":
        return reverse(name, args=[REGION, YEAR, "serapan"]) + f"?triwulan={Q}"
    if name == "overview:settings_agency":
        return reverse(name, args=[REGION, PD])
    if name == "overview:settings_membership_delete":
        from planning.models import Membership

        reader = Membership.objects.get(user=world["users"]["reader"])
        return reverse(name, args=[REGION, reader.pk])
    if name == "overview:overview":
        return reverse(name, args=[REGION]) + f"?tahun={YEAR}&triwulan={Q}"
    return reverse(name, args=[REGION])
