"""A URLconf for the logging test: one view refuses (403), one breaks (500)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Bukan perangkat daerah Anda.")


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("rusak")


urlpatterns = [path("dilarang/", refuse), path("rusak/", crash)]
