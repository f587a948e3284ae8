"""The E.79 table in the shared layout (``reporting.renderers.layout``): columns 1-18 with K and Rp,
header and rows, drawn by the regency's Excel, PDF and HTML renderers alike.

Columns, Permendagri 86/2017 form E.79 (the E.81's columns moved by one for the code): 1 No, 2 Sasaran,
3 Kode, 4 Urusan/Bidang/PD/Program/Kegiatan, 5 Indikator (and satuan), 6 target at the end of the
period, 7 realisation up to last year, 8 target of the year, 9-12 TW I-IV, 13 realisation of the year,
14 = 13/8 x 100 %, 15 = 7 + 13, 16 = 15/6 x 100 %, 17 PD penanggung jawab, 18 keterangan.  Until the
RPJMD is entered in Kinerja, columns 6, 7, 15 and 16 are the PD's Renstra figures (E.81 columns 5, 6, 13
and 14), as the legend says.
"""

from __future__ import annotations

from domain.evaluation import Cell, ReportRow
from domain.regency import BudgetTotal
from reporting.labels import QUARTER_ROMAN
from reporting.regency.builder import LineKind, RegencyLine, RegencyReport
from reporting.renderers.e81 import line_places
from reporting.renderers.layout import DASH, Column, Head, Kind, Row, Table, Value

# (E.79 number label, ReportRow attribute or quarter "q0".."q3", BudgetTotal attribute, K kind, Rp kind)
PAIRS: tuple[tuple[str, str, str, Kind, Kind, bool], ...] = (
    ("6", "strategic_target", "strategic", Kind.VALUE, Kind.MONEY, False),
    ("7", "prior_realization", "prior", Kind.VALUE, Kind.MONEY, True),
    ("8", "annual_target", "annual", Kind.VALUE, Kind.MONEY, False),
    ("9", "q0", "q0", Kind.VALUE, Kind.MONEY, True),
    ("10", "q1", "q1", Kind.VALUE, Kind.MONEY, True),
    ("11", "q2", "q2", Kind.VALUE, Kind.MONEY, True),
    ("12", "q3", "q3", Kind.VALUE, Kind.MONEY, True),
    ("13", "annual_realization", "realized", Kind.VALUE, Kind.MONEY, True),
    ("14 = 13/8 x 100%", "annual_achievement", "absorption", Kind.PERCENT, Kind.PERCENT, False),
    ("15 = 7 + 13", "cumulative_realization", "cumulative", Kind.VALUE, Kind.MONEY, True),
    ("16 = 15/6 x 100%", "cumulative_achievement", "cumulative_absorption", Kind.PERCENT, Kind.PERCENT, False),
)
PAIR_TITLES = (
    "Target kinerja dan anggaran akhir periode (Renstra PD)",
    "Realisasi kinerja dan anggaran s.d. tahun lalu",
    "Target kinerja dan anggaran RKPD tahun berjalan",
    *(f"Realisasi triwulan {r}" for r in QUARTER_ROMAN),
    "Realisasi kinerja dan anggaran RKPD tahun berjalan",
    "Tingkat capaian kinerja dan realisasi anggaran RKPD (%)",
    "Realisasi kinerja dan anggaran s.d. tahun berjalan",
    "Tingkat capaian kinerja dan realisasi anggaran s.d. tahun berjalan (%)",
)
_STYLE = {
    LineKind.URUSAN: "objective",
    LineKind.BIDANG: "objective",
    LineKind.AGENCY: "total",
    LineKind.PROGRAM: "program",
    LineKind.ACTIVITY: "activity",
}
KIND_LABEL = {
    LineKind.URUSAN: "Urusan",
    LineKind.BIDANG: "Bidang urusan",
    LineKind.AGENCY: "Perangkat Daerah",
    LineKind.PROGRAM: "Program",
    LineKind.ACTIVITY: "Kegiatan",
}


