"""A province (or a hosted service of many pemda): each pemda's E.79 summary and the roll-up over all.

The summary of a pemda is what its E.79 prints at the top: how many PD (with a Renja of the year) and how
many approved, the pooled average and its rating, the Rp, and the sum and count of the achievements the
average is the mean of.  The province's average is the mean of every program achievement of every PD
(each capped by its own pemda), added up exactly and divided once; its Rp the sum of the pemda's.  The
predikat uses Permendagri 86/2017's bands: each pemda has its own, a province has none of its own.

Cost: the roll-up reads each pemda's PD in one batch (``overview.batch.inputs_for_agencies``, the same
reads as the E.79), keeps only each PD's figures and forgets its evaluation before the next pemda, so
memory stays that of the largest pemda.  It does not build the E.79: no urusan/bidang/program lines,
and no checks, findings or cell explanations, which no summary shows and which are most of the core's
time per PD (``domain.explanations``).  The figures come from the core's figures-only entry point
(``domain.evaluation.figures``: rows, budgets, achievements, average), the same values ``evaluate``
returns; an approved PD's from its frozen copy, as on the E.79.  ``tests/regency/test_province_summary.py``
compares every figure with the full E.79 of each pemda (``regency_summary_of``).

Queries: one for the PD of every pemda, then per pemda one for its settings and at most 13 for its PD's
figures (``inputs_for_agencies``), whatever its number of PD and rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from domain.evaluation import Evaluation, figures
from domain.inputs import ReportInput
from domain.rating import DEFAULT_BANDS, rating
from domain.regency import BudgetTotal, agency_budget, basis_total, budget_sum, pooled_average
from domain.types import Value
from overview.batch import inputs_for_agencies
from planning.models import Agency, Region
from reporting.frozen import report_from_frozen
from reporting.records import RegionInfo
from reporting.regency.builder import RegencyReport
from reporting.regency.selectors import region_info, region_settings


@dataclass(frozen=True)
class RegionSummary:
    region: RegionInfo
    agencies: int
    approved: int
    average: Value
    rating: str | None
    budget: BudgetTotal
    basis_sum: Decimal
    basis_count: int


@dataclass(frozen=True)
class ProvinceRollup:
    year: int
    quarter: int
    regions: tuple[RegionSummary, ...]
    average: Value
    average_count: int
    rating: str | None
    budget: BudgetTotal

    @property
    def agencies(self) -> int:
        return sum(r.agencies for r in self.regions)


def province_rollup(*, regions: Iterable[Region], year: int, quarter: int) -> ProvinceRollup:
    """The roll-up of ``regions`` (in that order) for ``year`` as of the end of ``quarter``."""
    summaries = tuple(region_summaries(regions=regions, year=year, quarter=quarter))
    count = sum(s.basis_count for s in summaries)
    average = sum((s.basis_sum for s in summaries), Decimal(0)) / count if count else None
    return ProvinceRollup(
        year=year,
        quarter=quarter,
        regions=summaries,
        average=average,
        average_count=count,
        rating=rating(average, DEFAULT_BANDS),
        budget=budget_sum(s.budget for s in summaries),
    )


def region_summaries(*, regions: Iterable[Region], year: int, quarter: int) -> Iterator[RegionSummary]:
    """Each pemda's summary, one pemda at a time (its PD's figures are dropped before the next)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    regions = list(regions)
    agencies_of: dict[int, list[Agency]] = defaultdict(list)
    # In the E.79's order (``regency_reports_for``): the pooled sums add up in the same order.
    for agency in (
        Agency.objects.filter(region__in=[r.pk for r in regions]).select_related("region").order_by("name", "pk")
    ):
        agencies_of[agency.region_id].append(agency)
    for region in regions:
        yield _summary(region, agencies_of.get(region.pk, []), year, quarter)


def _summary(region: Region, agencies: list[Agency], year: int, quarter: int) -> RegionSummary:
    settings = region_settings(region, year)
    inputs = inputs_for_agencies(agencies=agencies, year=year, quarters=[quarter])
    evaluations: list[Evaluation] = []
    approved = 0
    for agency in agencies:
        key = (agency.pk, quarter)
        if key in inputs.frozen:
            evaluations.append(report_from_frozen(inputs.frozen[key]).evaluation)
            approved += 1
        elif key in inputs.live:
            evaluations.append(_figures(inputs.live[key][0]))
    average, _count = pooled_average(evaluations, settings.average_cap)
    total, count = basis_total(evaluations, settings.average_cap)
    return RegionSummary(
        region=region_info(region),
        agencies=len(evaluations),
        approved=approved,
        average=average,
        rating=rating(average, settings.bands),
        budget=budget_sum(agency_budget(e) for e in evaluations),
        basis_sum=total,
        basis_count=count,
    )


def _figures(report: ReportInput) -> Evaluation:
    """The figures of ``evaluate(report)`` (rows, average, rating) without its findings and explanations:
    enough for ``domain.regency``'s sums, never shown as a report (it has no findings)."""
    return figures(report).evaluation(report)


def regency_summary_of(e79: RegencyReport) -> RegionSummary:
    """The summary read off a pemda's full E.79 (the reference the roll-up is tested equal to)."""
    total, count = basis_total((a.report.evaluation for a in e79.agencies), e79.settings.average_cap)
    return RegionSummary(
        region=e79.region,
        agencies=len(e79.agencies),
        approved=len(e79.approved),
        average=e79.average,
        rating=e79.rating,
        budget=e79.budget,
        basis_sum=total,
        basis_count=count,
    )
