"""The layouts seen in real pemda files (issue 9): each generated variant imports to the same figures as
the regular sheet, or to the figures it is meant to add.  ``VARIANT_COUNT`` is the number reported."""

from __future__ import annotations

import pytest

from tests.imports import real_variants as rv
from tests.imports import sheets
from tests.imports.conftest import report_of
from tests.imports.test_variants import _check_figures, _import, _line

CSV_VARIANTS = {
    "satuan-in-next-cell": rv.satuan_in_next_cell,
    "quarters-tw": lambda: rv.quarter_labels("tw"),
    "quarters-triwulan": lambda: rv.quarter_labels("triwulan"),
    "quarters-column-numbers": lambda: rv.quarter_labels("numbers"),
    "rp-dot": lambda: rv.rp_label("Rp.", thousands=False),
    "rp-thousands": lambda: rv.rp_label("Rp (000)", thousands=True),
    "rp-dot-thousands": lambda: rv.rp_label("Rp. (000)", thousands=True),
    "numbering-e55": rv.e55_numbering,
    "numbering-plain": rv.plain_numbering,
    "code-split": rv.split_code,
    "code-indicator-suffix": rv.indicator_suffix_codes,
    "code-two-digit-sub": rv.two_digit_sub_codes,
    "code-penunjang": rv.penunjang_program,
    "heading-rows": rv.heading_rows,
    "helper-columns-and-zeros": rv.helper_columns,
    "csv-title-line": rv.csv_title_line,
}
OTHER_VARIANTS = ["csv-title-line-semicolon", "kegiatan-under-sasaran", "xls-named-xlsx", "two-sheets"]
VARIANT_COUNT = len(CSV_VARIANTS) + len(OTHER_VARIANTS)


def _ok(result) -> None:
    assert result.ok, [str(p) for p in result.errors]
    assert result.quarter == 2


@pytest.mark.parametrize("variant", list(CSV_VARIANTS))
def test_variant_imports_to_the_same_figures(empty_db, variant) -> None:
    table = CSV_VARIANTS[variant]()
    _ok(_import(sheets.as_csv(table), f"{variant}.csv"))
    _check_figures(report_of("dinas-uji", 2022, 2))


@pytest.mark.parametrize("variant", ["numbering-e55", "rp-dot-thousands", "code-split", "helper-columns-and-zeros"])
def test_variant_as_xlsx(empty_db, variant) -> None:
    _ok(_import(sheets.as_xlsx(CSV_VARIANTS[variant]()), f"{variant}.xlsx"))
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_thousands_are_scaled_and_said(empty_db) -> None:
    result = _import(sheets.as_csv(rv.rp_label("Rp. (000)", thousands=True)), "ribuan.csv")
    _ok(result)
    assert any("ribuan" in p.message for p in result.problems)
    program = _line(report_of("dinas-uji", 2022, 2), "Pemberdayaan Usaha Menengah")
    assert program["annual_target"]["budget"] == "300000000"


def test_e55_printed_columns_are_statements_of_the_right_figures(empty_db) -> None:
    _ok(_import(sheets.as_csv(rv.e55_numbering()), "e55.csv"))
    program = _line(report_of("dinas-uji", 2022, 2), "Pemberdayaan Usaha Menengah")
    assert program["prior_realization"] == {"value": "150", "budget": "400000000"}
    assert program["cumulative_realization"] == {"value": "190", "budget": "550000000"}


def test_two_digit_sub_codes_are_widened_with_a_warning(empty_db) -> None:
    result = _import(sheets.as_csv(rv.two_digit_sub_codes()), "kode2.csv")
    _ok(result)
    assert any("0001" in p.message and "4 digit" in p.message for p in result.warnings)
    assert _line(report_of("dinas-uji", 2022, 2), "Pendataan Potensi")["code"] == "2.17.07.2.01.0001"


def test_indicator_suffix_gives_the_second_indicator_to_its_row(empty_db) -> None:
    _ok(_import(sheets.as_csv(rv.indicator_suffix_codes()), "kode7.csv"))
    report = report_of("dinas-uji", 2022, 2)
    assert _line(report, "Pendataan Potensi", "Jumlah UM yang didata")["code"] == "2.17.07.2.01.0001"


def test_split_code_is_joined(empty_db) -> None:
    _ok(_import(sheets.as_csv(rv.split_code()), "kode-pecah.csv"))
    report = report_of("dinas-uji", 2022, 2)
    assert _line(report, "Pemberdayaan Usaha Menengah")["code"] == "2.17.07"
    assert _line(report, "Pendataan Potensi")["code"] == "2.17.07.2.01.0001"


def test_penunjang_program_of_any_bidang(empty_db) -> None:
    _ok(_import(sheets.as_csv(rv.penunjang_program()), "penunjang.csv"))
    report = report_of("dinas-uji", 2022, 2)
    _check_figures(report)
    program = _line(report, rv.PENUNJANG)
    assert program["level"] == "program" and program["code"] == "X.XX.01"
    sub = _line(report, rv.PENUNJANG_SUB)
    assert sub["level"] == "sub_activity" and [q["budget"] for q in sub["quarters"]][:2] == [None, "20000000"]


def test_heading_rows_are_not_rows(empty_db) -> None:
    result = _import(sheets.as_csv(rv.heading_rows()), "judul.csv")
    _ok(result)
    names = [r["name"] for r in report_of("dinas-uji", 2022, 2)["rows"]]
    assert not any("Non Urusan" in n or "URUSAN" in n or "KOPERASI" in n for n in names)


def test_kegiatan_directly_under_a_sasaran(empty_db) -> None:
    result = _import(sheets.as_csv(rv.kegiatan_under_sasaran()), "tanpa-program.csv")
    _ok(result)
    report = report_of("dinas-uji", 2022, 2)
    assert not any(r["level"] == "program" for r in report["rows"])
    kegiatan = _line(report, "Pemberdayaan Usaha Mikro yang Dilakukan")
    assert kegiatan["level"] == "activity"
    assert kegiatan["annual_target"] == {"value": "100", "budget": "300000000"}
    sub = _line(report, "Pendataan Potensi", "Jumlah UM yang didata")
    assert sub["level"] == "sub_activity" and [q["value"] for q in sub["quarters"]] == ["10", "20", None, None]


def test_leftover_zeros_after_the_report_quarter_are_not_reported(empty_db) -> None:
    result = _import(sheets.as_csv(rv.helper_columns()), "bantu.csv")
    _ok(result)
    assert any("kolom bantu" in p.message for p in result.problems)
    assert any("nol" in p.message and "III" in p.message for p in result.warnings)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_title_line_names_the_pd_and_pemda(empty_db, delimiter) -> None:
    _ok(_import(sheets.as_csv(rv.csv_title_line(), delimiter=delimiter), "judul-satu-baris.csv"))
    report = report_of("dinas-uji", 2022, 2)
    _check_figures(report)
    assert report["agency"]["name"].lower() == "dinas uji coba"
    assert report["region"]["name"].lower() == "kabupaten contoh"


def test_performance_and_budget_on_two_sheets(empty_db) -> None:
    _ok(_import(rv.as_xlsx_sheets(rv.two_sheets()), "dua-lembar.xlsx"))
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_old_xls_under_an_xlsx_name(empty_db) -> None:
    result = _import(rv.as_xls(sheets.rows(sheets.Variant())), "lama.xlsx")
    _ok(result)
    assert any(".xls" in p.message for p in result.problems)
    _check_figures(report_of("dinas-uji", 2022, 2))


def test_variant_count() -> None:
    assert VARIANT_COUNT == 20
