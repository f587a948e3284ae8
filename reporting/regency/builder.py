"""The regency's evaluation (form E.79): every PD's E.81 lines of programs and kegiatan, grouped
urusan -> bidang -> PD -> program -> kegiatan, with the group's Rp, each PD's average and rating and
the pemda's.

Every figure of a program or kegiatan line is its PD's E.81 figure (frozen once the PD's quarter is
approved); group figures are combined by ``domain.regency``.  Plain records out: renderers, the web
page, the ranking, the early warning and the API consume them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from computed.selectors import ComputedAcross, computed_of_region
from domain.evaluation import ReportRow
from domain.inputs import Settings
from domain.rating import rating
from domain.regency import BudgetTotal, agency_budget, budget_sum, line_budget, pooled_average, program_area
from domain.types import Level, Severity, Value
from planning.models import Region
from reporting.labels import period
from reporting.records import STATUS_LABELS, AgencyInfo, RegionInfo
from reporting.regency.nomenclature import bidang_name, urusan_name
from reporting.regency.selectors import RegencyReports, regency_reports_for
from reporting.report import Report

FORM = "E.79"
TITLE = "Evaluasi terhadap Hasil RKPD Kabupaten/Kota"


class LineKind(StrEnum):
    URUSAN = "urusan"
    BIDANG = "bidang"
    AGENCY = "agency"
    PROGRAM = "program"
    ACTIVITY = "activity"


@dataclass(frozen=True)
class AgencyEntry:
    """One PD on the E.79: its E.81 report as shown (frozen once approved) and what the E.79 prints of it."""

    report: Report
    approved: bool
    budget: BudgetTotal

    @property
    def info(self) -> AgencyInfo:
        return self.report.context.agency

    @property
    def slug(self) -> str:
        return self.info.slug

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def average(self) -> Value:
        return self.report.evaluation.average

    @property
    def average_count(self) -> int:
        return self.report.evaluation.average_count

    @property
    def rating(self) -> str | None:
        return self.report.evaluation.rating

    @property
    def status(self) -> str:
        return self.report.status

    @property
    def status_label(self) -> str:
        """ "Disetujui" (frozen copy), else the quarter's status marked as not yet approved."""
        label = STATUS_LABELS.get(self.status, self.status)
        return label if self.approved or self.status == "draft" else f"{label} (belum disetujui)"

    @property
    def status_line(self) -> str:
        return self.report.status_line

    @property
    def errors(self) -> int:
        return sum(1 for f in self.report.evaluation.findings if f.severity is Severity.ERROR)

    @property
    def findings(self) -> int:
        return len(self.report.evaluation.findings)


@dataclass(frozen=True)
class RegencyLine:
    """One printed line of the E.79.

    Group lines (urusan, bidang, PD) carry ``budget``, the sum of their programs' Rp; program and kegiatan
    lines carry ``line``, the PD's E.81 line (one per indicator, the row's Rp on its first).
    """

    kind: LineKind
    code: str
    name: str
    agency: AgencyEntry | None = None
    line: ReportRow | None = None
    budget: BudgetTotal | None = None
    objective: str = ""  # the sasaran a program serves (E.79 column 2)
    number: str = ""

    @property
    def indicator(self) -> str:
        return self.line.indicator.name if self.line is not None and self.line.indicator else ""

    @property
    def unit(self) -> str:
        return self.line.indicator.unit if self.line is not None and self.line.indicator else ""


@dataclass(frozen=True)
class RegencyReport:
    region: RegionInfo
    year: int
    quarter: int
    settings: Settings
    agencies: tuple[AgencyEntry, ...]
    lines: tuple[RegencyLine, ...]
    budget: BudgetTotal
    average: Value
    average_count: int
    rating: str | None
    without_work_plan: tuple[AgencyInfo, ...] = ()
    # the pemda's computed indicators, each PD's base figures summed before the formula (never an
    # average of percentages): ``computed.selectors.computed_of_region``
    computed: tuple[ComputedAcross, ...] = ()

    @property
    def form(self) -> str:
        return FORM

    @property
    def title(self) -> str:
        return TITLE

    @property
    def period(self) -> str:
        return period(self.year, self.quarter)

    @property
    def approved(self) -> tuple[AgencyEntry, ...]:
        return tuple(a for a in self.agencies if a.approved)

    @property
    def drafts(self) -> tuple[AgencyEntry, ...]:
        return tuple(a for a in self.agencies if not a.approved)

    @property
    def status_line(self) -> str:
        n, ok = len(self.agencies), len(self.approved)
        if n and ok == n:
            return f"Semua {n} PD disetujui Bappeda"
        return f"{ok} dari {n} PD disetujui Bappeda; {n - ok} masih draf (angkanya dapat berubah)"


