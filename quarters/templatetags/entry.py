"""Filters of the entry screen: a value as it stands in its cell (blank stays blank, 0 is "-")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import SafeString

from planning.roles import person_name
from quarters import entry_html

register = template.Library()


@register.filter
def cell_k(value: Decimal | None) -> str:
    return entry_html.cell_k(value)


@register.filter
def cell_rp(value: Decimal | None) -> str:
    return entry_html.cell_rp(value)


@register.simple_tag
def entry_rows(screen: Any) -> SafeString:
    """Every line of the entry table (``quarters.entry_html``)."""
    return entry_html.rows_html(screen.lines, quarter=screen.access.quarter, editable=screen.access.may_enter)


@register.simple_tag
def entry_input(line: Any, kind: str, access: Any, outcome: Any = None, oob: bool = False) -> SafeString:
    return entry_html.input_cell(line, kind, editable=access.may_enter, outcome=outcome, oob=oob)


@register.simple_tag
def entry_computed(line: Any, name: str, oob: bool = False) -> SafeString:
    return entry_html.computed_cell(line, name, oob=oob)


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
    return person_name(user)
