"""The pemda's pages: who sees what (the matrix has every persona), what the pages show, and their queries."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning.models import Agency, Membership

YEAR, Q = 2021, 4


@pytest.fixture
def verifier(uji, django_user_model):
    user = django_user_model.objects.create_user("bappeda-uji", password="x" * 12)
    Membership.objects.create(user=user, region=uji, role=Membership.Role.VERIFIER)
    return user


@pytest.fixture
def operator(uji, django_user_model):
    user = django_user_model.objects.create_user("op-kesehatan", password="x" * 12)
    agency = Agency.objects.get(slug="uji-kesehatan")
    Membership.objects.create(user=user, region=uji, agency=agency, role=Membership.Role.OPERATOR)
    return user


def test_e79_page_and_downloads(client, verifier) -> None:
    client.force_login(verifier)
    page = client.get(reverse("regency:e79", args=["uji-e79", YEAR, Q]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Program Upaya Kesehatan" in body
    assert "84,00" in body and "Tinggi" in body
    assert "0 dari 3 PD disetujui Bappeda" in body
    for fmt in ("json", "xlsx", "pdf", "html", "csv"):
        response = client.get(reverse("regency:e79_download", args=["uji-e79", YEAR, Q, fmt]))
        assert response.status_code == 200, fmt
        assert f"E79-uji-e79-{YEAR}-TW{Q}" in response["Content-Disposition"]
    assert client.get(reverse("regency:e79_download", args=["uji-e79", YEAR, Q, "doc"])).status_code == 404
    assert client.get(reverse("regency:e79", args=["uji-e79", YEAR, 5])).status_code == 404


def test_ranking_sorted_and_exported(client, verifier) -> None:
    client.force_login(verifier)
    url = reverse("regency:ranking_csv", args=["uji-e79", YEAR, Q])
    rows = list(csv.DictReader(io.StringIO(client.get(url + "?urut=capaian").content.decode())))
    # Averages 100, 90, 70.
    assert [r["Perangkat Daerah"] for r in rows] == [
        "Dinas Pendidikan Uji",
        "Dinas Koperasi Uji",
        "Dinas Kesehatan Uji",
    ]
    # Efficiency = K % / Rp %: Kesehatan 70 / 70 = 1; Koperasi 90 / 86.67 = 1.0385.
    assert [r["Efisiensi (K/Rp)"] for r in rows] == ["1", "1.0385", "1"]
    rows = list(csv.DictReader(io.StringIO(client.get(url + "?urut=serapan&arah=naik").content.decode())))
    assert [r["Serapan anggaran Rp (%)"] for r in rows] == ["70.00", "86.67", "100.00"]
    rows = list(csv.DictReader(io.StringIO(client.get(url + "?jenis=program&urut=capaian").content.decode())))
    assert [(r["Kode"], r["Capaian kinerja K (%)"]) for r in rows] == [
        ("1.01.02", "100.00"),  # ties keep the E.79's order
        ("2.17.03", "100.00"),
        ("1.02.02", "80.00"),
        ("2.17.07", "80.00"),
        ("1.02.01", "60.00"),
    ]
    assert rows[-1]["Predikat"] == "Rendah"  # 60 is >= 51, < 66
    page = client.get(reverse("regency:ranking", args=["uji-e79", YEAR, Q]) + "?jenis=program&urut=efisiensi")
    assert page.status_code == 200
    assert "Efisiensi" in page.content.decode()


def test_warning_pages(client, verifier, operator) -> None:
    client.force_login(verifier)
    page = client.get(reverse("regency:warning", args=["uji-e79", YEAR, Q])).content.decode()
    assert "Program berisiko (3 dari 5)" in page
    assert "Cara menghitung" in page and "Proyeksi akhir tahun" in page
    assert "serapan anggaran tertinggal dari rencana" in page
    csv_rows = list(
        csv.DictReader(
            io.StringIO(client.get(reverse("regency:warning_csv", args=["uji-e79", YEAR, Q])).content.decode())
        )
    )
    assert len(csv_rows) == 3
    client.force_login(operator)
    own = client.get(reverse("regency:agency_warning", args=["uji-kesehatan", YEAR, Q])).content.decode()
    assert "Program berisiko (2 dari 2)" in own
    assert "Dinas Koperasi Uji" not in own
    assert client.get(reverse("regency:agency_warning", args=["uji-koperasi", YEAR, Q])).status_code == 404
    assert client.get(reverse("regency:e79", args=["uji-e79", YEAR, Q])).status_code == 403


def test_page_queries_do_not_grow_with_pd(client, verifier) -> None:
    client.force_login(verifier)
    url = reverse("regency:e79", args=["uji-e79", YEAR, Q])
    client.get(url)
    with CaptureQueriesContext(connection) as three:
        client.get(url)
    from tests.regency.test_queries import _add_synthetic

    _add_synthetic("uji-e79", 3)
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).status_code == 200
    assert len(three) == len(six)
