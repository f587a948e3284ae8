"""A synthetic pemda of a chosen size for the overview's and dashboards' tests."""

from __future__ import annotations

from typing import Any

import pytest

from demo.synthetic import REGION_SLUG, synthetic_document
from planning.models import Agency, Membership, Region
from planning.roles import SYSTEM
from planning.services.documents import document_load


def regency(count: int, rows: int = 20) -> list[Agency]:
    """``count`` synthetic PD of ``rows`` lines in the pemda ``sintetis`` (agency i is the same at every size)."""
    for index in range(count):
        document_load(document=synthetic_document(seed=1, index=index, rows=rows, year=2021), actor=SYSTEM)
    return list(Agency.objects.filter(region__slug=REGION_SLUG).select_related("region").order_by("slug"))


@pytest.fixture
def bappeda_of(django_user_model: Any) -> Any:
    """A verifier (or another region-wide role) of a pemda."""

    def make(region: Region, role: str = Membership.Role.VERIFIER, name: str = "bappeda-sintetis") -> Any:
        user = django_user_model.objects.create_user(name, password="x" * 12)
        Membership.objects.create(user=user, region=region, role=role)
        return user

    return make


@pytest.fixture
def people(agency: Any, django_user_model: Any) -> dict[str, Any]:
    """The demo pemda's operator (of the demo PD), verifier, administrator and reader."""
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
