"""The E.81 table (DOMAIN.md section 3): columns 1-16 with K and Rp, header, rows and footer.

One layout for every renderer.  Between columns 12 and 13 it also prints the Renja achievement
(12/7 x 100 %, the E.55 column) because the average below the table is taken from it.  Which of the
optional columns print is the pemda's choice (``options``); ``Kode`` appears when the plan has codes.
Every column carries a key ("no", "name", "12K", "12/7Rp", "16"...) that the Excel formulas use.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from domain.evaluation import Cell, ReportRow
from domain.types import AverageSource, Level
from reporting.labels import QUARTER_ROMAN
from reporting.renderers.layout import DASH, Column, Head, Kind, Row, Table, Value, indicator_places
from reporting.renderers.options import ALL_COLUMNS, Optional, columns_for
from reporting.report import Report

# (number label, K kind, Rp kind, ReportRow attribute, a realisation); quarters are "q0".."q3".
_PAIRS: tuple[tuple[str, Kind, Kind, str, bool], ...] = (
    ("5", Kind.VALUE, Kind.MONEY, "strategic_target", False),
    ("6", Kind.VALUE, Kind.MONEY, "prior_realization", True),
    ("7", Kind.VALUE, Kind.MONEY, "annual_target", False),
    ("8", Kind.VALUE, Kind.MONEY, "q0", True),
    ("9", Kind.VALUE, Kind.MONEY, "q1", True),
    ("10", Kind.VALUE, Kind.MONEY, "q2", True),
    ("11", Kind.VALUE, Kind.MONEY, "q3", True),
    ("12", Kind.VALUE, Kind.MONEY, "annual_realization", True),
    ("12/7 x 100%", Kind.PERCENT, Kind.PERCENT, "annual_achievement", False),
    ("13 = 6 + 12", Kind.VALUE, Kind.MONEY, "cumulative_realization", True),
    ("14 = 13/5 x 100%", Kind.PERCENT, Kind.PERCENT, "cumulative_achievement", False),
)
PAIR_KEY = {attribute: number.split()[0] for number, _, _, attribute, _ in _PAIRS}  # "annual_target" -> "7"
_OPTIONAL_PAIR = {"prior_realization": Optional.PRIOR, "annual_achievement": Optional.RENJA_ACHIEVEMENT}


@dataclass(frozen=True)
class Choice:
    """The columns one rendering prints: the pemda's optional columns and whether the plan has codes."""

    optional: frozenset[Optional]
    code: bool

    def shows(self, option: Optional) -> bool:
        return option in self.optional


def has_prior(report: Report) -> bool:
    return any(
        r.prior_realization.value is not None or r.prior_realization.budget is not None for r in report.evaluation.rows
    )


def has_codes(report: Report) -> bool:
    return any(r.row.code for r in report.evaluation.rows)


def print_choice(report: Report, optional: Collection[Optional] | None = None) -> Choice:
    """What the paper shows: the pemda's columns (column 6 only when it holds a figure)."""
    chosen = set(columns_for(report.context.region.slug) if optional is None else optional)
    if not has_prior(report):
        chosen.discard(Optional.PRIOR)
    return Choice(frozenset(chosen), has_codes(report))


def workbook_choice(report: Report) -> Choice:
    """The Excel workbook's columns: those the paper shows, and column 6, 12/7 and 16 always (hidden
    where the paper leaves them out), so that the formulas and a round trip keep every figure."""
    printed = print_choice(report).optional
    return Choice(printed | {Optional.PRIOR, Optional.RENJA_ACHIEVEMENT, Optional.NOTES}, has_codes(report))


@dataclass(frozen=True)
class _Pair:
    number: str
    k_kind: Kind
    rp_kind: Kind
    attribute: str
    realized: bool

    @property
    def key(self) -> str:
        return PAIR_KEY[self.attribute]


def _pairs(choice: Choice) -> list[_Pair]:
    return [_Pair(*p) for p in _PAIRS if p[3] not in _OPTIONAL_PAIR or choice.shows(_OPTIONAL_PAIR[p[3]])]


