"""The batched reports equal the single ones, input by input, and read a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from overview.batch import reports_for_agencies
from planning.models import Agency
from reporting.report import report_for_quarter
from reporting.selectors import report_input_for
from tests.conftest import submit_explained
from tests.overview.conftest import regency


def test_batched_inputs_equal_the_selectors_on_a_synthetic_pemda(db) -> None:
    agencies = regency(3)
    loaded = reports_for_agencies(agencies=agencies, year=2021, quarters=[1, 2, 3, 4])
    assert len(loaded.reports) == 12
    for agency in agencies:
        for quarter in (1, 2, 3, 4):
            single_input, single_context = report_input_for(agency=agency, year=2021, quarter=quarter)
            batched = loaded.reports[agency.pk, quarter]
            assert batched.evaluation.input == single_input
            assert batched.context == single_context
            assert (
                batched.evaluation.findings
                == report_for_quarter(agency=agency, year=2021, quarter=quarter).evaluation.findings
            )


def test_batched_demo_with_stated_figures_and_an_approved_quarter(agency, django_user_model) -> None:
    from planning.models import Membership
    from quarters.workflow import quarter_approve

    operator = django_user_model.objects.create_user("op-b", password="x" * 12)
    verifier = django_user_model.objects.create_user("ver-b", password="x" * 12)
    Membership.objects.create(user=operator, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=verifier, region=agency.region, role=Membership.Role.VERIFIER)
    submit_explained(agency=agency, year=2021, quarter=4, actor=operator)
    quarter_approve(agency=agency, year=2021, quarter=4, actor=verifier)
    loaded = reports_for_agencies(agencies=[agency], year=2021, quarters=[3, 4])
    live_input, live_context = report_input_for(agency=agency, year=2021, quarter=3)
    assert loaded.reports[agency.pk, 3].evaluation.input == live_input
    assert loaded.reports[agency.pk, 3].context == live_context
    approved = report_for_quarter(agency=agency, year=2021, quarter=4)
    assert approved.frozen_json is not None
    assert loaded.reports[agency.pk, 4].frozen_json == approved.frozen_json
    assert loaded.reports[agency.pk, 4].evaluation == approved.evaluation


@pytest.mark.parametrize("count", [1, 4])
def test_queries_do_not_grow_with_the_number_of_agencies(db, count) -> None:
    agencies = regency(count)
    with CaptureQueriesContext(connection) as captured:
        loaded = reports_for_agencies(agencies=agencies, year=2021, quarters=[1, 2, 3, 4])
    assert len(loaded.reports) == 4 * count
    assert len(captured) == 12, [q["sql"][:80] for q in captured]


def test_an_agency_without_renja_has_no_report(agency) -> None:
    empty = Agency.objects.create(region=agency.region, slug="pd-kosong", name="PD Kosong")
    loaded = reports_for_agencies(
        agencies=[agency, Agency.objects.select_related("region").get(pk=empty.pk)], year=2021, quarters=[4]
    )
    assert set(loaded.reports) == {(agency.pk, 4)}


def test_a_digest_is_remembered_by_the_content_of_its_inputs(agency) -> None:
    from decimal import Decimal

    from django.core.cache import cache

    from overview.digests import digest_of, digests_for_agencies
    from planning.models import Realization

    cache.clear()
    first = digests_for_agencies(agencies=[agency], year=2021, quarters=[4]).digests[agency.pk, 4]
    assert first == digest_of(report_for_quarter(agency=agency, year=2021, quarter=4).evaluation)
    assert digests_for_agencies(agencies=[agency], year=2021, quarters=[4]).digests[agency.pk, 4] == first
    value = Realization.objects.filter(indicator__row__strategic_plan__agency=agency, year=2021, quarter=4).first()
    Realization.objects.filter(pk=value.pk).update(value=value.value + Decimal(1000))  # behind the services' back
    changed = digests_for_agencies(agencies=[agency], year=2021, quarters=[4]).digests[agency.pk, 4]
    assert changed == digest_of(report_for_quarter(agency=agency, year=2021, quarter=4).evaluation) != first
