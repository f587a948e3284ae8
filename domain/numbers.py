"""Decimal helpers: parsing of document figures and half-up rounding for display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.types import Value

HUNDRED = Decimal(100)


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round half-up to ``places`` decimals (2.345 -> 2.35), the way reports print figures."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def decimal_places(value: Decimal) -> int:
    """Number of decimals written in a figure ("90.703" -> 3, "51" -> 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def agrees_with_statement(computed: Decimal, stated: Decimal) -> bool:
    """Whether a printed figure is the computed one written at the printed precision.

    ``stated`` "90.703" agrees with 90.70294...; "51" does not agree with 5096.6.
    """
    return round_half_up(computed, decimal_places(stated)) == stated


def to_decimal(value: object) -> Value:
    """A figure from plain data (str, int, Decimal) as Decimal; ``None`` stays ``None``.

    Floats are refused: they arrive already rounded in binary, and money must not.
    """
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"refusing {type(value).__name__} {value!r}: pass a str or Decimal")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
        if not result.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return result
    raise TypeError(f"not a number: {value!r}")


def plain(value: Decimal) -> str:
    """The value without storage zeros, as a machine string: 13.440000 -> "13.44", 400.00 -> "400"."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")
