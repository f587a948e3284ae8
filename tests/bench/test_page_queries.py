"""Pages run a constant number of SQL queries, whatever the number of agencies or rows (issue 5).

The pinned numbers count Django's own queries too (session, user), so a page that starts querying
per agency or per row fails here before it is slow in production.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.synthetic import synthetic_document, synthetic_region
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.renderers import RENDERERS

TOPBAR_QUERIES = 1  # an HTML page's top bar: unread notices and the verification link (quarters.context_processors)
HOME_QUERIES = 4 + TOPBAR_QUERIES  # session, user, agencies with their pemda, years with a Renja
# session, user, the agency, its frozen copy if approved, the report's fixed set (tests/test_report_queries.py);
# 16 since the report marks the rows with bukti dukung (one query for the quarter's evidence rows).
REPORT_QUERIES = 16


def load_agencies(count: int, rows: int, first: int = 0) -> list[str]:
    region = synthetic_region(year=2021)
    slugs = []
    for index in range(first, first + count):
        document = synthetic_document(seed=5, index=index, rows=rows, year=2021, region=region)
        document_load(document=document, actor=SYSTEM)
        slugs.append(document.agency.slug)
    return slugs


def queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


def test_home_does_not_query_per_agency(admin_client, django_assert_num_queries) -> None:
    url = reverse("home")
    few = queries(admin_client, url)
    load_agencies(12, rows=3)
    with django_assert_num_queries(HOME_QUERIES):
        response = admin_client.get(url)
    assert response.content.count(b"TW IV") >= 13  # the demo's PD and the twelve new ones
    assert few == HOME_QUERIES


@pytest.fixture
def small_and_large(db) -> tuple[str, str]:
    [small] = load_agencies(1, rows=10)
    [large] = load_agencies(1, rows=150, first=1)
    return small, large


@pytest.mark.parametrize("fmt", [None, *sorted(RENDERERS)])
def test_report_pages_do_not_query_per_row(admin_client, small_and_large, fmt: str | None) -> None:
    def url(slug: str) -> str:
        if fmt is None:
            return reverse("report", args=[slug, 2021, 4])
        return reverse("report_download", args=[slug, 2021, 4, fmt])

    small, large = (queries(admin_client, url(slug)) for slug in small_and_large)
    assert small == large == REPORT_QUERIES + (TOPBAR_QUERIES if fmt is None else 0)
