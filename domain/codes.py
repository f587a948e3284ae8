"""Permendagri 90/2019 nomenclature codes: U.BB.PP (program), .X.YY (kegiatan), .ZZ / .ZZZZ (sub)."""

from __future__ import annotations

import re

from domain.types import Level

_PARTS = {Level.PROGRAM: 3, Level.ACTIVITY: 5, Level.SUB_ACTIVITY: 6}
# urusan: one digit or X (cross-cutting programs such as 2.17.01 are still numeric); bidang and
# program two digits; government level one digit; kegiatan two digits.
_PART_PATTERNS = (r"(\d|X)", r"(\d{2}|XX)", r"\d{2}", r"\d", r"\d{2}")


def code_problem(code: str, level: Level, *, year: int, parent_code: str | None = None) -> str | None:
    """What is wrong with ``code`` for a row of ``level`` in ``year``, or ``None`` when it is valid.

    The sub kegiatan part has two digits up to 2021 and four from 2022 (2.17.07.2.01.04 ->
    2.17.07.2.01.0004).  A child's code must extend its parent's.  Messages are Indonesian: they
    reach the operator as they are.
    """
    expected = _PARTS.get(level)
    if expected is None:
        return "tujuan dan sasaran tidak memakai kode nomenklatur"
    parts = code.split(".")
    if len(parts) != expected:
        return f"kode {code!r} harus terdiri dari {expected} bagian bertitik, ada {len(parts)}"
    for index, (part, pattern) in enumerate(zip(parts, _PART_PATTERNS, strict=False)):
        if not re.fullmatch(pattern, part):
            return f"bagian ke-{index + 1} kode {code!r} ({part!r}) tidak sesuai format"
    if level is Level.SUB_ACTIVITY:
        digits = 2 if year <= 2021 else 4
        if not re.fullmatch(rf"\d{{{digits}}}", parts[5]):
            return f"sub kegiatan tahun {year} memakai {digits} digit, bukan {parts[5]!r}"
    if parent_code and not code.startswith(parent_code + "."):
        return f"kode {code!r} tidak berada di bawah kode induk {parent_code!r}"
    return None
