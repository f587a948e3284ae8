"""Plain inputs of an evaluation: the plan, its targets and the realisations, as loaded by a selector."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from domain.rating import DEFAULT_BANDS, RatingBand
from domain.types import (
    NO_QUARTERS,
    Aggregation,
    AverageBasis,
    AverageSource,
    Direction,
    Level,
    NegativeFormula,
    Periodicity,
    Quarters,
    Value,
)


class Stated(StrEnum):
    """Figures a document prints that the system computes: kept beside the computed ones as checks."""

    ANNUAL_REALIZATION = "annual_realization"  # column 12
    ANNUAL_ACHIEVEMENT = "annual_achievement"  # 12 / 7
    CUMULATIVE_REALIZATION = "cumulative_realization"  # column 13
    CUMULATIVE_ACHIEVEMENT = "cumulative_achievement"  # column 14
    ACTION_PLAN_TARGET = "action_plan_target"  # annual target written in the Rencana Aksi table


@dataclass(frozen=True, slots=True)
class Settings:
    """A pemda's choices, printed in every report's legend (DOMAIN.md sections 5-6)."""

    negative_formula: NegativeFormula = NegativeFormula.TWO_T_MINUS_R
    average_basis: AverageBasis = AverageBasis.PROGRAMS
    average_source: AverageSource = AverageSource.RENJA
    average_cap: Value = None
    bands: tuple[RatingBand, ...] = DEFAULT_BANDS
    implausible_above: Decimal = Decimal(200)
    implausible_below: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class IndicatorInput:
    key: object
    name: str
    unit: str
    aggregation: Aggregation
    aggregation_is_default: bool = False
    direction: Direction = Direction.POSITIVE
    periodicity: Periodicity = Periodicity.QUARTERLY
    formula: str = ""
    refers_to_rkpd: bool = False
    strategic_target: Value = None  # column 5 K
    prior_realization: Value = None  # column 6 K
    target: Value = None  # column 7 K
    quarters: Quarters = NO_QUARTERS  # columns 8-11 K
    action_plan: Quarters = NO_QUARTERS  # Rencana Aksi: target per quarter
    action_plan_unit: str = ""  # "" = the indicator's own unit
    stated: Mapping[Stated, Decimal] = field(default_factory=dict)
    drivers: str = ""
    obstacles: str = ""


@dataclass(frozen=True, slots=True)
class Budget:
    """Rp of one plan row: entered figures, ``None`` where not entered."""

    strategic: Value = None  # column 5 Rp, Renstra funding for the whole period
    prior: Value = None  # column 6 Rp
    annual: Value = None  # column 7 Rp, pagu
    quarters: Quarters = NO_QUARTERS  # columns 8-11 Rp

    def cut(self, upto: int) -> Budget:
        """The budget as known at the end of quarter ``upto``: later quarters not counted."""
        q = tuple(v if i < upto else None for i, v in enumerate(self.quarters))
        return Budget(self.strategic, self.prior, self.annual, q)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class RowInput:
    key: object
    level: Level
    name: str
    code: str = ""
    budget: Budget = Budget()
    stated_budget: Mapping[Stated, Decimal] = field(default_factory=dict)
    indicators: tuple[IndicatorInput, ...] = ()
    children: tuple[RowInput, ...] = ()
    funding_source: str = ""
    responsible_unit: str = ""


@dataclass(frozen=True, slots=True)
class ReportInput:
    year: int
    quarter: int  # "as of the end of quarter N"
    roots: tuple[RowInput, ...]
    settings: Settings = Settings()
    first_strategic_year: int | None = None
    stated_average: Value = None
    stated_rating: str | None = None
    has_statements: bool = False  # the document printed its own figures (an imported or typed report)
