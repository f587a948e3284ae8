"""Reading one cell: numbers with "," or "." thousands separators, K with its satuan, "-", units.

A cell becomes a ``Token``: its kind, its number as ``Decimal`` (never float arithmetic), its unit and
the printed text.  "-" is reported as nothing (0); a blank cell is not reported (``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    BLANK = "blank"
    NUMBER = "number"  # 540, 220,500,000, 13.44
    NUMBER_UNIT = "number_unit"  # "50 kop", "100 %", "- %": K with its satuan in one cell
    PERCENT = "percent"  # "26%": a printed ratio
    DASH = "dash"  # "-": reported as nothing
    UNIT = "unit"  # "UM", "%", "dok": a satuan alone
    TEXT = "text"  # a name, an indicator, a note


class Convention(StrEnum):
    """Which character separates thousands in the file's printed numbers."""

    COMMA = "comma"  # 11,491,259,904.50
    DOT = "dot"  # 11.491.259.904,50


_DASHES = {"-", "–", "—", "--"}
_COMMA_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DOT_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN_DOT = re.compile(r"^[+-]?\d+(\.\d+)?$")
_PLAIN_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_NUMBER = r"[+-]?\d[\d.,]*"
_WITH_UNIT = re.compile(rf"^(?P<number>{_NUMBER}|[-–—])\s*(?P<unit>[^\d\s].{{0,39}})$")
_TIGHT_PERCENT = re.compile(rf"^(?P<number>{_NUMBER})%$")
_UNIT_WORDS = re.compile(r"^[^\d]{1,25}$")


@dataclass(frozen=True, slots=True)
class Token:
    column: int  # 1-based
    kind: Kind
    text: str  # as printed
    value: Decimal | None = None
    unit: str = ""
    grouped: bool = False  # written with thousands separators: Rupiah, most likely

    @property
    def is_value(self) -> bool:
        return self.kind in (Kind.NUMBER, Kind.NUMBER_UNIT, Kind.PERCENT, Kind.DASH)

    @property
    def number_text(self) -> str:
        """The printed figure without separators or "%", for statements ("11,238,069,445" -> "11238069445")."""
        return plain(self.value) if self.value is not None else ""


def plain(value: Decimal) -> str:
    """13.440 stays "13.440" (printed precision kept); 400.0 from a float cell becomes "400"."""
    text = format(value, "f")
    return text


def cell_text(cell: Any) -> str:
    """A cell as the text a person sees (floats from .xlsx without a spurious ".0")."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        if cell.is_integer():
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, (datetime, date)):
        return cell.isoformat()
    return str(cell).replace("\xa0", " ").strip()


def detect_convention(texts: list[str]) -> Convention:
    """Decide the thousands separator from the numbers that are unambiguous ("1,234,567" or "1.234,5")."""
    comma = dot = 0
    for text in texts:
        t = text.strip().rstrip("%").strip()
        if _COMMA_GROUPED.match(t) and (t.count(",") > 1 or "." in t):
            comma += 1
        elif _DOT_GROUPED.match(t) and (t.count(".") > 1 or "," in t):
            dot += 1
    return Convention.DOT if dot > comma else Convention.COMMA


def parse_number(text: str, convention: Convention = Convention.COMMA) -> tuple[Decimal, bool] | None:
    """(value, grouped) for a printed number, or ``None`` when ``text`` is not one."""
    t = text.strip().replace(" ", "").replace("\xa0", "")
    grouped = False
    if _COMMA_GROUPED.match(t) and (convention is Convention.COMMA or "." in t):
        t, grouped = t.replace(",", ""), True
    elif _DOT_GROUPED.match(t) and (convention is Convention.DOT or "," in t):
        t, grouped = t.replace(".", "").replace(",", "."), True
    elif _PLAIN_DOT.match(t):
        pass
    elif _PLAIN_COMMA.match(t):
        t = t.replace(",", ".")
    else:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return (value, grouped) if value.is_finite() else None


def _from_cell_number(cell: int | float) -> Decimal:
    if isinstance(cell, int):
        return Decimal(cell)
    value = Decimal(repr(cell))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def tokenize(cell: Any, column: int, convention: Convention = Convention.COMMA) -> Token:
    """Classify one cell of the value area of a table row."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value = _from_cell_number(cell)
        return Token(column, Kind.NUMBER, cell_text(cell), value, grouped=abs(value) >= 1_000_000)
    text = cell_text(cell)
    if not text:
        return Token(column, Kind.BLANK, "")
    if text in _DASHES:
        return Token(column, Kind.DASH, text, Decimal(0))
    number = parse_number(text, convention)
    if number is not None:
        return Token(column, Kind.NUMBER, text, number[0], grouped=number[1])
    tight = _TIGHT_PERCENT.match(text)
    if tight and (n := parse_number(tight["number"], convention)) is not None:
        return Token(column, Kind.PERCENT, text, n[0], unit="%")
    with_unit = _WITH_UNIT.match(text)
    if with_unit:
        raw, unit = with_unit["number"], with_unit["unit"].strip()
        if raw in _DASHES:
            return Token(column, Kind.NUMBER_UNIT, text, Decimal(0), unit=unit)
        n = parse_number(raw, convention)
        if n is not None and _UNIT_WORDS.match(unit) and len(unit.split()) <= 3:
            return Token(column, Kind.NUMBER_UNIT, text, n[0], unit=unit, grouped=n[1])
    if _UNIT_WORDS.match(text) and len(text.split()) <= 2 and len(text) <= 15:
        return Token(column, Kind.UNIT, text, unit=text)
    return Token(column, Kind.TEXT, text)


def is_blank(cell: Any) -> bool:
    return cell_text(cell) == ""
