"""Writing computed indicators: the formula and its base figures, and a base figure of one quarter.

Each write recomputes the indicator's realisation of the quarters it changes and writes it through
``planning.services.realizations.realization_set``, in the same transaction: the same role check, lock
(``quarters.locks``), limits and history as a value typed on the entry screen.  A refused realisation
(a later quarter locked or waiting at Bappeda) refuses the whole change.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction

from audit.services import audit_record
from computed.models import BaseFigure, BaseFigureValue, ComputedIndicator
from domain.computed import BaseFigureDef, FigureKind, FormulaError, figures_check, formula_evaluate, formula_parse
from domain.types import Aggregation
from planning.errors import Conflict, ServiceError
from planning.limits import value_ensure
from planning.models import Indicator, Realization
from planning.roles import can_enter, person_name, require
from planning.services.realizations import realization_set, value_version
from quarters.locks import QUARTER_NAMES, ensure_open

STORED_PLACES = Decimal("0.000001")  # Realization.value keeps six decimals; the figures stay exact
SOURCE = "indikator terhitung"


class FormulaRefused(ServiceError):
    """A formula or list of base figures refused when saved; ``field`` names the input at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def computed_define(
    *, indicator: Indicator, formula: str, figures: Sequence[BaseFigureDef], actor: Any, reason: str = ""
) -> ComputedIndicator:
    """Make ``indicator`` computed by ``formula`` over ``figures`` (or change its definition).

    The PD's operator or Kepala only.  Refused with the reason when the formula or a figure is bad, when
    the indicator's quarters do not combine by their last value (each quarter's computed value is
    already the year so far), or when a figure to remove already holds values.  A changed formula
    recomputes every quarter that has figures.
    """
    agency = indicator.row.strategic_plan.agency
    require(can_enter(actor, agency), f"Hanya operator atau Kepala PD {agency.name} yang dapat menetapkan rumus.")
    try:
        figures_check(figures)
    except FormulaError as exc:
        raise FormulaRefused(str(exc), field="figures") from exc
    try:
        parsed = formula_parse(formula, [f.name for f in figures])
    except FormulaError as exc:
        raise FormulaRefused(str(exc), field="formula") from exc
    if indicator.aggregation != Aggregation.LAST.value:
        raise FormulaRefused(
            f"{indicator.name[:80]}: indikator terhitung dihitung kumulatif setiap triwulan, sehingga agregasi "
            "triwulannya harus 'nilai terakhir'; ubah agregasi indikator ini lebih dulu.",
            field="formula",
        )
    with transaction.atomic():
        computed = ComputedIndicator.objects.select_for_update().filter(indicator=indicator).first()
        existing = {f.name: f for f in computed.figures.all()} if computed else {}
        before = _definition(computed, list(existing.values())) if computed else None
        removed = [name for name in existing if name not in {f.name for f in figures}]
        filled = set(
            BaseFigureValue.objects.filter(figure__in=[existing[n] for n in removed]).values_list(
                "figure__name", flat=True
            )
        )
        if filled:
            raise FormulaRefused(
                f"Angka dasar {', '.join(sorted(filled))} sudah berisi nilai; kosongkan nilainya dulu sebelum "
                "menghapusnya dari rumus.",
                field="figures",
            )
        formula_changed = computed is None or computed.formula != parsed.text
        if computed is None:
            computed = ComputedIndicator(indicator=indicator)
        computed.formula = parsed.text
        computed.updated_by = _user(actor)
        computed.save()
        BaseFigure.objects.filter(computed=computed, name__in=removed).delete()
        kept = []
        for position, spec in enumerate(figures):
            figure = existing.get(spec.name) or BaseFigure(computed=computed, name=spec.name)
            figure.position, figure.label, figure.kind = position, spec.label.strip(), spec.kind.value
            figure.save()
            kept.append(figure)
        after = _definition(computed, kept)
        if after == before:
            return computed
        audit_record(
            actor=actor, action="computed_define", model="ComputedIndicator", object_id=computed.pk,
            summary=f"{indicator.row.name[:60]} / {indicator.name[:60]}", before=before, after=after,
            reason=reason, source=SOURCE,
        )  # fmt: skip
        if formula_changed:
            years = BaseFigureValue.objects.filter(figure__computed=computed).values_list("year", flat=True).distinct()
            for year in sorted(set(years)):
                filled = BaseFigureValue.objects.filter(figure__computed=computed, year=year)
                first = min(filled.values_list("quarter", flat=True))
                _recompute(computed, year=year, from_quarter=first, actor=actor)
    return computed


