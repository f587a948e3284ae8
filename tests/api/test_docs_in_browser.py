"""The API's documentation page draws every operation in a real browser (Debian's Chromium) under the
site's strict CSP, from the vendored Swagger UI: no CDN, no blocked script."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_lists_every_operation_without_a_csp_violation(live_server: Any, page: Any) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 16
    assert "Kinerja API" in page.locator(".title").first.inner_text()
    assert page.get_by_text("/api/v1/pd/{slug}/realisasi/{year}/{quarter}/k/{id}/").count() >= 1
    assert outside == [] and [p for p in problems if "Content Security Policy" in p or "failed" in p] == []