def columns() -> tuple[Column, ...]:
    cols = [
        Column(Kind.SEQ, 8, key="no"),
        Column(Kind.TEXT, 30, key="objective"),
        Column(Kind.TEXT, 18, wrap=False, key="code"),
        Column(Kind.TEXT, 45, indent=True, key="name"),
        Column(Kind.TEXT, 40, key="indicator"),
        Column(Kind.TEXT, 14, key="unit"),
    ]
    for number, _a, _b, k_kind, rp_kind, realized in PAIRS:
        key = number.split()[0]
        cols.append(Column(k_kind, 10, key=f"{key}K", realized=realized))
        cols.append(Column(rp_kind, 16, key=f"{key}Rp", realized=realized))
    cols += [Column(Kind.TEXT, 30, key="17"), Column(Kind.TEXT, 22, key="18")]
    return tuple(cols)


def header() -> tuple[Head, ...]:
    heads = [
        Head(0, 0, "No", rowspan=2),
        Head(0, 1, "Sasaran", rowspan=2),
        Head(0, 2, "Kode", rowspan=2),
        Head(0, 3, "Urusan / Bidang Urusan / Perangkat Daerah / Program / Kegiatan", rowspan=2),
        Head(0, 4, "Indikator kinerja program (outcome) / kegiatan (output)", rowspan=2),
        Head(0, 5, "Satuan", rowspan=2),
    ]
    col = 6
    for title in PAIR_TITLES:
        heads += [Head(0, col, title, colspan=2), Head(1, col, "K"), Head(1, col + 1, "Rp")]
        col += 2
    heads += [
        Head(0, col, "Perangkat Daerah penanggung jawab", rowspan=2),
        Head(0, col + 1, "Keterangan", rowspan=2),
    ]
    numbers = ["1", "2", "3", "4", "5", "5"] + [p[0] for p in PAIRS for _ in (0, 1)] + ["17", "18"]
    heads += [Head(2, c, n) for c, n in enumerate(numbers)]
    return tuple(heads)


def _cell(line: ReportRow, attribute: str) -> Cell:
    if attribute.startswith("q"):
        return line.quarters[int(attribute[1])]
    cell: Cell = getattr(line, attribute)
    return cell


def _budget(total: BudgetTotal, attribute: str) -> Value:
    if attribute.startswith("q"):
        return total.quarters[int(attribute[1])]
    value: Value = getattr(total, attribute)
    return value


def line_row(e79: RegencyReport, line: RegencyLine) -> Row:
    """One E.79 line: the PD's E.81 figures of a program or kegiatan, or a group's Rp."""
    cells: list[Value] = []
    if line.line is not None:
        report_line = line.line
        first = report_line.first_of_row
        indicator = report_line.indicator
        cells += [
            int(line.number) if line.number else None,
            line.objective or None,
            (line.code or None) if first else None,
            line.name if first else None,
            indicator.name if indicator else None,
            indicator.unit if indicator else None,
        ]
        for _n, attribute, _b, k_kind, _rp, _r in PAIRS:
            cell = _cell(report_line, attribute)
            value: Value = cell.value
            budget: Value = cell.budget if first else None
            if k_kind is Kind.PERCENT:
                value = DASH if value is None and indicator else value
                budget = DASH if budget is None and first and cell.budget is None else budget
            cells += [value, budget]
        agency = line.agency
        cells += [
            (report_line.row.responsible_unit or (agency.name if agency else None)) if first else None,
            None,
        ]
        return Row(tuple(cells), _STYLE[line.kind], places=line_places(report_line))
    total = line.budget or BudgetTotal()
    cells += [None, None, line.code or None, line.name, None, None]
    for _n, _a, attribute, _k, _rp, _r in PAIRS:
        cells += [None, _budget(total, attribute)]
    note = None
    if line.agency is not None:
        a = line.agency
        note = f"Rata-rata {_percent_text(a)}; {a.status_label}"
    cells += [None, note]
    return Row(tuple(cells), _STYLE[line.kind])


