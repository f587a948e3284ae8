"""The verification page in a real browser (Debian's Chromium): a line marked through htmx without a
reload, the counter following, the return listing the line, the PD's notice and its entry screen."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GAJI = "Penyediaan Gaji dan Tunjangan ASN"
VERIFY = "/pd/diskopum-lumajang/triwulan/2021/4/verifikasi/"


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "rahasia-panjang")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.fixture
def users(agency: Any) -> dict[str, Any]:
    from planning.models import Membership
    from tests.conftest import submit_explained

    made = {}
    for name, role, where in (
        ("op", Membership.Role.OPERATOR, agency),
        ("kpl", Membership.Role.HEAD, agency),
        ("bap", Membership.Role.VERIFIER, None),
    ):
        made[name] = get_user_model().objects.create_user(name, password="rahasia-panjang", first_name=name.title())
        Membership.objects.create(user=made[name], region=agency.region, agency=where, role=role)
    submit_explained(agency=agency, year=2021, quarter=4, actor=made["kpl"])
    return made


def test_the_verifier_marks_a_line_and_returns_and_the_pd_is_told(live_server, page, users) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server.url, "bap")
    page.get_by_role("link", name="Verifikasi").first.click()  # the top bar, then the inbox
    page.get_by_role("link", name="Verifikasi", exact=True).last.click()
    page.wait_for_url(live_server.url + VERIFY)
    counts = page.locator("#verify-counts")
    before = int(counts.locator("strong").inner_text())
    row = page.locator("tr", has_text=GAJI).first
    row.locator("input[name=note]").fill("lampirkan SK gaji")
    row.locator("button.fix").click()
    row.locator("td.c-review.state-correction").wait_for()  # swapped in place by htmx
    assert int(counts.locator("strong").inner_text()) == before - 1
    assert "1 perlu perbaikan" in counts.inner_text()
    page.fill("#return-note", "Mohon diperbaiki.")
    page.get_by_role("button", name="Kembalikan ke PD").click()
    page.get_by_text("dikembalikan ke PD").wait_for()
    # the PD: told in the top bar, the notice leads to the entry screen
    page.context.clear_cookies()
    login(page, live_server.url, "op")
    assert page.locator(".notice-count").inner_text() == "1"
    page.get_by_role("link", name="Pemberitahuan").click()
    assert "dikembalikan Bappeda" in page.locator("li.notice").inner_text()
    page.get_by_role("button", name="Buka").click()
    page.wait_for_url(f"{live_server.url}/pd/diskopum-lumajang/triwulan/2021/4/")
    assert "lampirkan SK gaji" in page.locator(".return-note").inner_text()
