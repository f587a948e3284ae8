"""Recording audit events.  Called by every service inside its own transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from audit.models import AuditEvent
from audit.places import region_of, regions_of
from domain.numbers import plain


def jsonable(value: Any) -> Any:
    """Before/after values as JSON: Decimals as exact strings without storage zeros."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def audit_record(
    *,
    actor: Any,
    action: str,
    model: str,
    object_id: object = "",
    summary: str = "",
    before: Any = None,
    after: Any = None,
    reason: str = "",
    source: str = "",
    region: Any = None,
) -> AuditEvent:
    """One event.  ``region`` (a Region or its id): the pemda it is about, when the caller knows it;
    otherwise found from ``model`` and ``object_id`` (``audit/places.py``, one query)."""
    region_id = getattr(region, "pk", region)
    if region_id is None:
        region_id = region_of(model, str(object_id))
    return AuditEvent.objects.create(
        region_id=region_id,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        model=model,
        object_id=str(object_id),
        summary=summary[:300],
        before=jsonable(before),
        after=jsonable(after),
        reason=reason,
        source=source[:300],
    )


def audit_record_many(events: list[AuditEvent], *, region: Any = None) -> None:
    """Many events at once.  Each without a pemda gets ``region`` (a Region or its id) if given, else
    the one found from its model and id (``audit/places.py``, one query per model)."""
    region_id = getattr(region, "pk", region)
    if region_id is not None:
        for event in events:
            if event.region_id is None:
                event.region_id = region_id
    else:
        found = regions_of((e.model, e.object_id) for e in events if e.region_id is None)
        for event in events:
            if event.region_id is None:
                event.region_id = found.get((event.model, event.object_id))
    AuditEvent.objects.bulk_create(events, batch_size=500)
