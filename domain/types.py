"""Enumerations and small value types shared by the core."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TypeAlias

Value: TypeAlias = Decimal | None
"""A reported figure, or ``None`` when nothing was reported (blank is never 0)."""

Quarters: TypeAlias = tuple[Value, Value, Value, Value]
"""Values realised *in* quarters I-IV (not cumulative)."""

NO_QUARTERS: Quarters = (None, None, None, None)


class Level(StrEnum):
    GOAL = "goal"
    OBJECTIVE = "objective"
    PROGRAM = "program"
    ACTIVITY = "activity"
    SUB_ACTIVITY = "sub_activity"

    @property
    def depth(self) -> int:
        return list(Level).index(self)

    @property
    def carries_budget(self) -> bool:
        """Pagu belongs to program, kegiatan and sub kegiatan rows (DOMAIN.md section 2)."""
        return self in _BUDGET_LEVELS


_BUDGET_LEVELS = frozenset({Level.PROGRAM, Level.ACTIVITY, Level.SUB_ACTIVITY})


class Aggregation(StrEnum):
    """How an indicator's quarterly values combine into the year (DOMAIN.md section 4)."""

    SUM = "sum"
    LAST = "last"
    AVG = "avg"
    MAX = "max"

    @property
    def is_level(self) -> bool:
        """Level-type indicators carry their latest level into column 13 instead of adding it."""
        return self is not Aggregation.SUM


class Direction(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class NegativeFormula(StrEnum):
    """The pemda's formula for lower-is-better indicators (DOMAIN.md section 5)."""

    TWO_T_MINUS_R = "two_t_minus_r"
    T_OVER_R = "t_over_r"


class AverageBasis(StrEnum):
    PROGRAMS = "programs"
    ALL_ROWS = "all_rows"


class AverageSource(StrEnum):
    RENJA = "renja"
    """Renja achievement, column 12 / column 7."""
    RENSTRA = "renstra"
    """Renstra achievement, column 14."""


class Periodicity(StrEnum):
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    """Measured once a year (typical of tujuan/sasaran outcomes); entered as the fourth quarter."""


class Severity(StrEnum):
    ERROR = "error"
    """The printed or entered figures contradict each other."""
    WARNING = "warning"
    """Plausibility: the numbers may be right but deserve a look."""
    INFO = "info"
