"""A pemda administrator uploads a sheet whose name column has a label the importer does not know
("Uraian"): the dry run refuses it and offers the mapping step; the column is mapped by hand (the dry run
reruns at once), the mapping is stored for the pemda and the file imported.  A second file of the same
shape is then read with the stored mapping, with no mapping step."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_a_column_by_hand_then_the_next_file_needs_no_mapping(live_server, page, agency, tmp_path) -> None:
    from imports.models import StoredMapping
    from planning.models import Agency, Membership, Realization
    from tests.imports.test_mappings import uraian_sheet

    user = get_user_model().objects.create_user("peta-admin", password="rahasia-panjang")
    Membership.objects.create(user=user, region=agency.region, role=Membership.Role.ADMIN)
    first, second = tmp_path / "uraian-tw2.csv", tmp_path / "uraian-tw2-revisi.csv"
    first.write_bytes(uraian_sheet())
    second.write_bytes(uraian_sheet(shift=3))
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "peta-admin")
    page.fill("#id_password", "rahasia-panjang")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/impor/")
    page.set_input_files("input[type=file]", str(first))
    page.fill("input[name=new_agency]", "dinas-uji")
    page.select_option("select[name=region]", label=agency.region.name)
    page.fill("input[name=year]", "2022")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Uji coba impor")
    expect(page.locator("#mapping-offer")).to_contain_text("tidak terbaca benar")
    page.locator("#mapping-offer a").click()

    expect(page.locator("h1")).to_contain_text("Petakan kolom")
    expect(page.locator("#mapping-outcome")).to_contain_text("Belum dapat disimpan")
    expect(page.locator("#mapping-confirm")).to_be_disabled()
    uraian = page.locator("#mapping-columns tr", has=page.locator("td", has_text="Uraian"))
    expect(uraian).to_have_class("mapping-unsure")
    uraian.locator("select").select_option("name")  # htmx posts the change; the dry run is rerun
    expect(page.locator("#mapping-outcome")).to_contain_text("Terbaca benar")
    assert not StoredMapping.objects.exists()
    page.locator("#mapping-confirm").click()

    expect(page.locator("#mapping-stored")).to_be_visible()
    assert StoredMapping.objects.filter(region=agency.region).count() == 1
    assert not Agency.objects.filter(slug="dinas-uji").exists()  # still a dry run
    page.check("input[name=confirm_other_agency]")  # the sheet's title names another pemda
    page.locator("main button[type=submit]", has_text="perubahan").click()
    expect(page.locator("h1")).to_contain_text("Impor uraian-tw2.csv")
    assert Realization.objects.filter(indicator__row__strategic_plan__agency__slug="dinas-uji").exists()

    page.goto(f"{live_server.url}/impor/")
    page.set_input_files("input[type=file]", str(second))
    page.select_option("select[name=agency]", "dinas-uji")
    page.fill("input[name=year]", "2022")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_contain_text("Uji coba impor")
    expect(page.locator("main")).to_contain_text("pemetaan kolom tersimpan dipakai")
    assert page.locator("#mapping-offer").count() == 0
    page.check("input[name=confirm_other_agency]")
    page.locator("main button[type=submit]", has_text="perubahan").click()
    expect(page.locator("h1")).to_contain_text("Impor uraian-tw2-revisi.csv")
