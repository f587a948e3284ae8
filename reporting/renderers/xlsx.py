"""The report as an Excel workbook (XlsxWriter): the official form, printable as it is.

Sheets: E.81 (title, RKPD block, the table, narratives, signatures), Indikator Tujuan-Sasaran,
Rencana Aksi, Temuan, Keterangan.  Numbers are numbers with display formats that Indonesian
Excel shows as 11.238.069.445 and 99,45; text is always written as text, so a name starting
with "=", "+", "-" or "@" can never become a formula.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal
from typing import Any

import xlsxwriter
from reportlab.pdfbase.pdfmetrics import stringWidth
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from domain.numbers import round_half_up
from reporting.renderers.layout import (
    DEFAULT_PAPER,
    SEVERITY_COLUMN,
    Kind,
    Row,
    Table,
    Value,
    display,
    level_indent,
    value_places,
)
from reporting.renderers.sections import Document, SignatureBlock, build_document
from reporting.renderers.widths import BOLD_STYLES, measure_columns
from reporting.report import Report

FONT = "Arial"  # Liberation Sans is metric-compatible where Arial is missing
SIZE = 8
# [$-421]: the Indonesian locale, so that programs that honour a format's locale use its separators.
LOCALE = "[$-421]"
LINE_PT = 10.0  # height of one line of 8 pt text
HEAD_SIZE = 7
TEXT_UNITS_PER_MM = 0.62  # column width units per mm of the layout's text column hints
INDENT_PX = 9.0  # one indent level

_STYLE: dict[str, dict[str, Any]] = {
    "objective": {"bold": True, "bg_color": "#E8EDF3"},
    "program": {"bold": True},
    "sub_activity": {"italic": True},
    "total": {"bold": True, "bg_color": "#F2F2F2"},
    "severity-error": {"font_color": "#9C0006", "bold": True},
}


def _number_format(kind: Kind, value: Value) -> str:
    if kind is Kind.SEQ:
        return "0"
    if kind is Kind.PERCENT:
        return LOCALE + "#,##0.00"
    places = 0
    if isinstance(value, Decimal):
        places = 2 if kind is Kind.MONEY and value != value.to_integral_value() else 0
        if kind is Kind.VALUE:
            places = value_places(value)
    return LOCALE + ("#,##0." + "0" * places if places else "#,##0")


def _number(kind: Kind, value: Decimal | int) -> float:
    if isinstance(value, Decimal) and kind is Kind.PERCENT:
        # Shown half-up to two decimals: store that, so Excel's display and its value agree.
        value = round_half_up(value, 2)
    return float(value)


class Formats:
    """XlsxWriter formats, created once per distinct look."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[Any, ...], Format] = {}
        self.cells: dict[tuple[Any, ...], Format] = {}  # by the look of a table cell, skipping props

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        fmt = self.cache.get(key)
        if fmt is None:
            fmt = self.workbook.add_format({"font_name": FONT, "font_size": SIZE, "valign": "top", **props})
            self.cache[key] = fmt
        return fmt

    def cell(self, kind: Kind, value: Value, style: str, indent: int, wrap: bool) -> Format:
        number = None if isinstance(value, str) or value is None else _number_format(kind, value)
        key = (kind, value == "-", number, style, indent, wrap)
        fmt = self.cells.get(key)
        if fmt is None:
            fmt = self.cells[key] = self._cell(kind, value, number, style, indent, wrap)
        return fmt

    def _cell(self, kind: Kind, value: Value, number: str | None, style: str, indent: int, wrap: bool) -> Format:
        props: dict[str, Any] = {"border": 1, **_STYLE.get(style, {})}
        if kind.numeric:
            props.pop("italic", None)  # names in italics, figures upright
        if number is None:
            if kind.numeric:
                props["align"] = "right" if value != "-" else "center"
            else:
                props["text_wrap"] = wrap
                if indent:
                    props["indent"] = indent
        else:
            props["num_format"] = number
            props["align"] = "center" if kind is Kind.SEQ else "right"
        return self.get(**props)

    def head(self) -> Format:
        return self.get(
            bold=True, border=1, align="center", valign="vcenter", text_wrap=True, bg_color="#D9E1EA", font_size=7
        )


