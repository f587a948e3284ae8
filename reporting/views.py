"""Pages of the report: thin views over the access helper, the report builder and the renderers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from planning.models import WorkPlan
from reporting.access import agencies_visible_to, agency_for_user
from reporting.frozen import report_verified
from reporting.renderers import RENDERERS
from reporting.renderers.html import document_context
from reporting.renderers.layout import DEFAULT_PAPER, PAPERS
from reporting.report import report_for_quarter
from reporting.selectors import ReportNotFound


@login_required
def home(request: HttpRequest) -> HttpResponse:
    agencies = list(agencies_visible_to(request.user))
    years: dict[int, list[int]] = {}
    for agency_id, year in (
        WorkPlan.objects.filter(strategic_plan__agency__in=agencies, is_active=True)
        .values_list("strategic_plan__agency_id", "year")
        .distinct()
        .order_by("year")
    ):
        years.setdefault(agency_id, []).append(year)
    rows = [(agency, sorted(set(years.get(agency.pk, [])), reverse=True)) for agency in agencies]
    return render(request, "reporting/home.html", {"rows": rows, "quarters": [1, 2, 3, 4]})


def _build(request: HttpRequest, slug: str, year: int, quarter: int):  # type: ignore[no-untyped-def]
    if quarter not in (1, 2, 3, 4):
        raise Http404("Triwulan 1-4")
    agency = agency_for_user(request.user, slug)
    try:
        return report_for_quarter(agency=agency, year=year, quarter=quarter, revision=_revision(request))
    except ReportNotFound as exc:
        raise Http404(str(exc)) from exc


def _revision(request: HttpRequest) -> int | None:
    """``?renja=N``: the report against Renja revision N (0 = murni) instead of the one in force."""
    value = request.GET.get("renja", "")
    return int(value) if value.isdigit() else None


def _annex(request: HttpRequest) -> bool:
    """``?lampiran=0`` leaves out the annex (findings, Rencana Aksi, legend)."""
    return request.GET.get("lampiran", "1") not in ("0", "tidak", "no", "false")


def _paper(request: HttpRequest) -> str:
    paper = request.GET.get("paper", DEFAULT_PAPER).lower()
    if paper not in PAPERS:
        raise Http404("Ukuran kertas tidak dikenal")
    return paper


@login_required
def report_page(request: HttpRequest, slug: str, year: int, quarter: int) -> HttpResponse:
    paper = _paper(request)
    report = _build(request, slug, year, quarter)
    context = {
        "report": report,
        "verified": report_verified(report),
        "ctx": report.context,
        "renderers": list(RENDERERS.values()),
        "papers": PAPERS,
        "annex": _annex(request),
        "renja": _revision(request),
        **document_context(report, paper, annex=_annex(request)),
    }
    return render(request, "reporting/report.html", context)


@login_required
def report_download(request: HttpRequest, slug: str, year: int, quarter: int, fmt: str) -> HttpResponse:
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise Http404("Format tidak dikenal")
    paper = _paper(request)
    report = _build(request, slug, year, quarter)
    annex = _annex(request)
    response = HttpResponse(renderer.render(report, paper=paper, annex=annex), content_type=renderer.content_type)
    suffix = f"-{paper.upper()}" if renderer.paged else ""
    if renderer.annexed and not annex:
        suffix += "-tanpa-lampiran"
    if renderer.name == "csv-id":
        suffix += "-id"
    elif renderer.name == "csv-temuan":
        suffix += "-temuan"
    filename = f"E81-{report.context.agency.slug}-{year}-TW{quarter}{suffix}.{renderer.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
