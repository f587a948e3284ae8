"""The upload page for every kind of user: dry run first, then confirm; another PD's data is out of reach."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from planning.models import Agency, Membership, Realization, Region
from tests.imports import sheets
from tests.imports.conftest import SEED_NAME
from tests.imports.sheets import Variant


@pytest.fixture
def personas(db, django_user_model, agency):
    """alice: operator of the demo PD; bob: Bappeda verifier of Lumajang; carol: operator of another
    pemda's PD; dave: no membership; erin: pemda admin of Lumajang."""
    other_region = Region.objects.create(slug="lain", name="Kabupaten Lain")
    other = Agency.objects.create(region=other_region, slug="dinas-lain", name="Dinas Lain")
    users = {
        n: django_user_model.objects.create_user(n, password="rahasia-panjang")
        for n in ("alice", "bob", "carol", "dave", "erin")
    }
    Membership.objects.create(user=users["alice"], region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=users["bob"], region=agency.region, role=Membership.Role.VERIFIER)
    Membership.objects.create(user=users["carol"], region=other_region, agency=other, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=users["erin"], region=agency.region, role=Membership.Role.ADMIN)
    return users


def _upload(client, data: bytes, name: str, **fields):
    payload = {"file": SimpleUploadedFile(name, data), "year": 2021, **fields}
    return client.post(reverse("imports:upload"), payload)


def test_anonymous_is_sent_to_login(client, db) -> None:
    response = client.get(reverse("imports:upload"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "sees"), [("alice", True), ("bob", True), ("carol", False), ("dave", False), ("erin", True)]
)
def test_the_form_offers_only_visible_agencies(client, personas, persona, sees) -> None:
    client.force_login(personas[persona])
    page = client.get(reverse("imports:upload")).content.decode()
    assert ("diskopum-lumajang" in page) is sees
    assert ('name="new_agency"' in page) is (persona == "erin")


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 200), ("carol", 400), ("dave", 400)])
def test_access_matrix_for_a_dry_run(client, personas, seed_bytes, persona, status) -> None:
    client.force_login(personas[persona])
    response = _upload(client, seed_bytes, SEED_NAME, agency="diskopum-lumajang")
    assert response.status_code == status


def test_dry_run_then_confirm_writes_with_the_user(client, personas, seed_bytes) -> None:
    client.force_login(personas["alice"])
    changed = seed_bytes.replace(b"3 unit\t5,025,247", b"4 unit\t5,025,247")
    response = _upload(client, changed, SEED_NAME, agency="diskopum-lumajang")
    page = response.content.decode()
    assert response.status_code == 200 and "Uji coba impor" in page
    assert "Realisasi K" in page and ">3<" in page and ">4<" in page  # old -> new (the kind of data in words)
    assert "99,60" in page and "99,45" in page  # the printed average against the computed one
    kendaraan = Realization.objects.get(indicator__name__startswith="Jumlah kendaraan dinas", quarter=1)
    assert kendaraan.value == 3  # nothing written by the dry run
    token = response.context["token"]
    confirm = client.post(
        reverse("imports:confirm"),
        {"token": token, "filename": SEED_NAME, "agency": "diskopum-lumajang", "year": 2021, "quarter": ""},
    )
    assert confirm.status_code == 200 and "Tersimpan: 1 perubahan" in confirm.content.decode()
    kendaraan.refresh_from_db()
    assert kendaraan.value == 4 and kendaraan.updated_by == personas["alice"]


def test_confirm_checks_access_again(client, personas, seed_bytes) -> None:
    client.force_login(personas["alice"])
    changed = seed_bytes.replace(b"3 unit\t5,025,247", b"4 unit\t5,025,247")
    token = _upload(client, changed, SEED_NAME, agency="diskopum-lumajang").context["token"]
    client.force_login(personas["carol"])
    response = client.post(
        reverse("imports:confirm"), {"token": token, "filename": SEED_NAME, "agency": "diskopum-lumajang", "year": 2021}
    )
    assert response.status_code == 400


def test_errors_are_shown_with_their_place_and_nothing_is_offered_to_save(client, personas) -> None:
    client.force_login(personas["erin"])
    table = sheets.rows(Variant(bad_cell="dua puluh"))
    response = _upload(client, sheets.as_csv(table), "salah.csv", new_agency="dinas-uji", region="lumajang", year=2022)
    page = response.content.decode()
    assert response.status_code == 200 and "bukan angka" in page and "Realisasi TW II K" in page
    assert "Simpan" not in page and not Agency.objects.filter(slug="dinas-uji").exists()


def test_pemda_admin_creates_a_new_agency_in_their_pemda(client, personas) -> None:
    client.force_login(personas["erin"])
    data = sheets.as_csv(sheets.rows(Variant()))
    response = _upload(client, data, "baru.csv", new_agency="dinas-uji", region="lumajang", year=2022)
    assert response.status_code == 200
    # the sheet's title says "Kabupaten Contoh": saving it into Lumajang needs the box ticked
    assert 'name="confirm_other_agency"' in response.content.decode()
    token = response.context["token"]
    fields = {"token": token, "filename": "baru.csv", "new_agency": "dinas-uji", "region": "lumajang", "year": 2022}
    refused = client.post(reverse("imports:confirm"), fields)
    assert refused.status_code == 400 and "Kabupaten Contoh" in refused.content.decode()
    assert not Agency.objects.filter(slug="dinas-uji").exists()
    confirm = client.post(reverse("imports:confirm"), {**fields, "confirm_other_agency": "1"})
    assert confirm.status_code == 200
    assert Agency.objects.get(slug="dinas-uji").region.slug == "lumajang"


def test_operator_cannot_create_agencies(client, personas) -> None:
    client.force_login(personas["alice"])
    response = _upload(client, sheets.as_csv(sheets.rows(Variant())), "baru.csv", new_agency="dinas-uji", year=2022)
    assert response.status_code == 400 and not Agency.objects.filter(slug="dinas-uji").exists()


def test_oversized_upload_is_refused_by_the_form(client, personas, settings) -> None:
    settings.KINERJA_MAX_UPLOAD_BYTES = 100
    client.force_login(personas["alice"])
    response = _upload(client, b"x" * 500, "besar.csv", agency="diskopum-lumajang")
    assert response.status_code == 400 and "melebihi batas" in response.content.decode()
