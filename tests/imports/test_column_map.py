"""The map stage's output (``ColumnMap``): detected with a meaning, a confidence and a reason per column,
serialisable, and given back to the parse it replaces the detection; a near-label row named as the cause."""

from __future__ import annotations

from imports.pipeline import Destination, parse_e81
from imports.stages.map.column_map import ColumnMap
from imports.stages.read.readers import read_workbook
from tests.imports import real_variants as rv
from tests.imports import sheets


def _parse(table: list[list[str]], mapping: ColumnMap | None = None):
    book = read_workbook(sheets.as_csv(table), "peta.csv", max_bytes=10**7, max_rows=10**5)
    return parse_e81(book, destination=Destination(agency_slug="dinas-uji"), year=2022, quarter=None, mapping=mapping)


def test_the_detected_map_names_each_column_with_how_sure() -> None:
    parsed = _parse(sheets.rows(sheets.Variant()))
    mapping = parsed.column_map
    assert mapping is not None and mapping.header_rows == [5, 6, 7]
    meanings = {c.letter: c.meaning for c in mapping.columns}
    assert meanings["A"] == "no" and meanings["D"] == "indicator"
    assert mapping.column_of("q2.Rp") is not None and mapping.column_of("7.K") is not None
    by_number = next(c for c in mapping.columns if c.meaning == "q1.K")
    assert by_number.confidence >= 0.9 and "nomor kolom" in by_number.reason
    assert ColumnMap.from_json(mapping.to_json()).to_dict() == mapping.to_dict()


def test_the_signature_follows_the_labels_not_the_figures() -> None:
    one = _parse(sheets.rows(sheets.Variant())).column_map
    moved = _parse([["", *r] for r in sheets.rows(sheets.Variant())]).column_map
    other = _parse(rv.quarter_labels("tw")).column_map
    assert one is not None and moved is not None and other is not None
    assert one.signature == moved.signature != other.signature


def test_a_mapping_replaces_the_detection() -> None:
    table = sheets.rows(sheets.Variant())
    detected = _parse(table).column_map
    assert detected is not None
    quarter_two_k = detected.column_of("q2.K")
    assert quarter_two_k is not None
    # the person says quarter II's K column is to be ignored: its figures are no longer read
    mapping = detected.with_meaning(quarter_two_k, "ignore")
    parsed = _parse(table, mapping)
    assert parsed.document is not None and parsed.column_map is mapping
    program = parsed.document.tree[0].children[0]
    assert program.indicators[0].quarters[1] is None
    assert _parse(table).document.tree[0].children[0].indicators[0].quarters[1] is not None


def test_an_unknown_label_row_is_named_as_the_cause() -> None:
    table = rv.rp_label("Rp x 1.000", thousands=False)
    parsed = _parse(table)
    messages = [p.message for p in parsed.problems.errors]
    assert any("baris 7 tampaknya baris label K/Rp" in m and "'Rp x 1.000' tidak dikenali" in m for m in messages)


def test_command_saves_a_mapping_and_imports_with_it(empty_db, tmp_path) -> None:
    from django.core.management import call_command

    from planning.models import Realization

    sheet = tmp_path / "peta.csv"
    sheet.write_bytes(sheets.as_csv(sheets.rows(sheets.Variant())))
    saved = tmp_path / "peta.json"
    common = ["--agency", "dinas-uji", "--year", "2022"]
    call_command("import_report", str(sheet), *common, "--dry-run", "--save-mapping", str(saved))
    mapping = ColumnMap.from_json(saved.read_text(encoding="utf-8"))
    assert mapping.column_of("q2.K") is not None and not Realization.objects.exists()
    # a person sets quarter II's K to "ignore" in the file; the import then reads nothing there
    edited = mapping.with_meaning(mapping.column_of("q2.K"), "ignore")
    saved.write_text(edited.to_json(), encoding="utf-8")
    call_command("import_report", str(sheet), *common, "--mapping", str(saved))
    assert Realization.objects.filter(quarter=1).exists() and not Realization.objects.filter(quarter=2).exists()
