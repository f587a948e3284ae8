"""Many PD's reports at once: the reads of ``reporting.selectors.report_input_for``, each made once for
a whole set of agencies instead of once per agency, so Bappeda's overview and the dashboards run a fixed
number of queries however many PD the pemda has.

The plain values handed to the core are built exactly as ``report_input_for`` builds them (a test
compares the two, input by input and context by context, on the demo and on a synthetic regency), and
the core's ``evaluate`` computes every figure.  An approved quarter is drawn from its frozen copy, as
``report_for_quarter`` does, so the overview shows what was approved.

Why not counts stored on ``QuarterReport``: every write path (entry, paste, import, amendment, pemda
settings, rating bands) would have to refresh them, and a stale count is worse than a slower page; the
batched evaluation is always right and costs the core's own time (about 30 ms per 300-line PD).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.evaluation import evaluate
from domain.inputs import ReportInput, Stated
from domain.numbers import to_decimal
from planning.models import (
    Agency,
    BudgetRealization,
    Indicator,
    PlanRow,
    QuarterlyTarget,
    Realization,
    WorkPlan,
    WorkPlanIndicator,
    WorkPlanRow,
)
from planning.models import RatingBand as RatingBandRow
from quarters.models import ApprovedReport, Evidence, QuarterReport, StatedFigure
from reporting.frozen import report_from_frozen
from reporting.records import AgencyInfo, RegionInfo, ReportContext, WorkPlanInfo
from reporting.report import Report

# The selector's own converters: the same text-to-Decimal reading and storage-scale cleaning, so a
# batched input equals the single one value for value.
from reporting.selectors import (
    _by_quarter,
    _quarter_info,
    bands_of,
    indicator_inputs,
    plan_tree,
    settings_of,
)

Key = tuple[int, int]
"""(agency id, quarter)."""


@dataclass(frozen=True)
class Inputs:
    """What one batch read, not yet evaluated: per (agency, quarter) the core's inputs and the records
    around them, or the frozen copy of an approved quarter (no Renja: absent from both); and the
    quarter documents that exist (unsaved quarters have none)."""

    live: dict[Key, tuple[ReportInput, ReportContext]]
    frozen: dict[Key, ApprovedReport]
    documents: dict[Key, QuarterReport]

    def keys(self) -> set[Key]:
        return set(self.live) | set(self.frozen)


@dataclass(frozen=True)
class Loaded:
    """Each agency's report per quarter (no Renja: absent), and the quarter documents that exist."""

    reports: dict[Key, Report]
    documents: dict[Key, QuarterReport]


def reports_for_agencies(*, agencies: Iterable[Agency], year: int, quarters: Iterable[int]) -> Loaded:
    """Evaluate every agency in ``agencies`` (with ``region`` selected) for each quarter of ``quarters``
    of ``year``, as of the end of that quarter; an approved quarter from its frozen copy."""
    inputs = inputs_for_agencies(agencies=agencies, year=year, quarters=quarters)
    reports = {key: report_from_frozen(copy) for key, copy in inputs.frozen.items()}
    for key, (report_input, context) in inputs.live.items():
        reports[key] = Report(evaluation=evaluate(report_input, explained=False), context=context)
    return Loaded(reports=reports, documents=inputs.documents)


