"""The approved-quarter lock shared by every write path (DOMAIN.md section 9): screens, import, admin, API
and commands all ask here before they write."""

from __future__ import annotations

from collections.abc import Iterable

from planning.errors import QuarterLocked
from planning.models import Agency
from quarters.models import QuarterReport

QUARTER_NAMES = ("I", "II", "III", "IV")


def approved_quarters(*, agency: Agency, year: int) -> set[int]:
    return set(
        QuarterReport.objects.filter(agency=agency, year=year, status=QuarterReport.Status.APPROVED).values_list(
            "quarter", flat=True
        )
    )


def locked_quarters(*, agency: Agency, year: int) -> set[int]:
    """Quarters whose values may not change: every approved quarter and each quarter before one, since
    the approved report of quarter N is computed from quarters I to N (its cumulative figures)."""
    approved = approved_quarters(agency=agency, year=year)
    return set(range(1, max(approved) + 1)) if approved else set()


def ensure_unlocked(*, agency: Agency, year: int, quarters: Iterable[int]) -> None:
    """Refuse a write touching any of ``quarters`` of ``year`` once Bappeda approved it."""
    locked = locked_quarters(agency=agency, year=year) & set(quarters)
    if locked:
        raise QuarterLocked(lock_message(agency=agency, year=year, quarters=locked))


def lock_message(*, agency: Agency, year: int, quarters: Iterable[int]) -> str:
    names = ", ".join(f"Triwulan {QUARTER_NAMES[q - 1]}" for q in sorted(quarters))
    return (
        f"{names} tahun {year} {agency.name} terkunci karena laporan triwulan itu (atau triwulan sesudahnya) "
        "sudah disetujui Bappeda; minta Bappeda membuka kunci dengan alasan sebelum mengubah data."
    )


def plan_locked_years(*, agency: Agency, years: Iterable[int]) -> list[int]:
    """The years among ``years`` with an approved quarter: their plan data (targets, pagu, Rencana Aksi,
    indicator rules) changes only through an amendment recorded by Bappeda (DOMAIN.md section 9)."""
    return sorted(
        set(
            QuarterReport.objects.filter(
                agency=agency, year__in=list(years), status=QuarterReport.Status.APPROVED
            ).values_list("year", flat=True)
        )
    )


def ensure_open(*, agency: Agency, year: int, quarter: int) -> None:
    """Refuse a write into ``quarter`` while it is locked, or while it waits at Bappeda (submitted):
    what the verifier is reading does not change under them; a return reopens it."""
    ensure_unlocked(agency=agency, year=year, quarters=[quarter])
    if QuarterReport.objects.filter(
        agency=agency, year=year, quarter=quarter, status=QuarterReport.Status.SUBMITTED
    ).exists():
        raise QuarterLocked(
            f"Triwulan {QUARTER_NAMES[quarter - 1]} tahun {year} {agency.name} sedang diverifikasi Bappeda: "
            "data tidak dapat diubah sampai laporan dikembalikan."
        )
