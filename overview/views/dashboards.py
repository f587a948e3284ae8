"""The dashboards: one PD's (those who may read the PD) and the pemda's (Bappeda and readers),
each chart with its table and a CSV download of the same rows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from overview.dashboards import Dashboard, agency_dashboard, region_dashboard
from overview.views.common import quarter_asked, region_or_404, require_region_wide
from reporting.access import agencies_visible_to, agency_for_user


def _agency(request: HttpRequest, slug: str, year: int) -> Dashboard:
    agency = agency_for_user(request.user, slug)
    dashboard = agency_dashboard(agency=agency, year=year, quarter=quarter_asked(request, year))
    if dashboard is None:
        raise Http404(f"Belum ada Renja tahun {year} untuk {agency.name}.")
    return dashboard


def _region(request: HttpRequest, region: str, year: int) -> Dashboard:
    the_region = region_or_404(request.user, region)
    require_region_wide(request.user, the_region)
    agencies = list(agencies_visible_to(request.user).filter(region=the_region))
    return region_dashboard(region=the_region, agencies=agencies, year=year, quarter=quarter_asked(request, year))


def _csv(dashboard: Dashboard, chart: str, name: str) -> HttpResponse:
    found = dashboard.chart(chart)
    if found is None:
        raise Http404("Grafik tidak dikenal")
    response = HttpResponse(found.csv(), content_type="text/csv; charset=utf-8")
    filename = f"dasbor-{name}-{dashboard.year}-TW{dashboard.quarter}-{found.key}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def agency_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    dashboard = _agency(request, slug, year)
    context = {"dashboard": dashboard, "slug": slug, "scope": "pd", "quarters": [1, 2, 3, 4]}
    return render(request, "overview/dashboard.html", context)


@login_required
@require_GET
def agency_csv(request: HttpRequest, slug: str, year: int, chart: str) -> HttpResponse:
    return _csv(_agency(request, slug, year), chart, slug)


@login_required
@require_GET
def region_page(request: HttpRequest, region: str, year: int) -> HttpResponse:
    dashboard = _region(request, region, year)
    context = {"dashboard": dashboard, "region": region, "scope": "pemda", "quarters": [1, 2, 3, 4]}
    return render(request, "overview/dashboard.html", context)


@login_required
@require_GET
def region_csv(request: HttpRequest, region: str, year: int, chart: str) -> HttpResponse:
    return _csv(_region(request, region, year), chart, region)
