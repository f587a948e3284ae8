"""The pemda's combined pages: the E.79 and its downloads, the ranking of PD and programs, the early
warning of the whole pemda (Bappeda, readers) and of one PD (its own people too).  Thin views over the
access helpers, the builder and the renderers."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from planning.models import Agency, WorkPlan
from reporting.access import agency_for_user
from reporting.regency.access import region_for_user, regions_visible_to
from reporting.regency.builder import regency_report_build
from reporting.regency.jobs import (
    BACKGROUND_MIN_PD,
    e79_job_start,
    e79_job_state,
    province_job_start,
    province_job_state,
)
from reporting.regency.prepared import READY, Pages, fingerprint, pages_build, pages_prepared, preparation_of
from reporting.regency.ranking import DEFAULT_SORT, SORTS, RankRow, sort_rows
from reporting.regency.render_csv import render_ranking_csv
from reporting.regency.renderers import REGENCY_RENDERERS, RegencyRenderer
from reporting.regency.warnings import METHOD_TEXT, EarlyWarning, early_warning
from reporting.renderers.layout import DEFAULT_PAPER, PAPERS, paper_for
from reporting.report import report_for_quarter
from reporting.selectors import ReportNotFound

QUARTERS = (1, 2, 3, 4)


def _quarter(quarter: int) -> None:
    if quarter not in QUARTERS:
        raise Http404("Triwulan 1-4")


def _pages(request: HttpRequest, region: str, year: int, quarter: int, part: str) -> Pages:
    """What the page shows: built here for a pemda of at most ``BACKGROUND_MIN_PD`` PD; for a larger one,
    the prepared result (``prepared.py``), its job started or joined when the data changed."""
    _quarter(quarter)
    pemda = region_for_user(request.user, region)
    fp = fingerprint(pemda)
    if fp.agencies <= BACKGROUND_MIN_PD:
        return pages_build(pemda, year, quarter, part)
    return pages_prepared(pemda, year, quarter, part, fp, retry=bool(request.GET.get("ulang")))


WHAT = {"e79": "E.79", "ranking": "Peringkat PD", "warning": "Peringatan dini"}


def _pending(request: HttpRequest, pages: Pages, part: str, file_url: str = "") -> HttpResponse:
    """The "sedang disiapkan" page of a large pemda whose first result is not there yet."""
    context = {
        "head": pages.header,
        "preparation": pages.preparation,
        "what": WHAT.get(part, "Unduhan"),
        "file_url": file_url,
    }
    return render(request, "regency/prepare.html", context)


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
    pages = _pages(request, region, year, quarter, "e79")
    if not pages.ready:
        return _pending(request, pages, "e79")
    context = {
        "renderers": list(REGENCY_RENDERERS.values()),
        "papers": PAPERS,
        "paper": paper_for(paper),
        "quarters": QUARTERS,
        "head": pages.header,
        "document": pages.e79_html,
        "preparation": pages.preparation,
    }
    return render(request, "regency/e79.html", context)


@login_required
def prepare_status(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    """The polled fragment of a large pemda's preparation (htmx).  Done, or a result newer than the page
    shows: the page reloads itself (``HX-Refresh``); a CSV's page (``?berkas=``, one of this pemda's CSV
    links) links the file once fresh instead."""
    _quarter(quarter)
    pemda = region_for_user(request.user, region)
    file_url = _own_file_url(request.GET.get("berkas", ""), pemda.slug)
    fp = fingerprint(pemda)
    if fp.agencies <= BACKGROUND_MIN_PD:
        preparation = READY  # built in the request: nothing to wait for
    else:
        preparation = preparation_of(pemda, year, quarter, fp, retry=bool(request.GET.get("ulang")))
    if not file_url and (preparation.fresh or _newer_than_shown(preparation.built_at, request.GET.get("tampil"))):
        response = HttpResponse("Angka baru siap.")
        response["HX-Refresh"] = "true"
        return response
    head = {"region": pemda.name, "slug": pemda.slug, "year": year, "quarter": quarter}
    context = {"head": head, "preparation": preparation, "file_url": file_url}
    return render(request, "regency/_prepare_status.html", context)


def _newer_than_shown(built_at: datetime | None, shown: str | None) -> bool:
    """A result newer than the page shows (``?tampil=``, its time in seconds; 0: none): the page reloads
    to it, even when data changed again since (it is then marked, and the next job already runs)."""
    if built_at is None or shown is None or not shown.isdigit():
        return False
    return int(built_at.timestamp()) > int(shown)


def _own_file_url(url: str, slug: str) -> str:
    """``url`` if it is one of pemda ``slug``'s CSV links (the only thing a status fragment links), else ""."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    parts = urlsplit(url)
    if not url or parts.scheme or parts.netloc:
        return ""
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ""
    ok = match.view_name in ("regency:ranking_csv", "regency:warning_csv") and match.kwargs.get("region") == slug
    return url if ok else ""


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


