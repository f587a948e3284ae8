"""Bappeda's overview and the dashboards in a real browser (Debian's Chromium) under the strict CSP:
the demo PD is on the overview with its status and the core's numbers, its dashboard draws every chart
(Chart.js, vendored) beside its table, the pemda's dashboard and the settings page open for their roles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PD = "diskopum-lumajang"
PASSWORD = "rahasia-panjang"
SHOTS = Path(os.environ.get("KINERJA_SCREENSHOTS", "")) if os.environ.get("KINERJA_SCREENSHOTS") else None


def shot(page: Any, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"))
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.fixture
def people(agency: Any) -> dict[str, Any]:
    from planning.models import Membership

    roles = {"bappeda": (Membership.Role.VERIFIER, None), "op": (Membership.Role.OPERATOR, agency),
             "adminpemda": (Membership.Role.ADMIN, None)}  # fmt: skip
    users = {}
    for name, (role, where) in roles.items():
        users[name] = get_user_model().objects.create_user(name, password=PASSWORD, first_name=name.title())
        Membership.objects.create(user=users[name], region=agency.region, agency=where, role=role)
    return users


def as_user(browser: Any, base: str, username: str) -> tuple[Any, list[str]]:
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "404" not in m.text else None)
    # A missing resource is named by its address (the console's line does not say which); favicon aside.
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith("favicon.ico") else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page, problems


def test_the_demo_pd_on_the_overview_and_its_dashboard(live_server, browser, people, agency, tmp_path) -> None:
    from domain.types import Severity
    from reporting.formatting import percent
    from reporting.report import report_build

    ev = report_build(agency=agency, year=2021, quarter=4).evaluation
    errors = sum(f.severity is Severity.ERROR for f in ev.findings)
    warnings = sum(f.severity is Severity.WARNING for f in ev.findings)
    base = live_server.url

    page, problems = as_user(browser, base, "bappeda")
    page.click("text=Ikhtisar")
    page.wait_for_url("**/pemda/lumajang/ikhtisar/")
    line = page.locator(f"tr#pd-{PD}")
    cells = line.locator("td")
    assert cells.nth(0).inner_text() == "Dinas Koperasi dan Usaha Mikro"
    assert cells.nth(4).inner_text() == "Draf"  # TW IV: figures and a document, not submitted
    assert "chosen" in (cells.nth(4).get_attribute("class") or "")
    assert cells.nth(7).inner_text() == str(errors) and cells.nth(8).inner_text() == str(warnings)
    assert cells.nth(10).inner_text().startswith(percent(ev.average))
    assert ev.rating in cells.nth(10).inner_text()
    assert "lewat" in cells.nth(12).inner_text()  # January 2022's deadline is long past
    shot(page, tmp_path, "overview-bappeda")

    page.check("input[name=galat]")
    page.click("form.overview-filters button")
    page.wait_for_url("**galat=1**")
    assert page.locator(f"tr#pd-{PD}").count() == 1
    page.select_option("select[name=status]", "approved")
    page.click("form.overview-filters button")
    page.wait_for_url("**status=approved**")
    assert page.locator(f"tr#pd-{PD}").count() == 0

    page.goto(base + "/pemda/lumajang/ikhtisar/?tahun=2021&triwulan=4")
    page.locator(f"tr#pd-{PD} td.links a", has_text="Dasbor").click()
    page.wait_for_url(f"**/pd/{PD}/dasbor/2021/?triwulan=4")
    for key in ("capaian-program", "serapan", "rata-rata", "kinerja-anggaran"):
        page.wait_for_selector(f"canvas#chart-{key}[data-drawn]")
    assert page.locator("section#capaian-program tbody tr").count() == 5
    averages = page.locator("section#rata-rata tbody tr").nth(3).locator("td")
    assert averages.nth(1).inner_text() == percent(ev.average) and averages.nth(2).inner_text() == ev.rating
    shot(page, tmp_path, "dashboard-pd")
    page.locator("section#kinerja-anggaran").scroll_into_view_if_needed()
    shot(page, tmp_path, "dashboard-pd-scatter")
    with page.expect_download() as download:
        page.locator("section#capaian-program a", has_text="Unduh CSV").click()
    assert download.value.suggested_filename == f"dasbor-{PD}-2021-TW4-capaian-program.csv"

    page.goto(base + "/pemda/lumajang/dasbor/2021/?triwulan=4")
    page.wait_for_selector("canvas#chart-predikat[data-drawn]")
    shot(page, tmp_path, "dashboard-pemda")
    assert problems == []  # no script refused by the CSP, no error

    # The PD's operator sees its own line only, and has no verification link.
    op, op_problems = as_user(browser, base, "op")
    op.goto(base + "/pemda/lumajang/ikhtisar/?tahun=2021&triwulan=4")
    assert op.locator("table.overview tbody tr").count() == 1
    assert op.locator(f"tr#pd-{PD} a", has_text="Verifikasi").count() == 0
    shot(op, tmp_path, "overview-operator")

    admin, admin_problems = as_user(browser, base, "adminpemda")
    admin.goto(base + "/pemda/lumajang/pengaturan/?tahun=2021")
    admin.fill("#predikat input[name=reason]", "uji rentang")
    admin.fill("input[name=lower_2]", "76")
    admin.fill("input[name=lower_3]", "76")
    admin.click("#predikat button[type=submit]")
    admin.wait_for_selector("ul.messages li.msg-error")
    assert "tumpang tindih" in admin.locator("ul.messages").inner_text()
    shot(admin, tmp_path, "overview-settings")
    assert op_problems == [] and admin_problems == []
