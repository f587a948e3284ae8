"""Evidence (bukti dukung): files backing a plan row's figures in one quarter.

``evidence_add`` and ``evidence_remove`` are the only writers: the PD's operator or Kepala, refused once
the quarter is locked or while it waits at Bappeda (``quarters.locks.ensure_open``), audited in the same
transaction.  A file is checked by its content (``quarters.evidence_content``) and its size
(``KINERJA_MAX_EVIDENCE_BYTES``) before anything is written, and stored under ``MEDIA_ROOT`` with a
random name; its own name is kept in the row for the download.  Removing keeps the file (the audit may
need it); it only leaves the list.

``evidence_by_row`` reads a quarter's evidence for the entry screen in one query.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import Agency, PlanRow
from planning.roles import can_enter, require
from quarters.evidence_content import ContentRefused, display_name, evidence_kind
from quarters.locks import QUARTER_NAMES, ensure_open
from quarters.models import Evidence, QuarterReport
from quarters.workflow import quarter_deadline

_OPEN = (QuarterReport.Status.DRAFT, QuarterReport.Status.RETURNED)
MAX_NAME = 255


class EvidenceRefused(ServiceError):
    """The file is not accepted (content, size, duplicate); ``str()`` names the file, in Indonesian."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " MB"


def _period(year: int, quarter: int) -> str:
    return f"Triwulan {QUARTER_NAMES[quarter - 1]} {year}"


def _check_place(*, agency: Agency, year: int, quarter: int, row: PlanRow, actor: Any) -> None:
    require(can_enter(actor, agency), f"Hanya operator atau Kepala PD {agency.name} yang dapat mengelola bukti dukung.")
    if quarter not in (1, 2, 3, 4):
        raise ServiceError(f"Triwulan harus 1-4, bukan {quarter}.")
    plan = row.strategic_plan
    if plan.agency_id != agency.pk or not plan.start_year <= year <= plan.end_year:
        raise ServiceError(f"Baris {row.name[:60]!r} bukan bagian dari rencana {agency.name} tahun {year}.")


def _open_report(*, agency: Agency, year: int, quarter: int) -> QuarterReport:
    """The quarter's document, locked for update and created when missing; refused unless open."""
    ensure_open(agency=agency, year=year, quarter=quarter)
    report, _ = QuarterReport.objects.select_for_update().get_or_create(
        agency=agency, year=year, quarter=quarter, defaults={"deadline": quarter_deadline(year, quarter)}
    )
    if report.status not in _OPEN:
        raise ServiceError(
            f"Laporan {_period(year, quarter)} berstatus {report.get_status_display()}: "
            "bukti dukung tidak dapat diubah sampai Bappeda mengembalikannya."
        )
    return report


def _checked(upload: UploadedFile) -> tuple[str, str, int, str]:
    """(shown name, kind, size, sha256) of an acceptable upload, or ``EvidenceRefused``."""
    name = display_name(upload.name or "")
    if len(name) > MAX_NAME:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: MAX_NAME - len(extension) - 1] + dot + extension) if dot else name[:MAX_NAME]
    size = upload.size or 0
    limit = settings.KINERJA_MAX_EVIDENCE_BYTES
    if size > limit:
        raise EvidenceRefused(
            f"Berkas {name!r} berukuran {_megabytes(size)}, melebihi batas {_megabytes(limit)} untuk satu bukti dukung."
        )
    try:
        kind = evidence_kind(name, upload)  # type: ignore[arg-type]
    except ContentRefused as exc:
        raise EvidenceRefused(str(exc)) from exc
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return name, kind.key, size, digest.hexdigest()


def evidence_add(
    *,
    agency: Agency,
    year: int,
    quarter: int,
    row: PlanRow,
    upload: UploadedFile,
    actor: Any,
    source: str = "layar entri",
) -> Evidence:
    """Attach ``upload`` to ``row`` in ``quarter`` of ``year``; creates the quarter's document if missing.

    Refused (``ServiceError``) to anyone but the PD's operator or Kepala, in a locked or submitted quarter,
    for a row of another plan, and (``EvidenceRefused``) for a file that is too large, not of an accepted
    kind by its content, or already attached to the same row and quarter.
    """
    _check_place(agency=agency, year=year, quarter=quarter, row=row, actor=actor)
    name, kind, size, sha256 = _checked(upload)
    stored = None
    try:
        with transaction.atomic():
            report = _open_report(agency=agency, year=year, quarter=quarter)
            same = (
                Evidence.objects.filter(report=report, row=row, sha256=sha256, removed_at__isnull=True)
                .values_list("original_name", flat=True)
                .first()
            )
            if same is not None:
                raise EvidenceRefused(f"Berkas {name!r} sudah dilampirkan pada baris ini (sebagai {same!r}).")
            evidence = Evidence(
                report=report,
                row=row,
                original_name=name,
                kind=kind,
                size=size,
                sha256=sha256,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
            )
            evidence.file.save(name, upload, save=False)  # a random name under MEDIA_ROOT (evidence_path)
            stored = evidence.file.name
            evidence.save()
            audit_record(
                actor=actor,
                action="evidence_add",
                model="Evidence",
                object_id=evidence.pk,
                summary=f"{row.name[:80]} {_period(year, quarter)}: {name}",
                after={"name": name, "kind": kind, "size": size, "sha256": sha256},
                source=source,
            )
    except BaseException:
        if stored:
            evidence.file.storage.delete(stored)  # the row was not kept: neither is its file
        raise
    return evidence


def evidence_remove(
    *,
    agency: Agency,
    year: int,
    quarter: int,
    evidence: Evidence,
    actor: Any,
    reason: str = "",
    source: str = "layar entri",
) -> Evidence:
    """Take ``evidence`` off the row's list (``removed_at``); the file stays on disk.  Same checks as
    ``evidence_add``; the evidence must belong to the PD's quarter."""
    _check_place(agency=agency, year=year, quarter=quarter, row=evidence.row, actor=actor)
    with transaction.atomic():
        report = _open_report(agency=agency, year=year, quarter=quarter)
        current = Evidence.objects.select_for_update().filter(pk=evidence.pk, report=report).first()
        if current is None:
            raise ServiceError("Bukti dukung ini bukan milik triwulan tersebut.")
        if current.removed_at is not None:
            return current
        current.removed_at = timezone.now()
        current.save(update_fields=["removed_at"])
        audit_record(
            actor=actor,
            action="evidence_remove",
            model="Evidence",
            object_id=current.pk,
            summary=f"{evidence.row.name[:80]} {_period(year, quarter)}: {current.original_name}",
            before={"name": current.original_name, "sha256": current.sha256},
            after={"removed_at": current.removed_at.isoformat()},
            reason=reason.strip(),
            source=source,
        )
    return current


def evidence_by_row(report: QuarterReport) -> dict[int, list[Evidence]]:
    """The quarter's evidence still listed, by plan row id, oldest first (one query; none for an unsaved report)."""
    if report.pk is None:
        return {}
    by_row: dict[int, list[Evidence]] = defaultdict(list)
    for evidence in (
        Evidence.objects.filter(report=report, removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("row_id", "uploaded_at", "pk")
    ):
        by_row[evidence.row_id].append(evidence)
    return dict(by_row)
