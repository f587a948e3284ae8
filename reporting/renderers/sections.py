"""Everything around the E.81 table, arranged once for every renderer: the document.

In the order it is signed: title block, the RKPD block, the E.81 table with its average and predikat,
the four narratives, the Indikator Tujuan and Sasaran tables, and the signature blocks that close it.
Then the annex ("Lampiran"), which a download may leave out: the Rencana Aksi, the findings, the
legend of the settings used, the predikat bands and each indicator's aggregation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from domain.aggregation import aggregate
from domain.evaluation import ReportRow
from domain.inputs import Stated
from reporting.finding_text import finding_message
from reporting.formatting import value_id
from reporting.labels import (
    AGGREGATION,
    AVERAGE_BASIS,
    AVERAGE_SOURCE,
    DIRECTION,
    NEGATIVE_FORMULA,
    QUARTER_ROMAN,
    SEVERITY,
)
from reporting.renderers.e81 import e81_table
from reporting.renderers.layout import (
    DEFAULT_PAPER,
    Column,
    Head,
    Kind,
    Paper,
    Row,
    Table,
    date_id,
    indicator_places,
    paper_for,
    simple_head,
)
from reporting.report import Report, Signature

NARRATIVE_LABELS = (
    ("drivers", "Faktor pendorong keberhasilan pencapaian"),
    ("obstacles", "Faktor penghambat pencapaian kinerja"),
    ("follow_up_quarter", "Tindak lanjut yang diperlukan dalam triwulan berikutnya"),
    ("follow_up_renja", "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya"),
)
BLANK_LINE = "...................................."
ANNEX_TITLE = "Lampiran"
DRAFT_MARK = "DRAF"


@dataclass(frozen=True)
class SignatureBlock:
    role: str  # "Disusun"
    place_date: str  # "Lumajang, 31 Desember 2021" or a line to fill in by hand
    position: tuple[str, ...]  # ("Kepala Dinas Koperasi dan Usaha Mikro", "Kabupaten Lumajang")
    name: str  # blank: a line to write the name on
    nip: str

    @property
    def lines(self) -> tuple[str, ...]:
        return (self.role, self.place_date, *self.position)


@dataclass(frozen=True)
class Document:
    paper: Paper
    form: str
    title: str
    agency: str  # "Dinas Koperasi dan Usaha Mikro Kabupaten Lumajang"
    period: str  # "Periode Pelaksanaan: Triwulan IV Tahun 2021"
    work_plan: str  # "Renja 2021 (murni)", the Renja version the figures follow
    status: str  # "Status: Draf · Renja murni", or "Disetujui <tanggal> oleh <nama>; SHA-256 <hash> · ..."
    status_line: str  # the status alone: "Status: Draf" or "Disetujui ... oleh ...; SHA-256 ..."
    watermark: str  # "DRAF" across every page of a report not (yet) approved; "" once approved
    printed: str  # "Dicetak 01-12-2026 21:08" on a live report; "" on an approved one (its file never changes)
    issued_at: dt.datetime | None  # an approved report's time of approval, stamped as the file's own date
    rkpd_caption: str
    rkpd: Table
    main: Table
    narratives: tuple[tuple[str, str], ...]  # (label, text; "-" when empty)
    signatures: tuple[SignatureBlock, SignatureBlock]
    goals: Table
    objectives: Table
    annex: bool  # the Lampiran is printed (``?lampiran=0`` / ``--no-annex`` leave it out)
    action_plan: Table
    findings: Table
    notes: tuple[str, ...]
    bands: Table
    aggregations: Table

    @property
    def running_title(self) -> str:
        """The line at the top of every printed page after the first."""
        return f"{self.title} · {self.agency} · {self.period}"

    @property
    def footer(self) -> tuple[str, str]:
        """The two lines at the foot of every page: the status, then form, PD, period, Renja and print date."""
        where = " · ".join(p for p in (self.form, self.agency, self.period, self.work_plan, self.printed) if p)
        return " · ".join(p for p in (self.watermark, self.status_line) if p), where


def _signature(signature: Signature) -> SignatureBlock:
    when = date_id(signature.date, BLANK_LINE)
    return SignatureBlock(
        role=signature.role,
        place_date=f"{signature.place or BLANK_LINE}, {when}",
        position=(signature.position, signature.region),
        name=signature.name,
        nip=f"NIP. {signature.nip or BLANK_LINE}",
    )


def rkpd_table(report: Report) -> Table:
    rows = tuple(
        Row((i, r.indicator.name, r.annual_target.value, r.indicator.unit), places=_places(r))
        for i, r in enumerate(report.rkpd_indicators, 1)
        if r.indicator
    )
    return Table(
        key="rkpd",
        title="Indikator dan target kinerja yang mengacu pada sasaran RKPD",
        columns=(Column(Kind.SEQ, 8), Column(Kind.TEXT, 120), Column(Kind.VALUE, 22), Column(Kind.TEXT, 18)),
        head=simple_head("No", "Indikator", "Target Kinerja", "Satuan"),
        head_rows=1,
        rows=rows,
    )


def _places(line: ReportRow) -> int:
    ind = line.indicator
    return indicator_places(ind.target, ind.strategic_target) if ind else 0


def indicator_table(key: str, title: str, lines: tuple[ReportRow, ...]) -> Table:
    """Indikator Tujuan / Indikator Sasaran: No, Indikator, Formulasi, Target, Realisasi, Capaian."""
    rows = tuple(
        Row(
            (
                i,
                r.indicator.name,
                r.indicator.formula or None,
                r.annual_target.value,
                r.annual_realization.value,
                r.annual_achievement.value if r.annual_achievement.value is not None else "-",
            ),
            places=_places(r),
        )
        for i, r in enumerate(lines, 1)
        if r.indicator
    )
    return Table(
        key=key,
        title=title,
        columns=(
            Column(Kind.SEQ, 8),
            Column(Kind.TEXT, 80),
            Column(Kind.TEXT, 110),
            Column(Kind.VALUE, 22),
            Column(Kind.VALUE, 22, realized=True),
            Column(Kind.PERCENT, 22),
        ),
        head=simple_head("No", "Indikator", "Formulasi", "Target", "Realisasi", "Capaian (%)"),
        head_rows=1,
        rows=rows,
    )


def action_plan_table(report: Report) -> Table:
    """Rencana Aksi: each indicator's target per quarter, what they combine to by the indicator's
    aggregation (the figure the findings quote), and the annual target the Rencana Aksi printed
    itself, beside the Renja target (and their satuan).  A quarter no row plans is left out."""
    lines = report.action_plan_rows
    quarters = [q for q in range(4) if any(r.indicator and r.indicator.action_plan[q] is not None for r in lines)]
    printed = any(r.indicator and Stated.ACTION_PLAN_TARGET in r.indicator.stated for r in lines)
    rows = []
    for i, r in enumerate(lines, 1):
        ind = r.indicator
        assert ind is not None
        combined = aggregate(ind.action_plan, ind.aggregation) if any(q is not None for q in ind.action_plan) else None
        cells = [
            i,
            r.row.name if r.first_of_row else None,
            ind.name,
            r.annual_target.value,
            ind.unit,
            ind.action_plan_unit or ind.unit,
            *(ind.action_plan[q] for q in quarters),
            combined,
        ]
        if printed:
            cells.append(ind.stated.get(Stated.ACTION_PLAN_TARGET))
        rows.append(Row(tuple(cells), r.level.value, places=_places(r)))
    year = report.context.year
    span = len(quarters) + 2 + printed
    head = [
        Head(0, 0, "No", rowspan=2),
        Head(0, 1, "Program/Kegiatan/Sub Kegiatan", rowspan=2),
        Head(0, 2, "Indikator Kinerja", rowspan=2),
        Head(0, 3, f"Target Renja {year}", colspan=2),
        Head(0, 5, "Rencana Aksi: target per triwulan", colspan=span),
        Head(1, 3, "K"),
        Head(1, 4, "Satuan"),
        Head(1, 5, "Satuan"),
    ]
    head += [Head(1, 6 + n, f"TW {QUARTER_ROMAN[q]}") for n, q in enumerate(quarters)]
    head.append(Head(1, 6 + len(quarters), "Setahun (agregasi)"))
    if printed:
        head.append(Head(1, 7 + len(quarters), "Tercetak"))
    return Table(
        key="action_plan",
        title=f"Rencana Aksi Tahun {year}",
        columns=(
            Column(Kind.SEQ, 8),
            Column(Kind.TEXT, 90, indent=True),
            Column(Kind.TEXT, 80),
            Column(Kind.VALUE, 18),
            Column(Kind.TEXT, 18),
            Column(Kind.TEXT, 18),
            *(Column(Kind.VALUE, 16) for _ in quarters),
            Column(Kind.VALUE, 18),
            *((Column(Kind.VALUE, 16),) if printed else ()),
        ),
        head=tuple(head),
        head_rows=2,
        rows=tuple(rows),
    )


def findings_table(report: Report) -> Table:
    rows = tuple(
        Row(
            (
                i,
                SEVERITY[f.severity],
                f.row or "-",
                f.indicator,
                " ".join(p for p in (f.column, f.measure) if p) or None,
                finding_message(f),
            ),
            f"severity-{f.severity.value}",
        )
        for i, f in enumerate(report.evaluation.findings, 1)
    )
    return Table(
        key="findings",
        title="Temuan (pemeriksaan konsistensi)",
        columns=(
            Column(Kind.SEQ, 6),
            Column(Kind.TEXT, 14),
            Column(Kind.TEXT, 58),
            Column(Kind.TEXT, 48),
            Column(Kind.TEXT, 10),
            Column(Kind.TEXT, 180),
        ),
        head=simple_head("No", "Tingkat", "Baris", "Indikator", "Kolom", "Uraian"),
        head_rows=1,
        rows=rows,
    )


def notes(report: Report) -> tuple[str, ...]:
    settings = report.evaluation.settings
    cap = (
        f"capaian di atas {value_id(settings.average_cap)}% dihitung {value_id(settings.average_cap)}% untuk rata-rata"
        if settings.average_cap is not None
        else "tanpa batas atas"
    )
    return (
        "Capaian indikator positif = Realisasi / Target x 100%.",
        f"{NEGATIVE_FORMULA[settings.negative_formula]}.",
        "Target kosong: capaian tidak dihitung (ditulis -), bukan 0 dan bukan 100%.",
        "Capaian anggaran (Rp) = realisasi / pagu x 100%.",
        f"Rata-rata capaian kinerja = {AVERAGE_BASIS[settings.average_basis]}, "
        f"dari {AVERAGE_SOURCE[settings.average_source]}, {cap}.",
        "Predikat ditentukan dari rata-rata sebelum pembulatan, menurut rentang di bawah.",
        "Kolom 12 K menggabungkan triwulan menurut agregasi indikator (tabel di bawah); Rp selalu dijumlahkan.",
        "Kolom 13 = kolom 6 + kolom 12 untuk indikator yang dijumlahkan; untuk indikator tingkat "
        "(nilai terakhir, rata-rata, nilai tertinggi) kolom 13 = kolom 12.",
        "Sel kosong: tidak dilaporkan; 0: dilaporkan nihil. Persentase dibulatkan setengah ke atas, dua desimal.",
    )


def bands_table(report: Report) -> Table:
    rows = []
    upper = None
    for band in report.evaluation.settings.bands:
        low = value_id(band.lower) if band.lower is not None else None
        if low is None:
            text = f"< {upper}" if upper else "semua nilai"
        elif upper is None:
            text = f">= {low}"
        else:
            text = f">= {low} dan < {upper}"
        rows.append(Row((band.label, text)))
        upper = low
    return Table(
        key="bands",
        title="Predikat kinerja",
        columns=(Column(Kind.TEXT, 40), Column(Kind.TEXT, 60)),
        head=simple_head("Predikat", "Rata-rata capaian (%)"),
        head_rows=1,
        rows=tuple(rows),
    )


def aggregations_table(report: Report) -> Table:
    ev = report.evaluation
    rows = []
    for r in (*ev.goal_indicators, *ev.rows):
        ind = r.indicator
        if ind is None:
            continue
        rule = AGGREGATION[ind.aggregation] + (" (bawaan, perlu dikonfirmasi)" if ind.aggregation_is_default else "")
        rows.append(
            Row(
                (
                    len(rows) + 1,
                    r.row.name if r.first_of_row else None,
                    ind.name,
                    ind.unit,
                    rule,
                    DIRECTION[ind.direction],
                )
            )
        )
    return Table(
        key="aggregations",
        title="Agregasi triwulan dan arah setiap indikator",
        columns=(
            Column(Kind.SEQ, 8),
            Column(Kind.TEXT, 80),
            Column(Kind.TEXT, 80),
            Column(Kind.TEXT, 18),
            Column(Kind.TEXT, 45),
            Column(Kind.TEXT, 50),
        ),
        head=simple_head("No", "Baris", "Indikator", "Satuan", "Agregasi triwulan (kolom 12)", "Arah"),
        head_rows=1,
        rows=tuple(rows),
    )


def _printed(report: Report, at: dt.datetime | None) -> str:
    """The print date of a live report; none on an approved one, whose file is the same every time."""
    if report.approval is not None:
        return ""
    local = timezone.localtime(at or timezone.now())
    return f"Dicetak {local:%d-%m-%Y %H:%M}"


def build_document(
    report: Report,
    paper: str = DEFAULT_PAPER,
    *,
    annex: bool = True,
    printed_at: dt.datetime | None = None,
    main: Table | None = None,
) -> Document:
    """The parts of the signed form and its annex.  ``main``: the E.81 table, when the caller has built
    it already (the workbook's, with the columns the paper leaves out): not built twice."""
    ctx = report.context
    ev = report.evaluation
    narratives = report.narratives
    prepared, evaluated = report.signatures
    return Document(
        paper=paper_for(paper),
        form=report.form,
        title=report.title,
        agency=f"{ctx.agency.name} {ctx.region.name}",
        period=f"Periode Pelaksanaan: {report.period}",
        work_plan=ctx.work_plan.title,
        status=f"{report.status_line} · {ctx.work_plan.title}",
        status_line=report.status_line,
        watermark="" if report.approval is not None else DRAFT_MARK,
        printed=_printed(report, printed_at),
        issued_at=report.approval.approved_at if report.approval else None,
        rkpd_caption=(
            f"Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD {ctx.region.name}:"
        ),
        rkpd=rkpd_table(report),
        main=main or e81_table(report),
        narratives=tuple((label, getattr(narratives, key) or "-") for key, label in NARRATIVE_LABELS),
        signatures=(_signature(prepared), _signature(evaluated)),
        goals=indicator_table("goals", "Indikator Tujuan", ev.goal_indicators),
        objectives=indicator_table("objectives", "Indikator Sasaran", ev.objective_indicators),
        annex=annex,
        action_plan=action_plan_table(report),
        findings=findings_table(report),
        notes=notes(report),
        bands=bands_table(report),
        aggregations=aggregations_table(report),
    )
