"""Every page for every kind of user: personas x views, another agency's report is a 404."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from planning.models import Agency, Membership, Region

REPORT = ("diskopum-lumajang", 2021, 4)


@pytest.fixture
def personas(db, django_user_model, agency):
    """alice: operator of the demo PD; bob: Bappeda verifier of Lumajang; carol: operator of another
    pemda's PD; dave: a user with no membership."""
    other_region = Region.objects.create(slug="lain", name="Kabupaten Lain")
    other = Agency.objects.create(region=other_region, slug="dinas-lain", name="Dinas Lain")
    users = {}
    for name in ("alice", "bob", "carol", "dave"):
        users[name] = django_user_model.objects.create_user(name, password="rahasia-panjang")
    Membership.objects.create(user=users["alice"], region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=users["bob"], region=agency.region, role=Membership.Role.VERIFIER)
    Membership.objects.create(user=users["carol"], region=other_region, agency=other, role=Membership.Role.OPERATOR)
    return users


def urls():
    return {
        "home": reverse("home"),
        "report": reverse("report", args=REPORT),
        "json": reverse("report_download", args=(*REPORT, "json")),
    }


@pytest.mark.parametrize("page", ["home", "report", "json"])
def test_anonymous_is_sent_to_login(client, db, page) -> None:
    response = client.get(urls()[page])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "page", "status"),
    [
        ("alice", "home", 200),
        ("alice", "report", 200),
        ("alice", "json", 200),
        ("bob", "home", 200),
        ("bob", "report", 200),
        ("bob", "json", 200),
        ("carol", "home", 200),
        ("carol", "report", 404),
        ("carol", "json", 404),
        ("dave", "home", 200),
        ("dave", "report", 404),
        ("dave", "json", 404),
    ],
)
def test_access_matrix(client, personas, persona, page, status) -> None:
    client.force_login(personas[persona])
    assert client.get(urls()[page]).status_code == status


def test_home_lists_only_visible_agencies(client, personas) -> None:
    client.force_login(personas["carol"])
    body = client.get(reverse("home")).content.decode()
    assert "Dinas Lain" in body and "Dinas Koperasi dan Usaha Mikro" not in body
    client.force_login(personas["bob"])
    body = client.get(reverse("home")).content.decode()
    assert "Dinas Koperasi dan Usaha Mikro" in body and "Dinas Lain" not in body


def test_report_page_shows_the_computed_figures(client, personas) -> None:
    client.force_login(personas["alice"])
    body = client.get(reverse("report", args=REPORT)).content.decode()
    assert "Evaluasi terhadap Hasil Renja Perangkat Daerah" in body
    assert "Triwulan IV Tahun 2021" in body
    assert "11.238.069.445" in body  # Indonesian thousands separators
    assert "99,45" in body and "Sangat Tinggi" in body
    assert "Akibatnya: rata-rata capaian kinerja tercetak 99,60%, hasil hitung 99,45%" in body


def test_json_download(client, personas) -> None:
    client.force_login(personas["bob"])
    response = client.get(reverse("report_download", args=(*REPORT, "json")))
    assert response["Content-Type"].startswith("application/json")
    assert "E81-diskopum-lumajang-2021-TW4.json" in response["Content-Disposition"]
    assert json.loads(response.content)["average_achievement"] == "99.45"


@pytest.mark.parametrize("path", ["/pd/diskopum-lumajang/laporan/2021/5/", "/pd/diskopum-lumajang/laporan/2030/4/"])
def test_bad_quarter_or_year_is_404(admin_client, path) -> None:
    assert admin_client.get(path).status_code == 404


def test_login_page_in_indonesian(client, db) -> None:
    body = client.get(reverse("login")).content.decode()
    assert "Masuk" in body and "Kata sandi" in body


def test_report_page_query_count_is_constant(admin_client, django_assert_max_num_queries) -> None:
    # The demo's page within its budget once warm: session and user (2), the PD, its approved copy (2),
    # the report's reads (11: tests/test_report_queries.py), evidence marks and the top bar (2).  That
    # the count does not grow with the rows is tested in tests/renderers/test_html_explanations.py.
    admin_client.get(reverse("report", args=REPORT))
    with django_assert_max_num_queries(17):
        admin_client.get(reverse("report", args=REPORT))
