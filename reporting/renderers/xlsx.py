"""The report as an Excel workbook (XlsxWriter): the official form, printable as it is.

Sheets: E.81 (title, RKPD block, the table, narratives, signatures), Indikator Tujuan-Sasaran,
Rencana Aksi, Temuan, Keterangan.  Numbers are numbers with display formats that Indonesian
Excel shows as 11.238.069.445 and 99,45; text is always written as text, so a name starting
with "=", "+", "-" or "@" can never become a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, partial
from typing import Any

import xlsxwriter
from reportlab.pdfbase.pdfmetrics import stringWidth
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from domain.numbers import round_half_up
from reporting.renderers.e81 import columns, e81_table, print_choice, workbook_choice
from reporting.renderers.layout import (
    DEFAULT_PAPER,
    SEVERITY_COLUMN,
    Column,
    Kind,
    Row,
    Table,
    Value,
    display,
    level_indent,
    value_places,
)
from reporting.renderers.pdf_fonts import FontsMissing, register
from reporting.renderers.sections import ANNEX_TITLE, Document, SignatureBlock, build_document
from reporting.renderers.widths import BOLD_STYLES, measure_columns, share, spanned
from reporting.renderers.xlsx_formulas import e81_formulas
from reporting.report import Report

# Narrow, as the PDF's table: the E.81 then prints one page wide at the PDF's smallest type.  Liberation
# Sans Narrow stands in, metric for metric, where Arial Narrow is missing (LibreOffice on Debian).
FONT = "Arial Narrow"
SIZE = 8
# [$-421]: the Indonesian locale, so that programs that honour a format's locale use its separators.
LOCALE = "[$-421]"
TITLE_LINES = 4  # title, PD, period, status (a sheet of the annex adds its own title above)
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


@cache
def _decimals(places: int, dash: bool = False) -> str:
    """The display format of a figure with ``places`` decimals: 11.238.069.445 or 99,45; ``dash``: a
    realisation, whose 0 ("nothing realised") shows "-" while staying the number 0 for the formulas."""
    body = "#,##0." + "0" * places if places else "#,##0"
    return LOCALE + (f'{body};-{body};"-"' if dash else body)


def _number_format(kind: Kind, value: Value, places: int | None = None, realized: bool = False) -> str:
    if kind is Kind.SEQ:
        return "0"
    if kind is Kind.PERCENT:
        return _decimals(2)
    decimals = 0
    if isinstance(value, Decimal):
        if kind is Kind.MONEY:
            decimals = 0 if value == value.to_integral_value() else 2
        elif kind is Kind.VALUE:
            decimals = value_places(value) if places is None else places
    return _decimals(decimals, realized)


SIGNIFICANT = 15  # digits a double holds exactly: a figure written with no more reads back as written


def exact_float(value: Decimal | int) -> float:
    """The number written for a figure: the value itself, a computed one with endless decimals (a mean,
    a ratio) rounded half-up to the 15 significant digits a double keeps, so that what the importer
    reads back (``Decimal(repr(float))``) is exactly those digits."""
    if isinstance(value, int) or value == value.to_integral_value():
        return float(value)
    places = SIGNIFICANT - max(value.copy_abs().adjusted() + 1, 0)
    return float(round_half_up(value, max(min(places, 10), 0)))


def _number(kind: Kind, value: Decimal | int) -> float:
    return exact_float(value)


def _figure(kind: Kind, value: Decimal | int, places: int | None = None, realized: bool = False) -> tuple[float, str]:
    """The number written for a figure and its display format (``exact_float`` and ``_number_format``,
    with one test of whether the figure is whole: this runs for every figure of the table)."""
    if kind is Kind.SEQ or kind is Kind.PERCENT or isinstance(value, int):
        return _number(kind, value), _number_format(kind, value, places, realized)
    whole = value == value.to_integral_value()
    number = float(value) if whole else exact_float(value)
    if kind is Kind.MONEY:
        decimals = 0 if whole else 2
    elif kind is Kind.VALUE:
        decimals = places if places is not None else 0 if whole else value_places(value)
    else:
        decimals = 0
    return number, _decimals(decimals, realized)


def _narrow_metrics() -> dict[bool, list[float]]:
    """Widths of the Latin-1 characters in Arial Narrow, 1/1000 em, from Liberation Sans Narrow (its
    metric twin, which the PDF embeds); where that is not installed, Arial's (Helvetica's metrics)
    condensed as Arial Narrow is (82 %).  Measuring a text is then one C-level sum, where a call per
    text into the font library would dominate the render."""
    try:
        fonts = register()
        faces = ((False, fonts["Narrow"], 1.0), (True, fonts["Narrow-Bold"], 1.0))
    except FontsMissing:
        faces = ((False, "Helvetica", 0.82), (True, "Helvetica-Bold", 0.82))
    return {bold: [stringWidth(chr(i), face, 1000) * k for i in range(256)] for bold, face, k in faces}


_EM = _narrow_metrics()


# Figures whose text is their digits at the decimals of their display format.  Digits are all as wide
# in Arial Narrow (and Liberation Sans Narrow, which measures it), so among figures of one display format and sign the one
# of largest magnitude prints widest: only that one needs its text, for the column width.
_SHAPED = frozenset({Kind.VALUE, Kind.MONEY, Kind.PERCENT})
assert all(len({em[ord(d)] for d in "0123456789"}) == 1 for em in _EM.values()), "digits of unequal width"


class Formats:
    """XlsxWriter formats, created once per distinct look."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[Any, ...], Format] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        fmt = self.cache.get(key)
        if fmt is None:
            fmt = self.workbook.add_format({"font_name": FONT, "font_size": SIZE, "valign": "top", **props})
            self.cache[key] = fmt
        return fmt

    def cell(self, kind: Kind, style: str, indent: int, wrap: bool, number: str | None, dash: bool = False) -> Format:
        """A table cell: a figure shown with the display format ``number``, or text (``dash``: "-")."""
        props: dict[str, Any] = {"border": 1, **_STYLE.get(style, {})}
        if kind.numeric:
            props.pop("italic", None)  # names in italics, figures upright
        if number is None:
            if kind.numeric:
                props["align"] = "center" if dash else "right"
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
            bold=True,
            border=1,
            align="center",
            valign="vcenter",
            text_wrap=True,
            bg_color="#D9E1EA",
            font_size=HEAD_SIZE,
        )


