"""Open data views: readable without login when the pemda publishes; otherwise 404 to everyone (an
unpublished pemda's data does not exist for the public).  The pemda administrator's switch."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from api.opendata import approved_copies, dictionary, is_published, open_data_publish, records, records_csv
from api.serializers import OpenDataIndexSerializer, PublishedSerializer, PublishSerializer
from api.views.common import REGION, errors
from planning.errors import ServiceError
from planning.models import Region
from reporting.access import agencies_visible_to

TAG = ["data terbuka"]


def _published_region(slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None or not is_published(region):
        raise Http404("Data terbuka pemda ini tidak ditemukan atau tidak diterbitkan.")
    return region


def _open(view):  # type: ignore[no-untyped-def]
    return authentication_classes([])(permission_classes([AllowAny])(view))


@extend_schema(
    tags=TAG, summary="Data terbuka pemda: triwulan yang disetujui dan berkasnya", parameters=[REGION],
    responses={200: OpenDataIndexSerializer, **errors(404)}, auth=[],
)  # fmt: skip
@api_view(["GET"])
@_open
def index(request: Request, region: str) -> Response:
    found = _published_region(region)
    copies = approved_copies(found)
    files = {name: reverse(f"api:opendata_{name}", args=[found.slug]) for name in ("csv", "json", "dictionary")}
    return Response(
        {
            "region": found.slug,
            "name": found.name,
            "quarters": [
                {
                    "agency": c.report.agency.slug,
                    "year": c.report.year,
                    "quarter": c.report.quarter,
                    "approved_at": c.approved_at.isoformat(),
                    "sha256": c.sha256,
                }
                for c in copies
            ],
            "files": files,
        }
    )


@extend_schema(
    tags=TAG, summary="Angka yang disetujui (CSV, UTF-8 dengan BOM)", parameters=[REGION],
    responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), **errors(404)}, auth=[],
)  # fmt: skip
@api_view(["GET"])
@_open
def data_csv(request: Request, region: str) -> HttpResponse:
    found = _published_region(region)
    response = HttpResponse(records_csv(records(approved_copies(found))), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="data-terbuka-{found.slug}.csv"'
    return response


@extend_schema(
    tags=TAG, summary="Angka yang disetujui (JSON)", parameters=[REGION],
    responses={200: OpenApiResponse(OpenApiTypes.OBJECT), **errors(404)}, auth=[],
)  # fmt: skip
@api_view(["GET"])
@_open
def data_json(request: Request, region: str) -> HttpResponse:
    found = _published_region(region)
    body = {
        "region": found.slug,
        "name": found.name,
        "dictionary": reverse("api:opendata_dictionary", args=[found.slug]),
        "records": records(approved_copies(found)),
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8")


@extend_schema(
    tags=TAG, summary="Kamus data: setiap kolom, jenisnya dan artinya", parameters=[REGION],
    responses={200: OpenApiResponse(OpenApiTypes.OBJECT), **errors(404)}, auth=[],
)  # fmt: skip
@api_view(["GET"])
@_open
def data_dictionary(request: Request, region: str) -> Response:
    _published_region(region)
    return Response(dictionary())


@extend_schema(
    tags=TAG, summary="Menerbitkan atau menarik data terbuka pemda (administrator pemda)", parameters=[REGION],
    request=PublishSerializer, responses={200: PublishedSerializer, **errors(400, 401, 403, 404)},
)  # fmt: skip
@api_view(["PUT"])
def publish(request: Request, region: str) -> Response:
    found = Region.objects.filter(slug=region, pk__in=agencies_visible_to(request.user).values("region_id")).first()
    if found is None:
        raise Http404("Pemda tidak ditemukan")
    serializer = PublishSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    try:
        row = open_data_publish(region=found, published=data["published"], actor=request.user, reason=data["reason"])
    except ServiceError as exc:
        from api.errors import service_response

        return service_response(exc, field="reason")
    return Response({"region": found.slug, "published": row.published})
