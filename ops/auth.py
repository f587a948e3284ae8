"""Login throttling with django-axes: the client's address, and the page a locked-out login gets."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from, as our own outermost proxy saw it.

    With no proxy (``KINERJA_PROXIES=0``) that is ``REMOTE_ADDR``.  Behind N proxies that each append the
    address they saw to ``X-Forwarded-For`` (nginx: ``$proxy_add_x_forwarded_for``), it is the N-th entry
    from the right: entries further left were written by the client and prove nothing.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.KINERJA_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def lockout_response(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out login (``AXES_LOCKOUT_CALLABLE``): our page, in Indonesian, 429."""
    cool_off = get_cool_off(request)
    context = {
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
