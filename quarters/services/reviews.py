"""Bappeda's check of a submitted quarter, line by line, and its return pointing at those lines.

Only Bappeda (``planning.roles.is_bappeda``) of the PD's pemda, only while the quarter waits at Bappeda
(submitted), each change audited in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import Agency, Indicator, PlanRow
from planning.roles import is_bappeda, require
from quarters.locks import QUARTER_NAMES
from quarters.models import QuarterReport, RowReview
from quarters.workflow import quarter_return

MAX_NOTE = 2000


def _waiting_report(*, agency: Agency, year: int, quarter: int) -> QuarterReport:
    report = QuarterReport.objects.select_for_update().filter(agency=agency, year=year, quarter=quarter).first()
    if report is None or report.status != QuarterReport.Status.SUBMITTED:
        status = report.get_status_display() if report else "Draf"
        raise ServiceError(f"Laporan berstatus {status}: baris hanya diperiksa selama laporan diajukan ke Bappeda.")
    return report


def row_review_set(
    *,
    agency: Agency,
    year: int,
    quarter: int,
    row_id: int,
    indicator_id: int | None,
    state: str,
    note: str,
    actor: Any,
) -> RowReview:
    """Mark one line (a plan row with one of its indicators, or the row itself) checked, or needing
    correction with a note the PD will read beside it."""
    require(is_bappeda(actor, agency.region_id), "Hanya Bappeda yang dapat memeriksa baris laporan.")
    if state not in RowReview.State.values:
        raise ServiceError("Pilih: sudah diperiksa, atau perlu perbaikan.")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ServiceError(f"Catatan paling banyak {MAX_NOTE:,} karakter ({len(note):,} diketik).".replace(",", "."))
    if state == RowReview.State.CORRECTION and not note:
        raise ServiceError("Tulis apa yang perlu diperbaiki pada baris ini.")
    row = PlanRow.objects.filter(pk=row_id, strategic_plan__agency=agency).first()
    if row is None:
        raise ServiceError("Baris tidak ditemukan pada rencana perangkat daerah ini.")
    indicator = None
    if indicator_id is not None:
        indicator = Indicator.objects.filter(pk=indicator_id, row=row).first()
        if indicator is None:
            raise ServiceError("Indikator tidak ditemukan pada baris ini.")
    with transaction.atomic():
        report = _waiting_report(agency=agency, year=year, quarter=quarter)
        review = RowReview.objects.select_for_update().filter(report=report, row=row, indicator=indicator).first()
        before = {"state": review.state, "note": review.note} if review else None
        if review is None:
            review = RowReview(report=report, row=row, indicator=indicator)
        elif before == {"state": state, "note": note}:
            return review
        review.state = state
        review.note = note
        review.by = actor if getattr(actor, "pk", None) else None
        review.save()
        place = row.name[:80] + (f" / {indicator.name[:80]}" if indicator else "")
        audit_record(
            actor=actor, action="row_review_set", model="RowReview", object_id=review.pk,
            summary=f"{report} {place}", before=before, after={"state": state, "note": note},
            source="layar verifikasi",
        )  # fmt: skip
    return review


def return_note_with_rows(*, report: QuarterReport, note: str) -> str:
    """The return note as the PD reads it: the verifier's note, then each line marked "perlu perbaikan"
    with its own note."""
    corrections = list(
        RowReview.objects.filter(report=report, state=RowReview.State.CORRECTION)
        .select_related("row", "indicator")
        .order_by("row__position", "row_id", "indicator__position", "indicator_id")
    )
    text = note.strip()
    if corrections:
        lines = [
            f"- {r.row.name}" + (f" / {r.indicator.name}" if r.indicator else "") + (f": {r.note}" if r.note else "")
            for r in corrections
        ]
        text = (text + "\n\n" if text else "") + "Baris yang perlu diperbaiki:\n" + "\n".join(lines)
    return text


def quarter_return_reviewed(*, agency: Agency, year: int, quarter: int, note: str, actor: Any) -> QuarterReport:
    """Return the quarter to the PD with the verifier's note and the lines marked for correction listed in
    it (``quarters.workflow.quarter_return`` does the transition, its checks and its audit)."""
    require(is_bappeda(actor, agency.region_id), "Hanya Bappeda yang dapat mengembalikan laporan.")
    with transaction.atomic():
        report = QuarterReport.objects.select_for_update().filter(agency=agency, year=year, quarter=quarter).first()
        if (
            report is not None
            and not note.strip()
            and not report.reviews.filter(state=RowReview.State.CORRECTION).exists()
        ):
            raise ServiceError("Tulis catatan pengembalian, atau tandai baris yang perlu diperbaiki.")
        full = return_note_with_rows(report=report, note=note) if report is not None else note
        if not full.strip():
            raise ServiceError(f"Catatan pengembalian Triwulan {QUARTER_NAMES[quarter - 1]} wajib diisi.")
        return quarter_return(agency=agency, year=year, quarter=quarter, actor=actor, note=full)
