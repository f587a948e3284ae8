"""Reading: the pemda and PD a user sees, a PD's plan of a year, its realisations, its E.81 report."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import Refused
from api.models import OpenDataPublication
from api.serializers import AgencySerializer, JobSerializer, PlanSerializer, RealizationsSerializer, RegionSerializer
from api.views.common import (
    QUARTER,
    REGION,
    SLUG,
    YEAR,
    access_of,
    agency_of,
    errors,
    plain_or_none,
    quarter_of,
    year_of,
)
from computed.models import ComputedIndicator
from domain.inputs import RowInput
from planning.models import Agency, BudgetRealization, Realization, Region, WorkPlan
from planning.roles import can_enter, person_name
from planning.services.realizations import value_version
from quarters.models import QuarterReport
from reporting.access import agencies_visible_to
from reporting.renderers.json_report import render_json
from reporting.report import report_for_quarter
from reporting.selectors import ReportNotFound, report_input_for

_OPEN = (QuarterReport.Status.DRAFT, QuarterReport.Status.RETURNED)


@extend_schema(summary="Pemda yang dapat Anda lihat", responses={200: RegionSerializer(many=True), **errors(401)})
@api_view(["GET"])
def regions(request: Request) -> Response:
    visible = agencies_visible_to(request.user).values("region_id")
    published = set(OpenDataPublication.objects.filter(published=True).values_list("region_id", flat=True))
    return Response(
        [
            {"slug": r.slug, "name": r.name, "kind": r.kind, "open_data": r.pk in published}
            for r in Region.objects.filter(pk__in=visible).order_by("name")
        ]
    )


@extend_schema(summary="PD yang dapat Anda lihat", responses={200: AgencySerializer(many=True), **errors(401)})
@api_view(["GET"])
def agencies(request: Request) -> Response:
    visible = list(agencies_visible_to(request.user))
    years: dict[int, set[int]] = {}
    for agency_id, year in WorkPlan.objects.filter(strategic_plan__agency__in=visible, is_active=True).values_list(
        "strategic_plan__agency_id", "year"
    ):
        years.setdefault(agency_id, set()).add(year)
    return Response(
        [
            {"slug": a.slug, "name": a.name, "region": a.region.slug, "years": sorted(years.get(a.pk, ()))}
            for a in visible
        ]
    )


def _rows(roots: tuple[RowInput, ...], computed: set[int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(row: RowInput, parent: int | None) -> None:
        out.append(
            {
                "id": row.key,
                "parent_id": parent,
                "level": row.level.value,
                "code": row.code,
                "name": row.name,
                "strategic_budget": plain_or_none(row.budget.strategic),
                "prior_budget": plain_or_none(row.budget.prior),
                "budget": plain_or_none(row.budget.annual),
                "funding_source": row.funding_source,
                "indicators": [
                    {
                        "id": ind.key,
                        "name": ind.name,
                        "unit": ind.unit,
                        "direction": ind.direction.value,
                        "aggregation": ind.aggregation.value,
                        "periodicity": ind.periodicity.value,
                        "formula": ind.formula,
                        "computed": ind.key in computed,
                        "strategic_target": plain_or_none(ind.strategic_target),
                        "prior_realization": plain_or_none(ind.prior_realization),
                        "target": plain_or_none(ind.target),
                        "action_plan": [plain_or_none(v) for v in ind.action_plan],
                    }
                    for ind in row.indicators
                ],
            }
        )
        for child in row.children:
            walk(child, row.key)

    for root in roots:
        walk(root, None)
    return out


@extend_schema(
    summary="Rencana PD setahun: baris, indikator, target, Rencana Aksi, pagu",
    parameters=[SLUG, YEAR],
    responses={200: PlanSerializer, **errors(401, 404)},
)
@api_view(["GET"])
def plan(request: Request, slug: str, year: str) -> Response:
    agency = agency_of(request.user, slug)
    number = year_of(year)
    try:
        report_input, context = report_input_for(agency=agency, year=number, quarter=4)
    except ReportNotFound as exc:
        raise Http404(str(exc)) from exc
    computed = set(
        ComputedIndicator.objects.filter(indicator__row__strategic_plan__agency=agency).values_list(
            "indicator_id", flat=True
        )
    )
    return Response(
        {
            "agency": agency.slug,
            "year": number,
            "work_plan_revision": context.work_plan.revision,
            "strategic_plan": [context.work_plan.start_year, context.work_plan.end_year],
            "rows": _rows(report_input.roots, computed),
        }
    )


@extend_schema(
    summary="Realisasi K dan Rp setahun, dengan version tiap nilai dan keadaan tiap triwulan",
    parameters=[SLUG, YEAR],
    responses={200: RealizationsSerializer, **errors(401, 404)},
)
@api_view(["GET"])
def realizations(request: Request, slug: str, year: str) -> Response:
    agency = agency_of(request.user, slug)
    number = year_of(year)
    if not WorkPlan.objects.filter(strategic_plan__agency=agency, year=number).exists():
        raise Http404(f"Belum ada Renja tahun {number} untuk {agency.name}.")
    statuses = dict(QuarterReport.objects.filter(agency=agency, year=number).values_list("quarter", "status"))
    approved = [q for q, s in statuses.items() if s == QuarterReport.Status.APPROVED]
    locked = set(range(1, max(approved) + 1)) if approved else set()  # as quarters.locks.locked_quarters
    enter = can_enter(request.user, agency)
    quarters = []
    for q in (1, 2, 3, 4):
        status = statuses.get(q, QuarterReport.Status.DRAFT)
        quarters.append(
            {
                "quarter": q,
                "status": status,
                "locked": q in locked,
                "may_enter": enter and status in _OPEN and q not in locked,
            }
        )
    k = [
        {
            "indicator_id": r.indicator_id,
            "quarter": r.quarter,
            "value": plain_or_none(r.value),
            "version": value_version(r),
            "updated_by": person_name(r.updated_by),
        }
        for r in Realization.objects.filter(indicator__row__strategic_plan__agency=agency, year=number)
        .select_related("updated_by")
        .order_by("indicator_id", "quarter")
    ]
    rp = [
        {
            "row_id": r.row_id,
            "quarter": r.quarter,
            "amount": plain_or_none(r.amount),
            "version": value_version(r),
            "updated_by": person_name(r.updated_by),
        }
        for r in BudgetRealization.objects.filter(row__strategic_plan__agency=agency, year=number)
        .select_related("updated_by")
        .order_by("row_id", "quarter")
    ]
    return Response({"agency": agency.slug, "year": number, "quarters": quarters, "k": k, "rp": rp})


@extend_schema(
    summary="Laporan E.81 (JSON) sampai akhir triwulan; triwulan yang disetujui: salinan bekunya",
    description="Sama dengan unduhan JSON di layar laporan (docs/report-format.md). Triwulan yang sudah "
    "disetujui Bappeda dilayani dari salinan bekunya, byte demi byte (SHA-256 di header X-Kinerja-SHA256).",
    parameters=[SLUG, YEAR, QUARTER],
    responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="laporan E.81"), **errors(401, 404)},
)
@api_view(["GET"])
def report(request: Request, slug: str, year: str, quarter: str) -> HttpResponse:
    access = access_of(request.user, slug, year, quarter)
    try:
        built = report_for_quarter(agency=access.agency, year=access.year, quarter=access.quarter)
    except ReportNotFound as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(render_json(built), content_type="application/json; charset=utf-8")
    if built.approval is not None and built.approval.sha256:
        response["X-Kinerja-SHA256"] = built.approval.sha256
    return response


@extend_schema(
    summary="Laporan E.79 pemda (JSON): semua PD, urusan > bidang > PD > program > kegiatan",
    description="Sama dengan unduhan JSON halaman E.79 (docs/regency.md), untuk Bappeda dan pembaca pemda; "
    "PD pemda itu sendiri 403, di luar pemda 404. Pemda dengan PD lebih banyak dari batas tugas latar "
    "(sama dengan halaman web) dijawab 202 dengan alamat tugasnya: tanyakan alamat itu sampai 200.",
    parameters=[REGION, YEAR, QUARTER],
    responses={
        200: OpenApiResponse(OpenApiTypes.OBJECT, description="laporan E.79"),
        202: OpenApiResponse(JobSerializer, description="sedang disiapkan sebagai tugas latar"),
        **errors(401, 403, 404),
    },
)
@api_view(["GET"])
def regency_report(request: Request, region: str, year: str, quarter: str) -> HttpResponse:
    from reporting.regency import views as regency_views
    from reporting.regency.access import region_for_user
    from reporting.regency.builder import regency_report_build
    from reporting.regency.jobs import e79_job_start
    from reporting.regency.render_json import render_json as render_regency_json

    pemda = region_for_user(request.user, region)
    number, q = year_of(year), quarter_of(quarter)
    if Agency.objects.filter(region=pemda).count() > regency_views.BACKGROUND_MIN_PD:
        task = e79_job_start(region=pemda, year=number, quarter=q, fmt="json", paper="f4")
        return _job_answer(pemda.slug, number, q, task)
    e79 = regency_report_build(region=pemda, year=number, quarter=q)
    return HttpResponse(render_regency_json(e79), content_type="application/json; charset=utf-8")


def _job_answer(region: str, year: int, quarter: int, task: str) -> Response:
    url = reverse("api:regency_job", args=[region, year, quarter, task])
    return Response(
        {"detail": "Laporan E.79 sedang disiapkan; tanyakan alamat tugas ini sampai selesai.", "job": task, "url": url},
        status=202,
    )


@extend_schema(
    summary="Tugas latar E.79: 202 selama disiapkan, lalu 200 dengan laporannya",
    parameters=[REGION, YEAR, QUARTER, OpenApiParameter("task", str, OpenApiParameter.PATH)],
    responses={
        200: OpenApiResponse(OpenApiTypes.OBJECT, description="laporan E.79"),
        202: OpenApiResponse(JobSerializer, description="masih disiapkan"),
        **errors(401, 403, 404, 409),
    },
)
@api_view(["GET"])
def regency_job(request: Request, region: str, year: str, quarter: str, task: str) -> HttpResponse:
    from reporting.regency.access import region_for_user
    from reporting.regency.jobs import e79_job_state

    pemda = region_for_user(request.user, region)
    number, q = year_of(year), quarter_of(quarter)
    state = e79_job_state(region=pemda, task_id=task[:64])
    if state is None:
        raise Http404("Tugas tidak ditemukan")
    if not state.done:
        return _job_answer(pemda.slug, number, q, task)
    if not state.success or state.data is None:
        raise Refused(f"Pembuatan laporan E.79 gagal: {state.error}", code=409)
    return HttpResponse(state.data, content_type="application/json; charset=utf-8")
