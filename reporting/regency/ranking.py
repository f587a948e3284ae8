"""Ranking and comparison of PD and programs: achievement (K) against budget absorption (Rp), the
efficiency (achievement per absorption) and the rating, from the E.79's figures (nothing recomputed:
a PD's achievement is its E.81 average; a program's the mean of its indicators' 12/7, capped as the
pemda's average is)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.numbers import round_half_up
from domain.rating import average, rating
from domain.regency import efficiency, line_budget
from domain.types import Level, Value
from reporting.regency.builder import LineKind, RegencyReport


@dataclass(frozen=True)
class RankRow:
    kind: str  # "pd" or "program"
    agency: str  # PD name
    agency_slug: str
    code: str
    name: str
    achievement: Value  # K, %
    absorption: Value  # Rp, %
    efficiency: Value  # K % / Rp %
    rating: str | None
    budget: Value  # pagu
    realized: Value  # Rp realised
    status: str = ""

    @property
    def efficiency_shown(self) -> Value:
        """The efficiency as printed: half-up to two decimals."""
        return None if self.efficiency is None else round_half_up(self.efficiency, 2)


def agency_ranking(e79: RegencyReport) -> list[RankRow]:
    return [
        RankRow(
            kind="pd",
            agency=a.name,
            agency_slug=a.slug,
            code="",
            name=a.name,
            achievement=a.average,
            absorption=a.budget.absorption,
            efficiency=efficiency(a.average, a.budget.absorption),
            rating=a.rating,
            budget=a.budget.annual,
            realized=a.budget.realized,
            status=a.status_label,
        )
        for a in e79.agencies
    ]


def program_ranking(e79: RegencyReport) -> list[RankRow]:
    cap, bands = e79.settings.average_cap, e79.settings.bands
    out: list[RankRow] = []
    for group in _programs(e79):
        first = group[0]
        assert first.line is not None and first.agency is not None
        achieved = average((line.line.annual_achievement.value for line in group if line.line), cap)
        budget = line_budget(first.line)
        out.append(
            RankRow(
                kind="program",
                agency=first.agency.name,
                agency_slug=first.agency.slug,
                code=first.code,
                name=first.name,
                achievement=achieved,
                absorption=budget.absorption,
                efficiency=efficiency(achieved, budget.absorption),
                rating=rating(achieved, bands),
                budget=budget.annual,
                realized=budget.realized,
                status=first.agency.status_label,
            )
        )
    return out


def _programs(e79: RegencyReport) -> list[list]:  # type: ignore[type-arg]
    groups: list[list] = []  # type: ignore[type-arg]
    for line in e79.lines:
        if line.kind is LineKind.PROGRAM and line.line is not None and line.line.level is Level.PROGRAM:
            if line.line.first_of_row:
                groups.append([line])
            elif groups:
                groups[-1].append(line)
    return groups


SORTS: dict[str, tuple[str, Callable[[RankRow], object]]] = {
    "capaian": ("Capaian kinerja (K)", lambda r: r.achievement),
    "serapan": ("Serapan anggaran (Rp)", lambda r: r.absorption),
    "efisiensi": ("Efisiensi (K/Rp)", lambda r: r.efficiency),
    "pagu": ("Pagu", lambda r: r.budget),
    "nama": ("Nama", lambda r: (r.agency, r.code, r.name)),
}
DEFAULT_SORT = "capaian"


def sort_rows(rows: Sequence[RankRow], key: str = DEFAULT_SORT, descending: bool = True) -> list[RankRow]:
    """Sorted by ``key`` (a key of ``SORTS``); rows without the figure always last."""
    _label, get = SORTS.get(key, SORTS[DEFAULT_SORT])
    present = [r for r in rows if get(r) is not None]
    missing = [r for r in rows if get(r) is None]
    present.sort(key=get, reverse=descending)  # type: ignore[arg-type]
    return present + missing
