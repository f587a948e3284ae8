"""A synthetic agency of any size, with names and budgets the length of real ones.

Used to check that every format holds up across many pages and to measure rendering times.
"""

from __future__ import annotations

from decimal import Decimal

from domain.types import Level
from planning.documents import AgencyDoc, IndicatorDoc, PlanDocument, RegionDoc, ReportDoc, RowDoc

SUB_PER_ACTIVITY = 3  # a program is 1 program + 1 kegiatan + 3 sub kegiatan = 5 rows


def _indicator(name: str, unit: str, target: int, quarters: tuple[int | None, ...]) -> IndicatorDoc:
    return IndicatorDoc(
        name=name,
        unit=unit,
        strategic_target=Decimal(target * 5),
        target=Decimal(target),
        quarters=tuple(None if q is None else Decimal(q) for q in quarters),  # type: ignore[arg-type]
        action_plan=(Decimal(1), Decimal(1), Decimal(1), Decimal(1)),
    )


def synthetic_document(slug: str, rows: int, *, name: str = "") -> PlanDocument:
    """An agency whose E.81 table has about ``rows`` lines (one sasaran, then programs of five rows)."""
    programs = []
    for p in range((rows - 1) // (2 + SUB_PER_ACTIVITY)):
        subs = [
            RowDoc(
                level=Level.SUB_ACTIVITY,
                # the name's first and last words are unique: a test sees whether a row was split
                name=f"Sub{p}x{s} Penyediaan Jasa Pelayanan Umum dan Pemeliharaan Sarana Prasarana Kantor Akhir{p}x{s}",
                funding_source="DAU",
                strategic_budget=Decimal(5_123_456_789),
                budget=Decimal(1_234_567_890 + s),
                budget_quarters=(Decimal(201_234_567), Decimal(312_345_678), None, Decimal(400_000_000 + p)),
                indicators=[
                    _indicator(
                        f"Jumlah dokumen dan fasilitasi pelayanan yang disediakan {p}.{s}",
                        "dokumen",
                        12,
                        (3, 3, None, 4),
                    )
                ],
            )
            for s in range(SUB_PER_ACTIVITY)
        ]
        activity = RowDoc(
            level=Level.ACTIVITY,
            name=f"Administrasi Umum dan Keuangan Perangkat Daerah Kabupaten/Kota bagian {p}",
            children=subs,
            indicators=[_indicator(f"Persentase fasilitasi administrasi umum {p}", "%", 100, (25, 25, 25, 25))],
        )
        programs.append(
            RowDoc(
                level=Level.PROGRAM,
                name=f"Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota nomor {p}",
                responsible_unit="Sekretariat",
                children=[activity],
                indicators=[_indicator(f"Persentase pemenuhan kebutuhan operasional {p}", "%", 100, (20, 30, 20, 25))],
            )
        )
    objective = RowDoc(
        level=Level.OBJECTIVE,
        name="Meningkatnya kualitas pelayanan administrasi perkantoran",
        children=programs,
        indicators=[IndicatorDoc(name="Indeks kepuasan pelayanan", unit="indeks", target=Decimal(80))],
    )
    return PlanDocument(
        region=RegionDoc(slug="uji", name="Kabupaten Uji", place="Uji"),
        agency=AgencyDoc(
            slug=slug,
            name=name or f"Dinas Uji {slug}",
            head_name="Dr. Budi Santoso, M.Si.",
            head_nip="197001011990031001",
        ),
        strategic_start=2021,
        strategic_end=2026,
        year=2021,
        report=ReportDoc(quarter=4, drivers="Anggaran tersedia", obstacles="Tenaga terbatas"),
        tree=[objective],
    )
