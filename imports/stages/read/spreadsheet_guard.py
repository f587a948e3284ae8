"""What a spreadsheet file must pass before python-calamine opens it: a bounded archive and a bounded grid.

.xlsx and .ods: every zip member is inflated under ``imports.stages.read.archive``'s bounds (which also checks each
CRC); the worksheet parts, or ``content.xml``, are scanned for their cells on the way
(``imports.stages.read.cell_extent``).  .xls: its BIFF cell records are scanned.  Any refusal is a ``FileRefused``
naming the file and, where there is one, the sheet and the cell.
"""

from __future__ import annotations

import posixpath
import xml.parsers.expat
from collections.abc import Callable

from imports.stages.read.archive import Archive, open_archive
from imports.stages.read.cell_extent import (
    Bounds,
    Extent,
    scan_ods_content,
    scan_xls,
    scan_xlsx_sheet,
    xlsx_quick_extent,
)
from imports.stages.read.file_refused import FileRefused

_SHEET_FOLDERS = ("xl/worksheets/", "xl/dialogsheets/", "xl/macrosheets/", "xl/chartsheets/")
_SMALL_PART = 5 * 1024 * 1024  # workbook.xml and its relationships: a few KB in real files


def guard_spreadsheet(data: bytes, name: str, extension: str, *, max_bytes: int, bounds: Bounds) -> None:
    extent = Extent(name, bounds)
    if extension == ".xls":
        scan_xls(data, extent)
        return
    archive = open_archive(data, name, extension, max_bytes=max_bytes)
    required = "xl/workbook.xml" if extension == ".xlsx" else "content.xml"
    if archive.member(required) is None:
        raise FileRefused(f"{name}: arsip zip ini bukan lembar kerja {extension} (tidak ada {required}).")
    parts = _xlsx_sheet_parts(archive, bounds) if extension == ".xlsx" else {"content.xml": ["content.xml"]}
    for info in archive.members:
        sheets = parts.get(info.filename) or ([info.filename] if info.filename.startswith(_SHEET_FOLDERS) else [])
        if not sheets:
            for _chunk in archive.chunks(info):  # inflated all the same: size and CRC checked
                pass
        elif extension == ".ods":
            scan_ods_content(archive.chunks(info), extent)
        else:
            copies = len(sheets)
            quick = xlsx_quick_extent(archive.chunks(info))
            if quick is not None and extent.fits(*quick, copies=copies):
                extent.add(sheets[0], *quick)
            else:  # a cell written otherwise, or far: read exactly which cells hold values
                scan_xlsx_sheet(archive.chunks(info), extent, sheets[0])
            extent.close(sheets[0], copies=copies)


def _xlsx_sheet_parts(archive: Archive, bounds: Bounds) -> dict[str, list[str]]:
    """Zip member -> the names of the sheets that read it, from xl/workbook.xml and its relationships.
    A target is looked up both as written and normalised, so a part reached either way is scanned."""
    targets: dict[str, str] = {}
    sheets: list[tuple[str, str]] = []

    def relationship(tag: str, attributes: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "Relationship" and "Id" in attributes:
            targets[attributes["Id"]] = attributes.get("Target", "")

    def sheet(tag: str, attributes: dict[str, str]) -> None:
        if tag.rpartition(":")[2] == "sheet":
            rid = next((v for k, v in attributes.items() if k.rpartition(":")[2] == "id"), "")
            sheets.append((attributes.get("name", ""), rid))
            if len(sheets) > bounds.max_sheets:
                raise FileRefused(
                    f"{archive.name}: lebih dari {bounds.max_sheets} sheet; bagi berkas menjadi beberapa."
                )

    _parse_small(archive, "xl/_rels/workbook.xml.rels", relationship)
    _parse_small(archive, "xl/workbook.xml", sheet)
    parts: dict[str, list[str]] = {}
    for sheet_name, rid in sheets:
        target = targets.get(rid, "")
        if not target:
            continue
        written = target[1:] if target.startswith("/") else f"xl/{target}"
        for path in {written, posixpath.normpath(written)}:
            parts.setdefault(path, []).append(sheet_name or path)
    return parts


def _parse_small(archive: Archive, member: str, handler: Callable[[str, dict[str, str]], None]) -> None:
    info = archive.member(member)
    if info is None:
        return
    if info.file_size > _SMALL_PART:
        raise FileRefused(f"{archive.name}: bagian {member} terlalu besar untuk sebuah lembar kerja.")
    parser = xml.parsers.expat.ParserCreate()

    def doctype(*_args: object) -> None:
        raise FileRefused(f"{archive.name}: bagian {member} memuat DOCTYPE; ditolak.")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = handler
    try:
        parser.Parse(archive.read(info), True)
    except xml.parsers.expat.ExpatError as exc:
        raise FileRefused(f"{archive.name}: bagian {member} rusak (XML tidak sah: {exc}).") from None
