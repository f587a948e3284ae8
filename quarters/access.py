"""The quarter a user asks for, and what they may do with it: one place for every quarter screen.

Another pemda's or PD's quarter is a 404 (``reporting.access``); a visible quarter whose action the role
does not allow is a 403.  Reading never creates a row: a quarter nobody has touched is an unsaved draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from planning.models import Agency, WorkPlan
from planning.roles import can_enter, can_submit, is_bappeda
from quarters.locks import locked_quarters
from quarters.models import QuarterReport
from quarters.workflow import quarter_deadline
from reporting.access import agency_for_user


@dataclass(frozen=True)
class QuarterAccess:
    agency: Agency
    year: int
    quarter: int
    report: QuarterReport  # unsaved (pk None) while nothing was written for the quarter
    may_enter: bool  # the PD's operator or Kepala, and the quarter is open (draft or returned, not locked)
    may_submit: bool
    may_verify: bool  # Bappeda: approve, return, unlock, review rows
    locked: bool  # this quarter's values may not change (it, or a later quarter, is approved)

    @property
    def status(self) -> str:
        return self.report.status

    @property
    def open_for_entry(self) -> bool:
        return self.report.status in (QuarterReport.Status.DRAFT, QuarterReport.Status.RETURNED) and not self.locked


def quarter_access(user: Any, slug: str, year: int, quarter: int) -> QuarterAccess:
    if quarter not in (1, 2, 3, 4):
        raise Http404("Triwulan 1-4")
    agency = agency_for_user(user, slug)
    if not WorkPlan.objects.filter(strategic_plan__agency=agency, year=year).exists():
        raise Http404(f"Belum ada Renja tahun {year} untuk {agency.name}.")
    report = QuarterReport.objects.filter(agency=agency, year=year, quarter=quarter).first()
    if report is None:
        report = QuarterReport(agency=agency, year=year, quarter=quarter, deadline=quarter_deadline(year, quarter))
    locked = quarter in locked_quarters(agency=agency, year=year)
    enter = can_enter(user, agency)
    open_status = report.status in (QuarterReport.Status.DRAFT, QuarterReport.Status.RETURNED)
    return QuarterAccess(
        agency=agency,
        year=year,
        quarter=quarter,
        report=report,
        may_enter=enter and open_status and not locked,
        may_submit=can_submit(user, agency) and open_status and not locked,
        may_verify=is_bappeda(user, agency.region_id),
        locked=locked,
    )


def require_enter(access: QuarterAccess) -> None:
    if not access.may_enter:
        raise PermissionDenied("Triwulan ini tidak dapat diisi oleh Anda (peran, status atau kunci).")


def require_verify(access: QuarterAccess) -> None:
    if not access.may_verify:
        raise PermissionDenied("Hanya Bappeda yang dapat memverifikasi laporan.")
