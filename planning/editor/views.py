"""The plan editor's pages: the PD's Renstra and Renja list, and one Renja's tree with its forms.

Thin: the access check (another pemda's or PD's plan is a 404, a reader's write a 403), the form read into
values (``planning.editor.forms``), one service of ``planning.services.plan_editor``, and a redirect back to
the row with the outcome as a message (PRG).  The nomenclature picker and the Rencana Aksi helper are htmx.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from domain.types import Aggregation, Direction, Level, Periodicity
from planning.editor import forms
from planning.editor.selectors import editor_screen, plan_history, quarter_fields, work_plan_for
from planning.editor.spread import EXPLANATION, RISING, SAME, mismatch, spread
from planning.errors import NotAllowed, ServiceError
from planning.models import Agency, Indicator, PlanRow, StrategicPlan, WorkPlan
from planning.roles import can_enter, is_bappeda
from planning.services import plan_editor as service
from planning.services.work_plans import work_plan_amend
from reporting.access import agencies_visible_to, agency_for_user
from reporting.labels import AGGREGATION, DIRECTION, LEVEL, PERIODICITY


def _may_edit(user: Any, agency: Agency) -> bool:
    return can_enter(user, agency) or is_bappeda(user, agency.region_id)


def _agency(request: HttpRequest, slug: str, *, write: bool) -> Agency:
    agency = agency_for_user(request.user, slug)
    if write and not _may_edit(request.user, agency):
        raise PermissionDenied("Hanya perangkat daerah ini atau Bappeda yang dapat menyusun rencananya.")
    return agency


def _work_plan(agency: Agency, year: int, revision: Any = None) -> WorkPlan:
    wanted = int(revision) if revision not in (None, "") and str(revision).isdigit() else None
    work_plan = work_plan_for(agency, year, wanted)
    if work_plan is None:
        raise Http404(f"Belum ada Renja tahun {year} untuk {agency.name}.")
    return work_plan


def _editor_url(agency: Agency, year: int, anchor: str = "") -> str:
    url = reverse("plan_editor:editor", args=[agency.slug, year])
    return f"{url}#{anchor}" if anchor else url


def _run(request: HttpRequest, action: Any, done: str) -> Any:
    """Call the service; its refusal becomes the page's message (a role refusal a 403)."""
    try:
        result = action()
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except ServiceError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, done)
    return result


def _choices() -> dict[str, Any]:
    return {
        "aggregations": [(m.value, AGGREGATION[m], EXPLANATION[m]) for m in Aggregation],
        "directions": [(m.value, DIRECTION[m]) for m in Direction],
        "periodicities": [(m.value, PERIODICITY[m]) for m in Periodicity],
        "explanations": {m.value: EXPLANATION[m] for m in Aggregation},
        "roman": forms.QUARTER_NAMES,
    }


# -- the PD's plans ------------------------------------------------------------------------------
@login_required
@require_GET
def plans_home(request: HttpRequest) -> HttpResponse:
    """The top bar's "Rencana": the PD of an operator straight away, Bappeda the list of its pemda's PD."""
    agencies = list(agencies_visible_to(request.user))
    if len(agencies) == 1:
        return redirect(reverse("plan_editor:plans", args=[agencies[0].slug]))
    return render(request, "planning/plans_home.html", {"agencies": agencies})


