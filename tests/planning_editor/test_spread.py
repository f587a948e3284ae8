"""The Rencana Aksi helper: the proposal follows the indicator's aggregation and always combines into the
annual target; the warning says when typed quarters do not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.aggregation import aggregate
from domain.types import Aggregation
from planning.editor.spread import RISING, SAME, mismatch, spread

D = Decimal
A = Aggregation


@pytest.mark.parametrize(
    ("target", "aggregation", "shape", "expected"),
    [
        ("40", A.SUM, SAME, ("10", "10", "10", "10")),
        ("10", A.SUM, SAME, ("2", "2", "3", "3")),
        ("12.5", A.SUM, SAME, ("3.1", "3.1", "3.1", "3.2")),
        ("1", A.SUM, SAME, ("0", "0", "0", "1")),
        ("1250000.75", A.SUM, SAME, ("312500.18", "312500.19", "312500.19", "312500.19")),
        ("80", A.LAST, SAME, ("80", "80", "80", "80")),
        ("100", A.LAST, RISING, ("25", "50", "75", "100")),
        ("7", A.MAX, RISING, ("1", "3", "5", "7")),
        ("95.5", A.MAX, SAME, ("95.5", "95.5", "95.5", "95.5")),
        ("80.5", A.AVG, SAME, ("80.5", "80.5", "80.5", "80.5")),
        ("80.5", A.AVG, RISING, ("80.5", "80.5", "80.5", "80.5")),  # a rising mean would not be the target
    ],
)
def test_spread_combines_into_the_target(target, aggregation, shape, expected) -> None:
    quarters = spread(D(target), aggregation, shape)
    assert quarters == tuple(D(v) for v in expected)
    assert aggregate(list(quarters), aggregation) == D(target)
    assert mismatch(D(target), quarters, aggregation) is None


@pytest.mark.parametrize(
    ("target", "quarters", "aggregation", "combined"),
    [
        ("10", ("1", "2", "3", "3"), A.SUM, "9"),
        ("80", ("80", "80", "80", "70"), A.LAST, "70"),
        ("80", ("60", "70", "75", "78"), A.MAX, "78"),
        ("80", ("70", "80", "80", "80"), A.AVG, "77.5"),
    ],
)
def test_a_mismatch_is_named(target, quarters, aggregation, combined) -> None:
    warning = mismatch(D(target), [D(q) for q in quarters], aggregation)
    assert warning is not None and f"menjadi {combined}," in warning and f"target tahunan {target}" in warning


def test_blank_is_not_a_mismatch() -> None:
    assert mismatch(None, [D(1), None, None, None], A.SUM) is None
    assert mismatch(D(10), [None, None, None, None], A.SUM) is None
    # Blank quarters are skipped, never read as 0: 10 in the first quarter alone is the year's 10.
    assert mismatch(D(10), [D(10), None, None, None], A.SUM) is None
