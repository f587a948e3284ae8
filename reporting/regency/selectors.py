"""All PD of a pemda in a fixed number of queries: the E.81 input of every PD that is not approved,
and the frozen copy of every PD that is.

The per-PD assembly mirrors ``reporting.selectors.report_input_for`` line for line, over the same tables
filtered by every plan of the pemda at once instead of one; ``tests/regency/test_selectors.py`` checks
that each PD's input and records equal what ``report_input_for`` gives, so the E.79 cannot drift from the
E.81.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.evaluation import evaluate
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.numbers import to_decimal
from domain.rating import DEFAULT_BANDS, RatingBand
from domain.types import AverageBasis, AverageSource, NegativeFormula
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
from quarters.models import ApprovedReport, Evidence, QuarterReport, StatedFigure
from reporting.frozen import report_from_frozen
from reporting.records import AgencyInfo, RegionInfo, ReportContext, WorkPlanInfo
from reporting.report import Report
from reporting.selectors import (
    _AGGREGATIONS,
    _DIRECTIONS,
    _LEVELS,
    _PERIODICITIES,
    _by_quarter,
    _clean,
    _quarter_info,
)


@dataclass(frozen=True)
class RegencyReports:
    """Every PD of the pemda with its E.81 report as it must be shown (frozen once approved)."""

    region: RegionInfo
    year: int
    quarter: int
    settings: Settings
    """The pemda's settings for ``year`` (bands of the latest year up to it): the pemda's own average."""
    reports: tuple[Report, ...]
    """In the order of the PD's names; one per PD with a Renja of the year."""
    approved: frozenset[str]
    """Slugs of the PD whose report is the frozen copy of an approved quarter."""
    without_work_plan: tuple[AgencyInfo, ...]
    """PD of the pemda with no active Renja of the year: not in the E.79, and named on it."""


def region_settings(region: Region, band_rows: list[RatingBandRow], year: int) -> Settings:
    """The pemda's settings as ``report_input_for`` builds them."""
    rows = [b for b in band_rows if b.year <= year]
    latest = max((b.year for b in rows), default=None)
    bands = (
        tuple(
            sorted(
                (RatingBand(_clean(b.lower), b.label) for b in rows if b.year == latest),
                key=lambda b: (b.lower is None, -(b.lower or 0)),
            )
        )
        or DEFAULT_BANDS
    )
    return Settings(
        negative_formula=NegativeFormula(region.negative_formula),
        average_basis=AverageBasis(region.average_basis),
        average_source=AverageSource(region.average_source),
        average_cap=_clean(region.average_cap),
        bands=bands,
    )


def _agency_info(agency: Agency) -> AgencyInfo:
    return AgencyInfo(agency.slug, agency.name, agency.head_title, agency.head_name, agency.head_nip)


def _region_info(region: Region) -> RegionInfo:
    return RegionInfo(
        region.slug,
        region.name,
        region.place,
        region.bappeda_head_title,
        region.bappeda_head_name,
        region.bappeda_head_nip,
    )


