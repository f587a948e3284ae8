"""The approved-quarter lock shared by every write path (DOMAIN.md section 9)."""

from __future__ import annotations

from collections.abc import Iterable

from planning.errors import QuarterLocked
from planning.models import Agency

QUARTER_NAMES = ("I", "II", "III", "IV")


def locked_quarters(*, agency: Agency, year: int) -> set[int]:
    from reporting.models import QuarterReport

    return set(
        QuarterReport.objects.filter(agency=agency, year=year, status=QuarterReport.Status.APPROVED).values_list(
            "quarter", flat=True
        )
    )


def ensure_unlocked(*, agency: Agency, year: int, quarters: Iterable[int]) -> None:
    """Refuse a write touching any of ``quarters`` of ``year`` once Bappeda approved it."""
    locked = locked_quarters(agency=agency, year=year) & set(quarters)
    if locked:
        names = ", ".join(f"Triwulan {QUARTER_NAMES[q - 1]}" for q in sorted(locked))
        raise QuarterLocked(
            f"{names} tahun {year} {agency.name} sudah disetujui Bappeda dan terkunci; "
            "minta Bappeda membuka kunci dengan alasan sebelum mengubah data."
        )