def _px(text: str, bold: bool, size: float = SIZE) -> float:
    """Width of ``text`` in Arial at ``size`` points, screen pixels."""
    em = _EM[bold]
    return sum(map(em.__getitem__, text.encode("latin-1", "replace"))) * size / 750


def _units(px: float) -> float:
    """Excel column width units (a digit of the default font, 7 px, plus 5 px of margin)."""
    return max((px - 5) / 7, 2.0)


class _Look:
    """How the cells of one column are written in the rows of one style and number of decimals."""

    __slots__ = ("col", "dash", "figure", "kind", "make", "numbers", "places", "realized", "text", "widest")

    def __init__(self, fmt: Formats, column: Column, col: int, style: str, places: int | None) -> None:
        indent = level_indent(style) if column.indent else 0
        if style.startswith("severity-") and col != SEVERITY_COLUMN:
            style = ""
        self.col = col
        self.kind = column.kind
        self.places = places
        self.realized = column.realized
        self.figure = partial(_figure, column.kind, places=places, realized=column.realized)
        self.make = partial(fmt.cell, column.kind, style, indent, column.wrap)
        self.text = self.make(None)  # text, and blank cells (their borders)
        self.dash = self.make(None, True)  # "-": no figure where one belongs
        self.numbers: dict[str, Format] = {}  # figures, by display format: made on first use
        # The widest figure of each shape (display format, sign) so far: (magnitude, row, value).
        self.widest: dict[tuple[str, bool], tuple[Decimal, int, Decimal]] | None = (
            {} if column.kind in _SHAPED else None
        )

    def number(self, code: str) -> Format:
        fmt = self.numbers[code] = self.make(code)
        return fmt

    def format_of(self, value: Value) -> Format:
        if value is None or isinstance(value, str):
            return self.dash if value == "-" else self.text
        code = _number_format(self.kind, value, self.places, self.realized)
        return self.numbers.get(code) or self.number(code)

    def shown(self, value: Value) -> str:
        return display(value, self.kind, self.places, self.realized)


