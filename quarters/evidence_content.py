"""What an evidence file (bukti dukung) is, judged by its content, never by its name alone.

Accepted: PDF, JPEG and PNG images, and office documents: docx/xlsx (Office Open XML, told apart by the
members of the zip), odt/ods (OpenDocument, by the zip's ``mimetype`` member) and the old doc/xls
(a Compound File, by its streams).  Refused: everything else (programs, scripts, HTML, SVG, plain zip
archives, installers), documents carrying macros, and a name whose extension says something other than
the content.  Every refusal is one Indonesian sentence naming the file.

Pure functions over bytes and file objects; no Django.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO


@dataclass(frozen=True)
class FileKind:
    key: str  # stored in Evidence.kind
    label: str  # shown to people
    content_type: str  # sent with the download
    extensions: tuple[str, ...]


KINDS: dict[str, FileKind] = {
    k.key: k
    for k in (
        FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
        FileKind("jpeg", "gambar JPEG", "image/jpeg", (".jpg", ".jpeg")),
        FileKind("png", "gambar PNG", "image/png", (".png",)),
        FileKind(
            "docx",
            "dokumen Word (docx)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileKind(
            "xlsx",
            "lembar kerja Excel (xlsx)",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
        ),
        FileKind("odt", "dokumen OpenDocument (odt)", "application/vnd.oasis.opendocument.text", (".odt",)),
        FileKind("ods", "lembar kerja OpenDocument (ods)", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
        FileKind("doc", "dokumen Word lama (doc)", "application/msword", (".doc",)),
        FileKind("xls", "lembar kerja Excel lama (xls)", "application/vnd.ms-excel", (".xls",)),
    )
}
EXTENSIONS = tuple(ext for kind in KINDS.values() for ext in kind.extensions)
ACCEPTED_TEXT = "PDF, JPEG, PNG, docx, xlsx, odt, ods, doc, xls"

_HEAD = 8192
_ZIP_MEMBERS_MAX = 20_000
_SMALL_MEMBER_MAX = 1_000_000  # [Content_Types].xml, mimetype: read only when this small
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Recognised only to say plainly what was refused.
_REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "program Windows (exe/dll)"),
    (b"\x7fELF", "program Linux"),
    (b"\xca\xfe\xba\xbe", "program"),
    (b"\xcf\xfa\xed\xfe", "program macOS"),
    (b"#!", "skrip program"),
    (b"Rar!", "arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "arsip 7-Zip"),
    (b"\x1f\x8b", "arsip gzip"),
    (b"GIF8", "gambar GIF"),
    (b"RIFF", "berkas RIFF (WebP/AVI/WAV)"),
    (b"{\\rtf", "dokumen RTF"),
)
_MARKUP_STARTS = (b"<", b"\xef\xbb\xbf<")


class ContentRefused(ValueError):
    """The file is not accepted; ``str()`` is the Indonesian sentence shown to the person."""


def display_name(name: str) -> str:
    """The file's own name, without any folder a browser may send."""
    return PurePath(name.replace("\\", "/")).name or "(tanpa nama)"


def evidence_kind(name: str, stream: BinaryIO) -> FileKind:
    """The kind of the file ``name`` whose bytes ``stream`` holds (seekable; left at position 0).

    Raises ``ContentRefused`` when the content is not one of ``KINDS``, carries macros, or does not
    match the name's extension.
    """
    shown = display_name(name)
    stream.seek(0)
    head = stream.read(_HEAD)
    stream.seek(0)
    if not head:
        raise ContentRefused(f"Berkas {shown!r} kosong.")
    kind = _sniff(shown, head, stream)
    stream.seek(0)
    extension = PurePath(shown).suffix.lower()
    if extension not in kind.extensions:
        expected = " atau ".join(kind.extensions)
        raise ContentRefused(
            f"Berkas {shown!r} berisi {kind.label}, tetapi namanya berakhiran {extension or '(tanpa ekstensi)'}: "
            f"ganti namanya menjadi {expected} atau unggah berkas yang benar."
        )
    return kind


def _refuse(shown: str, what: str) -> ContentRefused:
    return ContentRefused(f"Berkas {shown!r} ditolak: isinya {what}. Yang diterima: {ACCEPTED_TEXT}.")


def _sniff(shown: str, head: bytes, stream: BinaryIO) -> FileKind:
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(shown, stream)
    if head.startswith(_OLE_MAGIC):
        stream.seek(0)
        return _compound_kind(shown, stream.read())
    for signature, what in _REFUSED_SIGNATURES:
        if head.startswith(signature):
            raise _refuse(shown, what)
    stripped = head.lstrip(b" \t\r\n")
    if stripped.startswith(_MARKUP_STARTS) or head.startswith((b"\xff\xfe<", b"\xfe\xff\x00<")):
        raise _refuse(shown, "halaman web atau gambar SVG/XML (HTML/SVG/XML)")
    raise _refuse(shown, "jenis yang tidak dikenal")


