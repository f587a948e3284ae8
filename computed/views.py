"""The base figures of a quarter: the computed indicators of the PD, a field per figure, and what they
compute to (value, numerator, denominator).  Thin views: the quarter's access check (``quarters.access``:
reading for who may read the PD, saving for who may enter the quarter), one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from computed.models import BaseFigure
from computed.selectors import computed_of_agency
from computed.services import base_figure_set
from planning.errors import ServiceError
from quarters.access import quarter_access, require_enter
from quarters.entry_numbers import EntryNumberError, parse_entry
from quarters.locks import QUARTER_NAMES


@login_required
@require_GET
def figures_page(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    items = computed_of_agency(agency=access.agency, year=year)
    rows = [
        {
            "item": item,
            "result": item.results[quarter - 1],
            "figures": [(f, f.values[quarter - 1], f.versions[quarter - 1]) for f in item.figures],
        }
        for item in items
    ]
    return render(
        request,
        "computed/figures.html",
        {"access": access, "rows": rows, "roman": QUARTER_NAMES[quarter - 1], "quarters": [1, 2, 3, 4]},
    )


@login_required
@require_POST
def figure_save(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    access = quarter_access(request.user, slug, year, quarter)
    require_enter(access)
    try:
        figure = BaseFigure.objects.select_related("computed__indicator__row__strategic_plan__agency").get(
            pk=int(request.POST.get("figure", "")), computed__indicator__row__strategic_plan__agency=access.agency
        )
    except (ValueError, BaseFigure.DoesNotExist):
        raise Http404("Angka dasar tidak ditemukan") from None
    text = request.POST.get("value", "")
    try:
        changed = base_figure_set(
            figure=figure, year=year, quarter=quarter, value=parse_entry(text, negative=True), actor=request.user,
            expected_version=request.POST.get("version", ""),
        )  # fmt: skip
        if changed:
            messages.success(request, f"{figure.label}: tersimpan; realisasi indikatornya dihitung ulang.")
    except (EntryNumberError, ServiceError) as exc:
        messages.error(request, f"{figure.label}: {exc}")
    return redirect(reverse("computed:figures", args=[slug, year, quarter]))
