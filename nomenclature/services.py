"""Loading a nomenclature file: the installation's administrator or the server's own command only."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from audit.services import audit_record
from nomenclature.loader import digest, read_rows, store
from nomenclature.models import NomenclatureEntry, NomenclatureVersion
from planning.roles import require


@transaction.atomic
def nomenclature_load(*, data: bytes, source: str, label: str, actor: Any) -> tuple[NomenclatureVersion, bool]:
    """Store the file as the new active version (the old ones stay); return it and whether it is new.
    The same file as the active version changes nothing.  All or nothing."""
    require(
        bool(getattr(actor, "is_superuser", False)),
        "Nomenklatur hanya dapat dimuat oleh administrator instalasi (perintah server).",
    )
    rows = read_rows(data, source=source)
    sha = digest(data)
    active = NomenclatureVersion.objects.select_for_update().filter(is_active=True).first()
    if active is not None and active.sha256 == sha:
        return active, False
    version = store(
        NomenclatureVersion,
        NomenclatureEntry,
        rows=rows,
        label=label,
        source=source,
        sha256=sha,
        user_id=getattr(actor, "pk", None),
    )
    audit_record(
        actor=actor,
        action="nomenclature_load",
        model="NomenclatureVersion",
        object_id=version.pk,
        summary=f"{label}: {len(rows)} kode",
        before={"version": active.pk, "label": active.label} if active else None,
        after={"version": version.pk, "label": label, "entries": len(rows), "sha256": sha},
        source=source,
    )
    return version, True