def _ranking(request: HttpRequest, pages: Pages) -> tuple[str, str, bool, list[RankRow]]:
    kind = "program" if request.GET.get("jenis") == "program" else "pd"
    key = request.GET.get("urut", DEFAULT_SORT)
    key = key if key in SORTS else DEFAULT_SORT
    descending = request.GET.get("arah", "turun") != "naik"
    return kind, key, descending, sort_rows(pages.ranking.get(kind, []), key, descending)


@login_required
def ranking_page(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    pages = _pages(request, region, year, quarter, "ranking")
    if not pages.ready:
        return _pending(request, pages, "ranking")
    kind, key, descending, rows = _ranking(request, pages)
    context = {
        "head": pages.header,
        "preparation": pages.preparation,
        "kind": kind,
        "key": key,
        "descending": descending,
        "rows": rows,
        "sorts": SORTS,
    }
    return render(request, "regency/ranking.html", context)


def _fresh_file(request: HttpRequest, pages: Pages, part: str) -> HttpResponse | None:
    """A large pemda's CSV only from a fresh result (a file carries no "angka per ..." mark): otherwise the
    page that waits for it and then links it."""
    if pages.preparation is not None and not pages.preparation.fresh:
        return _pending(request, pages, part, file_url=request.get_full_path())
    return None


@login_required
def ranking_csv(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    pages = _pages(request, region, year, quarter, "ranking")
    waiting = _fresh_file(request, pages, "ranking")
    if waiting is not None:
        return waiting
    kind, key, _descending, rows = _ranking(request, pages)
    response = HttpResponse(render_ranking_csv(rows), content_type="text/csv; charset=utf-8")
    filename = f"peringkat-{kind}-{pages.header['slug']}-{year}-TW{quarter}-{key}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _warning_context(warning: EarlyWarning, **extra: object) -> dict[str, object]:
    return {"warning": warning, "methods": METHOD_TEXT, "thresholds": warning.thresholds, **extra}


@login_required
def warning_page(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    pages = _pages(request, region, year, quarter, "warning")
    if not pages.ready:
        return _pending(request, pages, "warning")
    context = {
        "head": pages.header,
        "preparation": pages.preparation,
        "scope": pages.header["region"],
        "quarter": quarter,
        "body": pages.warning_html,
    }
    return render(request, "regency/warning.html", context)


@login_required
def warning_csv(request: HttpRequest, region: str, year: int, quarter: int) -> HttpResponse:
    pages = _pages(request, region, year, quarter, "warning_csv")
    waiting = _fresh_file(request, pages, "warning")
    if waiting is not None:
        return waiting
    response = HttpResponse(pages.warning_csv or b"", content_type="text/csv; charset=utf-8")
    filename = f"peringatan-{pages.header['slug']}-{year}-TW{quarter}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
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
    context = _warning_context(warning, agency=report.context.agency, scope=agency.name, quarter=quarter)
    return render(request, "regency/warning.html", context)


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