def base_figure_set(
    *,
    figure: BaseFigure,
    year: int,
    quarter: int,
    value: Decimal | None,
    actor: Any,
    reason: str = "",
    source: str = "layar entri",
    expected_version: str | None = None,
) -> bool:
    """Set (or, with ``None``, clear) a base figure of one quarter, and recompute the realisation.

    The same rules as ``realization_set``: the PD's operator or Kepala, the quarter open, the value
    within the column's limits, and with ``expected_version`` refused with ``Conflict`` when someone
    saved the figure since.  Returns whether anything changed.
    """
    computed = figure.computed
    indicator = computed.indicator
    agency = indicator.row.strategic_plan.agency
    label = f"{indicator.name[:60]} / {figure.label[:60]}"
    if quarter not in (1, 2, 3, 4):
        raise ServiceError(f"Triwulan harus 1-4, bukan {quarter}.")
    if value is not None and not value.is_finite():
        raise ServiceError(f"{label}: nilai tidak sah.")
    value_ensure(value, field="Realization.value", where=label)  # the same column shape as a realisation
    require(can_enter(actor, agency), f"Hanya operator atau Kepala PD {agency.name} yang dapat mengisi realisasi.")
    with transaction.atomic():
        ensure_open(agency=agency, year=year, quarter=quarter)
        current = BaseFigureValue.objects.select_for_update().filter(figure=figure, year=year, quarter=quarter).first()
        old = current.value if current else None
        if expected_version is not None and expected_version != value_version(current):
            by = person_name(current.updated_by) if current and current.updated_by else ""
            raise Conflict(
                f"{label} TW {QUARTER_NAMES[quarter - 1]} sudah diubah orang lain" + (f" ({by})" if by else "")
                + " sejak Anda membukanya; nilai Anda tidak disimpan.",
                current=old, by=by, at=current.updated_at if current else None,
            )  # fmt: skip
        if old == value:
            return False
        if value is None:
            assert current is not None
            current.delete()
        elif current is None:
            BaseFigureValue.objects.create(
                figure=figure, year=year, quarter=quarter, value=value, updated_by=_user(actor), source=source
            )
        else:
            current.value, current.updated_by, current.source = value, _user(actor), source
            current.save(update_fields=["value", "updated_by", "source", "updated_at"])
        audit_record(
            actor=actor, action="base_figure_set", model="BaseFigureValue", object_id=figure.pk,
            summary=f"{label} {year} TW {QUARTER_NAMES[quarter - 1]}", before={"value": old}, after={"value": value},
            reason=reason, source=source,
        )  # fmt: skip
        _recompute(computed, year=year, from_quarter=quarter, actor=actor)
    return True


def quarter_figures(computed: ComputedIndicator, year: int) -> list[dict[str, Decimal | None]]:
    """Each quarter's own base figures of ``year`` (one query): four dicts name -> value or None."""
    names = [f.name for f in computed.figures.all()]
    quarters: list[dict[str, Decimal | None]] = [dict.fromkeys(names) for _ in range(4)]
    for name, quarter, value in BaseFigureValue.objects.filter(figure__computed=computed, year=year).values_list(
        "figure__name", "quarter", "value"
    ):
        quarters[quarter - 1][name] = value
    return quarters


def stored_value(value: Decimal | None) -> Decimal | None:
    """A computed value as ``Realization.value`` keeps it: six decimals, half up."""
    return None if value is None else value.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)


def _recompute(computed: ComputedIndicator, *, year: int, from_quarter: int, actor: Any) -> None:
    """Write the realisation of quarter ``from_quarter`` and of each later quarter with figures, where
    the computed value changed (a flow figure of quarter II changes the year so far of III and IV).

    A quarter with no figure at all keeps what it has: defining a formula leaves the typed history of
    the quarters before it alone.  A quarter with some figures blank is blank (never 0).
    """
    from domain.computed import figures_through

    parsed = formula_parse(computed.formula, [f.name for f in computed.figures.all()])
    kinds = {f.name: FigureKind(f.kind) for f in computed.figures.all()}
    quarters = quarter_figures(computed, year)
    stored = dict(Realization.objects.filter(indicator=computed.indicator, year=year).values_list("quarter", "value"))
    for quarter in range(from_quarter, 5):
        if quarter != from_quarter and all(v is None for v in quarters[quarter - 1].values()):
            continue
        value = stored_value(formula_evaluate(parsed, figures_through(quarters, kinds, quarter)).value)
        if value == stored.get(quarter):
            continue
        realization_set(
            indicator=computed.indicator, year=year, quarter=quarter, value=value, actor=actor,
            reason="dihitung dari angka dasar", source=f"{SOURCE}: {computed.formula}"[:300], from_formula=True,
        )  # fmt: skip


def _definition(computed: ComputedIndicator | None, figures: Sequence[BaseFigure]) -> dict[str, Any] | None:
    if computed is None:
        return None
    return {
        "formula": computed.formula,
        "figures": [{"name": f.name, "label": f.label, "kind": f.kind} for f in figures],
    }


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None
