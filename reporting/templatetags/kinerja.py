"""Template filters that format numbers the Indonesian way; they never compute."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import template
from django.conf import settings
from django.utils.translation import gettext

from quarters.evidence_content import ACCEPTED_TEXT, EXTENSIONS
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


@register.filter
def item(mapping: Mapping[Any, Any] | None, key: object) -> Any:
    """``mapping[key]``, or an empty list when absent: ``{{ evidence_by_row|item:row_id }}``."""
    if not mapping:
        return []
    return mapping.get(key, [])


@register.filter
def file_size(size: int | None) -> str:
    """Bytes as people read them, the Indonesian way: 850 B, 12 KB, 1,4 MB."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    megabytes = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    return megabytes.removesuffix(",0") + " MB"


@register.simple_tag
def evidence_accept() -> str:
    """The file input's ``accept`` list for evidence (the server checks the content anyway)."""
    return ",".join(EXTENSIONS)


@register.simple_tag
def evidence_limits() -> str:
    """ "PDF, JPEG, PNG, ...; paling besar 10 MB per berkas"."""
    return gettext("%(kinds)s; paling besar %(size)s per berkas") % {
        "kinds": ACCEPTED_TEXT,
        "size": file_size(settings.KINERJA_MAX_EVIDENCE_BYTES),
    }
