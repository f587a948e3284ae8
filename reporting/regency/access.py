"""Who may see a pemda's combined pages (the E.79, the ranking, the early warning of all PD).

Bappeda (verifier, administrator) and the pemda's readers; a superuser everywhere.  A PD's own people
belong to the pemda but see only their PD: the combined pages are 403 to them; to anyone outside the
pemda the pemda does not exist (404).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from planning.models import Membership, Region

R = Membership.Role
REGION_WIDE = (R.VERIFIER, R.ADMIN, R.READER)


def regions_visible_to(user: Any) -> QuerySet[Region]:
    """The pemda whose combined pages ``user`` may read."""
    if getattr(user, "is_superuser", False):
        return Region.objects.order_by("name")
    if not getattr(user, "is_authenticated", False):
        return Region.objects.none()
    ids = Membership.objects.filter(user=user, role__in=REGION_WIDE).values("region")
    return Region.objects.filter(pk__in=ids).order_by("name")


def region_for_user(user: Any, slug: str) -> Region:
    """The pemda ``slug`` if ``user`` may read it whole; 403 for its PD's own people, else 404."""
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404("Pemda tidak ditemukan")
    if getattr(user, "is_superuser", False):
        return region
    roles = set(Membership.objects.filter(user=user, region=region).values_list("role", flat=True))
    if roles & set(REGION_WIDE):
        return region
    if roles:
        raise PermissionDenied("Halaman gabungan pemda hanya untuk Bappeda dan pembaca pemda.")
    raise Http404("Pemda tidak ditemukan")
