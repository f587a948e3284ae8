"""Recording audit events.  Called by every service inside its own transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from audit.models import AuditEvent
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
) -> AuditEvent:
    return AuditEvent.objects.create(
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


def audit_record_many(events: list[AuditEvent]) -> None:
    AuditEvent.objects.bulk_create(events, batch_size=500)
