"""Amending a Renja (perubahan) without losing the original."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import QuarterlyTarget, WorkPlan, WorkPlanIndicator, WorkPlanRow


def work_plan_amend(*, work_plan: WorkPlan, actor: Any, reason: str, label: str = "") -> WorkPlan:
    """Start a new revision of ``work_plan``'s year as a copy of it; the copy becomes the active one.

    The original keeps its targets and pagu (and stays readable); reports use the latest active revision.
    """
    if not reason.strip():
        raise ServiceError("Alasan perubahan Renja wajib diisi.")
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
            actor=actor,
            action="work_plan_amend",
            model="WorkPlan",
            object_id=amended.pk,
            summary=f"{work_plan.strategic_plan.agency} {amended}",
            before={"revision": work_plan.revision},
            after={"revision": amended.revision},
            reason=reason,
        )
    return amended
