"""The base figures of a quarter: the computed indicators of the PD, a field per figure, and what they
compute to (value, numerator, denominator).  Thin views: the quarter's access check (``quarters.access``:
reading for who may read the PD, saving for who may enter the quarter), one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from computed.models import BaseFigure, ComputedIndicator
from computed.selectors import computed_of_agency
from computed.services import base_figure_set, computed_define
from domain.computed import BaseFigureDef, FigureKind
from planning.errors import ServiceError
from planning.models import Indicator
from planning.roles import can_enter
from quarters.access import quarter_access, require_enter
from quarters.entry_numbers import EntryNumberError, parse_entry
from quarters.locks import QUARTER_NAMES
from reporting.access import agency_for_user


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


KIND_WORDS = {"stok": FigureKind.STOCK, "stock": FigureKind.STOCK, "arus": FigureKind.FLOW, "flow": FigureKind.FLOW}


def figures_from_text(text: str) -> list[BaseFigureDef]:
    """One base figure per line, "nama | keterangan | stok/arus" (the kind may be left out: stok)."""
    figures = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (2, 3):
            raise ServiceError(f"Angka dasar baris {number}: tulis 'nama | keterangan | stok atau arus'.")
        kind = KIND_WORDS.get(parts[2].lower() if len(parts) == 3 and parts[2] else "stok")
        if kind is None:
            raise ServiceError(f"Angka dasar baris {number}: jenis {parts[2]!r} tidak dikenal; pakai stok atau arus.")
        figures.append(BaseFigureDef(parts[0], parts[1], kind))
    return figures


@login_required
@require_http_methods(["GET", "POST"])
def formula_page(request: HttpRequest, slug: str, indicator_id: int) -> HttpResponse:
    """An indicator's formula and base figures: shown to who may read the PD, set by its operator or Kepala."""
    agency = agency_for_user(request.user, slug)
    indicator = (
        Indicator.objects.filter(pk=indicator_id, row__strategic_plan__agency=agency)
        .select_related("row__strategic_plan__agency")
        .first()
    )
    if indicator is None:
        raise Http404("Indikator tidak ditemukan")
    computed = ComputedIndicator.objects.filter(indicator=indicator).prefetch_related("figures").first()
    may_define = can_enter(request.user, agency)
    error = ""
    formula = computed.formula if computed else (indicator.formula or "")
    lines = "\n".join(
        f"{f.name} | {f.label} | {'arus' if f.kind == FigureKind.FLOW else 'stok'}" for f in computed.figures.all()
    ) if computed else ""  # fmt: skip
    if request.method == "POST":
        if not may_define:
            raise PermissionDenied(f"Hanya operator atau Kepala PD {agency.name} yang dapat menetapkan rumus.")
        formula, lines = request.POST.get("formula", ""), request.POST.get("figures", "")
        try:
            computed_define(
                indicator=indicator, formula=formula, figures=figures_from_text(lines), actor=request.user,
                reason=request.POST.get("reason", ""),
            )  # fmt: skip
            messages.success(request, f"Rumus {indicator.name[:80]} tersimpan.")
            return redirect(reverse("computed:formula", args=[slug, indicator.pk]))
        except ServiceError as exc:
            error = str(exc)
    return render(
        request,
        "computed/formula.html",
        {"agency": agency, "indicator": indicator, "computed": computed, "formula": formula, "lines": lines,
         "error": error, "may_define": may_define},
    )  # fmt: skip
