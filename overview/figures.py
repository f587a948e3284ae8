"""The figures of the overview and the dashboards, read off the core's evaluation.

Pure functions over ``domain.evaluation.Evaluation``: no Django, no rounding, ``Decimal`` throughout.
They only pick, count and add what the core computed (achievements, absorption, average, rating,
findings); the one ratio they take, the absorption of a sum of Rp, is the core's own ``absorption``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.achievement import absorption
from domain.evaluation import Evaluation, ReportRow
from domain.numbers import HUNDRED
from domain.types import Level, Severity, Value

GAP_POINTS = Decimal(25)
"""A program stands out when its budget absorption exceeds its achievement by this many points."""


def share(part: int, whole: int) -> Value:
    """``part`` of ``whole`` in percent; ``None`` when there is nothing to count."""
    return Decimal(part) / Decimal(whole) * HUNDRED if whole else None


@dataclass(frozen=True, slots=True)
class Filled:
    """How much of the quarter is entered: indicator lines with a K realisation, rows with a pagu and Rp."""

    indicators: int
    indicators_total: int
    budgets: int
    budgets_total: int

    @property
    def indicators_share(self) -> Value:
        return share(self.indicators, self.indicators_total)

    @property
    def budgets_share(self) -> Value:
        return share(self.budgets, self.budgets_total)


def filled(evaluation: Evaluation, quarter: int) -> Filled:
    """Indicator lines whose K for ``quarter`` is entered (0 counts: "-" is a report), and rows with a
    pagu (column 7 Rp) whose Rp for ``quarter`` is known (entered, or derived from their children)."""
    lines = [*evaluation.goal_indicators, *evaluation.rows]  # sasaran lines are in ``rows`` already
    measured = [line for line in lines if line.indicator is not None]
    entered = sum(1 for line in measured if line.indicator and line.indicator.quarters[quarter - 1] is not None)
    funded = [line for line in evaluation.rows if line.first_of_row and line.annual_target.budget is not None]
    spent = sum(1 for line in funded if line.quarters[quarter - 1].budget is not None)
    return Filled(entered, len(measured), spent, len(funded))


def severity_counts(evaluation: Evaluation) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for finding in evaluation.findings:
        counts[finding.severity] += 1
    return counts


@dataclass(frozen=True, slots=True)
class ProgramLine:
    """One program line of the E.81 table: its indicator's achievement (12/7 K) and the program's budget
    absorption (12/7 Rp), as the core computed them."""

    number: str
    name: str
    indicator: str
    achievement: Value
    absorption: Value
    budget: Value
    spent: Value

    @property
    def stands_out(self) -> bool:
        """Spent much and achieved little: absorption above achievement by ``GAP_POINTS`` or more."""
        if self.achievement is None or self.absorption is None:
            return False
        return self.absorption - self.achievement >= GAP_POINTS


def program_lines(evaluation: Evaluation) -> list[ProgramLine]:
    """Every program line (a program with two indicators gives two), its Rp on each (the row's)."""
    out = []
    budget_of: dict[object, ReportRow] = {}
    for line in evaluation.rows:
        if line.level is not Level.PROGRAM:
            continue
        if line.first_of_row:
            budget_of[line.row.key] = line
        rp = budget_of.get(line.row.key, line)
        out.append(
            ProgramLine(
                number=line.number,
                name=line.row.name,
                indicator=line.indicator.name if line.indicator else "",
                achievement=line.annual_achievement.value,
                absorption=rp.annual_achievement.budget,
                budget=rp.annual_target.budget,
                spent=rp.annual_realization.budget,
            )
        )
    return out


def _total(values: Sequence[Value]) -> Value:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


@dataclass(frozen=True, slots=True)
class QuarterSpending:
    quarter: int
    spent: Value
    """Rp realised in the quarter, summed over the programs."""
    cumulative: Value
    """Rp realised up to the end of the quarter."""
    budget: Value
    """The pagu of the programs (column 7 Rp)."""

    @property
    def absorption(self) -> Value:
        """Cumulative absorption of the pagu at the end of the quarter (the core's ``absorption``)."""
        return absorption(self.cumulative, self.budget)


def _running(quarter: int, spent: Sequence[Value], budget: Value) -> list[QuarterSpending]:
    out, running = [], None
    for q in range(1, quarter + 1):
        amount = spent[q - 1]
        if amount is not None:
            running = amount if running is None else running + amount
        out.append(QuarterSpending(q, amount, running, budget))
    return out


def spending_by_quarter(evaluations: Sequence[Evaluation]) -> list[QuarterSpending]:
    """Rp per quarter of one or several PD's evaluations (each as of the same quarter), summed over their
    program rows: the programs are the top of the Rp tree, so their sum is the PD's total."""
    programs = [line for ev in evaluations for line in ev.rows if line.level is Level.PROGRAM and line.first_of_row]
    quarter = max((ev.input.quarter for ev in evaluations), default=0)
    budget = _total([line.annual_target.budget for line in programs])
    spent = [_total([line.quarters[q].budget for line in programs]) for q in range(quarter)]
    return _running(quarter, spent, budget)


def spending_added(parts: Sequence[Sequence[QuarterSpending]]) -> list[QuarterSpending]:
    """Several PD's ``spending_by_quarter`` (as of the same quarter) added together: the same as
    ``spending_by_quarter`` over all their evaluations at once."""
    quarter = max((len(p) for p in parts), default=0)
    spent = [_total([p[q].spent for p in parts if len(p) > q]) for q in range(quarter)]
    budget = _total([p[0].budget for p in parts if p])
    return _running(quarter, spent, budget)
