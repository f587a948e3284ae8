"""What the API does for those it allows: tokens kept hashed, the plan and realisations read in a fixed
number of queries, the E.81 served as the screen serves it (an approved quarter's frozen bytes), and
writes through the screen's services with their history, conflicts and Indonesian errors."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.models import ApiToken
from audit.models import AuditEvent
from planning.models import BudgetRealization, Indicator, PlanRow, Realization
from quarters.models import ApprovedReport
from quarters.workflow import quarter_approve
from tests.api.conftest import auth
from tests.conftest import submit_explained
from tests.permission_rules import PD

ASN = "Jumlah ASN terlayani gaji dan tunjangan"
ASN_ROW = "Penyediaan Gaji dan Tunjangan ASN"


def put(client: Any, url: str, body: dict[str, Any], token: str) -> Any:
    return client.put(url, data=json.dumps(body), content_type="application/json", **auth(token))


def k_url(indicator: Indicator, quarter: int = 3) -> str:
    return reverse("api:realization_k", args=[PD, 2021, quarter, indicator.pk])


# -- tokens ---------------------------------------------------------------------------------------
def test_a_token_is_kept_only_as_its_hash_and_can_be_revoked(client, personas) -> None:
    token = personas["operator"]["token"]
    row = ApiToken.objects.get(user=personas["operator"]["user"])
    assert token not in {row.digest, row.prefix, row.name} and len(row.digest) == 64 and token.startswith(row.prefix)
    assert client.get("/api/v1/pd/", **auth(token)).status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None
    call_command("api_token", "revoke", row.prefix, "--reason", "bocor", stdout=io.StringIO())
    response = client.get("/api/v1/pd/", **auth(token))
    assert response.status_code == 401 and "dicabut" in response.json()["detail"]
    assert AuditEvent.objects.filter(action="api_token_revoke", reason="bocor").exists()


def test_the_command_issues_a_token_once_and_records_it(client, personas) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "issue", "a-reader", "--name", "portal", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert "hanya menyimpan hash" in err.getvalue()
    assert client.get("/api/v1/pd/", **auth(token)).json()[0]["slug"] == PD
    assert AuditEvent.objects.filter(action="api_token_issue", summary__contains="a-reader").exists()
    listing = io.StringIO()
    call_command("api_token", "list", "a-reader", stdout=listing)
    assert token not in listing.getvalue() and "portal" in listing.getvalue()


# -- reading --------------------------------------------------------------------------------------
def test_the_plan_names_every_row_and_indicator_with_the_ids_to_write_to(client, agency, personas) -> None:
    data = client.get(reverse("api:plan", args=[PD, 2021]), **auth(personas["reader"]["token"])).json()
    rows = data["rows"]
    assert len(rows) == PlanRow.objects.filter(strategic_plan__agency=agency).count()
    indicators = [i for r in rows for i in r["indicators"]]
    assert len(indicators) == Indicator.objects.filter(row__strategic_plan__agency=agency).count()
    asn = next(i for i in indicators if i["name"] == ASN)
    assert asn["id"] == Indicator.objects.get(name=ASN).pk and asn["aggregation"] == "last"
    umkm = next(r for r in rows if r["name"].startswith("Program pemberdayaan usaha"))
    assert umkm["budget"] == "11491259904"  # the seed's pagu, as an exact decimal string


def _grow_plan(agency: Any, count: int) -> None:
    """More rows, indicators and realisations in the demo's plan (the two sizes of a query-count test)."""
    program = PlanRow.objects.filter(strategic_plan__agency=agency, level="program").first()
    for n in range(count):
        row = PlanRow.objects.create(
            strategic_plan=program.strategic_plan, parent=program, level="activity", position=900 + n, name=f"K {n}"
        )
        ind = Indicator.objects.create(row=row, name=f"Jumlah {n}", unit="dok", aggregation="sum")
        Realization.objects.create(indicator=ind, year=2021, quarter=1, value=Decimal(n))
        BudgetRealization.objects.create(row=row, year=2021, quarter=1, amount=Decimal(n))


