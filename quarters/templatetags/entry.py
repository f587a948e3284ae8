"""Filters of the entry screen: a value as it stands in its cell (blank stays blank, 0 is "-")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from reporting import formatting

register = template.Library()


@register.filter
def cell_k(value: Decimal | None) -> str:
    if value is None:
        return ""
    return "-" if value == 0 else formatting.value_id(value)


@register.filter
def cell_rp(value: Decimal | None) -> str:
    if value is None:
        return ""
    return "-" if value == 0 else formatting.rupiah(value)


@register.filter
def at(sequence: Any, index: int) -> Any:
    """``quarters|at:2``: an item by position (templates have no subscript)."""
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return None


@register.filter
def earlier(quarters: Any, upto: int) -> list[tuple[int, Any]]:
    """The quarters before quarter ``upto`` as (number, cell)."""
    return [(i + 1, quarters[i]) for i in range(upto - 1)]


WORKFLOW_ACTIONS = {
    "quarter_submit": "diajukan",
    "quarter_approve": "disetujui",
    "quarter_return": "dikembalikan",
    "quarter_unlock": "kunci dibuka",
    "narratives_set": "narasi diubah",
    "create": "dibuat",
    "update": "diubah",
}


@register.filter
def workflow_label(action: str) -> str:
    return WORKFLOW_ACTIONS.get(action, action.replace("_", " "))


@register.filter
def days_left(deadline: Any) -> str:
    """'5 hari lagi', 'hari ini', '3 hari terlambat' from today in the server's time zone."""
    from django.utils import timezone

    if deadline is None:
        return ""
    days = (deadline - timezone.localdate()).days
    if days > 0:
        return f"{days} hari lagi"
    if days == 0:
        return "hari ini"
    return f"{-days} hari terlambat"


@register.filter
def who(user: Any) -> str:
    """The person who did something: the full name, else the user name; "sistem" for a server command."""
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()
