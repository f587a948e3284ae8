"""How far the cells that hold a value reach, found in the file's own XML or records before a reader
builds its grid.

python-calamine builds a dense grid from A1 to the last cell holding a value: one value at XFD1048576
in a 6 KB workbook asks for 17 billion cells.  So each sheet is scanned first, streaming, and the file
is refused, naming the sheet and the cell, when a value lies beyond the columns or rows an E.81 table
can use or when the grids together would exceed ``Bounds.max_cells``.  Empty cells that carry only a
style do not count (calamine skips them too); dimension records and ``<dimension ref>`` are ignored.

The scanners read what calamine reads: the worksheet XML of an .xlsx (``<c r="..."><v>``), the
``content.xml`` of an .ods (with its repeated rows and cells), the BIFF cell records of an .xls.
"""

from __future__ import annotations

import re
import struct
import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass, field

from imports.problems import column_letter
from imports.stages.read.file_refused import FileRefused

MAX_COLUMNS = 256  # IV, the old Excel limit; an E.81 table uses about 40
MAX_CELLS = 3_000_000  # of all sheets' grids together: about 120 MB once calamine and Python hold them
MAX_SHEETS = 200


@dataclass(frozen=True)
class Bounds:
    max_rows: int  # KINERJA_MAX_IMPORT_ROWS, over all sheets
    max_columns: int = MAX_COLUMNS
    max_cells: int = MAX_CELLS
    max_sheets: int = MAX_SHEETS


@dataclass
class Extent:
    """The grids of one workbook as its values reach, checked against ``bounds`` as they grow."""

    filename: str
    bounds: Bounds
    rows: int = 0  # summed over sheets
    cells: int = 0  # grid cells, summed over sheets
    sheets: int = 0
    _open: dict[str, tuple[int, int]] = field(default_factory=dict)  # sheet -> (last row, last column)

    def add(self, sheet: str, row: int, column: int, *, rows: int = 1, columns: int = 1) -> None:
        """A value at (``row``, ``column``), 1-based, repeated over ``rows`` x ``columns`` (.ods)."""
        last_row, last_column = row + rows - 1, column + columns - 1
        where = f"{self.filename}: sheet {sheet!r}, sel {column_letter(last_column)}{last_row}"
        if last_column > self.bounds.max_columns:
            raise FileRefused(
                f"{where} berisi nilai di kolom ke-{last_column}, melewati batas {self.bounds.max_columns} kolom "
                f"(kolom {column_letter(self.bounds.max_columns)}); hapus isi sel itu lalu unggah ulang."
            )
        if last_row > self.bounds.max_rows:
            raise FileRefused(
                f"{where} berisi nilai di baris {last_row}, melewati batas impor {self.bounds.max_rows} baris; "
                "hapus isi sel itu atau bagi berkas menjadi beberapa."
            )
        seen = self._open.get(sheet, (0, 0))
        self._open[sheet] = (max(seen[0], last_row), max(seen[1], last_column))

    def fits(self, last_row: int, last_column: int, *, copies: int = 1) -> bool:
        """Whether a sheet reaching (``last_row``, ``last_column``) would pass ``close``."""
        b = self.bounds
        return (
            last_column <= b.max_columns
            and self.rows + last_row * copies <= b.max_rows
            and self.cells + last_row * last_column * copies <= b.max_cells
            and self.sheets + copies <= b.max_sheets
        )

    def close(self, sheet: str, *, copies: int = 1) -> None:
        """The sheet is scanned: count its grid (``copies`` times when several sheets read one part)."""
        last_row, last_column = self._open.pop(sheet, (0, 0))
        self.sheets += copies
        self.rows += last_row * copies
        self.cells += last_row * last_column * copies
        if self.sheets > self.bounds.max_sheets:
            raise FileRefused(
                f"{self.filename}: lebih dari {self.bounds.max_sheets} sheet; bagi berkas menjadi beberapa."
            )
        if self.rows > self.bounds.max_rows:
            raise FileRefused(
                f"{self.filename}: lebih dari {self.bounds.max_rows} baris (batas impor); bagi berkas menjadi beberapa."
            )
        if self.cells > self.bounds.max_cells:
            raise FileRefused(
                f"{self.filename}: sheet {sheet!r} terbentang sampai sel {column_letter(last_column)}{last_row}; "
                f"bersama sheet sebelumnya lebih dari {self.bounds.max_cells:,} sel harus dibaca. "
                "Hapus isi sel yang jauh dari tabel atau bagi berkas."
            )


