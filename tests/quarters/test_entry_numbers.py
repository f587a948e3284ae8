"""The entry cell's number reader, by a table of what people type, boundaries included."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quarters.entry_numbers import EntryNumberError, parse_entry


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("", None),
        ("   ", None),
        ("-", Decimal(0)),
        ("0", Decimal(0)),
        ("397", Decimal(397)),
        ("1.234.567,89", Decimal("1234567.89")),
        ("11.238.069.445", Decimal(11238069445)),
        ("13,44", Decimal("13.44")),
        ("0,5", Decimal("0.5")),
        ("1.000", Decimal(1000)),  # a dot groups thousands
        ("Rp 4.000.000", Decimal(4000000)),
        (" 24 302 250 ", Decimal(24302250)),
        ("1234567", Decimal(1234567)),
    ],
)
def test_indonesian_numbers(typed: str, value: Decimal | None) -> None:
    assert parse_entry(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,234.56", "format Indonesia"),
        ("1.5", "format Indonesia"),  # 1,5 or 15? never guessed
        ("12.34", "format Indonesia"),
        ("1.23", "format Indonesia"),
        ("1.2345", "bukan angka"),
        ("abc", "bukan angka"),
        ("١٢٣", "bukan angka"),  # Arabic-Indic digits are not ASCII digits
        ("NaN", "bukan angka"),
        ("1e5", "bukan angka"),
        ("-5", "negatif"),
        ("--", "bukan angka"),
    ],
)
def test_what_is_refused_says_how_to_write_it(typed: str, message: str) -> None:
    with pytest.raises(EntryNumberError, match=message):
        parse_entry(typed)


def test_negative_where_allowed() -> None:
    assert parse_entry("-2,5", negative=True) == Decimal("-2.5")


@given(st.text(max_size=40))
def test_any_text_gives_a_number_blank_or_the_readers_own_error(text: str) -> None:
    try:
        result = parse_entry(text, negative=True)
    except EntryNumberError:
        return
    assert result is None or result.is_finite()