@dataclass(frozen=True, slots=True)
class Drawn:
    """A table written with its top-left corner at (top, left), its rows to be sized once widths are known."""

    table: Table
    top: int
    left: int
    texts: list[list[str]]  # body cells as printed, what column widths are measured from ("" for the others)
    looks: dict[tuple[str, int | None], list[_Look]] = field(default_factory=dict)  # by (style, places)

    def look(self, line: Row, col: int) -> _Look:
        """How the cell of ``line`` in column ``col`` (of the table) was written."""
        return self.looks[(line.style, line.places)][col]

    @property
    def bottom(self) -> int:
        """The first row below the table."""
        return self.top + self.table.head_rows + len(self.table.rows)


def write_table(
    ws: Worksheet, fmt: Formats, table: Table, top: int, left: int = 0, formulas: Mapping[int, set[int]] | None = None
) -> Drawn:
    """Write ``table``'s cells and merges with its top-left corner at (top, left).

    The loop over the cells is the renderer's hot path: formats come from each column's ``_Look``, and a
    figure's text (for the column widths) is made only for the widest figure of its shape.  ``formulas``:
    by sheet row, the columns whose cells get a formula afterwards: measured, not written twice."""
    head = fmt.head()
    for h in table.head:
        _merge(ws, top + h.row, left + h.col, top + h.row + h.rowspan - 1, left + h.col + h.colspan - 1, h.text, head)
    write_blank, write_number, write_string = ws.write_blank, ws.write_number, ws.write_string
    looks: dict[tuple[str, int | None], list[_Look]] = {}
    texts: list[list[str]] = []
    first = top + table.head_rows
    for row, line in enumerate(table.rows, first):
        own = looks.get((line.style, line.places))
        if own is None:
            own = looks[(line.style, line.places)] = [
                _Look(fmt, column, left + c, line.style, line.places) for c, column in enumerate(table.columns)
            ]
        row_looks: Sequence[_Look | None] = _merge_spans(ws, line, own, row) if line.spans else own
        printed: list[str] = []
        texts.append(printed)
        later = formulas.get(row) if formulas else None
        for value, look in zip(line.cells, row_looks, strict=True):
            if look is None:  # in a merge, after its first cell
                printed.append("")
            elif later and look.col in later:  # a formula's cell: only its printed value counts here
                if isinstance(value, Decimal) and look.widest is not None:
                    printed.append("")
                    shape = (_number_format(look.kind, value, look.places, look.realized), value.is_signed())
                    size = value.copy_abs()
                    best = look.widest.get(shape)
                    if best is None or size > best[0]:
                        look.widest[shape] = (size, row, value)
                else:
                    printed.append(
                        look.shown(value) if value is not None and not isinstance(value, str) else value or ""
                    )
            elif value is None:
                write_blank(row, look.col, None, look.text)
                printed.append("")
            elif isinstance(value, str):
                if value:
                    write_string(row, look.col, value, look.dash if value == "-" else look.text)
                else:
                    write_blank(row, look.col, None, look.text)
                printed.append(value)
            elif isinstance(value, Decimal):
                number, code = look.figure(value)
                write_number(row, look.col, number, look.numbers.get(code) or look.number(code))
                widest = look.widest
                if widest is None:
                    printed.append(look.shown(value))
                else:  # only the widest figure of each shape gets its text, below
                    printed.append("")
                    shape = (code, value.is_signed())
                    size = value.copy_abs()
                    best = widest.get(shape)
                    if best is None or size > best[0]:
                        widest[shape] = (size, row, value)
            else:
                number, code = look.figure(value)
                write_number(row, look.col, number, look.numbers.get(code) or look.number(code))
                printed.append(look.shown(value))
    for row_looks in looks.values():
        for look in row_looks:
            for _, row, value in (look.widest or {}).values():
                texts[row - first][look.col - left] = look.shown(value)
    return Drawn(table, top, left, texts, looks)


