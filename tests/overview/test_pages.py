"""The overview, the dashboards and the settings page, as the demo's people see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from planning.models import Membership

REGION = "lumajang"
PD = "diskopum-lumajang"


@pytest.fixture
def people(agency: Any, django_user_model: Any) -> dict[str, Any]:
    roles = {
        "operator": (Membership.Role.OPERATOR, agency),
        "verifier": (Membership.Role.VERIFIER, None),
        "admin": (Membership.Role.ADMIN, None),
        "reader": (Membership.Role.READER, None),
    }
    out = {}
    for name, (role, where) in roles.items():
        out[name] = django_user_model.objects.create_user(f"p-{name}", password="x" * 12)
        Membership.objects.create(user=out[name], region=agency.region, agency=where, role=role)
    return out


def test_pages_render(client, people) -> None:
    client.force_login(people["admin"])
    for url in (
        reverse("overview:overview", args=[REGION]) + "?tahun=2021&triwulan=4",
        reverse("overview:agency_dashboard", args=[PD, 2021]) + "?triwulan=4",
        reverse("overview:region_dashboard", args=[REGION, 2021]) + "?triwulan=4",
        reverse("overview:settings", args=[REGION]) + "?tahun=2021",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:2000])
