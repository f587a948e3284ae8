"""What a person types in an entry cell, read the Indonesian way: 1.234.567,89.

Blank is blank (not reported); "-" means nothing was realised (0).  Only ASCII digits; a dot groups
thousands in threes, a comma starts the decimals.  Anything else is refused with a message that says
how to write it, never guessed: "1,234.56" or "1.5" could mean two different numbers.
"""

from __future__ import annotations

import re
from decimal import Decimal

_INDONESIAN = re.compile(r"^(?P<sign>-)?(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<frac>[0-9]+))?$")
_NOTHING = {"-", "–", "—"}


class EntryNumberError(ValueError):
    """``str()`` is the Indonesian message shown beside the cell."""


def parse_entry(text: str, *, negative: bool = False) -> Decimal | None:
    """``text`` as typed -> a Decimal, ``None`` for blank; ``EntryNumberError`` when it is not a number
    written the Indonesian way (or is negative where ``negative`` is not allowed)."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if cleaned == "":
        return None
    if cleaned in _NOTHING:
        return Decimal(0)
    if cleaned.lower().startswith("rp"):
        cleaned = cleaned[2:].lstrip(".")
    match = _INDONESIAN.match(cleaned)
    if match is None:
        if re.fullmatch(r"-?[0-9]+\.[0-9]{1,2}", cleaned) or re.fullmatch(
            r"-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", cleaned
        ):
            raise EntryNumberError(
                f"{text.strip()!r}: tulis dengan format Indonesia, titik untuk ribuan dan koma untuk desimal "
                "(mis. 1.234.567,89 atau 13,44)."
            )
        raise EntryNumberError(
            f"{text.strip()[:30]!r} bukan angka (mis. 1.234.567,89; kosong = belum diisi; - = nihil)."
        )
    if match["sign"] and not negative:
        raise EntryNumberError(f"{text.strip()!r}: nilai tidak boleh negatif.")
    digits = match["int"].replace(".", "")
    value = Decimal(
        f"{match['sign'] or ''}{digits}.{match['frac']}" if match["frac"] else f"{match['sign'] or ''}{digits}"
    )
    return value
