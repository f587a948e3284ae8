"""Bappeda's overview: every PD of a pemda by quarter of a year, in a fixed number of queries.

The figures come from the core's evaluation of each PD (``overview.batch``, ``overview.digests``);
what this module adds is the workflow's standing, the last change and the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from domain.types import Severity, Value
from overview.deadlines import schedule_deadline
from overview.digests import digests_for_agencies
from overview.figures import Filled
from overview.models import ReportingSchedule
from planning.models import Agency, BudgetRealization, Membership, Realization, Region, WorkPlan
from quarters.locks import QUARTER_NAMES
from quarters.models import QuarterReport
from quarters.workflow import quarter_deadline
from reporting.access import agencies_visible_to

NOT_STARTED = "not_started"
STATUS_LABELS = {
    NOT_STARTED: "Belum mulai",
    "draft": "Draf",
    "submitted": "Diajukan",
    "returned": "Dikembalikan",
    "approved": "Disetujui",
}
OPEN = {NOT_STARTED, "draft", "returned"}
"""States in which the PD still owes its report (its deadline counts)."""


@dataclass(frozen=True)
class QuarterCell:
    quarter: int
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def name(self) -> str:
        return QUARTER_NAMES[self.quarter - 1]


@dataclass(frozen=True)
class OverviewLine:
    agency: Agency
    cells: tuple[QuarterCell, ...]
    """The four quarters' standing."""
    status: str
    """The chosen quarter's standing."""
    has_plan: bool
    filled: Filled | None
    findings: dict[Severity, int]
    average: Value
    rating: str | None
    last_change: dt.datetime | None
    deadline: dt.date
    days_left: int
    """Days from today to the deadline; negative once past."""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def late(self) -> bool:
        """The report is still owed and its deadline has passed."""
        return self.status in OPEN and self.days_left < 0

    @property
    def errors(self) -> int:
        return self.findings.get(Severity.ERROR, 0)

    @property
    def warnings(self) -> int:
        return self.findings.get(Severity.WARNING, 0)

    @property
    def notes(self) -> int:
        return self.findings.get(Severity.INFO, 0)

    @property
    def deadline_text(self) -> str:
        if self.status not in OPEN:
            return ""
        if self.days_left > 0:
            return f"{self.days_left} hari lagi"
        if self.days_left == 0:
            return "hari ini"
        return f"lewat {-self.days_left} hari"


@dataclass(frozen=True)
class Filters:
    status: str = ""
    late: bool = False
    errors: bool = False

    def keep(self, line: OverviewLine) -> bool:
        if self.status and line.status != self.status:
            return False
        if self.late and not line.late:
            return False
        return not (self.errors and line.errors == 0)


@dataclass(frozen=True)
class Overview:
    region: Region
    year: int
    quarter: int
    lines: list[OverviewLine]
    total: int
    """PD visible before the filters."""
    counts: dict[str, int] = field(default_factory=dict)
    """PD per standing of the chosen quarter (before the filters)."""

    @property
    def quarter_name(self) -> str:
        return QUARTER_NAMES[self.quarter - 1]


def regions_of(user: Any) -> list[Region]:
    """The pemda a user belongs to (any role), by name; every pemda for a superuser (one query)."""
    if getattr(user, "is_superuser", False):
        return list(Region.objects.order_by("name"))
    return list(Region.objects.filter(memberships__user=user).distinct().order_by("name"))


def region_for_user(user: Any, slug: str) -> Region | None:
    return next((r for r in regions_of(user) if r.slug == slug), None)


def region_wide(user: Any, region: Region) -> bool:
    """Sees every PD of the pemda: Bappeda (verifier, administrator), a reader, or a superuser."""
    if getattr(user, "is_superuser", False):
        return True
    roles = [Membership.Role.VERIFIER, Membership.Role.ADMIN, Membership.Role.READER]
    return Membership.objects.filter(user=user, region=region, role__in=roles).exists()


def years_of(agencies: Iterable[Agency]) -> list[int]:
    """The years with an active Renja among ``agencies``, latest first (one query)."""
    return sorted(
        set(
            WorkPlan.objects.filter(strategic_plan__agency__in=list(agencies), is_active=True).values_list(
                "year", flat=True
            )
        ),
        reverse=True,
    )


def default_quarter(year: int, today: dt.date | None = None) -> int:
    """The quarter whose report is being written now: the last one ended (the current year), else IV."""
    today = today or timezone.localdate()
    if year != today.year:
        return 4
    return max(1, (today.month - 1) // 3)


def _entered(year: int, agency_ids: list[int]) -> dict[tuple[int, int], tuple[int, dt.datetime | None]]:
    """Per (agency, quarter): how many K and Rp values are entered and when the last one changed (two queries)."""
    out: dict[tuple[int, int], tuple[int, dt.datetime | None]] = {}
    for model, path in (
        (Realization, "indicator__row__strategic_plan__agency_id"),
        (BudgetRealization, "row__strategic_plan__agency_id"),
    ):
        for agency_id, quarter, count, last in (
            model.objects.filter(year=year, **{f"{path}__in": agency_ids})
            .values(path, "quarter")
            .order_by()
            .annotate(count=Count("pk"), last=Max("updated_at"))
            .values_list(path, "quarter", "count", "last")
        ):
            before_count, before_last = out.get((agency_id, quarter), (0, None))
            latest = max((t for t in (before_last, last) if t is not None), default=None)
            out[agency_id, quarter] = (before_count + count, latest)
    return out


def overview_for(
    *, user: Any, region: Region, year: int, quarter: int, filters: Filters = Filters(), today: dt.date | None = None
) -> Overview:
    """The overview of ``region``'s PD that ``user`` may see (a PD's operator: its own line), as of
    ``quarter`` of ``year``.  A fixed number of queries whatever the number of PD."""
    today = today or timezone.localdate()
    agencies = list(agencies_visible_to(user).filter(region=region))
    ids = [a.pk for a in agencies]
    loaded = digests_for_agencies(agencies=agencies, year=year, quarters=[quarter])
    documents = {
        (d.agency_id, d.quarter): d for d in QuarterReport.objects.filter(agency__in=ids, year=year)
    }  # all four quarters, for the matrix
    entered = _entered(year, ids)
    schedule = ReportingSchedule.objects.filter(region=region, year=year).first()

    def standing(agency_id: int, q: int) -> str:
        document = documents.get((agency_id, q))
        if document is not None:
            return document.status
        return "draft" if entered.get((agency_id, q), (0, None))[0] else NOT_STARTED

    lines = []
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for agency in agencies:
        digest = loaded.digests.get((agency.pk, quarter))
        document = documents.get((agency.pk, quarter))
        if schedule is not None:
            deadline = schedule_deadline(schedule, quarter)
        else:
            deadline = (document.deadline if document else None) or quarter_deadline(year, quarter)
        changes = [entered.get((agency.pk, quarter), (0, None))[1], document.status_changed_at if document else None]
        line = OverviewLine(
            agency=agency,
            cells=tuple(QuarterCell(q, standing(agency.pk, q)) for q in (1, 2, 3, 4)),
            status=standing(agency.pk, quarter),
            has_plan=digest is not None,
            filled=digest.filled if digest else None,
            findings=digest.severities if digest else {},
            average=digest.average if digest else None,
            rating=digest.rating if digest else None,
            last_change=max((c for c in changes if c is not None), default=None),
            deadline=deadline,
            days_left=(deadline - today).days,
        )
        counts[line.status] += 1
        if filters.keep(line):
            lines.append(line)
    return Overview(region=region, year=year, quarter=quarter, lines=lines, total=len(agencies), counts=counts)