@pytest.mark.parametrize("name", ["plan", "realizations", "computed_list"])
def test_reading_runs_a_fixed_number_of_queries(client, agency, personas, name) -> None:
    url = reverse(f"api:{name}", args=[PD, 2021])
    headers = auth(personas["operator"]["token"])
    client.get(url, **headers)  # the token's last use is written once; not part of the count
    counts = []
    for extra in (0, 12):
        _grow_plan(agency, extra)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, **headers).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_report_is_the_screens_json_and_an_approved_quarter_its_frozen_bytes(client, agency, personas) -> None:
    url = reverse("api:report", args=[PD, 2021, 4])
    token = personas["reader"]["token"]
    client.force_login(personas["reader"]["user"])
    web = client.get(reverse("report_download", args=[PD, 2021, 4, "json"])).content
    client.logout()
    assert client.get(url, **auth(token)).content == web
    submit_explained(agency=agency, year=2021, quarter=4, actor=personas["operator"]["user"])
    quarter_approve(agency=agency, year=2021, quarter=4, actor=personas["verifier"]["user"])
    frozen = ApprovedReport.objects.get()
    Agency = type(agency)
    Agency.objects.filter(pk=agency.pk).update(name="Nama Baru")  # a later change of the tables
    response = client.get(url, **auth(token))
    assert response.content == frozen.json.encode("utf-8")
    assert response["X-Kinerja-SHA256"] == frozen.sha256
    assert json.loads(response.content)["agency"]["name"] == "Dinas Koperasi dan Usaha Mikro"


# -- writing --------------------------------------------------------------------------------------
def test_a_realisation_written_by_the_api_is_the_screens_with_its_history(client, agency, personas) -> None:
    indicator = Indicator.objects.get(name=ASN)
    token = personas["kepala"]["token"]
    response = put(client, k_url(indicator), {"value": "25.5", "reason": "koreksi data BKD"}, token)
    assert response.status_code == 200 and response.json()["changed"] is True
    assert Realization.objects.get(indicator=indicator, year=2021, quarter=3).value == Decimal("25.5")
    event = AuditEvent.objects.filter(action="realization_set").latest("id")
    assert (event.actor, event.source, event.reason) == (personas["kepala"]["user"], "API", "koreksi data BKD")
    assert event.after == {"value": "25.5"}
    client.force_login(personas["reader"]["user"])
    history = client.get(reverse("quarters:value_history", args=[PD, 2021, 3]) + f"?kind=k&id={indicator.pk}")
    assert "koreksi data BKD" in history.content.decode()
    # the version it answered is the one the next write carries; a stale one is a 409 naming who saved
    version = response.json()["version"]
    assert put(client, k_url(indicator), {"value": "26", "version": version}, token).status_code == 200
    stale = put(client, k_url(indicator), {"value": "27", "version": version}, personas["operator"]["token"])
    assert stale.status_code == 409
    body = stale.json()
    assert body["current"] == "26.000000" and body["by"] == "Kepala" and body["field"] == "value"
    assert "sudah diubah orang lain (Kepala)" in body["detail"]
    # null clears it to "not reported"
    cleared = put(client, k_url(indicator), {"value": None}, token)
    assert cleared.json() == {"changed": True, "value": None, "version": ""}
    assert not Realization.objects.filter(indicator=indicator, year=2021, quarter=3).exists()


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"value": "12,5"}, "value", "bukan angka yang dapat disimpan"),
        ({"value": 12.5}, "value", "harus berupa teks angka"),
        ({"value": "123456789012345"}, "value", "bukan angka yang dapat disimpan"),
        ({}, "value", "harus diisi"),
        ({"value": "1", "version": "x" * 65}, "version", "melebihi 64 karakter"),
    ],
)
def test_bad_input_is_refused_in_indonesian_naming_the_field(client, personas, body, field, words) -> None:
    response = put(client, k_url(Indicator.objects.get(name=ASN)), body, personas["operator"]["token"])
    assert response.status_code == 400
    data = response.json()
    assert data["field"] == field and data["detail"].startswith(f"{field}: ") and words in data["detail"]
    assert list(data["errors"]) == [field]


def test_budget_limits_are_the_screens(client, personas) -> None:
    row = PlanRow.objects.get(name=ASN_ROW)
    url = reverse("api:realization_rp", args=[PD, 2021, 3, row.pk])
    refused = put(client, url, {"amount": "-5"}, personas["operator"]["token"])
    assert refused.status_code == 400 and refused.json()["field"] == "amount"
    saved = put(client, url, {"amount": "1500000.50"}, personas["operator"]["token"])
    assert saved.json()["value"] == "1500000.5"
    assert BudgetRealization.objects.get(row=row, year=2021, quarter=3).amount == Decimal("1500000.50")


