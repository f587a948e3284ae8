"""Open data: a pemda's approved figures as CSV and JSON with a data dictionary, without login once the
pemda's administrator publishes; 404 while it does not; never a draft figure."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.opendata import COLUMNS, open_data_publish
from audit.models import AuditEvent
from planning.errors import NotAllowed, ServiceError
from planning.models import Indicator, Realization
from quarters.models import ApprovedReport
from quarters.workflow import quarter_approve, quarter_unlock
from tests.api.conftest import auth
from tests.conftest import submit_explained

NAMES = ("opendata_index", "opendata_csv", "opendata_json", "opendata_dictionary")
DRAFT_MARK = "424242.4242"  # a figure typed into a draft quarter: it must never be published


def _urls(slug: str = "lumajang") -> list[str]:
    return [reverse(f"api:{name}", args=[slug]) for name in NAMES]


@pytest.fixture
def approved(agency: Any, personas: dict[str, Any]) -> ApprovedReport:
    submit_explained(agency=agency, year=2021, quarter=4, actor=personas["operator"]["user"])
    quarter_approve(agency=agency, year=2021, quarter=4, actor=personas["verifier"]["user"])
    return ApprovedReport.objects.get()


def _publish(agency: Any, personas: dict[str, Any]) -> None:
    open_data_publish(region=agency.region, published=True, actor=personas["admin"]["user"], reason="portal")


def test_an_unpublished_pemda_is_a_404_to_everyone(client, agency, personas, approved) -> None:
    for url in [*_urls(), *_urls("pemda-tidak-ada")]:
        response = client.get(url)
        assert response.status_code == 404 and "tidak diterbitkan" in response.json()["detail"]
        assert client.get(url, **auth(personas["admin"]["token"])).status_code == 404


def test_the_pemda_admin_publishes_with_a_reason_and_it_is_recorded(client, agency, personas) -> None:
    url = reverse("api:opendata_publish", args=["lumajang"])
    body = json.dumps({"published": True, "reason": ""})
    refused = client.put(url, data=body, content_type="application/json", **auth(personas["admin"]["token"]))
    assert refused.status_code == 400 and refused.json()["field"] == "reason"
    for who in ("verifier", "operator", "reader"):
        with pytest.raises(NotAllowed):
            open_data_publish(region=agency.region, published=True, actor=personas[who]["user"], reason="x")
    body = json.dumps({"published": True, "reason": "Portal Satu Data Lumajang"})
    done = client.put(url, data=body, content_type="application/json", **auth(personas["admin"]["token"]))
    assert done.json() == {"region": "lumajang", "published": True}
    event = AuditEvent.objects.get(action="open_data_publish")
    assert (event.actor, event.reason, event.after) == (
        personas["admin"]["user"], "Portal Satu Data Lumajang", {"published": True},
    )  # fmt: skip
    assert all(client.get(u).status_code == 200 for u in _urls())
    with pytest.raises(ServiceError, match="Alasan wajib"):
        open_data_publish(region=agency.region, published=False, actor=personas["admin"]["user"], reason=" ")


def test_published_figures_are_the_approved_copy_and_never_a_draft(client, agency, personas, approved) -> None:
    asn = Indicator.objects.get(name="Jumlah ASN terlayani gaji dan tunjangan")
    # after approval of quarter IV, unlocking is the only way to type again; a draft figure goes in, and
    # the published data keep showing nothing for the quarter until it is approved again
    _publish(agency, personas)
    before = client.get(reverse("api:opendata_csv", args=["lumajang"])).content
    quarter_unlock(agency=agency, year=2021, quarter=4, actor=personas["verifier"]["user"], reason="koreksi")
    Realization.objects.filter(indicator=asn, year=2021, quarter=4).update(value=DRAFT_MARK)
    for url in _urls():
        assert DRAFT_MARK not in client.get(url).content.decode()
    index = client.get(reverse("api:opendata_index", args=["lumajang"])).json()
    assert index["quarters"] == []  # the copy was superseded by the unlock: nothing approved now
    assert before != client.get(reverse("api:opendata_csv", args=["lumajang"])).content


def test_csv_and_json_carry_the_approved_rows_as_the_dictionary_describes(client, agency, personas, approved) -> None:
    _publish(agency, personas)
    frozen = json.loads(approved.json)
    text = client.get(reverse("api:opendata_csv", args=["lumajang"])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    dictionary = client.get(reverse("api:opendata_dictionary", args=["lumajang"])).json()
    assert [c["name"] for c in dictionary["columns"]] == list(rows[0]) == [c.name for c in COLUMNS]
    assert len(rows) == len(frozen["rows"])
    umkm = next(r for r in rows if r["uraian"].startswith("Program pemberdayaan usaha"))
    line = next(r for r in frozen["rows"] if r["name"] == umkm["uraian"] and r["indicator"] == umkm["indikator"])
    assert umkm["pagu_rp"] == "11491259904" == line["annual_target"]["budget"]
    assert umkm["realisasi_tahun_k"] == line["annual_realization"]["value"]
    assert umkm["sha256"] == approved.sha256 and umkm["triwulan"] == "4"
    assert umkm["rata_rata_capaian_pd_persen"] == frozen["average_achievement"]
    records = client.get(reverse("api:opendata_json", args=["lumajang"])).json()["records"]
    assert len(records) == len(rows) and records[0]["pd"] == "diskopum-lumajang"
    assert all(
        r[c.name] in (None, "") or c.type != "integer" or isinstance(r[c.name], int) for r in records for c in COLUMNS
    )
    # a figure not reported is an empty cell, never 0
    blanks = [(r, f) for r, f in zip(rows, frozen["rows"], strict=True) if f["quarters"][3]["budget"] is None]
    assert blanks and all(r["realisasi_triwulan_rp"] == "" for r, _f in blanks)


def test_open_data_runs_a_fixed_number_of_queries(client, agency, personas, approved) -> None:
    _publish(agency, personas)
    url = reverse("api:opendata_csv", args=["lumajang"])
    counts = []
    for copies in (1, 3):
        while ApprovedReport.objects.count() < copies:  # more approved copies of other PD of the pemda
            n = ApprovedReport.objects.count()
            other = type(agency).objects.create(region=agency.region, slug=f"pd-{n}", name=f"PD {n}")
            report = type(approved.report).objects.create(agency=other, year=2021, quarter=4, status="approved")
            ApprovedReport.objects.create(
                report=report, approved_at=approved.approved_at, approved_by_name="x", json=approved.json,
                sha256=approved.sha256, snapshot={},
            )  # fmt: skip
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_admin_switches_it_on_its_page_with_a_reason(client, agency, personas, approved) -> None:
    page = reverse("open_data", args=["lumajang"])
    client.force_login(personas["admin"]["user"])
    assert "tidak diterbitkan" in client.get(page).content.decode()
    refused = client.post(page, {"published": "1", "reason": ""}, follow=True)
    assert "Alasan wajib diisi" in refused.content.decode()
    assert client.get(reverse("api:opendata_csv", args=["lumajang"])).status_code == 404
    client.post(page, {"published": "1", "reason": "Satu Data"})
    assert AuditEvent.objects.get(action="open_data_publish").reason == "Satu Data"
    client.logout()
    assert client.get(reverse("api:opendata_csv", args=["lumajang"])).status_code == 200
    client.force_login(personas["verifier"]["user"])
    assert client.post(page, {"published": "0", "reason": "x"}).status_code == 403
