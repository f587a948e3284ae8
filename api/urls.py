"""The REST API, version 1 (docs/api.md): /api/v1/..."""

from __future__ import annotations

from django.http import Http404
from django.urls import path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from api.views import opendata, plan, writes

app_name = "api"

PD = "pd/<slug:slug>/"
Y = "<str:year>/"
YQ = "<str:year>/<str:quarter>/"


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema, readable without login (it names no data)."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from static/vendor/swagger-ui; the browser's session signs the "Try it out" calls."""

    template_name = "api/swagger_ui.html"
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
def not_found(request: Request, rest: str = "") -> None:
    """Any other address under /api/v1/: a JSON 404, not the site's HTML page."""
    raise Http404("Alamat API tidak dikenal; lihat /api/v1/docs/.")


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema", url_self="/api/v1/docs/"), name="docs"),
    path("pemda/", plan.regions, name="regions"),
    path("pemda/<slug:region>/data-terbuka/", opendata.publish, name="opendata_publish"),
    path("pemda/<slug:region>/e79/" + YQ, plan.regency_report, name="regency_report"),
    path("pemda/<slug:region>/e79/" + YQ + "tugas/<str:task>/", plan.regency_job, name="regency_job"),
    path("pemda/<slug:region>/indikator-terhitung/" + YQ, writes.computed_region, name="computed_region"),
    path("pd/", plan.agencies, name="agencies"),
    path(PD + "rencana/" + Y, plan.plan, name="plan"),
    path(PD + "realisasi/" + Y, plan.realizations, name="realizations"),
    path(PD + "realisasi/" + YQ + "k/<str:id>/", writes.realization_k, name="realization_k"),
    path(PD + "realisasi/" + YQ + "rp/<str:id>/", writes.realization_rp, name="realization_rp"),
    path(PD + "laporan/" + YQ, plan.report, name="report"),
    path(PD + "indikator-terhitung/" + Y, writes.computed_list, name="computed_list"),
    path(PD + "indikator-terhitung/<str:id>/rumus/", writes.computed_put, name="computed_define"),
    path(PD + "angka-dasar/" + YQ + "<str:id>/", writes.base_figure, name="base_figure"),
    path("data-terbuka/<slug:region>/", opendata.index, name="opendata_index"),
    path("data-terbuka/<slug:region>/data.csv", opendata.data_csv, name="opendata_csv"),
    path("data-terbuka/<slug:region>/data.json", opendata.data_json, name="opendata_json"),
    path("data-terbuka/<slug:region>/kamus.json", opendata.data_dictionary, name="opendata_dictionary"),
    re_path(r"^(?P<rest>[\s\S]*)$", not_found, name="not_found"),  # any character, newlines too
]
