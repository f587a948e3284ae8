from __future__ import annotations

from decimal import Decimal

import pytest

from domain.numbers import agrees_with_statement, decimal_places, round_half_up, to_decimal

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("2.345"), 2, D("2.35")),  # half-up, not banker's rounding
        (D("2.335"), 2, D("2.34")),
        (D("2.344999"), 2, D("2.34")),
        (D("-2.345"), 2, D("-2.35")),
        (D("99.445"), 2, D("99.45")),
        (D("6792.4242"), 1, D("6792.4")),
        (D("0.5"), 0, D("1")),
        (D("1.5"), 0, D("2")),
        (D("2.5"), 0, D("3")),
    ],
)
def test_round_half_up(value, places, expected) -> None:
    assert round_half_up(value, places) == expected


@pytest.mark.parametrize(
    ("computed", "stated", "agrees"),
    [
        (D("80") / D("88.2") * 100, D("90.703"), True),  # printed with three decimals
        (D("44.83") / D("0.66") * 100, D("6792.4"), True),
        (D("99.45"), D("99.60"), False),  # the seed's average
        (D("5096.63"), D("51"), False),  # the seed's ratio printed as a percentage
        (D("18.37"), D("18"), True),
        (D("397"), D("397"), True),
    ],
)
def test_agrees_with_statement(computed, stated, agrees) -> None:
    assert agrees_with_statement(computed, stated) is agrees


def test_decimal_places() -> None:
    assert [decimal_places(D(s)) for s in ("51", "90.703", "99.60", "1E+3")] == [0, 3, 2, 0]


@pytest.mark.parametrize("bad", [1.5, True])
def test_to_decimal_refuses_floats(bad) -> None:
    with pytest.raises(TypeError):
        to_decimal(bad)


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", ""])
def test_to_decimal_refuses_non_numbers(bad) -> None:
    with pytest.raises(ValueError):
        to_decimal(bad)


def test_to_decimal() -> None:
    assert to_decimal(" 13.44 ") == D("13.44")
    assert to_decimal(7) == D(7)
    assert to_decimal(None) is None
