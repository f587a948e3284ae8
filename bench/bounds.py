"""Lower bounds, measured in the same run as the scenarios they bound.

* Reading: one plain SQL query through ``connection.cursor()`` returning the same lines (plan rows,
  indicators, targets, four quarters of realisation, Rencana Aksi and Rp) with no ORM, no
  ``Decimal`` conversion and no evaluation.  A report cannot read its data faster than this.
* Writing: bare XlsxWriter writing the same cells (values only: no formats, merges, widths or
  report logic).  An Excel export cannot write its cells faster than this.
* The same formatted document, written by the library alone: the project's Excel export or PDF
  recorded once, untimed, as the calls it makes to XlsxWriter or ReportLab, and replayed on a fresh
  workbook or document (``bench.replay``): the same cells, formulas with their cached values,
  formats, merges, widths and print set-up; the same tables, paragraphs, styles, fonts, page breaks
  and page headers and footers.  What the renderers do beyond it (building the document, measuring
  texts, choosing type sizes, formatting numbers) is their overhead; the Excel and PDF scenarios are
  judged against these bounds.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from io import BytesIO
from typing import Any

import xlsxwriter
from django.db import connection
from python_calamine import CalamineWorkbook

from bench import replay
from planning.models import (
    BudgetRealization,
    Indicator,
    PlanRow,
    QuarterlyTarget,
    Realization,
    StrategicPlan,
    WorkPlan,
    WorkPlanIndicator,
    WorkPlanRow,
)
from reporting.report import Report

Cell = tuple[int, int, Any]  # row, column, value
Sheet = tuple[str, list[Cell]]


def _quarter_joins(alias: str, table: str, on: str, value: str) -> tuple[list[str], list[str]]:
    """Four LEFT JOINs on the table's unique (owner, year or plan, quarter) index: one column per quarter."""
    columns, joins = [], []
    for q in range(1, 5):
        a = f"{alias}{q}"
        columns.append(f"{a}.{value}")
        joins.append(f"LEFT JOIN {table} {a} ON {on.format(a=a)} AND {a}.quarter = {q}")
    return columns, joins


def report_lines_sql() -> str:
    """One statement reading an agency-year's lines; parameters: agency id, year."""
    t = {m.__name__: connection.ops.quote_name(m._meta.db_table) for m in (
        PlanRow, StrategicPlan, WorkPlan, WorkPlanRow, Indicator, WorkPlanIndicator,
        Realization, QuarterlyTarget, BudgetRealization,
    )}  # fmt: skip
    k_cols, k_joins = _quarter_joins("re", t["Realization"], "{a}.indicator_id = i.id AND {a}.year = w.year", "value")
    p_cols, p_joins = _quarter_joins(
        "qt", t["QuarterlyTarget"], "{a}.work_plan_id = w.id AND {a}.indicator_id = i.id", "value"
    )
    b_cols, b_joins = _quarter_joins("br", t["BudgetRealization"], "{a}.row_id = r.id AND {a}.year = w.year", "amount")
    columns = [
        "r.id", "r.parent_id", "r.level", "r.position", "r.code", "r.name", "r.strategic_budget", "r.responsible_unit",
        "wr.budget", "wr.prior_budget", "wr.funding_source",
        "i.id", "i.name", "i.unit", "i.direction", "i.aggregation", "i.aggregation_is_default", "i.periodicity",
        "i.formula", "i.refers_to_rkpd", "i.strategic_target",
        "wi.target", "wi.prior_realization", "wi.action_plan_unit", "wi.drivers", "wi.obstacles",
        *k_cols, *p_cols, *b_cols,
    ]  # fmt: skip
    return "\n".join(
        [
            f"SELECT {', '.join(columns)}",
            f"FROM {t['PlanRow']} r",
            f"JOIN {t['StrategicPlan']} sp ON sp.id = r.strategic_plan_id",
            f"JOIN {t['WorkPlan']} w ON w.strategic_plan_id = sp.id",
            f"LEFT JOIN {t['WorkPlanRow']} wr ON wr.work_plan_id = w.id AND wr.row_id = r.id",
            f"LEFT JOIN {t['Indicator']} i ON i.row_id = r.id",
            f"LEFT JOIN {t['WorkPlanIndicator']} wi ON wi.work_plan_id = w.id AND wi.indicator_id = i.id",
            *k_joins,
            *p_joins,
            *b_joins,
            "WHERE sp.agency_id = %s AND w.year = %s AND w.is_active",
            "ORDER BY r.position, i.position",
        ]
    )


