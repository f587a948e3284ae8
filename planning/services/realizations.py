"""Entering one quarter's realisation: the service the entry screen, the API and the admin call."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models, transaction

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import Agency, BudgetRealization, Indicator, PlanRow, Realization
from planning.roles import can_enter, require
from quarters.locks import QUARTER_NAMES, ensure_unlocked


def realization_set(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    value: Decimal | None,
    actor: Any,
    reason: str = "",
    source: str = "layar entri",
) -> bool:
    """Set (or, with ``None``, clear to "not reported") an indicator's K of one quarter.

    Refused in an approved quarter.  Returns whether anything changed; writes the audit record.
    """
    return _quarter_value_set(
        model=Realization,
        owner={"indicator": indicator},
        field="value",
        agency=indicator.row.strategic_plan.agency,
        label=f"{indicator.row.name[:60]} / {indicator.name[:60]}",
        year=year,
        quarter=quarter,
        new=value,
        actor=actor,
        reason=reason,
        source=source,
        action="realization_set",
        object_id=indicator.pk,
    )


def budget_realization_set(
    *,
    row: PlanRow,
    year: int,
    quarter: int,
    amount: Decimal | None,
    actor: Any,
    reason: str = "",
    source: str = "layar entri",
) -> bool:
    """Set (or clear) a row's Rp realised in one quarter; same rules as ``realization_set``."""
    if amount is not None and amount < 0:
        raise ServiceError(f"{row.name[:60]}: realisasi anggaran tidak boleh negatif.")
    return _quarter_value_set(
        model=BudgetRealization,
        owner={"row": row},
        field="amount",
        agency=row.strategic_plan.agency,
        label=f"{row.name[:80]} Rp",
        year=year,
        quarter=quarter,
        new=amount,
        actor=actor,
        reason=reason,
        source=source,
        action="budget_realization_set",
        object_id=row.pk,
    )


def _quarter_value_set(
    *,
    model: type[models.Model],
    owner: dict[str, Any],
    field: str,
    agency: Agency,
    label: str,
    year: int,
    quarter: int,
    new: Decimal | None,
    actor: Any,
    reason: str,
    source: str,
    action: str,
    object_id: int,
) -> bool:
    if quarter not in (1, 2, 3, 4):
        raise ServiceError(f"Triwulan harus 1-4, bukan {quarter}.")
    if new is not None and not new.is_finite():
        raise ServiceError(f"{label}: nilai tidak sah.")
    require(can_enter(actor, agency), f"Hanya operator atau Kepala PD {agency.name} yang dapat mengisi realisasi.")
    summary = f"{label} {year} TW {QUARTER_NAMES[quarter - 1]}"
    with transaction.atomic():
        ensure_unlocked(agency=agency, year=year, quarters=[quarter])
        manager = model._default_manager
        current = manager.select_for_update().filter(year=year, quarter=quarter, **owner).first()
        old = getattr(current, field) if current else None
        if (old is None and new is None) or (old is not None and new is not None and old == new):
            return False
        if new is None:
            assert current is not None
            current.delete()
        elif current is None:
            manager.create(year=year, quarter=quarter, updated_by=_user(actor), source=source, **owner, **{field: new})
        else:
            setattr(current, field, new)
            current.updated_by, current.source = _user(actor), source  # type: ignore[attr-defined]
            current.save(update_fields=[field, "updated_by", "source", "updated_at"])
        audit_record(
            actor=_user(actor),
            action=action,
            model=model.__name__,
            object_id=object_id,
            summary=summary,
            before={field: old},
            after={field: new},
            reason=reason,
            source=source,
        )
    return True


def _user(actor: Any) -> Any:
    """The user to record: none for the server's own commands (``planning.roles.SYSTEM``)."""
    return actor if getattr(actor, "pk", None) else None