def _merge_spans(ws: Worksheet, line: Row, looks: list[_Look], row: int) -> list[_Look | None]:
    """Merge the spans of ``line``, each formatted as its first cell, which holds the value; the looks
    returned are None for the cells the merges cover, which stay empty."""
    out: list[_Look | None] = list(looks)
    for first, last in sorted(line.spans):
        look = looks[first]
        if last != first:
            ws.merge_range(row, look.col, row, look.col + last - first, None, look.format_of(line.cells[first]))
            out[first + 1 : last + 1] = [None] * (last - first)
    return out


def column_widths(*drawn: Drawn) -> list[float]:
    """Excel column widths that fit the printed texts of ``drawn``: tables sharing a sheet's columns
    take the wider of each."""
    return [max(column) for column in zip(*(_table_widths(d) for d in drawn), strict=False)]


def _table_widths(drawn: Drawn) -> list[float]:
    measured = measure_columns(drawn.table, drawn.texts, _px, lambda t, bold: _px(t, True, HEAD_SIZE), 4.0, INDENT_PX)
    return [
        _units(measured.widths[c])
        if column.kind.numeric
        else max(column.width * TEXT_UNITS_PER_MM, _units(measured.minimum[c]))
        for c, column in enumerate(drawn.table.columns)
    ]


def fit_one_width(drawn: Drawn, widths: list[float], shown: set[int], doc: Document) -> list[float]:
    """``widths`` with the shown text columns narrowed (sharing what the figures leave, by their hints,
    never below their longest word) so that the shown columns print one page wide at the paper's
    smallest type; unchanged when they already do, or when even their minimums do not fit."""
    table = drawn.table
    room = _printable_pt(doc) / 0.75 / (_least_scale(doc) / 100)  # pixels of the sheet on one page width
    room -= 1  # rounding of the widths to 1/256 of a character
    cols = [c for c in sorted(shown) if c < len(table.columns)]
    if sum(widths[c] * 7 + 5 for c in cols) <= room:
        return widths
    text = [c for c in cols if not table.columns[c].kind.numeric]
    minimum = measure_columns(table, drawn.texts, _px, lambda t, bold: _px(t, True, HEAD_SIZE), 4.0, INDENT_PX).minimum
    floor = {c: _units(minimum[c]) for c in text}
    left = room - sum(widths[c] * 7 + 5 for c in cols if c not in floor)  # pixels for the text columns
    left_units = (left - 5 * len(text)) / 7
    if left_units < sum(floor.values()):
        return widths
    out = list(widths)
    hints = {c: table.columns[c].width * TEXT_UNITS_PER_MM for c in text}
    for c, w in share(left_units, hints, [floor.get(i, 0.0) for i in range(len(widths))]).items():
        out[c] = min(widths[c], w) if w < widths[c] else widths[c]
    return out


def _printable_pt(doc: Document) -> float:
    return (doc.paper.width_mm / 25.4 - 0.6) * 72  # landscape, 0.3 in margins left and right


def _least_scale(doc: Document) -> int:
    """The smallest print scale (%) that keeps the sheet's type at the PDF's smallest size."""
    return math.ceil(doc.paper.min_size / SIZE * 100)


