"""A pemda administrator imports the seed sheet through the upload page: dry run first, then save."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "laporan-kinerja-tw4-2021-diskopum-lumajang.txt"


def test_admin_uploads_previews_and_saves_the_seed(live_server, page, agency) -> None:
    from planning.models import Agency, Membership

    user = get_user_model().objects.create_user("admin-pemda", password="rahasia-panjang")
    Membership.objects.create(user=user, region=agency.region, role=Membership.Role.ADMIN)
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "admin-pemda")
    page.fill("#id_password", "rahasia-panjang")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.get_by_role("link", name="Impor").click()

    page.set_input_files("input[type=file]", str(SEED))
    page.fill("input[name=new_agency]", "diskopum-impor")
    page.select_option("select[name=region]", label=agency.region.name)
    page.fill("input[name=year]", "2021")
    page.click("main button[type=submit]")

    expect(page.locator("h1")).to_contain_text("Uji coba impor")  # the upload runs with a progress bar
    assert not Agency.objects.filter(slug="diskopum-impor").exists()  # a dry run writes nothing
    save = page.locator("main button[type=submit]")
    assert "perubahan" in save.inner_text()
    save.click()
    expect(page.locator("h1")).to_contain_text("Impor laporan-kinerja")
    page.get_by_role("link", name="Lihat laporan").click()
    footer = page.locator("table.e81 tfoot").inner_text()
    assert "99,45" in footer and "Sangat Tinggi" in footer
