"""The entry screen in a real browser (Debian's Chromium): typing, moving like a spreadsheet, pasting a
block from Excel, and two people saving the same value."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ASN = "Jumlah ASN terlayani gaji dan tunjangan"
ENTRY = "/pd/diskopum-lumajang/triwulan/2021/3/"


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", "rahasia-panjang")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.fixture
def pd_users(agency: Any) -> dict[str, Any]:
    from planning.models import Membership

    users = {}
    for name, role in (("op", Membership.Role.OPERATOR), ("kpl", Membership.Role.HEAD)):
        users[name] = get_user_model().objects.create_user(name, password="rahasia-panjang", first_name=name.title())
        Membership.objects.create(user=users[name], region=agency.region, agency=agency, role=role)
    return users


def k_cell(page: Any, indicator: str) -> Any:
    return page.get_by_label(f"Realisasi K {indicator}", exact=True)


def test_typing_saves_and_enter_moves_down(live_server, page, pd_users, tmp_path) -> None:
    from planning.models import Realization

    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server.url, "op")
    page.goto(live_server.url + ENTRY)
    cell = k_cell(page, ASN)
    cell.fill("23")
    cell.press("Enter")
    td = page.locator("td.c-input", has=page.get_by_label(f"Realisasi K {ASN}", exact=True))
    td.locator(".cell-saved").wait_for()
    assert Realization.objects.get(indicator__name=ASN, year=2021, quarter=3).value == Decimal(23)
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.startswith("Realisasi K ") and focused != f"Realisasi K {ASN}"  # Enter went down a row
    k12 = td.locator("xpath=following-sibling::td[1]")
    assert k12.inner_text().strip() == "23"  # s.d. TW III recomputed (the ASN count is a level: last quarter)
    bad = k_cell(page, ASN)
    bad.fill("1,234.5")
    bad.press("Tab")
    page.get_by_role("alert").filter(has_text="format Indonesia").wait_for()
    page.screenshot(path=str(tmp_path / "entry.png"))


def test_a_block_pasted_from_excel_fills_the_cells_down_and_across(live_server, page, pd_users) -> None:
    from planning.models import Realization

    login(page, live_server.url, "op")
    page.goto(live_server.url + ENTRY)
    first = page.locator("#entry-table input.cell[data-col='0']").nth(3)
    indicator_id = int(first.get_attribute("data-id"))
    first.focus()
    page.evaluate(
        """(el) => { const dt = new DataTransfer(); dt.setData('text/plain', '7\\n8\\n');
           el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true})); }""",
        first.element_handle(),
    )
    page.locator("#paste-status").filter(has_text="tersimpan").wait_for(timeout=10_000)
    assert Realization.objects.get(indicator_id=indicator_id, year=2021, quarter=3).value == Decimal(7)
    second = page.locator("#entry-table input.cell[data-col='0']").nth(4)
    assert Realization.objects.get(indicator_id=int(second.get_attribute("data-id")), year=2021, quarter=3).value == 8


def test_two_people_saving_one_value_the_second_is_refused(live_server, browser, pd_users) -> None:
    from planning.models import Realization

    one, two = browser.new_context(), browser.new_context()
    a, b = one.new_page(), two.new_page()
    login(a, live_server.url, "op")
    login(b, live_server.url, "kpl")
    a.goto(live_server.url + ENTRY)
    b.goto(live_server.url + ENTRY)
    k_cell(a, ASN).fill("20")
    k_cell(a, ASN).press("Tab")
    a.locator("td.c-input .cell-saved").first.wait_for()
    k_cell(b, ASN).fill("21")
    k_cell(b, ASN).press("Tab")
    refusal = b.get_by_role("alert").filter(has_text="sudah diubah orang lain")
    refusal.wait_for()
    assert "Op" in refusal.inner_text() or "op" in refusal.inner_text()
    assert "20" in refusal.inner_text()
    assert Realization.objects.get(indicator__name=ASN, year=2021, quarter=3).value == Decimal(20)
    one.close()
    two.close()
