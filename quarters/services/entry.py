"""What the PD writes around its figures in a quarter: line notes, the quarter's narratives, and the
explanations of error findings that submitting asks for.

Each service: the PD's operator or Kepala only, refused once the quarter is locked or while it waits at
Bappeda (submitted), an optimistic check by version (the second of two people saving the same text is
refused, never a silent overwrite), audited in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from planning.errors import Conflict, ServiceError
from planning.models import Agency, Indicator
from planning.roles import can_enter, person_name, require
from quarters.locks import QUARTER_NAMES, ensure_open
from quarters.models import FindingExplanation, LineNote, QuarterReport
from quarters.workflow import quarter_deadline

NARRATIVE_FIELDS = ("drivers", "obstacles", "follow_up_quarter", "follow_up_renja")
NOTE_FIELDS = ("note", "drivers", "obstacles")
_OPEN = (QuarterReport.Status.DRAFT, QuarterReport.Status.RETURNED)


def _open_report(*, agency: Agency, year: int, quarter: int, actor: Any) -> QuarterReport:
    """The quarter's document, locked for update and created when missing, once every check passed."""
    require(can_enter(actor, agency), f"Hanya operator atau Kepala PD {agency.name} yang dapat mengisi triwulan ini.")
    if quarter not in (1, 2, 3, 4):
        raise ServiceError(f"Triwulan harus 1-4, bukan {quarter}.")
    ensure_open(agency=agency, year=year, quarter=quarter)
    report, _ = QuarterReport.objects.select_for_update().get_or_create(
        agency=agency, year=year, quarter=quarter, defaults={"deadline": quarter_deadline(year, quarter)}
    )
    if report.status not in _OPEN:
        raise ServiceError(
            f"Laporan Triwulan {QUARTER_NAMES[quarter - 1]} berstatus {report.get_status_display()}: "
            "tidak dapat diubah sampai Bappeda mengembalikannya."
        )
    return report


def _texts(values: dict[str, str], allowed: tuple[str, ...], limit_model: str) -> dict[str, str]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ServiceError(f"Isian tidak dikenal: {', '.join(sorted(unknown))}.")
    cleaned = {k: (v or "").strip() for k, v in values.items()}
    for name, text in cleaned.items():
        if len(text) > 5000:
            raise ServiceError(f"{name}: paling banyak 5.000 karakter ({len(text):,} diketik).")
    return cleaned


def narratives_set(
    *, agency: Agency, year: int, quarter: int, values: dict[str, str], expected_version: int, actor: Any
) -> QuarterReport:
    """The quarter's drivers, obstacles and follow-ups (below the E.81 table)."""
    cleaned = _texts(values, NARRATIVE_FIELDS, "QuarterReport")
    with transaction.atomic():
        report = _open_report(agency=agency, year=year, quarter=quarter, actor=actor)
        if report.version != expected_version:
            # Who saved the narratives is in the audit, not on the report: the message names no one.
            raise Conflict(
                "Narasi triwulan ini sudah diubah orang lain sejak Anda membukanya; muat ulang halaman.",
                current={f: getattr(report, f) for f in NARRATIVE_FIELDS},
            )
        before = {f: getattr(report, f) for f in cleaned if getattr(report, f) != cleaned[f]}
        if not before:
            return report
        for name in before:
            setattr(report, name, cleaned[name])
        report.version += 1
        report.save(update_fields=[*before, "version"])
        audit_record(
            actor=actor, action="narratives_set", model="QuarterReport", object_id=report.pk, summary=str(report),
            before=before, after={f: cleaned[f] for f in before}, source="layar entri",
        )  # fmt: skip
    return report


def line_note_set(
    *, indicator: Indicator, year: int, quarter: int, values: dict[str, str], expected_version: int, actor: Any
) -> LineNote:
    """A line's note, drivers and obstacles in this quarter."""
    agency = indicator.row.strategic_plan.agency
    cleaned = _texts(values, NOTE_FIELDS, "LineNote")
    with transaction.atomic():
        report = _open_report(agency=agency, year=year, quarter=quarter, actor=actor)
        note, _ = LineNote.objects.select_for_update().get_or_create(report=report, indicator=indicator)
        if note.version != expected_version:
            who = person_name(note.updated_by) if note.updated_by else ""
            raise Conflict(
                f"Catatan {indicator.name[:60]} sudah diubah orang lain" + (f" ({who})" if who else "")
                + " sejak Anda membukanya; catatan Anda tidak disimpan.",
                current={f: getattr(note, f) for f in NOTE_FIELDS},
                by=who,
                at=note.updated_at,
            )  # fmt: skip
        before = {f: getattr(note, f) for f in cleaned if getattr(note, f) != cleaned[f]}
        if not before:
            return note
        for name in before:
            setattr(note, name, cleaned[name])
        note.version += 1
        note.updated_by = actor if getattr(actor, "pk", None) else None
        note.save()
        audit_record(
            actor=actor, action="line_note_set", model="LineNote", object_id=note.pk,
            summary=f"{indicator.row.name[:60]} / {indicator.name[:60]} {year} TW {QUARTER_NAMES[quarter - 1]}",
            before=before, after={f: cleaned[f] for f in before}, source="layar entri",
        )  # fmt: skip
    return note


def finding_explain(*, agency: Agency, year: int, quarter: int, key: str, text: str, actor: Any) -> None:
    """The PD's explanation of one error finding (``key``: ``domain.findings.finding_key``)."""
    text = text.strip()
    if not key or len(key) > 500:
        raise ServiceError("Temuan tidak dikenal.")
    if len(text) > 2000:
        raise ServiceError("Penjelasan paling banyak 2.000 karakter.")
    with transaction.atomic():
        report = _open_report(agency=agency, year=year, quarter=quarter, actor=actor)
        current = FindingExplanation.objects.select_for_update().filter(report=report, key=key).first()
        before = current.text if current else None
        if not text:
            if current is not None:
                current.delete()
        elif current is None:
            FindingExplanation.objects.create(report=report, key=key, text=text, by=_user(actor))
        elif current.text != text:
            current.text, current.by = text, _user(actor)
            current.save()
        else:
            return
        audit_record(
            actor=actor, action="finding_explain", model="FindingExplanation", object_id=report.pk,
            summary=f"{report} {key[:200]}", before={"text": before}, after={"text": text or None},
            source="layar entri",
        )  # fmt: skip


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None
