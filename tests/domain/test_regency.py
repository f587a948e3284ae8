"""The E.79's combination rules (domain/regency.py), by tables of cases worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.regency import BudgetTotal, budget_sum, efficiency, program_area

D = Decimal
N = None


@pytest.mark.parametrize(
    ("code", "area"),
    [
        ("2.17.07", ("2", "2.17")),
        ("1.01.02", ("1", "1.01")),
        ("X.XX.01", ("X", "X.XX")),
        (" 2.17.07 ", ("2", "2.17")),
        ("", ("", "")),
        ("2.1.07", ("", "")),  # bidang has two digits
        ("Program Penunjang", ("", "")),
    ],
)
def test_program_area(code, area) -> None:
    assert program_area(code) == area


def test_budget_sum_keeps_blank_apart_from_zero() -> None:
    a = BudgetTotal(annual=D(100), quarters=(D(25), D(25), N, N), realized=D(50))
    b = BudgetTotal(annual=D(300), quarters=(D(60), N, N, N), realized=D(60))
    total = budget_sum([a, b])
    assert total.annual == 400
    assert total.quarters == (D(85), D(25), N, N)  # TW III and IV: nobody reported, stays blank
    assert total.realized == 110
    assert total.absorption == D("27.5")
    assert total.strategic is None and total.cumulative_absorption is None
    assert budget_sum([]) == BudgetTotal()


@pytest.mark.parametrize(
    ("achievement", "absorbed", "expected"),
    [
        (D(90), D(90), D(1)),
        (D(100), D(50), D(2)),
        (D(60), D(100), D("0.6")),
        (D(80), D(0), N),  # nothing absorbed: no ratio
        (N, D(50), N),
        (D(80), N, N),
    ],
)
def test_efficiency(achievement, absorbed, expected) -> None:
    assert efficiency(achievement, absorbed) == expected
