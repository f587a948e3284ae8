"""The report as JSON (format documented in docs/report-format.md).

Values and Rupiah are exact decimal strings; percentages are rounded half-up to two decimals;
``null`` where nothing applies or nothing was reported.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from domain.evaluation import Cell, ReportRow
from domain.explanations import Explanation, Explanations, LineExplanations, Rule
from domain.findings import Finding
from domain.inputs import Settings
from reporting import explanation_text as words
from reporting.finding_text import finding_message
from reporting.formatting import percent_machine, plain
from reporting.labels import AGGREGATION, AVERAGE_BASIS, AVERAGE_SOURCE, LEVEL, NEGATIVE_FORMULA
from reporting.report import Report, Signature


def _d(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _cell(cell: Cell) -> dict[str, str | None]:
    return {"value": _d(cell.value), "budget": _d(cell.budget)}


def _percent_cell(cell: Cell) -> dict[str, str | None]:
    return {"value": percent_machine(cell.value), "budget": percent_machine(cell.budget)}


def row_to_dict(line: ReportRow) -> dict[str, Any]:
    ind = line.indicator
    return {
        "number": line.number,
        "level": line.row.level.value,
        "level_label": LEVEL[line.row.level],
        "row_id": line.row.key,
        "indicator_id": ind.key if ind else None,
        "code": line.row.code or None,
        "name": line.row.name,
        "indicator": ind.name if ind else None,
        "unit": ind.unit if ind else None,
        "direction": ind.direction.value if ind else None,
        "aggregation": ind.aggregation.value if ind else None,
        "aggregation_is_default": ind.aggregation_is_default if ind else None,
        "periodicity": ind.periodicity.value if ind else None,
        "first_of_row": line.first_of_row,
        "funding_source": line.row.funding_source or None,
        "responsible_unit": line.row.responsible_unit or None,
        "drivers": (ind.drivers or None) if ind else None,
        "obstacles": (ind.obstacles or None) if ind else None,
        "strategic_target": _cell(line.strategic_target),
        "prior_realization": _cell(line.prior_realization),
        "annual_target": _cell(line.annual_target),
        "quarters": [_cell(q) for q in line.quarters],
        "annual_realization": _cell(line.annual_realization),
        "annual_achievement": _percent_cell(line.annual_achievement),
        "cumulative_realization": _cell(line.cumulative_realization),
        "cumulative_achievement": _percent_cell(line.cumulative_achievement),
    }


def _summary(line: ReportRow) -> dict[str, Any]:
    assert line.indicator is not None
    return {
        "indicator": line.indicator.name,
        "formula": line.indicator.formula or None,
        "unit": line.indicator.unit,
        "target": _d(line.annual_target.value),
        "realization": _d(line.annual_realization.value),
        "achievement": percent_machine(line.annual_achievement.value),
    }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code.value,
        "severity": finding.severity.value,
        "row": finding.row,
        "indicator": finding.indicator,
        "column": finding.column,
        "measure": finding.measure,
        "message": finding_message(finding),
        # A printed figure keeps its printed digits ("99.60"); computed ones are exact.
        "values": {
            k: (format(v, "f") if k == "stated" else plain(v)) if isinstance(v, Decimal) else v
            for k, v in finding.values.items()
        },
    }


def _machine(value: Decimal | None, column: str, measure: str) -> str | None:
    return None if value is None else words.machine_number(value, column, measure)


def explanation_to_dict(x: Explanation) -> dict[str, Any]:
    """One computed cell: its rule (words in ``explanations.rules``), inputs by printed column (the
    average's by row), the formula with the numbers put in, the figure, and its findings' keys."""
    inputs: Any
    if x.rule is Rule.AVERAGE:
        inputs = [
            {"row": i.row, "indicator": i.indicator, "value": _machine(i.value, i.column, i.measure)} for i in x.inputs
        ]
    else:
        inputs = {i.column: _machine(i.value, i.column, i.measure) for i in x.inputs}
    out: dict[str, Any] = {
        "rule": x.rule.value,
        "inputs": inputs,
        "formula": words.formula_text(x, words.machine_number) or None,
        "result": _machine(x.result, x.column, x.measure),
        "missing": x.missing.value if x.missing else None,
        "findings": list(x.findings),
    }
    if x.rule is Rule.AVERAGE:
        out["cap"] = _d(x.cap)
    if x.rule is Rule.RATING:
        band = x.band
        out["result"] = x.label
        out["band"] = None if band is None else {"min": _d(band.lower), "below": _d(band.upper), "label": band.label}
    return out


def _lines(lines: tuple[LineExplanations, ...]) -> list[dict[str, Any]]:
    return [{key: explanation_to_dict(x) for key, x in cells.items()} for cells in lines]


def explanations_to_dict(explanations: Explanations, settings: Settings) -> dict[str, Any]:
    """Aligned with ``rows``, ``goal_indicators`` and ``objective_indicators`` (same positions), each
    line's cells by column key ("12K", "12/7Rp"...); then the average, the rating, and the words of
    every rule used."""
    every = [
        *(x for lines in (explanations.rows, explanations.goal_indicators, explanations.objective_indicators)
          for cells in lines for x in cells.values()),
        explanations.average,
        explanations.rating,
    ]  # fmt: skip
    rules = {x.rule.value: words.rule_text(x, settings) for x in sorted(every, key=lambda x: list(Rule).index(x.rule))}
    return {
        "rows": _lines(explanations.rows),
        "goal_indicators": _lines(explanations.goal_indicators),
        "objective_indicators": _lines(explanations.objective_indicators),
        "average": explanation_to_dict(explanations.average),
        "rating": explanation_to_dict(explanations.rating),
        "rules": rules,
    }


def _signature(signature: Signature) -> dict[str, Any]:
    return {
        "role": signature.role,
        "title": signature.title,
        "place": signature.place,
        "date": signature.date.isoformat() if signature.date else None,
        "name": signature.name or None,
        "nip": signature.nip or None,
    }


def _approval(report: Report) -> dict[str, str] | None:
    """Who approved and when; the SHA-256 is of these very bytes, so it is kept beside them, not in them."""
    approval = report.context.approval
    if approval is None:
        return None
    return {"approved_at": approval.approved_at.isoformat(), "approved_by": approval.approved_by}


def report_to_dict(report: Report) -> dict[str, Any]:
    ev = report.evaluation
    ctx = report.context
    qr = ctx.quarter_report
    settings = ev.settings
    agency, region = ctx.agency, ctx.region
    prepared, evaluated = report.signatures
    # An approved copy frozen before explanations (snapshot version 2) keeps its JSON's bytes: no key.
    explained = {"explanations": explanations_to_dict(report.explanations, settings)} if report.json_explained else {}
    return {
        "form": report.form,
        "title": report.title,
        "agency": {"slug": agency.slug, "name": agency.name},
        "region": {"slug": region.slug, "name": region.name},
        "year": ctx.year,
        "quarter": ctx.quarter,
        "period": report.period,
        "strategic_plan": {"start_year": ctx.work_plan.start_year, "end_year": ctx.work_plan.end_year},
        "work_plan": {"revision": ctx.work_plan.revision, "label": ctx.work_plan.title},
        "status": report.status,
        "approval": _approval(report),
        "rkpd_indicators": [
            {"indicator": r.indicator.name, "target": _d(r.annual_target.value), "unit": r.indicator.unit}
            for r in report.rkpd_indicators
            if r.indicator
        ],
        "rows": [row_to_dict(r) for r in ev.rows],
        "average_achievement": percent_machine(ev.average),
        "average_count": ev.average_count,
        "rating": ev.rating,
        "goal_indicators": [_summary(r) for r in ev.goal_indicators],
        "objective_indicators": [_summary(r) for r in ev.objective_indicators],
        "findings": [finding_to_dict(f) for f in ev.findings],
        "narratives": asdict(report.narratives),
        "signatures": {"prepared": _signature(prepared), "evaluated": _signature(evaluated)},
        "stated": {
            "average_achievement": qr.stated_average or None if qr else None,
            "rating": qr.stated_rating or None if qr else None,
        },
        "settings": {
            "negative_formula": settings.negative_formula.value,
            "negative_formula_label": NEGATIVE_FORMULA[settings.negative_formula],
            "average_basis": settings.average_basis.value,
            "average_basis_label": AVERAGE_BASIS[settings.average_basis],
            "average_source": settings.average_source.value,
            "average_source_label": AVERAGE_SOURCE[settings.average_source],
            "average_cap": _d(settings.average_cap),
            "rating_bands": [{"min": _d(b.lower), "label": b.label} for b in settings.bands],
            "aggregations": {a.value: label for a, label in AGGREGATION.items()},
        },
        **explained,
    }


def render_json(report: Report, *, paper: str = "f4", annex: bool = True) -> bytes:
    """The report as JSON; ``paper`` and ``annex`` are accepted for a uniform renderer signature and
    ignored (the JSON always carries the findings: its approved bytes are hashed).

    An approved quarter's JSON is the frozen copy's own bytes, the ones its SHA-256 was taken of.
    """
    if report.frozen_json is not None:
        return report.frozen_json
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2).encode("utf-8")
