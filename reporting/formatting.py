"""Indonesian number formatting for screens and paper: 11.238.069.445 and 99,45.

Formatting only: values arrive computed.  Percentages are rounded half-up to two decimals here,
at the moment they are shown, never before.
"""

from __future__ import annotations

from decimal import Decimal

from domain.numbers import plain, round_half_up


def _group(integer: str) -> str:
    sign = "-" if integer.startswith("-") else ""
    digits = integer.lstrip("-")
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sign + ".".join(groups)


def number_id(value: Decimal | None, places: int | None = None, empty: str = "") -> str:
    """A value in Indonesian notation; ``places`` fixes the decimals (half-up), else as entered."""
    if value is None:
        return empty
    text = plain(value) if places is None else str(round_half_up(value, places))
    integer, _, fraction = text.partition(".")
    return _group(integer) + ("," + fraction if fraction else "")


def rupiah(value: Decimal | None, empty: str = "") -> str:
    """Rp without the symbol, sen only when present: 11.238.069.445 or 1.250,50."""
    if value is None:
        return empty
    if value == value.to_integral_value():
        return number_id(value, 0)
    return number_id(value, 2)


def value_id(value: Decimal | None, empty: str = "") -> str:
    """A K value as entered (up to 6 decimals), Indonesian notation: 13,44 or 397."""
    if value is None:
        return empty
    integer, _, fraction = plain(value).partition(".")
    return _group(integer) + ("," + fraction if fraction else "")


def percent(value: Decimal | None, empty: str = "") -> str:
    """A percentage rounded half-up to two decimals: 99,45."""
    return number_id(value, 2, empty)


def percent_machine(value: Decimal | None) -> str | None:
    """A percentage for machine formats (JSON, CSV): "99.45", half-up to two decimals."""
    return None if value is None else str(round_half_up(value, 2))


def printed(value: Decimal | None, empty: str = "") -> str:
    """A figure as a document printed it, digits kept ("99.60" -> "99,60")."""
    if value is None:
        return empty
    integer, _, fraction = format(value, "f").partition(".")
    return _group(integer) + ("," + fraction if fraction else "")