# -- zip-based office documents -------------------------------------------------------------------
def _zip_kind(shown: str, stream: BinaryIO) -> FileKind:
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ContentRefused(f"Berkas {shown!r} ditolak: arsip zip di dalamnya rusak.") from exc
    if len(infos) > _ZIP_MEMBERS_MAX:
        raise _refuse(shown, f"arsip dengan {len(infos):,} berkas di dalamnya")
    names = {info.filename: info for info in infos}

    def small(member: str) -> bytes:
        info = names[member]
        if info.file_size > _SMALL_MEMBER_MAX:
            raise _refuse(shown, f"arsip zip yang tidak wajar ({member} terlalu besar)")
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise ContentRefused(f"Berkas {shown!r} ditolak: arsip zip di dalamnya rusak.") from exc

    lowered = [n.lower() for n in names]
    if "mimetype" in names:
        mimetype = small("mimetype").strip()
        if any(n.startswith(("basic/", "scripts/")) for n in lowered):
            raise _refuse(shown, "dokumen OpenDocument yang berisi makro")
        if mimetype == b"application/vnd.oasis.opendocument.text" and "content.xml" in names:
            return KINDS["odt"]
        if mimetype == b"application/vnd.oasis.opendocument.spreadsheet" and "content.xml" in names:
            return KINDS["ods"]
        raise _refuse(shown, "dokumen OpenDocument jenis lain (bukan odt/ods)")
    if "[Content_Types].xml" in names:
        types = small("[Content_Types].xml").lower()
        if b"macroenabled" in types or any(n.endswith("vbaproject.bin") for n in lowered):
            raise _refuse(shown, "dokumen Office yang berisi makro")
        if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
            return KINDS["docx"]
        if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
            return KINDS["xlsx"]
        raise _refuse(shown, "dokumen Office jenis lain (bukan docx/xlsx)")
    raise _refuse(shown, "arsip zip biasa, bukan dokumen")


# -- the old doc / xls: an OLE2 Compound File -----------------------------------------------------
_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_LAST_REGULAR = 0xFFFFFFF9
_MACRO_STREAMS = {"macros", "_vba_project_cur", "vba", "_vba_project"}


def _u32(data: bytes, offset: int) -> int:
    return int.from_bytes(data[offset : offset + 4], "little")


def compound_names(data: bytes) -> set[str]:
    """The names of every storage and stream of a Compound File (the directory only; no stream is read).

    Raises ``ValueError`` when the structure does not hold together.
    """
    if len(data) < 512 or not data.startswith(_OLE_MAGIC):
        raise ValueError("bukan Compound File")
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        raise ValueError("ukuran sektor tidak sah")
    size = 1 << shift
    sectors = (len(data) - 512 + size - 1) // size
    fat_count, first_dir, first_difat, difat_count = _u32(data, 44), _u32(data, 48), _u32(data, 68), _u32(data, 72)
    if fat_count > sectors:
        raise ValueError("tabel FAT tidak sah")

    def sector(number: int) -> bytes:
        if number > _LAST_REGULAR or number >= sectors:
            raise ValueError("sektor di luar berkas")
        start = 512 + number * size
        return data[start : start + size]

    difat = [_u32(data, 76 + 4 * i) for i in range(109)]
    next_difat, seen = first_difat, 0
    while next_difat <= _LAST_REGULAR and seen < difat_count:
        block = sector(next_difat)
        difat += [_u32(block, 4 * i) for i in range(size // 4 - 1)]
        next_difat, seen = _u32(block, size - 4), seen + 1
    fat: list[int] = []
    for number in [s for s in difat if s <= _LAST_REGULAR][:fat_count]:
        block = sector(number)
        fat += [_u32(block, 4 * i) for i in range(size // 4)]

    names: set[str] = set()
    current, visited = first_dir, set()
    while current <= _LAST_REGULAR:
        if current in visited or current >= len(fat):
            raise ValueError("rantai direktori tidak sah")
        visited.add(current)
        block = sector(current)
        for offset in range(0, size, 128):
            entry = block[offset : offset + 128]
            length, entry_type = int.from_bytes(entry[64:66], "little"), entry[66]
            if entry_type in (1, 2, 5) and 2 <= length <= 64:
                names.add(entry[: length - 2].decode("utf-16-le", "replace"))
        current = fat[current]
    if current != _END:
        raise ValueError("rantai direktori tidak berakhir")
    return names


def _compound_kind(shown: str, data: bytes) -> FileKind:
    try:
        names = compound_names(data)
    except ValueError as exc:
        raise ContentRefused(f"Berkas {shown!r} ditolak: berkas Office lama yang rusak ({exc}).") from exc
    lowered = {n.lower() for n in names}
    if lowered & _MACRO_STREAMS:
        raise _refuse(shown, "dokumen Office lama yang berisi makro")
    if "worddocument" in lowered:
        return KINDS["doc"]
    if lowered & {"workbook", "book"}:
        return KINDS["xls"]
    raise _refuse(shown, "berkas Office lama jenis lain (mis. PowerPoint atau pemasang program .msi)")
