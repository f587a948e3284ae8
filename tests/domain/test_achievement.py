from __future__ import annotations

from decimal import Decimal

import pytest

from domain.achievement import Undefined, absorption, achievement
from domain.types import Direction, NegativeFormula

D = Decimal
POS, NEG = Direction.POSITIVE, Direction.NEGATIVE
TWO, TOR = NegativeFormula.TWO_T_MINUS_R, NegativeFormula.T_OVER_R


@pytest.mark.parametrize(
    ("target", "realization", "direction", "formula", "expected", "undefined"),
    [
        # positive: R / T x 100, not capped (the seed prints 6792.4 %)
        (D(400), D(397), POS, TWO, D("99.25"), None),
        (D("0.66"), D("44.83"), POS, TWO, D("44.83") / D("0.66") * 100, None),
        (D(100), D(0), POS, TWO, D(0), None),  # a reported 0 achieves 0 %
        (D(100), D(150), POS, TWO, D(150), None),
        # negative, default (2T - R) / T x 100, floored at 0
        (D(10), D(8), NEG, TWO, D(120), None),
        (D(10), D(10), NEG, TWO, D(100), None),
        (D(10), D(15), NEG, TWO, D(50), None),
        (D(10), D(20), NEG, TWO, D(0), None),
        (D(10), D(35), NEG, TWO, D(0), None),  # floored, never negative
        (D(10), D(0), NEG, TWO, D(200), None),
        # negative, the pemda's alternative T / R x 100
        (D(10), D(8), NEG, TOR, D(125), None),
        (D(10), D(20), NEG, TOR, D(50), None),
        (D(10), D(0), NEG, TOR, None, Undefined.ZERO_REALIZATION),
        # missing target or realisation: no achievement, never 0 and never 100
        (None, D(5), POS, TWO, None, Undefined.NO_TARGET),
        (None, D(5), NEG, TWO, None, Undefined.NO_TARGET),
        (D(5), None, POS, TWO, None, Undefined.NO_REALIZATION),
        (D(5), None, NEG, TOR, None, Undefined.NO_REALIZATION),
        # target 0
        (D(0), D(5), POS, TWO, None, Undefined.ZERO_TARGET),
        (D(0), D(0), POS, TWO, None, Undefined.ZERO_TARGET),
        (D(0), D(0), NEG, TWO, D(100), None),
        (D(0), D(3), NEG, TWO, D(0), None),
        (D(0), D(0), NEG, TOR, D(100), None),
        (D(0), D(3), NEG, TOR, D(0), None),
    ],
)
def test_achievement(target, realization, direction, formula, expected, undefined) -> None:
    result = achievement(target, realization, direction, formula)
    assert result.value == expected
    assert result.undefined == undefined


@pytest.mark.parametrize(
    ("realized", "budget", "expected"),
    [
        (D("446251600"), D("551250000"), D("446251600") / D("551250000") * 100),
        (D("11238069445"), D("220500000"), D("11238069445") / D("220500000") * 100),
        (D(0), D(100), D(0)),
        (None, D(100), None),
        (D(5), None, None),
        (D(5), D(0), None),
    ],
)
def test_absorption(realized, budget, expected) -> None:
    assert absorption(realized, budget) == expected


def test_achievement_is_decimal_not_float() -> None:
    value = achievement(D("81.10"), D("60.72")).value
    assert isinstance(value, Decimal)
