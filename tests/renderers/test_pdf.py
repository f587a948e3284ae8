"""The PDF read back with poppler-utils: its text page by page, its fonts and its paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reporting.renderers.pdf import render_pdf
from reporting.report import Report
from tests.renderers.conftest import pdf_info, pdf_pages, squash, text_sizes, words_with_sizes

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
        "A. Temuan (pemeriksaan konsistensi)",
        # the printed average, listed under the printed achievement that throws it off
        "Akibatnya: rata-rata capaian kinerja tercetak 99,60%, hasil hitung 99,45%",
        "Keterangan perhitungan",
        "Capaian indikator negatif = (2 x Target - Realisasi) / Target x 100%, minimal 0",
    ):
        assert text in whole, text
    assert "11238069445" not in whole and "99.45" not in whole  # never machine notation on paper


def test_every_page_carries_the_header_its_status_and_its_number(pages: list[str]) -> None:
    total = len(pages)
    assert total > 3
    for number, page in enumerate(pages, 1):
        assert TITLE in page, f"page {number} has no title line"
        assert f"Halaman {number} dari {total}" in page
        assert "Formulir E.81" in page
        # a draft says so across every page, with its status, Renja version and print date at the foot
        assert "DRAF · Status: Draf" in page
        assert "Renja murni" in page and re.search(r"Dicetak \d\d-\d\d-\d{4} \d\d:\d\d", page)
    # the E.81 table runs over several pages and repeats its header (column numbers) on each
    last = next(i for i, p in enumerate(pages) if "Predikat kinerja" in p)
    assert last >= 1
    for page in pages[: last + 1]:
        assert "13 = 6 + 12" in page and "14 = 13/5 x 100%" in page and "Program/Kegiatan/Sub Kegiatan" in page
    start = next(i for i, p in enumerate(pages) if "Rencana Aksi Tahun 2021" in p)
    end = next(i for i, p in enumerate(pages) if "C. Keterangan perhitungan" in p)
    assert all("Rencana Aksi: target per triwulan" in p for p in pages[start : end or start + 1])


def _first(pages: list[str], text: str) -> int:
    return next(i for i, p in enumerate(pages) if text in p)


def test_the_parts_come_in_the_order_the_form_is_signed(pages: list[str]) -> None:
    whole = " ".join(pages)
    order = [
        "Indikator dan target kinerja Perangkat Daerah yang mengacu pada sasaran RKPD",
        "Predikat kinerja",
        "Faktor pendorong keberhasilan pencapaian",
        "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah berikutnya",
        "Indikator Tujuan",
        "Indikator Sasaran",
        "Dievaluasi",
        "Lampiran",
        "A. Temuan (pemeriksaan konsistensi)",
        "B. Rencana Aksi Tahun 2021",
        "C. Keterangan perhitungan",
        ">= 91",  # the bands' table
        "Agregasi triwulan dan arah setiap indikator",
    ]
    positions = [whole.index(text) for text in order]
    assert positions == sorted(positions), [t for t, p in zip(order, positions, strict=True)]
    # the signatures close the signed part; the annex starts on a page of its own
    signed = _first(pages, "Dievaluasi")
    assert _first(pages, "Lampiran") == signed + 1 and "Temuan" not in pages[signed].split("Dievaluasi")[0][-2000:]
    assert "Indikator Sasaran" in pages[signed]  # the signatures never stand alone on a page


@pytest.mark.parametrize("paper", ["f4", "a4"])
def test_the_findings_fit_on_one_page_of_the_annex(report: Report, tmp_path: Path, paper: str) -> None:
    """Read back: every finding (its number and the start of its message) on the annex's first page,
    in two columns, and the Rencana Aksi on the next: the findings take one page."""
    from reporting.finding_text import finding_message

    raw = pdf_pages(render_pdf(report, paper=paper), tmp_path)
    pages = [squash(p) for p in raw]
    findings = report.evaluation.findings
    assert len(findings) == 35
    annex = _first(pages, "A. Temuan (pemeriksaan konsistensi)")
    action_plan = _first(pages, "B. Rencana Aksi")
    assert action_plan - annex == 1, f"the findings take {action_plan - annex} pages"
    for number, finding in enumerate(findings, 1):
        words = squash(finding_message(finding)).split()[:6]
        assert " ".join(words) in pages[annex], (number, words)
        assert re.search(rf"(^|\n){number} (Kesalahan|Peringatan|Catatan)\b", raw[annex]), number


def test_without_the_annex(report: Report, tmp_path: Path) -> None:
    short = [squash(p) for p in pdf_pages(render_pdf(report, annex=False), tmp_path)]
    assert "Dievaluasi" in short[-1]
    assert not any("Lampiran" in p or "Temuan (pemeriksaan" in p for p in short)


@pytest.mark.parametrize("paper", ["f4", "a4"])
def test_the_table_is_never_smaller_than_the_paper_allows(report: Report, tmp_path: Path, paper: str) -> None:
    sizes = text_sizes(render_pdf(report, paper=paper), tmp_path)
    least = {"f4": 6.5, "a4": 6.0}[paper]
    assert min(sizes) >= least - 0.05, min(sizes)
    assert least - 0.05 <= min(sizes) <= least + 1.05  # the table is printed at (about) the smallest size


def test_a_draft_is_marked_across_every_page(report: Report, tmp_path: Path) -> None:
    data = render_pdf(report)
    words = words_with_sizes(data, tmp_path)
    marks = [text for text, size in words if size > 100]  # the watermark's letters, page by page
    assert sorted(marks) == sorted("DRAF" * len(pdf_pages(data, tmp_path)))  # rotated: read in any order


def test_sizes_are_read_right(report: Report, tmp_path: Path) -> None:
    # calibration: the title is set at 12 pt, "Formulir E.81" at 7 pt
    words = words_with_sizes(render_pdf(report), tmp_path)
    assert {round(size, 1) for text, size in words if text == "Evaluasi"} >= {12.0}
    assert {round(size, 1) for text, size in words if text == "Formulir"} == {7.0}


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
