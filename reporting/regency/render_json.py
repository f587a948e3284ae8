"""The E.79 as JSON (docs/regency.md): exact decimal strings, percentages half-up to two decimals,
``null`` where nothing applies.  Each program and kegiatan line is the PD's E.81 line as the E.81's
JSON writes it (``row_to_dict``), so the two cannot disagree."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from computed.selectors import ComputedAcross
from computed.services import stored_value
from domain.regency import BudgetTotal
from reporting.formatting import percent_machine, plain
from reporting.regency.builder import AgencyEntry, RegencyLine, RegencyReport
from reporting.regency.table import legend
from reporting.renderers.json_report import row_to_dict

FORMAT_VERSION = 1


def _d(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def budget_to_dict(b: BudgetTotal) -> dict[str, Any]:
    return {
        "strategic": _d(b.strategic),
        "prior": _d(b.prior),
        "annual": _d(b.annual),
        "quarters": [_d(q) for q in b.quarters],
        "realized": _d(b.realized),
        "absorption": percent_machine(b.absorption),
        "cumulative": _d(b.cumulative),
        "cumulative_absorption": percent_machine(b.cumulative_absorption),
    }


def agency_to_dict(a: AgencyEntry) -> dict[str, Any]:
    approval = a.report.approval
    return {
        "slug": a.slug,
        "name": a.name,
        "approved": a.approved,
        "status": a.status,
        "status_label": a.status_label,
        "approval": None
        if approval is None
        else {
            "approved_at": approval.approved_at.isoformat(),
            "approved_by": approval.approved_by,
            "sha256": approval.sha256,
        },
        "work_plan": a.report.context.work_plan.title,
        "average": percent_machine(a.average),
        "average_count": a.average_count,
        "rating": a.rating,
        "budget": budget_to_dict(a.budget),
        "findings": a.findings,
        "errors": a.errors,
    }


def line_to_dict(line: RegencyLine) -> dict[str, Any]:
    return {
        "kind": line.kind.value,
        "number": line.number or None,
        "code": line.code or None,
        "name": line.name,
        "agency": line.agency.slug if line.agency else None,
        "objective": line.objective or None,
        "budget": budget_to_dict(line.budget) if line.budget is not None else None,
        "line": row_to_dict(line.line) if line.line is not None else None,
    }


def computed_to_dict(c: ComputedAcross) -> dict[str, Any]:
    """A computed indicator of the pemda: the sums of its base figures over the PD that entered them
    all, the formula over the sums (``value`` as the realisation stores it, six decimals; numerator and
    denominator exact), and each PD's own parts."""
    return {
        "formula": c.formula,
        "numerator_formula": c.numerator,
        "denominator_formula": c.denominator,
        "unit": c.unit,
        "indicators": list(dict.fromkeys(p.indicator for p in c.parts)),
        "figures": {name: _d(value) for name, value in c.figures.items()},
        "numerator": _d(c.result.numerator),
        "denominator": _d(c.result.denominator),
        "value": _d(stored_value(c.result.value)),
        "reason": c.result.reason or None,
        "counted": c.counted,
        "left_out": c.left_out,
        "parts": [
            {
                "agency": p.agency,
                "agency_name": p.agency_name,
                "indicator": p.indicator,
                "figures": {name: _d(value) for name, value in p.figures.items()},
                "numerator": _d(p.result.numerator),
                "denominator": _d(p.result.denominator),
                "value": _d(stored_value(p.result.value)),
                "reason": p.result.reason or None,
            }
            for p in c.parts
        ],
    }


def regency_to_dict(e79: RegencyReport) -> dict[str, Any]:
    s = e79.settings
    return {
        "format_version": FORMAT_VERSION,
        "form": e79.form,
        "title": e79.title,
        "region": {"slug": e79.region.slug, "name": e79.region.name},
        "year": e79.year,
        "quarter": e79.quarter,
        "period": e79.period,
        "status_line": e79.status_line,
        "settings": {
            "negative_formula": s.negative_formula.value,
            "average_basis": s.average_basis.value,
            "average_source": s.average_source.value,
            "average_cap": _d(s.average_cap),
            "bands": [{"min": _d(b.lower), "label": b.label} for b in s.bands],
        },
        "average": percent_machine(e79.average),
        "average_count": e79.average_count,
        "rating": e79.rating,
        "budget": budget_to_dict(e79.budget),
        "agencies": [agency_to_dict(a) for a in e79.agencies],
        "approved": [a.slug for a in e79.approved],
        "drafts": [a.slug for a in e79.drafts],
        "without_work_plan": [{"slug": a.slug, "name": a.name} for a in e79.without_work_plan],
        "lines": [line_to_dict(line) for line in e79.lines],
        "computed_indicators": [computed_to_dict(c) for c in e79.computed],
        "legend": list(legend(e79)),
    }


def render_json(e79: RegencyReport, *, paper: str = "f4") -> bytes:
    return json.dumps(regency_to_dict(e79), ensure_ascii=False, indent=1).encode("utf-8")
