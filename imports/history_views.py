"""The history page: several E.81 files or a zip in one upload, a dry run with one line per file and the
summary of what the files say differently, then one confirmation that imports each file on its own.

The dry run keeps each file that may be imported under its own token (``imports.pending``, as one
import does), for the user who made it: the confirmation imports each token's file in its own
transaction, so a file refused at that point leaves the others imported.  Which PD a file may go to
is what the user may see (``reporting.access``); new PD only where they may create one
(``imports.forms.regions_for_new_agencies``); the write itself checks the role and the locks.

The dry run and the save run as background jobs (``imports.history_jobs``): the upload, the answer
for an unmatched file and the confirmation each queue one and go to its page, which shows the
progress per file ("berkas 7 dari 40: <name>", polled by htmx) and then the table.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from imports.history import Defaults
from imports.history_jobs import batch_failed, batch_read, dry_run_start, save_start
from imports.pending import pending_claim
from imports.stages.read.readers import EXTENSIONS
from reporting.access import agencies_visible_to

ACCEPTED = (*EXTENSIONS, ".zip")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class HistoryForm(forms.Form):
    files = MultipleFileField(label=f"Berkas ({', '.join(ACCEPTED)}; boleh beberapa sekaligus)")
    agency = forms.ChoiceField(label="Perangkat daerah (bila judul berkas tidak menyebut)", required=False)
    year = forms.IntegerField(label="Tahun (bila judul tidak menyebut)", min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label="Triwulan (bila judul tidak menyebut)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "dari judul berkas"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visible = list(agencies_visible_to(user).select_related("region"))
        self.fields["agency"].choices = [("", "-- dari judul berkas --")] + [
            (a.slug, f"{a.name} ({a.region.name})") for a in self.visible
        ]

    def clean_files(self) -> list[Any]:
        uploads = self.cleaned_data["files"]
        limit = settings.KINERJA_MAX_UPLOAD_BYTES
        for upload in uploads:
            suffix = PurePath(upload.name).suffix.lower()
            if suffix not in ACCEPTED:
                raise forms.ValidationError(
                    f"{upload.name}: jenis berkas tidak didukung; gunakan {', '.join(ACCEPTED)}."
                )
            allowed = limit * 8 if suffix == ".zip" else limit
            if upload.size > allowed:
                raise forms.ValidationError(
                    f"{upload.name} berukuran {upload.size / 1024 / 1024:.1f} MB, melebihi batas "
                    f"{allowed / 1024 / 1024:.1f} MB."
                )
        return uploads


@login_required
def history(request: HttpRequest) -> HttpResponse:
    form = HistoryForm(request.user, request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "imports/history.html", {"form": form}, status=status)
    cleaned = form.cleaned_data
    files = [(PurePath(u.name).name, u.read()) for u in cleaned["files"]]
    defaults = Defaults(cleaned.get("agency") or None, cleaned.get("year"), cleaned.get("quarter"))
    batch = dry_run_start(user=request.user, files=files, defaults=defaults)
    return redirect("imports:history_batch", batch_id=batch.id)


class AskForm(forms.Form):
    """The PD, year and quarter a person gives for one file the history could not match."""

    token = forms.RegexField(regex=_TOKEN)
    agency = forms.ChoiceField(label="Perangkat daerah")
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label="Triwulan", coerce=int, choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")])

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.visible = list(agencies_visible_to(user).select_related("region"))
        self.fields["agency"].choices = [(a.slug, a.name) for a in self.visible]


@login_required
@require_POST
def history_ask(request: HttpRequest) -> HttpResponse:
    """One unmatched file's dry run again, with the PD, year and quarter the person chose."""
    form = AskForm(request.user, request.POST)
    gone = {"form": HistoryForm(request.user), "errors": ["Berkas uji coba sudah tidak tersedia; unggah ulang."]}
    if not form.is_valid():
        context = {"form": HistoryForm(request.user), "errors": [str(e) for e in form.errors.values()]}
        return render(request, "imports/history.html", context, status=400)
    cleaned = form.cleaned_data
    with pending_claim(token=cleaned["token"], user_id=request.user.pk) as pending:
        data = pending.data() if pending is not None else None
        if pending is None or data is None:
            return render(request, "imports/history.html", gone, status=400)
        filename = pending.filename
    defaults = Defaults(cleaned["agency"], cleaned["year"], cleaned["quarter"])
    batch = dry_run_start(user=request.user, files=[(filename, data)], defaults=defaults)
    return redirect("imports:history_batch", batch_id=batch.id)


@login_required
@require_POST
def history_confirm(request: HttpRequest) -> HttpResponse:
    tokens = [t for t in request.POST.getlist("token") if _TOKEN.match(t)]
    if not tokens:
        form = HistoryForm(request.user)
        context = {"form": form, "errors": ["Tidak ada berkas uji coba untuk disimpan; unggah ulang."]}
        return render(request, "imports/history.html", context, status=400)
    batch = save_start(
        user=request.user,
        tokens=tokens,
        allow_delete=request.POST.get("allow_delete") == "1",
        confirm_other_agency=request.POST.get("confirm_other_agency") == "1",
    )
    return redirect("imports:history_batch", batch_id=batch.id)


@login_required
def history_batch(request: HttpRequest, batch_id: str) -> HttpResponse:
    """A history job: its progress per file while it runs (the page polls this view by htmx), then the
    dry run's table and summary, or what was saved.  Another user's batch is not found."""
    batch = batch_read(batch_id, request.user.pk)
    if batch is None:
        raise Http404("tidak ada impor riwayat ini")
    error = batch.error or ("" if batch.done else batch_failed(batch))
    summary = batch.summary or {}
    context = {
        "batch": batch,
        "error": error,
        "summary": summary,
        "position": min(batch.index + 1, batch.total),
        "agencies": list(agencies_visible_to(request.user).select_related("region"))
        if batch.done and any(line.get("ask") for line in summary.get("lines", []))
        else [],
    }
    template = "imports/_history_batch.html" if request.headers.get("HX-Request") else "imports/history_batch.html"
    return render(request, template, context)
