"""Point 11 of issue 8: under the Content-Security-Policy the pages work and the browser blocks nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_page_breaks_the_policy(live_server, page, agency) -> None:
    from planning.models import Membership

    user = get_user_model().objects.create_user("admin-csp", password="rahasia-panjang", is_staff=True)
    Membership.objects.create(user=user, region=agency.region, role=Membership.Role.ADMIN)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )

    page.goto(f"{live_server.url}/masuk/")
    page.fill("#id_username", "admin-csp")
    page.fill("#id_password", "rahasia-panjang")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    for path in ("/", f"/pd/{agency.slug}/laporan/2021/4/", "/impor/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("typeof document.getElementById('import-form')") == "object"
    assert violations == []
