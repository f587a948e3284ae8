"""Real small files of every kind evidence accepts, and the ones it must refuse, made in the test."""

from __future__ import annotations

import io
import zipfile

from PIL import Image
from reportlab.pdfgen.canvas import Canvas


def pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Berita acara pemeliharaan kendaraan dinas")
    canvas.save()
    return buffer.getvalue()


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def _zip(members: dict[str, bytes], *, first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:  # OpenDocument: "mimetype" first and stored
            archive.writestr(zipfile.ZipInfo(first), members[first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name != first:
                archive.writestr(name, data)
    return buffer.getvalue()


_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(*, macros: bool = False) -> bytes:
    main = (
        "application/vnd.ms-word.document.macroEnabled.main+xml"
        if macros
        else ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        f'PartName="/word/document.xml" ContentType="{main}"/></Types>'
    ).encode()
    document = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Laporan kegiatan</w:t></w:r></w:p></w:body>'
        b"</w:document>"
    )
    members = {"[Content_Types].xml": types, "_rels/.rels": _RELS, "word/document.xml": document}
    if macros:
        members["word/vbaProject.bin"] = b"\x00" * 16
    return _zip(members)


def xlsx() -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.add_worksheet().write(0, 0, "Daftar hadir")
    workbook.close()
    return buffer.getvalue()


def opendocument(kind: str) -> bytes:
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    content = b'<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'
    manifest = b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>'
    return _zip({"mimetype": mimetype, "content.xml": content, "META-INF/manifest.xml": manifest}, first="mimetype")


def compound(*streams: str) -> bytes:
    """A minimal OLE2 Compound File (512-byte sectors: one FAT sector, one directory sector) whose
    directory names ``streams``: "WordDocument" makes a .doc, "Workbook" an .xls."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = (0x3E).to_bytes(2, "little")
    header[26:28] = (3).to_bytes(2, "little")
    header[28:30] = (0xFFFE).to_bytes(2, "little")
    header[30:32] = (9).to_bytes(2, "little")
    header[32:34] = (6).to_bytes(2, "little")
    header[44:48] = (1).to_bytes(4, "little")  # FAT sectors
    header[48:52] = (1).to_bytes(4, "little")  # first directory sector
    header[56:60] = (4096).to_bytes(4, "little")
    header[60:64] = end.to_bytes(4, "little")
    header[68:72] = end.to_bytes(4, "little")
    header[76:80] = (0).to_bytes(4, "little")  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        header[76 + 4 * i : 80 + 4 * i] = free.to_bytes(4, "little")
    fat = bytearray(b"\xff" * 512)
    fat[0:4] = fat_sector.to_bytes(4, "little")
    fat[4:8] = end.to_bytes(4, "little")

    def entry(name: str, kind: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        raw[64:66] = len(encoded).to_bytes(2, "little")
        raw[66] = kind
        for offset in (68, 72, 76):
            raw[offset : offset + 4] = free.to_bytes(4, "little")
        return bytes(raw)

    directory = entry("Root Entry", 5) + b"".join(entry(s, 2) for s in streams)
    directory += b"\x00" * (512 - len(directory))
    return bytes(header) + bytes(fat) + directory


ACCEPTED = {
    "berita-acara.pdf": ("pdf", pdf),
    "foto kegiatan.jpg": ("jpeg", lambda: image("JPEG")),
    "foto.jpeg": ("jpeg", lambda: image("JPEG")),
    "grafik.png": ("png", lambda: image("PNG")),
    "laporan.docx": ("docx", docx),
    "daftar hadir.xlsx": ("xlsx", xlsx),
    "notulen.odt": ("odt", lambda: opendocument("text")),
    "rekap.ods": ("ods", lambda: opendocument("spreadsheet")),
    "surat lama.doc": ("doc", lambda: compound("WordDocument", "\x01CompObj")),
    "rekap lama.xls": ("xls", lambda: compound("Workbook")),
}

REFUSED = {
    # name: (content, words the refusal must say)
    "program.pdf": (b"MZ\x90\x00\x03" + b"\x00" * 200, "program Windows"),
    "halaman.pdf": (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
    "gambar.png": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    "skrip.docx": (b"#!/bin/sh\nrm -rf /\n", "skrip"),
    "arsip.docx": (_zip({"isi.txt": b"bukan dokumen"}), "arsip zip biasa"),
    "makro.docx": (docx(macros=True), "makro"),
    "pemasang.doc": (compound("\x05SummaryInformation", "MsiFileHashes"), "Office lama jenis lain"),
    "makro.xls": (compound("Workbook", "_VBA_PROJECT_CUR"), "makro"),
    "catatan.txt": (b"hanya teks biasa", "tidak dikenal"),
    "kosong.pdf": (b"", "kosong"),
    "foto.pdf": (image("PNG"), "berakhiran .pdf"),  # a PNG named .pdf: the extension does not match
}