# -- .xlsx ------------------------------------------------------------------------------------------
_CELL_REF = re.compile(r"^([A-Za-z]{1,3})([0-9]{1,7})$")
_ROW_NUMBER = re.compile(r"^[0-9]{1,7}$")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


_ANY_CELL_TAG = re.compile(rb"<(?:[^\s<>/:!?]+:)?c[\s/>]")
_PLAIN_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


def xlsx_quick_extent(chunks: Iterable[bytes]) -> tuple[int, int] | None:
    """(last row, last column) over every cell tag of a worksheet part, valued or not, when each cell
    tag is written as Excel and its peers write it (``<c r="B7"``); None when one is not, so that the
    exact scan decides.  Five times faster than the exact scan, and never smaller than it."""
    tags = refs = last_row = 0
    letters: set[bytes] = set()
    tail = b""
    for chunk in chunks:
        text = tail + chunk
        cut = text.rfind(b"<")
        text, tail = (text[:cut], text[cut:]) if cut >= 0 else (text, b"")
        tags += len(_ANY_CELL_TAG.findall(text))
        found = _PLAIN_CELL_REF.findall(text)
        if found:
            columns, rows = zip(*found, strict=True)
            refs += len(found)
            letters.update(columns)
            last_row = max(last_row, *map(int, set(rows)))  # a row's cells share its number: each read once
    tags += len(_ANY_CELL_TAG.findall(tail + b" "))
    refs += len(_PLAIN_CELL_REF.findall(tail))
    if tags != refs:
        return None
    return last_row, max((_column_number(c.decode()) for c in letters), default=0)


def _parser(refuse: str) -> xml.parsers.expat.XMLParserType:
    """An expat parser that refuses a DOCTYPE: no spreadsheet part has one, and entities could hide cells."""
    parser = xml.parsers.expat.ParserCreate()

    def doctype(*_args: object) -> None:
        raise FileRefused(refuse)

    parser.StartDoctypeDeclHandler = doctype
    return parser


