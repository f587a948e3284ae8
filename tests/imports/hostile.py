"""Hostile files made by the tests themselves: a cell far away in .xlsx, .ods and .xls, a disguised zip
bomb, and an archive member whose header lies about its size."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import xlsxwriter

from tests.imports import sheets
from tests.imports.sheets import Variant


def xlsx_with_far_cell(row: int, column: int, *, value: bool = True) -> bytes:
    """The test's E.81 sheet plus one cell at (``row``, ``column``), 0-based: a value, or a style only."""
    table = sheets.rows(Variant())
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Evaluasi")
    for r, cells in enumerate(table):
        for c, text in enumerate(cells):
            if text:
                sheet.write_string(r, c, text)
    if value:
        sheet.write_string(row, column, "x")
    else:
        sheet.write_blank(row, column, None, book.add_format({"bold": True}))
    book.close()
    return buffer.getvalue()


_ODS_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Evaluasi">{rows}</table:table>'
    "</office:spreadsheet></office:body></office:document-content>"
)

_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def ods(rows_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)  # without it calamine does not know the file
        archive.writestr("content.xml", _ODS_CONTENT.format(rows=rows_xml))
    return buffer.getvalue()


def ods_repeated_block(rows: int, columns: int) -> bytes:
    """One cell holding "x", repeated over ``rows`` x ``columns``: 300 bytes that ask for the whole grid."""
    cell = (
        f'<table:table-cell office:value-type="string" table:number-columns-repeated="{columns}">'
        "<text:p>x</text:p></table:table-cell>"
    )
    return ods(f'<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>')


# -- .xls: a compound file with one BIFF8 Workbook stream ----------------------------------------------
_END, _FREE, _FAT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def xls(cells: list[tuple[int, int, str]], sheet: str = "Evaluasi") -> bytes:
    """An Excel 97-2003 file with LABEL cells at 0-based (row, column)."""
    name = sheet.encode("latin-1")
    body = _bof(0x10)
    for row, column, text in cells:
        raw = text.encode("latin-1")
        body += _record(0x0204, struct.pack("<HHHHB", row, column, 15, len(raw), 0) + raw)
    body += _record(0x000A, b"")
    head = _bof(0x05)
    offset = len(head) + 4 + 8 + len(name) + 4
    book = head + _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name) + _record(0x000A, b"")
    stream = book + body
    stream += b"\x00" * (max(0, 4096 - len(stream)) + (-max(len(stream), 4096) % 512))  # no mini stream
    sectors = len(stream) // 512
    fat = [_FAT, _END, *range(3, 3 + sectors - 1), _END]
    fat += [_FREE] * (128 - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header += b"\x00" * 6 + struct.pack("<9I", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", 0, *([_FREE] * 108))

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (entry_name + "\x00").encode("utf-16-le")
        fields = struct.pack("<HBBIII", len(encoded), kind, 1, _FREE, _FREE, child)
        return encoded.ljust(64, b"\x00") + fields + b"\x00" * 36 + struct.pack("<IQ", start, size)

    directory = entry("Root Entry", 5, 1, _END, 0) + entry("Workbook", 2, _FREE, 2, len(stream)) + b"\x00" * 256
    return header + struct.pack("<128I", *fat) + directory + stream


# -- zip bombs ---------------------------------------------------------------------------------------
def padded_workbook(padding: int, noise: int) -> bytes:
    """A real, importable E.81 workbook whose sheet XML carries ``padding`` bytes of blanks (about 1,000:1
    deflated) beside a member of ``noise`` random bytes, so the archive as a whole inflates only ~100:1."""
    plain = sheets.as_xlsx(sheets.rows(Variant()))
    source = zipfile.ZipFile(io.BytesIO(plain))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b" " * padding + b"</worksheet>")
            archive.writestr(info.filename, data)
        archive.writestr(zipfile.ZipInfo("xl/media/image1.bin"), os.urandom(noise))
    return buffer.getvalue()


def lying_member(member: str, actual: bytes, declared: int) -> bytes:
    """The test's workbook with ``member`` replaced by ``actual``, whose headers declare only ``declared``
    bytes (and the CRC of those first bytes, so that a reader stopping there finds nothing wrong)."""
    plain = sheets.as_xlsx(sheets.rows(Variant()))
    source = zipfile.ZipFile(io.BytesIO(plain))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, actual if info.filename == member else source.read(info))
    data = bytearray(buffer.getvalue())
    crc = zlib.crc32(actual[:declared])
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 14, crc)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    position = data.find(b"PK\x01\x02")  # the central directory's entries
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, position + 16, crc)
            struct.pack_into("<I", data, position + 24, declared)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)