def read_lines(agency_id: int, year: int) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(report_lines_sql(), [agency_id, year])
        lines: list[tuple[Any, ...]] = cursor.fetchall()
        return lines


def cells_of_workbook(data: bytes) -> list[Sheet]:
    """Every non-empty cell of a workbook, read back: the cells the bare writer must also write."""
    book = CalamineWorkbook.from_filelike(BytesIO(data))
    sheets = []
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v not in ("", None)]
        sheets.append((name, cells))
    return sheets


def cells_of_report(report: Report) -> list[Sheet]:
    """The E.81 table's cells (No, names, satuan, columns 5-14 as K and Rp, PD), when no Excel renderer
    exists yet to read them from."""
    cells: list[Cell] = []
    for r, line in enumerate(report.evaluation.rows):
        ind = line.indicator
        values: list[Any] = [line.number, line.row.name, ind.name if ind else "", ind.unit if ind else ""]
        for cell in (
            line.strategic_target, line.prior_realization, line.annual_target, *line.quarters,
            line.annual_realization, line.annual_achievement, line.cumulative_realization, line.cumulative_achievement,
        ):  # fmt: skip
            values += [cell.value, cell.budget]
        values.append(line.row.responsible_unit)
        for c, v in enumerate(values):
            if v not in ("", None):
                cells.append((r, c, v if isinstance(v, str) else float(v)))
    return [("E.81", cells)]


def write_cells(sheets: Sequence[Sheet]) -> bytes:
    """Bare XlsxWriter: the typed ``write_*`` call of each cell, nothing else."""
    buffer = BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    for name, cells in sheets:
        sheet = workbook.add_worksheet(name[:31])
        write_string, write_number, write = sheet.write_string, sheet.write_number, sheet.write
        for r, c, value in cells:
            if isinstance(value, str):
                write_string(r, c, value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                write_number(r, c, value)
            elif isinstance(value, datetime.date | datetime.time | datetime.timedelta):
                write(r, c, str(value))
            else:
                write(r, c, value)
    workbook.close()
    return buffer.getvalue()


# -- the same formatted document, written by the library alone ------------------------------------------
def xlsx_document(report: Report) -> tuple[replay.XlsxRecording, str]:
    """The project's Excel export of ``report`` recorded call by call (``bench.replay``), checked: the
    replay writes every cell the export has.  With a note on what it holds."""
    from reporting.renderers.xlsx import render_xlsx

    recorded, data = replay.record_xlsx(lambda: render_xlsx(report))
    again = replay.replay_xlsx(recorded)
    assert cells_of_workbook(again) == cells_of_workbook(data), "the replayed workbook differs from the export"
    counts: dict[str, int] = {}
    for call in recorded.calls:
        counts[call.name] = counts.get(call.name, 0) + 1
    writes = sum(n for name, n in counts.items() if name.startswith("write"))
    note = (
        f"{len(recorded.calls):,} XlsxWriter calls replayed ({writes:,} writes, {counts.get('add_format', 0)} formats, "
        f"{counts.get('merge_range', 0)} merges, {counts.get('set_row', 0)} row heights, "
        f"{counts.get('set_column', 0)} column widths)"
    )
    return recorded, note


def pdf_document(report: Report) -> tuple[replay.PdfRecording, str]:
    """The project's PDF of ``report`` recorded (``bench.replay``), checked: the replay has as many pages."""
    from reporting.renderers import pdf

    recorded, data = replay.record_pdf(lambda: pdf.render_pdf(report), pdf)
    again = replay.replay_pdf(recorded, pdf)
    pages = len(recorded.pages)
    assert _page_count(again) == _page_count(data) == pages, "the replayed PDF has other pages than the export"
    tables = sum(1 for call in recorded.calls if call.name == "PdfTable")
    paragraphs = sum(1 for call in recorded.calls if call.name == "Paragraph")
    note = f"ReportLab alone: {tables} tables, {paragraphs:,} paragraphs, {pages} pages, same fonts and styles"
    return recorded, note


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))
