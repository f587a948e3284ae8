"""The early warning of a pemda or one PD: ``domain.early_warning`` applied to every indicator with a
Rencana Aksi and every program of the PD's E.81 reports (as shown: frozen once approved)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.early_warning import (
    DEFAULT_THRESHOLDS,
    BudgetWarning,
    IndicatorWarning,
    Reason,
    Thresholds,
    budget_warning,
    has_quarterly_targets,
    indicator_warning,
)
from domain.evaluation import ReportRow
from domain.types import Level
from reporting.records import AgencyInfo
from reporting.report import Report

REASON_TEXT = {
    Reason.NOT_REPORTED: "direncanakan tetapi belum dilaporkan",
    Reason.BEHIND_PLAN: "realisasi s.d. triwulan ini di bawah Rencana Aksi",
    Reason.PROJECTED_SHORT: "proyeksi akhir tahun di bawah target",
    Reason.BUDGET_BEHIND: "serapan anggaran tertinggal dari rencana",
    Reason.BUDGET_OVERRUN: "realisasi anggaran melebihi pagu",
    Reason.SPENT_WITHOUT_PROGRESS: "anggaran terserap sesuai rencana tetapi kinerja tertinggal",
}
METHOD_TEXT = {
    "plan_ratio": "rasio terhadap Rencana Aksi s.d. triwulan ini",
    "run_rate": "laju linear (s.d. triwulan ini x 4 / triwulan)",
    "last": "nilai terakhir",
    "mean": "rata-rata s.d. triwulan ini",
    "max": "nilai tertinggi s.d. triwulan ini",
}
CHILDREN_AT_RISK = "separuh atau lebih indikator kegiatan/sub kegiatannya berisiko"


@dataclass(frozen=True)
class IndicatorRisk:
    agency: AgencyInfo
    line: ReportRow
    program: str  # the program the line belongs to ("" for a sasaran)
    warning: IndicatorWarning

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(REASON_TEXT[r] for r in self.warning.reasons)

    @property
    def method(self) -> str:
        return METHOD_TEXT[self.warning.method.value] if self.warning.method else ""


@dataclass(frozen=True)
class ProgramRisk:
    agency: AgencyInfo
    line: ReportRow  # the program's first E.81 line
    budget: BudgetWarning
    own_at_risk: int  # the program's own indicators at risk
    children_at_risk: int  # its kegiatan and sub kegiatan indicators at risk
    children_assessed: int

    @property
    def reasons(self) -> tuple[str, ...]:
        out = []
        if self.own_at_risk:
            out.append(f"{self.own_at_risk} indikator program berisiko")
        if self.children_assessed and 2 * self.children_at_risk >= self.children_assessed:
            out.append(f"{CHILDREN_AT_RISK} ({self.children_at_risk} dari {self.children_assessed})")
        out.extend(REASON_TEXT[r] for r in self.budget.reasons)
        return tuple(out)

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class EarlyWarning:
    quarter: int
    thresholds: Thresholds
    indicators: tuple[IndicatorRisk, ...]
    """Every indicator with quarterly targets, assessed; ``at_risk`` those with a reason."""
    programs: tuple[ProgramRisk, ...]

    @property
    def indicators_at_risk(self) -> tuple[IndicatorRisk, ...]:
        return tuple(i for i in self.indicators if i.warning.at_risk)

    @property
    def programs_at_risk(self) -> tuple[ProgramRisk, ...]:
        return tuple(p for p in self.programs if p.at_risk)

    def of_agency(self, slug: str) -> EarlyWarning:
        return EarlyWarning(
            self.quarter,
            self.thresholds,
            tuple(i for i in self.indicators if i.agency.slug == slug),
            tuple(p for p in self.programs if p.agency.slug == slug),
        )


def _blocks(report: Report) -> list[tuple[ReportRow | None, list[ReportRow]]]:
    """The report's lines cut at each sasaran and program: (the program's first line or None, lines)."""
    blocks: list[tuple[ReportRow | None, list[ReportRow]]] = [(None, [])]
    for line in report.evaluation.rows:
        if line.level in (Level.OBJECTIVE, Level.PROGRAM) and line.first_of_row:
            blocks.append((line if line.level is Level.PROGRAM else None, []))
        blocks[-1][1].append(line)
    return blocks


def early_warning(reports: Iterable[Report], *, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> EarlyWarning:
    """The early warning of ``reports`` (all of one quarter), as of the end of their quarter."""
    indicators: list[IndicatorRisk] = []
    programs: list[ProgramRisk] = []
    quarter = 4
    for report in reports:
        quarter = report.context.quarter
        agency = report.context.agency
        negative_formula = report.evaluation.settings.negative_formula
        for program, lines in _blocks(report):
            own: list[IndicatorWarning] = []
            children: list[IndicatorWarning] = []
            for line in lines:
                indicator = line.indicator
                if indicator is None or not has_quarterly_targets(indicator.action_plan):
                    continue
                warning = indicator_warning(
                    quarters=indicator.quarters,
                    action_plan=indicator.action_plan,
                    aggregation=indicator.aggregation,
                    target=indicator.target,
                    upto=quarter,
                    direction=indicator.direction,
                    negative_formula=negative_formula,
                    thresholds=thresholds,
                )
                (own if line.level is Level.PROGRAM else children).append(warning)
                indicators.append(IndicatorRisk(agency, line, program.row.name if program else "", warning))
            if program is None:
                continue
            q = program.quarters
            budget = budget_warning(
                budget=program.annual_target.budget,
                quarters=(q[0].budget, q[1].budget, q[2].budget, q[3].budget),
                upto=quarter,
                thresholds=thresholds,
                indicator_behind=any(w.at_risk for w in own),
            )
            programs.append(
                ProgramRisk(
                    agency=agency,
                    line=program,
                    budget=budget,
                    own_at_risk=sum(1 for w in own if w.at_risk),
                    children_at_risk=sum(1 for w in children if w.at_risk),
                    children_assessed=len(children),
                )
            )
    return EarlyWarning(quarter, thresholds, tuple(indicators), tuple(programs))
