"""The report model every renderer draws: the core's evaluation plus the records around it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from domain.evaluation import Evaluation, ReportRow, evaluate
from domain.explanations import Explanations, explain
from domain.types import Level
from planning.models import Agency
from reporting.labels import period
from reporting.records import STATUS_LABELS, Approval, ReportContext
from reporting.selectors import report_input_for

FORM = "E.81"
TITLE = "Evaluasi terhadap Hasil Renja Perangkat Daerah"
_ACTION_PLAN_LEVELS = (Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY)


@dataclass(frozen=True)
class Narratives:
    """The four texts below the E.81 table ("" where the PD wrote nothing)."""

    drivers: str = ""
    obstacles: str = ""
    follow_up_quarter: str = ""
    follow_up_renja: str = ""


@dataclass(frozen=True)
class Signature:
    """One signature block: who signs (position, pemda), where and when, name and NIP."""

    role: str  # "Disusun" or "Dievaluasi"
    position: str  # "Kepala Dinas Koperasi dan Usaha Mikro"
    region: str
    place: str
    date: date | None
    name: str
    nip: str

    @property
    def title(self) -> str:
        return f"{self.position} {self.region}"


def _position(head_title: str, unit: str) -> str:
    """The head's position: "Kepala Dinas" of "Dinas Koperasi" is "Kepala Dinas Koperasi" (the word once)."""
    words, first = head_title.split(), unit.split()[:1]
    if words and first and words[-1].lower() == first[0].lower():
        words = words[:-1]
    return " ".join([*words, unit])


@dataclass(frozen=True)
class Report:
    evaluation: Evaluation
    context: ReportContext
    frozen_json: bytes | None = None
    """An approved quarter's JSON as frozen at approval (``reporting.frozen``); None for a live report."""
    json_explained: bool = True
    """False for an approved copy frozen before explanations (snapshot version 2): its JSON has no
    "explanations" and keeps its bytes; its page still explains its frozen figures."""

    @cached_property
    def explanations(self) -> Explanations:
        """How each computed cell was worked out: the evaluation's own when it carries them, else worked
        out on first use from its figures (a live report is built without them: only the JSON and the
        HTML print them, and Excel, PDF, CSV and the E.79 need not pay for them)."""
        return self.evaluation.explanations or explain(self.evaluation)

    @property
    def form(self) -> str:
        return FORM

    @property
    def title(self) -> str:
        return TITLE

    @property
    def period(self) -> str:
        return period(self.context.year, self.context.quarter)

    @property
    def status(self) -> str:
        qr = self.context.quarter_report
        return qr.status if qr else "draft"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def approval(self) -> Approval | None:
        return self.context.approval

    @property
    def status_line(self) -> str:
        """What every page prints of the document's standing: the approval and its hash, or the status."""
        approval = self.context.approval
        if approval is None:
            return f"Status: {self.status_label}"
        return f"{approval.line}; SHA-256 {approval.sha256}" if approval.sha256 else approval.line

    @property
    def rkpd_indicators(self) -> tuple[ReportRow, ...]:
        """The goal and objective indicators that refer to the RKPD sasaran (the header block)."""
        ev = self.evaluation
        return tuple(
            r for r in (*ev.goal_indicators, *ev.objective_indicators) if r.indicator and r.indicator.refers_to_rkpd
        )

    @property
    def action_plan_rows(self) -> tuple[ReportRow, ...]:
        """Rows of the Rencana Aksi table: program, kegiatan and sub kegiatan lines with an indicator."""
        return tuple(r for r in self.evaluation.rows if r.indicator and r.level in _ACTION_PLAN_LEVELS)

    @property
    def narratives(self) -> Narratives:
        qr = self.context.quarter_report
        if qr is None:
            return Narratives()
        return Narratives(qr.drivers, qr.obstacles, qr.follow_up_quarter, qr.follow_up_renja)

    @property
    def signatures(self) -> tuple[Signature, Signature]:
        """ "Disusun" by the Kepala PD (left) and "Dievaluasi" by the Kepala Bappeda (right)."""
        agency, region, qr = self.context.agency, self.context.region, self.context.quarter_report
        prepared = Signature(
            role="Disusun",
            position=_position(agency.head_title or "Kepala", agency.name),
            region=region.name,
            place=(qr.prepared_place if qr else "") or region.place,
            date=qr.prepared_on if qr else None,
            name=agency.head_name,
            nip=agency.head_nip,
        )
        evaluated = Signature(
            role="Dievaluasi",
            position=region.bappeda_head_title or "Kepala Bappeda",
            region=region.name,
            place=(qr.evaluated_place if qr else "") or region.place,
            date=qr.evaluated_on if qr else None,
            name=region.bappeda_head_name,
            nip=region.bappeda_head_nip,
        )
        return prepared, evaluated


def report_build(*, agency: Agency, year: int, quarter: int, revision: int | None = None) -> Report:
    """Evaluate ``agency``'s ``year`` as of the end of ``quarter`` from the tables, as they are now
    (a fixed number of queries).  Pages and downloads use ``report_for_quarter``, which shows an
    approved quarter from its frozen copy instead."""
    report_input, context = report_input_for(agency=agency, year=year, quarter=quarter, revision=revision)
    return Report(evaluation=evaluate(report_input, explained=False), context=context)


def report_for_quarter(*, agency: Agency, year: int, quarter: int, revision: int | None = None) -> Report:
    """The quarter's report as it must be shown: the frozen copy once approved, else computed live.
    ``revision`` asks for one Renja revision (the plan editor's ``?renja=``): the frozen copy when it was
    approved on that revision, else that revision computed live."""
    from reporting.frozen import approved_report_of, report_from_frozen

    frozen = approved_report_of(agency=agency, year=year, quarter=quarter)
    if frozen is not None:
        report = report_from_frozen(frozen)
        if revision is None or report.context.work_plan.revision == revision:
            return report
    return report_build(agency=agency, year=year, quarter=quarter, revision=revision)
