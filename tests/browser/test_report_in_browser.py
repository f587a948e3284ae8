"""A person logs in with a real browser (Debian's Chromium) and reads the demo report."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_verifier_logs_in_and_reads_the_report(live_server, page, agency, tmp_path) -> None:
    from planning.models import Membership

    user = get_user_model().objects.create_user("bappeda", password="rahasia-panjang")
    Membership.objects.create(user=user, region=agency.region, role=Membership.Role.VERIFIER)

    page.goto(f"{live_server.url}/")
    assert "/masuk/" in page.url
    page.fill("#id_username", "bappeda")
    page.fill("#id_password", "rahasia-panjang")
    page.click("button[type=submit]")
    page.get_by_title("laporan E.81 TW IV").click()

    table = page.locator("table.e81")
    assert "11.238.069.445" in table.inner_text()
    footer = page.locator("table.e81 tfoot").inner_text()
    assert "99,45" in footer and "Sangat Tinggi" in footer
    assert page.locator("table.findings tbody tr").count() > 10
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    if shot := os.environ.get("KINERJA_SCREENSHOT"):
        page.screenshot(path=shot, full_page=False)
    assert (tmp_path / "report.png").stat().st_size > 10_000