def _percent_text(a) -> str:  # type: ignore[no-untyped-def]
    from reporting.formatting import percent

    value = percent(a.average, "-")
    return f"{value} % ({a.rating})" if a.rating else value


def e79_table(e79: RegencyReport) -> Table:
    rows = [line_row(e79, line) for line in e79.lines]
    cols = columns()
    last = len(cols) - 1
    total = e79.budget
    sum_cells: list[Value] = [None, None, None, "Jumlah pemda", None, None]
    for _n, _a, attribute, _k, _rp, _r in PAIRS:
        sum_cells += [None, _budget(total, attribute)]
    sum_cells += [None, None]
    rows.append(Row(tuple(sum_cells), "total"))
    average: list[Value] = [None] * len(cols)
    average[0] = "Rata-rata capaian kinerja pemda (%)"
    average[6] = e79.average if e79.average is not None else DASH
    rows.append(Row(tuple(average), "total", spans=((0, 5), (6, last))))
    rating: list[Value] = [None] * len(cols)
    rating[0] = "Predikat kinerja pemda"
    rating[6] = e79.rating or DASH
    rows.append(Row(tuple(rating), "total", spans=((0, 5), (6, last))))
    return Table(
        key="e79",
        title=f"Form {e79.form}",
        columns=cols,
        head=header(),
        head_rows=3,
        rows=tuple(rows),
        frozen_cols=4,
    )


AGENCY_HEAD = (
    "No",
    "Perangkat Daerah",
    "Status triwulan",
    "Program",
    "Rata-rata capaian kinerja (%)",
    "Predikat",
    "Pagu (Rp)",
    "Realisasi (Rp)",
    "Serapan (%)",
    "Temuan (kesalahan)",
)


def agencies_table(e79: RegencyReport) -> Table:
    """Each PD's average and rating, its standing (approved or draft) and its Rp, then the pemda's."""
    cols = (
        Column(Kind.SEQ, 8, key="no"),
        Column(Kind.TEXT, 60, key="name"),
        Column(Kind.TEXT, 30, key="status"),
        Column(Kind.SEQ, 12, key="programs"),
        Column(Kind.PERCENT, 16, key="average"),
        Column(Kind.TEXT, 20, key="rating"),
        Column(Kind.MONEY, 24, key="budget"),
        Column(Kind.MONEY, 24, key="realized"),
        Column(Kind.PERCENT, 14, key="absorption"),
        Column(Kind.TEXT, 16, key="findings"),
    )
    rows = []
    for n, a in enumerate(e79.agencies, 1):
        programs = sum(1 for line in e79.lines if line.agency is a and line.number)
        rows.append(
            Row(
                (
                    n,
                    a.name,
                    a.status_label,
                    programs,
                    a.average if a.average is not None else DASH,
                    a.rating or DASH,
                    a.budget.annual,
                    a.budget.realized,
                    a.budget.absorption if a.budget.absorption is not None else DASH,
                    f"{a.findings} ({a.errors})",
                )
            )
        )
    for info in e79.without_work_plan:
        rows.append(Row((None, info.name, "Belum ada Renja tahun ini", None, None, None, None, None, None, None)))
    b = e79.budget
    rows.append(
        Row(
            (
                None,
                "Pemda",
                e79.status_line,
                sum(1 for line in e79.lines if line.number),
                e79.average if e79.average is not None else DASH,
                e79.rating or DASH,
                b.annual,
                b.realized,
                b.absorption if b.absorption is not None else DASH,
                None,
            ),
            "total",
        )
    )
    return Table(
        key="agencies",
        title="Rata-rata capaian dan predikat per Perangkat Daerah",
        columns=cols,
        head=tuple(Head(0, i, t) for i, t in enumerate(AGENCY_HEAD)),
        head_rows=1,
        rows=tuple(rows),
    )