def scan_xlsx_sheet(chunks: Iterable[bytes], extent: Extent, sheet: str) -> None:
    """Every ``<c>`` holding a ``<v>`` or ``<is>`` of one worksheet part, by local name as calamine
    matches them; a cell without ``r`` follows the previous one, a row without ``r`` the previous row."""
    state = {"row": 0, "column": 0}
    current: list[tuple[int, int]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            ref = attributes.get("r")
            if ref is None:
                state["column"] += 1
            elif match := _CELL_REF.match(ref):
                state["column"], state["row"] = _column_number(match[1]), int(match[2])
            else:
                raise FileRefused(f"{extent.filename}: sheet {sheet!r}: alamat sel {ref[:20]!r} tidak sah.")
            current[:] = [(max(state["row"], 1), state["column"])]
        elif local in ("v", "is") and current:
            extent.add(sheet, *current[0])
        elif local == "row":
            number = attributes.get("r")
            if number is not None and not _ROW_NUMBER.match(number):
                raise FileRefused(f"{extent.filename}: sheet {sheet!r}: nomor baris {number[:20]!r} tidak sah.")
            state["row"] = int(number) if number is not None else state["row"] + 1
            state["column"] = 0
            current.clear()

    parser = _parser(f"{extent.filename}: sheet {sheet!r} memuat DOCTYPE; ditolak.")
    parser.StartElementHandler = start
    _feed(parser, chunks, extent.filename, sheet)


def _feed(parser: xml.parsers.expat.XMLParserType, chunks: Iterable[bytes], filename: str, sheet: str) -> None:
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError as exc:
        raise FileRefused(f"{filename}: sheet {sheet!r} rusak (XML tidak sah: {exc}).") from None


# -- .ods -------------------------------------------------------------------------------------------
def _attribute(attributes: dict[str, str], local: str) -> str | None:
    return next((v for k, v in attributes.items() if k.rpartition(":")[2] == local), None)


def _repeat(attributes: dict[str, str], local: str, filename: str) -> int:
    value = _attribute(attributes, local)
    if value is None:
        return 1
    if not _ROW_NUMBER.match(value.strip()):
        raise FileRefused(f"{filename}: jumlah ulang {value[:20]!r} tidak sah.")
    return max(int(value), 1)


def scan_ods_content(chunks: Iterable[bytes], extent: Extent) -> None:
    """The tables of an .ods ``content.xml``: a cell holds a value when it has a value type or any
    content; ``number-rows-repeated`` and ``number-columns-repeated`` multiply it as calamine does."""
    state = {"row": 0, "column": 0, "rows": 1, "depth": 0, "cells": 0, "valued": 0}
    table: list[str] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if state["depth"]:  # inside a cell: any content gives it a value
            state["depth"] += 1
            state["valued"] = 1
            return
        if local == "table":
            if table:
                extent.close(table[0])
            table[:] = [_attribute(attributes, "name") or f"tabel {extent.sheets + 1}"]
            state["row"] = 0
        elif local == "table-row" and table:
            state["rows"] = _repeat(attributes, "number-rows-repeated", extent.filename)
            state["column"] = 0
        elif local in ("table-cell", "covered-table-cell") and table:
            state["depth"] = 1
            state["cells"] = _repeat(attributes, "number-columns-repeated", extent.filename)
            state["valued"] = int(_attribute(attributes, "value-type") is not None)

    def end(name: str) -> None:
        if state["depth"]:
            state["depth"] -= 1
            if state["depth"] == 0:
                if state["valued"]:
                    extent.add(
                        table[0], state["row"] + 1, state["column"] + 1, rows=state["rows"], columns=state["cells"]
                    )
                state["column"] += state["cells"]
            return
        if name.rpartition(":")[2] == "table-row" and table:
            state["row"] += state["rows"]

    parser = _parser(f"{extent.filename}: content.xml memuat DOCTYPE; ditolak.")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _feed(parser, chunks, extent.filename, "content.xml")
    if table:
        extent.close(table[0])


# -- .xls -------------------------------------------------------------------------------------------
_RECORD = struct.Struct("<HH")
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
_CELL_RECORDS = {0x0006, 0x0206, 0x0406, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0002, 0x0003, 0x0004}
_MULRK = 0x00BD


def scan_xls(data: bytes, extent: Extent) -> None:
    """The BIFF cell records of every sheet an .xls lists, read from where its BOUNDSHEET points, as
    calamine reads them; sheets whose records overlap are refused (they would be read twice)."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
        stream_name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if stream_name is None:
            raise FileRefused(f"{extent.filename}: bukan buku kerja Excel (tidak ada aliran Workbook).")
        stream = ole.openstream(stream_name).read()
    except FileRefused:
        raise
    except Exception as exc:  # olefile raises plain errors on broken containers
        raise FileRefused(f"{extent.filename}: berkas .xls rusak atau terpotong ({exc}).") from None
    sheets = sorted(_boundsheets(stream).items())
    for index, (offset, name) in enumerate(sheets):
        end = _scan_xls_sheet(stream, offset, name, extent)
        extent.close(name)
        if index + 1 < len(sheets) and end > sheets[index + 1][0]:
            # a sheet starting inside another would be read twice: never in a file Excel wrote
            raise FileRefused(f"{extent.filename}: susunan sheet dalam berkas .xls tidak sah (saling tumpang).")


def _records(stream: bytes, offset: int) -> Iterable[tuple[int, int, bytes]]:
    """(offset, type, body) from ``offset`` to the end of the substream's EOF (nested BOFs counted)."""
    depth = 0
    while offset + 4 <= len(stream):
        kind, length = _RECORD.unpack_from(stream, offset)
        body = stream[offset + 4 : offset + 4 + length]
        yield offset, kind, body
        offset += 4 + length
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                return


def _boundsheets(stream: bytes) -> dict[int, str]:
    sheets: dict[int, str] = {}
    for _offset, kind, body in _records(stream, 0):
        if kind == _BOUNDSHEET and len(body) >= 8:
            (position,) = struct.unpack_from("<I", body)
            length, flags = body[6], body[7]
            raw = body[8 : 8 + length * (2 if flags & 1 else 1)]
            name = raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace")
            sheets.setdefault(position, name or f"sheet {len(sheets) + 1}")
    return sheets


def _scan_xls_sheet(stream: bytes, offset: int, name: str, extent: Extent) -> int:
    end = offset
    for at, kind, body in _records(stream, offset):
        end = at + 4 + len(body)
        if len(body) < 4:
            continue
        row, column = struct.unpack_from("<HH", body)
        if kind in _CELL_RECORDS:
            extent.add(name, row + 1, column + 1)
        elif kind == _MULRK and len(body) >= 6:
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            extent.add(name, row + 1, column + 1, columns=max(last - column + 1, 1))
    return end
