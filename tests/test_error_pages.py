"""The 403, 404 and 500 pages (and the CSRF refusal): Indonesian, in the site's layout, with DEBUG off."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import get_template
from django.test import Client
from django.urls import path, reverse

import kinerja.urls


def _boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("uji kesalahan server")


def _refuse(request):  # type: ignore[no-untyped-def]
    raise PermissionDenied("Hanya Bappeda yang dapat menyetujui laporan.")


# The project's URLs plus two that fail on purpose (this module is the URLconf of the tests marked below).
urlpatterns = [*kinerja.urls.urlpatterns, path("uji/500/", _boom), path("uji/403/", _refuse)]
LAYOUT = ('class="topbar"', 'class="brand"', "Evaluasi Renja Perangkat Daerah", "css/kinerja.css")


def _in_layout(body: str) -> None:
    for part in LAYOUT:
        assert part in body, part
    assert 'lang="id"' in body


@pytest.fixture(autouse=True)
def debug_off(settings) -> None:
    settings.DEBUG = False


def test_404_for_a_person_logged_in(admin_client) -> None:
    response = admin_client.get("/tidak-ada-halaman-ini/")
    body = response.content.decode()
    assert response.status_code == 404
    _in_layout(body)
    assert "Halaman tidak ditemukan" in body and "Kembali ke beranda" in body
    assert "Not Found" not in body and "Keluar" in body  # the top bar of a logged-in person


def test_404_for_someone_not_logged_in(client, db) -> None:
    body = client.get("/tidak-ada/").content.decode()
    _in_layout(body)
    assert "Halaman tidak ditemukan" in body


def test_404_of_a_pd_out_of_reach_says_nothing_of_it(client, db, django_user_model) -> None:
    client.force_login(django_user_model.objects.create_user("tamu", password="rahasia-panjang"))
    response = client.get(reverse("report", args=["diskopum-lumajang", 2021, 4]))
    body = response.content.decode()
    assert response.status_code == 404 and "Halaman tidak ditemukan" in body
    assert "Dinas Koperasi" not in body


@pytest.mark.urls("tests.test_error_pages")
def test_403_shows_the_reason_in_indonesian(admin_client) -> None:
    response = admin_client.get("/uji/403/")
    body = response.content.decode()
    assert response.status_code == 403
    _in_layout(body)
    assert "Akses ditolak" in body and "Hanya Bappeda yang dapat menyetujui laporan." in body
    assert "Forbidden" not in body


@pytest.mark.urls("tests.test_error_pages")
def test_500_in_indonesian_without_details(db) -> None:
    response = Client(raise_request_exception=False).get("/uji/500/")
    body = response.content.decode()
    assert response.status_code == 500
    _in_layout(body)
    assert "Terjadi kesalahan pada server" in body
    assert "uji kesalahan server" not in body and "Traceback" not in body and "Server Error" not in body


def test_500_renders_without_a_request() -> None:
    """Django renders 500.html with an empty context: nothing in it may need the request or the user."""
    body = get_template("500.html").render()
    _in_layout(body)
    assert "Terjadi kesalahan pada server" in body


def test_a_refused_csrf_token_is_explained_in_indonesian(db) -> None:
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    _in_layout(body)
    assert "Formulir tidak dapat diterima" in body and "CSRF verification failed" not in body
