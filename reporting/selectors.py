"""Reading what a report needs in a fixed number of queries, and handing plain values to the core."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.numbers import to_decimal
from domain.rating import DEFAULT_BANDS, RatingBand
from domain.types import (
    Aggregation,
    AverageBasis,
    AverageSource,
    Direction,
    Level,
    NegativeFormula,
    Periodicity,
    Quarters,
)
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
from quarters.models import Evidence, QuarterReport, StatedFigure
from reporting.records import AgencyInfo, QuarterInfo, RegionInfo, ReportContext, WorkPlanInfo


class ReportNotFound(LookupError):
    """No Renja for the agency and year: ``str()`` says so in Indonesian."""


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


# Plain dict lookups: calling an Enum per value is measurably slow at a few thousand values a report.
_AGGREGATIONS = {m.value: m for m in Aggregation}
_DIRECTIONS = {m.value: m for m in Direction}
_PERIODICITIES = {m.value: m for m in Periodicity}
_LEVELS = {m.value: m for m in Level}


def _decimal_text(text: str) -> Decimal:
    """A decimal the database wrote as text ("13.440000", "13.44", "400.0", "400") without storage zeros."""
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def _by_quarter(queryset: QuerySet[Any], owner: str, value: str) -> dict[int, Quarters]:
    """Each owner's four quarters (None where not reported) from a table of (owner, quarter, value).

    The value is read as text: the quarters are most of a report's figures, and one ``Decimal(str)``
    each is several times cheaper than the backend's float-to-Decimal converter plus normalising.
    """
    out: dict[int, list[Decimal | None]] = {}
    rows = queryset.annotate(_text=Cast(value, TextField())).values_list(owner, "quarter", "_text")
    for key, quarter, text in rows:
        out.setdefault(key, [None, None, None, None])[quarter - 1] = _decimal_text(text)
    return {key: (q[0], q[1], q[2], q[3]) for key, q in out.items()}


def report_input_for(
    *, agency: Agency, year: int, quarter: int, revision: int | None = None
) -> tuple[ReportInput, ReportContext]:
    """Load agency ``agency``'s plan, targets and realisations of ``year`` as of ``quarter``.

    Thirteen queries whatever the number of rows (pinned by a test).  The Renja used is the latest
    active revision of the year, or ``revision`` when asked (an amended Renja's original stays reportable).
    """
    region = agency.region
    plans = WorkPlan.objects.select_related("strategic_plan").filter(strategic_plan__agency=agency, year=year)
    if revision is None:
        work_plan = plans.filter(is_active=True).order_by("-revision").first()
    else:
        work_plan = plans.filter(revision=revision).first()
    if work_plan is None:
        which = "" if revision is None else (" (murni)" if revision == 0 else f" perubahan {revision}")
        raise ReportNotFound(f"Belum ada Renja tahun {year}{which} untuk {agency.name}.")
    plan = work_plan.strategic_plan

    bands = bands_of(RatingBandRow.objects.filter(region=region, year__lte=year))

    # Plain tuples, not model instances: building ~20 instances per report line costs more than the query.
    rows = list(
        PlanRow.objects.filter(strategic_plan=plan)
        .order_by("position", "pk")
        .values_list("pk", "parent_id", "level", "name", "code", "strategic_budget", "responsible_unit")
    )
    indicators = list(
        Indicator.objects.filter(row__strategic_plan=plan)
        .order_by("row_id", "position", "pk")
        .values_list(
            "pk",
            "row_id",
            "name",
            "unit",
            "aggregation",
            "aggregation_is_default",
            "direction",
            "periodicity",
            "formula",
            "refers_to_rkpd",
            "strategic_target",
        )
    )
    row_budgets = {
        r[0]: r[1:]
        for r in WorkPlanRow.objects.filter(work_plan=work_plan).values_list(
            "row_id", "budget", "prior_budget", "funding_source"
        )
    }
    targets = {
        t[0]: t[1:]
        for t in WorkPlanIndicator.objects.filter(work_plan=work_plan).values_list(
            "indicator_id", "target", "prior_realization", "action_plan_unit", "drivers", "obstacles"
        )
    }
    action_plan = _by_quarter(QuarterlyTarget.objects.filter(work_plan=work_plan), "indicator_id", "value")
    realized = _by_quarter(
        Realization.objects.filter(indicator__row__strategic_plan=plan, year=year), "indicator_id", "value"
    )
    spent = _by_quarter(BudgetRealization.objects.filter(row__strategic_plan=plan, year=year), "row_id", "amount")
    quarter_report = QuarterReport.objects.filter(agency=agency, year=year, quarter=quarter).first()
    stated_rows: dict[int, dict[Stated, Decimal]] = defaultdict(dict)
    stated_indicators: dict[int, dict[Stated, Decimal]] = defaultdict(dict)
    evidence_rows: frozenset[int] = frozenset()
    if quarter_report is not None:
        for s in StatedFigure.objects.filter(report=quarter_report):
            target = stated_rows[s.row_id] if s.row_id else stated_indicators[s.indicator_id]  # type: ignore[index]
            target[Stated(s.key)] = Decimal(s.value)
        # The rows with bukti dukung in this quarter: the report marks them (one query).
        evidence_rows = frozenset(
            Evidence.objects.filter(report=quarter_report, removed_at__isnull=True).values_list("row_id", flat=True)
        )

    indicators_of = indicator_inputs(indicators, targets, realized, action_plan, stated_indicators)

    children_of: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        children_of[row[1]].append(row)

    settings = settings_of(region, bands)
    stated_average = quarter_report.stated_average if quarter_report else ""
    report_input = ReportInput(
        year=year,
        quarter=quarter,
        roots=plan_tree(children_of, indicators_of, stated_rows, row_budgets, spent),
        settings=settings,
        first_strategic_year=plan.start_year,
        stated_average=to_decimal(stated_average) if stated_average else None,
        stated_rating=(quarter_report.stated_rating or None) if quarter_report else None,
        has_statements=bool(quarter_report and (stated_average or stated_rows or stated_indicators)),
    )
    context = ReportContext(
        agency=AgencyInfo(agency.slug, agency.name, agency.head_title, agency.head_name, agency.head_nip),
        region=RegionInfo(
            region.slug,
            region.name,
            region.place,
            region.bappeda_head_title,
            region.bappeda_head_name,
            region.bappeda_head_nip,
        ),
        work_plan=WorkPlanInfo(year, work_plan.revision, work_plan.label, plan.start_year, plan.end_year),
        quarter_report=_quarter_info(quarter_report) if quarter_report else None,
        year=year,
        quarter=quarter,
        evidence_rows=evidence_rows,
    )
    return report_input, context


def _quarter_info(qr: QuarterReport) -> QuarterInfo:
    return QuarterInfo(
        status=qr.status,
        drivers=qr.drivers,
        obstacles=qr.obstacles,
        follow_up_quarter=qr.follow_up_quarter,
        follow_up_renja=qr.follow_up_renja,
        prepared_place=qr.prepared_place,
        prepared_on=qr.prepared_on,
        evaluated_place=qr.evaluated_place,
        evaluated_on=qr.evaluated_on,
        stated_average=qr.stated_average,
        stated_rating=qr.stated_rating,
    )


# -- the report input's parts, shared with overview.batch (which builds many PD's inputs at once) --------
_NONE4 = (None, None, None, None)
_NO_TARGET = (None, None, "", "", "")
_NO_BUDGET = (None, None, "")


def bands_of(rows: Iterable[RatingBandRow]) -> tuple[RatingBand, ...]:
    """A pemda's rating bands from its band rows up to the report's year: those of the latest year that
    has any, highest first; Permendagri 86/2017's when it set none."""
    rows = list(rows)
    latest = max((b.year for b in rows), default=None)
    return (
        tuple(
            sorted(
                (RatingBand(_clean(b.lower), b.label) for b in rows if b.year == latest),
                key=lambda b: (b.lower is None, -(b.lower or 0)),
            )
        )
        or DEFAULT_BANDS
    )


def settings_of(region: Region, bands: tuple[RatingBand, ...]) -> Settings:
    """The core's settings from the pemda's row and its rating bands of the year."""
    return Settings(
        negative_formula=NegativeFormula(region.negative_formula),
        average_basis=AverageBasis(region.average_basis),
        average_source=AverageSource(region.average_source),
        average_cap=_clean(region.average_cap),
        bands=bands,
    )


def indicator_inputs(
    indicators: Iterable[tuple[Any, ...]],
    targets: dict[int, tuple[Any, ...]],
    realized: dict[int, Any],
    action_plan: dict[int, Any],
    stated: dict[int, dict[Stated, Decimal]],
) -> dict[int, list[IndicatorInput]]:
    """The indicators of each row id, from the ``values_list`` tuples of ``report_input_for``'s query
    with their targets, quarters, Rencana Aksi and statements."""
    indicators_of: dict[int, list[IndicatorInput]] = defaultdict(list)
    for pk, row_id, name, unit, aggregation, is_default, direction, periodicity, formula, rkpd, strategic in indicators:
        target, prior, action_plan_unit, drivers, obstacles = targets.get(pk, _NO_TARGET)
        indicators_of[row_id].append(
            IndicatorInput(
                key=pk,
                name=name,
                unit=unit,
                aggregation=_AGGREGATIONS[aggregation],
                aggregation_is_default=is_default,
                direction=_DIRECTIONS[direction],
                periodicity=_PERIODICITIES[periodicity],
                formula=formula,
                refers_to_rkpd=rkpd,
                strategic_target=_clean(strategic),
                prior_realization=_clean(prior),
                target=_clean(target),
                quarters=realized.get(pk, _NONE4),
                action_plan=action_plan.get(pk, _NONE4),
                action_plan_unit=action_plan_unit,
                stated=stated.get(pk, {}),
                drivers=drivers,
                obstacles=obstacles,
            )
        )
    return indicators_of


def plan_tree(
    children_of: dict[Any, list[tuple[Any, ...]]],
    indicators_of: dict[int, list[IndicatorInput]],
    stated_rows: dict[int, dict[Stated, Decimal]],
    row_budgets: dict[int, tuple[Any, ...]],
    spent: dict[int, Any],
) -> tuple[RowInput, ...]:
    """The plan tree's inputs from the rows' tuples grouped by parent id (roots under None)."""

    def build(row: tuple[Any, ...]) -> RowInput:
        pk, _parent, level, name, code, strategic_budget, responsible_unit = row
        budget, prior_budget, funding_source = row_budgets.get(pk, _NO_BUDGET)
        return RowInput(
            key=pk,
            level=_LEVELS[level],
            name=name,
            code=code,
            budget=Budget(
                strategic=_clean(strategic_budget),
                prior=_clean(prior_budget),
                annual=_clean(budget),
                quarters=spent.get(pk, _NONE4),
            ),
            stated_budget=stated_rows.get(pk, {}),
            indicators=tuple(indicators_of.get(pk, ())),
            children=tuple(build(child) for child in children_of.get(pk, ())),
            funding_source=funding_source,
            responsible_unit=responsible_unit,
        )

    return tuple(build(row) for row in children_of.get(None, []))
