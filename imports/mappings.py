"""Confirmed column mappings, stored per pemda and header signature, and reused for the next file of
the same shape (``import_report`` looks one up when no mapping is given)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from imports.models import StoredMapping
from imports.stages.map.column_map import ColumnMap
from planning.models import Agency, Membership, Region
from planning.roles import can_load_documents, is_bappeda, is_system, require


def can_map(user: Any, region: Region) -> bool:
    """Those who may import for the pemda: Bappeda (and the administrator), or a PD's operator or
    Kepala of one of its PD (``can_load_documents`` for some PD of it)."""
    if getattr(user, "is_superuser", False) or is_bappeda(user, region):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    ids = Membership.objects.filter(user=user, region=region, agency__isnull=False).values_list("agency", flat=True)
    return any(can_load_documents(user, a) for a in Agency.objects.filter(pk__in=list(ids), region=region))


def mapping_for(region: Region | None, signature: str) -> ColumnMap | None:
    """The mapping the pemda confirmed for headers of ``signature``, or None."""
    if region is None or not signature:
        return None
    stored = StoredMapping.objects.filter(region=region, signature=signature).first()
    if stored is None:
        return None
    mapping = ColumnMap.from_dict(stored.mapping)
    mapping.confirmed = True
    return mapping


def region_for_title(title: Any, actor: Any) -> Region | None:
    """The stored pemda a file's title names ("Dinas ... Kabupaten Contoh"), when ``actor`` may import
    for it: how a new PD's file, whose pemda is known only from its title, finds its pemda's mapping."""
    place = getattr(title, "place", "") or ""
    if not place:
        return None
    candidates = list(Region.objects.filter(place__iexact=place)[:5])
    kind = getattr(title, "region_kind", "") or ""  # "kabupaten", "kota" or "provinsi" (read_title)
    if len(candidates) > 1 and kind:
        candidates = [r for r in candidates if r.kind == kind]
    if len(candidates) != 1:
        return None  # none, or several pemda of that place (a Kabupaten and a Kota) the title cannot tell apart
    region = candidates[0]
    return region if is_system(actor) or can_map(actor, region) else None


def mapping_save(region: Region, column_map: ColumnMap, actor: Any) -> StoredMapping:
    """Store ``column_map`` as the pemda's mapping for its signature (replacing an earlier one)."""
    require(can_map(actor, region), f"Anda tidak berwenang menyimpan pemetaan kolom untuk {region.name}.")
    data = column_map.to_dict()
    data["confirmed"] = True
    with transaction.atomic():
        stored = StoredMapping.objects.select_for_update().filter(region=region, signature=column_map.signature).first()
        before = stored.mapping if stored else None
        user = actor if getattr(actor, "pk", None) else None
        if stored is None:
            stored = StoredMapping(region=region, signature=column_map.signature)
        stored.mapping, stored.confirmed_by, stored.confirmed_at = data, user, timezone.now()
        stored.save()
        audit_record(
            actor=actor,
            action="update" if before else "create",
            model="StoredMapping",
            object_id=stored.pk,
            summary=f"pemetaan kolom {column_map.signature} untuk {region.name}",
            before=before,
            after=data,
            reason="pemetaan kolom dikonfirmasi",
        )
    return stored
