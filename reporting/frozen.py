"""The frozen copy of an approved quarter: made at approval, read back for every page and download.

At approval the live report is built once; its JSON bytes are stored with their SHA-256, and its
inputs, its evaluation's results (every cell, the average, the rating, the findings) and its printed
records as a snapshot.  Afterwards the quarter is drawn from the snapshot only, nothing recomputed: the
tables may change (a later amendment, a new pemda setting, a renamed PD), and so may the core's rules
in a later version, and the approved report does not.  The JSON download is the stored bytes
themselves; the other formats are rendered from the snapshot, which ``frozen_verify`` checks gives back
those same JSON bytes.  (The wording of a finding is the renderer's, in the version that prints it; its
figures are the approved ones.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

from django.utils import timezone

from domain.evaluation import Cell, Evaluation, ReportRow
from domain.findings import Code, Finding
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput, Settings, Stated
from domain.rating import RatingBand
from domain.types import Aggregation, AverageBasis, AverageSource, Direction, Level, NegativeFormula, Periodicity
from planning.roles import person_name
from quarters.models import ApprovedReport, QuarterReport
from reporting.records import AgencyInfo, Approval, QuarterInfo, RegionInfo, ReportContext, WorkPlanInfo
from reporting.report import Report

SNAPSHOT_VERSION = 3
# 2: the evaluation's results (every cell, the average, the rating, the findings with their consequences)
#    are kept beside its inputs, so an approved copy does not depend on the core's code: a later change of
#    a rule or of the findings' grouping leaves every approved report as it was approved.
# 3: the JSON carries each computed cell's explanation ("explanations").  They are rebuilt from the
#    frozen cells and findings (``domain.explanations.explain`` reads figures, never recomputes them), so
#    the snapshot itself is unchanged.  A version 2 copy still reads: its JSON (approved without the key)
#    is rebuilt without it, and its pages explain its frozen figures all the same.
READABLE_VERSIONS = (2, 3)


# -- values ---------------------------------------------------------------------------------------
# str(Decimal) round-trips exactly, exponent included, so a rebuilt report prints the same digits.
def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _D(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _quarters(values: tuple[Decimal | None, ...]) -> list[str | None]:
    return [_d(v) for v in values]


def _Q(texts: list[str | None]) -> Any:
    return tuple(_D(t) for t in texts)


def _stated(mapping: Mapping[Stated, Decimal]) -> dict[str, str]:
    return {key.value: str(value) for key, value in mapping.items()}


def _S(data: dict[str, str]) -> dict[Stated, Decimal]:
    return {Stated(key): Decimal(value) for key, value in data.items()}


# -- the evaluation's inputs -----------------------------------------------------------------------
def _indicator(ind: IndicatorInput) -> dict[str, Any]:
    return {
        "key": ind.key,
        "name": ind.name,
        "unit": ind.unit,
        "aggregation": ind.aggregation.value,
        "aggregation_is_default": ind.aggregation_is_default,
        "direction": ind.direction.value,
        "periodicity": ind.periodicity.value,
        "formula": ind.formula,
        "refers_to_rkpd": ind.refers_to_rkpd,
        "strategic_target": _d(ind.strategic_target),
        "prior_realization": _d(ind.prior_realization),
        "target": _d(ind.target),
        "quarters": _quarters(ind.quarters),
        "action_plan": _quarters(ind.action_plan),
        "action_plan_unit": ind.action_plan_unit,
        "stated": _stated(ind.stated),
        "drivers": ind.drivers,
        "obstacles": ind.obstacles,
    }


def _indicator_from(data: dict[str, Any]) -> IndicatorInput:
    return IndicatorInput(
        key=data["key"],
        name=data["name"],
        unit=data["unit"],
        aggregation=Aggregation(data["aggregation"]),
        aggregation_is_default=data["aggregation_is_default"],
        direction=Direction(data["direction"]),
        periodicity=Periodicity(data["periodicity"]),
        formula=data["formula"],
        refers_to_rkpd=data["refers_to_rkpd"],
        strategic_target=_D(data["strategic_target"]),
        prior_realization=_D(data["prior_realization"]),
        target=_D(data["target"]),
        quarters=_Q(data["quarters"]),
        action_plan=_Q(data["action_plan"]),
        action_plan_unit=data["action_plan_unit"],
        stated=_S(data["stated"]),
        drivers=data["drivers"],
        obstacles=data["obstacles"],
    )


def _row(row: RowInput) -> dict[str, Any]:
    b = row.budget
    return {
        "key": row.key,
        "level": row.level.value,
        "name": row.name,
        "code": row.code,
        "budget": {
            "strategic": _d(b.strategic),
            "prior": _d(b.prior),
            "annual": _d(b.annual),
            "quarters": _quarters(b.quarters),
        },
        "stated_budget": _stated(row.stated_budget),
        "indicators": [_indicator(i) for i in row.indicators],
        "children": [_row(c) for c in row.children],
        "funding_source": row.funding_source,
        "responsible_unit": row.responsible_unit,
    }


def _row_from(data: dict[str, Any]) -> RowInput:
    b = data["budget"]
    return RowInput(
        key=data["key"],
        level=Level(data["level"]),
        name=data["name"],
        code=data["code"],
        budget=Budget(_D(b["strategic"]), _D(b["prior"]), _D(b["annual"]), _Q(b["quarters"])),
        stated_budget=_S(data["stated_budget"]),
        indicators=tuple(_indicator_from(i) for i in data["indicators"]),
        children=tuple(_row_from(c) for c in data["children"]),
        funding_source=data["funding_source"],
        responsible_unit=data["responsible_unit"],
    )


def input_to_dict(report: ReportInput) -> dict[str, Any]:
    s = report.settings
    return {
        "year": report.year,
        "quarter": report.quarter,
        "roots": [_row(r) for r in report.roots],
        "settings": {
            "negative_formula": s.negative_formula.value,
            "average_basis": s.average_basis.value,
            "average_source": s.average_source.value,
            "average_cap": _d(s.average_cap),
            "bands": [[_d(band.lower), band.label] for band in s.bands],
            "implausible_above": str(s.implausible_above),
            "implausible_below": str(s.implausible_below),
        },
        "first_strategic_year": report.first_strategic_year,
        "stated_average": _d(report.stated_average),
        "stated_rating": report.stated_rating,
        "has_statements": report.has_statements,
    }


def input_from_dict(data: dict[str, Any]) -> ReportInput:
    s = data["settings"]
    return ReportInput(
        year=data["year"],
        quarter=data["quarter"],
        roots=tuple(_row_from(r) for r in data["roots"]),
        settings=Settings(
            negative_formula=NegativeFormula(s["negative_formula"]),
            average_basis=AverageBasis(s["average_basis"]),
            average_source=AverageSource(s["average_source"]),
            average_cap=_D(s["average_cap"]),
            bands=tuple(RatingBand(_D(lower), label) for lower, label in s["bands"]),
            implausible_above=Decimal(s["implausible_above"]),
            implausible_below=Decimal(s["implausible_below"]),
        ),
        first_strategic_year=data["first_strategic_year"],
        stated_average=_D(data["stated_average"]),
        stated_rating=data["stated_rating"],
        has_statements=data["has_statements"],
    )


# -- the evaluation's results ----------------------------------------------------------------------
_CELLS = (
    "strategic_target", "prior_realization", "annual_target", "annual_realization", "annual_achievement",
    "cumulative_realization", "cumulative_achievement",
)  # fmt: skip


def _cell(cell: Cell) -> list[str | None]:
    return [_d(cell.value), _d(cell.budget)]


def _cell_from(pair: list[str | None]) -> Cell:
    return Cell(_D(pair[0]), _D(pair[1]))


def _line(line: ReportRow) -> dict[str, Any]:
    return {
        "row": line.row.key,
        "indicator": line.indicator.key if line.indicator else None,
        "number": line.number,
        "first_of_row": line.first_of_row,
        "quarters": [_cell(q) for q in line.quarters],
        **{name: _cell(getattr(line, name)) for name in _CELLS},
    }


def _finding_value(value: Any) -> Any:
    return {"d": str(value)} if isinstance(value, Decimal) else value


def _finding_value_from(value: Any) -> Any:
    return Decimal(value["d"]) if isinstance(value, dict) else value


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code.value,
        "row": f.row,
        "indicator": f.indicator,
        "column": f.column,
        "measure": f.measure,
        # Pairs, not an object: PostgreSQL's jsonb does not keep an object's key order, and the order of a
        # finding's values is the order the JSON report prints them in.
        "values": [[k, _finding_value(v)] for k, v in f.values.items()],
        "other_rows": list(f.other_rows),
        "consequences": [_finding(c) for c in f.consequences],
    }


def _finding_from(data: dict[str, Any]) -> Finding:
    return Finding(
        Code(data["code"]),
        row=data["row"],
        indicator=data["indicator"],
        column=data["column"],
        measure=data["measure"],
        values={k: _finding_value_from(v) for k, v in data["values"]},
        other_rows=tuple(data["other_rows"]),
        consequences=tuple(_finding_from(c) for c in data["consequences"]),
    )


def evaluation_to_dict(ev: Evaluation) -> dict[str, Any]:
    return {
        "rows": [_line(r) for r in ev.rows],
        "goal_indicators": [_line(r) for r in ev.goal_indicators],
        "objective_indicators": [_line(r) for r in ev.objective_indicators],
        "average": _d(ev.average),
        "average_count": ev.average_count,
        "rating": ev.rating,
        "findings": [_finding(f) for f in ev.findings],
    }


def evaluation_from_dict(data: dict[str, Any], report_input: ReportInput) -> Evaluation:
    """The evaluation as it was approved: its cells and findings read back, nothing recomputed."""
    rows: dict[Any, RowInput] = {}
    indicators: dict[Any, IndicatorInput] = {}

    def index(row: RowInput) -> None:
        rows[row.key] = row
        for ind in row.indicators:
            indicators[ind.key] = ind
        for child in row.children:
            index(child)

    for root in report_input.roots:
        index(root)

    def line(d: dict[str, Any]) -> ReportRow:
        return ReportRow(
            row=rows[d["row"]],
            indicator=indicators[d["indicator"]] if d["indicator"] is not None else None,
            number=d["number"],
            first_of_row=d["first_of_row"],
            quarters=tuple(_cell_from(q) for q in d["quarters"]),  # type: ignore[arg-type]
            **{name: _cell_from(d[name]) for name in _CELLS},
        )

    return Evaluation(
        input=report_input,
        rows=tuple(line(d) for d in data["rows"]),
        goal_indicators=tuple(line(d) for d in data["goal_indicators"]),
        objective_indicators=tuple(line(d) for d in data["objective_indicators"]),
        average=_D(data["average"]),
        average_count=data["average_count"],
        rating=data["rating"],
        findings=tuple(_finding_from(f) for f in data["findings"]),
    )


# -- the printed records ---------------------------------------------------------------------------
def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def context_to_dict(context: ReportContext) -> dict[str, Any]:
    qr = context.quarter_report
    quarter = None
    if qr is not None:
        quarter = {**asdict(qr), "prepared_on": _date(qr.prepared_on), "evaluated_on": _date(qr.evaluated_on)}
    return {
        "agency": asdict(context.agency),
        "region": asdict(context.region),
        "work_plan": asdict(context.work_plan),
        "quarter_report": quarter,
        "year": context.year,
        "quarter": context.quarter,
        "evidence_rows": sorted(context.evidence_rows),
    }


def _only(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def context_from_dict(data: dict[str, Any], approval: Approval | None) -> ReportContext:
    qr = data["quarter_report"]
    quarter = None
    if qr is not None:
        quarter = QuarterInfo(
            **{
                **_only(QuarterInfo, qr),
                "prepared_on": dt.date.fromisoformat(qr["prepared_on"]) if qr["prepared_on"] else None,
                "evaluated_on": dt.date.fromisoformat(qr["evaluated_on"]) if qr["evaluated_on"] else None,
            }
        )
    return ReportContext(
        agency=AgencyInfo(**_only(AgencyInfo, data["agency"])),
        region=RegionInfo(**_only(RegionInfo, data["region"])),
        work_plan=WorkPlanInfo(**_only(WorkPlanInfo, data["work_plan"])),
        quarter_report=quarter,
        year=data["year"],
        quarter=data["quarter"],
        approval=approval,
        evidence_rows=frozenset(data.get("evidence_rows", ())),  # absent from copies frozen before evidence
    )


# -- freezing and reading back ---------------------------------------------------------------------
def report_freeze(*, quarter_report: QuarterReport, actor: Any, at: dt.datetime | None = None) -> ApprovedReport:
    """Freeze the quarter as it stands (already marked approved): called by ``quarter_approve`` in its
    transaction, so the copy and the approval are written together or not at all."""
    from reporting.renderers.json_report import render_json
    from reporting.report import report_build

    at = (at or timezone.now()).replace(microsecond=0)
    live = report_build(agency=quarter_report.agency, year=quarter_report.year, quarter=quarter_report.quarter)
    approval = Approval(approved_at=at, approved_by=person_name(actor))
    context = ReportContext(**{**_fields(live.context), "approval": approval})
    data = render_json(Report(evaluation=live.evaluation, context=context))
    return ApprovedReport.objects.create(
        report=quarter_report,
        approved_at=at,
        approved_by=actor if getattr(actor, "pk", None) else None,
        approved_by_name=approval.approved_by,
        json=data.decode("utf-8"),
        sha256=hashlib.sha256(data).hexdigest(),
        snapshot={
            "version": SNAPSHOT_VERSION,
            "input": input_to_dict(live.evaluation.input),
            "evaluation": evaluation_to_dict(live.evaluation),
            "context": context_to_dict(live.context),
        },
    )


def _fields(obj: Any) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def approved_report_of(*, agency: Any, year: int, quarter: int) -> ApprovedReport | None:
    """The current frozen copy of an approved quarter (one query), or None while it is not approved."""
    return (
        ApprovedReport.objects.filter(
            report__agency=agency,
            report__year=year,
            report__quarter=quarter,
            report__status=QuarterReport.Status.APPROVED,
            superseded_at__isnull=True,
        )
        .order_by("-approved_at", "-id")
        .first()
    )


def report_from_frozen(frozen: ApprovedReport) -> Report:
    snapshot = frozen.snapshot
    version = snapshot.get("version")
    if version not in READABLE_VERSIONS:
        raise ValueError(f"salinan beku versi {version} tidak dikenal")
    approval = Approval(approved_at=frozen.approved_at, approved_by=frozen.approved_by_name, sha256=frozen.sha256)
    context = context_from_dict(snapshot["context"], approval)
    evaluation = evaluation_from_dict(snapshot["evaluation"], input_from_dict(snapshot["input"]))
    # the explanations (version 3) are worked out from the frozen figures when the JSON or the page asks
    # (``Report.explanations``): an approved quarter's Excel, PDF and CSV do without them
    return Report(
        evaluation=evaluation, context=context, frozen_json=frozen.json.encode("utf-8"), json_explained=version >= 3
    )


def frozen_verify(frozen: ApprovedReport) -> bool:
    """Whether the stored JSON still has its hash, and the snapshot still evaluates to those bytes
    (what the PDF, Excel, HTML and CSV are drawn from agrees with what was approved)."""
    from reporting.renderers.json_report import render_json

    data = frozen.json.encode("utf-8")
    if hashlib.sha256(data).hexdigest() != frozen.sha256:
        return False
    rebuilt = report_from_frozen(frozen)
    again = Report(evaluation=rebuilt.evaluation, context=rebuilt.context, json_explained=rebuilt.json_explained)
    return render_json(again) == data


def report_verified(report: Report) -> bool | None:
    """For a report drawn from a frozen copy: whether what the page shows still gives the approved JSON's
    bytes (the hash of the stored bytes is checked too).  None for a live report."""
    from dataclasses import replace

    from reporting.renderers.json_report import render_json

    if report.frozen_json is None or report.approval is None:
        return None
    if hashlib.sha256(report.frozen_json).hexdigest() != report.approval.sha256:
        return False
    return render_json(replace(report, frozen_json=None)) == report.frozen_json
