"""The PDF read back with poppler-utils: its text page by page, its fonts and its paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reporting.renderers.pdf import render_pdf
from reporting.report import Report
from tests.renderers.conftest import pdf_info, pdf_pages, squash

TITLE = "Evaluasi terhadap Hasil Renja Perangkat Daerah"


@pytest.fixture
def pages(report: Report, tmp_path: Path) -> list[str]:
    return [squash(p) for p in pdf_pages(render_pdf(report), tmp_path)]


def test_the_official_form_filled(pages: list[str]) -> None:
    first = pages[0]
    for text in (
        TITLE,
        "Dinas Koperasi dan Usaha Mikro Kabupaten Lumajang",
        "Periode Pelaksanaan: Triwulan IV Tahun 2021",
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD Kabupaten Lumajang",
        "Persentase Koperasi Aktif",
    ):
        assert text in first
    whole = " ".join(pages)
    for text in (
        "11.238.069.445",  # column 12 Rp of program UMKM, Indonesian grouping
        "11.491.259.904",
        "99,25",
        "6.792,42",
        "Rata-rata capaian kinerja (%)",
        "99,45",
        "Predikat kinerja",
        "Sangat Tinggi",
        "Faktor pendorong keberhasilan pencapaian",
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya",
        "Disusun",
        "Dievaluasi",
        "Kepala Dinas Koperasi dan Usaha Mikro",
        "Kepala Bappeda",
        "Indikator Tujuan",
        "Indikator Sasaran",
        "Rencana Aksi Tahun 2021",
        "Temuan (pemeriksaan konsistensi)",
        # the printed average, listed under the printed achievement that throws it off
        "Akibatnya: rata-rata capaian kinerja tercetak 99,60%, hasil hitung 99,45%",
        "Keterangan perhitungan",
        "Capaian indikator negatif = (2 x Target - Realisasi) / Target x 100%, minimal 0",
    ):
        assert text in whole, text
    assert "11238069445" not in whole and "99.45" not in whole  # never machine notation on paper


def test_every_page_carries_the_header_and_its_number(pages: list[str]) -> None:
    total = len(pages)
    assert total > 3
    for number, page in enumerate(pages, 1):
        assert TITLE in page, f"page {number} has no title line"
        assert f"Halaman {number} dari {total}" in page
        assert "Formulir E.81" in page
    # the E.81 table runs over several pages and repeats its header (column numbers) on each
    last = next(i for i, p in enumerate(pages) if "Predikat kinerja" in p)
    assert last >= 1
    for page in pages[: last + 1]:
        assert "13 = 6 + 12" in page and "14 = 13/5 x 100%" in page and "Program/Kegiatan/Sub Kegiatan" in page
    start = next(i for i, p in enumerate(pages) if "Rencana Aksi Tahun 2021" in p)
    end = next(i for i, p in enumerate(pages) if "Temuan (pemeriksaan konsistensi)" in p)
    assert end - start >= 2  # the Rencana Aksi takes two pages and repeats its header
    assert all("Rencana Aksi: target per triwulan" in p for p in pages[start:end])


def test_fonts_are_embedded(report: Report, tmp_path: Path) -> None:
    fonts = pdf_info(render_pdf(report), tmp_path, "pdffonts").splitlines()[2:]
    assert fonts
    for line in fonts:
        assert "Liberation" in line or "DejaVu" in line, line
        assert re.search(r"\byes\s+yes\s+yes\b", line), f"not embedded: {line}"


@pytest.mark.parametrize(("paper", "size"), [("f4", (330, 215)), ("a4", (297, 210))])
def test_paper_landscape(report: Report, tmp_path: Path, paper: str, size: tuple[int, int]) -> None:
    info = pdf_info(render_pdf(report, paper=paper), tmp_path)
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())  # type: ignore[union-attr]
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == size
    assert "Title:           E.81 Evaluasi terhadap Hasil Renja Perangkat Daerah" in info
