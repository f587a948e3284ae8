"""What Bappeda reads while verifying: the inbox of submitted quarters, one quarter's verification page,
the rows marked for correction, and what changed since the last approved copy.

Each selector runs a fixed number of queries whatever the number of rows (tested).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils import timezone

from audit.models import AuditEvent
from domain.evaluation import ReportRow
from domain.findings import Finding, finding_key
from domain.types import Level, Severity
from planning.models import Membership
from planning.roles import person_name
from quarters.access import QuarterAccess
from quarters.locks import QUARTER_NAMES
from quarters.models import ApprovedReport, FindingExplanation, QuarterReport, RowReview
from quarters.workflow import quarter_deadline
from reporting.finding_text import consequence_sentences, finding_column, finding_sentence
from reporting.formatting import rupiah, value_id
from reporting.labels import LEVEL, SEVERITY
from reporting.renderers.json_report import row_to_dict
from reporting.report import Report, report_for_quarter

LineKey = tuple[Any, Any]
"""(row id, indicator id or None): one line of the report, as ``RowReview`` names it."""

_DEPTH = {Level.GOAL: 0, Level.OBJECTIVE: 0, Level.PROGRAM: 1, Level.ACTIVITY: 2, Level.SUB_ACTIVITY: 3}


# -- the inbox --------------------------------------------------------------------------------------
def deadline_of(report: QuarterReport) -> dt.date:
    """The quarter's deadline: its own, else the default (5 working days after the quarter)."""
    return report.deadline or quarter_deadline(report.year, report.quarter)


@dataclass(frozen=True)
class InboxItem:
    report: QuarterReport
    submitted_at: dt.datetime | None
    deadline: dt.date
    days_left: int
    """Days from today to the PD's deadline; negative once it is past."""

    @property
    def quarter_name(self) -> str:
        return QUARTER_NAMES[self.report.quarter - 1]

    @property
    def deadline_text(self) -> str:
        if self.days_left > 0:
            return f"{self.days_left} hari lagi"
        if self.days_left == 0:
            return "hari ini"
        return f"lewat {-self.days_left} hari"

    @property
    def submitted_late_days(self) -> int:
        """How many days after the deadline the PD submitted (0: on time)."""
        if self.submitted_at is None:
            return 0
        return max(0, (timezone.localdate(self.submitted_at) - self.deadline).days)

    @property
    def waiting_days(self) -> int | None:
        if self.submitted_at is None:
            return None
        return (timezone.localdate() - timezone.localdate(self.submitted_at)).days


def bappeda_regions(user: Any) -> list[int] | None:
    """The pemda whose quarters ``user`` verifies; ``None`` for a superuser (every pemda)."""
    if getattr(user, "is_superuser", False):
        return None
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(user=user, role__in=[Membership.Role.VERIFIER, Membership.Role.ADMIN]).values_list(
            "region_id", flat=True
        )
    )


def verification_inbox(*, user: Any, regions: list[int] | None) -> list[InboxItem]:
    """The submitted quarters of the pemda in ``regions`` (``None``: all), longest waiting first (one query)."""
    reports = QuarterReport.objects.filter(status=QuarterReport.Status.SUBMITTED).select_related(
        "agency__region", "status_changed_by"
    )
    if regions is not None:
        reports = reports.filter(agency__region_id__in=regions)
    today = timezone.localdate()
    items = [
        InboxItem(
            report=r,
            submitted_at=r.status_changed_at,
            deadline=deadline_of(r),
            days_left=(deadline_of(r) - today).days,
        )
        for r in reports.order_by(F("status_changed_at").asc(nulls_first=True), "agency__name", "year", "quarter")
    ]
    return items


# -- one quarter ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerifyFinding:
    finding: Finding
    key: str
    severity: str
    severity_label: str
    sentence: str
    column: str
    other_rows: tuple[str, ...]
    consequences: list[str]
    explanation: str = ""
    explained_by: str = ""

    @property
    def row(self) -> str | None:
        return self.finding.row

    @property
    def indicator(self) -> str | None:
        return self.finding.indicator


@dataclass(frozen=True)
class FindingGroup:
    severity: str
    label: str
    findings: list[VerifyFinding]


@dataclass
class VerifyLine:
    line: ReportRow
    key: LineKey
    dom_id: str
    depth: int
    state: str = ""  # "", "checked" or "correction"
    note: str = ""
    reviewed_by: str = ""
    reviewed_at: dt.datetime | None = None
    findings: int = 0  # findings naming this line (its row, for the row's first line)
    changed: bool = False  # differs from the superseded approved copy
    quarter: int = 4

    @property
    def k_now(self) -> Decimal | None:
        """K realised in the verified quarter."""
        return self.line.quarters[self.quarter - 1].value

    @property
    def rp_now(self) -> Decimal | None:
        return self.line.quarters[self.quarter - 1].budget

    @property
    def level_label(self) -> str:
        return LEVEL[self.line.row.level]

    @property
    def state_label(self) -> str:
        return dict(RowReview.State.choices).get(self.state, "Belum diperiksa")


