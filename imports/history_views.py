"""The history page: several E.81 files or a zip in one upload, a dry run with one line per file and the
summary of what the files say differently, then one confirmation that imports each file on its own.

The dry run keeps each file that may be imported under its own token (``imports.pending``, as one
import does), for the user who made it: the confirmation imports each token's file in its own
transaction, so a file refused at that point leaves the others imported.  Which PD a file may go to
is what the user may see (``reporting.access``); new PD only where they may create one
(``imports.forms.regions_for_new_agencies``); the write itself checks the role and the locks.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from imports.forms import regions_for_new_agencies
from imports.history import Defaults, HistoryLine, import_history
from imports.pending import pending_claim, pending_save
from imports.services import import_report
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


def _may_create(user: Any) -> set[str]:
    if user.is_superuser:
        return {"*"}
    return {r.slug for r in regions_for_new_agencies(user)}


@login_required
def history(request: HttpRequest) -> HttpResponse:
    form = HistoryForm(request.user, request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "imports/history.html", {"form": form}, status=status)
    cleaned = form.cleaned_data
    files = [(PurePath(u.name).name, u.read()) for u in cleaned["files"]]
    defaults = Defaults(cleaned.get("agency") or None, cleaned.get("year"), cleaned.get("quarter"))
    return _preview(request, files, defaults, form.visible)


def _preview(
    request: HttpRequest, files: list[tuple[str, bytes]], defaults: Defaults, visible: list[Any]
) -> HttpResponse:
    """The dry run of ``files``: each importable file kept under a token to save it, each file that could
    not be matched under a token to ask for its PD, year and quarter."""
    result = import_history(
        files,
        actor=request.user,
        dry_run=True,
        defaults=defaults,
        agencies=visible,
        may_create=_may_create(request.user),
    )
    data_of = dict(_unpacked(files))
    tokens: dict[str, str] = {}
    asks: dict[str, str] = {}
    for line in result.lines:
        outcome, data = line.result, data_of.get(line.file)
        if data is None:
            continue
        name = PurePath(line.file).name
        if line.match is None:  # not guessed: the person says which PD, year and quarter
            asks[line.file] = pending_save(data=data, user_id=request.user.pk, filename=name, checksum="", params={})
            continue
        if outcome is None or not outcome.ok or not outcome.changes:
            continue
        params = {
            "agency_slug": line.match.agency_slug,
            "year": line.match.year,
            "quarter": line.match.quarter,
            "region_slug": line.match.region_slug,
        }
        tokens[line.file] = pending_save(
            data=data, user_id=request.user.pk, filename=name, checksum=outcome.checksum, params=params
        )
    context = {
        "result": result,
        "tokens": tokens,
        "rows": [(line, tokens.get(line.file, ""), asks.get(line.file, "")) for line in result.lines],
        "agencies": visible,
        "needs_delete": any(line.result and line.result.deletions for line in result.lines),
        "needs_other": any(line.result and line.result.other_destination for line in result.lines),
    }
    return render(request, "imports/history_preview.html", context)


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
    return _preview(request, [(filename, data)], defaults, form.visible)


def _unpacked(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The files as the history names them (a zip's members as "arsip.zip/member")."""
    from imports.history import unpack

    uploaded, _refused = unpack(files)
    return [(f.name, f.data) for f in uploaded]


@login_required
@require_POST
def history_confirm(request: HttpRequest) -> HttpResponse:
    tokens = [t for t in request.POST.getlist("token") if _TOKEN.match(t)]
    if not tokens:
        form = HistoryForm(request.user)
        context = {"form": form, "errors": ["Tidak ada berkas uji coba untuk disimpan; unggah ulang."]}
        return render(request, "imports/history.html", context, status=400)
    allow_delete = request.POST.get("allow_delete") == "1"
    confirm_other = request.POST.get("confirm_other_agency") == "1"
    lines: list[HistoryLine] = []
    for token in tokens:
        try:
            with pending_claim(token=token, user_id=request.user.pk) as pending:
                if pending is not None and pending.saved is not None:  # a second click: nothing more to do
                    changes = pending.saved.get("changes", 0)
                    lines.append(
                        HistoryLine(pending.filename, reason=f"sudah disimpan sebelumnya ({changes} perubahan)")
                    )
                    continue
                if pending is None or (data := pending.data()) is None:
                    lines.append(HistoryLine(file="?", reason="berkas uji coba sudah tidak tersedia; unggah ulang"))
                    continue
                line = HistoryLine(file=pending.filename)
                line.result = import_report(
                    data=data,
                    filename=pending.filename,
                    actor=request.user,
                    dry_run=False,
                    allow_delete=allow_delete,
                    confirm_other_agency=confirm_other,
                    **pending.params,
                )
                line.result.document = None
                if line.result.ok:
                    pending.mark_saved({"changes": len(line.result.changes), "quarter": line.result.quarter})
                lines.append(line)
        except TimeoutError:
            lines.append(HistoryLine(file="?", reason="berkas ini sedang disimpan oleh permintaan lain"))
    saved = sum(1 for line in lines if line.result is not None and line.result.written)
    failed = sum(1 for line in lines if line.result is not None and not line.result.ok)
    context = {"lines": lines, "saved": saved, "failed": failed}
    return render(request, "imports/history_result.html", context, status=200 if not failed else 400)
