"""Every API endpoint, for every persona of the permission matrix, gives the outcome of its web
counterpart: reading the plan, the realisations or a report = ``reads``; writing a realisation, a
formula or a base figure = ``enters``; a locked quarter is refused with the entry screen's message."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from computed.services import computed_define
from domain.computed import BaseFigureDef
from planning.models import Indicator, PlanRow, Realization
from planning.services.realizations import value_version
from quarters.workflow import quarter_approve
from tests.api.conftest import auth
from tests.conftest import submit_explained
from tests.permission_cases.api import region_admin
from tests.permission_cases.regency import pemda_wide
from tests.permission_rules import PD, PERSONAS, YEAR, Q, anyone, enters, reads

ASN = "Jumlah ASN terlayani gaji dan tunjangan"
ASN_ROW = "Penyediaan Gaji dan Tunjangan ASN"
ACTIVE = "Persentase Koperasi Aktif"


@pytest.fixture
def world(agency: Any, personas: dict[str, Any]) -> dict[str, Any]:
    indicator = Indicator.objects.get(name=ASN)
    active = Indicator.objects.get(name=ACTIVE)
    computed = computed_define(
        indicator=active,
        formula="a / b * 100",
        figures=[BaseFigureDef("a", "Koperasi aktif"), BaseFigureDef("b", "Seluruh koperasi")],
        actor=personas["operator"]["user"],
    )
    version = value_version(Realization.objects.filter(indicator=indicator, year=YEAR, quarter=Q).first())
    return {
        "indicator": indicator,
        "row": PlanRow.objects.get(name=ASN_ROW),
        "active": active,
        "figure": computed.figures.get(name="a"),
        "version": version,
    }


def _api(name: str, w: dict[str, Any]) -> tuple[str, str, dict[str, Any] | None]:
    quarter = [PD, YEAR, Q]
    table: dict[str, tuple[str, list[Any], dict[str, Any] | None]] = {
        "regions": ("GET", [], None),
        "agencies": ("GET", [], None),
        "plan": ("GET", [PD, YEAR], None),
        "realizations": ("GET", [PD, YEAR], None),
        "report": ("GET", quarter, None),
        "computed_list": ("GET", [PD, YEAR], None),
        "realization_k": ("PUT", [*quarter, w["indicator"].pk], {"value": "23"}),
        "realization_rp": ("PUT", [*quarter, w["row"].pk], {"amount": "1000"}),
        "base_figure": ("PUT", [*quarter, w["figure"].pk], {"value": "7"}),
        "computed_define": (
            "PUT",
            [PD, w["active"].pk],
            {"formula": "a / b * 100", "figures": [{"name": "a", "label": "A"}, {"name": "b", "label": "B"}]},
        ),
        "opendata_publish": ("PUT", ["lumajang"], {"published": True, "reason": "portal data"}),
        "regency_report": ("GET", ["lumajang", YEAR, Q], None),
        "computed_region": ("GET", ["lumajang", YEAR, Q], None),
    }
    method, args, data = table[name]
    return method, reverse(f"api:{name}", args=args), data


def _web(name: str, w: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    quarter = [PD, YEAR, Q]
    table: dict[str, tuple[str, str, dict[str, Any]]] = {
        "home": ("GET", reverse("home"), {}),
        "report": ("GET", reverse("report", args=quarter), {}),
        "report_download": ("GET", reverse("report_download", args=[*quarter, "json"]), {}),
        "entry": ("GET", reverse("quarters:entry", args=quarter), {}),
        "value_save_k": (
            "POST",
            reverse("quarters:value_save", args=quarter),
            {"kind": "k", "id": w["indicator"].pk, "value": "23", "version": w["version"]},
        ),
        "value_save_rp": (
            "POST",
            reverse("quarters:value_save", args=quarter),
            {"kind": "rp", "id": w["row"].pk, "value": "1000"},
        ),
        "e79_download": ("GET", reverse("regency:e79_download", args=["lumajang", YEAR, Q, "json"]), {}),
    }
    return table[name]


# API endpoint -> (its web counterpart, the rule both follow)
COUNTERPARTS: dict[str, tuple[str | None, Any]] = {
    "regions": ("home", anyone),
    "agencies": ("home", anyone),
    "plan": ("report", reads),
    "realizations": ("entry", reads),
    "report": ("report_download", reads),
    "computed_list": ("entry", reads),
    "realization_k": ("value_save_k", enters),
    "realization_rp": ("value_save_rp", enters),
    "base_figure": ("value_save_k", enters),
    "computed_define": ("value_save_k", enters),
    "opendata_publish": (None, region_admin),  # the pemda's settings: no screen but the admin's
    "regency_report": ("e79_download", pemda_wide),
    "computed_region": ("e79_download", pemda_wide),
}


def _api_outcome(response: Any) -> str:
    if response.status_code == 401:
        return "login"
    if response.status_code in (403, 404):
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]  # in Indonesian, never empty
        return str(response.status_code)
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return "ok"


def _web_outcome(response: Any) -> str:
    if response.status_code in (403, 404):
        return str(response.status_code)
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    assert response.status_code <= 400, response.status_code
    return "ok"


def _call_api(client: Any, name: str, w: dict[str, Any], headers: dict[str, str]) -> Any:
    method, url, data = _api(name, w)
    if method == "GET":
        return client.get(url, **headers)
    return client.put(url, data=json.dumps(data), content_type="application/json", **headers)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(COUNTERPARTS))
def test_each_endpoint_gives_the_web_outcome(client, personas, world, name, persona) -> None:
    web_name, rule = COUNTERPARTS[name]
    api = _api_outcome(_call_api(client, name, world, auth(personas[persona]["token"])))
    assert api == rule(persona)
    if web_name is not None:
        method, url, data = _web(web_name, world)
        client.force_login(personas[persona]["user"])
        web = _web_outcome(client.get(url) if method == "GET" else client.post(url, data))
        assert api == web


@pytest.mark.parametrize("name", sorted(COUNTERPARTS))
def test_without_a_token_every_endpoint_answers_401(client, world, name) -> None:
    response = _call_api(client, name, world, {})
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"] == "Data autentikasi tidak diberikan."


def test_lists_name_only_what_the_persona_sees(client, personas, world) -> None:
    seen = {p: [a["slug"] for a in client.get("/api/v1/pd/", **auth(personas[p]["token"])).json()] for p in PERSONAS}
    assert seen["operator"] == seen["kepala"] == [PD] and seen["reader"] == seen["verifier"] == [PD, "pd-sebelah"]
    assert seen["sibling"] == ["pd-sebelah"] and seen["other_pemda"] == ["pd-lain"] and seen["nobody"] == []


@pytest.mark.parametrize("quarter", [3, 4])  # quarter IV approved locks it and every quarter before
def test_a_locked_quarter_is_refused_with_the_entry_screens_message(client, agency, personas, world, quarter) -> None:
    operator = personas["operator"]["user"]
    submit_explained(agency=agency, year=YEAR, quarter=4, actor=operator)
    quarter_approve(agency=agency, year=YEAR, quarter=4, actor=personas["verifier"]["user"])
    indicator = world["indicator"]
    before = Realization.objects.filter(indicator=indicator, year=YEAR, quarter=quarter).first()

    client.force_login(operator)
    web = client.post(
        reverse("quarters:value_save", args=[PD, YEAR, quarter]), {"kind": "k", "id": indicator.pk, "value": "99"}
    )
    api = client.put(
        reverse("api:realization_k", args=[PD, YEAR, quarter, indicator.pk]),
        data=json.dumps({"value": "99"}),
        content_type="application/json",
        **auth(personas["operator"]["token"]),
    )
    assert web.status_code == api.status_code == 403
    message = api.json()["detail"]
    assert message in web.content.decode()
    assert "terkunci" in api.json()["reason"] and "disetujui Bappeda" in api.json()["reason"]
    after = Realization.objects.filter(indicator=indicator, year=YEAR, quarter=quarter).first()
    assert (after.value if after else None) == (before.value if before else None)
    for name, body in (("realization_rp", {"amount": "5"}), ("base_figure", {"value": "5"})):
        owner = world["row"] if name == "realization_rp" else world["figure"]
        refused = client.put(
            reverse(f"api:{name}", args=[PD, YEAR, quarter, owner.pk]),
            data=json.dumps(body),
            content_type="application/json",
            **auth(personas["kepala"]["token"]),
        )
        assert refused.status_code == 403 and refused.json()["detail"] == message


def test_a_quarter_waiting_at_bappeda_is_refused_like_the_screen(client, agency, personas, world) -> None:
    submit_explained(agency=agency, year=YEAR, quarter=Q, actor=personas["operator"]["user"])
    response = client.put(
        reverse("api:realization_k", args=[PD, YEAR, Q, world["indicator"].pk]),
        data=json.dumps({"value": "1"}),
        content_type="application/json",
        **auth(personas["operator"]["token"]),
    )
    assert response.status_code == 403 and "sedang diverifikasi Bappeda" in response.json()["reason"]
    assert Decimal(1) not in Realization.objects.filter(indicator=world["indicator"]).values_list("value", flat=True)
