"""Bappeda's overview of every PD of the pemda by quarter (a PD's operator sees its own line)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from overview.selectors import STATUS_LABELS, Filters, overview_for, region_wide, regions_of, years_of
from overview.views.common import quarter_asked, region_or_404, year_asked
from planning.roles import is_bappeda, is_region_admin
from reporting.access import agencies_visible_to


@login_required
@require_GET
def overview_home(request: HttpRequest) -> HttpResponse:
    """The overview of the user's (first) pemda."""
    regions = regions_of(request.user)
    if not regions:
        raise Http404("Anda belum terdaftar di pemda mana pun.")
    return redirect("overview:overview", region=regions[0].slug)


@login_required
@require_GET
def overview_page(request: HttpRequest, region: str) -> HttpResponse:
    the_region = region_or_404(request.user, region)
    years = years_of(agencies_visible_to(request.user).filter(region=the_region))
    year = year_asked(request, years)
    quarter = quarter_asked(request, year)
    status = request.GET.get("status", "")
    if status and status not in STATUS_LABELS:
        raise Http404("Status tidak dikenal")
    filters = Filters(status=status, late=request.GET.get("terlambat") == "1", errors=request.GET.get("galat") == "1")
    overview = overview_for(user=request.user, region=the_region, year=year, quarter=quarter, filters=filters)
    context = {
        "overview": overview,
        "filters": filters,
        "years": years or [year],
        "statuses": STATUS_LABELS,
        "verifies": is_bappeda(request.user, the_region),
        "region_wide": region_wide(request.user, the_region),
        "region_admin": is_region_admin(request.user, the_region),
        "regions": regions_of(request.user),
    }
    return render(request, "overview/overview.html", context)
