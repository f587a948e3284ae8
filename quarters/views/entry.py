"""The PD's entry screen of a quarter: figures typed and saved cell by cell (htmx), notes, narratives,
explanations of findings, submission.  Thin views: the access check, one service, the read model, render.

A save answers with the saved cell and, out of band, the computed cells of its line and of the lines
above it (their Rp is the sum of their children), and the report's summary: the row's figures and the
average recompute on the spot without sending the 500-row table again.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.models import AuditEvent
from planning.errors import Conflict, ServiceError
from planning.models import BudgetRealization, Indicator, PlanRow, Realization
from planning.services.realizations import budget_realization_set, realization_set
from quarters import entry_html
from quarters.access import QuarterAccess, quarter_access, require_enter
from quarters.entry_numbers import EntryNumberError, parse_entry
from quarters.entry_selectors import EntryLine, EntryScreen, entry_screen, line_key
from quarters.locks import QUARTER_NAMES
from quarters.models import LineNote
from quarters.services.entry import NARRATIVE_FIELDS, NOTE_FIELDS, finding_explain, line_note_set, narratives_set
from quarters.workflow import quarter_submit

COMPUTED_CELLS = entry_html.COMPUTED
MAX_PASTED_CELLS = 2000


def _screen_context(screen: EntryScreen) -> dict[str, Any]:
    return {"screen": screen, "access": screen.access, "report": screen.report, "q": screen.access.quarter}


@login_required
@require_GET
def entry_page(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    screen = entry_screen(access)
    history = (
        list(
            AuditEvent.objects.filter(model="QuarterReport", object_id=str(access.report.pk))
            .select_related("actor")
            .order_by("at", "id")
        )
        if access.report.pk
        else []
    )
    return render(
        request,
        "quarters/entry.html",
        {**_screen_context(screen), "history": history, "quarters": [1, 2, 3, 4], "roman": QUARTER_NAMES},
    )


# -- saving figures --------------------------------------------------------------------------------
def _owner(access: QuarterAccess, kind: str, pk: str) -> Indicator | PlanRow:
    """The indicator (K) or row (Rp) ``pk`` of this PD's plan; anything else is a 404."""
    plan_filter = {"strategic_plan__agency": access.agency}
    try:
        if kind == "k":
            return Indicator.objects.select_related("row__strategic_plan__agency").get(
                pk=int(pk), row__strategic_plan__agency=access.agency
            )
        if kind == "rp":
            return PlanRow.objects.select_related("strategic_plan__agency").get(pk=int(pk), **plan_filter)
    except (ValueError, Indicator.DoesNotExist, PlanRow.DoesNotExist):
        pass
    raise Http404("Baris tidak ditemukan")


def _save_one(
    request: HttpRequest, access: QuarterAccess, kind: str, pk: str, text: str, version: str
) -> dict[str, Any]:
    """Parse and save one cell; the outcome as the cell template's context (error, conflict or saved)."""
    owner = _owner(access, kind, pk)
    outcome: dict[str, Any] = {"kind": kind, "owner_id": owner.pk, "typed": text}
    try:
        value = parse_entry(text, negative=(kind == "k"))
        where = {"year": access.year, "quarter": access.quarter, "actor": request.user, "expected_version": version}
        if isinstance(owner, Indicator):
            realization_set(indicator=owner, value=value, **where)
        else:
            budget_realization_set(row=owner, amount=value, **where)
    except Conflict as exc:
        outcome.update(error=str(exc), conflict=exc)
    except (EntryNumberError, ServiceError) as exc:
        outcome.update(error=str(exc))
    return outcome


def _ancestry(screen: EntryScreen) -> dict[Any, Any]:
    """Row key -> its parent's key, from the report's own tree."""
    parents: dict[Any, Any] = {}

    def walk(row: Any, parent: Any) -> None:
        parents[row.key] = parent
        for child in row.children:
            walk(child, row.key)

    for root in screen.report.evaluation.input.roots:
        walk(root, None)
    return parents


def _affected(screen: EntryScreen, row_ids: set[Any]) -> list[EntryLine]:
    parents = _ancestry(screen)
    keys: set[Any] = set()
    for row_id in row_ids:
        while row_id is not None:
            keys.add(row_id)
            row_id = parents.get(row_id)
    return [line for line in screen.lines if line.row_id in keys]


def _line_of(screen: EntryScreen, kind: str, owner_id: Any) -> EntryLine | None:
    for line in screen.lines:
        if kind == "k" and line.indicator_id == owner_id:
            return line
        if kind == "rp" and line.row_id == owner_id and line.rp_saved is not None:
            return line
    return None


def _saved_response(request: HttpRequest, access: QuarterAccess, outcomes: list[dict[str, Any]]) -> HttpResponse:
    """The saved cells (or their errors) and, out of band, every computed cell they change."""
    screen = entry_screen(quarter_access(request.user, access.agency.slug, access.year, access.quarter))
    cells = []
    touched_rows: set[Any] = set()
    for outcome in outcomes:
        line = _line_of(screen, outcome["kind"], outcome["owner_id"])
        if line is None:
            continue
        touched_rows.add(line.row_id)
        cells.append({"line": line, "outcome": outcome})
    return render(
        request,
        "quarters/_entry_saved.html",
        {
            **_screen_context(screen),
            "cells": cells,
            "main": cells[0] if len(outcomes) == 1 and cells else None,
            "errors": sum(1 for o in outcomes if o.get("error")),
            "affected": _affected(screen, touched_rows),
            "computed": COMPUTED_CELLS,
        },
    )


