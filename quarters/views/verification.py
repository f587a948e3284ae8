"""Bappeda's verification: the inbox of submitted quarters, one quarter's verification page, each line
marked checked or needing correction, return with a note, approve, unlock with a reason.

Thin views: the access check (``quarters.access``), one service or selector, render.  Another pemda's or
PD's quarter is a 404; a visible quarter to someone who is not Bappeda is a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from planning.errors import NotAllowed, ServiceError
from quarters.access import quarter_access, require_verify
from quarters.locks import QUARTER_NAMES
from quarters.review_selectors import VerifyLine, bappeda_regions, dom_id, verification_inbox, verification_screen
from quarters.services.reviews import quarter_return_reviewed, row_review_set
from quarters.workflow import quarter_approve, quarter_unlock


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    regions = bappeda_regions(request.user)
    if regions == []:
        raise PermissionDenied("Hanya Bappeda yang memverifikasi laporan.")
    items = verification_inbox(user=request.user, regions=regions)
    return render(request, "quarters/verify_inbox.html", {"items": items})


@login_required
@require_GET
def verify_page(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_verify(access)
    screen = verification_screen(access)
    return render(
        request,
        "quarters/verify_page.html",
        {"screen": screen, "access": access, "report": screen.report, "roman": QUARTER_NAMES[quarter - 1]},
    )


def _back(slug: str, year: int, quarter: int, anchor: str = "") -> HttpResponse:
    url = reverse("quarters:verify", args=[slug, year, quarter])
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
@require_POST
def row_review(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    """One line checked or needing correction; htmx gets the line's review cell and the counter back."""
    access = quarter_access(request.user, slug, year, quarter)
    require_verify(access)
    try:
        row_id = int(request.POST.get("row", ""))
        indicator = request.POST.get("indicator", "")
        indicator_id = int(indicator) if indicator else None
    except ValueError:
        return HttpResponse("Baris tidak dikenal.", status=400)
    error = ""
    try:
        row_review_set(
            agency=access.agency, year=year, quarter=quarter, row_id=row_id, indicator_id=indicator_id,
            state=request.POST.get("state", ""), note=request.POST.get("note", ""), actor=request.user,
        )  # fmt: skip
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except ServiceError as exc:
        error = str(exc)
    key = (row_id, indicator_id)
    if not request.htmx:  # type: ignore[attr-defined]
        if error:
            messages.error(request, error)
        return _back(slug, year, quarter, dom_id(key))
    screen = verification_screen(quarter_access(request.user, slug, year, quarter))
    line: VerifyLine | None = next((v for v in screen.lines if v.key == key), None)
    if line is None:
        return HttpResponse("Baris tidak ditemukan.", status=404)
    return render(
        request,
        "quarters/verify_review_saved.html",
        {"screen": screen, "access": screen.access, "v": line, "error": error, "typed": request.POST},
    )


@login_required
@require_POST
def return_quarter(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_verify(access)
    try:
        quarter_return_reviewed(
            agency=access.agency, year=year, quarter=quarter, note=request.POST.get("note", ""), actor=request.user
        )
        messages.success(request, f"Laporan Triwulan {QUARTER_NAMES[quarter - 1]} {year} dikembalikan ke PD.")
    except ServiceError as exc:
        messages.error(request, str(exc))
    return _back(slug, year, quarter)


@login_required
@require_POST
def approve(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_verify(access)
    try:
        quarter_approve(agency=access.agency, year=year, quarter=quarter, actor=request.user)
        messages.success(request, f"Laporan Triwulan {QUARTER_NAMES[quarter - 1]} {year} disetujui dan dikunci.")
    except ServiceError as exc:
        messages.error(request, str(exc))
    return _back(slug, year, quarter)


@login_required
@require_POST
def unlock(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_verify(access)
    try:
        quarter_unlock(
            agency=access.agency, year=year, quarter=quarter, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, f"Kunci Triwulan {QUARTER_NAMES[quarter - 1]} {year} dibuka: PD dapat memperbaiki.")
    except ServiceError as exc:
        messages.error(request, str(exc))
    return _back(slug, year, quarter)
