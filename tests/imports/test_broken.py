"""Broken and hostile files: each answered with an error that names the place, and nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest

from imports.services import import_report
from planning.models import Agency, Realization
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.sheets import Variant


def _import(data: bytes, name: str, **kwargs):
    options = {"agency_slug": "dinas-uji", "year": 2022, "dry_run": False}
    options.update(kwargs)
    return import_report(data=data, filename=name, **{"actor": SYSTEM, **options})


@pytest.fixture
def counts(db):
    def now() -> tuple[int, int]:
        return Agency.objects.count(), Realization.objects.count()

    before = now()
    yield
    assert now() == before, "a refused import wrote something"


def _refused(result, *words: str):
    assert not result.ok and not result.written and result.changes == []
    text = " ".join(str(p) for p in result.errors)
    for word in words:
        assert word in text, text
    return result.errors


@pytest.mark.parametrize("name", ["kosong.xlsx", "kosong.csv", "kosong.txt"])
def test_empty_file(counts, name) -> None:
    _refused(_import(b"", name), name, "kosong")


def test_blank_sheet(counts) -> None:
    _refused(_import(b"\n\n ;;\n", "kosong.csv"), "semua sel kosong")


def test_wrong_layout(counts) -> None:
    [error] = _refused(_import(b"Nama,Umur\nBudi,20\nSiti,31\n", "daftar.csv"), "tidak ditemukan tabel E.81")
    assert "daftar" in error.message


def test_text_where_a_number_belongs_names_row_column_and_field(counts) -> None:
    table = sheets.rows(Variant(bad_cell="dua puluh"))
    [error] = _refused(_import(sheets.as_csv(table), "salah.csv"), "dua puluh", "bukan angka")
    row = next(i for i, r in enumerate(table, start=1) if "dua puluh UM" in r)
    assert error.row == row and error.column == table[row - 1].index("dua puluh UM") + 1
    assert error.field == "Realisasi TW II K"
    assert f"baris {row}" in str(error) and "kolom " in str(error)


def test_one_bad_cell_does_not_hide_the_others(counts) -> None:
    table = sheets.rows(Variant(bad_cell="dua puluh"))
    for row in table:
        if "Jumlah UM yang diberdayakan" in row and "5 UM" in row:
            row[row.index("5 UM")] = "lima"
    errors = _refused(_import(sheets.as_csv(table), "salah.csv"))
    assert len(errors) == 2


def test_truncated_archive(counts) -> None:
    data = sheets.as_xlsx(sheets.rows(Variant()))
    _refused(_import(data[: len(data) // 2], "potong.xlsx"), "potong.xlsx", "rusak atau terpotong")


def test_renamed_binary(counts) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
    _refused(_import(png, "gambar.xlsx"), "bukan berkas .xlsx", "PNG")
    _refused(_import(png, "gambar.csv"), "bukan berkas teks")
    _refused(_import(b"%PDF-1.7 ...", "laporan.xls"), "bukan berkas Excel", "PDF")


def test_zip_that_is_not_a_workbook(counts) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("foto.jpg", b"x" * 100)
    _refused(_import(buffer.getvalue(), "arsip.xlsx"), "bukan lembar kerja")


def test_zip_bomb(counts) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (30 * 1024 * 1024))
    _refused(_import(buffer.getvalue(), "bom.xlsx"), "bom zip")


def test_file_over_the_size_limit(counts, settings) -> None:
    settings.KINERJA_MAX_UPLOAD_BYTES = 1000
    _refused(_import(sheets.as_csv(sheets.rows(Variant())), "besar.csv"), "melebihi batas")


def test_too_many_rows(counts, settings) -> None:
    settings.KINERJA_MAX_IMPORT_ROWS = 5
    _refused(_import(sheets.as_csv(sheets.rows(Variant())), "panjang.csv"), "batas impor")
    _refused(_import(sheets.as_xlsx(sheets.rows(Variant())), "panjang.xlsx"), "batas impor")


def test_unsupported_extension(counts) -> None:
    _refused(_import(b"hello", "laporan.docx"), ".docx", "tidak didukung")


def test_year_that_the_file_contradicts(counts) -> None:
    _refused(_import(sheets.as_csv(sheets.rows(Variant())), "laporan.csv", year=2021), "tahun 2022, bukan 2021")


def test_quarter_that_the_title_contradicts(counts) -> None:
    _refused(_import(sheets.as_csv(sheets.rows(Variant())), "laporan.csv", quarter=3), "triwulan 2")


def test_approved_quarter_is_refused(agency, seed_bytes) -> None:
    from quarters.models import QuarterReport

    QuarterReport.objects.filter(agency=agency, year=2021, quarter=4).update(status=QuarterReport.Status.APPROVED)
    changed = seed_bytes.replace(b"3 unit\t5,025,247", b"4 unit\t5,025,247")
    before = Realization.objects.count(), list(Realization.objects.order_by("pk").values_list("value", flat=True))
    for dry_run in (True, False):
        result = import_report(
            data=changed, filename="seed.txt", agency_slug=agency.slug, year=2021, dry_run=dry_run, actor=SYSTEM
        )
        _refused(result, "disetujui Bappeda", "terkunci")
    assert (
        Realization.objects.count(),
        list(Realization.objects.order_by("pk").values_list("value", flat=True)),
    ) == before