@dataclass
class _Block:
    """A program of one PD with its kegiatan lines."""

    agency: AgencyEntry
    objective: str
    lines: list[ReportRow]


def regency_report_build(*, region: Region, year: int, quarter: int) -> RegencyReport:
    """The E.79 of ``region`` for ``year`` as of the end of ``quarter`` (a fixed number of queries: the
    PD reports', and one for the computed indicators)."""
    return regency_report_from(
        regency_reports_for(region=region, year=year, quarter=quarter),
        computed=tuple(computed_of_region(region=region, year=year, quarter=quarter)),
    )


def regency_report_from(loaded: RegencyReports, *, computed: tuple[ComputedAcross, ...] = ()) -> RegencyReport:
    """The E.79 of the PD reports ``loaded`` and the combined ``computed`` indicators (pure: no query)."""
    entries = tuple(
        AgencyEntry(report=r, approved=r.context.agency.slug in loaded.approved, budget=agency_budget(r.evaluation))
        for r in loaded.reports
    )
    # urusan -> bidang -> PD slug -> program blocks, in the PD's plan order.
    areas: dict[str, dict[str, dict[str, list[_Block]]]] = defaultdict(lambda: defaultdict(dict))
    for entry in entries:
        for area, block in _blocks(entry):
            urusan, bidang = area
            areas[urusan][bidang].setdefault(entry.slug, []).append(block)

    lines: list[RegencyLine] = []
    program_number = 0
    for urusan in sorted(areas, key=_code_order):
        bidangs = areas[urusan]
        urusan_blocks = [b for by_pd in bidangs.values() for blocks in by_pd.values() for b in blocks]
        lines.append(RegencyLine(LineKind.URUSAN, urusan, urusan_name(urusan), budget=_budget(urusan_blocks)))
        for bidang in sorted(bidangs, key=_code_order):
            by_pd = bidangs[bidang]
            bidang_blocks = [b for blocks in by_pd.values() for b in blocks]
            lines.append(RegencyLine(LineKind.BIDANG, bidang, bidang_name(bidang), budget=_budget(bidang_blocks)))
            for entry in entries:  # PD in name order
                blocks = by_pd.get(entry.slug)
                if not blocks:
                    continue
                lines.append(RegencyLine(LineKind.AGENCY, "", entry.name, agency=entry, budget=_budget(blocks)))
                for block in blocks:
                    program_number += 1
                    for line in block.lines:
                        program = line.level is Level.PROGRAM
                        lines.append(
                            RegencyLine(
                                LineKind.PROGRAM if program else LineKind.ACTIVITY,
                                line.row.code,
                                line.row.name,
                                agency=entry,
                                line=line,
                                objective=block.objective if program and line.first_of_row else "",
                                number=str(program_number) if program and line.first_of_row else "",
                            )
                        )
    average, count = pooled_average((e.report.evaluation for e in entries), loaded.settings.average_cap)
    return RegencyReport(
        region=loaded.region,
        year=loaded.year,
        quarter=loaded.quarter,
        settings=loaded.settings,
        agencies=entries,
        lines=tuple(lines),
        budget=budget_sum(e.budget for e in entries),
        average=average,
        average_count=count,
        rating=rating(average, loaded.settings.bands),
        without_work_plan=loaded.without_work_plan,
        computed=computed,
    )


def _blocks(entry: AgencyEntry) -> list[tuple[tuple[str, str], _Block]]:
    """The PD's programs, each with the urusan and bidang of its code, its sasaran and its kegiatan."""
    out: list[tuple[tuple[str, str], _Block]] = []
    objective = ""
    current: _Block | None = None
    for line in entry.report.evaluation.rows:
        level = line.level
        if level is Level.OBJECTIVE:
            objective = line.row.name
            current = None
        elif level is Level.PROGRAM:
            if line.first_of_row:
                current = _Block(entry, objective, [])
                out.append((program_area(line.row.code), current))
            if current is not None:
                current.lines.append(line)
        elif level is Level.ACTIVITY and current is not None:
            current.lines.append(line)
    return out


def _budget(blocks: list[_Block]) -> BudgetTotal:
    return budget_sum(line_budget(b.lines[0]) for b in blocks)


def _code_order(code: str) -> tuple[int, str]:
    """Codes in numeric order, "X" after the digits, programs without a code last."""
    return (2, "") if not code else (0 if code[0].isdigit() else 1, code)
