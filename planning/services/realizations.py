"""Entering one quarter's realisation: the service the entry screen, the API and the admin call."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models, transaction

from audit.services import audit_record
from planning.errors import Conflict, ServiceError
from planning.limits import value_ensure
from planning.models import Agency, BudgetRealization, Indicator, PlanRow, Realization
from planning.roles import can_enter, person_name, require
from quarters.locks import QUARTER_NAMES, ensure_open


def realization_set(
    *,
    indicator: Indicator,
    year: int,
    quarter: int,
    value: Decimal | None,
    actor: Any,
    reason: str = "",
    source: str = "layar entri",
    expected_version: str | None = None,
    from_formula: bool = False,
) -> bool:
    """Set (or, with ``None``, clear to "not reported") an indicator's K of one quarter.

    Refused in an approved quarter, and to anyone but the PD's operator or Kepala.  With
    ``expected_version`` (``value_version`` of the value the user saw), refused with ``Conflict`` when
    someone saved it since.  A computed indicator's K is refused (``computed.guard``: its base figures
    are entered instead), except with ``from_formula``, the computed service's own write.  Returns
    whether anything changed; writes the audit record.
    """

    def typed_k_allowed() -> None:
        from computed.guard import typed_k_refuse  # computed builds on planning: imported when called

        typed_k_refuse(indicator=indicator, year=year, quarter=quarter)

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
        limit="Realization.value",
        expected_version=expected_version,
        guard=None if from_formula else typed_k_allowed,
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
    expected_version: str | None = None,
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
        limit="BudgetRealization.amount",
        expected_version=expected_version,
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
    limit: str,
    expected_version: str | None,
    guard: Callable[[], None] | None = None,
) -> bool:
    if quarter not in (1, 2, 3, 4):
        raise ServiceError(f"Triwulan harus 1-4, bukan {quarter}.")
    if new is not None and not new.is_finite():
        raise ServiceError(f"{label}: nilai tidak sah.")
    value_ensure(new, field=limit, where=label)
    require(can_enter(actor, agency), f"Hanya operator atau Kepala PD {agency.name} yang dapat mengisi realisasi.")
    if guard is not None:  # the value's own rule, after the role (a reader is told he may not enter)
        guard()
    summary = f"{label} {year} TW {QUARTER_NAMES[quarter - 1]}"
    with transaction.atomic():
        ensure_open(agency=agency, year=year, quarter=quarter)
        manager = model._default_manager
        current = manager.select_for_update().filter(year=year, quarter=quarter, **owner).first()
        old = getattr(current, field) if current else None
        if expected_version is not None and expected_version != value_version(current):
            by = person_name(current.updated_by) if current and current.updated_by else ""
            raise Conflict(
                f"{label} TW {QUARTER_NAMES[quarter - 1]} sudah diubah orang lain"
                + (f" ({by})" if by else "")
                + " sejak Anda membukanya; nilai Anda tidak disimpan.",
                current=old,
                by=by,
                at=current.updated_at if current else None,
            )
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
            region=agency.region_id,  # object_id is the indicator's or row's id, not the value's
            summary=summary,
            before={field: old},
            after={field: new},
            reason=reason,
            source=source,
        )
    return True


def value_version(value: Any) -> str:
    """The version a screen carries with a value it shows: its last save's time ("" while blank).

    A time, not a counter, so that a value cleared and entered again never takes an old version back.
    """
    return value.updated_at.isoformat() if value is not None else ""


def _user(actor: Any) -> Any:
    """The user to record: none for the server's own commands (``planning.roles.SYSTEM``)."""
    return actor if getattr(actor, "pk", None) else None
