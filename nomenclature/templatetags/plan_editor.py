"""Filters of the plan editor's forms: a value as it is typed back (Indonesian notation), blank for none."""

from __future__ import annotations

from decimal import Decimal

from django import template

from reporting import formatting

register = template.Library()


@register.filter
def isian_rp(value: object) -> str:
    return formatting.rupiah(value) if isinstance(value, Decimal) else ""


@register.filter
def isian_k(value: object) -> str:
    return formatting.value_id(value) if isinstance(value, Decimal) else ""
