"""Combining quarters into the year (column 12) and years into the Renstra period (column 13).

DOMAIN.md section 4.  A quarter that is ``None`` was not reported and is skipped, never read as 0;
a quarter reported as 0 ("-") takes part like any other value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from domain.types import Aggregation, Value

# Names of indicators that measure a level rather than a count (DOMAIN.md section 4).
_LEVEL_NAME = re.compile(r"^\s*(persentase|indeks|rasio|nilai|angka|tingkat|rata-rata|rata rata)\b", re.I)


def default_aggregation(name: str, unit: str) -> Aggregation:
    """The aggregation used when an indicator declares none.

    Unit "%" or a name starting with Persentase / Indeks / Rasio / Nilai / Angka / Tingkat /
    Rata-rata is a level (LAST); anything else is counted (SUM).  Callers mark the result as a
    default so that a person confirms it.
    """
    if unit.strip() == "%" or _LEVEL_NAME.match(name):
        return Aggregation.LAST
    return Aggregation.SUM


def reported(values: Sequence[Value], upto: int = 4) -> list[Decimal]:
    """The values of quarters 1..``upto`` that were reported, in order."""
    return [v for v in values[:upto] if v is not None]


def aggregate(values: Sequence[Value], aggregation: Aggregation, upto: int = 4) -> Value:
    """Column 12: the year's realisation as of the end of quarter ``upto``.

    ``None`` when no quarter up to ``upto`` was reported.  AVG is the mean of the reported quarters
    (unrounded); LAST is the latest reported quarter.
    """
    if not 1 <= upto <= 4:
        raise ValueError(f"quarter must be 1-4, not {upto}")
    present = reported(values, upto)
    if not present:
        return None
    if aggregation is Aggregation.SUM:
        return sum(present, Decimal(0))
    if aggregation is Aggregation.LAST:
        return present[-1]
    if aggregation is Aggregation.MAX:
        return max(present)
    if aggregation is Aggregation.AVG:
        return sum(present, Decimal(0)) / len(present)
    raise ValueError(f"unknown aggregation {aggregation!r}")


def sum_reported(values: Sequence[Value], upto: int = 4) -> Value:
    """Sum of the reported quarters (Rp always sums), ``None`` when none was reported."""
    return aggregate(values, Aggregation.SUM, upto)


def cumulative(prior: Value, annual: Value, aggregation: Aggregation) -> Value:
    """Column 13 K: realisation of the Renstra period up to this year.

    SUM indicators add the earlier years (column 6) to this year (column 12).  Level indicators
    (LAST, AVG, MAX) carry the latest level: this year's when reported, else the earlier one.
    """
    if aggregation.is_level:
        return annual if annual is not None else prior
    return add(prior, annual)


def add(a: Value, b: Value) -> Value:
    """``a + b`` where a missing operand contributes nothing; ``None`` only when both are missing."""
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def matching_aggregations(values: Sequence[Value], stated: Decimal) -> list[Aggregation]:
    """The aggregations that turn ``values`` into the stated annual figure, in order of preference.

    Used to infer how an indicator of an imported sheet aggregates: 24, 24, 24, 24 with 24 for the
    year is a level (LAST); 3, 4, 1, 6 with 14 is a SUM.
    """
    preference = (Aggregation.SUM, Aggregation.LAST, Aggregation.MAX, Aggregation.AVG)
    return [a for a in preference if aggregate(values, a) == stated]
