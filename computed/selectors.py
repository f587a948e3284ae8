"""Reading computed indicators: each with its base figures per quarter and what they compute to."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from computed.models import BaseFigure, BaseFigureValue, ComputedIndicator
from domain.computed import Computed, FigureKind, figures_across, figures_through, formula_evaluate, formula_parse
from planning.models import Agency, Region
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


@dataclass(frozen=True)
class AgencyPart:
    agency: str  # slug
    agency_name: str
    indicator: str
    figures: dict[str, Decimal | None]  # as of the end of the quarter (flows added up from quarter I)
    result: Computed


@dataclass(frozen=True)
class ComputedAcross:
    """One formula over the pemda's PD: each PD's parts, their sums and the formula over the sums."""

    formula: str
    numerator: str | None
    denominator: str | None
    unit: str
    parts: tuple[AgencyPart, ...]
    figures: dict[str, Decimal]  # summed over the PD counted
    counted: int
    left_out: int  # PD with a figure blank: left out whole
    result: Computed


def computed_of_region(*, region: Region, year: int, quarter: int) -> list[ComputedAcross]:
    """The computed indicators of every PD of ``region`` combined: PD whose indicators share the same
    formula over the same base figures (name and kind) are one line, their figures summed before the
    formula is applied (never an average of percentages).  One query whatever the number of PD: each
    base figure with its indicator and PD, and its four quarters of ``year`` as columns (the E.79 reads
    this, so it stays within the E.79's fixed budget)."""
    quarter_value = {
        f"q{q}": Subquery(
            BaseFigureValue.objects.filter(figure=OuterRef("pk"), year=year, quarter=q).values("value")[:1]
        )
        for q in (1, 2, 3, 4)
    }
    figures = (
        BaseFigure.objects.filter(computed__indicator__row__strategic_plan__agency__region=region)
        .select_related("computed__indicator__row__strategic_plan__agency")
        .annotate(**quarter_value)
        .order_by("computed__indicator__row__strategic_plan__agency__name", "computed_id", "position", "pk")
    )
    by_computed: dict[int, tuple[ComputedIndicator, list[BaseFigure]]] = {}
    for f in figures:  # every computed indicator has at least one figure (its formula uses one)
        by_computed.setdefault(f.computed_id, (f.computed, []))[1].append(f)
    groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[ComputedIndicator, list[BaseFigure]]]] = {}
    for c, own in by_computed.values():
        key = (c.formula, tuple(sorted((f.name, f.kind) for f in own)))
        groups.setdefault(key, []).append((c, own))
    out = []
    for (formula, signature), members in groups.items():
        parsed = formula_parse(formula, [name for name, _kind in signature])
        kinds = {name: FigureKind(kind) for name, kind in signature}
        parts = []
        for c, own in members:
            quarters = [{f.name: getattr(f, f"q{q}") for f in own} for q in (1, 2, 3, 4)]
            through = figures_through(quarters, kinds, quarter)
            agency = c.indicator.row.strategic_plan.agency
            parts.append(
                AgencyPart(agency.slug, agency.name, c.indicator.name, through, formula_evaluate(parsed, through))
            )
        combined = figures_across([p.figures for p in parts], list(parsed.names))
        result = (
            formula_evaluate(parsed, combined.figures)
            if combined.counted
            else Computed(None, reason="tidak ada PD yang lengkap")
        )
        out.append(
            ComputedAcross(
                formula=formula,
                numerator=parsed.numerator,
                denominator=parsed.denominator,
                unit=members[0][0].indicator.unit,
                parts=tuple(parts),
                figures=combined.figures,
                counted=combined.counted,
                left_out=combined.left_out,
                result=result,
            )
        )
    return out