def inputs_for_agencies(*, agencies: Iterable[Agency], year: int, quarters: Iterable[int]) -> Inputs:
    """Read every agency in ``agencies`` (with ``region`` selected) for each quarter of ``quarters`` of
    ``year``, as of the end of that quarter.  At most 13 queries whatever the number of agencies and rows (fewer when no quarter document exists)."""
    agencies = list(agencies)
    wanted = sorted(set(quarters))
    by_id = {a.pk: a for a in agencies}
    work_plans: dict[int, WorkPlan] = {}
    for wp in (
        WorkPlan.objects.select_related("strategic_plan")
        .filter(strategic_plan__agency__in=list(by_id), year=year, is_active=True)
        .order_by("-revision")
    ):
        work_plans.setdefault(wp.strategic_plan.agency_id, wp)
    plan_ids = [wp.strategic_plan_id for wp in work_plans.values()]
    wp_ids = [wp.pk for wp in work_plans.values()]
    documents = {
        (d.agency_id, d.quarter): d
        for d in QuarterReport.objects.filter(agency__in=list(by_id), year=year, quarter__in=wanted)
    }
    if not work_plans:
        return Inputs(live={}, frozen={}, documents=documents)

    regions = {a.region_id for a in agencies}
    band_rows = list(RatingBandRow.objects.filter(region__in=regions, year__lte=year))
    rows_of: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for r in (
        PlanRow.objects.filter(strategic_plan__in=plan_ids)
        .order_by("position", "pk")
        .values_list(
            "strategic_plan_id", "pk", "parent_id", "level", "name", "code", "strategic_budget", "responsible_unit"
        )
    ):
        rows_of[r[0]].append(r[1:])
    indicators_of_plan: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for i in (
        Indicator.objects.filter(row__strategic_plan__in=plan_ids)
        .order_by("row_id", "position", "pk")
        .values_list(
            "row__strategic_plan_id", "pk", "row_id", "name", "unit", "aggregation", "aggregation_is_default",
            "direction", "periodicity", "formula", "refers_to_rkpd", "strategic_target",
        )
    ):  # fmt: skip
        indicators_of_plan[i[0]].append(i[1:])  # by plan: each PD reads its own, not all PD's (was quadratic)
    row_budgets = {
        r[0]: r[1:]
        for r in WorkPlanRow.objects.filter(work_plan__in=wp_ids).values_list(
            "row_id", "budget", "prior_budget", "funding_source"
        )
    }
    targets = {
        t[0]: t[1:]
        for t in WorkPlanIndicator.objects.filter(work_plan__in=wp_ids).values_list(
            "indicator_id", "target", "prior_realization", "action_plan_unit", "drivers", "obstacles"
        )
    }
    action_plan = _by_quarter(QuarterlyTarget.objects.filter(work_plan__in=wp_ids), "indicator_id", "value")
    realized = _by_quarter(
        Realization.objects.filter(indicator__row__strategic_plan__in=plan_ids, year=year), "indicator_id", "value"
    )
    spent = _by_quarter(
        BudgetRealization.objects.filter(row__strategic_plan__in=plan_ids, year=year), "row_id", "amount"
    )
    doc_ids = [d.pk for d in documents.values()]
    stated_rows: dict[int, dict[int, dict[Stated, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    stated_indicators: dict[int, dict[int, dict[Stated, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for s in StatedFigure.objects.filter(report__in=doc_ids):
        target = stated_rows[s.report_id][s.row_id] if s.row_id else stated_indicators[s.report_id][s.indicator_id]  # type: ignore[index]
        target[Stated(s.key)] = Decimal(s.value)
    evidence: dict[int, set[int]] = defaultdict(set)
    for report_id, row_id in Evidence.objects.filter(report__in=doc_ids, removed_at__isnull=True).values_list(
        "report_id", "row_id"
    ):
        evidence[report_id].add(row_id)
    approved_ids = [d.pk for d in documents.values() if d.status == QuarterReport.Status.APPROVED]
    frozen = {
        a.report_id: a
        for a in ApprovedReport.objects.filter(report__in=approved_ids, superseded_at__isnull=True).order_by(
            "approved_at", "id"
        )
    }  # ascending: the latest current copy wins, as ``approved_report_of`` picks it

    live: dict[Key, tuple[ReportInput, ReportContext]] = {}
    frozen_of: dict[Key, ApprovedReport] = {}
    for agency_id, wp in work_plans.items():
        agency = by_id[agency_id]
        region = agency.region
        plan = wp.strategic_plan
        settings = settings_of(region, bands_of(b for b in band_rows if b.region_id == region.pk))
        plan_rows = rows_of.get(plan.pk, [])
        children_of: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
        for row in plan_rows:
            children_of[row[1]].append(row)
        for quarter in wanted:
            document = documents.get((agency_id, quarter))
            if document is not None and document.pk in frozen:
                frozen_of[agency_id, quarter] = frozen[document.pk]
                continue
            doc_id = document.pk if document is not None else None
            s_rows = stated_rows.get(doc_id, {}) if doc_id else {}
            s_inds = stated_indicators.get(doc_id, {}) if doc_id else {}
            indicators_of = indicator_inputs(indicators_of_plan[plan.pk], targets, realized, action_plan, s_inds)

            stated_average = document.stated_average if document else ""
            report_input = ReportInput(
                year=year,
                quarter=quarter,
                roots=plan_tree(children_of, indicators_of, s_rows, row_budgets, spent),
                settings=settings,
                first_strategic_year=plan.start_year,
                stated_average=to_decimal(stated_average) if stated_average else None,
                stated_rating=(document.stated_rating or None) if document else None,
                has_statements=bool(document and (stated_average or s_rows or s_inds)),
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
                work_plan=WorkPlanInfo(year, wp.revision, wp.label, plan.start_year, plan.end_year),
                quarter_report=_quarter_info(document) if document else None,
                year=year,
                quarter=quarter,
                evidence_rows=frozenset(evidence.get(doc_id, ())) if doc_id else frozenset(),
            )
            live[agency_id, quarter] = (report_input, context)
    return Inputs(live=live, frozen=frozen_of, documents=documents)
