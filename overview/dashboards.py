"""The dashboards of a PD and of the pemda: the core's figures as charts with their tables.

Every number is read off the core's evaluations (``overview.figures``, through ``overview.digests``); the
charts are built once per page from one batch read (``overview.batch``), so a page runs a fixed number of
queries however many PD.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.types import Severity
from overview.charts import Chart, Column
from overview.digests import Digest, digests_for_agencies
from overview.figures import GAP_POINTS, QuarterSpending, spending_added
from planning.models import Agency, Region
from quarters.locks import QUARTER_NAMES
from reporting.labels import SEVERITY

STANDS_OUT = f"serapan anggaran {GAP_POINTS} poin atau lebih di atas capaian kinerja"


@dataclass(frozen=True)
class Dashboard:
    title: str
    year: int
    quarter: int
    charts: list[Chart]
    average: object = None
    rating: str | None = None

    @property
    def quarter_name(self) -> str:
        return QUARTER_NAMES[self.quarter - 1]

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)

    def data(self) -> dict[str, object]:
        return {"charts": [c.data() for c in self.charts if c.kind]}


def _quarter(q: int) -> str:
    return f"TW {QUARTER_NAMES[q - 1]}"


def _spending_chart(spending: Sequence[QuarterSpending]) -> Chart:
    return Chart(
        key="serapan",
        title="Serapan anggaran per triwulan terhadap pagu",
        kind="bar",
        columns=(
            Column("Triwulan"),
            Column("Realisasi triwulan (Rp)", "rupiah"),
            Column("Realisasi kumulatif (Rp)", "rupiah"),
            Column("Pagu (Rp)", "rupiah"),
            Column("Serapan kumulatif (%)", "percent"),
        ),
        rows=tuple((_quarter(s.quarter), s.spent, s.cumulative, s.budget, s.absorption) for s in spending),
        plotted=(2, 3),
        note="Jumlah Rp program (puncak pohon anggaran); pagu = kolom 7 Rp.",
    )


def _average_chart(digests: Sequence[Digest]) -> Chart:
    return Chart(
        key="rata-rata",
        title="Rata-rata capaian kinerja dan predikat per triwulan",
        kind="line",
        columns=(Column("Triwulan"), Column("Rata-rata capaian (%)", "percent"), Column("Predikat")),
        rows=tuple((_quarter(d.quarter), d.average, d.rating or "") for d in digests),
        plotted=(1,),
        note="Rata-rata s.d. akhir tiap triwulan, dasar dan batas menurut pengaturan pemda.",
    )


def agency_dashboard(*, agency: Agency, year: int, quarter: int) -> Dashboard | None:
    """The PD's dashboard as of ``quarter``: None without a Renja for the year."""
    quarters = list(range(1, quarter + 1))
    loaded = digests_for_agencies(agencies=[agency], year=year, quarters=quarters)
    digests = [loaded.digests[agency.pk, q] for q in quarters if (agency.pk, q) in loaded.digests]
    if not digests:
        return None
    current = digests[-1]
    programs = current.programs
    charts = [
        Chart(
            key="capaian-program",
            title="Capaian kinerja per program",
            kind="bar",
            columns=(
                Column("Program"),
                Column("Indikator"),
                Column("Capaian kinerja (%)", "percent"),
                Column("Serapan anggaran (%)", "percent"),
            ),
            rows=tuple((p.name, p.indicator, p.achievement, p.absorption) for p in programs),
            plotted=(2, 3),
            note="Kolom 12/7 K dan Rp laporan E.81.",
        ),
        _spending_chart(current.spending),
        _average_chart(digests),
        Chart(
            key="kinerja-anggaran",
            title="Kinerja terhadap anggaran per program",
            kind="scatter",
            columns=(
                Column("Program"),
                Column("Serapan anggaran (%)", "percent"),
                Column("Capaian kinerja (%)", "percent"),
                Column("Pagu (Rp)", "rupiah"),
            ),
            rows=tuple(
                (f"{p.name} ({p.indicator})" if p.indicator else p.name, p.absorption, p.achievement, p.budget)
                for p in programs
            ),
            plotted=(1, 2),
            marked=tuple(p.stands_out for p in programs),
            note=f"Merah: {STANDS_OUT}.",
        ),
        Chart(
            key="temuan",
            title="Temuan yang perlu ditindaklanjuti",
            kind="",
            columns=(Column("Tingkat"), Column("Temuan")),
            rows=tuple((SEVERITY[severity], text) for severity, text in current.attention),
        ),
    ]
    return Dashboard(
        title=agency.name, year=year, quarter=quarter, charts=charts, average=current.average, rating=current.rating
    )


