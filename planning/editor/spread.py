"""Rencana Aksi from the annual target: how the quarters are proposed, and whether they combine into it.

How the quarters combine is the indicator's aggregation (DOMAIN.md section 4), so the proposal follows it:

- SUM (counted): the target split into four parts that add up to it exactly (the remainder in the last quarters);
- LAST and MAX (a level reached): the target in every quarter, or rising evenly to it in the fourth;
- AVG (mean of the quarters): the target in every quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from domain.aggregation import aggregate
from domain.types import Aggregation

SAME, RISING = "sama", "naik"

EXPLANATION = {
    Aggregation.SUM: "dijumlah: target dibagi rata ke empat triwulan, jumlahnya sama dengan target tahunan",
    Aggregation.LAST: "nilai terakhir: triwulan IV harus sama dengan target; triwulan sebelumnya sama atau naik",
    Aggregation.MAX: "nilai tertinggi: triwulan tertinggi harus sama dengan target; sama atau naik ke target",
    Aggregation.AVG: "rata-rata: rata-rata empat triwulan harus sama dengan target; setiap triwulan diisi target",
}


def _quantum(target: Decimal) -> Decimal:
    """The smallest step of the target as written (10 -> 1, 12.5 -> 0.1): proposals keep its precision."""
    exponent = target.normalize().as_tuple().exponent
    places = max(0, -int(exponent)) if isinstance(exponent, int) else 0
    return Decimal(1).scaleb(-places)


def spread(target: Decimal, aggregation: Aggregation, shape: str = SAME) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Four quarterly targets for ``target`` that combine into it by ``aggregation``."""
    quantum = _quantum(target)
    if aggregation is Aggregation.SUM:
        units = (target / quantum).to_integral_value(ROUND_FLOOR)
        base, remainder = divmod(units, 4)
        parts = [base + (1 if i >= 4 - remainder else 0) for i in range(4)]
        q = [p * quantum for p in parts]
        return (q[0], q[1], q[2], q[3])
    if aggregation in (Aggregation.LAST, Aggregation.MAX) and shape == RISING:
        steps = [(target * i / 4).quantize(quantum, rounding=ROUND_FLOOR) for i in (1, 2, 3)]
        return (steps[0], steps[1], steps[2], target)
    return (target, target, target, target)


def combined(quarters: Sequence[Decimal | None], aggregation: Aggregation) -> Decimal | None:
    return aggregate(list(quarters), aggregation)


def mismatch(target: Decimal | None, quarters: Sequence[Decimal | None], aggregation: Aggregation) -> str | None:
    """The warning shown when the quarters do not combine into the annual target, else None."""
    value = combined(quarters, aggregation)
    if target is None or value is None or value == target:
        return None
    from domain.numbers import plain

    return (
        f"Target triwulan bila digabung ({EXPLANATION[aggregation].split(':')[0]}) menjadi {plain(value)}, "
        f"bukan target tahunan {plain(target)}."
    )
