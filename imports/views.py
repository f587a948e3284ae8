"""The upload page: the same steps as the command (dry run first, then confirm), for the roles that
may write the perangkat daerah's data.

The dry run's file waits under a random token that only its user can confirm (``imports.pending``);
a second confirmation of a saved dry run answers with what was saved, and writes nothing.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorList
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from imports.forms import ConfirmForm, UploadForm
from imports.mapping_views import mapping_offered
from imports.pending import Pending, pending_claim, pending_save
from imports.services import ImportResult, import_report


def _params(cleaned: dict[str, Any]) -> dict[str, Any]:
    """What the dry run was for; the confirmation must ask for the same."""
    return {
        "agency_slug": cleaned["agency_slug"],
        "year": cleaned["year"],
        "quarter": cleaned.get("quarter"),
        "region_slug": cleaned.get("region") or None,
    }


def _run(request: HttpRequest, params: dict[str, Any], data: bytes, filename: str, **options: Any) -> ImportResult:
    return import_report(data=data, filename=filename, actor=request.user, **params, **options)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        filename = PurePath(upload.name).name
        params = _params(form.cleaned_data)
        result = _run(request, params, data, filename, dry_run=True)
        token = ""
        offered = mapping_offered(result)
        if (result.ok and result.changes) or offered:  # the mapping step reads the same file under this token
            token = pending_save(
                data=data, user_id=request.user.pk, filename=filename, checksum=result.checksum, params=params
            )
        context = {"result": result, "form": form, "token": token, "mapping_offered": offered}
        return render(request, "imports/preview.html", context)
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/upload.html", {"form": form}, status=status)


def _refuse(request: HttpRequest, message: str, status: int = 400) -> HttpResponse:
    context = {"form": UploadForm(request.user), "errors": ErrorList([message])}
    return render(request, "imports/upload.html", context, status=status)


def _earlier(pending: Pending) -> ImportResult:
    saved = pending.saved or {}
    return ImportResult(
        filename=pending.filename,
        checksum=pending.checksum,
        agency_slug=pending.params["agency_slug"],
        year=pending.params["year"],
        quarter=saved.get("quarter"),
        dry_run=False,
        written=True,
    )


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.user, request.POST)
    if not form.is_valid():
        return render(
            request, "imports/upload.html", {"form": UploadForm(request.user), "errors": form.errors}, status=400
        )
    cleaned = form.cleaned_data
    gone = "Berkas uji coba sudah tidak tersedia; unggah ulang."
    try:
        with pending_claim(token=cleaned["token"], user_id=request.user.pk) as pending:
            if pending is None or pending.params != _params(cleaned):
                return _refuse(request, gone)
            if pending.saved is not None:  # confirmed before (a second click, another tab): nothing more to do
                context = {"result": _earlier(pending), "already_saved": pending.saved.get("changes", 0)}
                return render(request, "imports/result.html", context)
            data = pending.data()
            if data is None:
                return _refuse(request, gone)
            result = _run(
                request,
                pending.params,
                data,
                pending.filename,
                dry_run=False,
                allow_delete=cleaned["allow_delete"],
                confirm_other_agency=cleaned["confirm_other_agency"],
            )
            if result.ok:
                pending.mark_saved({"changes": len(result.changes), "quarter": result.quarter})
    except TimeoutError:
        return _refuse(request, "Impor berkas ini sedang disimpan oleh permintaan lain; muat ulang sebentar lagi.", 409)
    return render(request, "imports/result.html", {"result": result}, status=200 if result.ok else 400)
