"""A URLconf for the logging test: the project's own, where one more view refuses (403) and one breaks (500).

The project's URLs stay: the 403 and 404 pages are drawn in the site's layout, whose top bar links to them.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

import kinerja.urls


def refuse(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Bukan perangkat daerah Anda.")


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("rusak")


urlpatterns = [*kinerja.urls.urlpatterns, path("dilarang/", refuse), path("rusak/", crash)]
