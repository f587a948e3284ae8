"""Zip archives (.xlsx, .ods) opened with bounded expansion, before any spreadsheet library sees them.

A zip bomb hides in the ratio between what a member declares and what its bytes inflate to, so both
are bounded: the sizes the central directory declares (each member, the total, each large member's
ratio), and then every member is inflated here, chunk by chunk, stopping as soon as it produces more
than it declared (a lying header) or its CRC does not match.  Whatever reads the archive afterwards
reads the bytes that were counted here.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from imports.stages.read.file_refused import FileRefused

# Bounds, as multiples of the upload limit where they scale with it.  A real 10,000-line workbook
# (2.4 MB) unpacks to 17 MB, its largest sheet 10 MB at 6:1; deflate cannot exceed about 1,030:1.
MEMBER_FACTOR = 5  # one member may unpack to 5x the upload limit (100 MB at 20 MB)
TOTAL_FACTOR = 8  # all members together to 8x (160 MB)
MAX_RATIO = 100  # a member over RATIO_FLOOR unpacked may not inflate more than 100:1
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 5_000
_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


@dataclass
class Archive:
    """A zip whose declared sizes passed; ``chunks`` inflates one member under those bounds."""

    name: str  # the uploaded file's name, for messages
    data: bytes
    members: list[zipfile.ZipInfo]

    @property
    def names(self) -> set[str]:
        return {m.filename for m in self.members}

    def member(self, filename: str) -> zipfile.ZipInfo | None:
        return next((m for m in reversed(self.members) if m.filename == filename), None)

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's bytes as they inflate; ``FileRefused`` past its declared size or on a bad CRC."""
        raw = self._raw(info)
        crc, produced = 0, 0
        pieces = iter((raw,)) if info.compress_type == zipfile.ZIP_STORED else _inflate(raw, self, info)
        for piece in pieces:
            produced += len(piece)
            if produced > info.file_size:
                raise FileRefused(
                    f"{self.name}: bagian {info.filename} mengembang melebihi ukuran yang tertulis di arsip "
                    f"({_mb(info.file_size)}); ditolak sebagai bom zip."
                )
            crc = zlib.crc32(piece, crc)
            yield piece
        if produced != info.file_size or crc != info.CRC:
            raise FileRefused(
                f"{self.name}: bagian {info.filename} rusak (CRC tidak cocok); berkas terpotong atau rusak."
            )

    def read(self, info: zipfile.ZipInfo) -> bytes:
        return b"".join(self.chunks(info))

    def _raw(self, info: zipfile.ZipInfo) -> memoryview:
        """The member's compressed bytes, found through its local header as every zip reader finds them."""
        start = info.header_offset
        header = self.data[start : start + _LOCAL_HEADER.size]
        if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise FileRefused(f"{self.name}: bagian {info.filename} rusak atau terpotong.")
        fields = _LOCAL_HEADER.unpack(header)
        begin = start + _LOCAL_HEADER.size + fields[-2] + fields[-1]
        raw = memoryview(self.data)[begin : begin + info.compress_size]
        if len(raw) < info.compress_size:
            raise FileRefused(f"{self.name}: bagian {info.filename} terpotong.")
        return raw


def _inflate(raw: memoryview, archive: Archive, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Inflate at most ``_OUT_CHUNK`` bytes at a time, so a bomb is stopped after one chunk too many."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    position = 0
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                piece: bytes | memoryview = inflater.unconsumed_tail
            else:
                piece = raw[position : position + _IN_CHUNK]
                position += len(piece)
            out = inflater.decompress(piece, _OUT_CHUNK)
            if out:
                yield out
            elif not piece:
                break
    except zlib.error as exc:
        raise FileRefused(f"{archive.name}: bagian {info.filename} rusak ({exc}).") from None
    if not inflater.eof:
        raise FileRefused(f"{archive.name}: bagian {info.filename} terpotong.")


def open_archive(data: bytes, name: str, extension: str, *, max_bytes: int) -> Archive:
    """The archive, once its declared member sizes are within bounds; ``FileRefused`` otherwise."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, struct.error) as exc:
        raise FileRefused(f"{name}: berkas {extension} rusak atau terpotong ({exc}).") from None
    if len(members) > MAX_MEMBERS:
        raise FileRefused(f"{name}: arsip berisi {len(members)} bagian; terlalu banyak untuk sebuah lembar kerja.")
    member_limit, total_limit = max_bytes * MEMBER_FACTOR, max_bytes * TOTAL_FACTOR
    for member in members:
        if member.flag_bits & 0x1:
            raise FileRefused(f"{name}: bagian {member.filename} terenkripsi; simpan ulang tanpa kata sandi.")
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise FileRefused(f"{name}: bagian {member.filename} memakai kompresi yang tidak dikenal.")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > member_limit or (member.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise FileRefused(
                f"{name}: bagian {member.filename} akan membengkak menjadi {_mb(member.file_size)} "
                f"(rasio {ratio:.0f}:1, batas {_mb(member_limit)} dan {MAX_RATIO}:1); ditolak sebagai bom zip."
            )
    unpacked = sum(m.file_size for m in members)
    if unpacked > total_limit:
        raise FileRefused(
            f"{name}: isi arsip akan membengkak menjadi {_mb(unpacked)} (batas {_mb(total_limit)}); "
            "ditolak sebagai bom zip."
        )
    return Archive(name=name, data=data, members=members)
