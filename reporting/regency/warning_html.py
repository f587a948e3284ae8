"""The rows of the early-warning tables (programs and indicators at risk) as HTML, written in Python.

A pemda of 50 PD has thousands of indicators at risk; the template's loop (a dotted lookup and a filter
per cell) was most of the fragment's time.  These functions print exactly what the loops of
``templates/regency/_warning_body.html`` printed (``tests/regency/test_warning_html.py`` compares both
ways byte for byte): every text from the data is escaped as autoescape escaped it, ``None`` printed
"None" as ``{{ }}`` printed it; only the markup built here is marked safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from reporting import formatting
from reporting.regency.warnings import IndicatorRisk, ProgramRisk

NO_PROGRAM = '<tr><td colspan="8" class="muted">Tidak ada program berisiko.</td></tr>'
NO_INDICATOR = '<tr><td colspan="13" class="muted">Tidak ada indikator berisiko.</td></tr>'


def _v(value: object) -> str:
    """``{{ value }}`` under autoescape (``render_value_in_context``): localized, then escaped unless safe
    (``django.utils.html.escape`` is ``html.escape`` of the ``str``; called directly, without its lazy
    wrapper)."""
    if not isinstance(value, str):
        value = localize(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(str(value))


def _reasons(reasons: Iterable[str]) -> str:
    """``{{ reasons|join:"; " }}``: each reason escaped."""
    return "; ".join(_v(r) for r in reasons)


def program_rows(programs: Iterable[ProgramRisk], whole_pemda: bool) -> SafeString:
    """The ``<tbody>`` of the programs at risk."""
    parts: list[str] = []
    for p in programs:
        row, budget = p.line.row, p.budget
        agency = f"<td>{_v(p.agency.name)}</td>" if whole_pemda else ""
        parts.append(
            f"\n    <tr>{agency}<td>{_v(row.code)}</td><td>{_v(row.name)}</td>"
            f'\n      <td class="n">{_v(formatting.rupiah(budget.budget))}</td>'
            f'<td class="n">{_v(formatting.rupiah(budget.realized_so_far))}</td>'
            f'<td class="n">{_v(formatting.percent(budget.absorption))}</td>'
            f'<td class="n">{_v(formatting.percent(budget.planned_absorption))}</td>'
            f"\n      <td>{_reasons(p.reasons)}</td></tr>"
        )
    return mark_safe("".join(parts) or NO_PROGRAM)


def indicator_rows(indicators: Iterable[IndicatorRisk], whole_pemda: bool) -> SafeString:
    """The ``<tbody>`` of the indicators at risk."""
    parts: list[str] = []
    for i in indicators:
        line, w = i.line, i.warning
        indicator = line.indicator
        name, unit = (indicator.name, indicator.unit) if indicator is not None else ("", "")
        agency = f"<td>{_v(i.agency.name)}</td>" if whole_pemda else ""
        parts.append(
            f"\n    <tr>{agency}<td>{_v(i.program)}</td><td>{_v(line.row.name)}</td>"
            f"<td>{_v(name)}</td><td>{_v(unit)}</td>"
            f'\n      <td class="n">{_v(formatting.value_id(w.plan_so_far))}</td>'
            f'<td class="n">{_v(formatting.value_id(w.realized_so_far))}</td>'
            f'<td class="n">{_v(formatting.value_id(w.deviation))}</td>'
            f'<td class="n">{_v(formatting.percent(w.progress))}</td>'
            f'\n      <td class="n">{_v(formatting.value_id(w.projection))}</td><td>{_v(i.method)}</td>'
            f'<td class="n">{_v(formatting.percent(w.projected_achievement))}</td><td>{_reasons(i.reasons)}</td></tr>'
        )
    return mark_safe("".join(parts) or NO_INDICATOR)
