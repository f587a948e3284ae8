"""Recording audit events.  Called by every service inside its own transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from audit.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
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
        before=_plain(before),
        after=_plain(after),
        reason=reason,
        source=source[:300],
    )


def audit_record_many(events: list[AuditEvent]) -> None:
    AuditEvent.objects.bulk_create(events, batch_size=500)
