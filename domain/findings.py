"""Consistency findings (temuan) as values: codes and numbers, no wording (DOMAIN.md section 8).

A finding names its place (row, indicator, column, measure K/Rp) and the numbers involved.  One cause
is one finding: what it throws off elsewhere is listed under it (``consequences``), and a figure that
a sub kegiatan's parents carry unchanged is one finding naming those rows (``other_rows``).
``domain.causes`` does the grouping; ``rank`` orders errors before warnings before notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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
    QUARTER_REPEATED = "quarter_repeated"  # a quarter's Rp (and K) entered again in a later quarter


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
    Code.QUARTER_REPEATED: Severity.ERROR,
}

SEVERITY_RANK: Mapping[Severity, int] = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}

GOAL_COLUMNS: Mapping[str, str] = {"7": "Target", "12": "Realisasi", "12/7": "Capaian"}
"""A Tujuan indicator is printed only in the Indikator Tujuan table (No, Indikator, Formulasi, Target,
Realisasi, Capaian), not in the E.81 table: its findings name that table's columns, with no K/Rp."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One inconsistency: where it is (row, indicator, column, measure K/Rp) and the numbers involved."""

    code: Code
    row: str | None = None
    indicator: str | None = None
    column: str | None = None
    measure: str | None = None  # "K" or "Rp"
    values: Mapping[str, Decimal | str | int | None] = field(default_factory=dict)
    other_rows: tuple[str, ...] = ()
    """Further rows showing the same figures, top-down: the parents that carry a sub kegiatan's figure."""
    consequences: tuple[Finding, ...] = ()
    """What this cause throws off elsewhere (totals, achievements, the average), in table order."""

    @property
    def severity(self) -> Severity:
        """The code's severity, or the gravest of what the finding throws off: a cause is as serious as
        its consequences (a Renstra funding below the pagu that puts column 14 off is an error)."""
        return min((SEVERITY[self.code], *(c.severity for c in self.consequences)), key=SEVERITY_RANK.__getitem__)

    @property
    def rows(self) -> tuple[str, ...]:
        """Every row the finding concerns: its own, the rows carrying the same figures, and the rows of
        its consequences, in first-seen order."""
        seen: dict[str, None] = {}
        for name in (self.row, *self.other_rows, *(c.row for c in self.consequences)):
            if name:
                seen.setdefault(name, None)
        return tuple(seen)


def finding_key(finding: Finding) -> str:
    """The finding's stable name, e.g. for the PD's explanation of it: code, row, indicator, column and
    measure joined by "|", at most 500 characters.  It names what the finding is about, never its
    numbers, so it survives recomputation; a cause carried by several rows is named by its own row."""
    parts = (
        finding.code.value,
        finding.row or "",
        finding.indicator or "",
        finding.column or "",
        finding.measure or "",
    )
    return "|".join(parts)[:500]


def rank(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Errors before warnings before notes; within a severity, causes that throw off other figures first
    (those throwing off the whole report's figures, the average or the rating, before the others), then
    findings about the whole report, then the table's order (stable)."""

    def key(f: Finding) -> tuple[int, bool, bool, bool]:
        whole = any(c.row is None for c in walk(f.consequences))
        return (SEVERITY_RANK[f.severity], not f.consequences, not whole, f.row is not None)

    return tuple(sorted(findings, key=key))


def walk(findings: Iterable[Finding]) -> Iterator[Finding]:
    """Every finding with its consequences after it, depth first."""
    for finding in findings:
        yield finding
        yield from walk(finding.consequences)
