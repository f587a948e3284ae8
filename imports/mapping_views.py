"""The mapping step of a dry run: the header rows as found, each column's proposed meaning (with how
sure), corrected with a select and the Rp scale; each change reruns the dry run at once with the
mapping (htmx), and the confirmation stores it for the pemda (``imports.mappings``), after which the dry
run's import is confirmed as usual (``import_report`` then finds the stored mapping by the signature).

The file is the dry run's own (``imports.pending``, its token, only its user): it is not uploaded again.
The mapping being edited lives in the session under the token.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from imports.forms import ConfirmForm
from imports.mappings import mapping_save
from imports.pending import Pending, pending_claim
from imports.services import ImportResult, import_report
from imports.stages.map.column_map import MEANING_LABELS, MEANINGS, ColumnMap
from planning.errors import NotAllowed
from planning.models import Agency, Region

SCALES = ((1, "Rupiah penuh"), (1000, "ribuan (Rp 000)"), (1_000_000, "jutaan"))
LOW = 0.6  # below this a column's meaning is offered for checking


def _session_key(token: str) -> str:
    return f"imports.mapping.{token}"


def _pending(request: HttpRequest, token: str) -> tuple[Pending, bytes]:
    """The user's own dry run (404 for an unknown, expired or someone else's token)."""
    with pending_claim(token=token, user_id=request.user.pk) as pending:
        data = pending.data() if pending is not None and pending.saved is None else None
    if pending is None or data is None:
        raise Http404("Berkas uji coba tidak ditemukan; unggah ulang.")
    return pending, data


def _run(request: HttpRequest, pending: Pending, data: bytes, mapping: ColumnMap | None) -> ImportResult:
    return import_report(
        data=data, filename=pending.filename, actor=request.user, dry_run=True, mapping=mapping, **pending.params
    )


def _current(request: HttpRequest, pending: Pending, data: bytes) -> tuple[ColumnMap | None, ImportResult]:
    """The mapping being edited (from the session, else as detected) and the dry run with it."""
    saved = request.session.get(_session_key(pending.token))
    if saved:
        mapping = ColumnMap.from_dict(saved)
        return mapping, _run(request, pending, data, mapping)
    result = _run(request, pending, data, None)
    return result.column_map, result


def _edited(mapping: ColumnMap, post: Any) -> ColumnMap:
    """``mapping`` with the meanings and the Rp scale posted; a column a person changed gets confidence 1."""
    for column in list(mapping.columns):
        chosen = post.get(f"col-{column.column}")
        if chosen and chosen in MEANINGS and chosen != column.meaning:
            mapping = mapping.with_meaning(column.column, chosen)
    try:
        scale = int(post.get("rp_scale", mapping.rp_scale))
    except ValueError:
        scale = mapping.rp_scale
    if scale in dict(SCALES) and scale != mapping.rp_scale:
        mapping = ColumnMap.from_dict({**mapping.to_dict(), "rp_scale": scale, "confirmed": True})
    return mapping


def _region(params: dict[str, Any]) -> Region | None:
    agency = Agency.objects.select_related("region").filter(slug=params["agency_slug"]).first()
    if agency is not None:
        return agency.region
    return Region.objects.filter(slug=params.get("region_slug") or "").first()


def _context(pending: Pending, mapping: ColumnMap | None, result: ImportResult, **more: Any) -> dict[str, Any]:
    choices = [(m, MEANING_LABELS.get(m, m)) for m in MEANINGS]
    return {
        "token": pending.token,
        "pending": pending,
        "mapping": mapping,
        "result": result,
        "choices": choices,
        "scales": SCALES,
        "low": LOW,
        **more,
    }


def mapping_offered(result: ImportResult) -> bool:
    """The dry run page links the mapping step: the sheet was refused as not read right, or some
    column's meaning is unsure (and no person confirmed the map: a stored mapping is theirs)."""
    column_map = result.column_map
    return result.needs_mapping or bool(column_map and not column_map.confirmed and column_map.unsure(LOW))


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: HttpRequest, token: str) -> HttpResponse:
    pending, data = _pending(request, token)
    current, result = _current(request, pending, data)
    if request.method == "POST" and current is not None:
        current = _edited(current, request.POST)
        request.session[_session_key(token)] = current.to_dict()
        result = _run(request, pending, data, current)
    context = _context(pending, current, result)
    if request.headers.get("HX-Request"):
        return render(request, "imports/_mapping_result.html", context)
    return render(request, "imports/mapping.html", context)


def _confirm_form(request: HttpRequest, pending: Pending) -> ConfirmForm:
    """The upload's confirmation fields for the dry run, as the preview page posts them."""
    params = pending.params
    exists = Agency.objects.filter(slug=params["agency_slug"]).exists()
    form = ConfirmForm(
        request.user,
        {
            "token": pending.token,
            "filename": pending.filename,
            "agency": params["agency_slug"] if exists else "",
            "new_agency": "" if exists else params["agency_slug"],
            "region": params.get("region_slug") or "",
            "year": params["year"],
            "quarter": params.get("quarter") or "",
        },
    )
    form.is_valid()
    return form


@login_required
@require_POST
def mapping_confirm(request: HttpRequest, token: str) -> HttpResponse:
    pending, data = _pending(request, token)
    current, result = _current(request, pending, data)
    if current is None:
        context = _context(pending, current, result, error="Tabel E.81 tidak ditemukan di berkas ini.")
        return render(request, "imports/mapping.html", context, status=400)
    current = _edited(current, request.POST)
    region = _region(pending.params)
    if region is None:
        message = "Pemda tujuan belum diketahui: pilih pemda pada unggahan agar pemetaan dapat disimpan."
        return render(request, "imports/mapping.html", _context(pending, current, result, error=message), status=400)
    try:
        mapping_save(region, current, request.user)
    except NotAllowed as exc:
        return render(request, "imports/mapping.html", _context(pending, current, result, error=str(exc)), status=403)
    request.session.pop(_session_key(token), None)
    result = _run(request, pending, data, None)  # now read with the stored mapping, as the confirmation will
    context = {"result": result, "form": _confirm_form(request, pending), "token": token, "mapping_stored": True}
    return render(request, "imports/preview.html", context, status=200 if result.ok else 400)