def test_malformed_json_is_a_400_in_indonesian(client, personas) -> None:
    response = client.put(
        k_url(Indicator.objects.get(name=ASN)),
        data="{nilai",
        content_type="application/json",
        **auth(personas["operator"]["token"]),
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Isi permintaan bukan JSON yang sah (baris 1, kolom 2)."
    other = client.delete("/api/v1/pd/", **auth(personas["operator"]["token"]))
    assert other.status_code == 405 and other.json()["detail"] == "Metode DELETE tidak dapat dipakai pada alamat ini."


# -- computed indicators through the API ----------------------------------------------------------
def test_a_computed_indicator_through_the_api(client, personas) -> None:
    active = Indicator.objects.get(name="Persentase Koperasi Aktif")
    token = personas["operator"]["token"]
    define = reverse("api:computed_define", args=[PD, active.pk])
    bad = put(client, define, {"formula": "aktif / 0", "figures": [{"name": "aktif", "label": "Aktif"}]}, token)
    assert (
        bad.status_code == 400 and bad.json()["field"] == "formula" and "Pembagian dengan nol" in bad.json()["detail"]
    )
    unknown = put(client, define, {"formula": "aktif / semua", "figures": [{"name": "aktif", "label": "Aktif"}]}, token)
    assert "Nama 'semua' bukan angka dasar" in unknown.json()["detail"]
    figures = [
        {"name": "aktif", "label": "Jumlah koperasi aktif"},
        {"name": "seluruh", "label": "Jumlah seluruh koperasi"},
    ]
    ok = put(client, define, {"formula": "aktif / seluruh x 100 %", "figures": figures}, token)
    assert ok.status_code == 200 and ok.json()["formula"] == "aktif / seluruh * 100"
    ids = {f["name"]: f["id"] for f in ok.json()["figures"]}
    for name, value in (("aktif", "355"), ("seluruh", "500")):
        put(client, reverse("api:base_figure", args=[PD, 2021, 4, ids[name]]), {"value": value}, token)
    listing = client.get(reverse("api:computed_list", args=[PD, 2021]), **auth(token)).json()
    assert listing[0]["results"][3] == {
        "quarter": 4, "value": "71", "numerator": "35500", "denominator": "500", "reason": "",
    }  # fmt: skip
    assert Realization.objects.get(indicator=active, year=2021, quarter=4).value == Decimal(71)
    direct = put(client, k_url(active, 4), {"value": "50"}, token)
    assert direct.status_code == 400 and "indikator terhitung" in direct.json()["detail"]


def test_the_e79_is_the_pemda_pages_json(client, personas) -> None:
    client.force_login(personas["verifier"]["user"])
    web = client.get(reverse("regency:e79_download", args=["lumajang", 2021, 4, "json"])).content
    client.logout()
    api = client.get(reverse("api:regency_report", args=["lumajang", 2021, 4]), **auth(personas["reader"]["token"]))
    assert api.status_code == 200 and api.content == web
    assert json.loads(api.content)["lines"]


def test_a_large_pemdas_e79_is_a_background_job_with_its_address(client, agency, personas, monkeypatch) -> None:
    from django_q.conf import Conf

    from reporting.regency import views as regency_views
    from reporting.regency.builder import regency_report_build
    from reporting.regency.render_json import render_json

    monkeypatch.setattr(regency_views, "BACKGROUND_MIN_PD", 0)  # the web's threshold, the same here
    monkeypatch.setattr(Conf, "SYNC", True)  # the worker runs it inline
    token = personas["verifier"]["token"]
    queued = client.get(reverse("api:regency_report", args=["lumajang", 2021, 4]), **auth(token))
    assert queued.status_code == 202 and "sedang disiapkan" in queued.json()["detail"]
    done = client.get(queued.json()["url"], **auth(token))
    assert done.status_code == 200
    assert done.content == render_json(regency_report_build(region=agency.region, year=2021, quarter=4))
    assert client.get(queued.json()["url"], **auth(personas["operator"]["token"])).status_code == 403
    assert client.get(queued.json()["url"], **auth(personas["other_verifier"]["token"])).status_code == 404
    unknown = reverse("api:regency_job", args=["lumajang", 2021, 4, "bukan-tugas"])
    assert client.get(unknown, **auth(token)).status_code == 404
