"""The plain records around an evaluation that renderers print: who, which plan, which document.

Plain frozen values, not model instances, so that a report can be rebuilt byte for byte from the
frozen copy kept at approval (``reporting.frozen``) whatever has changed in the tables since.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATUS_LABELS = {"draft": "Draf", "submitted": "Diajukan", "returned": "Dikembalikan", "approved": "Disetujui"}


@dataclass(frozen=True)
class AgencyInfo:
    slug: str
    name: str
    head_title: str = ""
    head_name: str = ""
    head_nip: str = ""


@dataclass(frozen=True)
class RegionInfo:
    slug: str
    name: str
    place: str = ""
    bappeda_head_title: str = ""
    bappeda_head_name: str = ""
    bappeda_head_nip: str = ""


@dataclass(frozen=True)
class WorkPlanInfo:
    year: int
    revision: int
    label: str
    start_year: int
    end_year: int

    def __str__(self) -> str:
        suffix = " (murni)" if self.revision == 0 else f" (perubahan {self.revision})"
        return f"Renja {self.year}{suffix}"

    @property
    def title(self) -> str:
        return self.label or str(self)


@dataclass(frozen=True)
class QuarterInfo:
    """The quarter's document as entered: status, narratives, signature places and dates, printed figures."""

    status: str = "draft"
    drivers: str = ""
    obstacles: str = ""
    follow_up_quarter: str = ""
    follow_up_renja: str = ""
    prepared_place: str = ""
    prepared_on: dt.date | None = None
    evaluated_place: str = ""
    evaluated_on: dt.date | None = None
    stated_average: str = ""
    stated_rating: str = ""


@dataclass(frozen=True)
class Approval:
    """Bappeda's approval as printed on every page: "Disetujui <tanggal> oleh <nama>" and the hash."""

    approved_at: dt.datetime
    approved_by: str
    sha256: str = ""  # of the frozen JSON's bytes; empty while the JSON itself is being made

    @property
    def line(self) -> str:
        from django.utils import timezone

        local = timezone.localtime(self.approved_at)
        return f"Disetujui {local:%d-%m-%Y %H:%M} oleh {self.approved_by}"


@dataclass(frozen=True)
class ReportContext:
    agency: AgencyInfo
    region: RegionInfo
    work_plan: WorkPlanInfo
    quarter_report: QuarterInfo | None
    year: int
    quarter: int
    approval: Approval | None = None
    evidence_rows: frozenset[int] = frozenset()
    """Plan rows (ids) with bukti dukung in the quarter: the HTML report and the PDF mark them."""