def legend(e79: RegencyReport) -> tuple[str, ...]:
    """What the E.79 says of how it is made, printed below it in every format."""
    s = e79.settings
    basis = "baris program" if s.average_basis.value == "programs" else "semua baris"
    source = "capaian Renja (13/8)" if s.average_source.value == "renja" else "capaian Renstra (16)"
    cap = f", tiap capaian dibatasi {s.average_cap} %" if s.average_cap is not None else ""
    approved = ", ".join(a.name for a in e79.approved) or "tidak ada"
    drafts = ", ".join(a.name for a in e79.drafts) or "tidak ada"
    return (
        "Angka setiap program dan kegiatan adalah angka E.81 Perangkat Daerahnya; PD yang triwulannya "
        "disetujui Bappeda diambil dari salinan beku persetujuannya.",
        f"PD disetujui: {approved}.",
        f"PD masih draf (angka dapat berubah): {drafts}.",
        "Rp urusan, bidang, PD dan pemda = jumlah Rp program di bawahnya; K tidak dijumlahkan antar indikator.",
        f"Rata-rata capaian PD = rata-rata {source} {basis} PD itu; rata-rata pemda = rata-rata {source} "
        f"{basis} seluruh PD (setiap program dihitung sekali){cap}.",
        "Kolom 6, 7, 15 dan 16 memakai target dan realisasi Renstra PD (RPJMD belum dicatat di Kinerja).",
        "Urusan dan bidang dibaca dari kode nomenklatur program (Permendagri 90/2019).",
    )


COMPUTED_HEAD = (
    "No",
    "Indikator terhitung",
    "Rumus",
    "Satuan",
    "Angka dasar (jumlah PD yang lengkap)",
    "Pembilang",
    "Penyebut",
    "Nilai pemda",
    "PD dihitung",
    "PD tidak lengkap",
    "Perangkat Daerah",
    "Keterangan",
)
COMPUTED_TITLE = "Indikator terhitung pemda (angka dasar seluruh PD dijumlah, lalu rumusnya dihitung)"


def computed_table(e79: RegencyReport) -> Table | None:
    """The pemda's computed indicators, one line per formula shared by its PD: each base figure summed
    over the PD that entered them all, the formula applied once to the sums (never a mean of the PD's
    percentages); a PD with a figure blank is left out whole and named.  None when there are none."""
    if not e79.computed:
        return None
    from computed.services import stored_value
    from reporting.formatting import value_id

    cols = (
        Column(Kind.SEQ, 8, key="no"),
        Column(Kind.TEXT, 40, key="indicator"),
        Column(Kind.TEXT, 30, key="formula"),
        Column(Kind.TEXT, 12, key="unit"),
        Column(Kind.TEXT, 36, key="figures"),
        Column(Kind.VALUE, 14, key="numerator"),
        Column(Kind.VALUE, 14, key="denominator"),
        Column(Kind.VALUE, 12, key="value"),
        Column(Kind.SEQ, 10, key="counted"),
        Column(Kind.SEQ, 10, key="left_out"),
        Column(Kind.TEXT, 40, key="agencies"),
        Column(Kind.TEXT, 20, key="note"),
    )
    rows = []
    for n, c in enumerate(e79.computed, 1):
        agencies = "; ".join(
            p.agency_name + (" (tidak lengkap)" if any(v is None for v in p.figures.values()) else "") for p in c.parts
        )
        rows.append(
            Row(
                (
                    n,
                    " / ".join(dict.fromkeys(p.indicator for p in c.parts)),
                    c.formula,
                    c.unit or None,
                    "; ".join(f"{name} = {value_id(value)}" for name, value in c.figures.items()) or None,
                    c.result.numerator,
                    c.result.denominator,
                    stored_value(c.result.value) if c.result.value is not None else DASH,
                    c.counted,
                    c.left_out,
                    agencies,
                    c.result.reason or None,
                )
            )
        )
    return Table(
        key="computed",
        title=COMPUTED_TITLE,
        columns=cols,
        head=tuple(Head(0, i, t) for i, t in enumerate(COMPUTED_HEAD)),
        head_rows=1,
        rows=tuple(rows),
    )
