"""The quarter's workflow (DOMAIN.md section 9): Draf -> Diajukan -> Disetujui, or Dikembalikan -> Draf.

One service per transition, each validating the current state and the actor's role (``planning.roles``),
and writing its audit record in the same transaction.  Only Bappeda (verifier or pemda admin) approves,
returns and unlocks.  Approval freezes the report (``reporting.frozen``); unlocking supersedes that copy,
which stays as history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from domain.types import Severity
from planning.errors import ServiceError
from planning.models import Agency
from planning.roles import can_submit, is_bappeda, require
from quarters.models import QuarterReport
from quarters.services.notices import quarter_notify

S = QuarterReport.Status


def quarter_deadline(year: int, quarter: int, working_days: int = 5, *, region: Any = None) -> dt.date:
    """The PD's deadline: ``working_days`` working days (Monday-Friday) after the quarter ends; with
    ``region``, the pemda's own schedule of the year when it set one (``overview.deadlines``)."""
    if region is not None:
        from overview.deadlines import scheduled_deadline

        scheduled = scheduled_deadline(region=region, year=year, quarter=quarter)
        if scheduled is not None:
            return scheduled
    end_month = quarter * 3
    day = dt.date(year + (end_month == 12), end_month % 12 + 1, 1) - dt.timedelta(days=1)
    counted = 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return day


def _transition(report: QuarterReport, *, to: str, actor: Any, reason: str, action: str) -> QuarterReport:
    before = report.status
    report.status = to
    report.status_changed_at = timezone.now()
    report.status_changed_by = actor if getattr(actor, "pk", None) else None  # none for SYSTEM
    if to == S.RETURNED:
        report.return_note = reason
    report.save(update_fields=["status", "status_changed_at", "status_changed_by", "return_note"])
    audit_record(
        actor=actor,
        action=action,
        model="QuarterReport",
        object_id=report.pk,
        summary=str(report),
        before={"status": before},
        after={"status": to},
        reason=reason,
    )
    return report


def _locked_report(agency: Agency, year: int, quarter: int) -> QuarterReport:
    report, _ = QuarterReport.objects.select_for_update().get_or_create(
        agency=agency,
        year=year,
        quarter=quarter,
        defaults={"deadline": quarter_deadline(year, quarter, region=agency.region_id)},
    )
    return report


def quarter_submit(*, agency: Agency, year: int, quarter: int, actor: Any) -> QuarterReport:
    with transaction.atomic():
        report = _locked_report(agency, year, quarter)
        require(can_submit(actor, agency), "Hanya operator atau Kepala PD ini yang dapat mengajukan laporan.")
        if report.status not in (S.DRAFT, S.RETURNED):
            raise ServiceError(f"Laporan berstatus {report.get_status_display()}, tidak dapat diajukan.")
        missing = unexplained_errors(report)
        if missing:
            listing = "\n".join(f"  - {text}" for text in missing[:10])
            more = f"\n  ... dan {len(missing) - 10} lagi" if len(missing) > 10 else ""
            raise ServiceError(
                f"{len(missing)} temuan kesalahan perlu penjelasan PD sebelum laporan dapat diajukan:\n{listing}{more}"
            )
        report = _transition(report, to=S.SUBMITTED, actor=actor, reason="", action="quarter_submit")
        quarter_notify(report=report, actor=actor)
        return report


def unexplained_errors(report: QuarterReport) -> list[str]:
    """The error-level findings of the quarter (as computed now) that the PD has not explained yet,
    as their messages.  The findings are the report's, so the reports are asked to compute them."""
    from domain.findings import finding_key
    from reporting.finding_text import finding_message
    from reporting.report import report_build

    evaluation = report_build(agency=report.agency, year=report.year, quarter=report.quarter).evaluation
    explained = set(report.explanations.values_list("key", flat=True))
    return [
        finding_message(f)
        for f in evaluation.findings
        if f.severity is Severity.ERROR and finding_key(f) not in explained
    ]


def quarter_approve(*, agency: Agency, year: int, quarter: int, actor: Any) -> QuarterReport:
    with transaction.atomic():
        report = _locked_report(agency, year, quarter)
        require(is_bappeda(actor, agency.region_id), "Hanya Bappeda yang dapat menyetujui laporan.")
        if report.status != S.SUBMITTED:
            raise ServiceError(
                f"Laporan berstatus {report.get_status_display()}: hanya laporan yang diajukan dapat disetujui."
            )
        report = _transition(report, to=S.APPROVED, actor=actor, reason="", action="quarter_approve")
        # The frozen copy is the report itself, so approving asks the reports to draw it: the one place
        # the quarters look up to reporting, in the same transaction as the approval.
        from reporting.frozen import report_freeze

        frozen = report_freeze(quarter_report=report, actor=actor, at=report.status_changed_at)
        audit_record(
            actor=actor,
            action="report_freeze",
            model="ApprovedReport",
            object_id=frozen.pk,
            summary=f"{report} salinan beku",
            after={"sha256": frozen.sha256, "approved_by": frozen.approved_by_name},
        )
        quarter_notify(report=report, actor=actor)
        return report


def quarter_return(*, agency: Agency, year: int, quarter: int, actor: Any, note: str) -> QuarterReport:
    with transaction.atomic():
        report = _locked_report(agency, year, quarter)
        require(is_bappeda(actor, agency.region_id), "Hanya Bappeda yang dapat mengembalikan laporan.")
        if report.status != S.SUBMITTED:
            raise ServiceError(
                f"Laporan berstatus {report.get_status_display()}: hanya laporan yang diajukan dapat dikembalikan."
            )
        if not note.strip():
            raise ServiceError("Catatan pengembalian wajib diisi.")
        report = _transition(report, to=S.RETURNED, actor=actor, reason=note, action="quarter_return")
        quarter_notify(report=report, actor=actor)
        return report


def quarter_unlock(*, agency: Agency, year: int, quarter: int, actor: Any, reason: str) -> QuarterReport:
    """Bappeda reopens an approved quarter for correction; the reason is required and recorded."""
    with transaction.atomic():
        report = _locked_report(agency, year, quarter)
        require(is_bappeda(actor, agency.region_id), "Hanya Bappeda yang dapat membuka kunci laporan.")
        if report.status != S.APPROVED:
            raise ServiceError("Hanya laporan yang disetujui yang terkunci.")
        if not reason.strip():
            raise ServiceError("Alasan membuka kunci wajib diisi.")
        report.approvals.filter(superseded_at__isnull=True).update(
            superseded_at=timezone.now(), superseded_reason=reason
        )
        report = _transition(report, to=S.DRAFT, actor=actor, reason=reason, action="quarter_unlock")
        quarter_notify(report=report, actor=actor)
        return report
