"""The overview and the dashboards run the same number of queries for 1 PD as for 4 (two sizes)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.synthetic import REGION_SLUG
from planning.models import Membership, Region
from tests.overview.conftest import regency


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


PAGES = [
    ("overview", lambda: reverse("overview:overview", args=[REGION_SLUG]) + "?tahun=2021&triwulan=3"),
    (
        "overview-late-filter",
        lambda: reverse("overview:overview", args=[REGION_SLUG]) + "?tahun=2021&triwulan=3&terlambat=1&galat=1",
    ),
    ("region-dashboard", lambda: reverse("overview:region_dashboard", args=[REGION_SLUG, 2021]) + "?triwulan=4"),
    (
        "region-csv",
        lambda: reverse("overview:region_dashboard_csv", args=[REGION_SLUG, 2021, "kinerja-anggaran"]) + "?triwulan=4",
    ),
]


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_pages_of_the_pemda_do_not_grow_with_the_number_of_pd(client, db, bappeda_of, page) -> None:
    url = dict(PAGES)[page]
    regency(1)
    user = bappeda_of(Region.objects.get(slug=REGION_SLUG), Membership.Role.VERIFIER)
    client.force_login(user)
    small = _count(client, url())
    regency(4)
    large = _count(client, url())
    assert small == large
    assert large <= 30


def test_the_pd_dashboard_does_not_grow_with_the_number_of_rows(client, db, bappeda_of) -> None:
    from demo.synthetic import synthetic_document
    from planning.roles import SYSTEM
    from planning.services.documents import document_load

    document_load(document=synthetic_document(seed=1, index=0, rows=15, year=2021), actor=SYSTEM)
    client.force_login(bappeda_of(Region.objects.get(slug=REGION_SLUG)))
    url = reverse("overview:agency_dashboard", args=["pd-01", 2021]) + "?triwulan=4"
    small = _count(client, url)
    document_load(document=synthetic_document(seed=1, index=0, rows=60, year=2021), actor=SYSTEM)
    assert _count(client, url) == small
