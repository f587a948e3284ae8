"""``{% warning_program_rows %}`` and ``{% warning_indicator_rows %}``: the early-warning tables' rows,
written in Python (``reporting/regency/warning_html.py``) instead of a template loop."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from reporting.regency.warning_html import indicator_rows, program_rows
from reporting.regency.warnings import EarlyWarning

register = template.Library()


@register.simple_tag
def warning_program_rows(warning: EarlyWarning, whole_pemda: object = False) -> SafeString:
    return program_rows(warning.programs_at_risk, bool(whole_pemda))


@register.simple_tag
def warning_indicator_rows(warning: EarlyWarning, whole_pemda: object = False) -> SafeString:
    return indicator_rows(warning.indicators_at_risk, bool(whole_pemda))
