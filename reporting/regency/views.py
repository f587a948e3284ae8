"""The pemda's combined pages: the E.79 and its downloads, the ranking of PD and programs, the early
warning of the whole pemda (Bappeda, readers) and of one PD (its own people too).  Thin views over the
access helpers, the builder and the renderers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from planning.models import Agency, WorkPlan
from reporting.access import agency_for_user
from reporting.regency.access import region_for_user, regions_visible_to
from reporting.regency.builder import RegencyReport, regency_report_build
from reporting.regency.jobs import (
    BACKGROUND_MIN_PD,
    e79_job_start,
    e79_job_state,
    province_job_start,
    province_job_state,
)
from reporting.regency.ranking import DEFAULT_SORT, SORTS, agency_ranking, program_ranking, sort_rows
from reporting.regency.render_csv import render_ranking_csv, render_warning_csv
from reporting.regency.render_html import document_context
from reporting.regency.renderers import REGENCY_RENDERERS, RegencyRenderer
from reporting.regency.warnings import METHOD_TEXT, EarlyWarning, early_warning
from reporting.renderers.layout import DEFAULT_PAPER, PAPERS
from reporting.report import report_for_quarter
from reporting.selectors import ReportNotFound

QUARTERS = (1, 2, 3, 4)


def _quarter(quarter: int) -> None:
    if quarter not in QUARTERS:
        raise Http404("Triwulan 1-4")


def _e79(request: HttpRequest, region: str, year: int, quarter: int) -> RegencyReport:
    _quarter(quarter)
    return regency_report_build(region=region_for_user(request.user, region), year=year, quarter=quarter)


def _paper(request: HttpRequest) -> str:
    paper = request.GET.get("paper", DEFAULT_PAPER).lower()
    if paper not in PAPERS:
        raise Http404("Ukuran kertas tidak dikenal")
    return paper


@login_required
def regency_home(request: HttpRequest) -> HttpResponse:
    """The pemda the user may read whole, each with its years and quarters."""
    regions = list(regions_visible_to(request.user))
    years: dict[int, set[int]] = {}
    for region_id, year in (
        WorkPlan.objects.filter(strategic_plan__agency__region__in=regions, is_active=True)
        .values_list("strategic_plan__agency__region_id", "year")
        .distinct()
    ):
        years.setdefault(region_id, set()).add(year)
    rows = [(r, sorted(years.get(r.pk, ()), reverse=True)) for r in regions]
    every_year = sorted({y for ys in years.values() for y in ys}, reverse=True)
    return render(request, "regency/home.html", {"rows": rows, "quarters": QUARTERS, "years": every_year})


@login_required
def regency_page(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    paper = _paper(request)
    e79 = _e79(request, region, year, quarter)
    context = {
        "renderers": list(REGENCY_RENDERERS.values()),
        "papers": PAPERS,
        "quarters": QUARTERS,
        **document_context(e79, paper),
    }
    return render(request, "regency/e79.html", context)


@login_required
def regency_download(request: HttpRequest, region: str, year: int, quarter: int, fmt: str) -> HttpResponse:
    renderer = REGENCY_RENDERERS.get(fmt)
    if renderer is None:
        raise Http404("Format tidak dikenal")
    paper = _paper(request)
    _quarter(quarter)
    pemda = region_for_user(request.user, region)
    if Agency.objects.filter(region=pemda).count() > BACKGROUND_MIN_PD:
        task_id = e79_job_start(region=pemda, year=year, quarter=quarter, fmt=fmt, paper=paper)
        return redirect("regency:e79_job", pemda.slug, year, quarter, fmt, task_id)
    e79 = regency_report_build(region=pemda, year=year, quarter=quarter)
    return _attachment(renderer.render(e79, paper=paper), renderer, pemda.slug, year, quarter, paper)


def _attachment(data: bytes, renderer: RegencyRenderer, slug: str, year: int, quarter: int, paper: str) -> HttpResponse:
    response = HttpResponse(data, content_type=renderer.content_type)
    suffix = f"-{paper.upper()}" if renderer.paged else ""
    filename = f"E79-{slug}-{year}-TW{quarter}{suffix}.{renderer.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def e79_job(request: HttpRequest, region: str, year: int, quarter: int, fmt: str, task: str) -> HttpResponse:
    """A queued E.79 download: "being prepared" (the page refreshes itself), then its link; ``?unduh=1``
    gives the file."""
    renderer = REGENCY_RENDERERS.get(fmt)
    if renderer is None:
        raise Http404("Format tidak dikenal")
    pemda = region_for_user(request.user, region)
    state = e79_job_state(region=pemda, task_id=task)
    if state is None:
        raise Http404("Pekerjaan tidak ditemukan")
    if request.GET.get("unduh") and state.success and state.data is not None:
        return _attachment(state.data, renderer, pemda.slug, year, quarter, _paper(request))
    context = {"region": pemda, "year": year, "quarter": quarter, "renderer": renderer, "state": state, "task": task}
    return render(request, "regency/job.html", context)


def _ranking(request: HttpRequest, e79: RegencyReport) -> tuple[str, str, bool, list]:  # type: ignore[type-arg]
    kind = "program" if request.GET.get("jenis") == "program" else "pd"
    key = request.GET.get("urut", DEFAULT_SORT)
    key = key if key in SORTS else DEFAULT_SORT
    descending = request.GET.get("arah", "turun") != "naik"
    rows = program_ranking(e79) if kind == "program" else agency_ranking(e79)
    return kind, key, descending, sort_rows(rows, key, descending)


@login_required
def ranking_page(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    e79 = _e79(request, region, year, quarter)
    kind, key, descending, rows = _ranking(request, e79)
    context = {"e79": e79, "kind": kind, "key": key, "descending": descending, "rows": rows, "sorts": SORTS}
    return render(request, "regency/ranking.html", context)


@login_required
def ranking_csv(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    e79 = _e79(request, region, year, quarter)
    kind, key, _descending, rows = _ranking(request, e79)
    response = HttpResponse(render_ranking_csv(rows), content_type="text/csv; charset=utf-8")
    filename = f"peringkat-{kind}-{e79.region.slug}-{year}-TW{quarter}-{key}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _warning_context(warning: EarlyWarning, **extra: object) -> dict[str, object]:
    return {"warning": warning, "methods": METHOD_TEXT, "thresholds": warning.thresholds, **extra}


@login_required
def warning_page(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    e79 = _e79(request, region, year, quarter)
    warning = early_warning(a.report for a in e79.agencies)
    return render(request, "regency/warning.html", _warning_context(warning, e79=e79, scope=e79.region.name))


@login_required
def warning_csv(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    e79 = _e79(request, region, year, quarter)
    response = HttpResponse(
        render_warning_csv(early_warning(a.report for a in e79.agencies)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="peringatan-{e79.region.slug}-{year}-TW{quarter}.csv"'
    return response


@login_required
def agency_warning_page(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    """One PD's early warning: its own people, Bappeda and readers (another PD's is a 404)."""
    _quarter(quarter)
    agency = agency_for_user(request.user, slug)
    try:
        report = report_for_quarter(agency=agency, year=year, quarter=quarter)
    except ReportNotFound as exc:
        raise Http404(str(exc)) from exc
    warning = early_warning([report])
    return render(
        request, "regency/warning.html", _warning_context(warning, agency=report.context.agency, scope=agency.name)
    )


@login_required
def province_download(request: HttpRequest, year: int, quarter: int) -> HttpResponse:
    """The roll-up over every pemda the user may read whole (a province, a hosted service): always a
    background job (at province scale it takes minutes), answered with its page."""
    _quarter(quarter)
    regions = list(regions_visible_to(request.user))
    if not regions:
        raise Http404("Tidak ada pemda yang dapat dibaca")
    task_id = province_job_start(regions=regions, year=year, quarter=quarter)
    return redirect("regency:province_job", year, quarter, task_id)


@login_required
def province_job(request: HttpRequest, year: int, quarter: int, task: str) -> HttpResponse:
    readable = set(regions_visible_to(request.user).values_list("pk", flat=True))
    state = province_job_state(readable=readable, task_id=task)
    if state is None:
        raise Http404("Pekerjaan tidak ditemukan")
    if request.GET.get("unduh") and state.success and state.data is not None:
        response = HttpResponse(state.data, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="provinsi-{year}-TW{quarter}.csv"'
        return response
    context = {"year": year, "quarter": quarter, "state": state, "label": "CSV", "province": True}
    return render(request, "regency/job.html", context)