@login_required
@require_POST
def value_save(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_enter(access)
    kind = request.POST.get("kind", "")
    outcome = _save_one(
        request,
        access,
        kind,
        request.POST.get("id", ""),
        request.POST.get("value", ""),
        request.POST.get("version", ""),
    )
    return _saved_response(request, access, [outcome])


@login_required
@require_POST
def values_paste(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    """A block pasted from Excel: ``cells`` is a JSON list of {kind, id, value, version}, each saved on
    its own (one bad cell does not stop the others, and says why beside itself)."""
    access = quarter_access(request.user, slug, year, quarter)
    require_enter(access)
    try:
        cells = json.loads(request.POST.get("cells", "[]"))
    except json.JSONDecodeError as exc:
        raise Http404("Data tempel tidak terbaca") from exc
    if not isinstance(cells, list) or len(cells) > MAX_PASTED_CELLS:
        raise PermissionDenied(f"Paling banyak {MAX_PASTED_CELLS} sel sekali tempel.")
    outcomes = [
        _save_one(
            request, access, str(c.get("kind")), str(c.get("id")), str(c.get("value", "")), str(c.get("version", ""))
        )
        for c in cells
        if isinstance(c, dict)
    ]
    return _saved_response(request, access, outcomes)


# -- texts -----------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def note_save(request: HttpRequest, slug: str, year: int, quarter: int, indicator_id: int) -> HttpResponse:
    """GET: the line's note form (anyone who reads the quarter sees it); POST: save it (the PD)."""
    access = quarter_access(request.user, slug, year, quarter)
    indicator = _owner(access, "k", str(indicator_id))
    assert isinstance(indicator, Indicator)
    error, note, saved = "", None, False
    values = {f: request.POST.get(f, "") for f in NOTE_FIELDS}
    if request.method == "POST":
        require_enter(access)
        try:
            note = line_note_set(
                indicator=indicator, year=year, quarter=quarter, values=values,
                expected_version=int(request.POST.get("version") or 0), actor=request.user,
            )  # fmt: skip
            saved = True
        except ServiceError as exc:
            error = str(exc)
    if note is None and access.report.pk:
        note = LineNote.objects.filter(report=access.report, indicator=indicator).first()
    return render(
        request,
        "quarters/_entry_note.html",
        {"access": access, "indicator_id": indicator.pk, "note": note, "values": values, "error": error,
         "saved": saved, "key": line_key(indicator.row_id, indicator.pk)},
    )  # fmt: skip


@login_required
@require_POST
def narratives_save(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_enter(access)
    values = {f: request.POST.get(f, "") for f in NARRATIVE_FIELDS}
    error = ""
    try:
        report = narratives_set(
            agency=access.agency, year=year, quarter=quarter, values=values,
            expected_version=int(request.POST.get("version") or 0), actor=request.user,
        )  # fmt: skip
    except ServiceError as exc:
        error, report = str(exc), access.report
    return render(
        request,
        "quarters/_entry_narratives.html",
        {"access": access, "qr": report, "values": values, "error": error, "saved": not error},
    )


@login_required
@require_POST
def explain(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_enter(access)
    key, text = request.POST.get("key", ""), request.POST.get("text", "")
    error = ""
    try:
        finding_explain(agency=access.agency, year=year, quarter=quarter, key=key, text=text, actor=request.user)
    except ServiceError as exc:
        error = str(exc)
    return render(
        request,
        "quarters/_entry_explanation.html",
        {"access": access, "finding": {"key": key, "explanation": text.strip()}, "error": error, "saved": not error},
    )


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    if not access.may_submit:
        raise PermissionDenied("Anda tidak dapat mengajukan triwulan ini.")
    try:
        quarter_submit(agency=access.agency, year=year, quarter=quarter, actor=request.user)
        messages.success(request, f"Laporan Triwulan {QUARTER_NAMES[quarter - 1]} {year} diajukan ke Bappeda.")
    except ServiceError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("quarters:entry", args=[slug, year, quarter]))


# -- history ---------------------------------------------------------------------------------------
@login_required
@require_GET
def value_history(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    """Who changed a value, when, from what to what and why: from the screen, an import, a command."""
    access = quarter_access(request.user, slug, year, quarter)
    kind = request.GET.get("kind", "")
    owner = _owner(access, kind, request.GET.get("id", ""))
    roman = QUARTER_NAMES[quarter - 1]
    if isinstance(owner, Indicator):
        model, action, label = "Realization", "realization_set", f"{owner.name} (K)"
        stored = _stored_ids(Realization, indicator=owner, year=year, quarter=quarter)
    else:
        model, action, label = "BudgetRealization", "budget_realization_set", f"{owner.name} (Rp)"
        stored = _stored_ids(BudgetRealization, row=owner, year=year, quarter=quarter)
    events = (
        AuditEvent.objects.filter(model=model)
        .filter(_events_of(action, owner.pk, year, roman, stored))
        .select_related("actor")
        .order_by("-at", "-id")[:100]
    )
    field = "value" if model == "Realization" else "amount"
    return render(
        request,
        "quarters/_entry_history.html",
        {"events": events, "label": label, "field": field, "kind": kind, "quarter": roman, "year": year},
    )


def _stored_ids(model: Any, **owner: Any) -> list[str]:
    return [str(pk) for pk in model.objects.filter(**owner).values_list("pk", flat=True)]


def _events_of(action: str, owner_id: int, year: int, roman: str, stored: list[str]) -> Any:
    """Screen saves name the owner and the quarter; an import's update or deletion names the stored row."""
    from django.db.models import Q

    screen = Q(action=action, object_id=str(owner_id), summary__endswith=f"{year} TW {roman}")
    imported = Q(action__in=["update", "delete"], object_id__in=stored) if stored else Q(pk__in=[])
    return screen | imported