@dataclass(frozen=True)
class Change:
    label: str  # "TW II K", "Target Renja Rp"
    before: str
    after: str


@dataclass(frozen=True)
class LineChange:
    name: str
    indicator: str | None
    changes: list[Change]
    added: bool = False
    removed: bool = False


@dataclass(frozen=True)
class Superseded:
    """The approved copy an unlock set aside, and what changed since, row by row."""

    approved: ApprovedReport
    lines: list[LineChange]
    average_before: str | None
    average_after: str | None


@dataclass(frozen=True)
class HistoryItem:
    at: dt.datetime
    who: str
    action: str
    reason: str


@dataclass
class VerificationScreen:
    access: QuarterAccess
    report: Report
    lines: list[VerifyLine]
    groups: list[FindingGroup]
    counts: dict[str, int]  # findings by severity
    reviewed: dict[str, int]  # lines by review state: checked, correction, unchecked
    superseded: Superseded | None
    history: list[HistoryItem]
    unexplained: int
    totals: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def corrections(self) -> list[VerifyLine]:
        return [line for line in self.lines if line.state == RowReview.State.CORRECTION]

    @property
    def unchecked(self) -> int:
        return self.reviewed["unchecked"]

    @property
    def deadline(self) -> dt.date:
        return deadline_of(self.access.report)

    @property
    def can_review(self) -> bool:
        """Lines are marked while the quarter waits at Bappeda."""
        return self.access.may_verify and self.access.status == QuarterReport.Status.SUBMITTED


def line_key(line: ReportRow) -> LineKey:
    return (line.row.key, line.indicator.key if line.indicator else None)


def dom_id(key: LineKey) -> str:
    return f"v{key[0]}-{key[1] or 0}"


def review_lines(report: Report) -> list[ReportRow]:
    """The lines a verifier checks: the Indikator Tujuan, then every line of the E.81 table."""
    return [*report.evaluation.goal_indicators, *report.evaluation.rows]


_ACTIONS = {
    "quarter_submit": "diajukan",
    "quarter_return": "dikembalikan",
    "quarter_approve": "disetujui",
    "quarter_unlock": "kunci dibuka",
    "report_freeze": "salinan beku disimpan",
}


def _finding(finding: Finding, explained: dict[str, tuple[str, str]]) -> VerifyFinding:
    key = finding_key(finding)
    text, by = explained.get(key, ("", ""))
    return VerifyFinding(
        finding=finding,
        key=key,
        severity=finding.severity.value,
        severity_label=SEVERITY[finding.severity],
        sentence=finding_sentence(finding),
        column=finding_column(finding),
        other_rows=finding.other_rows,
        consequences=consequence_sentences(finding),
        explanation=text,
        explained_by=by,
    )


def verification_screen(access: QuarterAccess) -> VerificationScreen:
    """The verification page's read model: the report, its findings grouped by severity (ranked, with
    the PD's explanations), each line's review and what changed since a superseded approval."""
    report = report_for_quarter(agency=access.agency, year=access.year, quarter=access.quarter)
    qr = access.report
    reviews: dict[LineKey, RowReview] = {}
    explained: dict[str, tuple[str, str]] = {}
    history: list[HistoryItem] = []
    superseded_copy: ApprovedReport | None = None
    if qr.pk:
        reviews = {(r.row_id, r.indicator_id): r for r in RowReview.objects.filter(report=qr).select_related("by")}
        explained = {
            e.key: (e.text, person_name(e.by))
            for e in FindingExplanation.objects.filter(report=qr).select_related("by")
        }
        history = [
            HistoryItem(e.at, person_name(e.actor), _ACTIONS.get(e.action, e.action), e.reason)
            for e in AuditEvent.objects.filter(model="QuarterReport", object_id=str(qr.pk), action__in=list(_ACTIONS))
            .select_related("actor")
            .order_by("at", "id")
        ]
        if qr.status != QuarterReport.Status.APPROVED:
            superseded_copy = (
                ApprovedReport.objects.filter(report=qr, superseded_at__isnull=False)
                .select_related("approved_by")
                .order_by("-approved_at", "-id")
                .first()
            )

    groups: dict[str, list[VerifyFinding]] = {s.value: [] for s in Severity}
    per_line: dict[tuple[str | None, str | None], int] = {}
    unexplained = 0
    for finding in report.evaluation.findings:
        item = _finding(finding, explained)
        groups[item.severity].append(item)
        if item.severity == Severity.ERROR.value and not item.explanation:
            unexplained += 1
        for row in finding.rows:
            place = (row, finding.indicator if row == finding.row else None)
            per_line[place] = per_line.get(place, 0) + 1

    superseded = _superseded(report, superseded_copy) if superseded_copy else None
    changed = {(c.name, c.indicator) for c in superseded.lines} if superseded else set()
    lines = []
    counts = {"checked": 0, "correction": 0, "unchecked": 0}
    for line in review_lines(report):
        key = line_key(line)
        review = reviews.get(key)
        name, indicator = line.row.name, line.indicator.name if line.indicator else None
        findings = per_line.get((name, indicator), 0) + (per_line.get((name, None), 0) if line.first_of_row else 0)
        item = VerifyLine(
            line=line,
            key=key,
            dom_id=dom_id(key),
            depth=_DEPTH[line.row.level],
            state=review.state if review else "",
            note=review.note if review else "",
            reviewed_by=person_name(review.by) if review else "",
            reviewed_at=review.at if review else None,
            findings=findings,
            changed=(name, indicator) in changed,
            quarter=access.quarter,
        )
        counts[item.state or "unchecked"] += 1
        lines.append(item)

    return VerificationScreen(
        access=access,
        report=report,
        lines=lines,
        groups=[FindingGroup(s.value, SEVERITY[s], groups[s.value]) for s in Severity if groups[s.value]],
        counts={s.value: len(groups[s.value]) for s in Severity},
        reviewed=counts,
        superseded=superseded,
        history=history,
        unexplained=unexplained,
        totals=_totals(report),
    )


