"""What the editor's forms post, read into the services' values: numbers the Indonesian way (1.234.567,89),
blank is blank, and a bad number is refused with a message naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.types import Level
from planning.errors import ServiceError
from planning.services.plan_editor import IndicatorValues, RowValues
from quarters.entry_numbers import EntryNumberError, parse_entry

QUARTER_NAMES = ("I", "II", "III", "IV")


def number(data: Any, key: str, label: str, *, negative: bool = False) -> Decimal | None:
    try:
        return parse_entry(str(data.get(key, "")), negative=negative)
    except EntryNumberError as exc:
        raise ServiceError(f"{label}: {exc}") from exc


def text(data: Any, key: str) -> str:
    return str(data.get(key, "")).strip()


def row_values(data: Any) -> RowValues:
    where = text(data, "name")[:60] or "baris baru"
    return RowValues(
        name=text(data, "name"),
        code=text(data, "code"),
        responsible_unit=text(data, "responsible_unit"),
        strategic_budget=number(data, "strategic_budget", f"Pendanaan Renstra ({where})"),
        budget=number(data, "budget", f"Pagu Renja ({where})"),
        prior_budget=number(data, "prior_budget", f"Realisasi Renstra s.d. tahun lalu Rp ({where})"),
        funding_source=text(data, "funding_source"),
    )


def indicator_values(data: Any, prefix: str = "") -> IndicatorValues:
    where = text(data, prefix + "name")[:60] or "indikator"
    quarters = tuple(
        number(data, f"{prefix}q{q}", f"Target triwulan {QUARTER_NAMES[q - 1]} ({where})", negative=True)
        for q in (1, 2, 3, 4)
    )
    return IndicatorValues(
        name=text(data, prefix + "name"),
        unit=text(data, prefix + "unit"),
        direction=text(data, prefix + "direction") or "positive",
        aggregation=text(data, prefix + "aggregation") or "sum",
        periodicity=text(data, prefix + "periodicity") or "quarterly",
        formula=text(data, prefix + "formula"),
        refers_to_rkpd=bool(data.get(prefix + "refers_to_rkpd")),
        strategic_target=number(data, prefix + "strategic_target", f"Target Renstra ({where})", negative=True),
        target=number(data, prefix + "target", f"Target Renja ({where})", negative=True),
        prior_realization=number(
            data, prefix + "prior_realization", f"Realisasi Renstra s.d. tahun lalu K ({where})", negative=True
        ),
        action_plan_unit=text(data, prefix + "action_plan_unit"),
        quarters=(quarters[0], quarters[1], quarters[2], quarters[3]),
    )


def level_of(data: Any) -> Level:
    value = text(data, "level")
    try:
        return Level(value)
    except ValueError as exc:
        raise ServiceError(f"Tingkat baris {value!r} tidak dikenal.") from exc


def year_of(data: Any, key: str, label: str) -> int:
    value = text(data, key)
    if not value.isdigit() or len(value) != 4:
        raise ServiceError(f"{label}: tulis tahun empat angka, mis. 2026 (bukan {value!r}).")
    return int(value)
