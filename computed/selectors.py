"""Reading computed indicators: each with its base figures per quarter and what they compute to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from computed.models import BaseFigureValue, ComputedIndicator
from domain.computed import Computed, FigureKind, figures_through, formula_evaluate, formula_parse
from planning.models import Agency
from planning.services.realizations import value_version


@dataclass(frozen=True)
class FigureQuarters:
    figure_id: int
    name: str
    label: str
    kind: FigureKind
    values: tuple[Decimal | None, ...]  # quarters I-IV, as entered (None: blank)
    versions: tuple[str, ...]  # value_version of each quarter's value ("" while blank)


@dataclass(frozen=True)
class ComputedYear:
    indicator_id: int
    indicator: str
    unit: str
    formula: str
    numerator: str | None
    denominator: str | None
    figures: tuple[FigureQuarters, ...]
    results: tuple[Computed, ...]  # as of the end of quarters I-IV (flows added up from quarter I)


def computed_of_agency(*, agency: Agency, year: int) -> list[ComputedYear]:
    """Every computed indicator of ``agency``'s plans with its figures of ``year``: three queries."""
    computed = list(
        ComputedIndicator.objects.filter(indicator__row__strategic_plan__agency=agency)
        .select_related("indicator")
        .prefetch_related("figures")
        .order_by("indicator__row__position", "indicator__position", "pk")
    )
    values: dict[int, dict[int, BaseFigureValue]] = {}
    for v in BaseFigureValue.objects.filter(figure__computed__in=computed, year=year):
        values.setdefault(v.figure_id, {})[v.quarter] = v
    out = []
    for c in computed:
        figures = list(c.figures.all())
        parsed = formula_parse(c.formula, [f.name for f in figures])
        rows = []
        for f in figures:
            own = values.get(f.pk, {})
            rows.append(
                FigureQuarters(
                    figure_id=f.pk,
                    name=f.name,
                    label=f.label,
                    kind=FigureKind(f.kind),
                    values=tuple(own[q].value if q in own else None for q in (1, 2, 3, 4)),
                    versions=tuple(value_version(own.get(q)) for q in (1, 2, 3, 4)),
                )
            )
        quarters = [{r.name: r.values[q] for r in rows} for q in range(4)]
        kinds = {r.name: r.kind for r in rows}
        out.append(
            ComputedYear(
                indicator_id=c.indicator_id,
                indicator=c.indicator.name,
                unit=c.indicator.unit,
                formula=c.formula,
                numerator=parsed.numerator,
                denominator=parsed.denominator,
                figures=tuple(rows),
                results=tuple(formula_evaluate(parsed, figures_through(quarters, kinds, q)) for q in (1, 2, 3, 4)),
            )
        )
    return out
