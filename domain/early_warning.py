"""Early warning (peringatan dini): from quarter I on, which indicators and programs are off their
Rencana Aksi, and where the year is heading.

Pure functions over the E.81's inputs.  For an indicator with quarterly targets (Rencana Aksi), as of the
end of quarter ``n``:

- **plan so far** and **realisation so far** combine quarters 1..n by the indicator's own aggregation
  (DOMAIN.md section 4): SUM adds, LAST takes the latest, AVG the mean, MAX the highest;
- **progress** is the realisation so far against the plan so far as an achievement (R / T x 100, or the
  negative formula for lower-is-better indicators), the **deviation** their difference in the unit;
- the **projection** of the year-end realisation: SUM: the realisation so far scaled by the ratio of the
  year's plan to the plan so far (where nothing was planned yet: the linear run-rate, so far x 4 / n);
  LAST: the last value reported; AVG: the mean so far; MAX: the highest so far; its achievement is
  against the Renja target (column 7), or the Rencana Aksi's year when the Renja sets none.

Budget: the absorption so far against a plan of pagu x n / 4 (no monthly cash plan is entered).
All values unrounded ``Decimal``; blank is never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from domain.achievement import absorption, achievement
from domain.aggregation import aggregate, reported, sum_reported
from domain.numbers import HUNDRED
from domain.types import Aggregation, Direction, NegativeFormula, Quarters, Value


class Method(StrEnum):
    """How the year-end realisation was projected."""

    PLAN_RATIO = "plan_ratio"  # SUM: so far x (year's plan / plan so far)
    RUN_RATE = "run_rate"  # SUM without a plan so far: so far x 4 / n
    LAST = "last"
    MEAN = "mean"
    MAX = "max"


class Reason(StrEnum):
    """Why an indicator or a budget is at risk."""

    NOT_REPORTED = "not_reported"  # planned up to now, nothing reported
    BEHIND_PLAN = "behind_plan"  # progress against the plan so far below the threshold
    PROJECTED_SHORT = "projected_short"  # projected year-end achievement below the threshold
    BUDGET_BEHIND = "budget_behind"  # absorption below the threshold share of its plan so far
    BUDGET_OVERRUN = "budget_overrun"  # realised Rp above pagu
    SPENT_WITHOUT_PROGRESS = "spent_without_progress"  # budget on plan or ahead, indicator behind


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where a deviation becomes a risk, in percent; the pemda's page prints them."""

    progress: Decimal = Decimal(90)  # realisation so far below 90 % of the plan so far
    projected: Decimal = Decimal(90)  # projected achievement below 90 % of the target
    budget: Decimal = Decimal(75)  # absorption so far below 75 % of the plan so far


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class IndicatorWarning:
    quarter: int
    plan_so_far: Value
    realized_so_far: Value
    deviation: Value  # realised - planned, in the indicator's unit
    progress: Value  # realised so far / planned so far, %
    projection: Value  # the year-end realisation projected
    method: Method | None
    projected_achievement: Value  # the projection against the target, %
    reasons: tuple[Reason, ...]

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True, slots=True)
class BudgetWarning:
    quarter: int
    budget: Value  # pagu
    planned_so_far: Value  # pagu x n / 4
    realized_so_far: Value
    absorption: Value  # realised so far / pagu, %
    planned_absorption: Value  # n x 25 %
    progress: Value  # realised so far / planned so far, %
    reasons: tuple[Reason, ...]

    @property
    def at_risk(self) -> bool:
        return bool(self.reasons)


def has_quarterly_targets(action_plan: Quarters) -> bool:
    return any(v is not None for v in action_plan)


def project(
    values: Sequence[Value], plan: Sequence[Value], aggregation: Aggregation, upto: int
) -> tuple[Value, Method | None]:
    """The year-end realisation projected from quarters 1..``upto`` and how (module docstring)."""
    so_far = aggregate(values, aggregation, upto)
    if so_far is None:
        return None, None
    if aggregation is Aggregation.LAST:
        return so_far, Method.LAST
    if aggregation is Aggregation.AVG:
        return so_far, Method.MEAN
    if aggregation is Aggregation.MAX:
        return so_far, Method.MAX
    if upto == 4:
        return so_far, Method.RUN_RATE
    planned = sum_reported(plan, upto)
    year = sum_reported(plan, 4)
    if planned and year is not None:
        return so_far * year / planned, Method.PLAN_RATIO
    return so_far * 4 / upto, Method.RUN_RATE


