"""The province roll-up without building each pemda's E.79: every figure equal to the full E.79's, and
its queries constant in the number of PD (fixed per pemda)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.synthetic import synthetic_document, synthetic_region
from planning.models import Agency, Membership, Region
from planning.roles import SYSTEM
from planning.services.documents import document_load
from reporting.regency.builder import regency_report_build
from reporting.regency.province import province_rollup, regency_summary_of
from tests.conftest import submit_explained
from tests.regency.factory import YEAR

PER_PEMDA = 14  # at most: region_settings + inputs_for_agencies's 13
FIXED = 1  # the PD of every pemda


def _pemda(number: int, agencies: int, rows: int = 12, start: int = 0) -> Region:
    """Synthetic pemda ``provinsi-NN`` with PD ``start`` .. ``agencies - 1`` loaded."""
    slug = f"provinsi-{number:02d}"
    region_doc = synthetic_region(year=YEAR, slug=slug)
    for index in range(start, agencies):
        document = synthetic_document(
            seed=10 + number, index=index, rows=rows, year=YEAR, region=region_doc, slug=f"p{number:02d}-pd-{index:02d}"
        )
        document_load(document=document, actor=SYSTEM, reason="uji")
    return Region.objects.get(slug=slug)


def _full(regions: list[Region], quarter: int) -> tuple[list[object], Decimal, int]:
    """The summaries and the province's sum and count read off each pemda's full E.79."""
    summaries = [regency_summary_of(regency_report_build(region=r, year=YEAR, quarter=quarter)) for r in regions]
    return summaries, sum((s.basis_sum for s in summaries), Decimal(0)), sum(s.basis_count for s in summaries)


def _approve(region: Region, slug: str, django_user_model) -> None:
    agency = Agency.objects.select_related("region").get(slug=slug)
    operator = django_user_model.objects.create_user(f"op-{slug}", password="x" * 12)
    verifier = django_user_model.objects.create_user(f"ver-{slug}", password="x" * 12)
    Membership.objects.create(user=operator, region=region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=verifier, region=region, role=Membership.Role.VERIFIER)
    from quarters.workflow import quarter_approve

    submit_explained(agency=agency, year=YEAR, quarter=4, actor=operator)
    quarter_approve(agency=agency, year=YEAR, quarter=4, actor=verifier)


@pytest.mark.parametrize("quarter", [2, 4])
def test_every_figure_equals_the_full_e79(uji, django_user_model, quarter) -> None:
    # Three pemda of three PD: the hand-checked one, and two synthetic with other settings.
    first, second = _pemda(1, 3), _pemda(2, 3)
    Region.objects.filter(pk=second.pk).update(average_cap=Decimal(100), average_basis="all_rows")
    second.refresh_from_db()
    if quarter == 4:  # an approved PD is taken from its frozen copy, on both paths
        _approve(uji, "uji-pendidikan", django_user_model)
    regions = [uji, first, second]
    expected, total, count = _full(regions, quarter)
    rollup = province_rollup(regions=regions, year=YEAR, quarter=quarter)
    assert list(rollup.regions) == expected
    assert [s.agencies for s in rollup.regions] == [3, 3, 3]
    assert rollup.regions[0].approved == (1 if quarter == 4 else 0)
    assert rollup.average_count == count > 0
    assert rollup.average == total / count
    assert rollup.budget.annual == sum((s.budget.annual for s in expected), Decimal(0))
    if quarter == 4:
        assert rollup.regions[0].average == 84  # the hand-checked pemda (tests/regency/test_e79.py)


def test_a_pemda_without_pd_and_the_order_given(db) -> None:
    empty = Region.objects.create(slug="kosong", name="Kabupaten Kosong", kind="kabupaten", place="Kosong")
    one = _pemda(1, 2)
    rollup = province_rollup(regions=[one, empty], year=YEAR, quarter=4)
    assert [s.region.slug for s in rollup.regions] == ["provinsi-01", "kosong"]
    nothing = rollup.regions[1]
    assert (nothing.agencies, nothing.average, nothing.rating, nothing.basis_count) == (0, None, None, 0)
    assert nothing.budget.annual is None  # blank, not 0
    assert rollup.average == rollup.regions[0].basis_sum / rollup.regions[0].basis_count


def _queries(regions: list[Region]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        province_rollup(regions=regions, year=YEAR, quarter=4)
    return len(ctx.captured_queries)


def test_queries_constant_in_the_number_of_pd_and_fixed_per_pemda(db) -> None:
    regions = [_pemda(1, 2), _pemda(2, 2)]
    small = _queries(regions)
    regions = [_pemda(1, 5, start=2), _pemda(2, 5, start=2)]
    assert Agency.objects.filter(region__in=regions).count() == 10
    assert _queries(regions) == small
    # One more pemda: a fixed number more (13 here: these have no quarter document, so no printed figures).
    per_pemda = _queries([*regions, _pemda(3, 4)]) - small
    assert small == FIXED + 2 * per_pemda
    assert per_pemda <= PER_PEMDA
