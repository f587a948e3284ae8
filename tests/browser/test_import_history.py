"""A superuser imports a pemda's history through the history page: a zip, the dry run's table and the
summary across files, then one confirmation that saves each file."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_superuser_uploads_a_zip_previews_and_saves_each_file(live_server, page, tmp_path) -> None:
    from planning.models import Agency
    from tests.imports.test_history import KOPERASI, UJI, history_zip

    if not Agency.objects.exists():  # an earlier transactional test flushed the demo: the untitled file
        call_command("demo", verbosity=0, stdout=io.StringIO())  # is asked for among existing PD
    get_user_model().objects.create_user("pusat", password="rahasia-panjang", is_superuser=True)
    archive = tmp_path / "riwayat.zip"
    archive.write_bytes(history_zip())
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "pusat")
    page.fill("#id_password", "rahasia-panjang")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/impor/riwayat/")

    page.set_input_files("input[type=file]", str(archive))
    page.click("main button[type=submit]")

    expect(page.locator("h1")).to_contain_text("Uji coba impor riwayat")  # through the progress script
    files = page.locator("#history-files").inner_text()
    for name in ("uji-2021-tw4.csv", "uji-2022-tw2.csv", "koperasi-tw4.csv", "tanpa-judul.csv"):
        assert name in files
    assert "tidak dicocokkan" in files and "ditolak" in files
    assert "berkas TW IV 2021) 40" in page.locator("#history-disagreements").inner_text()
    assert not Agency.objects.filter(slug__in=[UJI, KOPERASI]).exists()  # a dry run writes nothing
    assert page.locator("form.history-ask").count() == 1  # the untitled file: asked, not guessed
    page.get_by_role("button", name="Simpan 4 berkas").click()
    expect(page.locator("h1")).to_contain_text("4 berkas disimpan")
    assert Agency.objects.filter(slug__in=[UJI, KOPERASI]).count() == 2
