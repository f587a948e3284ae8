"""Combining the PD's evaluations into the regency's (form E.79), by the roll-up rules of DOMAIN.md.

Nothing is recomputed here that the PD's E.81 already computed: a program's or kegiatan's figures are its
E.81 line's.  What the E.79 adds is only combination: Rp of a group (PD, bidang, urusan, the pemda) is
the sum of its programs' Rp (section 7), its absorption that sum's realised over pagu (section 5), and
the pemda's average the mean of the achievements every PD's own average is taken from (section 6), so a
PD with ten programs weighs ten times one with one program, exactly as in a PD's own average.  K never
rolls up across indicators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from domain.achievement import absorption
from domain.aggregation import add
from domain.evaluation import Evaluation, ReportRow
from domain.rating import average
from domain.types import NO_QUARTERS, AverageBasis, AverageSource, Level, Quarters, Value

_PROGRAM_CODE = re.compile(r"^(\d|X)\.(\d{2}|XX)\.")


def program_area(code: str) -> tuple[str, str]:
    """The urusan and bidang codes of a program's nomenclature code: "2.17.07" -> ("2", "2.17").

    ("", "") when the row has no code or its code does not start with an urusan and a bidang.
    """
    match = _PROGRAM_CODE.match(code.strip())
    if match is None:
        return "", ""
    return match.group(1), f"{match.group(1)}.{match.group(2)}"


@dataclass(frozen=True, slots=True)
class BudgetTotal:
    """Rp of a line or a group, columns 5-13 of the E.81 (E.79 6-15); ``None`` where nothing is entered."""

    strategic: Value = None  # 5: Renstra funding
    prior: Value = None  # 6
    annual: Value = None  # 7: pagu
    quarters: Quarters = NO_QUARTERS  # 8-11
    realized: Value = None  # 12
    cumulative: Value = None  # 13

    @property
    def absorption(self) -> Value:
        """12 / 7 Rp: budget absorption in percent, unrounded."""
        return absorption(self.realized, self.annual)

    @property
    def cumulative_absorption(self) -> Value:
        """14 Rp: 13 / 5 in percent, unrounded."""
        return absorption(self.cumulative, self.strategic)


def line_budget(line: ReportRow) -> BudgetTotal:
    """The Rp of an E.81 line, as its evaluation computed them (rolled up from its children there)."""
    q = line.quarters
    return BudgetTotal(
        strategic=line.strategic_target.budget,
        prior=line.prior_realization.budget,
        annual=line.annual_target.budget,
        quarters=(q[0].budget, q[1].budget, q[2].budget, q[3].budget),
        realized=line.annual_realization.budget,
        cumulative=line.cumulative_realization.budget,
    )


def budget_sum(parts: Iterable[BudgetTotal]) -> BudgetTotal:
    """Column by column sum; a column none of the parts has stays ``None`` (blank is not 0)."""
    strategic = prior = annual = realized = cumulative = None
    quarters: list[Value] = [None, None, None, None]
    for b in parts:
        strategic, prior, annual = add(strategic, b.strategic), add(prior, b.prior), add(annual, b.annual)
        realized, cumulative = add(realized, b.realized), add(cumulative, b.cumulative)
        quarters = [add(a, v) for a, v in zip(quarters, b.quarters, strict=True)]
    return BudgetTotal(
        strategic, prior, annual, (quarters[0], quarters[1], quarters[2], quarters[3]), realized, cumulative
    )


def program_lines(evaluation: Evaluation) -> tuple[ReportRow, ...]:
    """The first line of every program row: the one carrying the program's Rp."""
    return tuple(r for r in evaluation.rows if r.level is Level.PROGRAM and r.first_of_row)


def agency_budget(evaluation: Evaluation) -> BudgetTotal:
    """A PD's Rp: the sum of its programs' (section 7)."""
    return budget_sum(line_budget(line) for line in program_lines(evaluation))


def average_basis(evaluation: Evaluation) -> list[Value]:
    """The achievements a PD's average is the mean of, by its own settings (basis and source)."""
    settings = evaluation.settings
    renja = settings.average_source is AverageSource.RENJA
    return [
        (r.annual_achievement if renja else r.cumulative_achievement).value
        for r in evaluation.rows
        if r.indicator is not None and (settings.average_basis is AverageBasis.ALL_ROWS or r.level is Level.PROGRAM)
    ]


def pooled_average(evaluations: Iterable[Evaluation], cap: Value = None) -> tuple[Value, int]:
    """The pemda's average over all its PD: the mean of every PD's basis (each capped at ``cap``), and
    how many achievements it is the mean of.  ``None`` when no PD has an achievement."""
    values = [v for ev in evaluations for v in average_basis(ev)]
    return average(values, cap), sum(1 for v in values if v is not None)


def basis_total(evaluations: Iterable[Evaluation], cap: Value = None) -> tuple[Decimal, int]:
    """The sum and the count of the achievements ``pooled_average`` is the mean of (each capped at
    ``cap``): what a province adds up over its pemda, exactly, before dividing once."""
    present = [v if cap is None else min(v, cap) for ev in evaluations for v in average_basis(ev) if v is not None]
    return sum(present, Decimal(0)), len(present)


def efficiency(achievement: Value, absorbed: Value) -> Value:
    """Achievement per absorption: K % / Rp %, unrounded; 1 means achievement keeps pace with spending.

    ``None`` when either is missing or nothing was absorbed.
    """
    if achievement is None or absorbed is None or absorbed == 0:
        return None
    return achievement / absorbed
