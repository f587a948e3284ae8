"""Evidence (bukti dukung) of a row in a quarter: its list, upload, removal and download.

Who may see the PD may list and download (its operators and Kepala, Bappeda, readers); only the PD's
operator or Kepala, in an open quarter, may add or remove.  Another PD's quarter, row or file is a 404,
whatever id is tried.  Upload and removal answer with the row's list fragment
(``templates/quarters/_evidence.html``) for htmx; without htmx, a page with that list and a way back
to the entry screen (``templates/quarters/evidence.html``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from planning.errors import NotAllowed, ServiceError
from planning.models import PlanRow
from quarters.access import QuarterAccess, quarter_access
from quarters.evidence_content import KINDS
from quarters.models import Evidence
from quarters.services.evidence import evidence_add, evidence_by_row, evidence_remove

MAX_FILES_PER_UPLOAD = 20


def _row(access: QuarterAccess, row_id: int) -> PlanRow:
    """A row of the PD's plan covering the year; any other id is a 404."""
    row = (
        PlanRow.objects.select_related("strategic_plan")
        .filter(
            pk=row_id,
            strategic_plan__agency=access.agency,
            strategic_plan__start_year__lte=access.year,
            strategic_plan__end_year__gte=access.year,
        )
        .first()
    )
    if row is None:
        raise Http404("Baris tidak ditemukan")
    return row


def _evidence(access: QuarterAccess, evidence_id: int) -> Evidence:
    """A file still listed in this PD's quarter; another PD's (or a removed one) is a 404."""
    if access.report.pk is None:
        raise Http404("Bukti dukung tidak ditemukan")
    evidence = (
        Evidence.objects.select_related("row__strategic_plan")
        .filter(pk=evidence_id, report=access.report, removed_at__isnull=True)
        .first()
    )
    if evidence is None:
        raise Http404("Bukti dukung tidak ditemukan")
    return evidence


def _fragment(
    request: HttpRequest,
    access: QuarterAccess,
    row: PlanRow,
    *,
    errors: Sequence[str] = (),
    added: Sequence[str] = (),
) -> HttpResponse:
    """The row's list for htmx; a whole page (the list and a way back) for a browser without it."""
    context = {
        "access": access,
        "row": row,
        "row_id": row.pk,
        "evidence": evidence_by_row(access.report).get(row.pk, []),
        "evidence_errors": list(errors),
        "evidence_added": list(added),
    }
    template = "quarters/_evidence.html" if request.htmx else "quarters/evidence.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@require_GET
def evidence_list(request: HttpRequest, slug: str, year: int, quarter: int, row_id: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    return _fragment(request, access, _row(access, row_id))


@login_required
@require_POST
def evidence_upload(request: HttpRequest, slug: str, year: int, quarter: int, row_id: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    if not access.may_enter:
        raise PermissionDenied("Bukti dukung triwulan ini tidak dapat diubah oleh Anda (peran, status atau kunci).")
    row = _row(access, row_id)
    uploads = request.FILES.getlist("file")
    errors: list[str] = []
    added: list[str] = []
    if not uploads:
        errors.append("Pilih berkas yang akan dilampirkan.")
    if len(uploads) > MAX_FILES_PER_UPLOAD:
        errors.append(f"Paling banyak {MAX_FILES_PER_UPLOAD} berkas sekali unggah; {len(uploads)} dipilih.")
        uploads = []
    for upload in uploads:
        try:
            evidence = evidence_add(
                agency=access.agency, year=year, quarter=quarter, row=row, upload=upload, actor=request.user
            )
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except ServiceError as exc:
            errors.append(str(exc))
        else:
            added.append(evidence.original_name)
    access = quarter_access(request.user, slug, year, quarter)  # the quarter's document may be new
    return _fragment(request, access, row, errors=errors, added=added)


@login_required
@require_POST
def evidence_remove_view(request: HttpRequest, slug: str, year: int, quarter: int, evidence_id: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    evidence = _evidence(access, evidence_id)
    if not access.may_enter:
        raise PermissionDenied("Bukti dukung triwulan ini tidak dapat diubah oleh Anda (peran, status atau kunci).")
    errors: list[str] = []
    try:
        evidence_remove(
            agency=access.agency,
            year=year,
            quarter=quarter,
            evidence=evidence,
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except ServiceError as exc:
        errors.append(str(exc))
    return _fragment(request, access, evidence.row, errors=errors)


@login_required
@require_GET
def evidence_download(request: HttpRequest, slug: str, year: int, quarter: int, evidence_id: int) -> FileResponse:
    access = quarter_access(request.user, slug, year, quarter)
    evidence = _evidence(access, evidence_id)
    kind = KINDS.get(evidence.kind)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas bukti dukung tidak ditemukan di penyimpanan") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