# Widths of the Latin-1 characters in Arial (Helvetica's metrics are Arial's), 1/1000 em: measuring a
# text is then one C-level sum, where a call per text into the font library would dominate the render.
_EM = {
    bold: [stringWidth(chr(i), face, 1000) for i in range(256)]
    for bold, face in ((False, "Helvetica"), (True, "Helvetica-Bold"))
}


def _px(text: str, bold: bool, size: float = SIZE) -> float:
    """Width of ``text`` in Arial at ``size`` points, screen pixels."""
    em = _EM[bold]
    return sum(map(em.__getitem__, text.encode("latin-1", "replace"))) * size / 750


def _units(px: float) -> float:
    """Excel column width units (a digit of the default font, 7 px, plus 5 px of margin)."""
    return max((px - 5) / 7, 2.0)


def column_widths(table: Table) -> list[float]:
    texts = [[display(v, c.kind) for v, c in zip(line.cells, table.columns, strict=True)] for line in table.rows]
    measured = measure_columns(
        table, texts, lambda t, bold: _px(t, bold), lambda t, bold: _px(t, True, HEAD_SIZE), 4.0, INDENT_PX
    )
    return [
        _units(measured.widths[c])
        if column.kind.numeric
        else max(column.width * TEXT_UNITS_PER_MM, _units(measured.minimum[c]))
        for c, column in enumerate(table.columns)
    ]


def _merge(
    ws: Worksheet, r0: int, c0: int, r1: int, c1: int, value: Value, fmt: Format, kind: Kind = Kind.TEXT
) -> None:
    if (r0, c0) != (r1, c1):
        ws.merge_range(r0, c0, r1, c1, None, fmt)
    _write(ws, r0, c0, value, kind, fmt)


def _write(ws: Worksheet, row: int, col: int, value: Value, kind: Kind, fmt: Format) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    else:
        ws.write_number(row, col, _number(kind, value), fmt)


_WORDS: dict[tuple[str, bool, float], float] = {}  # names repeat their words: measure each once


def _word_px(word: str, bold: bool, size: float) -> float:
    key = (word, bold, size)
    width = _WORDS.get(key)
    if width is None:
        if len(_WORDS) > 100_000:
            _WORDS.clear()
        width = _WORDS[key] = _px(word, bold, size)
    return width


def _lines(text: str, room: float, bold: bool, size: float = SIZE) -> int:
    """Lines ``text`` takes when wrapped into ``room`` pixels (greedy, by words)."""
    space = _px(" ", bold, size)
    count = 0
    for part in text.split("\n"):
        count += 1
        used = 0.0
        for word in part.split():
            width = _word_px(word, bold, size)
            if used and used + space + width > room:
                count += 1
                used = width
            else:
                used += width + (space if used else 0.0)
    return max(count, 1)


def _row_height(line: Row, table: Table, widths: list[float]) -> float | None:
    """Explicit height of a body row: spreadsheet programs do not grow wrapped rows on opening."""
    lines = 1
    bold = line.style in BOLD_STYLES
    for c, (value, column) in enumerate(zip(line.cells, table.columns, strict=True)):
        if not isinstance(value, str) or column.kind.numeric or not column.wrap:
            continue
        if any(a <= c <= b and a != b for a, b in line.spans):
            continue
        indent = level_indent(line.style) * INDENT_PX if column.indent else 0.0
        lines = max(lines, _lines(value, widths[c] * 7 + 5 - 6 - indent, bold))
    return lines * LINE_PT + 3 if lines > 1 else None


def _head_heights(table: Table, widths: list[float]) -> list[float]:
    """Heights of the header rows: merged cells do not grow by themselves in any spreadsheet program."""
    line = HEAD_SIZE + 2.5
    heights = [line + 4] * table.head_rows
    for h in sorted(table.head, key=lambda h: h.rowspan):
        room = sum(widths[h.col : h.col + h.colspan]) * 7 + 5 - 6
        need = _lines(h.text, room, True, HEAD_SIZE) * line + 4
        rows = range(h.row, h.row + h.rowspan)
        missing = need - sum(heights[r] for r in rows)
        if missing > 0:
            heights[h.row] += missing  # a taller title row, not a taller number row
    return heights


