"""Reading spreadsheet files into plain rows of cells, refusing what is too big or not what it claims.

.xlsx, .xls and .ods go through python-calamine once ``imports.stages.read.spreadsheet_guard`` has bounded the
archive and the grid; .csv and tab-separated .txt/.tsv through the csv module, line by line.  Cells
arrive as ``str``, ``int``, ``float``, ``bool``, dates or ``None``; nothing here interprets them.
Every refusal is a ``FileRefused`` with an Indonesian message, never a crash.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from imports.problems import column_letter
from imports.stages.read.cell_extent import MAX_CELLS, MAX_COLUMNS, Bounds
from imports.stages.read.file_refused import FileRefused
from imports.stages.read.spreadsheet_guard import guard_spreadsheet

__all__ = ["EXTENSIONS", "FileRefused", "Sheet", "Workbook", "read_workbook"]

MAX_LINE = 131_072  # the csv module's field limit: a longer line could only be one over-long cell
SPREADSHEET_EXTENSIONS = (".xlsx", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
EXTENSIONS = SPREADSHEET_EXTENSIONS + TEXT_EXTENSIONS

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_KNOWN_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"\x7fELF", "program (ELF)"),
    (b"MZ", "program Windows"),
    (b"\x1f\x8b", "arsip gzip"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf", "arsip 7z"),
    (_ZIP, "arsip zip"),
    (_OLE2, "dokumen Office lama"),
)
Cell = Any  # str | int | float | bool | date | datetime | None


@dataclass
class Sheet:
    name: str
    rows: list[list[Cell]]


@dataclass
class Workbook:
    filename: str
    checksum: str
    size: int
    sheets: list[Sheet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what reading assumed (an .xls under an .xlsx name)

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _looks_like(data: bytes) -> str | None:
    for magic, label in _KNOWN_MAGIC:
        if data.startswith(magic):
            return label
    return None


def read_workbook(
    data: bytes,
    filename: str,
    *,
    max_bytes: int,
    max_rows: int,
    progress: Callable[[int, int], None] | None = None,
) -> Workbook:
    """Read ``data`` (the bytes of ``filename``) into sheets of cells, or raise ``FileRefused``."""
    name = PurePath(filename).name or "berkas"
    extension = PurePath(name).suffix.lower()
    if extension not in EXTENSIONS:
        raise FileRefused(
            f"{name}: jenis berkas {extension or '(tanpa ekstensi)'} tidak didukung; gunakan {', '.join(EXTENSIONS)}."
        )
    if not data:
        raise FileRefused(f"{name}: berkas kosong (0 byte).")
    if len(data) > max_bytes:
        raise FileRefused(f"{name}: ukuran {_mb(len(data))} melebihi batas {_mb(max_bytes)}.")
    book = Workbook(filename=name, checksum=hashlib.sha256(data).hexdigest(), size=len(data))
    if extension in SPREADSHEET_EXTENSIONS:
        actual = _by_content(data, extension)
        if actual != extension:
            book.notes.append(f"{name}: isinya berkas {actual} (bukan {extension}); dibaca sebagai {actual}")
            extension = actual
        _check_magic(data, name, extension)
        guard_spreadsheet(data, name, extension, max_bytes=max_bytes, bounds=Bounds(max_rows=max_rows))
        book.sheets = _read_calamine(data, name, max_rows, progress)
    else:
        book.sheets = [_read_text(data, name, extension, max_rows)]
    if not any(any(_filled(c) for c in row) for s in book.sheets for row in s.rows):
        raise FileRefused(f"{name}: tidak ada isi yang dapat dibaca (semua sel kosong).")
    return book


def _filled(cell: Cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _by_content(data: bytes, extension: str) -> str:
    """The spreadsheet kind by its bytes: an old .xls saved under an .xlsx name is read as the .xls it
    is (and an .xlsx named .xls as .xlsx); anything else keeps its extension (and is checked by it)."""
    if extension in (".xlsx", ".ods") and data.startswith(_OLE2):
        return ".xls"
    if extension == ".xls" and data.startswith(_ZIP) and b"xl/" in data[:4096]:
        return ".xlsx"
    return extension


def _check_magic(data: bytes, name: str, extension: str) -> None:
    expected = _OLE2 if extension == ".xls" else _ZIP
    if data.startswith(expected):
        return
    seen = _looks_like(data)
    if extension == ".xls":
        raise FileRefused(
            f"{name}: bukan berkas Excel 97-2003 (.xls) yang sah" + (f"; isinya {seen}." if seen else ".")
        )
    raise FileRefused(
        f"{name}: bukan berkas {extension} yang sah" + (f"; isinya {seen}." if seen else " (bukan arsip Office).")
    )


def _read_calamine(data: bytes, name: str, max_rows: int, progress: Callable[[int, int], None] | None) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        total = 0
        for index, sheet_name in enumerate(workbook.sheet_names):
            sheet = workbook.get_sheet_by_index(index)
            total += sheet.height
            if total > max_rows:
                raise FileRefused(f"{name}: lebih dari {max_rows} baris (batas impor); bagi berkas menjadi beberapa.")
            sheets.append(Sheet(sheet_name, sheet.to_python(skip_empty_area=False)))
            if progress:
                progress(index + 1, len(workbook.sheet_names))
        return sheets
    except FileRefused:
        raise
    except Exception as exc:  # calamine raises its own errors and, on broken files, plain ones
        raise FileRefused(f"{name}: berkas tidak dapat dibaca, mungkin rusak atau terpotong ({exc}).") from None
    except BaseException as exc:  # a Rust panic in calamine arrives as pyo3's PanicException, a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise FileRefused(f"{name}: berkas tidak dapat dibaca, mungkin rusak ({exc}).") from None


def _decode(data: bytes, name: str) -> str:
    sample = data[:8192]
    if b"\x00" in sample:
        seen = _looks_like(data)
        raise FileRefused(f"{name}: bukan berkas teks" + (f"; isinya {seen}." if seen else " (berisi byte biner)."))
    if (nul := data.find(b"\x00")) >= 0:  # no database column can hold it
        line = data.count(b"\n", 0, nul) + 1
        raise FileRefused(f"{name}: baris {line} berisi byte NUL; bukan berkas teks yang sah.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_text(data: bytes, name: str, extension: str, max_rows: int) -> Sheet:
    text = _decode(data, name)
    lines = text.splitlines()
    if len(lines) > max_rows:
        raise FileRefused(f"{name}: {len(lines)} baris melebihi batas impor {max_rows}; bagi berkas menjadi beberapa.")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise FileRefused(
                f"{name}: baris {number} berisi {len(line):,} karakter, melebihi batas {MAX_LINE:,} karakter "
                "per baris; periksa isi baris itu."
            )
    reader = None
    try:
        delimiter = "\t" if extension in (".txt", ".tsv") and "\t" in text else _sniff(lines)
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows, cells = [], 0
        for row in reader:
            row = _within_columns(row, name, reader.line_num)
            cells += len(row)
            if cells > MAX_CELLS:
                raise FileRefused(f"{name}: lebih dari {MAX_CELLS:,} sel; bagi berkas menjadi beberapa.")
            rows.append(row)
    except csv.Error as exc:  # a NUL byte, a quoted field running past the field limit
        where = f"baris {reader.line_num}" if reader is not None else "berkas"
        raise FileRefused(f"{name}: {where} tidak dapat dibaca sebagai CSV ({exc}).") from None
    return Sheet(PurePath(name).stem, rows)


def _within_columns(row: list[str], name: str, line: int) -> list[str]:
    """The row, without trailing empty fields when it is wider than a sheet may be; refused when a
    value lies beyond ``MAX_COLUMNS``."""
    if len(row) <= MAX_COLUMNS:
        return row
    while row and not row[-1].strip():
        row.pop()
    if len(row) > MAX_COLUMNS:
        raise FileRefused(
            f"{name}: baris {line} berisi nilai di kolom ke-{len(row)} ({column_letter(len(row))}), melewati batas "
            f"{MAX_COLUMNS} kolom; hapus isi sel itu lalu unggah ulang."
        )
    return row


def _sniff(lines: list[str]) -> str:
    """The delimiter giving the most columns on a typical line (quoted fields respected)."""
    sample = [line for line in lines[:200] if line.strip()]
    best, best_width = ",", 0
    for delimiter in ("\t", ";", ","):
        widths = sorted(len(r) for r in csv.reader(sample, delimiter=delimiter))
        width = widths[len(widths) // 2] if widths else 0
        if width > best_width:
            best, best_width = delimiter, width
    return best
