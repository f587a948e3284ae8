"""Reading what a report needs in a fixed number of queries, and handing plain values to the core."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.numbers import to_decimal
from domain.rating import DEFAULT_BANDS, RatingBand
from domain.types import Aggregation, AverageBasis, AverageSource, Direction, Level, NegativeFormula, Periodicity
from planning.models import (
    Agency,
    BudgetRealization,
    Indicator,
    PlanRow,
    QuarterlyTarget,
    Realization,
    Region,
    WorkPlan,
    WorkPlanIndicator,
    WorkPlanRow,
)
from planning.models import RatingBand as RatingBandRow
from reporting.models import QuarterReport, StatedFigure


class ReportNotFound(LookupError):
    """No Renja for the agency and year: ``str()`` says so in Indonesian."""


@dataclass(frozen=True)
class ReportContext:
    """The records around an evaluation that renderers print: who, which plan, which document."""

    agency: Agency
    region: Region
    work_plan: WorkPlan
    quarter_report: QuarterReport | None
    year: int
    quarter: int


def agencies_for_listing(*, regions: QuerySet[Region] | None = None) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("region").order_by("region__name", "name")
    return qs.filter(region__in=regions) if regions is not None else qs


def _clean(value: Decimal | None) -> Decimal | None:
    """Drop the storage scale: 13.440000 -> 13.44, 400.000000 -> 400."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def report_input_for(*, agency: Agency, year: int, quarter: int) -> tuple[ReportInput, ReportContext]:
    """Load agency ``agency``'s plan, targets and realisations of ``year`` as of ``quarter``.

    Twelve queries whatever the number of rows (pinned by a test).  The Renja used is the latest
    active revision of the year.
    """
    region = agency.region
    work_plan = (
        WorkPlan.objects.select_related("strategic_plan")
        .filter(strategic_plan__agency=agency, year=year, is_active=True)
        .order_by("-revision")
        .first()
    )
    if work_plan is None:
        raise ReportNotFound(f"Belum ada Renja tahun {year} untuk {agency.name}.")
    plan = work_plan.strategic_plan

    band_rows = list(RatingBandRow.objects.filter(region=region, year__lte=year).order_by("-year"))
    latest_band_year = band_rows[0].year if band_rows else None
    bands = (
        tuple(
            sorted(
                (RatingBand(_clean(b.lower), b.label) for b in band_rows if b.year == latest_band_year),
                key=lambda b: (b.lower is None, -(b.lower or 0)),
            )
        )
        or DEFAULT_BANDS
    )

    rows = list(PlanRow.objects.filter(strategic_plan=plan).order_by("position", "pk"))
    indicators = list(Indicator.objects.filter(row__strategic_plan=plan).order_by("row_id", "position", "pk"))
    row_budgets = {w.row_id: w for w in WorkPlanRow.objects.filter(work_plan=work_plan)}
    targets = {w.indicator_id: w for w in WorkPlanIndicator.objects.filter(work_plan=work_plan)}
    action_plan: dict[int, list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for q in QuarterlyTarget.objects.filter(work_plan=work_plan).values_list("indicator_id", "quarter", "value"):
        action_plan[q[0]][q[1] - 1] = _clean(q[2])
    realized: dict[int, list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for r in Realization.objects.filter(indicator__row__strategic_plan=plan, year=year).values_list(
        "indicator_id", "quarter", "value"
    ):
        realized[r[0]][r[1] - 1] = _clean(r[2])
    spent: dict[int, list[Decimal | None]] = defaultdict(lambda: [None] * 4)
    for b in BudgetRealization.objects.filter(row__strategic_plan=plan, year=year).values_list(
        "row_id", "quarter", "amount"
    ):
        spent[b[0]][b[1] - 1] = _clean(b[2])
    quarter_report = QuarterReport.objects.filter(agency=agency, year=year, quarter=quarter).first()
    stated_rows: dict[int, dict[Stated, Decimal]] = defaultdict(dict)
    stated_indicators: dict[int, dict[Stated, Decimal]] = defaultdict(dict)
    if quarter_report is not None:
        for s in StatedFigure.objects.filter(report=quarter_report):
            target = stated_rows[s.row_id] if s.row_id else stated_indicators[s.indicator_id]  # type: ignore[index]
            target[Stated(s.key)] = Decimal(s.value)

    indicators_of: dict[int, list[IndicatorInput]] = defaultdict(list)
    for ind in indicators:
        t = targets.get(ind.pk)
        indicators_of[ind.row_id].append(
            IndicatorInput(
                key=ind.pk,
                name=ind.name,
                unit=ind.unit,
                aggregation=Aggregation(ind.aggregation),
                aggregation_is_default=ind.aggregation_is_default,
                direction=Direction(ind.direction),
                periodicity=Periodicity(ind.periodicity),
                formula=ind.formula,
                refers_to_rkpd=ind.refers_to_rkpd,
                strategic_target=_clean(ind.strategic_target),
                prior_realization=_clean(t.prior_realization) if t else None,
                target=_clean(t.target) if t else None,
                quarters=tuple(realized.get(ind.pk, [None] * 4)),  # type: ignore[arg-type]
                action_plan=tuple(action_plan.get(ind.pk, [None] * 4)),  # type: ignore[arg-type]
                action_plan_unit=t.action_plan_unit if t else "",
                stated=stated_indicators.get(ind.pk, {}),
                drivers=t.drivers if t else "",
                obstacles=t.obstacles if t else "",
            )
        )

    children_of: dict[int | None, list[PlanRow]] = defaultdict(list)
    for row in rows:
        children_of[row.parent_id].append(row)

    def build(row: PlanRow) -> RowInput:
        w = row_budgets.get(row.pk)
        return RowInput(
            key=row.pk,
            level=Level(row.level),
            name=row.name,
            code=row.code,
            budget=Budget(
                strategic=_clean(row.strategic_budget),
                prior=_clean(w.prior_budget) if w else None,
                annual=_clean(w.budget) if w else None,
                quarters=tuple(spent.get(row.pk, [None] * 4)),  # type: ignore[arg-type]
            ),
            stated_budget=stated_rows.get(row.pk, {}),
            indicators=tuple(indicators_of.get(row.pk, [])),
            children=tuple(build(child) for child in children_of.get(row.pk, [])),
            funding_source=w.funding_source if w else "",
            responsible_unit=row.responsible_unit,
        )

    settings = Settings(
        negative_formula=NegativeFormula(region.negative_formula),
        average_basis=AverageBasis(region.average_basis),
        average_source=AverageSource(region.average_source),
        average_cap=_clean(region.average_cap),
        bands=bands,
    )
    stated_average = quarter_report.stated_average if quarter_report else ""
    report_input = ReportInput(
        year=year,
        quarter=quarter,
        roots=tuple(build(row) for row in children_of.get(None, [])),
        settings=settings,
        first_strategic_year=plan.start_year,
        stated_average=to_decimal(stated_average) if stated_average else None,
        stated_rating=(quarter_report.stated_rating or None) if quarter_report else None,
        has_statements=bool(quarter_report and (stated_average or stated_rows or stated_indicators)),
    )
    context = ReportContext(
        agency=agency, region=region, work_plan=work_plan, quarter_report=quarter_report, year=year, quarter=quarter
    )
    return report_input, context
