"""The upload page: the same steps as the command (dry run first, then confirm), for the roles that
may write the perangkat daerah's data."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from imports.forms import ConfirmForm, UploadForm
from imports.pending import pending_delete, pending_load, pending_save
from imports.services import import_report


def _run(request: HttpRequest, form: UploadForm | ConfirmForm, data: bytes, filename: str, dry_run: bool):  # type: ignore[no-untyped-def]
    cleaned = form.cleaned_data
    return import_report(
        data=data,
        filename=filename,
        agency_slug=cleaned["agency_slug"],
        year=cleaned["year"],
        quarter=cleaned.get("quarter"),
        region_slug=cleaned.get("region") or None,
        actor=request.user,
        dry_run=dry_run,
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        filename = PurePath(upload.name).name
        result = _run(request, form, data, filename, dry_run=True)
        if result.ok and result.checksum:
            pending_save(data=data, token=result.checksum, extension=PurePath(filename).suffix.lower())
        return render(request, "imports/preview.html", {"result": result, "form": form})
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/upload.html", {"form": form}, status=status)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.user, request.POST)
    if not form.is_valid():
        return render(
            request, "imports/upload.html", {"form": UploadForm(request.user), "errors": form.errors}, status=400
        )
    token, filename = form.cleaned_data["token"], PurePath(form.cleaned_data["filename"]).name
    extension = PurePath(filename).suffix.lower()
    data = pending_load(token=token, extension=extension)
    if data is None:
        form.add_error(None, "Berkas uji coba sudah tidak tersedia; unggah ulang.")
        return render(
            request, "imports/upload.html", {"form": UploadForm(request.user), "errors": form.errors}, status=400
        )
    result = _run(request, form, data, filename, dry_run=False)
    if result.ok:
        pending_delete(token=token, extension=extension)
    return render(request, "imports/result.html", {"result": result}, status=200 if result.ok else 400)