def size_rows(ws: Worksheet, drawn: Drawn, widths: list[float], hidden: set[int] | None = None) -> None:
    """Heights of the header and of the body rows whose text wraps to several lines: spreadsheet programs
    do not grow wrapped rows on opening, nor merged cells ever."""
    table, widths = drawn.table, widths[drawn.left :]
    top = drawn.top
    for r, height in enumerate(_head_heights(table, widths)):
        ws.set_row(top + r, height)
    wrapped = [
        (c, column.indent)
        for c, column in enumerate(table.columns)
        if column.wrap and not column.kind.numeric and not (hidden and c in hidden)  # a hidden column's text
    ]  # does not make its rows taller
    rooms = [widths[c] * 7 + 5 - 6 for c in range(len(table.columns))]
    known: dict[tuple[str, float, bool], int] = {}  # units, rules and labels repeat down a column
    for row, line in enumerate(table.rows, top + table.head_rows):
        lines = 1
        bold = line.style in BOLD_STYLES
        indent = level_indent(line.style) * INDENT_PX
        for c, indented in wrapped:
            value = line.cells[c]
            if not isinstance(value, str) or (line.spans and spanned(line.spans, c)):
                continue
            key = (value, rooms[c] - indent if indented else rooms[c], bold)
            count = known.get(key)
            if count is None:
                count = known[key] = _lines(*key)
            lines = max(lines, count)
        if lines > 1:
            ws.set_row(row, lines * LINE_PT + 3)


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
    if text.isprintable() and _px(text, bold, size) < room - 1e-6:
        # On one line: its only white space is " ", so it is no narrower than its words and the spaces
        # between them (the margin covers rounding).  Most cells are; measuring them is one C-level sum.
        return 1
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


def _hf(text: str) -> str:
    return text.replace("&", "&&")


def _page_setup(ws: Worksheet, doc: Document, repeat: tuple[int, int] | None, width_px: float = 0.0) -> None:
    """Landscape on the chosen paper; one page wide where that keeps the type at least the PDF's
    smallest (6.5 pt on F4, 6 pt on A4), else at that scale over more page widths.  Every page: the
    status ("DRAF" across the top of a draft), the form, PD, period, Renja version and print date."""
    ws.set_landscape()
    ws.set_paper(doc.paper.excel)
    ws.set_margins(left=0.3, right=0.3, top=0.6, bottom=0.6)
    least = _least_scale(doc)
    printable = _printable_pt(doc)
    fit = printable / (width_px * 0.75) * 100 if width_px else 100.0
    if fit >= least:
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    else:
        ws.set_print_scale(least)
    ws.center_horizontally()
    if repeat:
        ws.repeat_rows(*repeat)
    where = " · ".join(p for p in (doc.form, doc.agency, doc.period, doc.work_plan) if p)
    mark = f'&C&"Arial,Bold"&16{doc.watermark}' if doc.watermark else ""
    ws.set_header(f"&L&7{_hf(where)[:150]}{mark}&R&7Formulir {_hf(doc.form)}")
    printed = " · Dicetak &D &T" if doc.printed else ""  # the program's print date: the file stays the same
    ws.set_footer(f"&L&7{_hf(doc.status_line)[:180]}{printed}&R&7Halaman &P dari &N")
    ws.hide_gridlines(2)
    ws.set_zoom(90)


def _title_rows(
    ws: Worksheet, fmt: Formats, doc: Document, last_col: int, subtitle: str | None = None, align: str = "center"
) -> int:
    """The title block over the sheet's columns; ``align`` "left" where the sheet prints over several
    page widths (centred over all of them, the title would stand at the first page's edge)."""
    big = fmt.get(bold=True, font_size=12, align=align, valign="vcenter")
    mid = fmt.get(bold=True, font_size=10, align=align, valign="vcenter")
    small = fmt.get(font_size=8, align=align, valign="vcenter")
    lines = [(doc.title, big), (doc.agency, mid), (doc.period, mid), (doc.status, small)]
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


def _set_widths(ws: Worksheet, widths: list[float]) -> None:
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)


