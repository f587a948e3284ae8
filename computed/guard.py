"""A computed indicator's K comes from its base figures, never typed: the refusal every write path
shares (``planning.services.realizations.realization_set`` calls it, so the entry screen, a pasted
block and the API refuse alike), the lookup the entry screen marks its cells with, and what an import
does with a sheet's K for a computed indicator (keeps the stored value and reports the difference).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from planning.errors import ServiceError
from quarters.locks import QUARTER_NAMES


class ComputedValueRefused(ServiceError):
    """A typed K for a computed indicator: its realisation is computed from the base figures."""


def figures_path(*, slug: str, year: int, quarter: int) -> str:
    """The quarter's base figures page (``computed:figures``), as a message and a link carry it."""
    from django.urls import reverse

    return reverse("computed:figures", args=[slug, year, quarter])


def typed_k_refuse(*, indicator: Any, year: int, quarter: int) -> None:
    """Raise ``ComputedValueRefused`` when ``indicator`` is computed: one query (two when it is)."""
    from computed.models import ComputedIndicator

    computed = ComputedIndicator.objects.filter(indicator_id=indicator.pk).first()
    if computed is None:
        return
    labels = ", ".join(f.label for f in computed.figures.all())
    agency = indicator.row.strategic_plan.agency
    raise ComputedValueRefused(
        f"{indicator.name[:80]} adalah indikator terhitung (rumus: {computed.formula}): realisasi K-nya tidak "
        f"diketik, tetapi dihitung dari angka dasarnya ({labels}). Isi angka dasar TW "
        f"{QUARTER_NAMES[quarter - 1]} di "
        f"{figures_path(slug=agency.slug, year=year, quarter=quarter)}."
    )


def plan_formulas(plan: Any) -> dict[Any, str]:
    """Indicator id -> formula of every computed indicator of the strategic plan ``plan``: one query."""
    from computed.models import ComputedIndicator

    return dict(
        ComputedIndicator.objects.filter(indicator__row__strategic_plan=plan).values_list("indicator_id", "formula")
    )


def agency_formulas(agency: Any) -> dict[Any, str]:
    """Indicator id -> formula of every computed indicator of ``agency``'s plans (goal indicators, which
    are no line of the entry table, included): one query."""
    from computed.models import ComputedIndicator

    return dict(
        ComputedIndicator.objects.filter(indicator__row__strategic_plan__agency=agency).values_list(
            "indicator_id", "formula"
        )
    )


@dataclass(frozen=True)
class SheetValueKept:
    """A sheet's K for a computed indicator that the import does not write (the stored value stays)."""

    indicator_id: Any
    quarter: int
    sheet: Decimal | None
    stored: Decimal | None
    message: str


def sheet_values_kept(
    wanted: Mapping[tuple[Any, int], Decimal | None],
    stored: Mapping[tuple[Any, int], Decimal | None],
    formulas: Mapping[Any, str],
    label_of: Callable[[Any], str],
    *,
    upto: int = 4,
) -> tuple[dict[tuple[Any, int], Decimal | None], list[SheetValueKept]]:
    """What an import writes of a sheet's K, per (indicator id, quarter): a computed indicator's value
    is replaced by the stored one (never a silent overwrite of what the figures computed, nor of a typed
    value kept from before the formula), and each difference is reported, naming the row.

    ``wanted`` is the sheet's K, ``stored`` what the database holds, ``formulas`` from
    ``plan_formulas``; a blank in the sheet counts only up to quarter ``upto`` (the import deletes
    blanks only there).  Returns the K to write and the values kept.  No query.
    """
    from reporting.formatting import value_id

    out: dict[tuple[Any, int], Decimal | None] = {}
    kept: list[SheetValueKept] = []
    for key, value in wanted.items():
        indicator_id, quarter = key
        if indicator_id not in formulas:
            out[key] = value
            continue
        now = stored.get(key)
        out[key] = now
        if value == now or (value is None and quarter > upto):
            continue
        shown = value_id(value, empty="kosong")
        kept.append(
            SheetValueKept(
                indicator_id,
                quarter,
                value,
                now,
                f"{label_of(indicator_id)} TW {QUARTER_NAMES[quarter - 1]}: K pada berkas ({shown}) tidak dipakai; "
                f"indikator terhitung (rumus: {formulas[indicator_id]}), realisasinya dihitung dari angka dasar "
                f"(tersimpan: {value_id(now, empty='kosong')}).",
            )
        )
    return out, kept
