"""Writing: a realisation K or Rp of one quarter, a computed indicator's formula and a base figure.

Each view checks the quarter as the entry screen does (``quarters.access``: another PD's data 404, the
role or the lock 403 with the screen's words), then calls the very service the screen calls; the
service checks the role, the lock and the limits again and writes the history.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from api.errors import Refused, service_response
from api.serializers import (
    AcrossSerializer,
    BaseFigureWriteSerializer,
    ComputedSerializer,
    ComputedWriteSerializer,
    KWriteSerializer,
    RpWriteSerializer,
    WrittenSerializer,
)
from api.views.common import (
    QUARTER,
    REGION,
    SLUG,
    YEAR,
    agency_of,
    entry_access,
    errors,
    plain_or_none,
    quarter_of,
    year_of,
)
from computed.models import BaseFigure, BaseFigureValue
from computed.selectors import computed_of_agency, computed_of_region
from computed.services import base_figure_set, computed_define
from domain.computed import BaseFigureDef, FigureKind
from planning.errors import ServiceError
from planning.models import BudgetRealization, Indicator, PlanRow, Realization
from planning.roles import can_enter
from planning.services.realizations import budget_realization_set, realization_set, value_version

SOURCE = "API"
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="id indikator (K) atau baris (Rp) dari /rencana/")
WRITE_ERRORS = errors(400, 401, 403, 404, 409)


def _pk(text: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise Http404("id tidak dikenal")
    return int(text)


def _version(data: dict[str, Any]) -> str | None:
    return data.get("version") if "version" in data else None


@extend_schema(
    summary="Mengisi (atau mengosongkan) realisasi K satu indikator pada satu triwulan",
    parameters=[SLUG, YEAR, QUARTER, ID],
    request=KWriteSerializer,
    responses={200: WrittenSerializer, **WRITE_ERRORS},
)
@api_view(["PUT"])
def realization_k(request: Request, slug: str, year: str, quarter: str, id: str) -> Response:
    access = entry_access(request.user, slug, year, quarter)
    try:
        indicator = Indicator.objects.select_related("row__strategic_plan__agency").get(
            pk=_pk(id), row__strategic_plan__agency=access.agency
        )
    except Indicator.DoesNotExist:
        raise Http404("Indikator tidak ditemukan di PD ini") from None
    serializer = KWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    try:
        changed = realization_set(
            indicator=indicator, year=access.year, quarter=access.quarter, value=data["value"], actor=request.user,
            reason=data.get("reason", ""), source=SOURCE, expected_version=_version(data),
        )  # fmt: skip
    except ServiceError as exc:
        return service_response(exc, field="value")
    stored = Realization.objects.filter(indicator=indicator, year=access.year, quarter=access.quarter).first()
    return Response(
        {"changed": changed, "value": plain_or_none(stored.value if stored else None), "version": value_version(stored)}
    )


@extend_schema(
    summary="Mengisi (atau mengosongkan) realisasi Rp satu baris pada satu triwulan",
    parameters=[SLUG, YEAR, QUARTER, ID],
    request=RpWriteSerializer,
    responses={200: WrittenSerializer, **WRITE_ERRORS},
)
@api_view(["PUT"])
def realization_rp(request: Request, slug: str, year: str, quarter: str, id: str) -> Response:
    access = entry_access(request.user, slug, year, quarter)
    try:
        row = PlanRow.objects.select_related("strategic_plan__agency").get(
            pk=_pk(id), strategic_plan__agency=access.agency
        )
    except PlanRow.DoesNotExist:
        raise Http404("Baris tidak ditemukan di PD ini") from None
    serializer = RpWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    try:
        changed = budget_realization_set(
            row=row, year=access.year, quarter=access.quarter, amount=data["amount"], actor=request.user,
            reason=data.get("reason", ""), source=SOURCE, expected_version=_version(data),
        )  # fmt: skip
    except ServiceError as exc:
        return service_response(exc, field="amount")
    stored = BudgetRealization.objects.filter(row=row, year=access.year, quarter=access.quarter).first()
    return Response(
        {
            "changed": changed,
            "value": plain_or_none(stored.amount if stored else None),
            "version": value_version(stored),
        }
    )


# -- computed indicators --------------------------------------------------------------------------
def _computed_dict(item: Any) -> dict[str, Any]:
    return {
        "indicator_id": item.indicator_id,
        "indicator": item.indicator,
        "unit": item.unit,
        "formula": item.formula,
        "numerator": item.numerator,
        "denominator": item.denominator,
        "figures": [
            {
                "id": f.figure_id,
                "name": f.name,
                "label": f.label,
                "kind": f.kind.value,
                "values": [plain_or_none(v) for v in f.values],
                "versions": list(f.versions),
            }
            for f in item.figures
        ],
        "results": [
            {
                "quarter": q,
                "value": plain_or_none(r.value),
                "numerator": plain_or_none(r.numerator),
                "denominator": plain_or_none(r.denominator),
                "reason": r.reason,
            }
            for q, r in enumerate(item.results, start=1)
        ],
    }


@extend_schema(
    summary="Indikator terhitung PD: rumus, angka dasar tiap triwulan, hasil dengan pembilang dan penyebut",
    parameters=[SLUG, YEAR],
    responses={200: ComputedSerializer(many=True), **errors(401, 404)},
)
@api_view(["GET"])
def computed_list(request: Request, slug: str, year: str) -> Response:
    agency = agency_of(request.user, slug)
    return Response([_computed_dict(c) for c in computed_of_agency(agency=agency, year=year_of(year))])


@extend_schema(
    summary="Menetapkan rumus indikator terhitung dan angka dasarnya",
    description="Rumus hanya memakai nama angka dasar, angka, + - * / dan tanda kurung; rumus yang salah "
    "ditolak dengan alasannya (docs/computed.md).",
    parameters=[SLUG, OpenApiParameter("id", int, OpenApiParameter.PATH, description="id indikator")],
    request=ComputedWriteSerializer,
    responses={200: ComputedSerializer, **errors(400, 401, 403, 404)},
)
@api_view(["PUT"])
def computed_put(request: Request, slug: str, id: str) -> Response:
    agency = agency_of(request.user, slug)
    try:
        indicator = Indicator.objects.select_related("row__strategic_plan__agency").get(
            pk=_pk(id), row__strategic_plan__agency=agency
        )
    except Indicator.DoesNotExist:
        raise Http404("Indikator tidak ditemukan di PD ini") from None
    if not can_enter(request.user, agency):
        raise Refused(f"Hanya operator atau Kepala PD {agency.name} yang dapat menetapkan rumus.", code=403)
    serializer = ComputedWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    figures = [BaseFigureDef(f["name"], f["label"], FigureKind(f["kind"])) for f in data["figures"]]
    try:
        computed_define(
            indicator=indicator, formula=data["formula"], figures=figures, actor=request.user,
            reason=data.get("reason", ""),
        )  # fmt: skip
    except ServiceError as exc:
        return service_response(exc, field="formula")
    year = max(
        BaseFigureValue.objects.filter(figure__computed__indicator=indicator).values_list("year", flat=True),
        default=None,
    )
    listing = computed_of_agency(agency=agency, year=year or 0)
    return Response(_computed_dict(next(c for c in listing if c.indicator_id == indicator.pk)))


@extend_schema(
    summary="Mengisi (atau mengosongkan) satu angka dasar pada satu triwulan; realisasinya dihitung ulang",
    parameters=[SLUG, YEAR, QUARTER, OpenApiParameter("id", int, OpenApiParameter.PATH, description="id angka dasar")],
    request=BaseFigureWriteSerializer,
    responses={200: WrittenSerializer, **WRITE_ERRORS},
)
@api_view(["PUT"])
def base_figure(request: Request, slug: str, year: str, quarter: str, id: str) -> Response:
    access = entry_access(request.user, slug, year, quarter)
    try:
        figure = BaseFigure.objects.select_related("computed__indicator__row__strategic_plan__agency").get(
            pk=_pk(id), computed__indicator__row__strategic_plan__agency=access.agency
        )
    except BaseFigure.DoesNotExist:
        raise Http404("Angka dasar tidak ditemukan di PD ini") from None
    serializer = BaseFigureWriteSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    try:
        changed = base_figure_set(
            figure=figure, year=access.year, quarter=access.quarter, value=data["value"], actor=request.user,
            reason=data.get("reason", ""), source=SOURCE, expected_version=_version(data),
        )  # fmt: skip
    except ServiceError as exc:
        return service_response(exc, field="value")
    stored = BaseFigureValue.objects.filter(figure=figure, year=access.year, quarter=access.quarter).first()
    return Response(
        {"changed": changed, "value": plain_or_none(stored.value if stored else None), "version": value_version(stored)}
    )


@extend_schema(
    summary="Indikator terhitung gabungan pemda: angka dasar dijumlah atas PD, lalu rumusnya (bukan rata-rata persen)",
    parameters=[REGION, YEAR, QUARTER],
    responses={200: AcrossSerializer(many=True), **errors(401, 403, 404)},
)
@api_view(["GET"])
def computed_region(request: Request, region: str, year: str, quarter: str) -> Response:
    from reporting.regency.access import region_for_user

    pemda = region_for_user(request.user, region)
    items = computed_of_region(region=pemda, year=year_of(year), quarter=quarter_of(quarter))
    return Response(
        [
            {
                "formula": i.formula,
                "unit": i.unit,
                "numerator_formula": i.numerator,
                "denominator_formula": i.denominator,
                "parts": [
                    {
                        "agency": p.agency,
                        "agency_name": p.agency_name,
                        "indicator": p.indicator,
                        "figures": {k: plain_or_none(v) for k, v in p.figures.items()},
                        "value": plain_or_none(p.result.value),
                        "reason": p.result.reason,
                    }
                    for p in i.parts
                ],
                "figures": {k: plain_or_none(v) for k, v in i.figures.items()},
                "counted": i.counted,
                "left_out": i.left_out,
                "value": plain_or_none(i.result.value),
                "numerator": plain_or_none(i.result.numerator),
                "denominator": plain_or_none(i.result.denominator),
                "reason": i.result.reason,
            }
            for i in items
        ]
    )
