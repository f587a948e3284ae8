"""Who may do what (DOMAIN.md section 9): the one place every service and view asks.

Roles come from ``Membership``: an operator or Kepala PD acts for one PD; a Bappeda verifier, the
pemda's administrator and a reader (Inspektorat, pimpinan) see every PD of their pemda.  A superuser
is the installation's administrator and may do everything.  ``SYSTEM`` is the actor of commands run
on the server itself (the demo loader, ``import_report`` without ``--user``): whoever has a shell on
the server already has the database, so refusing them would protect nothing, but the audit says so.
"""

from __future__ import annotations

from typing import Any

from planning.errors import NotAllowed
from planning.models import Agency, Membership, Region

R = Membership.Role
_ENTRY_ROLES = (R.OPERATOR, R.HEAD)
_BAPPEDA_ROLES = (R.VERIFIER, R.ADMIN)
_REGION_READ_ROLES = (R.VERIFIER, R.ADMIN, R.READER)


class SystemActor:
    """The server's own commands; recorded in the audit as no user, with the command as source."""

    pk = None
    is_superuser = True
    is_authenticated = True
    username = "sistem"

    def __str__(self) -> str:
        return "sistem (perintah server)"


SYSTEM = SystemActor()


def _roles(user: Any, region_id: int, agency_id: int | None = None) -> set[str]:
    """The user's roles in the pemda, counting PD roles only for ``agency_id`` (one query)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return set()
    roles = set()
    for role, member_agency in Membership.objects.filter(user=user, region_id=region_id).values_list(
        "role", "agency_id"
    ):
        if role in _ENTRY_ROLES and member_agency != agency_id:
            continue
        roles.add(role)
    return roles


def person_name(user: Any) -> str:
    """How the screens and the printed approval name a person: the full name, else the user name;
    "sistem" for no user (a server command) or ``SYSTEM``."""
    if user is None or user is SYSTEM:
        return "sistem"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def is_system(user: Any) -> bool:
    return user is SYSTEM


def can_read(user: Any, agency: Agency) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return bool(_roles(user, agency.region_id, agency.pk) & {*_ENTRY_ROLES, *_REGION_READ_ROLES})


def can_enter(user: Any, agency: Agency) -> bool:
    """Type the PD's realisations, notes and narratives: its operator or Kepala PD."""
    if getattr(user, "is_superuser", False):
        return True
    return bool(_roles(user, agency.region_id, agency.pk) & set(_ENTRY_ROLES))


def can_submit(user: Any, agency: Agency) -> bool:
    """Submit the quarter: the Kepala PD, or the operator on the Kepala's behalf (DOMAIN.md section 9)."""
    return can_enter(user, agency)


def is_bappeda(user: Any, region: Region | int) -> bool:
    """Verify, approve, return, unlock and amend a locked year: Bappeda's verifiers and the administrator."""
    if getattr(user, "is_superuser", False):
        return True
    region_id = region if isinstance(region, int) else region.pk
    return bool(_roles(user, region_id) & set(_BAPPEDA_ROLES))


def is_region_admin(user: Any, region: Region | int) -> bool:
    """Change the pemda's settings, PD and users."""
    if getattr(user, "is_superuser", False):
        return True
    region_id = region if isinstance(region, int) else region.pk
    return R.ADMIN in _roles(user, region_id)


def can_load_documents(user: Any, agency: Agency) -> bool:
    """Import a whole plan-and-realisation document: the PD itself, or Bappeda bringing a pemda's history."""
    return can_enter(user, agency) or is_bappeda(user, agency.region_id)


def require(allowed: bool, message: str) -> None:
    """Raise ``NotAllowed`` with ``message`` (Indonesian, shown as it is) unless ``allowed``."""
    if not allowed:
        raise NotAllowed(message)