def indicator_warning(
    *,
    quarters: Quarters,
    action_plan: Quarters,
    aggregation: Aggregation,
    target: Value,
    upto: int,
    direction: Direction = Direction.POSITIVE,
    negative_formula: NegativeFormula = NegativeFormula.TWO_T_MINUS_R,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> IndicatorWarning:
    """The early warning of one indicator as of the end of quarter ``upto`` (module docstring).

    A quarter planned (a non-zero Rencana Aksi up to ``upto``) with nothing reported is NOT_REPORTED;
    progress below ``thresholds.progress`` is BEHIND_PLAN; a projected achievement below
    ``thresholds.projected`` is PROJECTED_SHORT.  Nothing planned and nothing reported yet: no risk.
    """
    if not 1 <= upto <= 4:
        raise ValueError(f"quarter must be 1-4, not {upto}")
    planned = aggregate(action_plan, aggregation, upto)
    realized = aggregate(quarters, aggregation, upto)
    reasons: list[Reason] = []
    planned_something = any(v is not None and v != 0 for v in action_plan[:upto])
    if realized is None and planned_something:
        reasons.append(Reason.NOT_REPORTED)
    progress = achievement(planned, realized, direction, negative_formula).value if planned else None
    if planned == 0 and realized is not None and direction is Direction.NEGATIVE:
        progress = achievement(planned, realized, direction, negative_formula).value
    if progress is not None and progress < thresholds.progress:
        reasons.append(Reason.BEHIND_PLAN)
    projection, method = project(quarters, action_plan, aggregation, upto)
    goal = target if target is not None else aggregate(action_plan, aggregation)
    projected = achievement(goal, projection, direction, negative_formula).value
    if projected is not None and projected < thresholds.projected:
        reasons.append(Reason.PROJECTED_SHORT)
    deviation = realized - planned if realized is not None and planned is not None else None
    return IndicatorWarning(
        quarter=upto,
        plan_so_far=planned,
        realized_so_far=realized,
        deviation=deviation,
        progress=progress,
        projection=projection,
        method=method,
        projected_achievement=projected,
        reasons=tuple(reasons),
    )


def budget_warning(
    *,
    budget: Value,
    quarters: Quarters,
    upto: int,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    indicator_behind: bool = False,
) -> BudgetWarning:
    """Budget absorption as of the end of quarter ``upto`` against a linear plan, pagu x ``upto`` / 4.

    No Rp reported up to ``upto`` (with a pagu) is NOT_REPORTED, never read as 0 spent; absorption
    below ``thresholds.budget`` % of that plan is BUDGET_BEHIND; realised above pagu is
    BUDGET_OVERRUN; money spent on plan or ahead while ``indicator_behind`` is SPENT_WITHOUT_PROGRESS.
    """
    if not 1 <= upto <= 4:
        raise ValueError(f"quarter must be 1-4, not {upto}")
    realized = sum_reported(quarters, upto)
    planned = budget * upto / 4 if budget is not None else None
    progress = absorption(realized, planned) if planned else None
    reasons: list[Reason] = []
    if realized is None and planned:
        reasons.append(Reason.NOT_REPORTED)  # no Rp reported is not 0 spent: said as such
    if progress is not None and progress < thresholds.budget:
        reasons.append(Reason.BUDGET_BEHIND)
    if budget is not None and realized is not None and realized > budget:
        reasons.append(Reason.BUDGET_OVERRUN)
    if indicator_behind and progress is not None and progress >= HUNDRED:
        reasons.append(Reason.SPENT_WITHOUT_PROGRESS)
    return BudgetWarning(
        quarter=upto,
        budget=budget,
        planned_so_far=planned,
        realized_so_far=realized,
        absorption=absorption(realized, budget),
        planned_absorption=Decimal(25 * upto) if budget else None,
        progress=progress,
        reasons=tuple(reasons),
    )


def reported_quarters(values: Quarters, upto: int) -> int:
    """How many of quarters 1..``upto`` were reported."""
    return len(reported(values, upto))