def columns(choice: Choice | None = None) -> tuple[Column, ...]:
    choice = choice or Choice(ALL_COLUMNS, False)
    # The official form's order: No, Sasaran, Kode (when the plan has codes), Program/Kegiatan, Indikator.
    out = [Column(Kind.SEQ, 6, wrap=False, key="no"), Column(Kind.TEXT, 14, key="objective")]
    if choice.code:
        out.append(Column(Kind.TEXT, 16, wrap=False, key="code"))
    out += [
        Column(Kind.TEXT, 42, indent=True, key="name"),
        Column(Kind.TEXT, 32, key="indicator"),
        Column(Kind.TEXT, 10, key="unit"),
    ]
    for p in _pairs(choice):
        out.append(Column(p.k_kind, 9, wrap=False, key=f"{p.key}K", realized=p.realized))
        rp_width = 9 if p.rp_kind is Kind.PERCENT else 16
        out.append(Column(p.rp_kind, rp_width, wrap=False, key=f"{p.key}Rp", realized=p.realized))
    out.append(Column(Kind.TEXT, 14, key="15"))
    if choice.shows(Optional.FUNDING):
        out.append(Column(Kind.TEXT, 10, key="funding"))
    if choice.shows(Optional.NOTES):
        out.append(Column(Kind.TEXT, 40, key="16"))
    return tuple(out)


def column_index(table: Table, key: str) -> int:
    """The position of the column ``key`` ("12K", "name"...) in ``table``."""
    return next(i for i, c in enumerate(table.columns) if c.key == key)


def column_of(number: str, measure: str, choice: Choice | None = None) -> int:
    """The column of a numbered pair ("12", "13 = 6 + 12") and measure "K" or "Rp" (every column shown)."""
    key = number.split()[0] + measure
    return next(i for i, c in enumerate(columns(choice)) if c.key == key)


