"""Entering one quarter's realisation: the service the entry screen, the API and the admin call."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import BudgetRealization, Indicator, PlanRow, Realization
from planning.services.locks import QUARTER_NAMES, ensure_unlocked


def _check(year: int, quarter: int, value: Decimal | None, what: str) -> None:
    if quarter not in (1, 2, 3, 4):
        raise ServiceError(f"Triwulan harus 1-4, bukan {quarter}.")
    if value is not None and not value.is_finite():
        raise ServiceError(f"{what}: nilai tidak sah.")


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
    _check(year, quarter, value, indicator.name)
    agency = indicator.row.strategic_plan.agency
    label = f"{indicator.row.name[:60]} / {indicator.name[:60]} {year} TW {QUARTER_NAMES[quarter - 1]}"
    with transaction.atomic():
        ensure_unlocked(agency=agency, year=year, quarters=[quarter])
        current = (
            Realization.objects.select_for_update().filter(indicator=indicator, year=year, quarter=quarter).first()
        )
        before = current.value if current else None
        if before == value and (before is None) == (value is None):
            return False
        if value is None:
            assert current is not None
            current.delete()
        elif current is None:
            Realization.objects.create(
                indicator=indicator, year=year, quarter=quarter, value=value, updated_by=actor, source=source
            )
        else:
            current.value, current.updated_by, current.source = value, actor, source
            current.save(update_fields=["value", "updated_by", "source", "updated_at"])
        audit_record(
            actor=actor,
            action="realization_set",
            model="Realization",
            object_id=indicator.pk,
            summary=label,
            before={"value": before},
            after={"value": value},
            reason=reason,
            source=source,
        )
    return True


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
    _check(year, quarter, amount, row.name)
    if amount is not None and amount < 0:
        raise ServiceError(f"{row.name[:60]}: realisasi anggaran tidak boleh negatif.")
    agency = row.strategic_plan.agency
    label = f"{row.name[:80]} {year} TW {QUARTER_NAMES[quarter - 1]} Rp"
    with transaction.atomic():
        ensure_unlocked(agency=agency, year=year, quarters=[quarter])
        current = BudgetRealization.objects.select_for_update().filter(row=row, year=year, quarter=quarter).first()
        before = current.amount if current else None
        if before == amount and (before is None) == (amount is None):
            return False
        if amount is None:
            assert current is not None
            current.delete()
        elif current is None:
            BudgetRealization.objects.create(
                row=row, year=year, quarter=quarter, amount=amount, updated_by=actor, source=source
            )
        else:
            current.amount, current.updated_by, current.source = amount, actor, source
            current.save(update_fields=["amount", "updated_by", "source", "updated_at"])
        audit_record(
            actor=actor,
            action="budget_realization_set",
            model="BudgetRealization",
            object_id=row.pk,
            summary=label,
            before={"amount": before},
            after={"amount": amount},
            reason=reason,
            source=source,
        )
    return True
