"""Hostile files (issue 8, points 1, 3 and 5): a far cell, a disguised zip bomb, a lying header, an
over-long CSV line.  Each ends in the importer's own refusal, naming the sheet and cell or the member,
and the far-cell files are read under a memory limit: the worker must not allocate the grid they ask for.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from imports.services import import_report
from imports.stages.read.readers import FileRefused, read_workbook
from tests.imports import hostile, sheets
from tests.imports.sheets import Variant

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 768 * 1024 * 1024  # the read's whole address space, Python and calamine included

_READ_UNDER_LIMIT = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from imports.stages.read.readers import FileRefused, read_workbook
    data = sys.stdin.buffer.read()
    try:
        read_workbook(data, sys.argv[1], max_bytes=20 * 1024 * 1024, max_rows=50_000)
    except FileRefused as exc:
        print("REFUSED", exc)
    else:
        print("READ")
    """
)


def _read_in_child(data: bytes, filename: str) -> str:
    """Read ``data`` in a child process whose address space is capped; what it printed."""
    script = _READ_UNDER_LIMIT.format(limit=MEMORY_LIMIT)
    done = subprocess.run(
        [sys.executable, "-c", script, filename], input=data, capture_output=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, f"the read died ({done.returncode}): {done.stderr.decode()[-500:]}"
    return done.stdout.decode()


@pytest.mark.parametrize(
    ("row", "column", "cell"),
    [(1_048_575, 16_383, "XFD1048576"), (48_999, 16_383, "XFD49000"), (19_999, 701, "ZZ20000")],
)
def test_a_far_cell_in_xlsx_is_refused_without_building_the_grid(row, column, cell) -> None:
    data = hostile.xlsx_with_far_cell(row, column)
    assert len(data) < 10_000  # a few KB that ask for up to 17 billion cells
    said = _read_in_child(data, "jauh.xlsx")
    assert said.startswith("REFUSED"), said
    assert "sheet 'Evaluasi'" in said and f"sel {cell}" in said and "batas" in said


def test_a_far_cell_holding_only_a_style_costs_nothing_and_is_read() -> None:
    """calamine skips cells without a value; so does the bound (a formatted blank is no reason to refuse)."""
    said = _read_in_child(hostile.xlsx_with_far_cell(1_048_575, 16_383, value=False), "gaya.xlsx")
    assert said.startswith("READ"), said


def test_repeated_cells_in_ods_are_counted_as_the_grid_they_make() -> None:
    said = _read_in_child(hostile.ods_repeated_block(rows=20_000, columns=700), "ulang.ods")
    assert said.startswith("REFUSED") and "sel ZX20000" in said, said


@pytest.mark.parametrize(("row", "column", "cell"), [(65_535, 255, "IV65536"), (10, 65_535, "CRXP11")])
def test_a_far_cell_in_xls_is_refused(row, column, cell) -> None:
    said = _read_in_child(hostile.xls([(0, 0, "Indikator"), (row, column, "x")]), "jauh.xls")
    assert said.startswith("REFUSED") and f"sel {cell}" in said, said


def test_a_small_xls_still_reads() -> None:
    book = read_workbook(hostile.xls([(0, 0, "Indikator"), (2, 3, "x")]), "kecil.xls", max_bytes=10**7, max_rows=100)
    assert book.sheets[0].name == "Evaluasi" and book.sheets[0].rows[2][3] == "x"


def test_values_beyond_the_row_limit_name_their_cell(settings) -> None:
    with pytest.raises(FileRefused, match=r"sheet 'Evaluasi', sel A60001 .*batas impor 50000 baris"):
        read_workbook(hostile.xlsx_with_far_cell(60_000, 0), "panjang.xlsx", max_bytes=10**7, max_rows=50_000)


def test_a_disguised_zip_bomb_is_refused(db) -> None:
    """The sheet padded with 60 MB of blanks beside 640 KB of random bytes: under 200:1 overall, which
    passed before; a member inflating at over 100:1 does not."""
    data = hostile.padded_workbook(padding=60 * 1024 * 1024, noise=640 * 1024)
    result = import_report(data=data, filename="bom.xlsx", agency_slug="dinas-uji", year=2022, dry_run=True)
    assert not result.ok
    [error] = result.errors
    assert "xl/worksheets/sheet1.xml" in str(error) and "bom zip" in str(error)


def test_a_member_inflating_past_its_declared_size_is_refused() -> None:
    sheet = zipfile_member(sheets.as_xlsx(sheets.rows(Variant())), "xl/worksheets/sheet1.xml")
    actual = sheet.replace(b"</worksheet>", b" " * (8 * 1024 * 1024) + b"</worksheet>")
    data = hostile.lying_member("xl/worksheets/sheet1.xml", actual, declared=len(sheet))
    with pytest.raises(FileRefused, match=r"sheet1\.xml mengembang melebihi ukuran yang tertulis.*bom zip"):
        read_workbook(data, "bohong.xlsx", max_bytes=10**7, max_rows=50_000)


def zipfile_member(data: bytes, member: str) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read(member)


def test_a_csv_line_over_the_field_limit_is_a_message_not_a_server_error(db) -> None:
    table = sheets.rows(Variant())
    table[1][0] = "Dinas " + "x" * 140_000
    result = import_report(
        data=sheets.as_csv(table), filename="panjang.csv", agency_slug="dinas-uji", year=2022, dry_run=True
    )
    [error] = result.errors
    assert "baris 2" in str(error) and "131,072 karakter" in str(error)


def test_a_nul_byte_late_in_a_csv_is_refused() -> None:
    """PostgreSQL cannot store NUL in text; past the first 8 KB the binary check did not see it."""
    data = b"x" * 9000 + b"\n" + sheets.as_csv(sheets.rows(Variant())) + b"a,b\x00c\n"
    with pytest.raises(FileRefused, match=r"baris 18 berisi byte NUL"):
        read_workbook(data, "nul.csv", max_bytes=10**7, max_rows=50_000)


def test_a_small_ods_still_reads() -> None:
    cell = '<table:table-cell office:value-type="string"><text:p>Indikator</text:p></table:table-cell>'
    book = read_workbook(
        hostile.ods(f"<table:table-row>{cell}</table:table-row>"), "kecil.ods", max_bytes=10**7, max_rows=9
    )
    assert book.sheets[0].rows == [["Indikator"]]