def region_dashboard(*, region: Region, agencies: Sequence[Agency], year: int, quarter: int) -> Dashboard:
    """The pemda's dashboard over ``agencies`` (its PD the user may see) as of ``quarter``."""
    quarters = list(range(1, quarter + 1))
    loaded = digests_for_agencies(agencies=agencies, year=year, quarters=quarters)
    with_plan = [a for a in agencies if (a.pk, quarter) in loaded.digests]
    current = {a.pk: loaded.digests[a.pk, quarter] for a in with_plan}
    absorbed = {pk: (d.spending[-1].absorption if d.spending else None) for pk, d in current.items()}
    bands = list(current[with_plan[0].pk].bands) if with_plan else []
    rating_rows = []
    for q in quarters:
        ratings = [loaded.digests[a.pk, q].rating for a in with_plan]
        rating_rows.append((_quarter(q), *(ratings.count(label) for label in bands), ratings.count(None)))
    programs = [(a, p) for a in with_plan for p in current[a.pk].programs]
    attention = sorted(with_plan, key=lambda a: (-current[a.pk].errors, a.name))
    charts = [
        Chart(
            key="capaian-pd",
            title="Rata-rata capaian kinerja dan serapan anggaran per PD",
            kind="bar",
            columns=(
                Column("Perangkat Daerah"),
                Column("Rata-rata capaian (%)", "percent"),
                Column("Predikat"),
                Column("Serapan anggaran (%)", "percent"),
            ),
            rows=tuple((a.name, current[a.pk].average, current[a.pk].rating or "", absorbed[a.pk]) for a in with_plan),
            plotted=(1, 3),
        ),
        _spending_chart(spending_added([d.spending for d in current.values()])),
        Chart(
            key="predikat",
            title="Jumlah PD per predikat, per triwulan",
            kind="bar",
            columns=(
                Column("Triwulan"),
                *(Column(label, "count") for label in bands),
                Column("Tanpa predikat", "count"),
            ),
            rows=tuple(rating_rows),
            plotted=tuple(range(1, len(bands) + 2)),
            stacked=True,
        ),
        Chart(
            key="kinerja-anggaran",
            title="Kinerja terhadap anggaran: program seluruh PD",
            kind="scatter",
            columns=(
                Column("Program"),
                Column("Serapan anggaran (%)", "percent"),
                Column("Capaian kinerja (%)", "percent"),
                Column("Pagu (Rp)", "rupiah"),
            ),
            rows=tuple((f"{a.name}: {p.name}", p.absorption, p.achievement, p.budget) for a, p in programs),
            plotted=(1, 2),
            marked=tuple(p.stands_out for _a, p in programs),
            note=f"Merah: {STANDS_OUT}.",
        ),
        Chart(
            key="temuan",
            title="Temuan yang perlu ditindaklanjuti, per PD",
            kind="",
            columns=(
                Column("Perangkat Daerah"),
                Column("Kesalahan", "count"),
                Column("Peringatan", "count"),
                Column("Temuan kesalahan pertama"),
            ),
            rows=tuple(
                (
                    a.name,
                    current[a.pk].errors,
                    current[a.pk].warnings,
                    next((text for severity, text in current[a.pk].attention if severity is Severity.ERROR), ""),
                )
                for a in attention
            ),
        ),
    ]
    return Dashboard(title=region.name, year=year, quarter=quarter, charts=charts)
