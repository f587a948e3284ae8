"""Average achievement and rating (predikat), DOMAIN.md section 6."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.types import Value


@dataclass(frozen=True, slots=True)
class RatingBand:
    """A half-open band: values >= ``lower`` (``None``: no lower bound) up to the next band."""

    lower: Decimal | None
    label: str


DEFAULT_BANDS: tuple[RatingBand, ...] = (
    RatingBand(Decimal(91), "Sangat Tinggi"),
    RatingBand(Decimal(76), "Tinggi"),
    RatingBand(Decimal(66), "Sedang"),
    RatingBand(Decimal(51), "Rendah"),
    RatingBand(None, "Sangat Rendah"),
)
"""The bands of Permendagri 86/2017 as the demo pemda uses them; real bands are data per pemda/year."""


def validate_bands(bands: Sequence[RatingBand]) -> list[str]:
    """Problems with a set of bands: they must descend strictly and end with an open lowest band."""
    problems: list[str] = []
    if not bands:
        return ["no bands"]
    bounds = [b.lower for b in bands]
    if bounds[-1] is not None:
        problems.append("the lowest band must have no lower bound")
    if any(b is None for b in bounds[:-1]):
        problems.append("only the lowest band may lack a lower bound")
    numeric = [b for b in bounds if b is not None]
    if any(a <= b for a, b in itertools.pairwise(numeric)):
        problems.append("lower bounds must strictly decrease")
    return problems


def rating(value: Value, bands: Sequence[RatingBand] = DEFAULT_BANDS) -> str | None:
    """The label of the band holding the unrounded ``value`` (bands ordered from highest).

    Bands are half-open with no gaps: 90.99 is below 91.  ``None`` in, ``None`` out.
    """
    if value is None:
        return None
    for band in bands:
        if band.lower is None or value >= band.lower:
            return band.label
    return None


def average(values: Iterable[Value], cap: Value = None) -> Value:
    """Mean of the values that exist, each first capped at ``cap`` when a cap is set.

    Missing values are left out (not counted as 0); ``None`` when no value exists.
    """
    present = [v if cap is None else min(v, cap) for v in values if v is not None]
    if not present:
        return None
    return sum(present, Decimal(0)) / len(present)
