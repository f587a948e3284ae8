"""Hand-made variants of the E.81 layout: each is read to the same figures."""

from __future__ import annotations

import pytest

from imports.services import import_report
from planning.roles import SYSTEM
from tests.imports import sheets
from tests.imports.conftest import report_of
from tests.imports.sheets import PROGRAM, SUB_1, Variant


def _import(data: bytes, name: str, **kwargs):
    options = {"agency_slug": "dinas-uji", "year": 2022, "dry_run": False}
    options.update(kwargs)
    return import_report(data=data, filename=name, **{"actor": SYSTEM, **options})


def _line(report, name_part: str, indicator: str | None = None):
    found = [r for r in report["rows"] if name_part in r["name"] and (indicator is None or r["indicator"] == indicator)]
    assert found, name_part
    return found[0]


def _check_figures(report) -> None:
    program = _line(report, "Pemberdayaan Usaha Menengah")
    assert program["level"] == "program"
    assert program["annual_target"] == {"value": "100", "budget": "300000000"}
    assert [q["value"] for q in program["quarters"]] == ["0", "40", None, None]  # "-" is 0, blank is not reported
    assert [q["budget"] for q in program["quarters"]][:2] == ["50000000", "100000000"]
    assert program["unit"] == "UM"
    kegiatan = _line(report, "Pemberdayaan Usaha Mikro yang Dilakukan")
    assert kegiatan["level"] == "activity"
    sub = _line(report, "Pendataan Potensi", "Jumlah UM yang didata")
    assert sub["level"] == "sub_activity"
    assert [q["value"] for q in sub["quarters"]] == ["10", "20", None, None]
    second = _line(report, "Pendataan Potensi", "Jumlah dokumen pendataan")
    assert not second["first_of_row"] and second["unit"] == "dok"
    assert [q["value"] for q in second["quarters"]] == [None, "1", None, None]
    objective = [r for r in report["rows"] if r["level"] == "objective"][0]
    assert objective["annual_target"]["value"] == "12.5" and objective["strategic_target"]["value"] == "20"


VARIANTS = {
    "base": Variant(),
    "moved": Variant(moved=True),
    "col6": Variant(col6=True),
    "codes": Variant(code=True),
    "dot-separators": Variant(dot=True),
    "unit-column": Variant(unit_column=True),
    "typos": Variant(typos=True),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_as_csv(empty_db, variant) -> None:
    v = VARIANTS[variant]
    result = _import(sheets.as_csv(sheets.rows(v), delimiter=";" if v.dot else ","), f"{variant}.csv")
    assert result.ok, [str(p) for p in result.errors]
    assert result.quarter == 2
    _check_figures(report_of("dinas-uji", 2022, 2))


@pytest.mark.parametrize("fmt", ["xlsx", "txt"])
def test_formats(empty_db, fmt) -> None:
    table = sheets.rows(Variant())
    data = sheets.as_xlsx(table) if fmt == "xlsx" else sheets.as_csv(table, delimiter="\t")
    result = _import(data, f"laporan.{fmt}")
    assert result.ok, [str(p) for p in result.errors]
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_new_agency_and_pemda_are_named_from_the_title(empty_db) -> None:
    result = _import(sheets.as_csv(sheets.rows(Variant())), "laporan.csv")
    assert result.ok
    report = report_of("dinas-uji", 2022, 2)
    assert report["agency"] == {"slug": "dinas-uji", "name": "Dinas Uji Coba"}
    assert report["region"] == {"slug": "contoh", "name": "Kabupaten Contoh"}
    assert (report["strategic_plan"]["start_year"], report["strategic_plan"]["end_year"]) == (2022, 2026)


def test_column_6_feeds_column_13(empty_db) -> None:
    assert _import(sheets.as_csv(sheets.rows(Variant(col6=True))), "c6.csv").ok
    program = _line(report_of("dinas-uji", 2022, 2), "Pemberdayaan Usaha Menengah")
    assert program["prior_realization"] == {"value": "150", "budget": "400000000"}
    assert program["cumulative_realization"] == {"value": "190", "budget": "550000000"}


def test_codes_are_kept_and_give_the_levels(empty_db) -> None:
    assert _import(sheets.as_csv(sheets.rows(Variant(code=True))), "kode.csv").ok
    report = report_of("dinas-uji", 2022, 2)
    assert _line(report, "Pemberdayaan Usaha Menengah")["code"] == "2.17.07"
    assert _line(report, "Pendataan Potensi")["code"] == "2.17.07.2.01.0001"


def test_a_wrong_code_is_an_error_naming_the_row(empty_db) -> None:
    table = sheets.rows(Variant(code=True))
    for row in table:
        if "2.17.07.2.01.0001" in row:
            row[row.index("2.17.07.2.01.0001")] = "2.17.07.2.1.0001"  # one digit for the kegiatan
            wrong_row = table.index(row) + 1
    result = _import(sheets.as_csv(table), "kode.csv")
    assert not result.ok
    [error] = result.errors
    assert error.row == wrong_row and error.field == "Kode" and "tidak sesuai format" in error.message


def test_typos_are_read_by_the_nomenclature_and_kept_as_written(empty_db) -> None:
    result = _import(sheets.as_csv(sheets.rows(Variant(typos=True))), "typo.csv")
    assert result.ok
    notes = [p for p in result.problems if "Kemitraan" in p.message]
    assert notes and notes[0].row is not None
    report = report_of("dinas-uji", 2022, 2)
    assert _line(report, "Kemiraan")["level"] == "activity"
    assert _line(report, "Pengembangn")["level"] == "sub_activity"


def test_dry_run_shows_old_and_new(empty_db) -> None:
    table = sheets.rows(Variant())
    assert _import(sheets.as_csv(table), "a.csv").ok
    for row in table:
        if SUB_1 in row:
            row[row.index("20 UM")] = "25 UM"
    result = _import(sheets.as_csv(table), "b.csv", dry_run=True)
    assert result.ok and not result.written
    [change] = [c for c in result.changes if c.model == "Realization"]
    assert (change.action, change.before, change.after) == ("ubah", "20", "25")
    assert "Pendataan Potensi" in change.label and "TW II" in change.label
    sub = _line(report_of("dinas-uji", 2022, 2), "Pendataan Potensi", "Jumlah UM yang didata")
    assert sub["quarters"][1]["value"] == "20"  # nothing written


def test_program_name_matches_nomenclature() -> None:
    from imports.nomenclature import Nomenclature

    match = Nomenclature().match(PROGRAM)
    assert match is not None and match.known.code == "2.17.07"


@pytest.mark.parametrize(
    ("line", "quarter"),
    [
        ("Laporan Kinerja Triwulan IV", 4),
        ("Laporan Kinerja Tribunal IV", 4),  # the seed's typo
        ("Laporan Kinerja TW 2", 2),
        ("Laporan Kinerja Trwulan III", 3),
        ("UPT Pengelolaan Ruang 3 Kabupaten Lumajang", None),  # a digit in a PD's name is no quarter
        ("SMP Negeri 2 Kabupaten Lumajang", None),
    ],
)
def test_title_quarter(line: str, quarter: int | None) -> None:
    from imports.stages.locate.tables import read_title

    assert read_title([(1, [line])]).quarter == quarter
