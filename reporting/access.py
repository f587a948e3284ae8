"""Who may see which agency: one place, tested as a matrix of roles x views."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from planning.models import Agency, Membership


def agencies_visible_to(user: Any) -> QuerySet[Agency]:
    """Superusers see every agency; Bappeda, pemda admins and readers their pemda's; PD roles their PD."""
    qs = Agency.objects.select_related("region").order_by("region__name", "name")
    if not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    memberships = Membership.objects.filter(user=user)
    R = Membership.Role
    region_wide = memberships.filter(role__in=[R.VERIFIER, R.ADMIN, R.READER]).values("region")
    own = memberships.filter(role__in=[R.OPERATOR, R.HEAD]).values("agency")
    return qs.filter(Q(region__in=region_wide) | Q(pk__in=own))


def agency_for_user(user: Any, slug: str) -> Agency:
    """The agency ``slug`` if ``user`` may see it; another pemda's or PD's agency is a 404."""
    agency = agencies_visible_to(user).filter(slug=slug).first()
    if agency is None:
        raise Http404("Perangkat daerah tidak ditemukan")
    return agency
