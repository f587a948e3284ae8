"""The API's personas: the permission matrix's nine (tests/permission_rules.py), each with a token."""

from __future__ import annotations

from typing import Any

import pytest

from api.tokens import token_issue
from planning.models import Agency, Membership, Region
from planning.roles import SYSTEM
from tests.permission_rules import PERSONAS


@pytest.fixture
def personas(agency: Any, django_user_model: Any) -> dict[str, Any]:
    """User and token per persona; memberships as in tests/test_permission_matrix.py's world."""
    sibling = Agency.objects.create(region=agency.region, slug="pd-sebelah", name="PD Sebelah")
    other_region = Region.objects.create(slug="pemda-lain", name="Kabupaten Lain")
    other = Agency.objects.create(region=other_region, slug="pd-lain", name="PD Lain")
    memberships = {
        "operator": (agency.region, Membership.Role.OPERATOR, agency),
        "kepala": (agency.region, Membership.Role.HEAD, agency),
        "verifier": (agency.region, Membership.Role.VERIFIER, None),
        "admin": (agency.region, Membership.Role.ADMIN, None),
        "reader": (agency.region, Membership.Role.READER, None),
        "sibling": (agency.region, Membership.Role.OPERATOR, sibling),
        "other_pemda": (other_region, Membership.Role.OPERATOR, other),
        "other_verifier": (other_region, Membership.Role.VERIFIER, None),
    }
    out = {}
    for name in PERSONAS:
        user = django_user_model.objects.create_user(f"a-{name}", password="x" * 12, first_name=name.title())
        if name in memberships:
            region, role, where = memberships[name]
            Membership.objects.create(user=user, region=region, agency=where, role=role)
        _row, token = token_issue(user=user, name="tes", actor=SYSTEM)
        out[name] = {"user": user, "token": token}
    return out


def auth(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {token}"}
