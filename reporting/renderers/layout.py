"""The shared shape of every printed table: columns, merged header cells and rows of raw values.

Builders (``e81``, ``sections``) arrange what the report model holds into these tables; each renderer
draws them its own way (Excel cells, PDF flowables, HTML, CSV).  Cells keep raw values (``Decimal``,
``int``, ``str``, ``None``): Excel writes numbers as numbers, PDF and HTML print ``display()``.
Nothing here computes a figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from domain.numbers import decimal_places
from reporting.formatting import number_id, percent, rupiah

Value = Decimal | int | str | None


class Kind(StrEnum):
    TEXT = "text"
    SEQ = "seq"  # a sequence number (No)
    VALUE = "value"  # K, in the indicator's satuan, as entered
    MONEY = "money"  # Rp
    PERCENT = "percent"  # achievement, half-up to two decimals when shown

    @property
    def numeric(self) -> bool:
        return self is not Kind.TEXT


@dataclass(frozen=True, slots=True)
class Paper:
    key: str
    label: str
    width_mm: float  # landscape: the long side
    height_mm: float
    excel: int  # Excel's paper index
    min_size: float  # the smallest type any table may print in, points: legible without a lens


PAPERS: dict[str, Paper] = {
    # F4 (folio, 215 x 330 mm) is what Indonesian offices print on; Excel's "Folio 8.5 x 13 in" is it.
    "f4": Paper("f4", "F4 (215 x 330 mm)", 330.0, 215.0, 14, 6.5),
    "a4": Paper("a4", "A4 (210 x 297 mm)", 297.0, 210.0, 9, 6.0),
}
DEFAULT_PAPER = "f4"


def paper_for(key: str) -> Paper:
    try:
        return PAPERS[key.lower()]
    except KeyError:
        raise ValueError(f"ukuran kertas tidak dikenal: {key!r} (pilih: {', '.join(PAPERS)})") from None


@dataclass(frozen=True, slots=True)
class Column:
    kind: Kind
    width: float  # on F4 landscape, mm: the share of a text column, the minimum of a numeric one
    indent: bool = False  # indented by the row's level (Program / Kegiatan / Sub Kegiatan)
    wrap: bool = True
    key: str = ""  # what the column holds ("no", "name", "12K", "12/7Rp"...), for renderers that need it
    realized: bool = False  # a realisation: 0 ("nothing realised") prints "-", blank stays blank


@dataclass(frozen=True, slots=True)
class Head:
    """A header cell at (row, col) of the header block, merged over rowspan x colspan."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


SEVERITY_COLUMN = 1  # in a findings row styled "severity-*", only this cell (the severity label) is marked


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Value, ...]
    style: str = ""  # a Level value ("objective", "program"...), "total", "severity-error"..., or ""
    spans: tuple[tuple[int, int], ...] = ()  # (first, last) columns merged; the first holds the value
    places: int | None = None  # decimals of the K values of this line (its indicator's); None: as entered


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    head: tuple[Head, ...]
    head_rows: int
    rows: tuple[Row, ...]
    frozen_cols: int = 0  # columns kept in view when scrolling (Excel)

    def head_by_row(self) -> list[list[Head]]:
        rows: list[list[Head]] = [[] for _ in range(self.head_rows)]
        for h in self.head:
            rows[h.row].append(h)
        return [sorted(r, key=lambda h: h.col) for r in rows]


def simple_head(*titles: str) -> tuple[Head, ...]:
    return tuple(Head(0, i, t) for i, t in enumerate(titles))


DASH = "-"  # nothing realised (a reported 0), or an achievement that applies but cannot be computed


def display(value: Value, kind: Kind, places: int | None = None, realized: bool = False) -> str:
    """A cell as printed: Indonesian numbers (11.238.069.445; 99,45), text as is, blank as "".

    ``places``: the decimals of a K value (its indicator's, ``indicator_places``); ``realized``: the
    column holds a realisation, where 0 is written "-" as people write it.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if realized and value == 0 and kind is not Kind.PERCENT:
        return DASH
    if kind is Kind.MONEY:
        return rupiah(value)
    if kind is Kind.PERCENT:
        return percent(value)
    return number_id(value, value_places(value) if places is None else places)


def cell_text(line: Row, column: Column, value: Value) -> str:
    """``display`` of one cell of ``line`` in ``column``."""
    return display(value, column.kind, line.places, column.realized)


MAX_PLACES = 6  # what a K value may be entered with
INDICATOR_PLACES = 2  # an indicator prints at most two decimals


def indicator_places(*written: Value) -> int:
    """Decimals every K value of one indicator prints with: as its target was written (the first of
    ``written`` that exists: Renja target, then Renstra target...), at most two; 0 when none exists."""
    for value in written:
        if value is not None:
            return min(decimal_places(value.normalize()), INDICATOR_PLACES)
    return 0


def value_places(value: Decimal) -> int:
    """Decimals to show of a K value: as entered (up to six); a longer computed mean (AVG) gets two."""
    if value == value.to_integral_value():
        return 0
    places = decimal_places(value.normalize())
    return places if places <= MAX_PLACES else 2


MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def date_id(value: date | None, empty: str = "") -> str:
    """31 Desember 2021."""
    return empty if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


_INDENT = {"activity": 1, "sub_activity": 2}


def level_indent(style: str) -> int:
    """Indent steps of a row's name by its level (a row style): program 0, kegiatan 1, sub kegiatan 2."""
    return _INDENT.get(style, 0)


def take_columns(table: Table, keep: list[int], title: str = "") -> Table:
    """``table`` with only the columns ``keep`` (in order): header cells and row merges are clipped to
    them, those left with no column dropped.  For a table continued on a second page width."""
    where = {old: new for new, old in enumerate(keep)}
    head = []
    for h in table.head:
        inside = [where[c] for c in range(h.col, h.col + h.colspan) if c in where]
        if inside:
            head.append(Head(h.row, inside[0], h.text, h.rowspan, inside[-1] - inside[0] + 1))
    rows = []
    for line in table.rows:
        cells = [line.cells[c] for c in keep]
        spans = []
        for first, last in line.spans:
            inside = [where[c] for c in range(first, last + 1) if c in where]
            if not inside:
                continue
            if first not in where:  # the merge's value was in a column left out: it moves to the first kept
                cells[inside[0]] = line.cells[first]
            spans.append((inside[0], inside[-1]))
        rows.append(Row(tuple(cells), line.style, tuple(spans), line.places))
    return Table(
        key=table.key,
        title=title or table.title,
        columns=tuple(table.columns[c] for c in keep),
        head=tuple(head),
        head_rows=table.head_rows,
        rows=tuple(rows),
        frozen_cols=sum(1 for c in keep if c < table.frozen_cols),
    )