def header(report: Report, choice: Choice) -> tuple[Head, ...]:
    """Four header rows: titles, quarters, column numbers (with formulas), K / Rp."""
    year = report.context.year
    end = report.context.work_plan.end_year
    cols = columns(choice)
    at = {c.key: i for i, c in enumerate(cols)}
    name = at["name"]
    heads = [
        Head(0, 0, "No", rowspan=2),
        Head(2, 0, "1", rowspan=2),
        Head(0, 1, "Sasaran", rowspan=2),
        Head(2, 1, "2", rowspan=2),
    ]
    if choice.code:
        heads += [Head(0, at["code"], "Kode", rowspan=2), Head(2, at["code"], "", rowspan=2)]
    heads += [
        Head(0, name, "Program/Kegiatan/Sub Kegiatan", rowspan=2),
        Head(0, name + 1, "Indikator Kinerja Program (outcome)/ Kegiatan (output)/ Sub Kegiatan", rowspan=2, colspan=2),
        Head(2, name, "3", rowspan=2),
        Head(2, name + 1, "4", colspan=2),
        Head(3, name + 1, "Uraian"),
        Head(3, name + 2, "Satuan"),
        Head(0, at["15"], "Unit PD Penanggung Jawab", rowspan=2),
        Head(2, at["15"], "15", rowspan=2),
    ]
    if "funding" in at:
        heads += [Head(0, at["funding"], "Sumber Dana", rowspan=2), Head(2, at["funding"], "", rowspan=2)]
    if "16" in at:
        heads += [Head(0, at["16"], "Keterangan", rowspan=2), Head(2, at["16"], "16", rowspan=2)]
    titles = {
        "strategic_target": f"Target Renstra PD s.d. Tahun {end}",
        "prior_realization": f"Realisasi Renstra PD s.d. Tahun {year - 1}",
        "annual_target": f"Target Kinerja dan Anggaran Renja PD Tahun {year}",
        "annual_realization": f"Realisasi Capaian Kinerja dan Anggaran Renja PD Tahun {year}",
        "annual_achievement": f"Tingkat Capaian Kinerja dan Anggaran Renja PD Tahun {year} (%)",
        "cumulative_realization": f"Realisasi Kinerja dan Anggaran Renstra PD s.d. Tahun {year}",
        "cumulative_achievement": (f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s.d. Tahun {year} (%)"),
    }
    for p in _pairs(choice):
        col = at[f"{p.key}K"]
        if p.attribute in titles:
            heads.append(Head(0, col, titles[p.attribute], rowspan=2, colspan=2))
        else:
            quarter = int(p.attribute[1])
            if quarter == 0:
                heads.append(Head(0, col, f"Realisasi Kinerja dan Anggaran Tahun {year} pada Triwulan", colspan=8))
            heads.append(Head(1, col, QUARTER_ROMAN[quarter], colspan=2))
        heads.append(Head(2, col, p.number, colspan=2))
        heads.append(Head(3, col, "K"))
        heads.append(Head(3, col + 1, "Rp"))
    return tuple(heads)


def _cell(line: ReportRow, attribute: str) -> Cell:
    if attribute.startswith("q"):
        return line.quarters[int(attribute[1])]
    cell: Cell = getattr(line, attribute)
    return cell


def _keterangan(line: ReportRow, funding_apart: bool) -> str:
    parts = []
    if line.first_of_row and line.row.funding_source and not funding_apart:
        parts.append(f"Sumber dana: {line.row.funding_source}")
    if line.indicator and line.indicator.drivers:
        parts.append(f"Pendorong: {line.indicator.drivers}")
    if line.indicator and line.indicator.obstacles:
        parts.append(f"Penghambat: {line.indicator.obstacles}")
    return "\n".join(parts)


def line_places(line: ReportRow) -> int:
    """Decimals of the line's K values: as its Renja target was written (else its Renstra target's,
    else those of its most precise entered figure), at most two."""
    ind = line.indicator
    if ind is None:
        return 0
    if ind.target is not None or ind.strategic_target is not None:
        return indicator_places(ind.target, ind.strategic_target)
    entered = (line.prior_realization.value, *(q.value for q in line.quarters))
    return max((indicator_places(v) for v in entered if v is not None), default=0)


def line_cells(line: ReportRow, choice: Choice) -> tuple[Value, ...]:
    """One E.81 line: the values the report model holds, placed in their columns."""
    indicator = line.indicator
    objective = line.level is Level.OBJECTIVE
    name = line.row.name if line.first_of_row else None
    has_budget = line.first_of_row and line.row.level.carries_budget
    cells: list[Value] = [
        int(line.number) if line.number.isdigit() else (line.number or None),
        name if objective else None,
    ]
    if choice.code:
        cells.append((line.row.code or None) if line.first_of_row else None)
    cells += [
        None if objective else name,
        indicator.name if indicator else None,
        indicator.unit if indicator else None,
    ]
    for p in _pairs(choice):
        cell = _cell(line, p.attribute)
        value: Value = cell.value
        budget: Value = cell.budget
        if p.k_kind is Kind.PERCENT:
            # "-": an achievement that applies but cannot be computed (no target), never 0 or 100.
            value = DASH if value is None and indicator else value
            budget = DASH if budget is None and has_budget else budget
        cells.extend((value, budget))
    cells.append(line.row.responsible_unit if line.first_of_row else None)
    funding_apart = choice.shows(Optional.FUNDING)
    if funding_apart:
        cells.append((line.row.funding_source or None) if line.first_of_row else None)
    if choice.shows(Optional.NOTES):
        cells.append(_keterangan(line, funding_apart) or None)
    return tuple(cells)


def average_key(report: Report) -> str:
    """The K column the average is taken from ("12/7K" or "14K")."""
    renja = report.evaluation.settings.average_source is AverageSource.RENJA
    return "12/7K" if renja else "14K"


AVERAGE_LABEL = "Rata-rata capaian kinerja (%)"
RATING_LABEL = "Predikat kinerja"


def footer(report: Report, cols: tuple[Column, ...]) -> tuple[Row, ...]:
    """The average and the rating under the column the average is taken from (or, when the pemda does
    not print that column, at the end of the figures with the column named in the label)."""
    ev = report.evaluation
    width = len(cols)
    keys = [c.key for c in cols]
    label = AVERAGE_LABEL
    if average_key(report) in keys:
        col = keys.index(average_key(report))
    else:
        col = keys.index("14K")
        label = "Rata-rata capaian kinerja Renja (12/7, %)"
    blank: list[Value] = [None] * width
    average = list(blank)
    average[0], average[col] = label, ev.average if ev.average is not None else DASH
    rating = list(blank)
    rating[0], rating[col] = RATING_LABEL, ev.rating or DASH
    return (
        Row(tuple(average), "total", ((0, col - 1), (col + 1, width - 1))),
        Row(tuple(rating), "total", ((0, col - 1), (col, col + 1), (col + 2, width - 1))),
    )


def frozen_columns(cols: tuple[Column, ...]) -> int:
    """Columns kept in view when the sheet scrolls: the row numbers and names (up to the name column)."""
    return next(i for i, c in enumerate(cols) if c.key == "name") + 1


def e81_table(report: Report, choice: Choice | None = None) -> Table:
    choice = choice or print_choice(report)
    cols = columns(choice)
    rows = tuple(
        Row(line_cells(line, choice), line.level.value, places=line_places(line)) for line in report.evaluation.rows
    )
    return Table(
        key="e81",
        title="Evaluasi terhadap Hasil Renja Perangkat Daerah",
        columns=cols,
        head=header(report, choice),
        head_rows=4,
        rows=rows + footer(report, cols),
        frozen_cols=frozen_columns(cols),
    )
