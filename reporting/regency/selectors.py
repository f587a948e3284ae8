"""All PD of a pemda in a fixed number of queries, each PD's E.81 report as it must be shown: computed
from the tables, or the frozen copy once Bappeda approved the quarter.

The reading is ``overview.batch.reports_for_agencies``, the selector's reads made once for a set of PD
(tested equal to ``report_input_for``, input by input), so the E.79 cannot drift from the E.81.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.inputs import Settings
from overview.batch import reports_for_agencies
from planning.models import Agency, Region
from planning.models import RatingBand as RatingBandRow
from reporting.records import AgencyInfo, RegionInfo
from reporting.report import Report
from reporting.selectors import bands_of, settings_of


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


def region_settings(region: Region, year: int) -> Settings:
    """The pemda's settings of ``year``, as ``report_input_for`` builds them (one query)."""
    return settings_of(region, bands_of(RatingBandRow.objects.filter(region=region, year__lte=year)))


def region_info(region: Region) -> RegionInfo:
    return RegionInfo(
        region.slug,
        region.name,
        region.place,
        region.bappeda_head_title,
        region.bappeda_head_name,
        region.bappeda_head_nip,
    )


def regency_reports_for(*, region: Region, year: int, quarter: int) -> RegencyReports:
    """Every PD of ``region`` as of the end of ``quarter`` of ``year``: at most 15 queries whatever the
    number of PD and rows (pinned by ``tests/regency/test_queries.py``)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    agencies = list(Agency.objects.filter(region=region).select_related("region").order_by("name", "pk"))
    loaded = reports_for_agencies(agencies=agencies, year=year, quarters=[quarter])
    reports: list[Report] = []
    missing: list[AgencyInfo] = []
    for agency in agencies:
        report = loaded.reports.get((agency.pk, quarter))
        if report is None:
            missing.append(AgencyInfo(agency.slug, agency.name, agency.head_title, agency.head_name, agency.head_nip))
        else:
            reports.append(report)
    return RegencyReports(
        region=region_info(region),
        year=year,
        quarter=quarter,
        settings=region_settings(region, year),
        reports=tuple(reports),
        approved=frozenset(r.context.agency.slug for r in reports if r.frozen_json is not None),
        without_work_plan=tuple(missing),
    )
