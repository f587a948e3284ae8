"""Numbers (issue 8, point 6, and the hypothesis test of its "Done when"): only ASCII digits make a number,
a number written in the other thousands convention than the file's is an error naming its cell, and
neither the number parser, the cell reader nor the file reader lets anything out but the importer's own
refusal, whatever text or bytes they are fed."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.cells import Convention, Kind, detect_convention, parse_number, sheet_convention, tokenize
from imports.services import import_report
from imports.stages.read.readers import EXTENSIONS, FileRefused, Workbook, read_workbook
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.sheets import Variant

D = Decimal
COMMA, DOT = Convention.COMMA, Convention.DOT


@pytest.mark.parametrize(
    ("text", "convention", "expected"),
    [
        ("11,491,259,904", COMMA, (D(11491259904), True)),
        ("11.491.259.904", DOT, (D(11491259904), True)),
        ("1.500", DOT, (D(1500), True)),
        ("90.703", COMMA, (D("90.703"), False)),  # the seed's figure: a decimal point
        ("13,44", DOT, (D("13.44"), False)),
        ("1.234.567,89", COMMA, None),  # the other convention: refused, not 1234567.89
        ("1,234,567.89", DOT, None),
        ("13,44", COMMA, None),  # a decimal comma in a comma-thousands file
        ("١٢٣", COMMA, None),  # Arabic-Indic digits
        ("１２３", COMMA, None),  # fullwidth digits
        ("NaN", COMMA, None),
        ("Infinity", COMMA, None),
        ("1e5", COMMA, None),
    ],
)
def test_parse_number(text, convention, expected) -> None:
    assert parse_number(text, convention) == expected


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        ("1.234.567,89", "titik sebagai pemisah ribuan, padahal berkas ini memakai koma"),
        ("١٢٣", "digit 0-9"),
        ("NaN", "bukan angka"),
        ("#DIV/0!", "galat Excel"),
        (float("nan"), "bukan angka"),
        (float("inf"), "bukan angka"),
    ],
)
def test_a_figure_like_text_is_text_with_its_reason_never_a_satuan(cell, says) -> None:
    token = tokenize(cell, 3, COMMA)
    assert token.kind is Kind.TEXT and token.value is None and says in token.problem


def test_the_convention_is_decided_by_the_numbers_that_fit_only_one() -> None:
    assert detect_convention(["11,491,259,904", "13.44", "1,500"]) is COMMA
    assert detect_convention(["12,5", "1.000.000", "3"]) is DOT
    assert detect_convention(["12,5 %", "7,25"]) is DOT  # decimal commas alone say so too


def test_only_text_cells_tell_a_sheets_convention() -> None:
    """A workbook's numeric cells carry no separators: their floats must not outvote its typed figures."""
    rows = [["Program A", 13.44, 7.25, 1234.5, "1.234.567,5"], ["Kegiatan B", 0.5, 99.75, 12.125, "12,5"]]
    assert sheet_convention(rows) is DOT
    assert sheet_convention([["x", 1.5, "11,491,259,904"]]) is COMMA
    assert sheet_convention([[1.5, 2.25, 3]]) is COMMA  # no text figure: the default


def _import(table, name: str = "angka.csv"):
    return import_report(
        data=sheets.as_csv(table), filename=name, agency_slug="dinas-uji", year=2022, dry_run=True, actor=SYSTEM
    )


@pytest.mark.parametrize(
    ("variant", "figure", "written", "says"),
    [
        (Variant(), "30,000,000", "1.234.567,89", "memakai koma"),
        (Variant(dot=True), "30.000.000", "1,234,567.89", "memakai titik"),
        (Variant(), "20 UM", "١٢٣ UM", "digit 0-9"),
    ],
)
def test_a_number_contradicting_the_file_is_an_error_naming_the_cell(db, variant, figure, written, says) -> None:
    table = sheets.rows(variant)
    row = next(i for i, r in enumerate(table, start=1) if sheets.SUB_1 in r)
    column = table[row - 1].index(figure) + 1
    table[row - 1][column - 1] = written
    result = _import(table)
    [error] = result.errors
    assert (error.row, error.column) == (row, column) and says in error.message and error.field.startswith("Realisasi")


# -- nothing but the importer's own error comes out ----------------------------------------------------
any_text = st.text(st.characters(codec="utf-8"), max_size=60) | st.from_regex(
    r"[+-]?[0-9١٢٣４]{0,20}([.,][0-9]{1,5}){0,4}\s*(%|UM|kop|[a-z]{0,8})?", fullmatch=True
)
any_cell = (
    any_text
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.dates().map(lambda d: d)
    | st.datetimes()
    | st.times()
    | st.timedeltas()
)


@given(text=any_text, convention=st.sampled_from(Convention))
@settings(max_examples=400, deadline=None)
def test_parse_number_answers_a_finite_number_or_none(text: str, convention: Convention) -> None:
    found = parse_number(text, convention)
    if found is not None:
        value, _grouped = found
        assert value.is_finite() and all(ch.isascii() for ch in text.strip() if ch.isdecimal())


@given(cell=any_cell, convention=st.sampled_from(Convention))
@settings(max_examples=400, deadline=None)
def test_the_cell_reader_classifies_every_cell(cell, convention: Convention) -> None:
    assert isinstance(cell, (str, int, float, bool, date, datetime, time, timedelta, type(None)))
    token = tokenize(cell, 1, convention)
    assert token.kind in Kind
    if token.value is not None:
        assert token.value.is_finite()


def _mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a few bytes overwritten, cut short, or spliced: files that almost are workbooks."""
    positions = st.integers(min_value=0, max_value=len(data) - 1)
    edits = st.lists(st.tuples(positions, st.integers(0, 255)), max_size=8)
    return st.tuples(edits, st.integers(min_value=1, max_value=len(data))).map(
        lambda e: bytes(_apply(data, e[0]))[: e[1]]
    )


def _apply(data: bytes, edits: list[tuple[int, int]]) -> bytearray:
    out = bytearray(data)
    for position, value in edits:
        out[position] = value
    return out


_XLSX = sheets.as_xlsx(sheets.rows(Variant()))
_CSV = sheets.as_csv(sheets.rows(Variant()))


def _stored(data: bytes) -> bytes:
    """The same workbook with its members stored, not deflated: mutations then reach the XML itself."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
    return buffer.getvalue()


_XLSX_STORED = _stored(_XLSX)


@given(
    data=st.binary(max_size=4096) | _mutations(_XLSX) | _mutations(_XLSX_STORED) | _mutations(_CSV),
    extension=st.sampled_from(EXTENSIONS),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_file_reader_reads_or_refuses_any_bytes(data: bytes, extension: str) -> None:
    try:
        book = read_workbook(data, f"acak{extension}", max_bytes=1024 * 1024, max_rows=5_000)
    except FileRefused as exc:
        assert str(exc).startswith(f"acak{extension}: ")
    else:
        assert isinstance(book, Workbook)


@given(text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=400))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_an_import_of_any_text_answers_with_problems_never_an_exception(db, text: str) -> None:
    header = "Indikator,Target Renja,Realisasi Triwulan,I,II,III,IV\n"
    result = import_report(
        data=(header + text).encode(), filename="acak.csv", agency_slug="dinas-uji", year=2022, actor=SYSTEM
    )
    assert result.dry_run and not result.written
