"""Achievement (capaian) and budget absorption, in percent, unrounded (DOMAIN.md section 5)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.numbers import HUNDRED
from domain.types import Direction, NegativeFormula, Value


class Undefined(StrEnum):
    """Why an achievement could not be computed."""

    NO_TARGET = "no_target"
    NO_REALIZATION = "no_realization"
    ZERO_TARGET = "zero_target"
    """Positive indicator with target 0: undefined, and a finding."""
    ZERO_REALIZATION = "zero_realization"
    """Negative indicator under T / R with R = 0 and T > 0: no finite value."""


@dataclass(frozen=True, slots=True)
class Achievement:
    value: Value
    undefined: Undefined | None = None


def achievement(
    target: Value,
    realization: Value,
    direction: Direction = Direction.POSITIVE,
    negative_formula: NegativeFormula = NegativeFormula.TWO_T_MINUS_R,
) -> Achievement:
    """Achievement of ``realization`` against ``target`` in percent.

    Positive: R / T x 100.  Negative (lower is better): (2T - R) / T x 100 floored at 0, or T / R x 100
    when the pemda chose it.  A missing target or realisation gives no value (never 0, never 100).
    Target 0: positive is undefined; negative is 100 when R = 0, else 0.  Not capped, not rounded.
    """
    if target is None:
        return Achievement(None, Undefined.NO_TARGET)
    if realization is None:
        return Achievement(None, Undefined.NO_REALIZATION)
    if direction is Direction.POSITIVE:
        if target == 0:
            return Achievement(None, Undefined.ZERO_TARGET)
        return Achievement(realization / target * HUNDRED)
    if target == 0:
        return Achievement(HUNDRED if realization == 0 else Decimal(0))
    if negative_formula is NegativeFormula.TWO_T_MINUS_R:
        return Achievement(max(Decimal(0), (2 * target - realization) / target * HUNDRED))
    if realization == 0:
        return Achievement(None, Undefined.ZERO_REALIZATION)
    return Achievement(target / realization * HUNDRED)


def absorption(realized: Value, budget: Value) -> Value:
    """Budget absorption (Rp achievement): realised Rp / pagu Rp x 100, no polarity.

    ``None`` when either is missing or the pagu is 0.
    """
    if realized is None or budget is None or budget == 0:
        return None
    return realized / budget * HUNDRED
