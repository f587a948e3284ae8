"""What the top bar of every page shows a signed-in user: the unread notices and the verification link.

Lazy and one query: nothing is read unless the page's template asks, and both figures come together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from planning.models import Membership


@dataclass(frozen=True)
class TopBar:
    unread: int  # unread notices
    verifies: bool  # Bappeda of some pemda: the verification inbox is in the menu


def _topbar(user: Any) -> TopBar:
    User = get_user_model()
    bappeda = Membership.objects.filter(user=OuterRef("pk"), role__in=[Membership.Role.VERIFIER, Membership.Role.ADMIN])
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(unread=Count("notices", filter=Q(notices__read_at__isnull=True)), verifies=Exists(bappeda))
        .values_list("unread", "verifies")
        .first()
    )
    unread, verifies = row or (0, False)
    return TopBar(unread=unread, verifies=bool(verifies) or bool(getattr(user, "is_superuser", False)))


def topbar(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"topbar": SimpleLazyObject(lambda: _topbar(user))}
