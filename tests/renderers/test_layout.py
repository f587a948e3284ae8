"""The shared layout: every renderer draws these tables, so their content is checked once here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from reporting.renderers.e81 import average_key, column_index, columns, e81_table
from reporting.renderers.layout import Kind, date_id, display, indicator_places, paper_for, value_places
from reporting.renderers.sections import build_document
from reporting.report import Report
from tests.renderers.conftest import UMKM


def test_header_tiles_the_grid_with_numbers_1_to_16(report: Report) -> None:
    table = e81_table(report)
    covered: dict[tuple[int, int], str] = {}
    for h in table.head:
        for r in range(h.row, h.row + h.rowspan):
            for c in range(h.col, h.col + h.colspan):
                assert (r, c) not in covered, f"header cells overlap at {(r, c)}"
                covered[(r, c)] = h.text
    assert len(covered) == table.head_rows * len(table.columns)
    numbers = [h.text for h in table.head_by_row()[2]]
    # column 6 holds nothing in the demo (the Renstra's first year has no history): it is not printed
    assert numbers == [
        "1",
        "2",
        "3",
        "4",
        "5",
        *map(str, range(7, 13)),
        "12/7 x 100%",
        "13 = 6 + 12",
        "14 = 13/5 x 100%",
        "15",
        "16",
    ]
    units = [h.text for h in table.head_by_row()[3]]
    assert units == ["Uraian", "Satuan", *["K", "Rp"] * 10]
    assert [h.text for h in table.head_by_row()[1]] == ["I", "II", "III", "IV"]
    titles = " ".join(h.text for h in table.head_by_row()[0])
    assert "Target Renstra PD s.d. Tahun 2023" in titles and "Realisasi Renstra PD s.d. Tahun 2020" not in titles


def test_lines_hold_the_report_models_values_unformatted(report: Report) -> None:
    table = e81_table(report)
    [umkm] = [r for r in table.rows if r.cells[2] == UMKM]
    assert umkm.style == "program"
    assert umkm.cells[column_index(table, "12Rp")] == Decimal("11238069445")
    assert umkm.cells[column_index(table, "12K")] == Decimal("397")
    assert umkm.cells[column_index(table, "7Rp")] == Decimal("11491259904")
    assert umkm.cells[column_index(table, "12/7K")] == Decimal(397) / Decimal(400) * 100
    assert umkm.cells[3:5] == ("Jumlah UM yang diberdayakan", "UM")
    assert umkm.cells[-2] == "Dinas Koperasi dan UM"
    objective = table.rows[0]
    assert objective.style == "objective" and objective.cells[:3] == (
        1,
        "Meningkatnya Kuantitas dan Kualitas Usaha Mikro",
        None,
    )


def test_an_achievement_without_target_is_a_dash_never_0_or_100(report: Report) -> None:
    table = e81_table(report)
    [keu] = [r for r in table.rows if r.cells[2] == "Administrasi Keuangan Perangkat Daerah"]
    assert keu.cells[column_index(table, "14K")] == "-"
    assert keu.cells[column_index(table, "5K")] is None


def test_footer_prints_average_under_the_column_it_averages(report: Report) -> None:
    table = e81_table(report)
    average, rating = table.rows[-2:]
    col = column_index(table, average_key(report))
    assert col == column_index(table, "12/7K")
    assert average.cells[0] == "Rata-rata capaian kinerja (%)"
    assert average.cells[col] == report.evaluation.average
    assert display(average.cells[col], Kind.PERCENT) == "99,45"
    assert rating.cells[0] == "Predikat kinerja" and rating.cells[col] == "Sangat Tinggi"
    assert all(r.style == "total" for r in (average, rating))


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        (Decimal("11238069445"), Kind.MONEY, "11.238.069.445"),
        (Decimal("1250.5"), Kind.MONEY, "1.250,50"),
        (Decimal("99.4514"), Kind.PERCENT, "99,45"),
        (Decimal("99.445"), Kind.PERCENT, "99,45"),  # half-up on the exact decimal
        (Decimal("6792.4242"), Kind.PERCENT, "6.792,42"),
        (Decimal("13.44"), Kind.VALUE, "13,44"),
        (Decimal("15000"), Kind.VALUE, "15.000"),
        (Decimal(10) / Decimal(3), Kind.VALUE, "3,33"),  # a mean (AVG) with endless decimals
        (Decimal(0), Kind.MONEY, "0"),  # a 0 target stays 0 ...
        (None, Kind.MONEY, ""),
        ("-", Kind.PERCENT, "-"),
        (3, Kind.SEQ, "3"),
    ],
)
def test_display(value, kind, text) -> None:
    assert display(value, kind) == text


@pytest.mark.parametrize(
    ("value", "places", "realized", "text"),
    [
        (Decimal(0), None, True, "-"),  # ... a realised 0 is "nothing realised": "-"
        (None, 2, True, ""),  # not reported: empty, never "-" nor 0
        (Decimal("81.1"), 2, False, "81,10"),  # one number of decimals per indicator
        (Decimal("80"), 1, True, "80,0"),
        (Decimal(10) / Decimal(3), 2, True, "3,33"),
        (Decimal("13.445"), 0, True, "13"),
    ],
)
def test_display_of_an_indicator(value, places, realized, text) -> None:
    assert display(value, Kind.VALUE, places, realized) == text


@pytest.mark.parametrize(
    ("written", "places"),
    [(("81.02", "81.1"), 2), (("87.5",), 1), (("400",), 0), (("0.125",), 2), ((None, "13.4"), 1), ((None,), 0)],
)
def test_indicator_places_follow_the_target_as_written(written, places) -> None:
    assert indicator_places(*(None if w is None else Decimal(w) for w in written)) == places


def test_an_indicator_prints_all_its_figures_with_its_targets_decimals(report: Report) -> None:
    table = e81_table(report)
    [rat] = [r for r in table.rows if r.cells[3] == "Persentase Koperasi yang melaksanakan RAT"]
    texts = [display(v, c.kind, rat.places, c.realized) for v, c in zip(rat.cells, table.columns, strict=True)]
    assert texts[column_index(table, "5K")] == "81,10" and texts[column_index(table, "7K")] == "81,02"
    [sehat] = [r for r in table.rows if r.cells[3] == "Persentase Koperasi Sehat dan Cukup Sehat"]
    assert display(sehat.cells[column_index(table, "12K")], Kind.VALUE, sehat.places) == "80,0"


def test_value_places() -> None:
    assert [value_places(Decimal(v)) for v in ("400", "13.44", "0.000001", "87.50")] == [0, 2, 6, 1]


def test_papers() -> None:
    assert paper_for("A4").excel == 9 and paper_for("f4").excel == 14
    assert (paper_for("f4").width_mm, paper_for("f4").height_mm) == (330, 215)
    with pytest.raises(ValueError, match="kertas"):
        paper_for("letter")


def test_date_id() -> None:
    assert date_id(date(2022, 1, 7)) == "7 Januari 2022"
    assert date_id(None, "....") == "...."


def test_report_helpers(report: Report) -> None:
    prepared, evaluated = report.signatures
    assert prepared.role == "Disusun" and prepared.position == "Kepala Dinas Koperasi dan Usaha Mikro"
    assert prepared.title == "Kepala Dinas Koperasi dan Usaha Mikro Kabupaten Lumajang"
    assert (evaluated.role, evaluated.title, evaluated.place) == (
        "Dievaluasi",
        "Kepala Bappeda Kabupaten Lumajang",
        "Lumajang",
    )
    assert [r.indicator.name for r in report.rkpd_indicators if r.indicator] == [
        "Persentase Koperasi Aktif",
        "Persentase Pertumbuhan Usaha Mikro",
    ]
    assert report.narratives.drivers.startswith("Adanya motivasi dari OPD")
    assert report.narratives.follow_up_quarter == ""
    assert {r.level.value for r in report.action_plan_rows} == {"program", "activity", "sub_activity"}
    assert report.status == "draft"


def test_document_sections(report: Report) -> None:
    doc = build_document(report, "a4")
    assert doc.paper.key == "a4"
    assert doc.period == "Periode Pelaksanaan: Triwulan IV Tahun 2021"
    assert doc.agency == "Dinas Koperasi dan Usaha Mikro Kabupaten Lumajang"
    assert [r.cells[1] for r in doc.goals.rows] == ["Persentase Koperasi Aktif", "Persentase Pertumbuhan Usaha Mikro"]
    assert display(doc.goals.rows[1].cells[5], Kind.PERCENT) == "6.792,42"
    assert len(doc.objectives.rows) == 3
    assert [label for label, _ in doc.narratives][0] == "Faktor pendorong keberhasilan pencapaian"
    assert dict(doc.narratives)["Tindak lanjut yang diperlukan dalam triwulan berikutnya"] == "-"
    assert [r.cells for r in doc.bands.rows][0] == ("Sangat Tinggi", ">= 91")
    assert [r.cells for r in doc.bands.rows][-1] == ("Sangat Rendah", "< 51")
    assert any("(2 x Target - Realisasi) / Target" in note for note in doc.notes)
    assert any("rata-rata capaian indikator Program" in note for note in doc.notes)
    indicators = len(report.evaluation.goal_indicators) + sum(1 for r in report.evaluation.rows if r.indicator)
    assert len(doc.aggregations.rows) == indicators
    assert len(doc.findings.rows) == len(report.evaluation.findings)
    # Rencana Aksi: the quarters as entered, beside the Renja target and both satuan
    [gaji] = [r for r in doc.action_plan.rows if r.cells[1] == "Penyediaan Gaji dan Tunjangan ASN"]
    heads = [h.text for h in doc.action_plan.head_by_row()[1]]
    quarters = [h for h in heads if h.startswith("TW ")]
    assert heads[-2:] == ["Setahun (agregasi)", "Tercetak"] or heads[-1] == "Setahun (agregasi)"
    assert gaji.cells[3:6] == (Decimal(24), "ASN", "bulan")
    assert gaji.cells[6 : 6 + len(quarters)] == (Decimal(3), Decimal(3), Decimal(3), None)[: len(quarters)]


def test_every_column_has_a_width_hint_and_a_key() -> None:
    assert all(c.width > 0 and c.key for c in columns())
    assert len({c.key for c in columns()}) == len(columns())


@pytest.mark.parametrize(
    ("head_title", "unit", "position"),
    [
        ("Kepala Dinas", "Dinas Koperasi dan Usaha Mikro", "Kepala Dinas Koperasi dan Usaha Mikro"),
        ("Kepala Badan", "Badan Pendapatan Daerah", "Kepala Badan Pendapatan Daerah"),
        ("Camat", "Kecamatan Sukodono", "Camat Kecamatan Sukodono"),
        ("Sekretaris", "Sekretariat DPRD", "Sekretaris Sekretariat DPRD"),
        ("", "Dinas Kesehatan", "Dinas Kesehatan"),
    ],
)
def test_position_names_the_unit_once(head_title: str, unit: str, position: str) -> None:
    from reporting.report import _position

    assert _position(head_title, unit) == position