def regency_reports_for(*, region: Region, year: int, quarter: int) -> RegencyReports:
    """Every PD of ``region`` as of the end of ``quarter`` of ``year``, in at most 14 queries whatever
    the number of PD and rows (pinned by ``tests/regency/test_queries.py``)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    agencies = list(Agency.objects.filter(region=region).order_by("name", "pk"))
    band_rows = list(RatingBandRow.objects.filter(region=region, year__lte=year).order_by("-year"))
    settings = region_settings(region, band_rows, year)

    frozen = {}
    for copy in (
        ApprovedReport.objects.filter(
            report__agency__region=region,
            report__year=year,
            report__quarter=quarter,
            report__status=QuarterReport.Status.APPROVED,
            superseded_at__isnull=True,
        )
        .select_related("report")
        .order_by("-approved_at", "-id")
    ):
        frozen.setdefault(copy.report.agency_id, copy)  # the latest current copy, as approved_report_of

    live = [a for a in agencies if a.pk not in frozen]
    plans_of: dict[int, WorkPlan] = {}
    if live:
        for work_plan in (
            WorkPlan.objects.select_related("strategic_plan")
            .filter(strategic_plan__agency__in=[a.pk for a in live], year=year, is_active=True)
            .order_by("-revision", "-pk")
        ):
            plans_of.setdefault(work_plan.strategic_plan.agency_id, work_plan)
    built = _live_reports(
        region=region,
        agencies=[a for a in live if a.pk in plans_of],
        plans_of=plans_of,
        settings=settings,
        year=year,
        quarter=quarter,
    )

    reports: list[Report] = []
    approved: set[str] = set()
    missing: list[AgencyInfo] = []
    for agency in agencies:
        if agency.pk in frozen:
            reports.append(report_from_frozen(frozen[agency.pk]))
            approved.add(agency.slug)
        elif agency.pk in built:
            reports.append(built[agency.pk])
        else:
            missing.append(_agency_info(agency))
    return RegencyReports(
        region=_region_info(region),
        year=year,
        quarter=quarter,
        settings=settings,
        reports=tuple(reports),
        approved=frozenset(approved),
        without_work_plan=tuple(missing),
    )


def _live_reports(
    *,
    region: Region,
    agencies: list[Agency],
    plans_of: dict[int, WorkPlan],
    settings: Settings,
    year: int,
    quarter: int,
) -> dict[int, Report]:
    """The E.81 reports of ``agencies`` computed from the tables: ten queries for all of them."""
    if not agencies:
        return {}
    work_plans = [plans_of[a.pk] for a in agencies]
    plan_ids = [w.strategic_plan_id for w in work_plans]
    work_plan_ids = [w.pk for w in work_plans]

    rows_of: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for r in (
        PlanRow.objects.filter(strategic_plan__in=plan_ids)
        .order_by("position", "pk")
        .values_list(
            "strategic_plan_id", "pk", "parent_id", "level", "name", "code", "strategic_budget", "responsible_unit"
        )
    ):
        rows_of[r[0]].append(r[1:])
    indicators = list(
        Indicator.objects.filter(row__strategic_plan__in=plan_ids)
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
        for r in WorkPlanRow.objects.filter(work_plan__in=work_plan_ids).values_list(
            "row_id", "budget", "prior_budget", "funding_source"
        )
    }
    targets = {
        t[0]: t[1:]
        for t in WorkPlanIndicator.objects.filter(work_plan__in=work_plan_ids).values_list(
            "indicator_id", "target", "prior_realization", "action_plan_unit", "drivers", "obstacles"
        )
    }
    action_plan = _by_quarter(QuarterlyTarget.objects.filter(work_plan__in=work_plan_ids), "indicator_id", "value")
    realized = _by_quarter(
        Realization.objects.filter(indicator__row__strategic_plan__in=plan_ids, year=year), "indicator_id", "value"
    )
    spent = _by_quarter(
        BudgetRealization.objects.filter(row__strategic_plan__in=plan_ids, year=year), "row_id", "amount"
    )
    quarter_reports = {
        qr.agency_id: qr
        for qr in QuarterReport.objects.filter(agency__in=[a.pk for a in agencies], year=year, quarter=quarter)
    }
    # Printed figures by quarter report, then by row or indicator, as report_input_for keeps them.
    stated_rows_of: dict[int, dict[int, dict[Stated, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    stated_indicators_of: dict[int, dict[int, dict[Stated, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    evidence_of: dict[int, set[int]] = defaultdict(set)
    if quarter_reports:
        report_ids = [qr.pk for qr in quarter_reports.values()]
        for s in StatedFigure.objects.filter(report__in=report_ids):
            if s.row_id:
                stated_rows_of[s.report_id][s.row_id][Stated(s.key)] = Decimal(s.value)
            else:
                stated_indicators_of[s.report_id][s.indicator_id][Stated(s.key)] = Decimal(s.value)  # type: ignore[index]
        for report_id, row_id in Evidence.objects.filter(report__in=report_ids, removed_at__isnull=True).values_list(
            "report_id", "row_id"
        ):
            evidence_of[report_id].add(row_id)

    none4 = (None, None, None, None)
    no_target = (None, None, "", "", "")
    # An indicator's printed figures belong to its own PD's quarter report: looked up through its row.
    report_of_row: dict[int, int] = {}
    for agency in agencies:
        qr = quarter_reports.get(agency.pk)
        if qr is not None:
            for r in rows_of.get(plans_of[agency.pk].strategic_plan_id, []):
                report_of_row[r[0]] = qr.pk
    no_stated: dict[int, dict[Stated, Decimal]] = {}
    indicators_of: dict[int, list[IndicatorInput]] = defaultdict(list)
    for pk, row_id, name, unit, aggregation, is_default, direction, periodicity, formula, rkpd, strategic in indicators:
        target, prior, action_plan_unit, drivers, obstacles = targets.get(pk, no_target)
        report_id = report_of_row.get(row_id)
        stated = stated_indicators_of[report_id] if report_id in stated_indicators_of else no_stated
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
                quarters=realized.get(pk, none4),
                action_plan=action_plan.get(pk, none4),
                action_plan_unit=action_plan_unit,
                stated=stated.get(pk, {}),
                drivers=drivers,
                obstacles=obstacles,
            )
        )
    no_budget = (None, None, "")
    region_info = _region_info(region)

    out: dict[int, Report] = {}
    for agency in agencies:
        work_plan = plans_of[agency.pk]
        plan = work_plan.strategic_plan
        children_of: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows_of.get(plan.pk, []):
            children_of[row[1]].append(row)

        quarter_report = quarter_reports.get(agency.pk)
        stated_rows = (
            stated_rows_of[quarter_report.pk] if quarter_report and quarter_report.pk in stated_rows_of else no_stated
        )
        stated_indicators = (
            stated_indicators_of[quarter_report.pk]
            if quarter_report and quarter_report.pk in stated_indicators_of
            else no_stated
        )

        def build(
            row: tuple[Any, ...],
            children_of: dict[int | None, list[tuple[Any, ...]]] = children_of,
            stated_rows: dict[int, dict[Stated, Decimal]] = stated_rows,
        ) -> RowInput:
            pk, _parent, level, name, code, strategic_budget, responsible_unit = row
            budget, prior_budget, funding_source = row_budgets.get(pk, no_budget)
            return RowInput(
                key=pk,
                level=_LEVELS[level],
                name=name,
                code=code,
                budget=Budget(
                    strategic=_clean(strategic_budget),
                    prior=_clean(prior_budget),
                    annual=_clean(budget),
                    quarters=spent.get(pk, none4),
                ),
                stated_budget=stated_rows.get(pk, {}),
                indicators=tuple(indicators_of.get(pk, ())),
                children=tuple(build(child) for child in children_of.get(pk, ())),
                funding_source=funding_source,
                responsible_unit=responsible_unit,
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
            agency=_agency_info(agency),
            region=region_info,
            work_plan=WorkPlanInfo(year, work_plan.revision, work_plan.label, plan.start_year, plan.end_year),
            quarter_report=_quarter_info(quarter_report) if quarter_report else None,
            year=year,
            quarter=quarter,
            evidence_rows=frozenset(evidence_of.get(quarter_report.pk, ())) if quarter_report else frozenset(),
        )
        out[agency.pk] = Report(evaluation=evaluate(report_input), context=context)
    return out
