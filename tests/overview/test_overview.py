"""Bappeda's overview on the demo: each figure is the core's, the filters, who sees which lines."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from domain.types import Severity
from overview.figures import filled
from overview.selectors import NOT_STARTED, Filters, default_quarter, overview_for
from planning.models import Agency
from quarters.models import QuarterReport
from reporting.report import report_build, report_for_quarter
from tests.conftest import submit_explained

TODAY = dt.date(2022, 1, 10)  # after TW IV 2021's default deadline, 7 January 2022


def _line(overview: Any, slug: str) -> Any:
    return next(line for line in overview.lines if line.agency.slug == slug)


def test_the_demo_line_is_the_cores_report(agency, people) -> None:
    overview = overview_for(user=people["verifier"], region=agency.region, year=2021, quarter=4, today=TODAY)
    line = _line(overview, agency.slug)
    report = report_build(agency=agency, year=2021, quarter=4)
    ev = report.evaluation
    assert line.average == ev.average and line.rating == ev.rating == "Sangat Tinggi"
    for severity in Severity:
        assert line.findings[severity] == sum(f.severity is severity for f in ev.findings)
    assert line.errors > 0
    assert line.filled == filled(ev, 4)
    # Checked against the tables themselves: the K values stored for TW IV, the indicators, the rows with a pagu.
    from planning.models import Indicator, Realization, WorkPlanRow

    assert line.filled.indicators_total == Indicator.objects.filter(row__strategic_plan__agency=agency).count()
    assert (
        line.filled.indicators
        == Realization.objects.filter(indicator__row__strategic_plan__agency=agency, year=2021, quarter=4).count()
    )
    assert (
        line.filled.budgets_total
        == WorkPlanRow.objects.filter(work_plan__strategic_plan__agency=agency, budget__isnull=False).count()
    )
    assert line.status == "draft"  # figures entered, no document yet
    assert line.deadline == dt.date(2022, 1, 7)
    assert line.days_left == -3 and line.late and line.deadline_text == "lewat 3 hari"
    assert line.last_change is not None


def test_status_follows_the_workflow_and_the_approved_copy(agency, people) -> None:
    submit_explained(agency=agency, year=2021, quarter=4, actor=people["operator"])
    line = _line(
        overview_for(user=people["verifier"], region=agency.region, year=2021, quarter=4, today=TODAY), agency.slug
    )
    assert line.status == "submitted" and line.status_label == "Diajukan" and not line.late
    from quarters.workflow import quarter_approve

    quarter_approve(agency=agency, year=2021, quarter=4, actor=people["verifier"])
    line = _line(
        overview_for(user=people["verifier"], region=agency.region, year=2021, quarter=4, today=TODAY), agency.slug
    )
    assert line.status == "approved"
    assert [c.status for c in line.cells][3] == "approved"
    frozen = report_for_quarter(agency=agency, year=2021, quarter=4).evaluation
    assert line.errors == sum(f.severity is Severity.ERROR for f in frozen.findings)


def test_a_pd_with_nothing_entered_has_not_started(agency, people) -> None:
    Agency.objects.create(region=agency.region, slug="pd-baru", name="PD Baru")
    overview = overview_for(user=people["verifier"], region=agency.region, year=2021, quarter=4, today=TODAY)
    line = _line(overview, "pd-baru")
    assert line.status == NOT_STARTED and line.status_label == "Belum mulai" and not line.has_plan
    assert overview.counts[NOT_STARTED] >= 1 and overview.total == 2


@pytest.mark.parametrize(
    ("filters", "shown"),
    [
        (Filters(), {"diskopum-lumajang", "pd-baru"}),
        (Filters(status="draft"), {"diskopum-lumajang"}),
        (Filters(status=NOT_STARTED), {"pd-baru"}),
        (Filters(status="approved"), set()),
        (Filters(late=True), {"diskopum-lumajang", "pd-baru"}),
        (Filters(errors=True), {"diskopum-lumajang"}),
    ],
)
def test_filters(agency, people, filters, shown) -> None:
    Agency.objects.create(region=agency.region, slug="pd-baru", name="PD Baru")
    overview = overview_for(
        user=people["verifier"], region=agency.region, year=2021, quarter=4, filters=filters, today=TODAY
    )
    assert {line.agency.slug for line in overview.lines} == shown


def test_a_pd_operator_sees_only_its_own_line(client, agency, people) -> None:
    Agency.objects.create(region=agency.region, slug="pd-baru", name="PD Baru")
    client.force_login(people["operator"])
    body = client.get(reverse("overview:overview", args=["lumajang"]) + "?tahun=2021&triwulan=4").content.decode()
    assert "Dinas Koperasi" in body and "PD Baru" not in body
    assert reverse("quarters:verify", args=[agency.slug, 2021, 4]) not in body  # not Bappeda: no verification link
    client.force_login(people["verifier"])
    body = client.get(reverse("overview:overview", args=["lumajang"]) + "?tahun=2021&triwulan=4").content.decode()
    assert "PD Baru" in body and reverse("quarters:verify", args=[agency.slug, 2021, 4]) in body
    assert reverse("quarters:entry", args=[agency.slug, 2021, 4]) in body
    assert reverse("report", args=[agency.slug, 2021, 4]) in body


def test_the_page_shows_the_filters_and_refuses_an_unknown_status(client, people) -> None:
    client.force_login(people["reader"])
    url = reverse("overview:overview", args=["lumajang"])
    assert client.get(url + "?status=hilang").status_code == 404
    assert client.get(url + "?triwulan=5").status_code == 404
    body = client.get(url + "?tahun=2021&triwulan=4&galat=1").content.decode()
    assert 'name="galat" value="1" checked' in body


def test_the_entry_redirects_to_the_users_pemda(client, people) -> None:
    client.force_login(people["reader"])
    assert client.get(reverse("overview:overview_home"))["Location"] == reverse("overview:overview", args=["lumajang"])


@pytest.mark.parametrize(
    ("year", "today", "quarter"),
    [
        (2021, dt.date(2021, 5, 2), 1),
        (2021, dt.date(2021, 2, 1), 1),
        (2021, dt.date(2021, 12, 31), 3),
        (2020, dt.date(2021, 5, 2), 4),
    ],
)
def test_default_quarter(year, today, quarter) -> None:
    assert default_quarter(year, today) == quarter


def test_the_schedule_moves_the_deadline(agency, people) -> None:
    from overview.services import schedule_set

    QuarterReport.objects.filter(agency=agency, year=2021, quarter=4).update(deadline=dt.date(2022, 1, 7))
    schedule_set(
        region=agency.region, year=2021, working_days=10, holidays=[dt.date(2022, 1, 3)], deadlines={},
        actor=people["admin"], reason="Surat Edaran Bupati",
    )  # fmt: skip
    # 10 working days after 31 Dec 2021, skipping Monday 3 January: Monday 17 January 2022.
    assert QuarterReport.objects.get(agency=agency, year=2021, quarter=4).deadline == dt.date(2022, 1, 17)
    line = _line(
        overview_for(user=people["verifier"], region=agency.region, year=2021, quarter=4, today=TODAY), agency.slug
    )
    assert line.deadline == dt.date(2022, 1, 17) and not line.late and line.deadline_text == "7 hari lagi"
    from quarters.workflow import quarter_deadline

    assert quarter_deadline(2021, 3, region=agency.region_id) == dt.date(2021, 10, 14)  # from Thu 30 Sep
    assert quarter_deadline(2021, 3) == dt.date(2021, 10, 7)  # without the pemda: the default
    assert quarter_deadline(2022, 3, region=agency.region_id) == dt.date(2022, 10, 7)  # no schedule for 2022
