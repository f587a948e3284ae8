"""Services for single writes: realisation entry, the quarter workflow and its lock, Renja amendment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from planning.errors import QuarterLocked, ServiceError
from planning.models import Indicator, Membership, PlanRow, Realization, WorkPlan, WorkPlanIndicator
from planning.services.realizations import budget_realization_set, realization_set
from planning.services.work_plans import work_plan_amend
from quarters.models import QuarterReport
from quarters.workflow import (
    quarter_approve,
    quarter_deadline,
    quarter_return,
    quarter_unlock,
)
from reporting.report import report_build
from tests.conftest import submit_explained

D = Decimal
ASN = "Jumlah ASN terlayani gaji dan tunjangan"


@pytest.fixture
def people(agency, django_user_model):
    operator = django_user_model.objects.create_user("op", password="x" * 12)
    verifier = django_user_model.objects.create_user("ver", password="x" * 12)
    Membership.objects.create(user=operator, region=agency.region, agency=agency, role=Membership.Role.OPERATOR)
    Membership.objects.create(user=verifier, region=agency.region, role=Membership.Role.VERIFIER)
    return operator, verifier


def test_realization_set_writes_value_and_history(agency, people) -> None:
    operator, _ = people
    indicator = Indicator.objects.get(name=ASN)
    assert realization_set(indicator=indicator, year=2021, quarter=3, value=D(23), actor=operator, reason="koreksi")
    assert Realization.objects.get(indicator=indicator, year=2021, quarter=3).value == D(23)
    event = AuditEvent.objects.filter(action="realization_set").latest("id")
    assert (event.actor, event.before, event.after, event.reason) == (
        operator,
        {"value": "24"},
        {"value": "23"},
        "koreksi",
    )
    assert not realization_set(indicator=indicator, year=2021, quarter=3, value=D(23), actor=operator)  # no change


def test_clearing_a_value_makes_it_not_reported(agency, people) -> None:
    indicator = Indicator.objects.get(name=ASN)
    realization_set(indicator=indicator, year=2021, quarter=2, value=None, actor=people[0])
    row = next(
        r
        for r in report_build(agency=agency, year=2021, quarter=4).evaluation.rows
        if r.indicator and r.indicator.name == ASN
    )
    assert row.quarters[1].value is None
    assert row.annual_realization.value == D(24)  # still the latest level, blank not read as 0


def test_budget_realization_refuses_negative(agency, people) -> None:
    row = PlanRow.objects.get(name="Penyediaan Bahan Logistik Kantor")
    with pytest.raises(ServiceError, match="negatif"):
        budget_realization_set(row=row, year=2021, quarter=2, amount=D(-1), actor=people[0])
    assert budget_realization_set(row=row, year=2021, quarter=2, amount=D("1500.50"), actor=people[0])


def test_workflow_and_lock(agency, people) -> None:
    operator, verifier = people
    with pytest.raises(ServiceError, match="Bappeda"):
        quarter_approve(agency=agency, year=2021, quarter=3, actor=operator)
    submit_explained(agency=agency, year=2021, quarter=3, actor=operator)
    with pytest.raises(ServiceError, match="Catatan pengembalian"):
        quarter_return(agency=agency, year=2021, quarter=3, actor=verifier, note=" ")
    quarter_return(agency=agency, year=2021, quarter=3, actor=verifier, note="Lengkapi TW III")
    submit_explained(agency=agency, year=2021, quarter=3, actor=operator)
    report = quarter_approve(agency=agency, year=2021, quarter=3, actor=verifier)
    assert report.status == QuarterReport.Status.APPROVED and report.deadline == dt.date(2021, 10, 7)

    indicator = Indicator.objects.get(name=ASN)
    with pytest.raises(QuarterLocked, match="Triwulan III"):
        realization_set(indicator=indicator, year=2021, quarter=3, value=D(1), actor=operator)
    assert realization_set(indicator=indicator, year=2021, quarter=4, value=D(25), actor=operator)  # other quarter open

    with pytest.raises(ServiceError, match="Alasan"):
        quarter_unlock(agency=agency, year=2021, quarter=3, actor=verifier, reason="")
    with pytest.raises(ServiceError, match="Bappeda"):
        quarter_unlock(agency=agency, year=2021, quarter=3, actor=operator, reason="salah ketik")
    quarter_unlock(agency=agency, year=2021, quarter=3, actor=verifier, reason="salah ketik")
    assert realization_set(indicator=indicator, year=2021, quarter=3, value=D(1), actor=operator)
    actions = list(
        AuditEvent.objects.filter(model="QuarterReport", action__startswith="quarter_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["quarter_submit", "quarter_return", "quarter_submit", "quarter_approve", "quarter_unlock"]


@pytest.mark.parametrize(
    ("year", "quarter", "deadline"),
    [
        (2021, 4, dt.date(2022, 1, 7)),
        (2021, 1, dt.date(2021, 4, 7)),
        (2021, 2, dt.date(2021, 7, 7)),
        (2024, 3, dt.date(2024, 10, 7)),
    ],
)
def test_deadline_is_five_working_days_after_the_quarter(year, quarter, deadline) -> None:
    assert quarter_deadline(year, quarter) == deadline


def test_amending_the_renja_keeps_the_original(agency, people) -> None:
    original = WorkPlan.objects.get(strategic_plan__agency=agency, year=2021, revision=0)
    amended = work_plan_amend(work_plan=original, actor=people[1], reason="APBD perubahan")
    umkm = Indicator.objects.get(name="Jumlah UM yang diberdayakan", row__level="program")
    WorkPlanIndicator.objects.filter(work_plan=amended, indicator=umkm).update(target=D(397))
    report = report_build(agency=agency, year=2021, quarter=4)
    assert report.context.work_plan.revision == amended.revision == 1
    program = next(r for r in report.evaluation.rows if r.indicator and r.indicator.key == umkm.pk)
    assert program.annual_achievement.value == D(100)
    assert WorkPlanIndicator.objects.get(work_plan=original, indicator=umkm).target == D(400)  # original kept
    with pytest.raises(ServiceError, match="revisi terakhir"):
        work_plan_amend(work_plan=original, actor=people[1], reason="lagi")
