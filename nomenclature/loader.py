"""Reading a nomenclature file and storing it as a new version: all or nothing.

The file is the CSV the project ships (``nomenclature/data/``, header ``code,level,name,indicator,unit``).
Every row is checked before anything is written; a bad file raises ``NomenclatureFileError`` naming the
line and column.  ``store`` takes the model classes as arguments so that the data migration (historical
models) and the command share it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nomenclature.text import search_key

SHIPPED = Path(__file__).resolve().parent / "data" / "kepmendagri-900.1.15.5-1317-2023.csv"
SHIPPED_LABEL = "Kepmendagri 900.1.15.5-1317/2023"
HEADER = ("code", "level", "name", "indicator", "unit")
LEVELS = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
# Urusan one digit or X; bidang and program two digits (XX for the Penunjang shared by every bidang);
# kegiatan: government level one digit and two digits; sub kegiatan four digits.
_PATTERNS = {
    "urusan": r"(\d|X)",
    "bidang": r"(\d|X)\.(\d{2}|XX)",
    "program": r"(\d|X)\.(\d{2}|XX)\.\d{2}",
    "kegiatan": r"(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}",
    "sub_kegiatan": r"(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}",
}


class NomenclatureFileError(Exception):
    """The file cannot be loaded; the message (Indonesian) names every bad line."""


@dataclass(frozen=True)
class Row:
    code: str
    level: str
    name: str
    indicator: str
    unit: str


def read_rows(data: bytes, *, source: str = "berkas") -> list[Row]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NomenclatureFileError(f"{source}: bukan teks UTF-8 (byte ke-{exc.start}).") from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != HEADER:
        raise NomenclatureFileError(f"{source} baris 1: judul kolom harus {','.join(HEADER)}, ada {header!r}.")
    rows: list[Row] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(HEADER):
            problems.append(f"baris {line}: {len(cells)} kolom, seharusnya {len(HEADER)}")
            continue
        code, level, name, indicator, unit = (" ".join(c.split()) for c in cells)
        if level not in LEVELS:
            problems.append(f"baris {line} kolom level: {level!r} bukan salah satu dari {', '.join(LEVELS)}")
            continue
        if not re.fullmatch(_PATTERNS[level], code):
            problems.append(f"baris {line} kolom code: {code!r} tidak sesuai format kode {level}")
        if not name:
            problems.append(f"baris {line} kolom name: nama kosong")
        if code in seen:
            problems.append(f"baris {line} kolom code: {code!r} sudah ada di baris {seen[code]}")
        seen[code] = line
        rows.append(Row(code, level, name, indicator, unit))
    if problems:
        more = f"\n... dan {len(problems) - 30} masalah lagi" if len(problems) > 30 else ""
        raise NomenclatureFileError(f"{source} tidak dimuat:\n" + "\n".join(problems[:30]) + more)
    if not rows:
        raise NomenclatureFileError(f"{source}: tidak ada baris kode.")
    return rows


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store(
    version_model: Any, entry_model: Any, *, rows: list[Row], label: str, source: str, sha256: str, user_id: Any = None
) -> Any:
    """Write ``rows`` as a new version and make it the active one; the previous versions stay.
    The caller holds the transaction."""
    version_model.objects.filter(is_active=True).update(is_active=False)
    version = version_model.objects.create(
        label=label, source=source[:300], sha256=sha256, entry_count=len(rows), is_active=True, loaded_by_id=user_id
    )
    # The first data migration runs on the historical model, before ``name_key`` existed (0003 fills it).
    has_name_key = any(f.name == "name_key" for f in entry_model._meta.get_fields())
    entry_model.objects.bulk_create(
        (
            entry_model(
                version=version,
                code=r.code,
                level=r.level,
                name=r.name,
                indicator=r.indicator,
                unit=r.unit,
                search_text=search_key(f"{r.code} {r.name} {r.indicator}"),
                **({"name_key": search_key(r.name)} if has_name_key else {}),
            )
            for r in rows
        ),
        batch_size=1000,
    )
    return version
