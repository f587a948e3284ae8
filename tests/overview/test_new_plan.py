"""A PD from nothing (the plan editor's services, the entry's services) seen on the overview and its
dashboard with figures worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from domain.types import Level
from overview.dashboards import agency_dashboard
from overview.selectors import overview_for
from planning.models import Agency
from planning.roles import SYSTEM
from planning.services.plan_editor import (
    IndicatorValues,
    RowValues,
    indicator_add,
    row_add,
    strategic_plan_create,
    work_plan_create,
)
from planning.services.realizations import budget_realization_set, realization_set

D = Decimal


def test_a_new_pd_on_the_overview_and_its_dashboard(agency, people) -> None:
    pd = Agency.objects.create(region=agency.region, slug="dinas-uji", name="Dinas Uji")
    plan = strategic_plan_create(agency=pd, start_year=2021, end_year=2026, actor=SYSTEM)
    renja = work_plan_create(strategic_plan=plan, year=2021, actor=SYSTEM)
    goal = row_add(work_plan=renja, parent=None, level=Level.GOAL, values=RowValues(name="Tujuan uji"), actor=SYSTEM)
    objective = row_add(
        work_plan=renja, parent=goal, level=Level.OBJECTIVE, values=RowValues(name="Sasaran uji"), actor=SYSTEM
    )
    program = row_add(
        work_plan=renja, parent=objective, level=Level.PROGRAM, actor=SYSTEM,
        values=RowValues(name="Program uji", budget=D(1000), strategic_budget=D(6000)),
    )  # fmt: skip
    activity = row_add(
        work_plan=renja, parent=program, level=Level.ACTIVITY, actor=SYSTEM,
        values=RowValues(name="Kegiatan uji", budget=D(1000), strategic_budget=D(6000)),
    )  # fmt: skip
    sub = row_add(
        work_plan=renja, parent=activity, level=Level.SUB_ACTIVITY, actor=SYSTEM,
        values=RowValues(name="Sub kegiatan uji", budget=D(1000), strategic_budget=D(6000)),
    )  # fmt: skip
    cooperatives = indicator_add(
        work_plan=renja, row=program, actor=SYSTEM,
        values=IndicatorValues(name="Jumlah koperasi dibina", unit="koperasi", target=D(10), strategic_target=D(60),
                               quarters=(D(2), D(3), D(2), D(3))),
    )  # fmt: skip
    trainings = indicator_add(
        work_plan=renja, row=sub, actor=SYSTEM,
        values=IndicatorValues(name="Jumlah pelatihan", unit="kali", target=D(4), strategic_target=D(24),
                               quarters=(D(1), D(1), D(1), D(1))),
    )  # fmt: skip
    realization_set(indicator=cooperatives, year=2021, quarter=1, value=D(2), actor=SYSTEM)
    realization_set(indicator=cooperatives, year=2021, quarter=2, value=D(3), actor=SYSTEM)
    realization_set(indicator=trainings, year=2021, quarter=1, value=D(1), actor=SYSTEM)
    budget_realization_set(row=sub, year=2021, quarter=1, amount=D(300), actor=SYSTEM)
    budget_realization_set(row=sub, year=2021, quarter=2, amount=D(200), actor=SYSTEM)

    overview = overview_for(
        user=people["verifier"], region=agency.region, year=2021, quarter=2, today=dt.date(2021, 7, 1)
    )
    line = next(line for line in overview.lines if line.agency == pd)
    assert [c.status for c in line.cells] == ["draft", "draft", "not_started", "not_started"]
    assert line.status == "draft" and line.deadline == dt.date(2021, 7, 7) and line.days_left == 6 and not line.late
    # TW II: the program's K is entered, the sub kegiatan's not; the three rows with a pagu all have Rp
    # (the sub kegiatan's entered, the kegiatan's and the program's summed from it).
    assert (line.filled.indicators, line.filled.indicators_total) == (1, 2)
    assert (line.filled.budgets, line.filled.budgets_total) == (3, 3)
    assert line.average == D(50)  # the program: 2 + 3 of 10
    assert line.rating == "Sangat Rendah"  # below 51

    dashboard = agency_dashboard(agency=pd, year=2021, quarter=2)
    assert dashboard.chart("capaian-program").rows == (("Program uji", "Jumlah koperasi dibina", D(50), D(50)),)
    assert dashboard.chart("serapan").rows == (
        ("TW I", D(300), D(300), D(1000), D(30)),
        ("TW II", D(200), D(500), D(1000), D(50)),
    )
    assert dashboard.chart("rata-rata").rows == (("TW I", D(20), "Sangat Rendah"), ("TW II", D(50), "Sangat Rendah"))
    assert dashboard.chart("kinerja-anggaran").marked == (False,)