def _main_sheet(wb: Workbook, fmt: Formats, doc: Document, report: Report) -> None:
    ws = wb.add_worksheet("E.81")
    table = doc.main  # the workbook's: every column, those the paper leaves out hidden
    shown = {c.key for c in columns(print_choice(report))}
    last_col = len(table.columns) - 1
    row = TITLE_LINES + 1  # the title block is written once the widths say whether it prints one page wide
    ws.write_string(row, 0, doc.rkpd_caption, fmt.get(bold=True))
    row += 1
    at = {c.key: i for i, c in enumerate(table.columns)}
    for line in doc.rkpd.rows:
        number, name, target, unit = line.cells
        ws.write_number(row, 0, float(number), fmt.get(align="right", num_format='0"."'))  # type: ignore[arg-type]
        _merge(ws, row, 1, row, at["indicator"] - 1, name, fmt.get())
        code = _number_format(Kind.VALUE, target, line.places)
        _write(ws, row, at["indicator"], target, Kind.VALUE, fmt.get(num_format=code, bold=True, align="right"))
        _write(ws, row, at["unit"], unit, Kind.TEXT, fmt.get(bold=True))
        row += 1
    row += 1
    head_top = row
    first = head_top + table.head_rows
    formulas = list(e81_formulas(report, table, first))
    cells: dict[int, set[int]] = {}
    for formula in formulas:
        cells.setdefault(formula.row, set()).add(formula.col)
    drawn = write_table(ws, fmt, table, head_top, formulas=cells)
    for formula in formulas:
        line = table.rows[formula.row - first]
        value = line.cells[formula.col]
        look = drawn.look(line, formula.col)
        cached: float | str = ""
        if isinstance(value, Decimal):
            cached = exact_float(round_half_up(value, formula.places) if formula.places is not None else value)
        elif isinstance(value, str):
            cached = value
        ws.write_formula(formula.row, formula.col, "=" + formula.text, look.format_of(value), cached)
    visible = {c for c, column in enumerate(table.columns) if column.key in shown}
    widths = fit_one_width(drawn, column_widths(drawn), visible, doc)
    for c, (column, w) in enumerate(zip(table.columns, widths, strict=True)):
        ws.set_column(c, c, w, None, {} if column.key in shown else {"hidden": True})
    size_rows(ws, drawn, widths, hidden=set(range(len(table.columns))) - visible)
    # Only the column headers and the row names stay in view: the sheet opens scrolled to the header.
    ws.set_top_left_cell(head_top, 0)
    ws.freeze_panes(table.head_rows, table.frozen_cols, first, table.frozen_cols)
    visible = sum(w * 7 + 5 for column, w in zip(table.columns, widths, strict=True) if column.key in shown)
    _page_setup(ws, doc, (head_top, first - 1), visible)
    one_width = _printable_pt(doc) / (visible * 0.75) * 100 >= _least_scale(doc)
    _title_rows(ws, fmt, doc, last_col, align="center" if one_width else "left")
    if visible * 0.75 > (doc.paper.width_mm / 25.4 - 0.6) * 72:
        ws.repeat_columns(0, table.frozen_cols - 1)  # printed over several widths: the names on each
    row = drawn.bottom + 1
    text_width = sum(widths)
    for label, text in doc.narratives:
        ws.write_string(row, 0, label + ":", fmt.get(bold=True))
        _paragraph(ws, fmt, row + 1, last_col, text, text_width, border=1)
        row += 3
    ws.print_area(0, 0, row, last_col)


def _goals_sheet(wb: Workbook, fmt: Formats, doc: Document) -> None:
    """Indikator Tujuan and Sasaran, then the signatures that close the signed document."""
    ws = _table_sheet(
        wb, fmt, doc, "Indikator Tujuan-Sasaran", [doc.goals, doc.objectives], "Indikator Tujuan dan Sasaran"
    )
    top = _next_row(ws) + 1
    left, right = doc.signatures
    last = len(doc.goals.columns) - 1
    _signature(ws, fmt, left, top, 0, 1)
    _signature(ws, fmt, right, top, last - 2, last)
    ws.print_area(0, 0, top + 3 + len(left.lines) + 2, last)


