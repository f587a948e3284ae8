"""A plan-and-realisation document as plain data: what the demo file and imported sheets become.

Parsers (the demo's YAML, spreadsheet importers) produce a ``PlanDocument``; the service
``planning.services.documents.document_load`` validates it and writes it.  No Django here.
Figures are ``Decimal`` or ``None`` (blank); statements keep their printed text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from domain.inputs import Stated
from domain.types import NO_QUARTERS, Aggregation, Direction, Level, Periodicity, Quarters


@dataclass
class Source:
    """Where a figure came from, recorded with the data it produced."""

    file: str = ""
    checksum: str = ""
    sheet: str = ""
    row: int | None = None

    def describe(self) -> str:
        parts = [self.file]
        if self.checksum:
            parts.append(f"sha256:{self.checksum[:12]}")
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        return ", ".join(p for p in parts if p)


@dataclass
class IndicatorDoc:
    name: str
    unit: str = ""
    aggregation: Aggregation | None = None  # None: the default of DOMAIN.md section 4 applies
    direction: Direction = Direction.POSITIVE
    periodicity: Periodicity = Periodicity.QUARTERLY
    formula: str = ""
    refers_to_rkpd: bool = False
    strategic_target: Decimal | None = None
    prior_realization: Decimal | None = None
    target: Decimal | None = None
    quarters: Quarters = NO_QUARTERS
    action_plan: Quarters = NO_QUARTERS
    action_plan_unit: str = ""
    stated: dict[Stated, str] = field(default_factory=dict)
    drivers: str = ""
    obstacles: str = ""
    source: Source | None = None


@dataclass
class RowDoc:
    level: Level
    name: str
    code: str = ""
    responsible_unit: str = ""
    funding_source: str = ""
    strategic_budget: Decimal | None = None
    prior_budget: Decimal | None = None
    budget: Decimal | None = None
    budget_quarters: Quarters = NO_QUARTERS
    stated_budget: dict[Stated, str] = field(default_factory=dict)
    indicators: list[IndicatorDoc] = field(default_factory=list)
    children: list[RowDoc] = field(default_factory=list)
    source: Source | None = None


@dataclass
class RegionDoc:
    slug: str
    name: str
    kind: str = "kabupaten"
    place: str = ""
    settings: dict[str, str | None] = field(default_factory=dict)
    rating_bands: dict[int, list[tuple[Decimal | None, str]]] = field(default_factory=dict)


@dataclass
class AgencyDoc:
    slug: str
    name: str
    short_name: str = ""
    head_name: str = ""
    head_nip: str = ""
    head_title: str = ""


@dataclass
class ReportDoc:
    """The quarterly document itself: which quarter it reports, its texts and printed summary."""

    quarter: int
    drivers: str = ""
    obstacles: str = ""
    follow_up_quarter: str = ""
    follow_up_renja: str = ""
    stated_average: str = ""
    stated_rating: str = ""


@dataclass
class PlanDocument:
    region: RegionDoc
    agency: AgencyDoc
    strategic_start: int
    strategic_end: int
    year: int
    revision: int = 0
    work_plan_label: str = ""
    report: ReportDoc | None = None
    tree: list[RowDoc] = field(default_factory=list)
    source: Source = field(default_factory=Source)

    def walk(self) -> list[tuple[RowDoc | None, RowDoc]]:
        """(parent, row) pairs in document order."""
        out: list[tuple[RowDoc | None, RowDoc]] = []

        def visit(parent: RowDoc | None, rows: list[RowDoc]) -> None:
            for row in rows:
                out.append((parent, row))
                visit(row, row.children)

        visit(None, self.tree)
        return out
