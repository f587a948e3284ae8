"""Amending a Renja (perubahan) without losing the original."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import QuarterlyTarget, WorkPlan, WorkPlanIndicator, WorkPlanRow
from planning.roles import can_enter, is_bappeda, require
from quarters.locks import plan_locked_years


def work_plan_amend(*, work_plan: WorkPlan, actor: Any, reason: str, label: str = "") -> WorkPlan:
    """Start a new revision of ``work_plan``'s year as a copy of it; the copy becomes the active one.

    The original keeps its targets and pagu (and stays readable); reports use the latest active revision,
    approved quarters keep their frozen copy.  The PD may amend a year none of whose quarters is approved;
    once one is, only Bappeda may (DOMAIN.md section 9).
    """
    agency = work_plan.strategic_plan.agency
    if not reason.strip():
        raise ServiceError("Alasan perubahan Renja wajib diisi.")
    if plan_locked_years(agency=agency, years=[work_plan.year]):
        require(
            is_bappeda(actor, agency.region_id),
            f"Renja {work_plan.year} {agency.name} sudah memiliki triwulan yang disetujui: "
            "perubahan hanya dapat dicatat oleh Bappeda.",
        )
    else:
        require(
            can_enter(actor, agency) or is_bappeda(actor, agency.region_id),
            f"Hanya perangkat daerah {agency.name} atau Bappeda yang dapat mengubah Renja.",
        )
    with transaction.atomic():
        latest = (
            WorkPlan.objects.select_for_update()
            .filter(strategic_plan=work_plan.strategic_plan, year=work_plan.year)
            .order_by("-revision")
            .first()
        )
        assert latest is not None
        if latest.pk != work_plan.pk:
            raise ServiceError(f"Perubahan hanya dapat dibuat dari revisi terakhir ({latest}).")
        amended = WorkPlan.objects.create(
            strategic_plan=work_plan.strategic_plan,
            year=work_plan.year,
            revision=work_plan.revision + 1,
            label=label or f"Renja perubahan {work_plan.revision + 1}",
            based_on=work_plan,
        )
        WorkPlanRow.objects.bulk_create(
            WorkPlanRow(
                work_plan=amended,
                row_id=r.row_id,
                budget=r.budget,
                prior_budget=r.prior_budget,
                funding_source=r.funding_source,
            )
            for r in WorkPlanRow.objects.filter(work_plan=work_plan)
        )
        WorkPlanIndicator.objects.bulk_create(
            WorkPlanIndicator(
                work_plan=amended,
                indicator_id=i.indicator_id,
                target=i.target,
                prior_realization=i.prior_realization,
                action_plan_unit=i.action_plan_unit,
                drivers=i.drivers,
                obstacles=i.obstacles,
            )
            for i in WorkPlanIndicator.objects.filter(work_plan=work_plan)
        )
        QuarterlyTarget.objects.bulk_create(
            QuarterlyTarget(work_plan=amended, indicator_id=q.indicator_id, quarter=q.quarter, value=q.value)
            for q in QuarterlyTarget.objects.filter(work_plan=work_plan)
        )
        audit_record(
            actor=actor if getattr(actor, "pk", None) else None,
            action="work_plan_amend",
            model="WorkPlan",
            object_id=amended.pk,
            summary=f"{work_plan.strategic_plan.agency} {amended}",
            before={"revision": work_plan.revision},
            after={"revision": amended.revision},
            reason=reason,
        )
    return amended