def _next_row(ws: Worksheet) -> int:
    return int(ws.dim_rowmax or 0) + 1


def _table_sheet(wb: Workbook, fmt: Formats, doc: Document, name: str, tables: list[Table], title: str) -> Worksheet:
    ws = wb.add_worksheet(name)
    last_col = min(len(t.columns) for t in tables) - 1
    row = _title_rows(ws, fmt, doc, last_col, title)
    drawn = []
    for table in tables:
        if len(tables) > 1:
            ws.write_string(row, 0, table.title, fmt.get(bold=True, font_size=10))
            row += 1
        drawn.append(write_table(ws, fmt, table, row))
        row = drawn[-1].bottom + 1
    widths = column_widths(*drawn)
    _set_widths(ws, widths)
    for d in drawn:
        size_rows(ws, d, widths)
    first = drawn[0]
    ws.set_top_left_cell(first.top, 0)
    ws.freeze_panes(first.table.head_rows, 0, first.top + first.table.head_rows, 0)
    repeat = (first.top, first.top + first.table.head_rows - 1)
    _page_setup(ws, doc, repeat if len(tables) == 1 else None, sum(w * 7 + 5 for w in widths))
    return ws


def _legend_sheet(wb: Workbook, fmt: Formats, doc: Document) -> None:
    ws = wb.add_worksheet("Keterangan")
    table = doc.aggregations
    last_col = len(table.columns) - 1
    row = _title_rows(ws, fmt, doc, last_col, f"{ANNEX_TITLE} C. Keterangan perhitungan")
    for note in doc.notes:
        ws.write_string(row, 0, "•", fmt.get(align="right"))
        _merge(ws, row, 1, row, last_col, note, fmt.get())
        row += 1
    row += 1
    ws.write_string(row, 0, doc.bands.title, fmt.get(bold=True, font_size=10))
    bands = write_table(ws, fmt, doc.bands, row + 1, left=1)
    row = bands.bottom + 1
    ws.write_string(row, 0, table.title, fmt.get(bold=True, font_size=10))
    top = row + 1
    drawn = write_table(ws, fmt, table, top)
    widths = column_widths(drawn)
    _set_widths(ws, widths)
    size_rows(ws, bands, [0.0, *widths])
    size_rows(ws, drawn, widths)
    _page_setup(ws, doc, (top, top), sum(w * 7 + 5 for w in widths))


def render_xlsx(report: Report, *, paper: str = DEFAULT_PAPER, annex: bool = True) -> bytes:
    """The workbook in the order the form is signed: the E.81 sheet (title, RKPD block, table with its
    average and predikat, narratives), the Indikator Tujuan and Sasaran with the signatures; then,
    unless ``annex`` is False, the Lampiran: Temuan, Rencana Aksi, Keterangan."""
    table = e81_table(report, workbook_choice(report))  # every column; those the paper leaves out are hidden
    doc = build_document(report, paper, annex=annex, main=table)
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
    properties: dict[str, Any] = {"title": f"{doc.form} {doc.title}", "subject": f"{doc.agency} {doc.period}"}
    if doc.issued_at is not None:  # an approved report is the same file every time: dated by its approval
        properties["created"] = doc.issued_at.astimezone(dt.UTC).replace(tzinfo=None)
    wb.set_properties(properties)
    fmt = Formats(wb)
    _main_sheet(wb, fmt, doc, report)
    _goals_sheet(wb, fmt, doc)
    if doc.annex:
        _table_sheet(wb, fmt, doc, "Temuan", [doc.findings], f"{ANNEX_TITLE} A. {doc.findings.title}")
        _table_sheet(wb, fmt, doc, "Rencana Aksi", [doc.action_plan], f"{ANNEX_TITLE} B. {doc.action_plan.title}")
        _legend_sheet(wb, fmt, doc)
    wb.close()
    return buffer.getvalue()
