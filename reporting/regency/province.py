"""A province (or a hosted service of many pemda): each pemda's E.79 summary and the roll-up over all.

One pemda at a time (``regency_report_build``: a fixed number of queries each, whatever its number of
PD), keeping only its summary, so memory stays that of the largest pemda however many there are.  The
province's average is the mean of every program achievement of every PD (each capped by its own pemda),
added up exactly and divided once; its Rp the sum of the pemda's.  The predikat uses Permendagri
86/2017's bands: each pemda has its own, a province has none of its own in Kinerja.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.rating import DEFAULT_BANDS, rating
from domain.regency import BudgetTotal, basis_total, budget_sum
from domain.types import Value
from planning.models import Region
from reporting.records import RegionInfo
from reporting.regency.builder import regency_report_build


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
    summaries = []
    for region in regions:
        e79 = regency_report_build(region=region, year=year, quarter=quarter)
        total, count = basis_total((a.report.evaluation for a in e79.agencies), e79.settings.average_cap)
        summaries.append(
            RegionSummary(
                region=e79.region,
                agencies=len(e79.agencies),
                approved=len(e79.approved),
                average=e79.average,
                rating=e79.rating,
                budget=e79.budget,
                basis_sum=total,
                basis_count=count,
            )
        )
    count = sum(s.basis_count for s in summaries)
    average = sum((s.basis_sum for s in summaries), Decimal(0)) / count if count else None
    return ProvinceRollup(
        year=year,
        quarter=quarter,
        regions=tuple(summaries),
        average=average,
        average_count=count,
        rating=rating(average, DEFAULT_BANDS),
        budget=budget_sum(s.budget for s in summaries),
    )