def write_table(ws: Worksheet, fmt: Formats, table: Table, top: int, widths: list[float], left: int = 0) -> int:
    """Draw ``table`` with its top-left corner at (top, left); return the first row below it."""
    head = fmt.head()
    for h in table.head:
        _merge(ws, top + h.row, left + h.col, top + h.row + h.rowspan - 1, left + h.col + h.colspan - 1, h.text, head)
    for r, height in enumerate(_head_heights(table, widths[left:])):
        ws.set_row(top + r, height)
    row = top + table.head_rows
    for line in table.rows:
        height = _row_height(line, table, widths[left:])
        if height:
            ws.set_row(row, height)
        merged = {first: last for first, last in line.spans}
        skip = -1
        for col, (value, column) in enumerate(zip(line.cells, table.columns, strict=True)):
            if col <= skip:
                continue
            indent = level_indent(line.style) if column.indent else 0
            style = "" if line.style.startswith("severity-") and col != SEVERITY_COLUMN else line.style
            cell_fmt = fmt.cell(column.kind, value, style, indent, column.wrap)
            if col in merged:
                last = merged[col]
                _merge(ws, row, left + col, row, left + last, value, cell_fmt, column.kind)
                skip = last
            else:
                _write(ws, row, left + col, value, column.kind, cell_fmt)
        row += 1
    return row


def _page_setup(ws: Worksheet, doc: Document, repeat: tuple[int, int] | None) -> None:
    ws.set_landscape()
    ws.set_paper(doc.paper.excel)
    ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    ws.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
    ws.center_horizontally()
    if repeat:
        ws.repeat_rows(*repeat)
    where = f"{doc.form} · {doc.agency} · {doc.period}".replace("&", "&&")
    ws.set_footer(f"&L&8{where[:180]}&R&8Halaman &P dari &N")
    ws.hide_gridlines(2)
    ws.set_zoom(90)


def _title_rows(ws: Worksheet, fmt: Formats, doc: Document, last_col: int, subtitle: str | None = None) -> int:
    big = fmt.get(bold=True, font_size=12, align="center", valign="vcenter")
    mid = fmt.get(bold=True, font_size=10, align="center", valign="vcenter")
    lines = [(doc.title, big), (doc.agency, mid), (doc.period, mid)]
    if subtitle:
        lines.insert(0, (subtitle, big))
    for i, (text, f) in enumerate(lines):
        _merge(ws, i, 0, i, last_col, text, f)
        ws.set_row(i, 18 if f is big else 15)
    return len(lines) + 1


def _paragraph(ws: Worksheet, fmt: Formats, row: int, last_col: int, text: str, width: float, **props: Any) -> None:
    f = fmt.get(text_wrap=True, **props)
    _merge(ws, row, 0, row, last_col, text, f)
    lines = sum(max(1, math.ceil(len(part) * 0.9 / max(width, 1))) for part in text.split("\n"))
    ws.set_row(row, max(1, lines) * LINE_PT + 2)


def _signature(ws: Worksheet, fmt: Formats, block: SignatureBlock, top: int, first: int, last: int) -> None:
    plain = fmt.get(align="center", font_size=9)
    bold = fmt.get(align="center", font_size=9, bold=True, underline=1)
    row = top
    for text in block.lines:
        _merge(ws, row, first, row, last, text, plain)
        row += 1
    row += 3  # room to sign
    _merge(ws, row, first, row, last, block.name or "(" + "." * 40 + ")", bold if block.name else plain)
    _merge(ws, row + 1, first, row + 1, last, block.nip, plain)


