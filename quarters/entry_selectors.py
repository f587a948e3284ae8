"""What the entry screen shows: the report's lines as of the quarter, with what the screen needs beside
each figure (who saved it and its version, the line's note, its findings).

A fixed number of queries whatever the number of rows (tested): the report's own, plus one each for
the quarter's K and Rp versions, the computed indicators (``computed.guard``), the line notes and the
explanations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from computed.guard import agency_formulas, figures_path
from domain.evaluation import ReportRow
from domain.findings import Finding, finding_key, walk
from domain.types import Level, Severity
from planning.models import BudgetRealization, Realization
from quarters.access import QuarterAccess
from quarters.models import Evidence, FindingExplanation, LineNote
from quarters.review_selectors import rows_needing_correction
from reporting.finding_text import finding_message
from reporting.report import Report, report_for_quarter

_DEPTH = {Level.OBJECTIVE: 0, Level.PROGRAM: 1, Level.ACTIVITY: 2, Level.SUB_ACTIVITY: 3}


@dataclass(frozen=True)
class Saved:
    """Who last saved a quarter value, and the version the screen sends back with a change."""

    version: str = ""
    by: str = ""


@dataclass(frozen=True)
class EntryFinding:
    key: str
    severity: str
    message: str
    column: str
    explanation: str = ""


@dataclass(frozen=True)
class ComputedMark:
    """A computed indicator's K: not typed here but computed from the base figures of ``figures_url``."""

    formula: str
    figures_url: str


@dataclass
class EntryLine:
    line: ReportRow
    key: str  # DOM id: "l<row>-<indicator or 0>"
    depth: int
    k_saved: Saved | None  # None: no K on this line (no indicator)
    rp_saved: Saved | None  # None: Rp not entered here (a parent's is the sum of its children)
    note: LineNote | None
    quarter: int
    findings: list[EntryFinding] = field(default_factory=list)
    correction: str | None = None  # Bappeda marked the line "perlu perbaikan", with this note
    evidence: int | None = None  # files backing the row in this quarter (None: not on this line)
    computed: ComputedMark | None = None  # the indicator's K is computed from base figures

    @property
    def row_id(self) -> Any:
        return self.line.row.key

    @property
    def indicator_id(self) -> Any:
        return self.line.indicator.key if self.line.indicator else None

    @property
    def k_now(self) -> Any:
        """The K typed for the screen's quarter (None: blank)."""
        return self.line.quarters[self.quarter - 1].value

    @property
    def rp_now(self) -> Any:
        return self.line.quarters[self.quarter - 1].budget

    @property
    def errors(self) -> list[EntryFinding]:
        return [f for f in self.findings if f.severity == Severity.ERROR.value]


@dataclass
class EntryScreen:
    access: QuarterAccess
    report: Report
    lines: list[EntryLine]
    general_findings: list[EntryFinding]  # about the whole report (the average, column 6...)
    counts: dict[str, int]  # findings by severity
    unexplained: int  # error findings without the PD's explanation
    figures_url: str | None = None  # the quarter's base figures page, when the PD has computed indicators

    @property
    def corrections(self) -> int:
        """Lines Bappeda asked the PD to correct."""
        return sum(1 for line in self.lines if line.correction is not None)

    @property
    def quarter_index(self) -> int:
        return self.access.quarter - 1


def line_key(row_id: Any, indicator_id: Any) -> str:
    return f"l{row_id}-{indicator_id or 0}"


def _budget_leaf(line: ReportRow) -> bool:
    """Rp is typed on the first line of a row that carries budget and has no budget rows under it."""
    row = line.row
    return (
        line.first_of_row and row.level.carries_budget and not any(child.level.carries_budget for child in row.children)
    )


