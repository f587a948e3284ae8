"""Changing a pemda's settings, its PD and the rating bands: by its administrator, always with a reason.

The admin screens and any later settings page call these, so every change is audited with before,
after and why whatever screen makes it.  Approved quarters are unaffected: they are shown from their
frozen copies (``reporting.frozen``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import Agency, RatingBand, Region
from planning.roles import is_region_admin, require

REGION_FIELDS = (
    "name",
    "kind",
    "place",
    "negative_formula",
    "average_basis",
    "average_source",
    "average_cap",
    "bappeda_head_name",
    "bappeda_head_nip",
    "bappeda_head_title",
)
AGENCY_FIELDS = ("name", "short_name", "head_name", "head_nip", "head_title")


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ServiceError("Alasan perubahan pengaturan wajib diisi.")
    return reason.strip()


def _apply(obj: Any, values: dict[str, Any], allowed: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the changed fields on ``obj`` after the model's own validation; return (before, after)."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ServiceError(f"Kolom tidak dapat diubah di sini: {', '.join(sorted(unknown))}.")
    before, after = {}, {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            before[name], after[name] = old, new
            setattr(obj, name, new)
    try:
        obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name not in after])
    except ValidationError as exc:
        problems = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
        raise ServiceError(f"Pengaturan tidak sah: {problems}") from exc
    return before, after


def region_update(*, region: Region, actor: Any, values: dict[str, Any], reason: str, source: str = "") -> bool:
    """Change the pemda's settings (formula for negative indicators, average basis and source, cap, the
    Kepala Bappeda's signature).  Returns whether anything changed."""
    require(is_region_admin(actor, region), f"Hanya administrator {region.name} yang dapat mengubah pengaturannya.")
    why = _reason(reason)
    with transaction.atomic():
        locked = Region.objects.select_for_update().get(pk=region.pk)
        before, after = _apply(locked, values, REGION_FIELDS)
        if not after:
            return False
        locked.save(update_fields=list(after))
        audit_record(
            actor=actor, action="region_update", model="Region", object_id=region.pk, summary=region.name,
            before=before, after=after, reason=why, source=source,
        )  # fmt: skip
    for name, value in after.items():
        setattr(region, name, value)
    return True


def rating_bands_set(
    *, region: Region, year: int, bands: list[tuple[Decimal | None, str]], actor: Any, reason: str, source: str = ""
) -> bool:
    """Replace the predikat bands of ``year``: half-open, no gaps, one open lowest band (DOMAIN.md section 6).
    No bands: the year's own are removed and the latest earlier year's (or the defaults) apply."""
    require(is_region_admin(actor, region), f"Hanya administrator {region.name} yang dapat mengubah predikat.")
    why = _reason(reason)
    labels = [label.strip() for _lower, label in bands]
    if any(not label for label in labels) or len(set(labels)) != len(labels):
        raise ServiceError("Setiap predikat perlu nama yang berbeda.")
    if bands and sum(1 for lower, _ in bands if lower is None) != 1:
        raise ServiceError("Tepat satu predikat terbawah tanpa batas bawah (mis. Sangat Rendah).")
    wanted = sorted(((lower, label.strip()) for lower, label in bands), key=lambda b: (b[0] is None, -(b[0] or 0)))
    with transaction.atomic():
        stored = list(RatingBand.objects.select_for_update().filter(region=region, year=year))
        current = sorted(((b.lower, b.label) for b in stored), key=lambda b: (b[0] is None, -(b[0] or 0)))
        if [(None if lo is None else Decimal(lo), la) for lo, la in current] == wanted:
            return False
        RatingBand.objects.filter(region=region, year=year).delete()
        RatingBand.objects.bulk_create(RatingBand(region=region, year=year, lower=lo, label=la) for lo, la in wanted)
        audit_record(
            actor=actor, action="rating_bands_set", model="RatingBand", object_id=f"{region.pk}/{year}",
            summary=f"{region.name} {year}", before=[list(b) for b in current], after=[list(b) for b in wanted],
            reason=why, source=source,
        )  # fmt: skip
    return True


def agency_update(*, agency: Agency, actor: Any, values: dict[str, Any], reason: str, source: str = "") -> bool:
    """Change a PD's name or its head's signature (printed on reports that are not approved yet)."""
    require(
        is_region_admin(actor, agency.region_id), f"Hanya administrator pemda yang dapat mengubah data {agency.name}."
    )
    why = _reason(reason)
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        before, after = _apply(locked, values, AGENCY_FIELDS)
        if not after:
            return False
        locked.save(update_fields=list(after))
        audit_record(
            actor=actor, action="agency_update", model="Agency", object_id=agency.pk, summary=agency.name,
            before=before, after=after, reason=why, source=source,
        )  # fmt: skip
    for name, value in after.items():
        setattr(agency, name, value)
    return True
