"""Early warning: tables of cases whose answer is worked out by hand, boundaries included."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.early_warning import Method, Reason, Thresholds, budget_warning, indicator_warning, project
from domain.types import Aggregation, Direction

D = Decimal
N = None
SUM, LAST, AVG, MAX = Aggregation.SUM, Aggregation.LAST, Aggregation.AVG, Aggregation.MAX


@pytest.mark.parametrize(
    ("values", "plan", "aggregation", "upto", "projection", "method"),
    [
        # SUM with a Rencana Aksi: 10 done of 10 planned in TW I, year's plan 40 -> 40.
        ((D(10), N, N, N), (D(10), D(10), D(10), D(10)), SUM, 1, D(40), Method.PLAN_RATIO),
        # SUM, back-loaded plan 5/5/10/20: 4 done of 5 -> 4 x 40 / 5 = 32.
        ((D(4), N, N, N), (D(5), D(5), D(10), D(20)), SUM, 1, D(32), Method.PLAN_RATIO),
        # SUM, nothing planned yet (0 in TW I): linear run-rate 3 x 4 / 1.
        ((D(3), N, N, N), (D(0), D(10), D(10), D(10)), SUM, 1, D(12), Method.RUN_RATE),
        # SUM, two quarters, no plan at all: (6 + 4) x 4 / 2 = 20.
        ((D(6), D(4), N, N), (N, N, N, N), SUM, 2, D(20), Method.RUN_RATE),
        # SUM at TW IV: the year is known, nothing projected.
        ((D(3), D(4), D(1), D(6)), (D(4), D(4), D(4), D(4)), SUM, 4, D(14), Method.RUN_RATE),
        # LAST: the last value reported (TW III blank: TW II's).
        ((D(50), D(60), N, N), (D(50), D(60), D(70), D(80)), LAST, 3, D(60), Method.LAST),
        # AVG: the mean so far; MAX: the highest so far.
        ((D(4), D(6), N, N), (N, N, N, N), AVG, 2, D(5), Method.MEAN),
        ((D(7), D(5), D(6), N), (N, N, N, N), MAX, 3, D(7), Method.MAX),
        # Nothing reported: nothing projected.
        ((N, N, N, N), (D(1), D(1), D(1), D(1)), SUM, 2, N, None),
        # Reported as 0 ("-") is reported: 0 projected, not blank.
        ((D(0), N, N, N), (D(5), D(5), D(5), D(5)), SUM, 1, D(0), Method.PLAN_RATIO),
    ],
)
def test_projection(values, plan, aggregation, upto, projection, method) -> None:
    assert project(values, plan, aggregation, upto) == (projection, method)


@pytest.mark.parametrize(
    ("quarters", "plan", "aggregation", "target", "upto", "direction", "expect"),
    [
        # On plan: 10 of 10, projected 40 of 40 -> no risk.
        (
            (D(10), N, N, N),
            (D(10), D(10), D(10), D(10)),
            SUM,
            D(40),
            1,
            Direction.POSITIVE,
            (D(10), D(10), D(0), D(100), D(40), D(100), ()),
        ),
        # Behind: 8 of 10 planned = 80 % < 90; projected 32 of 40 = 80 % < 90.
        (
            (D(8), N, N, N),
            (D(10), D(10), D(10), D(10)),
            SUM,
            D(40),
            1,
            Direction.POSITIVE,
            (D(10), D(8), D(-2), D(80), D(32), D(80), (Reason.BEHIND_PLAN, Reason.PROJECTED_SHORT)),
        ),
        # Boundary: exactly 90 % is not behind (the threshold is "below").
        (
            (D(9), N, N, N),
            (D(10), D(10), D(10), D(10)),
            SUM,
            D(40),
            1,
            Direction.POSITIVE,
            (D(10), D(9), D(-1), D(90), D(36), D(90), ()),
        ),
        # Planned, not reported: NOT_REPORTED, no progress, no projection.
        (
            (N, N, N, N),
            (D(10), D(10), D(10), D(10)),
            SUM,
            D(40),
            2,
            Direction.POSITIVE,
            (D(20), N, N, N, N, N, (Reason.NOT_REPORTED,)),
        ),
        # Annual indicator planned only in TW IV, nothing reported at TW II: not late.
        ((N, N, N, N), (N, N, N, D(1)), SUM, D(1), 2, Direction.POSITIVE, (N, N, N, N, N, N, ())),
        # LAST %: at 60 where 70 is planned by TW III: 85.71.. % behind; projected 60 of 80 = 75 %.
        (
            (D(50), D(60), D(60), N),
            (D(50), D(60), D(70), D(80)),
            LAST,
            D(80),
            3,
            Direction.POSITIVE,
            (D(70), D(60), D(-10), D(60) / D(70) * 100, D(60), D(75), (Reason.BEHIND_PLAN, Reason.PROJECTED_SHORT)),
        ),
        # Negative (lower is better), AVG: mean 12 days where 10 were planned: (20 - 12) / 10 = 80 %.
        (
            (D(12), D(12), N, N),
            (D(10), D(10), D(10), D(10)),
            AVG,
            D(10),
            2,
            Direction.NEGATIVE,
            (D(10), D(12), D(2), D(80), D(12), D(80), (Reason.BEHIND_PLAN, Reason.PROJECTED_SHORT)),
        ),
        # Negative, better than planned: 8 where 10 -> 120 %: no risk.
        (
            (D(8), N, N, N),
            (D(10), D(10), D(10), D(10)),
            LAST,
            D(10),
            1,
            Direction.NEGATIVE,
            (D(10), D(8), D(-2), D(120), D(8), D(120), ()),
        ),
        # No Renja target: the Rencana Aksi's year (40) is the goal.
        (
            (D(5), N, N, N),
            (D(10), D(10), D(10), D(10)),
            SUM,
            N,
            1,
            Direction.POSITIVE,
            (D(10), D(5), D(-5), D(50), D(20), D(50), (Reason.BEHIND_PLAN, Reason.PROJECTED_SHORT)),
        ),
    ],
)
def test_indicator_warning(quarters, plan, aggregation, target, upto, direction, expect) -> None:
    w = indicator_warning(
        quarters=quarters, action_plan=plan, aggregation=aggregation, target=target, upto=upto, direction=direction
    )
    got = (w.plan_so_far, w.realized_so_far, w.deviation, w.progress, w.projection, w.projected_achievement, w.reasons)
    assert got == expect
    assert w.at_risk is bool(expect[-1])


def test_thresholds_are_parameters() -> None:
    w = indicator_warning(
        quarters=(D(8), N, N, N), action_plan=(D(10),) * 4, aggregation=SUM, target=D(40), upto=1,
        thresholds=Thresholds(progress=D(80), projected=D(80)),
    )  # fmt: skip
    assert w.reasons == ()  # 80 % is not below 80 %


@pytest.mark.parametrize(
    ("budget", "quarters", "upto", "behind", "expect"),
    [
        # 100 juta, TW I: plan 25; spent 25 -> 100 % of plan, 25 % absorbed.
        (D(100), (D(25), N, N, N), 1, False, (D(25), D(25), D(25), D(100), ())),
        # TW II: plan 50; spent 30 -> 60 % of plan < 75.
        (D(100), (D(10), D(20), N, N), 2, False, (D(50), D(30), D(30), D(60), (Reason.BUDGET_BEHIND,))),
        # Boundary: exactly 75 % of the plan is not behind.
        (D(100), (D(30), D("7.5"), N, N), 2, False, (D(50), D("37.5"), D("37.5"), D(75), ())),
        # Spent above pagu.
        (D(100), (D(60), D(50), N, N), 2, False, (D(50), D(110), D(110), D(220), (Reason.BUDGET_OVERRUN,))),
        # Spent on plan while the indicators are behind.
        (D(100), (D(25), D(25), N, N), 2, True, (D(50), D(50), D(50), D(100), (Reason.SPENT_WITHOUT_PROGRESS,))),
        # Nothing reported: not 0 spent, said as not reported.
        (D(100), (N, N, N, N), 1, False, (D(25), N, N, N, (Reason.NOT_REPORTED,))),
        # No pagu: nothing to compare with.
        (N, (D(5), N, N, N), 1, False, (N, D(5), N, N, ())),
    ],
)
def test_budget_warning(budget, quarters, upto, behind, expect) -> None:
    w = budget_warning(budget=budget, quarters=quarters, upto=upto, indicator_behind=behind)
    assert (w.planned_so_far, w.realized_so_far, w.absorption, w.progress, w.reasons) == expect


@pytest.mark.parametrize("upto", [0, 5])
def test_quarter_out_of_range(upto) -> None:
    with pytest.raises(ValueError):
        indicator_warning(quarters=(N,) * 4, action_plan=(N,) * 4, aggregation=SUM, target=N, upto=upto)
    with pytest.raises(ValueError):
        budget_warning(budget=D(1), quarters=(N,) * 4, upto=upto)
