"""The Excel workbook read back: calamine for values and merges, the sheet XML for print settings."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from planning.models import Indicator, PlanRow
from reporting.renderers.e81 import column_of
from reporting.renderers.layout import Column, Kind, Row, Table, display, simple_head
from reporting.renderers.sections import build_document
from reporting.renderers.xlsx import Drawn, Formats, _lines, column_widths, render_xlsx, write_table
from reporting.report import Report, report_build
from tests.renderers.conftest import UMKM, pdf_pages, squash, words_with_sizes, xlsx_xml

SHEETS = ["E.81", "Indikator Tujuan-Sasaran", "Temuan", "Rencana Aksi", "Keterangan"]


def _sheet(data: bytes, name: str = "E.81") -> Any:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name)


def _row(rows: list[list[Any]], text: str, col: int = 2) -> list[Any]:
    [row] = [r for r in rows if r[col] == text]
    return row


@pytest.fixture
def workbook(report: Report) -> bytes:
    return render_xlsx(report)


def test_sheets(workbook: bytes, report: Report) -> None:
    book = CalamineWorkbook.from_filelike(io.BytesIO(workbook))
    assert book.sheet_names == SHEETS  # in the order it is signed, then the Lampiran
    signed = CalamineWorkbook.from_filelike(io.BytesIO(render_xlsx(report, annex=False)))
    assert signed.sheet_names == SHEETS[:2]


def test_title_block_and_rkpd(workbook: bytes) -> None:
    rows = _sheet(workbook).to_python()
    assert rows[0][0] == "Evaluasi terhadap Hasil Renja Perangkat Daerah"
    assert rows[1][0] == "Dinas Koperasi dan Usaha Mikro Kabupaten Lumajang"
    assert rows[2][0] == "Periode Pelaksanaan: Triwulan IV Tahun 2021"
    assert rows[3][0] == "Status: Draf · Renja murni"
    assert rows[5][0].startswith("Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD")
    assert rows[6][:2] == [1.0, "Persentase Koperasi Aktif"] and 71.71 in rows[6]


def test_numbers_are_numbers(workbook: bytes) -> None:
    rows = _sheet(workbook).to_python()
    umkm = _row(rows, UMKM)
    assert umkm[column_of("12", "Rp")] == 11238069445.0
    assert umkm[column_of("7", "Rp")] == 11491259904.0
    assert umkm[column_of("12", "K")] == 397.0
    assert umkm[column_of("12/7 x 100%", "K")] == 99.25
    assert umkm[column_of("14 = 13/5 x 100%", "Rp")] == pytest.approx(5096.6301337868)  # shown 5.096,63
    assert isinstance(umkm[column_of("5", "K")], float)
    keu = _row(rows, "Administrasi Keuangan Perangkat Daerah")
    assert keu[column_of("14 = 13/5 x 100%", "K")] == "-"  # no target: no achievement
    assert keu[column_of("5", "K")] == ""  # blank stays blank, never 0


def test_average_and_rating(workbook: bytes) -> None:
    rows = _sheet(workbook).to_python()
    col = column_of("12/7 x 100%", "K")
    average = _row(rows, "Rata-rata capaian kinerja (%)", 0)
    assert average[col] == 99.45
    rating = _row(rows, "Predikat kinerja", 0)
    assert rating[col] == "Sangat Tinggi"


def test_narratives_and_signatures(workbook: bytes) -> None:
    cells = [str(c) for row in _sheet(workbook).to_python() for c in row if c != ""]
    assert "Faktor pendorong keberhasilan pencapaian:" in cells
    assert any(c.startswith("Adanya motivasi dari OPD") for c in cells)
    assert "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya:" in cells
    # the signatures close the signed document: after the Indikator Tujuan and Sasaran
    goals = [str(c) for row in _sheet(workbook, "Indikator Tujuan-Sasaran").to_python() for c in row if c != ""]
    for text in ("Disusun", "Dievaluasi", "Kepala Dinas Koperasi dan Usaha Mikro", "Kepala Bappeda"):
        assert text in goals
    assert goals.index("Indikator Sasaran") < goals.index("Disusun")
    assert sum(c.startswith("NIP. ") for c in goals) == 2


def test_merged_header(workbook: bytes) -> None:
    sheet = _sheet(workbook)
    rows = sheet.to_python()
    top = next(i for i, r in enumerate(rows) if r[0] == "No")
    merges = set(sheet.merged_cell_ranges)
    quarters = column_of("8", "K")
    assert ((top, quarters), (top, quarters + 7)) in merges  # "Realisasi ... pada Triwulan" over 8 columns
    assert ((top + 1, quarters), (top + 1, quarters + 1)) in merges  # "I" over K and Rp
    assert ((top, 0), (top + 1, 0)) in merges  # "No" over two rows
    formula = column_of("13 = 6 + 12", "K")
    assert ((top + 2, formula), (top + 2, formula + 1)) in merges
    assert rows[top + 2][formula] == "13 = 6 + 12"
    assert rows[top + 2][column_of("14 = 13/5 x 100%", "K")] == "14 = 13/5 x 100%"
    assert rows[top + 2][:3] == ["1", "2", "3"] and rows[top + 2][-2:] == ["15", "16"]
    assert rows[top + 3][column_of("5", "K") : column_of("5", "K") + 2] == ["K", "Rp"]


def test_print_setup_f4_and_a4(report: Report) -> None:
    f4 = render_xlsx(report)
    sheet = xlsx_xml(f4, "xl/worksheets/sheet1.xml")
    assert re.search(r'<pageSetup paperSize="14"[^>]*orientation="landscape"', sheet)
    # printed no smaller than the PDF: one page wide where that keeps 8 pt at >= 6.5 pt (the demo's text
    # columns narrowed to fit, as in the PDF), else at 82 % over more widths
    assert 'fitToHeight="0"' in sheet and '<pageSetUpPr fitToPage="1"/>' in sheet
    # only the column headers (4 rows) and the row names (No, Sasaran, Program) stay in view
    assert re.search(r'<sheetView[^>]*topLeftCell="A10"', sheet)
    assert re.search(r'<pane xSplit="3" ySplit="4" topLeftCell="D14"[^>]*state="frozen"', sheet)
    assert "Halaman &amp;P dari &amp;N" in sheet and "DRAF" in sheet and "Dicetak &amp;D" in sheet
    workbook = xlsx_xml(f4, "xl/workbook.xml")
    # the header rows on every page; printed over two widths, the row names too
    assert re.search(
        r'<definedName name="_xlnm.Print_Titles" localSheetId="0">(E.81!\$A:\$C,)?E.81!\$10:\$13<', workbook
    )
    a4 = xlsx_xml(render_xlsx(report, paper="a4"), "xl/worksheets/sheet1.xml")
    # A4 leaves the demo's text columns less than their longest words at 6 pt: 75 %, over two widths
    assert '<pageSetup paperSize="9"' in a4 and 'scale="75"' in a4
    for n in range(2, 6):  # every sheet prints landscape, numbered
        part = xlsx_xml(f4, f"xl/worksheets/sheet{n}.xml")
        assert 'orientation="landscape"' in part and "&amp;P dari &amp;N" in part


def test_indonesian_number_formats(workbook: bytes) -> None:
    styles = xlsx_xml(workbook, "xl/styles.xml")
    formats = set(re.findall(r'formatCode="([^"]*)"', styles))
    assert {"[$-421]#,##0", "[$-421]#,##0.00"} <= formats


def test_other_sheets(workbook: bytes) -> None:
    goals = _sheet(workbook, "Indikator Tujuan-Sasaran").to_python()
    flat = [c for r in goals for c in r]
    assert "Indikator Tujuan" in flat and "Indikator Sasaran" in flat
    koperasi = _row(goals, "Persentase Koperasi Aktif", 1)
    assert koperasi[:6] == [
        1.0,
        "Persentase Koperasi Aktif",
        "Jml koperasi aktif / jml seluruh koperasi X 100 %",
        71.71,
        70.98,
        pytest.approx(98.98, abs=0.005),
    ]
    plan = _sheet(workbook, "Rencana Aksi").to_python()
    gaji = _row(plan, "Penyediaan Gaji dan Tunjangan ASN", 1)
    assert gaji[3:9] == [24.0, "ASN", "bulan", 3.0, 3.0, 3.0]
    findings = _sheet(workbook, "Temuan").to_python()
    messages = [r[5] for r in findings]
    assert any("Akibatnya: rata-rata capaian kinerja tercetak 99,60%, hasil hitung 99,45%" in m for m in messages)
    legend = [c for r in _sheet(workbook, "Keterangan").to_python() for c in r]
    assert "Sangat Tinggi" in legend and ">= 91" in legend
    assert any(str(c).startswith("Capaian indikator negatif = (2 x Target - Realisasi)") for c in legend)
    assert "Nilai triwulan terakhir (bawaan, perlu dikonfirmasi)" in legend


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x.test","klik")', "+1+2", "-2+3", "@SUM(A1)"])
def test_text_never_becomes_a_formula(agency: Any, text: str) -> None:
    PlanRow.objects.filter(name=UMKM).update(name=text, responsible_unit=text)
    Indicator.objects.filter(name="Jumlah UM yang diberdayakan").update(name=text, unit=text)
    data = render_xlsx(report_build(agency=agency, year=2021, quarter=4))
    for n in range(1, 6):  # the only formulas are the computed cells', never a text
        formulas = re.findall(r"<f>([^<]*)</f>", xlsx_xml(data, f"xl/worksheets/sheet{n}.xml"))
        assert all(f.startswith(("IF(", "SUM(")) for f in formulas) and not any("HYPERLINK" in f for f in formulas)
    rows = _sheet(data).to_python()
    row = _row(rows, text)
    assert row[3] == text and row[4] == text and row[column_of("12", "Rp")] == 11238069445.0


TRICKY = [
    [Decimal("9.995"), Decimal("-0"), 7, Decimal("1234567.5")],
    [Decimal("10.00"), Decimal("0"), Decimal("99.999"), Decimal("-0.001")],
    [Decimal("-1.2345678"), Decimal("-1000"), Decimal("-99.995"), Decimal("999999")],
    [Decimal("123456789"), 250, "-", None],
]


@pytest.mark.parametrize("which", ["report", "tricky"])
def test_column_widths_are_those_of_every_cell(report: Report, which: str) -> None:
    # The renderer measures only the widest figure of each display format and sign: the widths must be
    # the same as when every cell is measured.
    if which == "report":
        table = build_document(report).main
    else:
        kinds = (Kind.VALUE, Kind.MONEY, Kind.PERCENT, Kind.VALUE)
        table = Table(
            "t",
            "",
            tuple(Column(k, 10) for k in kinds),
            simple_head("K", "Rp", "%", "K"),
            1,
            tuple(Row(tuple(cells), style) for cells in TRICKY for style in ("", "program", "sub_activity")),
        )
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    drawn = write_table(book.add_worksheet(), Formats(book), table, 0)
    every = [[display(v, c.kind) for v, c in zip(line.cells, table.columns, strict=True)] for line in table.rows]
    assert column_widths(drawn) == column_widths(Drawn(table, 0, 0, every))
    book.close()


def test_a_line_break_always_starts_a_line() -> None:
    assert _lines("a\nb", 1000.0, False) == 2
    assert _lines("a b", 1000.0, False) == 1


def test_printed_by_libreoffice_one_page_wide(report: Report, tmp_path: Path) -> None:
    """The E.81 sheet as LibreOffice prints it: every column on the first page (one page wide), the
    type no smaller than the PDF's 6.5 pt (from the printed PDF's own text positions)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    source = tmp_path / "e81.xlsx"
    source.write_bytes(render_xlsx(report))
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    printed = (tmp_path / "e81.pdf").read_bytes()
    first = squash(pdf_pages(printed, tmp_path)[0])
    for text in ("Program/Kegiatan/Sub Kegiatan", "Target Renstra PD", "14 = 13/5 x 100%", "Unit PD", "Keterangan"):
        assert text in first, text
    # the table's figures (Rp with their thousands dots), as the PDF's body: at least 6.5 pt once scaled
    sizes = [size for text, size in words_with_sizes(printed, tmp_path) if re.fullmatch(r"\d{1,3}(\.\d{3})+", text)]
    assert len(sizes) > 50 and min(sizes) >= 6.5 * 0.99, min(sizes)
