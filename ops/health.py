"""``/sehat/``: the server answers and reaches its database (for a load balancer, a monitor, and the
benchmark's lower bound: what any request of this server costs)."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
