"""Reading one cell: numbers with "," or "." thousands separators, K with its satuan, "-", units.

A cell becomes a ``Token``: its kind, its number as ``Decimal`` (never float arithmetic), its unit and
the printed text.  "-" is reported as nothing (0); a blank cell is not reported (``None``).

Only ASCII digits make a number.  A cell that looks like a figure but is not one ("NaN", "#DIV/0!",
"١٢٣", "1.234.567,89" in a file that groups thousands with commas) is a ``Kind.TEXT`` token with its
``problem`` said, so that it is an error wherever a figure belongs, and never read as a satuan or
as blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
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
# re.ASCII: \d is 0-9 only, so "١٢٣" (Arabic-Indic digits) is no number.
_COMMA_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_DOT_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$", re.ASCII)
_PLAIN_DOT = re.compile(r"^[+-]?\d+(\.\d+)?$", re.ASCII)
_PLAIN_COMMA = re.compile(r"^[+-]?\d+,\d+$", re.ASCII)
_NUMBER = r"[+-]?\d[\d.,]*"
_WITH_UNIT = re.compile(rf"^(?P<number>{_NUMBER}|[-–—])\s*(?P<unit>[^\d\s].{{0,39}})$", re.ASCII | re.DOTALL)
_TIGHT_PERCENT = re.compile(rf"^(?P<number>{_NUMBER})%$", re.ASCII)
_UNIT_WORDS = re.compile(r"^[^\d]{1,25}$", re.ASCII)
# Spellings of "no number" that would otherwise pass for a satuan: float words and Excel's errors.
_NOT_NUMBERS = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity", "null", "none", "n/a"}
_EXCEL_ERROR = re.compile(r"^#(N/A|DIV/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$", re.I)


# Not frozen (nothing assigns to a token): a frozen dataclass's __init__ costs three times as much, and a
# 10,000-line import builds half a million tokens.  Hashable all the same.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    column: int  # 1-based
    kind: Kind
    text: str  # as printed
    value: Decimal | None = None
    unit: str = ""
    grouped: bool = False  # written with thousands separators: Rupiah, most likely
    problem: str = ""  # why a figure-like text is not a number (Kind.TEXT only)

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
    if type(cell) is str:  # most cells: checked first
        return cell.replace("\xa0", " ").strip() if "\xa0" in cell else cell.strip()
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


def _evidence(text: str) -> Convention | None:
    """The convention that ``text`` can only be written in, or None when it fits both ("1,500")."""
    t = text.strip().rstrip("%").strip().replace(" ", "").replace("\xa0", "")
    if _COMMA_GROUPED.match(t) and (t.count(",") > 1 or "." in t):
        return Convention.COMMA  # 1,234,567 or 1,234.5
    if _DOT_GROUPED.match(t) and (t.count(".") > 1 or "," in t):
        return Convention.DOT  # 1.234.567 or 1.234,5
    if _PLAIN_DOT.match(t) and "." in t and len(t.rpartition(".")[2]) != 3:
        return Convention.COMMA  # 13.44: a decimal point
    if _PLAIN_COMMA.match(t) and len(t.rpartition(",")[2]) != 3:
        return Convention.DOT  # 13,44: a decimal comma
    return None


def detect_convention(texts: list[str]) -> Convention:
    """Decide the thousands separator from the numbers that fit only one ("1,234,567", "1.234,5", "13.44")."""
    votes = [e for e in map(_evidence, texts) if e is not None]
    return Convention.DOT if votes.count(Convention.DOT) > votes.count(Convention.COMMA) else Convention.COMMA


def sheet_convention(rows: list[list[Any]]) -> Convention:
    """The convention of a sheet's printed numbers, from its first 2,000 rows.  Only text cells vote: a
    numeric cell of a workbook is stored without separators (its float 13.44 is no evidence that the
    sheet's typed "1.234,5" means a comma convention), and skipping them is most of the work saved."""
    return detect_convention([cell_text(c) for row in rows[:2000] for c in row if type(c) is str])


_SEPARATORS = {Convention.COMMA: "koma", Convention.DOT: "titik"}


def convention_problem(text: str, convention: Convention) -> str:
    """Why ``text`` contradicts the file's convention, or "" when it does not."""
    evidence = _evidence(text)
    if evidence is None or evidence is convention:
        return ""
    other = Convention.DOT if convention is Convention.COMMA else Convention.COMMA
    return (
        f"{text[:40]!r} ditulis dengan {_SEPARATORS[other]} sebagai pemisah ribuan, padahal berkas ini memakai "
        f"{_SEPARATORS[convention]}; tulis angka dengan cara yang sama di seluruh berkas"
    )


def parse_number(text: str, convention: Convention = Convention.COMMA) -> tuple[Decimal, bool] | None:
    """(value, grouped) for a printed number, or ``None`` when ``text`` is not one, or is written in the
    other convention (``convention_problem`` says so)."""
    t = text.strip().replace(" ", "").replace("\xa0", "")
    if convention_problem(t, convention):
        return None
    grouped = False
    if _COMMA_GROUPED.match(t) and convention is Convention.COMMA:
        t, grouped = t.replace(",", ""), True
    elif _DOT_GROUPED.match(t) and convention is Convention.DOT:
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


def not_a_number(token: Token) -> str:
    """The error for ``token`` where a figure belongs."""
    return token.problem or f"{token.text[:40]!r} bukan angka"


def _text_problem(text: str, convention: Convention) -> str:
    """Why a text that is no number must not pass for a satuan or a blank either."""
    if not text.isascii() and any(ch.isdecimal() and not ch.isascii() for ch in text):
        return f"{text[:40]!r} bukan angka: tulis angka dengan digit 0-9"
    if text.lower() in _NOT_NUMBERS:
        return f"{text[:40]!r} bukan angka"
    if _EXCEL_ERROR.match(text):
        return f"sel berisi galat Excel {text!r}, bukan angka"
    with_unit = _WITH_UNIT.match(text)
    for part in (text.rstrip("%"), with_unit["number"] if with_unit else ""):
        if problem := convention_problem(part, convention):
            return problem
    return ""


def _from_cell_number(cell: int | float) -> Decimal | None:
    if isinstance(cell, int):
        return Decimal(cell)
    value = Decimal(repr(cell))
    if not value.is_finite():
        return None  # NaN or infinity in a numeric cell
    if value == value.to_integral_value():
        return value.quantize(Decimal(1)) if value.adjusted() < 28 else value.to_integral_value()
    return value


_EXACT_FLOAT_INTEGER = 1e15  # below it a whole float's repr is "<digits>.0", so int() gives the same number


def tokenize(cell: Any, column: int, convention: Convention = Convention.COMMA) -> Token:
    """Classify one cell of the value area of a table row."""
    kind = type(cell)
    if kind is float and cell.is_integer() and -_EXACT_FLOAT_INTEGER < cell < _EXACT_FLOAT_INTEGER:
        whole = int(cell)  # the common case of a large import: the same value as Decimal(repr(cell)), faster
        return Token(column, Kind.NUMBER, str(whole), Decimal(whole), grouped=abs(whole) >= 1_000_000)
    if kind in (int, float) or (isinstance(cell, (int, float)) and not isinstance(cell, bool)):
        value = _from_cell_number(cell)
        if value is None:
            return Token(column, Kind.TEXT, cell_text(cell), problem=f"{cell_text(cell)!r} bukan angka")
        return Token(column, Kind.NUMBER, cell_text(cell), value, grouped=abs(value) >= 1_000_000)
    text = cell_text(cell)
    if not text:
        return Token(column, Kind.BLANK, "")
    found = _text_token(text, convention)
    return found if column == 0 else _at_column(found, column)


def _at_column(token: Token, column: int) -> Token:
    return Token(column, token.kind, token.text, token.value, token.unit, token.grouped, token.problem)


@lru_cache(maxsize=65_536)
def _text_token(text: str, convention: Convention) -> Token:
    """A non-blank text cell's token at column 0 (the same texts recur: satuan, "-", "100 %")."""
    column = 0
    if text in _DASHES:
        return Token(column, Kind.DASH, text, Decimal(0))
    number = parse_number(text, convention)
    if number is not None:
        return Token(column, Kind.NUMBER, text, number[0], grouped=number[1])
    if problem := _text_problem(text, convention):
        return Token(column, Kind.TEXT, text, problem=problem)
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
