"""Template filters that format numbers the Indonesian way; they never compute."""

from __future__ import annotations

from decimal import Decimal

from django import template

from reporting import formatting, labels
from reporting.labels import AGGREGATION, LEVEL, QUARTER_ROMAN, SEVERITY

register = template.Library()


@register.filter
def rupiah(value: Decimal | None) -> str:
    return formatting.rupiah(value)


@register.filter
def angka(value: Decimal | None) -> str:
    return formatting.value_id(value)


@register.filter
def persen(value: Decimal | None) -> str:
    return formatting.percent(value)


@register.filter
def level_label(level: object) -> str:
    return LEVEL.get(level, str(level))  # type: ignore[call-overload]


@register.filter
def aggregation_label(aggregation: object) -> str:
    return AGGREGATION.get(aggregation, str(aggregation))  # type: ignore[call-overload]


@register.filter
def severity_label(severity: object) -> str:
    return SEVERITY.get(severity, str(severity))  # type: ignore[call-overload]


@register.filter
def roman(quarter: int) -> str:
    return QUARTER_ROMAN[int(quarter) - 1]


@register.filter
def finding_text(finding: object) -> str:
    from reporting.finding_text import finding_message

    return finding_message(finding)  # type: ignore[arg-type]


@register.filter
def label(code: object, vocabulary: str) -> str:
    """A code in Indonesian words: ``{{ change.model|label:"model" }}``, ``{{ d.aggregation|label:"aggregation" }}``;
    a value of a choice field by the field's name, ``{{ change.before|label:change.field }}``.  Anything else
    (names, numbers, free text) is printed as it is."""
    return labels.label(code, str(vocabulary))
