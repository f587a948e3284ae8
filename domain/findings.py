"""Consistency findings (temuan) as values: codes and numbers, no wording (DOMAIN.md section 8)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from domain.types import Severity


class Code(StrEnum):
    ANNUAL_DIFFERS = "annual_differs"  # printed column 12 != aggregate of the quarters
    CUMULATIVE_DIFFERS = "cumulative_differs"  # printed column 13 != 6 + 12
    ACHIEVEMENT_DIFFERS = "achievement_differs"  # printed 12/7 or 14 != computed from printed inputs
    AVERAGE_DIFFERS = "average_differs"
    RATING_DIFFERS = "rating_differs"
    RATING_NOT_STATED = "rating_not_stated"
    PARENT_BUDGET_DIFFERS = "parent_budget_differs"  # parent Rp != sum of children
    BUDGET_OVERRUN = "budget_overrun"  # realised Rp > pagu
    RENJA_EXCEEDS_RENSTRA = "renja_exceeds_renstra"  # pagu > Renstra funding of the whole period
    IMPLAUSIBLE_ACHIEVEMENT = "implausible_achievement"
    SHARE_ABOVE_100 = "share_above_100"
    BUDGET_WITHOUT_OUTPUT = "budget_without_output"  # Rp spent in a quarter with no K reported
    QUARTER_NOT_REPORTED = "quarter_not_reported"
    ACTION_PLAN_DIFFERS = "action_plan_differs"  # Rencana Aksi quarters do not combine to the target
    ACTION_PLAN_STATED_DIFFERS = "action_plan_stated_differs"  # Rencana Aksi's annual != Renja target
    ACTION_PLAN_UNIT_DIFFERS = "action_plan_unit_differs"
    TARGET_MISSING = "target_missing"
    ZERO_TARGET = "zero_target"
    PRIOR_MISSING = "prior_missing"


SEVERITY: Mapping[Code, Severity] = {
    Code.ANNUAL_DIFFERS: Severity.ERROR,
    Code.CUMULATIVE_DIFFERS: Severity.ERROR,
    Code.ACHIEVEMENT_DIFFERS: Severity.ERROR,
    Code.AVERAGE_DIFFERS: Severity.ERROR,
    Code.RATING_DIFFERS: Severity.ERROR,
    Code.RATING_NOT_STATED: Severity.INFO,
    Code.PARENT_BUDGET_DIFFERS: Severity.ERROR,
    Code.BUDGET_OVERRUN: Severity.ERROR,
    Code.RENJA_EXCEEDS_RENSTRA: Severity.WARNING,
    Code.IMPLAUSIBLE_ACHIEVEMENT: Severity.WARNING,
    Code.SHARE_ABOVE_100: Severity.WARNING,
    Code.BUDGET_WITHOUT_OUTPUT: Severity.WARNING,
    Code.QUARTER_NOT_REPORTED: Severity.WARNING,
    Code.ACTION_PLAN_DIFFERS: Severity.WARNING,
    Code.ACTION_PLAN_STATED_DIFFERS: Severity.ERROR,
    Code.ACTION_PLAN_UNIT_DIFFERS: Severity.WARNING,
    Code.TARGET_MISSING: Severity.INFO,
    Code.ZERO_TARGET: Severity.WARNING,
    Code.PRIOR_MISSING: Severity.INFO,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One inconsistency: where it is (row, indicator, column, measure K/Rp) and the numbers involved."""

    code: Code
    row: str | None = None
    indicator: str | None = None
    column: str | None = None
    measure: str | None = None  # "K" or "Rp"
    values: Mapping[str, Decimal | str | int | None] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]