@login_required
@require_GET
def plans_page(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(request, slug, write=False)
    plans = list(StrategicPlan.objects.filter(agency=agency).order_by("-start_year"))
    work_plans: dict[int, list[WorkPlan]] = {}
    in_force: dict[int, WorkPlan] = {}  # what a report without ?renja= uses: the latest active revision
    for wp in WorkPlan.objects.filter(strategic_plan__agency=agency).order_by("year", "revision"):
        work_plans.setdefault(wp.strategic_plan_id, []).append(wp)
        if wp.is_active:
            in_force[wp.year] = wp
    for listed in work_plans.values():
        for wp in listed:
            wp.in_force = in_force.get(wp.year) is wp  # type: ignore[attr-defined]
    listing = [(plan, work_plans.get(plan.pk, [])) for plan in plans]
    return render(
        request,
        "planning/plans.html",
        {"agency": agency, "listing": listing, "may_edit": _may_edit(request.user, agency)},
    )


@login_required
@require_POST
def renstra_create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    plans_url = reverse("plan_editor:plans", args=[agency.slug])

    def act() -> StrategicPlan:
        start = forms.year_of(request.POST, "start_year", "Tahun awal Renstra")
        end = forms.year_of(request.POST, "end_year", "Tahun akhir Renstra")
        return service.strategic_plan_create(agency=agency, start_year=start, end_year=end, actor=request.user)

    _run(request, act, "Renstra dibuat.")
    return redirect(plans_url)


@login_required
@require_POST
def renja_create(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(request, slug, write=True)

    def act() -> WorkPlan:
        plan = StrategicPlan.objects.filter(agency=agency, pk=forms.text(request.POST, "renstra") or 0).first()
        if plan is None:
            raise ServiceError("Pilih Renstra untuk Renja ini.")
        year = forms.year_of(request.POST, "year", "Tahun Renja")
        return service.work_plan_create(strategic_plan=plan, year=year, actor=request.user)

    work_plan = _run(request, act, "Renja dibuat: susun pohon rencananya di bawah ini.")
    if work_plan is None:
        return redirect(reverse("plan_editor:plans", args=[agency.slug]))
    return redirect(_editor_url(agency, work_plan.year))


@login_required
@require_POST
def renja_copy(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    source = _work_plan(agency, year)

    def act() -> WorkPlan:
        target = forms.year_of(request.POST, "year", "Tahun tujuan salinan") if request.POST.get("year") else year + 1
        return service.work_plan_copy(
            work_plan=source, year=target, actor=request.user, reason=forms.text(request.POST, "reason")
        )

    copy = _run(request, act, f"Renja {year} disalin: pagu, target dan Rencana Aksi ikut.")
    return redirect(_editor_url(agency, copy.year) if copy else reverse("plan_editor:plans", args=[agency.slug]))


@login_required
@require_POST
def renja_amend(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _work_plan(agency, year)

    def act() -> WorkPlan:
        return work_plan_amend(
            work_plan=work_plan,
            actor=request.user,
            reason=forms.text(request.POST, "reason"),
            label=forms.text(request.POST, "label"),
        )

    _run(request, act, "Perubahan Renja dibuat; Renja sebelumnya disimpan seperti adanya.")
    return redirect(_editor_url(agency, year))


# -- the editor ----------------------------------------------------------------------------------
@login_required
@require_GET
def editor_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = _agency(request, slug, write=False)
    work_plan = _work_plan(agency, year, request.GET.get("revisi"))
    screen = editor_screen(work_plan)
    may_edit = _may_edit(request.user, agency) and screen.editable
    return render(
        request,
        "planning/editor.html",
        {
            "agency": agency,
            "screen": screen,
            "may_edit": may_edit,
            "bappeda": is_bappeda(request.user, agency.region_id),
            "top_level": Level.GOAL,
            "levels": LEVEL,
            **_choices(),
        },
    )


def _posted_work_plan(request: HttpRequest, agency: Agency, year: int) -> WorkPlan:
    return _work_plan(agency, year, request.POST.get("revision"))


def _row_of(work_plan: WorkPlan, row_id: Any) -> PlanRow:
    row = (
        PlanRow.objects.select_related("parent")
        .filter(strategic_plan__agency=work_plan.strategic_plan.agency, pk=row_id)
        .first()
    )
    if row is None:
        raise Http404("Baris tidak ditemukan")
    return row


@login_required
@require_POST
def row_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _posted_work_plan(request, agency, year)
    parent_id = forms.text(request.POST, "parent")
    parent = _row_of(work_plan, parent_id) if parent_id.isdigit() else None

    def act() -> PlanRow:
        first = (
            forms.indicator_values(request.POST, prefix="indicator_") if request.POST.get("indicator_name") else None
        )
        return service.row_add(
            work_plan=work_plan,
            parent=parent,
            level=forms.level_of(request.POST),
            values=forms.row_values(request.POST),
            actor=request.user,
            reason=forms.text(request.POST, "reason"),
            first_indicator=first,
        )

    row = _run(request, act, "Baris ditambahkan.")
    anchor = f"baris-{row.pk}" if row else (f"baris-{parent.pk}" if parent else "")
    return redirect(_editor_url(agency, year, anchor))


@login_required
@require_POST
def row_save(request: HttpRequest, slug: str, year: int, row_id: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _posted_work_plan(request, agency, year)
    row = _row_of(work_plan, row_id)

    def act() -> PlanRow:
        return service.row_update(
            work_plan=work_plan,
            row=row,
            values=forms.row_values(request.POST),
            actor=request.user,
            reason=forms.text(request.POST, "reason"),
            expected_stamp=forms.text(request.POST, "stamp"),
        )

    _run(request, act, "Baris disimpan.")
    return redirect(_editor_url(agency, year, f"baris-{row.pk}"))


@login_required
@require_POST
def row_delete(request: HttpRequest, slug: str, year: int, row_id: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _posted_work_plan(request, agency, year)
    row = _row_of(work_plan, row_id)

    def act() -> None:
        service.row_delete(work_plan=work_plan, row=row, actor=request.user, reason=forms.text(request.POST, "reason"))

    _run(request, act, f"Baris {row.name[:60]} dihapus.")
    return redirect(_editor_url(agency, year, f"baris-{row.parent_id}" if row.parent_id else ""))


def _indicator_of(work_plan: WorkPlan, indicator_id: int) -> Indicator:
    indicator = (
        Indicator.objects.select_related("row")
        .filter(row__strategic_plan__agency=work_plan.strategic_plan.agency, pk=indicator_id)
        .first()
    )
    if indicator is None:
        raise Http404("Indikator tidak ditemukan")
    return indicator


@login_required
@require_POST
def indicator_add(request: HttpRequest, slug: str, year: int, row_id: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _posted_work_plan(request, agency, year)
    row = _row_of(work_plan, row_id)

    def act() -> Indicator:
        return service.indicator_add(
            work_plan=work_plan,
            row=row,
            values=forms.indicator_values(request.POST),
            actor=request.user,
            reason=forms.text(request.POST, "reason"),
        )

    _run(request, act, "Indikator ditambahkan.")
    return redirect(_editor_url(agency, year, f"baris-{row.pk}"))


@login_required
@require_POST
def indicator_save(request: HttpRequest, slug: str, year: int, indicator_id: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _posted_work_plan(request, agency, year)
    indicator = _indicator_of(work_plan, indicator_id)

    def act() -> Indicator:
        return service.indicator_update(
            work_plan=work_plan,
            indicator=indicator,
            values=forms.indicator_values(request.POST),
            actor=request.user,
            reason=forms.text(request.POST, "reason"),
            expected_stamp=forms.text(request.POST, "stamp"),
        )

    _run(request, act, "Indikator disimpan.")
    return redirect(_editor_url(agency, year, f"indikator-{indicator.pk}"))


@login_required
@require_POST
def indicator_delete(request: HttpRequest, slug: str, year: int, indicator_id: int) -> HttpResponse:
    agency = _agency(request, slug, write=True)
    work_plan = _posted_work_plan(request, agency, year)
    indicator = _indicator_of(work_plan, indicator_id)

    def act() -> None:
        service.indicator_delete(
            work_plan=work_plan, indicator=indicator, actor=request.user, reason=forms.text(request.POST, "reason")
        )

    _run(request, act, f"Indikator {indicator.name[:60]} dihapus.")
    return redirect(_editor_url(agency, year, f"baris-{indicator.row_id}"))


FORM_KINDS = ("row_edit", "row_add", "indicator_add", "indicator_edit", "row_delete")


@login_required
@require_GET
def form_fragment(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """htmx: one of the editor's forms for a row or an indicator, fetched when its fold opens (the page
    itself carries no forms, so it stays light however large the plan).  For those who may edit only."""
    agency = _agency(request, slug, write=True)
    kind = request.GET.get("kind", "")
    if kind not in FORM_KINDS:
        raise Http404("Formulir tidak dikenal")
    work_plan = _work_plan(agency, year, request.GET.get("revisi"))
    screen = editor_screen(work_plan)
    if not screen.editable:
        raise Http404("Versi lama Renja hanya dapat dibaca")
    context: dict[str, Any] = {"agency": agency, "screen": screen, "kind": kind, **_choices()}
    if kind == "indicator_edit":
        wanted = request.GET.get("indicator", "")
        context["ind"] = next((i for r in screen.rows for i in r.indicators if str(i.pk) == wanted), None)
        if context["ind"] is None:
            raise Http404("Indikator tidak ditemukan")
        context["stamp"] = service.indicator_stamp(
            work_plan=work_plan, indicator=_indicator_of(work_plan, context["ind"].pk)
        )
    else:
        wanted = request.GET.get("row", "")
        context["row"] = next((r for r in screen.rows if str(r.pk) == wanted), None)
        if context["row"] is None or (kind == "row_add" and context["row"].child_level is None):
            raise Http404("Baris tidak ditemukan")
        if kind == "row_edit":
            context["stamp"] = service.row_stamp(work_plan=work_plan, row=_row_of(work_plan, context["row"].pk))
    return render(request, "planning/_form.html", context)


@login_required
@require_GET
def history_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = _agency(request, slug, write=False)
    work_plan = _work_plan(agency, year, request.GET.get("revisi"))
    events = plan_history(work_plan.strategic_plan)
    return render(request, "planning/history.html", {"agency": agency, "work_plan": work_plan, "events": events})


@login_required
@require_GET
def quarters_helper(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """htmx: the four Rencana Aksi inputs proposed from the annual target (``sebar``), or the typed ones
    checked; with the warning when they do not combine into the target.  Writes nothing."""
    _agency(request, slug, write=False)
    data = request.GET
    prefix = forms.text(data, "prefix")
    key = forms.text(data, "key") or "baru"
    try:
        aggregation = Aggregation(forms.text(data, prefix + "aggregation") or "sum")
    except ValueError as exc:
        raise Http404("Agregasi tidak dikenal") from exc
    error = ""
    quarters: list[Decimal | None] = [None, None, None, None]
    target: Decimal | None = None
    try:
        target = forms.number(data, prefix + "target", "Target Renja", negative=True)
        quarters = [forms.number(data, f"{prefix}q{q}", f"Target triwulan {q}", negative=True) for q in (1, 2, 3, 4)]
        if data.get("sebar"):
            if target is None:
                raise ServiceError("Isi target Renja dahulu: target triwulan dibagi dari target tahunan.")
            shape = RISING if data.get("sebar") == RISING else SAME
            quarters = list(spread(target, aggregation, shape))
    except ServiceError as exc:
        error = str(exc)
    return render(
        request,
        "planning/_quarters.html",
        {
            "prefix": prefix,
            "key": key,
            "quarter_fields": quarter_fields(quarters),
            "warning": error or mismatch(target, quarters, aggregation),
            "explanation": EXPLANATION[aggregation],
            "aggregation": aggregation.value,
            "roman": forms.QUARTER_NAMES,
        },
    )