def _totals(report: Report) -> dict[str, Decimal | None]:
    """The report's key figures: the programs' pagu and realised Rp, the average."""
    programs = [r for r in report.evaluation.rows if r.level is Level.PROGRAM and r.first_of_row]
    pagu = [r.annual_target.budget for r in programs if r.annual_target.budget is not None]
    spent = [r.annual_realization.budget for r in programs if r.annual_realization.budget is not None]
    total_pagu = sum(pagu, Decimal(0)) if pagu else None
    total_spent = sum(spent, Decimal(0)) if spent else None
    absorbed = total_spent / total_pagu * 100 if total_pagu and total_spent is not None else None
    return {"pagu": total_pagu, "spent": total_spent, "absorbed": absorbed}


def rows_needing_correction(report: QuarterReport) -> dict[LineKey, str]:
    """The lines Bappeda marked "perlu perbaikan" in ``report`` with the verifier's note, for the PD's
    entry screen: ``{(row_id, indicator_id or None): note}`` (one query; empty for an unsaved quarter)."""
    if report.pk is None:
        return {}
    return {
        (row_id, indicator_id): note
        for row_id, indicator_id, note in RowReview.objects.filter(
            report=report, state=RowReview.State.CORRECTION
        ).values_list("row_id", "indicator_id", "note")
    }


# -- what changed since the approved copy -----------------------------------------------------------
_COMPARED = (
    ("strategic_target", "Target Renstra"),
    ("annual_target", "Target Renja"),
)


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _shown(value: Decimal | None, budget: bool) -> str:
    if value is None:
        return "kosong"
    return rupiah(value) if budget else value_id(value)


def _cells(row: dict[str, Any]) -> dict[str, tuple[Decimal | None, bool]]:
    """The compared cells of one JSON line: label -> (value, is Rp)."""
    cells: dict[str, tuple[Decimal | None, bool]] = {}
    for name, label in _COMPARED:
        cells[f"{label} K"] = (_number(row[name]["value"]), False)
        cells[f"{label} Rp"] = (_number(row[name]["budget"]), True)
    for i, quarter in enumerate(row["quarters"]):
        cells[f"TW {QUARTER_NAMES[i]} K"] = (_number(quarter["value"]), False)
        cells[f"TW {QUARTER_NAMES[i]} Rp"] = (_number(quarter["budget"]), True)
    return cells


def line_changes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[LineChange]:
    """Row by row, what differs between two reports' JSON lines: K and Rp of each quarter and the targets.
    Lines are matched by row and indicator id; a line only on one side is added or removed."""

    def keyed(rows: list[dict[str, Any]]) -> dict[LineKey, dict[str, Any]]:
        return {(r["row_id"], r["indicator_id"]): r for r in rows}

    old, new = keyed(before), keyed(after)
    out: list[LineChange] = []
    for key, row in new.items():
        previous = old.get(key)
        if previous is None:
            out.append(LineChange(row["name"], row["indicator"], [], added=True))
            continue
        was, now = _cells(previous), _cells(row)
        changes = [
            Change(label, _shown(was[label][0], rp), _shown(value, rp))
            for label, (value, rp) in now.items()
            if was[label][0] != value
        ]
        if changes:
            out.append(LineChange(row["name"], row["indicator"], changes))
    out += [LineChange(r["name"], r["indicator"], [], removed=True) for key, r in old.items() if key not in new]
    return out


def _superseded(report: Report, approved: ApprovedReport) -> Superseded:
    frozen = json.loads(approved.json)
    current = [row_to_dict(line) for line in report.evaluation.rows]
    return Superseded(
        approved=approved,
        lines=line_changes(frozen["rows"], current),
        average_before=frozen.get("average_achievement"),
        average_after=str(round(report.evaluation.average, 2)) if report.evaluation.average is not None else None,
    )
