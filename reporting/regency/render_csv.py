"""The E.79, the ranking and the early warning as CSV: one line per printed line, with its urusan,
bidang and PD on every line so that a line read alone (or filtered in a spreadsheet) still says whose
it is.  Numbers machine-readable (dot decimals), text guarded against formulas (``safe_text``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from reporting.formatting import percent_machine, plain
from reporting.regency.builder import LineKind, RegencyReport
from reporting.regency.province import ProvinceRollup
from reporting.regency.ranking import RankRow
from reporting.regency.table import COMPUTED_HEAD, KIND_LABEL, PAIRS, computed_table
from reporting.regency.warnings import EarlyWarning
from reporting.renderers.csv_report import safe_text
from reporting.renderers.layout import DASH


def _n(value: Decimal | str | None, is_percent: bool = False) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    return (percent_machine(value) or "") if is_percent else plain(value)


def _computed_cell(value: object, numeric: bool) -> str:
    """A cell of the computed indicators' table: numbers machine-readable, "-" (not computed) blank."""
    if value is None or (numeric and value == DASH):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return plain(value)
    return safe_text(str(value))


def _write(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


HEADER = [
    "No",
    "Jenis baris",
    "Kode urusan",
    "Urusan",
    "Kode bidang",
    "Bidang",
    "Perangkat Daerah",
    "Status PD",
    "Sasaran",
    "Kode",
    "Program / Kegiatan",
    "Indikator",
    "Satuan",
    *(f"{number.split()[0]} {measure}" for number, *_ in PAIRS for measure in ("K", "Rp")),
]


def render_csv(e79: RegencyReport, *, paper: str = "f4") -> bytes:
    rows: list[list[str]] = [
        ["Formulir", f"{e79.form} {e79.title}"],
        ["Pemda", safe_text(e79.region.name)],
        ["Periode", e79.period],
        ["Status", e79.status_line],
        [],
        HEADER,
    ]
    urusan = bidang = ("", "")
    for line in e79.lines:
        if line.kind is LineKind.URUSAN:
            urusan, bidang = (line.code, line.name), ("", "")
        elif line.kind is LineKind.BIDANG:
            bidang = (line.code, line.name)
        agency = line.agency
        cells = [
            line.number,
            KIND_LABEL[line.kind],
            urusan[0],
            safe_text(urusan[1]),
            bidang[0],
            safe_text(bidang[1]),
            safe_text(agency.name if agency else ""),
            agency.status_label if agency else "",
            safe_text(line.objective),
            safe_text(line.code),
            safe_text(line.name if line.kind in (LineKind.PROGRAM, LineKind.ACTIVITY) else ""),
            safe_text(line.indicator),
            safe_text(line.unit),
        ]
        for _number, attribute, budget_attribute, k_kind, _rp, _r in PAIRS:
            is_percent = k_kind.value == "percent"
            if line.line is not None:
                rl = line.line
                cell = rl.quarters[int(attribute[1])] if attribute.startswith("q") else getattr(rl, attribute)
                cells += [_n(cell.value, is_percent), _n(cell.budget if rl.first_of_row else None, is_percent)]
            else:
                b = line.budget
                value = None
                if b is not None:
                    value = (
                        b.quarters[int(budget_attribute[1])]
                        if budget_attribute.startswith("q")
                        else getattr(b, budget_attribute)
                    )
                cells += ["", _n(value, is_percent)]
        rows.append(cells)
    rows += [
        [],
        ["Rata-rata capaian kinerja pemda (%)", _n(e79.average, True) or "-"],
        ["Predikat kinerja pemda", e79.rating or "-"],
        [],
        [
            "Perangkat Daerah",
            "Status",
            "Rata-rata capaian (%)",
            "Predikat",
            "Pagu (Rp)",
            "Realisasi (Rp)",
            "Serapan (%)",
        ],
    ]
    for a in e79.agencies:
        rows.append(
            [
                safe_text(a.name),
                a.status_label,
                _n(a.average, True),
                a.rating or "",
                _n(a.budget.annual),
                _n(a.budget.realized),
                _n(a.budget.absorption, True),
            ]
        )
    computed = computed_table(e79)
    if computed is not None:
        rows += [[], [computed.title], list(COMPUTED_HEAD)]
        for row in computed.rows:
            rows.append(
                [_computed_cell(v, col.kind.numeric) for v, col in zip(row.cells, computed.columns, strict=True)]
            )
    return _write(rows)


RANKING_HEADER = [
    "Peringkat",
    "Jenis",
    "Perangkat Daerah",
    "Kode",
    "Nama",
    "Capaian kinerja K (%)",
    "Serapan anggaran Rp (%)",
    "Efisiensi (K/Rp)",
    "Predikat",
    "Pagu (Rp)",
    "Realisasi (Rp)",
    "Status PD",
]


def render_ranking_csv(rows: Sequence[RankRow]) -> bytes:
    out = [RANKING_HEADER]
    for n, r in enumerate(rows, 1):
        out.append(
            [
                str(n),
                "PD" if r.kind == "pd" else "Program",
                safe_text(r.agency),
                safe_text(r.code),
                safe_text(r.name),
                _n(r.achievement, True),
                _n(r.absorption, True),
                "" if r.efficiency is None else plain(r.efficiency.quantize(Decimal("0.0001"))),
                r.rating or "",
                _n(r.budget),
                _n(r.realized),
                r.status,
            ]
        )
    return _write(out)


WARNING_HEADER = [
    "Perangkat Daerah",
    "Program",
    "Baris",
    "Indikator",
    "Satuan",
    "Rencana Aksi s.d. TW",
    "Realisasi s.d. TW",
    "Deviasi",
    "Kemajuan terhadap Rencana Aksi (%)",
    "Proyeksi akhir tahun",
    "Metode proyeksi",
    "Proyeksi capaian (%)",
    "Berisiko",
    "Alasan",
]


def render_warning_csv(warning: EarlyWarning) -> bytes:
    out = [WARNING_HEADER]
    for item in warning.indicators:
        w = item.warning
        ind = item.line.indicator
        out.append(
            [
                safe_text(item.agency.name),
                safe_text(item.program),
                safe_text(item.line.row.name),
                safe_text(ind.name if ind else ""),
                safe_text(ind.unit if ind else ""),
                _n(w.plan_so_far),
                _n(w.realized_so_far),
                _n(w.deviation),
                _n(w.progress, True),
                _n(w.projection),
                item.method,
                _n(w.projected_achievement, True),
                "ya" if w.at_risk else "tidak",
                safe_text("; ".join(item.reasons)),
            ]
        )
    return _write(out)


PROVINCE_HEADER = [
    "Pemda",
    "PD",
    "PD disetujui",
    "Rata-rata capaian kinerja (%)",
    "Predikat",
    "Pagu (Rp)",
    "Realisasi (Rp)",
    "Serapan (%)",
    "Capaian yang dirata-ratakan",
]


def render_province_csv(rollup: ProvinceRollup) -> bytes:
    """Each pemda's E.79 summary, then the province's (the mean of every PD's programs)."""
    out = [PROVINCE_HEADER]
    for r in rollup.regions:
        b = r.budget
        out.append(
            [
                safe_text(r.region.name),
                str(r.agencies),
                str(r.approved),
                _n(r.average, True),
                r.rating or "",
                _n(b.annual),
                _n(b.realized),
                _n(b.absorption, True),
                str(r.basis_count),
            ]
        )
    b = rollup.budget
    out.append(
        [
            "Provinsi (semua pemda)",
            str(rollup.agencies),
            str(sum(r.approved for r in rollup.regions)),
            _n(rollup.average, True),
            rollup.rating or "",
            _n(b.annual),
            _n(b.realized),
            _n(b.absorption, True),
            str(rollup.average_count),
        ]
    )
    return _write(out)
