"""Every view that reads or changes data, for every role, on its own PD and on others' (issue 10).

The URL patterns are read from the resolver: a new view without a line in ``EXPECTED`` fails this test,
so no screen is added without saying who may use it.  Outcomes: ``ok`` (the view ran: 2xx, or a
redirect that is not to the login page), ``403``, ``404`` (another PD's or pemda's data is invisible),
``login`` (anonymous); a 400 for the empty data posted here counts as ``ok``.  The screens' own tests check what each allowed call does.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from planning.models import Agency, Indicator, Membership, PlanRow, Region
from tests import permission_cases
from tests.permission_rules import (
    PD,
    PERSONAS,
    YEAR,
    Q,
    anyone,
    bappeda_anywhere,
    enters,
    reads,
    verifies,
)

ASN = "Jumlah ASN terlayani gaji dan tunjangan"
ASN_ROW = "Penyediaan Gaji dan Tunjangan ASN"


# name -> (method, rule); the rule maps a persona to its outcome.
EXPECTED: dict[str, tuple[str, Any]] = {
    "home": ("GET", anyone),
    "report": ("GET", reads),
    "report_download": ("GET", reads),
    "quarters:entry": ("GET", reads),
    "quarters:value_history": ("GET", reads),
    "quarters:note_save": ("POST", enters),
    "quarters:value_save": ("POST", enters),
    "quarters:values_paste": ("POST", enters),
    "quarters:narratives_save": ("POST", enters),
    "quarters:explain": ("POST", enters),
    "quarters:submit": ("POST", enters),
    "quarters:evidence_list": ("GET", reads),
    "quarters:evidence_upload": ("POST", enters),
    "quarters:evidence_download": ("GET", reads),
    "quarters:evidence_remove": ("POST", enters),
    "quarters:verify_inbox": ("GET", bappeda_anywhere),
    "quarters:verify": ("GET", verifies),
    "quarters:verify_row": ("POST", verifies),
    "quarters:verify_return": ("POST", verifies),
    "quarters:verify_approve": ("POST", verifies),
    "quarters:verify_unlock": ("POST", verifies),
    "quarters:notices": ("GET", anyone),
    "quarters:notices_read": ("POST", anyone),
    "imports:upload": ("GET", anyone),
}
# Not data views, or covered where they live: login/logout, password change (tests/test_accounts.py),
# language, health (no data), the admin (Django's own permissions), a notice's own link (its owner only:
# tests/quarters/test_notices.py), the import's confirmation (a dry-run token of the user's own:
# tests/imports/test_pending.py).
NOT_DATA = {
    "login", "logout", "password_change", "password_change_done", "set_language", "health", "quarters:notice_open",
    "imports:confirm",
}  # fmt: skip
# Each feature's own lines (tests/permission_cases/*.py).
CASES = permission_cases.modules()
for _case in CASES:
    assert not set(getattr(_case, "EXPECTED", {})) & set(EXPECTED), _case.__name__
    EXPECTED.update(getattr(_case, "EXPECTED", {}))
    NOT_DATA |= set(getattr(_case, "NOT_DATA", set()))


def _names(patterns: list[Any], prefix: str = "") -> set[str]:
    names = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            names |= _names(p.url_patterns, f"{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_view_has_its_line_in_the_matrix() -> None:
    names = _names(get_resolver().url_patterns)
    assert names - set(EXPECTED) - NOT_DATA == set(), "add the new views to EXPECTED (or NOT_DATA, saying why)"
    assert set(EXPECTED) - names == set()


@pytest.fixture
def world(agency: Any, django_user_model: Any) -> dict[str, Any]:
    from quarters.services.evidence import evidence_add

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
    users = {}
    for name in PERSONAS:
        users[name] = django_user_model.objects.create_user(f"m-{name}", password="x" * 12)
        if name in memberships:
            region, role, where = memberships[name]
            Membership.objects.create(user=users[name], region=region, agency=where, role=role)
    row = PlanRow.objects.get(name=ASN_ROW)
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    evidence_add(agency=agency, year=YEAR, quarter=Q, row=row, upload=pdf, actor=users["operator"])
    from planning.models import Realization
    from planning.services.realizations import value_version
    from quarters.models import Evidence

    indicator = Indicator.objects.get(name=ASN)
    version = value_version(Realization.objects.filter(indicator=indicator, year=YEAR, quarter=Q).first())
    return {"users": users, "row": row, "indicator": indicator, "evidence": Evidence.objects.get(), "version": version}


def _url(name: str, world: dict[str, Any]) -> str:
    for case in CASES:
        url = case.url(name, world) if hasattr(case, "url") else None
        if url is not None:
            return url
    quarter = [PD, YEAR, Q]
    if name == "report":
        return reverse(name, args=quarter)
    if name == "report_download":
        return reverse(name, args=[*quarter, "json"])
    if name in ("home", "imports:upload", "quarters:verify_inbox", "quarters:notices", "quarters:notices_read"):
        return reverse(name)
    if name == "quarters:note_save":
        return reverse(name, args=[*quarter, world["indicator"].pk])
    if name in ("quarters:evidence_list", "quarters:evidence_upload"):
        return reverse(name, args=[*quarter, world["row"].pk])
    if name in ("quarters:evidence_download", "quarters:evidence_remove"):
        return reverse(name, args=[*quarter, world["evidence"].pk])
    url = reverse(name, args=quarter)
    if name == "quarters:value_history":
        return url + f"?kind=k&id={world['indicator'].pk}"
    return url


def _outcome(response: Any) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    # 400: the view ran and refused the (empty) data: past the access check, which is what is tested here.
    assert response.status_code <= 400, (response.status_code, response.content[:300])
    return "ok"


def _data(name: str, world: dict[str, Any]) -> dict[str, Any]:
    """What the screen would post (the view must get past its access check to the service)."""
    for case in CASES:
        posted = case.data(name, world) if hasattr(case, "data") else None
        if posted is not None:
            return posted
    if name == "quarters:value_save":
        return {"kind": "k", "id": world["indicator"].pk, "value": "23", "version": world["version"]}
    if name == "quarters:evidence_upload":
        return {"file": io.BytesIO(b"%PDF-1.4\n%%EOF\n")}
    return {}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_who_may_use_each_view(client, world, name, persona) -> None:
    method, rule = EXPECTED[name]
    url = _url(name, world)
    client.force_login(world["users"][persona])
    response = client.get(url) if method == "GET" else client.post(url, _data(name, world))
    assert _outcome(response) == rule(persona)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_is_sent_to_login(client, world, name) -> None:
    method, _rule = EXPECTED[name]
    url = _url(name, world)
    assert _outcome(client.get(url) if method == "GET" else client.post(url)) == "login"
