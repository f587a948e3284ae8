"""The pemda settings this app adds: the reporting schedule, and users with their roles.

Like ``planning.services.settings`` (which the settings page calls for the pemda, its rating bands and
its PD): only the pemda's administrator, always with a reason, one transaction with its audit record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import audit_record
from overview.deadlines import schedule_deadline
from overview.models import ReportingSchedule
from planning.errors import ServiceError
from planning.models import Agency, Membership, Region
from planning.roles import is_region_admin, require
from quarters.models import QuarterReport


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ServiceError("Alasan perubahan pengaturan wajib diisi.")
    return reason.strip()


def _admin(actor: Any, region: Region) -> None:
    require(is_region_admin(actor, region), f"Hanya administrator {region.name} yang dapat mengubah pengaturannya.")


def schedule_set(
    *,
    region: Region,
    year: int,
    working_days: int,
    holidays: list[dt.date],
    deadlines: dict[int, dt.date | None],
    actor: Any,
    reason: str,
) -> bool:
    """Set the pemda's reporting schedule of ``year``; the quarters of that year not yet approved take the
    new deadlines (an approved quarter keeps the one it was reported against).  Returns whether it changed."""
    _admin(actor, region)
    why = _reason(reason)
    if not 1 <= working_days <= 60:
        raise ServiceError("Hari kerja setelah triwulan: 1 sampai 60.")
    for quarter, day in deadlines.items():
        if day is not None and day.year not in (year, year + 1):
            raise ServiceError(f"Batas waktu TW {quarter}: tanggal {day:%d-%m-%Y} bukan tahun {year} atau {year + 1}.")
    values = {
        "working_days": working_days,
        "holidays": sorted({d.isoformat() for d in holidays}),
        **{f"deadline_{q}": deadlines.get(q) for q in (1, 2, 3, 4)},
    }
    with transaction.atomic():
        schedule, created = ReportingSchedule.objects.select_for_update().get_or_create(region=region, year=year)
        before = {} if created else {k: getattr(schedule, k) for k in values}
        if not created and before == values:
            return False
        for name, value in values.items():
            setattr(schedule, name, value)
        schedule.save()
        moved = 0
        for report in (
            QuarterReport.objects.select_for_update()
            .filter(agency__region=region, year=year)
            .exclude(status=QuarterReport.Status.APPROVED)
        ):
            deadline = schedule_deadline(schedule, report.quarter)
            if report.deadline != deadline:
                report.deadline = deadline
                report.save(update_fields=["deadline"])
                moved += 1
        audit_record(
            actor=actor, action="schedule_set", model="ReportingSchedule", object_id=schedule.pk,
            summary=f"{region.name} {year}", before={k: _text(v) for k, v in before.items()},
            after={**{k: _text(v) for k, v in values.items()}, "laporan_diubah": moved}, reason=why,
        )  # fmt: skip
    return True


def _text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def user_create(*, region: Region, username: str, full_name: str, password: str, actor: Any, reason: str) -> Any:
    """A new account for someone of the pemda (given a role with ``membership_add``)."""
    _admin(actor, region)
    why = _reason(reason)
    User = get_user_model()
    username = username.strip()
    if not username:
        raise ServiceError("Nama pengguna wajib diisi.")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(f"Nama pengguna {username} sudah dipakai.")
    first, _, last = full_name.strip().partition(" ")
    user = User(username=username, first_name=first[:150], last_name=last[:150])
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError("Kata sandi: " + " ".join(exc.messages)) from exc
    with transaction.atomic():
        user.set_password(password)
        user.save()
        audit_record(
            actor=actor, action="user_create", model="User", object_id=user.pk, summary=f"{username} ({region.name})",
            after={"username": username, "name": full_name.strip()}, reason=why,
        )  # fmt: skip
    return user


def membership_add(
    *, region: Region, user: Any, role: str, agency: Agency | None, actor: Any, reason: str
) -> Membership:
    """Give ``user`` a role in the pemda: operator and Kepala PD for one of its PD, the others pemda-wide."""
    _admin(actor, region)
    why = _reason(reason)
    R = Membership.Role
    if role not in R.values:
        raise ServiceError(f"Peran tidak dikenal: {role}.")
    if role in (R.OPERATOR, R.HEAD):
        if agency is None:
            raise ServiceError(f"Peran {R(role).label} perlu perangkat daerah.")
        if agency.region_id != region.pk:
            raise ServiceError(f"{agency.name} bukan perangkat daerah {region.name}.")
    else:
        agency = None
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, region=region, agency=agency, role=role)
        if not created:
            raise ServiceError(f"{user.get_username()} sudah berperan {R(role).label} di sini.")
        audit_record(
            actor=actor, action="membership_create", model="Membership", object_id=membership.pk,
            summary=str(membership), after=_membership(membership), reason=why,
        )  # fmt: skip
    return membership


def membership_remove(*, membership: Membership, actor: Any, reason: str) -> None:
    region = membership.region
    _admin(actor, region)
    why = _reason(reason)
    if membership.user_id == getattr(actor, "pk", None) and membership.role == Membership.Role.ADMIN:
        raise ServiceError("Administrator tidak dapat mencabut peran administratornya sendiri.")
    with transaction.atomic():
        before = _membership(membership)
        pk = membership.pk
        membership.delete()
        audit_record(
            actor=actor, action="membership_delete", model="Membership", object_id=pk, summary=str(before["user"]),
            before=before, reason=why, region=region,
        )  # fmt: skip


def _membership(m: Membership) -> dict[str, str]:
    return {
        "user": m.user.get_username(),
        "role": m.role,
        "region": m.region.name,
        "agency": m.agency.name if m.agency else "",
    }
