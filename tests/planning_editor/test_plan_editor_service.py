"""planning.services.plan_editor: who may write, the lock of approved quarters, the nomenclature's codes,
the audit, amendments and copying a year."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from audit.models import AuditEvent
from domain.types import Level
from planning.editor.selectors import editor_screen
from planning.errors import NotAllowed, QuarterLocked, ServiceError
from planning.models import (
    BudgetRealization,
    Indicator,
    PlanRow,
    QuarterlyTarget,
    Realization,
    WorkPlan,
    WorkPlanIndicator,
    WorkPlanRow,
)
from planning.services import plan_editor as s
from planning.services.work_plans import work_plan_amend
from quarters.models import QuarterReport

pytestmark = pytest.mark.django_db
D = Decimal


def _approve(pd: Any, year: int, quarter: int) -> None:
    QuarterReport.objects.create(agency=pd, year=year, quarter=quarter, status=QuarterReport.Status.APPROVED)


def _writes(plan: dict[str, Any]) -> dict[str, Any]:
    wp, program, share = plan["wp"], plan["program"], plan["share"]
    return {
        "row_add": lambda who: s.row_add(
            work_plan=wp, parent=program, level=Level.ACTIVITY, values=s.RowValues(name="Kegiatan lain"), actor=who
        ),
        "row_update": lambda who: s.row_update(
            work_plan=wp, row=program, values=s.RowValues(name=program.name, code=program.code, budget=D(1)), actor=who
        ),
        "indicator_update": lambda who: s.indicator_update(
            work_plan=wp,
            indicator=share,
            values=s.IndicatorValues(name=share.name, unit="%", aggregation="last", target=D(13)),
            actor=who,
        ),
        "copy": lambda who: s.work_plan_copy(work_plan=wp, year=2027, actor=who),
    }


@pytest.mark.parametrize("write", ["row_add", "row_update", "indicator_update", "copy"])
@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("operator", True),
        ("kepala", True),
        ("verifier", True),
        ("admin", True),
        ("reader", False),
        ("sibling", False),
        ("other_verifier", False),
        ("nobody", False),
    ],
)
def test_who_may_write_the_plan(small_plan, people, write, persona, allowed) -> None:
    action = _writes(small_plan)[write]
    if allowed:
        action(people[persona])
    else:
        with pytest.raises(NotAllowed):
            action(people[persona])


@pytest.mark.parametrize("write", ["row_add", "row_update", "indicator_update"])
def test_an_approved_quarter_locks_the_year_for_the_pd(small_plan, people, pd, write) -> None:
    _approve(pd, 2026, 1)
    before = AuditEvent.objects.count()
    with pytest.raises(QuarterLocked, match="Bappeda"):
        _writes(small_plan)[write](people["operator"])
    with pytest.raises(ServiceError, match="alasan perubahan wajib"):
        _writes(small_plan)[write](people["verifier"])
    assert AuditEvent.objects.count() == before


def test_bappeda_changes_a_locked_year_with_a_reason_recorded(small_plan, people, pd) -> None:
    _approve(pd, 2026, 2)
    share, wp = small_plan["share"], small_plan["wp"]
    s.indicator_update(
        work_plan=wp,
        indicator=share,
        values=s.IndicatorValues(
            name=share.name,
            unit="%",
            aggregation="last",
            strategic_target=D(25),
            target=D(15),
            quarters=(D(3), D(6), D(9), D(15)),
        ),
        actor=people["verifier"],
        reason="hasil rapat evaluasi triwulan II",
    )
    event = AuditEvent.objects.filter(model="Indicator", object_id=str(share.pk)).latest("id")
    assert event.actor == people["verifier"] and event.reason == "hasil rapat evaluasi triwulan II"
    assert event.before == {"target": "12", "tw4": "12"}
    assert event.after == {"target": "15", "tw4": "15", "tahun_terkunci": [2026]}
    assert event.source == "editor rencana"


def test_a_renstra_change_is_locked_by_any_year_of_the_period(small_plan, people, pd) -> None:
    """Rows and indicators belong to the Renstra: an approved quarter of 2025 locks them for 2026 too,
    while 2026's own pagu and targets stay the PD's to set."""
    _approve(pd, 2025, 4)
    program, wp = small_plan["program"], small_plan["wp"]
    with pytest.raises(QuarterLocked):
        s.row_update(
            work_plan=wp,
            row=program,
            values=s.RowValues(name="PROGRAM LAIN", code=program.code),
            actor=people["operator"],
        )
    s.row_update(
        work_plan=wp,
        row=program,
        values=s.RowValues(name=program.name, code=program.code, budget=D("600000000"), funding_source="DAK"),
        actor=people["operator"],
    )
    assert WorkPlanRow.objects.get(work_plan=wp, row=program).budget == D("600000000")


def test_every_change_is_audited_with_before_and_after(small_plan, people) -> None:
    program, wp = small_plan["program"], small_plan["wp"]
    s.row_update(
        work_plan=wp,
        row=program,
        values=s.RowValues(name=program.name, code=program.code, budget=D("450000000"), responsible_unit="Bidang UM"),
        actor=people["kepala"],
        reason="pagu definitif",
    )
    event = AuditEvent.objects.filter(model="PlanRow", object_id=str(program.pk), action="update").get()
    assert event.before == {"responsible_unit": "", "budget": "500000000"}
    assert event.after == {"responsible_unit": "Bidang UM", "budget": "450000000"}
    assert event.actor == people["kepala"] and event.reason == "pagu definitif"
    # Saving the same values again is no change and no event.
    s.row_update(
        work_plan=wp,
        row=PlanRow.objects.get(pk=program.pk),
        values=s.RowValues(name=program.name, code=program.code, budget=D("450000000"), responsible_unit="Bidang UM"),
        actor=people["kepala"],
    )
    assert AuditEvent.objects.filter(model="PlanRow", object_id=str(program.pk), action="update").count() == 1


@pytest.mark.parametrize(
    ("level", "parent", "code", "message"),
    [
        (Level.GOAL, None, "2.17.07", "Tujuan dan sasaran tidak memakai kode"),
        (Level.ACTIVITY, "program", "2.17.07.2", "harus terdiri dari 5 bagian"),
        (Level.ACTIVITY, "program", "2.18.07.2.01", "tidak berada di bawah kode induk '2.17.07'"),
        (Level.SUB_ACTIVITY, "activity", "2.17.07.2.01.04", "memakai 4 digit"),
        (Level.PROGRAM, "activity", "2.17.08", "tidak dapat berada di bawah activity"),
        (Level.ACTIVITY, "program", "", "Nama baris wajib"),
    ],
)
def test_bad_codes_and_levels_are_refused(small_plan, people, level, parent, code, message) -> None:
    name = "" if message.startswith("Nama") else "Baris uji"
    with pytest.raises(ServiceError, match=message):
        s.row_add(
            work_plan=small_plan["wp"],
            parent=small_plan[parent] if parent else None,
            level=level,
            values=s.RowValues(name=name, code=code),
            actor=people["operator"],
        )


def test_a_parent_code_change_must_keep_its_children_under_it(small_plan, people) -> None:
    program = small_plan["program"]
    with pytest.raises(ServiceError, match=r"2\.17\.07\.2\.01\) tidak lagi berada di bawahnya"):
        s.row_update(
            work_plan=small_plan["wp"],
            row=program,
            values=s.RowValues(name=program.name, code="2.17.03", budget=D("500000000")),
            actor=people["operator"],
        )


def test_a_code_outside_the_list_is_allowed_but_marked(small_plan, people) -> None:
    wp = small_plan["wp"]
    s.row_add(
        work_plan=wp,
        parent=small_plan["program"],
        level=Level.ACTIVITY,
        values=s.RowValues(name="Kegiatan khusus daerah", code="2.17.07.2.99"),
        actor=people["operator"],
    )
    s.row_add(
        work_plan=wp,
        parent=small_plan["objective"],
        level=Level.PROGRAM,
        values=s.RowValues(name="Program penunjang dinas", code="2.17.01"),
        actor=people["operator"],
    )
    rows = {r.code: r for r in editor_screen(wp).rows}
    assert rows["2.17.07.2.99"].in_list is False
    assert rows["2.17.07.2.01.0004"].in_list is True and not rows["2.17.07.2.01.0004"].name_differs
    assert rows["2.17.01"].in_list is True  # the Penunjang program under the PD's bidang
    assert rows["2.17.01"].name_differs  # its official name is PROGRAM PENUNJANG URUSAN ...


def test_a_row_without_a_code_is_told_the_code_of_its_name(small_plan, people) -> None:
    wp = small_plan["wp"]
    for level, parent, name in (
        (Level.SUB_ACTIVITY, "activity", "pemberdayaan melalui kemitraan usaha mikro"),  # case differs
        (Level.ACTIVITY, "program", "Administrasi Keuangan Perangkat Daerah"),  # Penunjang, under the PD's bidang
        (Level.ACTIVITY, "program", "Kegiatan yang tidak ada"),
    ):
        s.row_add(
            work_plan=wp,
            parent=small_plan[parent],
            level=level,
            values=s.RowValues(name=name),
            actor=people["operator"],
        )
    rows = {r.name: r for r in editor_screen(wp).rows}
    assert rows["pemberdayaan melalui kemitraan usaha mikro"].suggested_code == "2.17.07.2.01.0002"
    assert rows["Administrasi Keuangan Perangkat Daerah"].suggested_code == "2.17.01.2.02"
    assert rows["Kegiatan yang tidak ada"].suggested_code == ""
    assert rows["Kegiatan yang tidak ada"].in_list is False


def test_rows_are_placed_after_their_parents_subtree(small_plan, people) -> None:
    wp = small_plan["wp"]
    second = s.row_add(
        work_plan=wp,
        parent=small_plan["program"],
        level=Level.ACTIVITY,
        values=s.RowValues(name="Kegiatan kedua"),
        actor=people["operator"],
    )
    names = [r.name for r in editor_screen(wp).rows]
    assert names.index("Kegiatan kedua") == len(names) - 1
    goal2 = s.row_add(
        work_plan=wp, parent=None, level=Level.GOAL, values=s.RowValues(name="Tujuan dua"), actor=people["operator"]
    )
    assert PlanRow.objects.get(pk=goal2.pk).position > PlanRow.objects.get(pk=second.pk).position


def test_quarterly_targets_are_set_and_cleared(small_plan, people) -> None:
    wp, share = small_plan["wp"], small_plan["share"]
    s.indicator_update(
        work_plan=wp,
        indicator=share,
        values=s.IndicatorValues(
            name=share.name, unit="%", aggregation="last", target=D(12), quarters=(None, D(6), None, D(12))
        ),
        actor=people["operator"],
    )
    stored = dict(QuarterlyTarget.objects.filter(work_plan=wp, indicator=share).values_list("quarter", "value"))
    assert stored == {2: D(6), 4: D(12)}


def test_picking_a_sub_kegiatan_brings_its_official_indicator(small_plan) -> None:
    sub = small_plan["sub"]
    indicator = Indicator.objects.get(row=sub)
    assert indicator.unit == "Unit Usaha" and indicator.aggregation == "sum"
    assert WorkPlanIndicator.objects.get(indicator=indicator).target == D(40)


def test_delete_is_refused_once_realised_or_used_by_another_renja(small_plan, people) -> None:
    wp, sub, activity = small_plan["wp"], small_plan["sub"], small_plan["activity"]
    BudgetRealization.objects.create(row=sub, year=2026, quarter=1, amount=D(5))
    with pytest.raises(ServiceError, match="sudah ada realisasi"):
        s.row_delete(work_plan=wp, row=activity, actor=people["operator"])
    BudgetRealization.objects.all().delete()
    Realization.objects.create(indicator=small_plan["share"], year=2026, quarter=1, value=D(3))
    with pytest.raises(ServiceError, match="sudah ada realisasi"):
        s.indicator_delete(work_plan=wp, indicator=small_plan["share"], actor=people["operator"])
    copy = s.work_plan_copy(work_plan=wp, year=2027, actor=people["operator"])
    with pytest.raises(ServiceError, match="dipakai juga oleh Renja 2026"):
        s.row_delete(work_plan=copy, row=activity, actor=people["operator"])
    WorkPlan.objects.filter(pk=copy.pk).delete()
    s.row_delete(work_plan=wp, row=activity, actor=people["operator"], reason="salah susun")
    assert not PlanRow.objects.filter(pk__in=[activity.pk, sub.pk]).exists()
    event = AuditEvent.objects.get(model="PlanRow", object_id=str(activity.pk), action="delete")
    assert event.before["rows"] == 2 and event.reason == "salah susun"


def test_an_amendment_keeps_the_original_and_only_the_latest_is_edited(small_plan, people) -> None:
    wp, share = small_plan["wp"], small_plan["share"]
    amended = work_plan_amend(work_plan=wp, actor=people["operator"], reason="APBD perubahan")
    s.indicator_update(
        work_plan=amended,
        indicator=share,
        values=s.IndicatorValues(
            name=share.name, unit="%", aggregation="last", target=D(10), quarters=(D(2), D(4), D(7), D(10))
        ),
        actor=people["operator"],
    )
    assert WorkPlanIndicator.objects.get(work_plan=wp, indicator=share).target == D(12)
    assert WorkPlanIndicator.objects.get(work_plan=amended, indicator=share).target == D(10)
    with pytest.raises(ServiceError, match="hanya revisi terakhir"):
        s.indicator_update(
            work_plan=wp,
            indicator=share,
            values=s.IndicatorValues(name=share.name, unit="%", aggregation="last", target=D(11)),
            actor=people["operator"],
        )
    assert [w.revision for w in editor_screen(wp).revisions] == [0, 1]
    assert not editor_screen(wp).editable and editor_screen(amended).editable


def test_copying_a_year_is_one_action(small_plan, people) -> None:
    wp = small_plan["wp"]
    copy = s.work_plan_copy(work_plan=wp, year=2027, actor=people["operator"])
    assert copy.revision == 0 and copy.year == 2027
    assert WorkPlanRow.objects.filter(work_plan=copy).count() == WorkPlanRow.objects.filter(work_plan=wp).count()
    assert dict(WorkPlanIndicator.objects.filter(work_plan=copy).values_list("indicator_id", "target")) == dict(
        WorkPlanIndicator.objects.filter(work_plan=wp).values_list("indicator_id", "target")
    )
    assert QuarterlyTarget.objects.filter(work_plan=copy).count() == 8
    with pytest.raises(ServiceError, match="sudah memiliki Renja tahun 2027"):
        s.work_plan_copy(work_plan=wp, year=2027, actor=people["operator"])
    with pytest.raises(ServiceError, match="di luar periode"):
        s.work_plan_copy(work_plan=wp, year=2030, actor=people["operator"])
    assert AuditEvent.objects.filter(action="work_plan_copy", object_id=str(copy.pk)).exists()


def test_renstra_and_renja_creation_is_checked(pd, people) -> None:
    plan = s.strategic_plan_create(agency=pd, start_year=2025, end_year=2029, actor=people["operator"])
    with pytest.raises(ServiceError, match="sudah memiliki Renstra"):
        s.strategic_plan_create(agency=pd, start_year=2027, end_year=2031, actor=people["operator"])
    with pytest.raises(ServiceError, match="di luar periode"):
        s.work_plan_create(strategic_plan=plan, year=2024, actor=people["operator"])
    with pytest.raises(NotAllowed):
        s.work_plan_create(strategic_plan=plan, year=2025, actor=people["reader"])
    s.work_plan_create(strategic_plan=plan, year=2025, actor=people["admin"])
    with pytest.raises(ServiceError, match="sudah memiliki Renja"):
        s.work_plan_create(strategic_plan=plan, year=2025, actor=people["operator"])


def test_a_value_too_big_or_negative_rupiah_or_a_pagu_on_a_sasaran_is_refused(small_plan, people) -> None:
    objective = small_plan["objective"]
    with pytest.raises(ServiceError, match="hanya untuk program, kegiatan dan sub kegiatan"):
        s.row_update(
            work_plan=small_plan["wp"],
            row=objective,
            values=s.RowValues(name=objective.name, budget=D(5)),
            actor=people["operator"],
        )
    program, wp = small_plan["program"], small_plan["wp"]
    with pytest.raises(ServiceError, match="tidak boleh negatif"):
        s.row_update(
            work_plan=wp, row=program, values=s.RowValues(name=program.name, budget=D(-1)), actor=people["operator"]
        )
    with pytest.raises(ServiceError):
        s.row_update(
            work_plan=wp,
            row=program,
            values=s.RowValues(name=program.name, budget=D("1" + "0" * 20)),
            actor=people["operator"],
        )