def entry_screen(access: QuarterAccess, *, report: Report | None = None) -> EntryScreen:
    """The screen's read model; ``report`` may be passed when the caller already built it."""
    report = report or report_for_quarter(agency=access.agency, year=access.year, quarter=access.quarter)
    q = access.quarter
    year = access.year
    live = report.frozen_json is None
    k_saved: dict[Any, Saved] = {}
    rp_saved: dict[Any, Saved] = {}
    notes: dict[Any, LineNote] = {}
    explained: dict[str, str] = {}
    formulas = agency_formulas(access.agency)
    figures_url = figures_path(slug=access.agency.slug, year=year, quarter=q)
    if live:
        indicator_ids = [r.indicator.key for r in report.evaluation.rows if r.indicator]
        row_ids = [r.row.key for r in report.evaluation.rows if r.first_of_row]
        for owner, at, by in Realization.objects.filter(
            indicator_id__in=indicator_ids, year=year, quarter=q
        ).values_list("indicator_id", "updated_at", "updated_by__username"):
            k_saved[owner] = Saved(at.isoformat(), by or "")
        for owner, at, by in BudgetRealization.objects.filter(row_id__in=row_ids, year=year, quarter=q).values_list(
            "row_id", "updated_at", "updated_by__username"
        ):
            rp_saved[owner] = Saved(at.isoformat(), by or "")
    corrections: dict[tuple[Any, Any], str] = {}
    evidence: dict[Any, int] = {}
    if access.report.pk:
        notes = {n.indicator_id: n for n in LineNote.objects.filter(report=access.report)}
        explained = dict(FindingExplanation.objects.filter(report=access.report).values_list("key", "text"))
        corrections = rows_needing_correction(access.report)
        evidence = dict(
            Evidence.objects.filter(report=access.report, removed_at__isnull=True)
            .values("row_id")
            .annotate(n=Count("id"))
            .values_list("row_id", "n")
        )

    by_line: dict[tuple[str, str | None], list[EntryFinding]] = defaultdict(list)
    general: list[EntryFinding] = []
    counts = {s.value: 0 for s in Severity}
    unexplained = 0
    for cause in report.evaluation.findings:
        item = _entry_finding(cause, explained)
        counts[item.severity] += 1
        if item.severity == Severity.ERROR.value and not item.explanation:
            unexplained += 1
        # A cause and each of its consequences are shown beside their own lines.
        for finding in walk([cause]):
            shown = item if finding is cause else _entry_finding(finding, explained)
            if finding.row:
                by_line[(finding.row, finding.indicator)].append(shown)
            else:
                general.append(shown)

    lines = []
    for line in report.evaluation.rows:
        ind = line.indicator
        items = list(by_line.get((line.row.name, ind.name if ind else None), ()))
        if line.first_of_row and ind is not None:  # a row's own findings (Rp) on its first line
            items += by_line.get((line.row.name, None), [])
        lines.append(
            EntryLine(
                line=line,
                key=line_key(line.row.key, ind.key if ind else None),
                depth=_DEPTH.get(line.level, 0),
                k_saved=k_saved.get(ind.key, Saved()) if ind is not None else None,
                rp_saved=rp_saved.get(line.row.key, Saved()) if _budget_leaf(line) else None,
                note=notes.get(ind.key) if ind is not None else None,
                quarter=q,
                findings=items,
                correction=corrections.get((line.row.key, ind.key if ind else None))
                or (corrections.get((line.row.key, None)) if line.first_of_row else None),
                evidence=evidence.get(line.row.key, 0) if line.first_of_row else None,
                computed=ComputedMark(formulas[ind.key], figures_url)
                if ind is not None and ind.key in formulas
                else None,
            )
        )
    return EntryScreen(
        access=access, report=report, lines=lines, general_findings=general, counts=counts, unexplained=unexplained,
        figures_url=figures_url if formulas else None,
    )  # fmt: skip


def _entry_finding(finding: Finding, explained: dict[str, str]) -> EntryFinding:
    key = finding_key(finding)
    return EntryFinding(
        key=key,
        severity=finding.severity.value,
        message=finding_message(finding),
        column=finding.column or "",
        explanation=explained.get(key, ""),
    )


def line_signature(line: EntryLine) -> tuple[Any, ...]:
    """What the screen shows of a line's computed figures: a line whose signature changed is sent again."""
    r = line.line
    return (
        r.quarters,
        r.annual_realization,
        r.annual_achievement,
        r.cumulative_realization,
        r.cumulative_achievement,
        tuple(f.message for f in line.findings),
    )
