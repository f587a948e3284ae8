"""The E.81 table (DOMAIN.md section 3): columns 1-16 with K and Rp, header, rows and footer.

One layout for every renderer.  Between columns 12 and 13 it also prints the Renja achievement
(12/7 x 100 %, the E.55 column) because the average below the table is taken from it.
"""

from __future__ import annotations

from domain.evaluation import Cell, ReportRow
from domain.types import AverageSource, Level
from reporting.labels import QUARTER_ROMAN
from reporting.renderers.layout import Column, Head, Kind, Row, Table, Value
from reporting.report import Report

# Leading text columns: No, Sasaran, Program/Kegiatan/Sub Kegiatan, Indikator, Satuan.
TEXT_COLUMNS = (
    Column(Kind.SEQ, 6, wrap=False),
    Column(Kind.TEXT, 20),
    Column(Kind.TEXT, 38, indent=True),
    Column(Kind.TEXT, 32),
    Column(Kind.TEXT, 10),
)
TRAILING_COLUMNS = (Column(Kind.TEXT, 14), Column(Kind.TEXT, 44))  # 15, 16
NUMERIC_START = len(TEXT_COLUMNS)

# (number label, K kind, Rp kind, ReportRow attribute); quarters are expanded below.
_PAIRS: tuple[tuple[str, Kind, Kind, str], ...] = (
    ("5", Kind.VALUE, Kind.MONEY, "strategic_target"),
    ("6", Kind.VALUE, Kind.MONEY, "prior_realization"),
    ("7", Kind.VALUE, Kind.MONEY, "annual_target"),
    ("8", Kind.VALUE, Kind.MONEY, "q0"),
    ("9", Kind.VALUE, Kind.MONEY, "q1"),
    ("10", Kind.VALUE, Kind.MONEY, "q2"),
    ("11", Kind.VALUE, Kind.MONEY, "q3"),
    ("12", Kind.VALUE, Kind.MONEY, "annual_realization"),
    ("12/7 x 100%", Kind.PERCENT, Kind.PERCENT, "annual_achievement"),
    ("13 = 6 + 12", Kind.VALUE, Kind.MONEY, "cumulative_realization"),
    ("14 = 13/5 x 100%", Kind.PERCENT, Kind.PERCENT, "cumulative_achievement"),
)
PAIR_INDEX = {attribute: i for i, (_, _, _, attribute) in enumerate(_PAIRS)}


def _k_col(pair: int) -> int:
    return NUMERIC_START + 2 * pair


def column_of(number: str, measure: str) -> int:
    """The column of a numbered pair ("12", "13 = 6 + 12") and measure "K" or "Rp"."""
    pair = [label for label, _, _, _ in _PAIRS].index(number)
    return _k_col(pair) + (measure == "Rp")


def columns() -> tuple[Column, ...]:
    numeric = []
    for _, k_kind, rp_kind, _ in _PAIRS:
        numeric.append(Column(k_kind, 9, wrap=False))
        numeric.append(Column(rp_kind, 9 if rp_kind is Kind.PERCENT else 16, wrap=False))
    return (*TEXT_COLUMNS, *numeric, *TRAILING_COLUMNS)


