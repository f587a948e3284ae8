"""The E.79 runs the same number of queries for 2 PD as for 6 (and so for 50 or 1,500)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.synthetic import REGION_SLUG, synthetic_regency
from planning.models import Region
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.regency.builder import regency_report_build

E79_QUERIES = 15


def _regency(count: int) -> Region:
    for document in synthetic_regency(agencies=count, rows=12, year=2021, seed=3):
        document_load(document=document, actor=SYSTEM, reason="uji")
    return Region.objects.get(slug=REGION_SLUG)


def _count(region: Region, quarter: int = 4) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        report = regency_report_build(region=region, year=2021, quarter=quarter)
    return len(ctx.captured_queries), len(report.agencies)


@pytest.mark.parametrize("quarter", [1, 4])
def test_query_count_is_constant_in_the_number_of_pd(db, quarter) -> None:
    region = _regency(2)
    small, agencies = _count(region, quarter)
    assert agencies == 2
    for document in synthetic_regency(agencies=6, rows=12, year=2021, seed=3):
        document_load(document=document, actor=SYSTEM, reason="uji")
    large, agencies = _count(region, quarter)
    assert agencies == 6
    assert small == large <= E79_QUERIES


def _add_synthetic(region_slug: str, count: int) -> None:
    """``count`` synthetic PD added to the pemda ``region_slug``."""
    from dataclasses import replace

    region = Region.objects.get(slug=region_slug)
    for document in synthetic_regency(agencies=count, rows=12, year=2021, seed=5):
        moved = replace(document, region=replace(document.region, slug=region.slug, name=region.name))
        document_load(document=moved, actor=SYSTEM, reason="uji")
