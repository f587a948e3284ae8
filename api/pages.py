"""The pemda administrator's open-data switch as a page (the API's PUT does the same): thin, over
``api.opendata.open_data_publish``, which checks the role and records the reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from api.opendata import approved_copies, is_published, open_data_publish
from planning.errors import NotAllowed, ServiceError
from planning.models import Region
from planning.roles import is_region_admin
from reporting.access import agencies_visible_to


@login_required
@require_http_methods(["GET", "POST"])
def open_data_page(request: HttpRequest, region: str) -> HttpResponse:
    found = Region.objects.filter(slug=region, pk__in=agencies_visible_to(request.user).values("region_id")).first()
    if found is None:
        raise Http404("Pemda tidak ditemukan")
    if not is_region_admin(request.user, found):
        raise PermissionDenied(f"Hanya administrator {found.name} yang dapat mengatur data terbuka.")
    if request.method == "POST":
        try:
            open_data_publish(
                region=found, published=request.POST.get("published") == "1", actor=request.user,
                reason=request.POST.get("reason", ""),
            )  # fmt: skip
            messages.success(request, "Pilihan data terbuka tersimpan.")
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except ServiceError as exc:
            messages.error(request, str(exc))
        return redirect(reverse("open_data", args=[found.slug]))
    return render(
        request,
        "api/open_data.html",
        {
            "region": found,
            "published": is_published(found),
            "copies": approved_copies(found),
            "files": {n: reverse(f"api:opendata_{n}", args=[found.slug]) for n in ("csv", "json", "dictionary")},
        },
    )