def _main_sheet(wb: Workbook, fmt: Formats, doc: Document) -> None:
    ws = wb.add_worksheet("E.81")
    table = doc.main
    last_col = len(table.columns) - 1
    widths = column_widths(table)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    row = _title_rows(ws, fmt, doc, last_col)
    ws.write_string(row, 0, doc.rkpd_caption, fmt.get(bold=True))
    row += 1
    for line in doc.rkpd.rows:
        number, name, target, unit = line.cells
        ws.write_number(row, 0, float(number), fmt.get(align="right", num_format='0"."'))  # type: ignore[arg-type]
        _merge(ws, row, 1, row, 3, name, fmt.get())
        _write(ws, row, 4, target, Kind.VALUE, fmt.get(num_format=_number_format(Kind.VALUE, target), bold=True))
        _write(ws, row, 5, unit, Kind.TEXT, fmt.get(bold=True))
        row += 1
    row += 1
    head_top = row
    row = write_table(ws, fmt, table, head_top, widths)
    ws.freeze_panes(head_top + table.head_rows, table.frozen_cols)
    _page_setup(ws, doc, (head_top, head_top + table.head_rows - 1))
    row += 1
    text_width = sum(widths)
    for label, text in doc.narratives:
        ws.write_string(row, 0, label + ":", fmt.get(bold=True))
        _paragraph(ws, fmt, row + 1, last_col, text, text_width, border=1)
        row += 3
    left, right = doc.signatures
    _signature(ws, fmt, left, row, 1, 3)
    _signature(ws, fmt, right, row, last_col - 7, last_col)
    ws.print_area(0, 0, row + 3 + len(left.lines) + 2, last_col)


def _table_sheet(wb: Workbook, fmt: Formats, doc: Document, name: str, tables: list[Table], title: str) -> Worksheet:
    ws = wb.add_worksheet(name)
    first = tables[0]
    widths = column_widths(first)
    for t in tables[1:]:
        widths = [max(a, b) for a, b in zip(widths, column_widths(t), strict=False)]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    last_col = len(widths) - 1
    row = _title_rows(ws, fmt, doc, last_col, title)
    repeat = None
    for table in tables:
        if len(tables) > 1:
            ws.write_string(row, 0, table.title, fmt.get(bold=True, font_size=10))
            row += 1
        top = row
        row = write_table(ws, fmt, table, top, widths) + 1
        if repeat is None:
            repeat = (top, top + table.head_rows - 1)
            ws.freeze_panes(top + table.head_rows, 0)
    _page_setup(ws, doc, repeat if len(tables) == 1 else None)
    return ws


def _legend_sheet(wb: Workbook, fmt: Formats, doc: Document) -> None:
    ws = wb.add_worksheet("Keterangan")
    table = doc.aggregations
    widths = column_widths(table)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    row = _title_rows(ws, fmt, doc, len(widths) - 1, "Keterangan perhitungan")
    for note in doc.notes:
        ws.write_string(row, 0, "•", fmt.get(align="right"))
        _merge(ws, row, 1, row, len(widths) - 1, note, fmt.get())
        row += 1
    row += 1
    ws.write_string(row, 0, doc.bands.title, fmt.get(bold=True, font_size=10))
    row = write_table(ws, fmt, doc.bands, row + 1, [0.0, *widths], left=1) + 1
    ws.write_string(row, 0, table.title, fmt.get(bold=True, font_size=10))
    top = row + 1
    write_table(ws, fmt, table, top, widths)
    _page_setup(ws, doc, (top, top))


def render_xlsx(report: Report, *, paper: str = DEFAULT_PAPER) -> bytes:
    doc = build_document(report, paper)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # Never turn text into formulas, numbers or links: text stays text.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    wb.set_properties({"title": f"{doc.form} {doc.title}", "subject": f"{doc.agency} {doc.period}"})
    fmt = Formats(wb)
    _main_sheet(wb, fmt, doc)
    _table_sheet(wb, fmt, doc, "Indikator Tujuan-Sasaran", [doc.goals, doc.objectives], "Indikator Tujuan dan Sasaran")
    _table_sheet(wb, fmt, doc, "Rencana Aksi", [doc.action_plan], doc.action_plan.title)
    _table_sheet(wb, fmt, doc, "Temuan", [doc.findings], doc.findings.title)
    _legend_sheet(wb, fmt, doc)
    wb.close()
    return buffer.getvalue()
