"""The overview's and dashboards' figures, read off the core's evaluation (tables of cases, no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.evaluation import evaluate
from domain.inputs import Budget, IndicatorInput, ReportInput, RowInput
from domain.types import Aggregation, Level, Severity
from overview.figures import (
    GAP_POINTS,
    ProgramLine,
    filled,
    program_lines,
    severity_counts,
    share,
    spending_added,
    spending_by_quarter,
)

D = Decimal


def _program(key: str, target: str, quarters: tuple, pagu: str | None, spent: tuple) -> RowInput:
    return RowInput(
        key=key,
        level=Level.PROGRAM,
        name=f"Program {key}",
        budget=Budget(annual=None if pagu is None else D(pagu), quarters=tuple(None if v is None else D(v) for v in spent)),
        indicators=(
            IndicatorInput(
                key=f"i-{key}", name=f"Indikator {key}", unit="unit", aggregation=Aggregation.SUM, target=D(target),
                quarters=tuple(None if v is None else D(v) for v in quarters),
            ),
        ),
    )  # fmt: skip


PLAN = (
    _program("A", "10", ("2", "3", None, "0"), "1000", ("100", "200", None, None)),
    _program("B", "4", ("1", None, None, None), "2000", ("900", "700", "300", None)),
    _program("C", "8", (None, None, None, None), None, (None, None, None, None)),
)


def evaluation(quarter: int):  # type: ignore[no-untyped-def]
    return evaluate(ReportInput(year=2021, quarter=quarter, roots=PLAN))


@pytest.mark.parametrize(
    ("quarter", "indicators", "budgets"),
    [
        (1, 2, 2),  # A and B have K; A and B (with a pagu) have Rp; C has no pagu
        (2, 1, 2),
        (3, 0, 1),
        (4, 1, 0),  # A's "-" (0) counts as reported
    ],
)
def test_filled_counts_indicator_lines_and_funded_rows(quarter, indicators, budgets) -> None:
    f = filled(evaluation(4), quarter)
    assert (f.indicators, f.indicators_total, f.budgets, f.budgets_total) == (indicators, 3, budgets, 2)
    assert f.indicators_share == D(indicators) / 3 * 100


def test_program_lines_are_the_cores_columns() -> None:
    ev = evaluation(4)
    lines = program_lines(ev)
    assert [p.name for p in lines] == ["Program A", "Program B", "Program C"]
    for p, row in zip(lines, ev.rows, strict=True):
        assert p.achievement == row.annual_achievement.value
        assert p.absorption == row.annual_achievement.budget
    assert lines[0].achievement == D(50)  # 2 + 3 + 0 of 10
    assert lines[0].absorption == D(30)  # 300 of 1000
    assert lines[1].absorption == D(95)  # 1900 of 2000
    assert lines[1].achievement == D(25)  # 1 of 4
    assert lines[2].achievement is None and lines[2].absorption is None


@pytest.mark.parametrize(
    ("achievement", "absorption", "stands_out"),
    [
        ("25", "95", True),
        ("70", "95", True),  # exactly GAP_POINTS (25) apart
        ("70.01", "95", False),
        ("50", "30", False),
        (None, "95", False),
        ("10", None, False),
    ],
)
def test_a_program_that_spent_much_and_achieved_little_stands_out(achievement, absorption, stands_out) -> None:
    line = ProgramLine("1", "P", "I", achievement and D(achievement), absorption and D(absorption), None, None)
    assert GAP_POINTS == D(25)
    assert line.stands_out is stands_out


def test_spending_by_quarter_sums_the_programs_and_uses_the_cores_absorption() -> None:
    spending = spending_by_quarter([evaluation(3)])
    assert [(s.quarter, s.spent, s.cumulative, s.budget) for s in spending] == [
        (1, D(1000), D(1000), D(3000)),
        (2, D(900), D(1900), D(3000)),
        (3, D(300), D(2200), D(3000)),
    ]
    assert spending[-1].absorption == D(2200) / D(3000) * 100


def test_spending_of_several_pd_adds_them() -> None:
    one = spending_by_quarter([evaluation(2)])
    two = spending_by_quarter([evaluation(2), evaluation(2)])
    assert [s.cumulative * 2 for s in one] == [s.cumulative for s in two]
    assert [s.absorption for s in one] == [s.absorption for s in two]


def test_adding_each_pds_spending_is_spending_them_together() -> None:
    other = evaluate(
        ReportInput(
            year=2021, quarter=3, roots=(_program("Z", "1", ("1", None, None, None), "500", (None, "50", None, None)),)
        )
    )
    together = spending_by_quarter([evaluation(3), other])
    assert spending_added([spending_by_quarter([evaluation(3)]), spending_by_quarter([other])]) == together
    assert [s.cumulative for s in together] == [D(1000), D(1950), D(2250)]


def test_severity_counts_are_the_cores_findings() -> None:
    ev = evaluation(4)
    counts = severity_counts(ev)
    assert sum(counts.values()) == len(ev.findings)
    assert counts[Severity.ERROR] == sum(f.severity is Severity.ERROR for f in ev.findings)


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(0, 0, None), (0, 5, D(0)), (5, 5, D(100)), (1, 3, D(1) / 3 * 100)]
)
def test_share(part, whole, expected) -> None:
    assert share(part, whole) == expected
