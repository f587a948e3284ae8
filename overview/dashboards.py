"""The dashboards of a PD and of the pemda: the core's figures as charts with their tables.

Every number is read off the evaluations (``overview.figures``); the charts are built once per page from
one batch of reports (``overview.batch``), so a page runs a fixed number of queries however many PD.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.evaluation import Evaluation
from domain.types import Severity
from overview.batch import reports_for_agencies
from overview.charts import Chart, Column
from overview.figures import GAP_POINTS, program_lines, spending_by_quarter
from planning.models import Agency, Region
from quarters.locks import QUARTER_NAMES
from reporting.finding_text import finding_message
from reporting.labels import SEVERITY
from reporting.report import Report

_ATTENTION = (Severity.ERROR, Severity.WARNING)
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


def _spending_chart(evaluations: Sequence[Evaluation]) -> Chart:
    spending = spending_by_quarter(evaluations)
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


def _average_chart(reports: Sequence[Report]) -> Chart:
    return Chart(
        key="rata-rata",
        title="Rata-rata capaian kinerja dan predikat per triwulan",
        kind="line",
        columns=(Column("Triwulan"), Column("Rata-rata capaian (%)", "percent"), Column("Predikat")),
        rows=tuple((_quarter(r.context.quarter), r.evaluation.average, r.evaluation.rating or "") for r in reports),
        plotted=(1,),
        note="Rata-rata s.d. akhir tiap triwulan, dasar dan batas menurut pengaturan pemda.",
    )


def agency_dashboard(*, agency: Agency, year: int, quarter: int) -> Dashboard | None:
    """The PD's dashboard as of ``quarter``: None without a Renja for the year."""
    quarters = list(range(1, quarter + 1))
    loaded = reports_for_agencies(agencies=[agency], year=year, quarters=quarters)
    reports = [loaded.reports[agency.pk, q] for q in quarters if (agency.pk, q) in loaded.reports]
    if not reports:
        return None
    current = reports[-1].evaluation
    programs = program_lines(current)
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
        _spending_chart([current]),
        _average_chart(reports),
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
            rows=tuple(
                (SEVERITY[f.severity], finding_message(f)) for f in current.findings if f.severity in _ATTENTION
            ),
        ),
    ]
    return Dashboard(
        title=agency.name, year=year, quarter=quarter, charts=charts, average=current.average, rating=current.rating
    )


def region_dashboard(*, region: Region, agencies: Sequence[Agency], year: int, quarter: int) -> Dashboard:
    """The pemda's dashboard over ``agencies`` (its PD the user may see) as of ``quarter``."""
    quarters = list(range(1, quarter + 1))
    loaded = reports_for_agencies(agencies=agencies, year=year, quarters=quarters)
    with_plan = [a for a in agencies if (a.pk, quarter) in loaded.reports]
    current = {a.pk: loaded.reports[a.pk, quarter].evaluation for a in with_plan}
    spending = {a.pk: spending_by_quarter([current[a.pk]]) for a in with_plan}
    absorbed = {pk: (s[-1].absorption if s else None) for pk, s in spending.items()}
    bands = [b.label for b in current[with_plan[0].pk].settings.bands] if with_plan else []
    rating_rows = []
    for q in quarters:
        ratings = [loaded.reports[a.pk, q].evaluation.rating for a in with_plan]
        rating_rows.append((_quarter(q), *(ratings.count(label) for label in bands), ratings.count(None)))
    programs = [(a, p) for a in with_plan for p in program_lines(current[a.pk])]
    attention = sorted(
        with_plan,
        key=lambda a: (-sum(f.severity is Severity.ERROR for f in current[a.pk].findings), a.name),
    )
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
        _spending_chart(list(current.values())),
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
                    sum(f.severity is Severity.ERROR for f in current[a.pk].findings),
                    sum(f.severity is Severity.WARNING for f in current[a.pk].findings),
                    next((finding_message(f) for f in current[a.pk].findings if f.severity is Severity.ERROR), ""),
                )
                for a in attention
            ),
        ),
    ]
    return Dashboard(title=region.name, year=year, quarter=quarter, charts=charts)