def header(report: Report) -> tuple[Head, ...]:
    """Four header rows: titles, quarters, column numbers (with formulas), K / Rp."""
    year = report.context.year
    end = report.context.work_plan.end_year
    last = NUMERIC_START + 2 * len(_PAIRS)
    heads = [
        Head(0, 0, "No", rowspan=2),
        Head(0, 1, "Sasaran", rowspan=2),
        Head(0, 2, "Program/Kegiatan/Sub Kegiatan", rowspan=2),
        Head(0, 3, "Indikator Kinerja Program (outcome)/ Kegiatan (output)/ Sub Kegiatan", rowspan=2, colspan=2),
        Head(2, 0, "1", rowspan=2),
        Head(2, 1, "2", rowspan=2),
        Head(2, 2, "3", rowspan=2),
        Head(2, 3, "4", colspan=2),
        Head(3, 3, "Uraian"),
        Head(3, 4, "Satuan"),
        Head(0, last, "Unit PD Penanggung Jawab", rowspan=2),
        Head(0, last + 1, "Keterangan", rowspan=2),
        Head(2, last, "15", rowspan=2),
        Head(2, last + 1, "16", rowspan=2),
    ]
    titles = {
        "strategic_target": f"Target Renstra PD s.d. Tahun {end}",
        "prior_realization": f"Realisasi Renstra PD s.d. Tahun {year - 1}",
        "annual_target": f"Target Kinerja dan Anggaran Renja PD Tahun {year}",
        "annual_realization": f"Realisasi Capaian Kinerja dan Anggaran Renja PD Tahun {year}",
        "annual_achievement": f"Tingkat Capaian Kinerja dan Anggaran Renja PD Tahun {year} (%)",
        "cumulative_realization": f"Realisasi Kinerja dan Anggaran Renstra PD s.d. Tahun {year}",
        "cumulative_achievement": (f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s.d. Tahun {year} (%)"),
    }
    for i, (number, _, _, attribute) in enumerate(_PAIRS):
        col = _k_col(i)
        if attribute in titles:
            heads.append(Head(0, col, titles[attribute], rowspan=2, colspan=2))
        else:
            quarter = int(attribute[1])
            if quarter == 0:
                heads.append(Head(0, col, f"Realisasi Kinerja dan Anggaran Tahun {year} pada Triwulan", colspan=8))
            heads.append(Head(1, col, QUARTER_ROMAN[quarter], colspan=2))
        heads.append(Head(2, col, number, colspan=2))
        heads.append(Head(3, col, "K"))
        heads.append(Head(3, col + 1, "Rp"))
    return tuple(heads)


def _cell(line: ReportRow, attribute: str) -> Cell:
    if attribute.startswith("q"):
        return line.quarters[int(attribute[1])]
    cell: Cell = getattr(line, attribute)
    return cell


def _keterangan(line: ReportRow) -> str:
    parts = []
    if line.first_of_row and line.row.funding_source:
        parts.append(f"Sumber dana: {line.row.funding_source}")
    if line.indicator and line.indicator.drivers:
        parts.append(f"Pendorong: {line.indicator.drivers}")
    if line.indicator and line.indicator.obstacles:
        parts.append(f"Penghambat: {line.indicator.obstacles}")
    return "\n".join(parts)


def line_cells(line: ReportRow) -> tuple[Value, ...]:
    """One E.81 line: the values the report model holds, placed in their columns."""
    indicator = line.indicator
    objective = line.level is Level.OBJECTIVE
    name = line.row.name if line.first_of_row else None
    has_budget = line.first_of_row and line.row.level.carries_budget
    cells: list[Value] = [
        int(line.number) if line.number.isdigit() else (line.number or None),
        name if objective else None,
        None if objective else name,
        indicator.name if indicator else None,
        indicator.unit if indicator else None,
    ]
    for _, k_kind, _, attribute in _PAIRS:
        cell = _cell(line, attribute)
        value: Value = cell.value
        budget: Value = cell.budget
        if k_kind is Kind.PERCENT:
            # "-": an achievement that applies but cannot be computed (no target), never 0 or 100.
            value = "-" if value is None and indicator else value
            budget = "-" if budget is None and has_budget else budget
        cells.extend((value, budget))
    cells.append(line.row.responsible_unit if line.first_of_row else None)
    cells.append(_keterangan(line) or None)
    return tuple(cells)


def average_column(report: Report) -> int:
    """The K column the average is taken from: under it the footer prints the average."""
    source = report.evaluation.settings.average_source
    attribute = "annual_achievement" if source is AverageSource.RENJA else "cumulative_achievement"
    return _k_col(PAIR_INDEX[attribute])


def footer(report: Report) -> tuple[Row, ...]:
    ev = report.evaluation
    width = len(columns())
    col = average_column(report)
    blank: list[Value] = [None] * width
    average = list(blank)
    average[0], average[col] = "Rata-rata capaian kinerja (%)", ev.average if ev.average is not None else "-"
    rating = list(blank)
    rating[0], rating[col] = "Predikat kinerja", ev.rating or "-"
    return (
        Row(tuple(average), "total", ((0, col - 1), (col + 1, width - 1))),
        Row(tuple(rating), "total", ((0, col - 1), (col, col + 1), (col + 2, width - 1))),
    )


def e81_table(report: Report) -> Table:
    rows = tuple(Row(line_cells(line), line.level.value) for line in report.evaluation.rows)
    return Table(
        key="e81",
        title="Evaluasi terhadap Hasil Renja Perangkat Daerah",
        columns=columns(),
        head=header(report),
        head_rows=4,
        rows=rows + footer(report),
        frozen_cols=NUMERIC_START,
    )
