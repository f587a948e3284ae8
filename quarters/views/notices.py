"""The user's notices: the list (latest first), opening one (marks it read), marking all read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from quarters.models import Notice
from quarters.services.notices import KINDS, notice_read, notices_read_all

SHOWN = 100


@login_required
@require_GET
def notices_page(request: HttpRequest) -> HttpResponse:
    notices = list(Notice.objects.filter(user=request.user).order_by("-created_at", "-id")[:SHOWN])
    unread = sum(1 for n in notices if n.read_at is None)
    return render(request, "quarters/notices.html", {"notices": notices, "unread": unread, "kinds": KINDS})


@login_required
@require_POST
def notice_open(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Open a notice: marked read, then to the page it is about (a path of this site only)."""
    notice = notice_read(user=request.user, notice_id=notice_id)
    if notice is None:
        raise Http404("Pemberitahuan tidak ditemukan")
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect(notice.url)
    return redirect(reverse("quarters:notices"))


@login_required
@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    notices_read_all(user=request.user)
    return redirect(reverse("quarters:notices"))
