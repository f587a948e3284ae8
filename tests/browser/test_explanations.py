"""A verifier clicks computed figures of the demo report in a real browser (Debian's Chromium) and reads
how each was computed; the keyboard does the same; the page's strict CSP is kept."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = "/pd/diskopum-lumajang/laporan/2021/4/"
UMKM = "Program pemberdayaan usaha menengah, usaha kecil, dan usaha mikro (UMKM)"


def test_a_click_on_a_computed_cell_shows_how_it_was_computed(live_server, page, agency, tmp_path) -> None:
    from planning.models import Membership

    user = get_user_model().objects.create_user("bappeda", password="rahasia-panjang")
    Membership.objects.create(user=user, region=agency.region, role=Membership.Role.VERIFIER)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "bappeda")
    page.fill("#id_password", "rahasia-panjang")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + REPORT)

    row = page.locator("table.e81 tbody tr", has_text=UMKM).first
    cell = row.locator("td[data-x]").first  # column 12 K
    assert cell.inner_text().strip() == "397"
    cell.click()
    dialog = page.locator("dialog.explain")
    dialog.wait_for(state="visible")
    text = dialog.inner_text()
    assert "Kolom 12 K: Realisasi Renja" in text
    assert "SUM: jumlah nilai triwulan yang dilaporkan" in text
    assert "Kolom 8 K (TW I)" in text and "Kolom 11 K (TW IV)" in text
    assert "12 = 8 + 9 + 10 + 11 = 0 + 105 + 0 + 292 = 397" in text
    page.screenshot(path=str(tmp_path / "explanation.png"))
    if shot := os.environ.get("KINERJA_EXPLANATION_SCREENSHOT"):
        page.screenshot(path=shot)
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.textContent.trim()") == "397"  # focus back on the cell

    # the keyboard: the next computed cell (12 Rp), Enter opens it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    text = dialog.inner_text()
    assert "Kolom 12 Rp: Realisasi Renja" in text and "Rp selalu dijumlahkan" in text
    assert "= 11.238.069.445" in text
    dialog.get_by_role("button", name="Tutup").click()
    dialog.wait_for(state="hidden")

    # UMKM's Renja achievement names the finding about its printed 99.60 %
    row.locator("td[data-x]").nth(2).click()
    text = dialog.inner_text()
    assert "12/7 = 12 / 7 x 100 = 397 / 400 x 100 = 99,25" in text
    assert "Temuan " in text and "99,6" in text
    page.keyboard.press("Escape")

    # the average and the predikat below the table
    page.locator("table.e81 tfoot td[data-x]").first.click()
    text = dialog.inner_text()
    assert "Rata-rata = (99,25 + 100,00 + 100,00 + 100,00 + 98,00) / 5 = 99,45" in text
    page.keyboard.press("Escape")
    page.locator("table.e81 tfoot td[data-x]").nth(1).click()
    assert "99,45 ≥ 91: Sangat Tinggi" in dialog.inner_text()
    page.keyboard.press("Escape")
    assert not violations, violations
