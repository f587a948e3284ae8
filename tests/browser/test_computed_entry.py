"""A computed indicator in a real browser (Debian's Chromium): the PD follows the entry screen's link to
the quarter's base figures, types them, comes back and sees the computed K in a read-only cell that
cannot be typed into, that the arrow keys pass over and that a pasted block skips (and says so)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from computed.services import computed_define
from domain.computed import BaseFigureDef
from planning.models import Indicator, Membership, Realization
from tests.browser.test_entry_in_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEALTHY = "Persentase Koperasi Sehat dan Cukup Sehat"  # between two typed indicators on the screen
ENTRY = "/pd/diskopum-lumajang/triwulan/2021/3/"


@pytest.fixture
def pd_users(agency: Any) -> dict[str, Any]:
    user = get_user_model().objects.create_user("op", password="rahasia-panjang", first_name="Op")
    Membership.objects.create(user=user, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    return {"op": user}


@pytest.fixture
def healthy(pd_users: dict[str, Any]) -> Indicator:
    indicator = Indicator.objects.select_related("row__strategic_plan__agency").get(name=HEALTHY)
    computed_define(
        indicator=indicator,
        formula="sehat / dinilai x 100 %",
        figures=[
            BaseFigureDef("sehat", "Koperasi sehat dan cukup sehat"),
            BaseFigureDef("dinilai", "Koperasi yang dinilai"),
        ],
        actor=pd_users["op"],
    )
    return indicator


def _places(page: Any) -> list[dict[str, str]]:
    """The K column's places in order: inputs and read-only (computed) cells."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("#entry-table [data-col='0']"))
             .map(el => ({id: el.dataset.id, tag: el.tagName, fixed: el.classList.contains('cell-fixed')}))"""
    )


def test_the_pd_types_the_base_figures_and_the_entry_screen_shows_the_computed_k(
    live_server, page, pd_users, healthy
) -> None:
    login(page, live_server.url, "op")
    page.goto(live_server.url + ENTRY)
    page.get_by_role("link", name="ƒ Angka dasar TW III").click()
    page.wait_for_url("**/angka-dasar/")
    for label, typed in (("Koperasi sehat dan cukup sehat", "45"), ("Koperasi yang dinilai", "60")):
        field = page.get_by_label(f"{label} TW III", exact=True)
        field.fill(typed)
        field.locator("xpath=ancestor::form").get_by_role("button", name="Simpan").click()
        page.locator(".messages").filter(has_text=f"{label}: tersimpan").wait_for()
    page.locator(".computed-result").filter(has_text="75").wait_for()  # 45 / 60 x 100
    assert Realization.objects.get(indicator=healthy, year=2021, quarter=3).value == Decimal(75)

    page.get_by_role("link", name="Isian triwulan").click()
    page.wait_for_url(f"**{ENTRY}")
    td = page.locator(f"#l{healthy.row_id}-{healthy.pk}-kin")
    assert td.inner_text().split()[:2] == ["ƒ", "75"]
    assert "sehat / dinilai * 100" in td.locator(".cell-fixed").get_attribute("title")
    assert td.locator("input").count() == 0 and page.get_by_label(f"Realisasi K {HEALTHY}", exact=True).count() == 0
    td.locator(".cell-fixed").click()
    page.keyboard.type("12")  # nothing takes the keys
    assert td.inner_text().split()[:2] == ["ƒ", "75"]

    # the keys pass over it: Enter on the line above lands on the line below
    places = _places(page)
    at = next(i for i, p in enumerate(places) if p["fixed"])
    above, below = places[at - 1], places[at + 1]
    assert above["tag"] == below["tag"] == "INPUT"
    page.locator(f"#entry-table input.cell[data-col='0'][data-id='{above['id']}']").press("Enter")
    assert page.evaluate("document.activeElement.dataset.id") == below["id"]

    # a block of three lines pasted from the line above: the computed line's value is skipped, the
    # third lands on the line below it (lines keep their places), and the screen says so
    start = page.locator(f"#entry-table input.cell[data-col='0'][data-id='{above['id']}']")
    start.focus()
    page.evaluate(
        """(el) => { const dt = new DataTransfer(); dt.setData('text/plain', '7\\n8\\n9\\n');
           el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true})); }""",
        start.element_handle(),
    )
    page.locator("#paste-status").filter(has_text="tersimpan").wait_for(timeout=10_000)
    assert "1 sel indikator terhitung (ƒ) dilewati" in page.locator("#paste-skipped").inner_text()
    stored = dict(
        Realization.objects.filter(
            indicator_id__in=[int(above["id"]), healthy.pk, int(below["id"])], year=2021, quarter=3
        ).values_list("indicator_id", "value")
    )
    assert stored == {int(above["id"]): Decimal(7), healthy.pk: Decimal(75), int(below["id"]): Decimal(9)}
