"""A large pemda's prepared E.79 in a real browser (Debian's Chromium) under the strict CSP: the page
"sedang disiapkan" polls by htmx and shows the figures by itself once the job ran; after a typed value
the old figures are shown marked "sedang diperbarui" until the page replaces them with the new ones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django_q.conf import Conf

from planning.models import Agency, Indicator, Membership
from reporting.models import PreparedRegency
from reporting.regency import prepared, views

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-panjang"
YEAR, Q = 2021, 4


def _login(browser: Any, base: str, username: str) -> tuple[Any, list[str]]:
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{base}/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page, problems


def _run_job(region: Any) -> None:
    row = PreparedRegency.objects.get(region=region, year=YEAR, quarter=Q)
    prepared.prepare_run(region.pk, YEAR, Q, row.job_fingerprint)


def test_the_waiting_page_polls_then_shows_the_figures(live_server, browser, uji, monkeypatch, django_user_model):
    monkeypatch.setattr(views, "BACKGROUND_MIN_PD", 2)
    monkeypatch.setattr(Conf, "SYNC", False)  # no worker: the test runs the job
    user = django_user_model.objects.create_user("bappeda-browser", password=PASSWORD)
    Membership.objects.create(user=user, region=uji, role=Membership.Role.VERIFIER)
    operator = django_user_model.objects.create_user("op-browser", password=PASSWORD)
    agency = Agency.objects.get(slug="uji-kesehatan")
    Membership.objects.create(user=operator, region=uji, agency=agency, role=Membership.Role.OPERATOR)
    page, problems = _login(browser, live_server.url, "bappeda-browser")

    page.goto(live_server.url + reverse("regency:ranking", args=["uji-e79", YEAR, Q]) + "?jenis=program")
    assert page.locator(".prepare-status").inner_text().count("sedang disiapkan") == 1
    _run_job(uji)
    # Within a poll or two the page reloads itself with the figures.
    page.wait_for_selector("table.ranking >> text=Penunjang Kesehatan", timeout=20_000)
    row = page.locator("table.ranking tr", has_text="Penunjang Kesehatan")
    assert "60,00" in row.inner_text()
    assert page.locator(".prepare-status").count() == 0

    from planning.services.realizations import realization_set

    indicator = Indicator.objects.get(name="Dokumen perencanaan")
    realization_set(indicator=indicator, year=YEAR, quarter=4, value=Decimal("2"), actor=operator)
    page.reload()
    status = page.locator(".prepare-status.prepare-stale")
    assert "sedang diperbarui" in status.inner_text()
    assert "60,00" in page.locator("table.ranking tr", has_text="Penunjang Kesehatan").inner_text()
    _run_job(uji)
    page.wait_for_selector(".prepare-status", state="detached", timeout=20_000)
    assert "80,00" in page.locator("table.ranking tr", has_text="Penunjang Kesehatan").inner_text()
    assert problems == []  # no CSP violation, no script error
