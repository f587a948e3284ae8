"""Every E.79 format read back: the figures worked out by hand in tests.regency.factory."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from reporting.regency.builder import regency_report_build
from reporting.regency.renderers import REGENCY_RENDERERS
from tests.regency.factory import YEAR
from tests.renderers.conftest import pdf_pages


@pytest.fixture
def e79(uji):
    return regency_report_build(region=uji, year=YEAR, quarter=4)


def test_json(e79) -> None:
    data = json.loads(REGENCY_RENDERERS["json"].render(e79))
    assert data["form"] == "E.79"
    assert data["region"] == {"slug": "uji-e79", "name": "Kabupaten Uji E79"}
    assert (data["average"], data["average_count"], data["rating"]) == ("84.00", 5, "Tinggi")
    assert data["budget"]["annual"] == "750000000"
    assert data["budget"]["realized"] == "610000000"
    assert data["budget"]["absorption"] == "81.33"
    agencies = {a["slug"]: a for a in data["agencies"]}
    assert agencies["uji-kesehatan"]["average"] == "70.00"
    assert agencies["uji-kesehatan"]["rating"] == "Sedang"
    assert agencies["uji-kesehatan"]["budget"]["absorption"] == "70.00"
    assert data["drafts"] == ["uji-kesehatan", "uji-koperasi", "uji-pendidikan"]
    [line] = [x for x in data["lines"] if x["code"] == "1.02.02"]
    assert line["kind"] == "program"
    assert line["agency"] == "uji-kesehatan"
    assert line["line"]["annual_achievement"] == {"value": "80.00", "budget": "60.00"}
    assert line["line"]["quarters"][3] == {"value": "12", "budget": None}  # TW IV Rp left blank
    [bidang] = [x for x in data["lines"] if x["kind"] == "bidang" and x["code"] == "1.02"]
    assert bidang["budget"]["annual"] == "400000000"
    assert bidang["line"] is None


def test_csv(e79) -> None:
    rows = list(csv.reader(io.StringIO(REGENCY_RENDERERS["csv"].render(e79).decode("utf-8"))))
    header = rows.index(next(r for r in rows if r and r[0] == "No"))
    head = rows[header]
    body = [dict(zip(head, r, strict=False)) for r in rows[header + 1 :] if len(r) == len(head)]
    [program] = [r for r in body if r["Kode"] == "2.17.07"]
    assert program["Perangkat Daerah"] == "Dinas Koperasi Uji"
    assert program["Bidang"] == "Koperasi, Usaha Kecil, dan Menengah"
    assert (program["13 K"], program["14 K"]) == ("16", "80.00")
    assert (program["8 Rp"], program["13 Rp"], program["14 Rp"]) == ("50000000", "40000000", "80.00")
    [urusan] = [r for r in body if r["Jenis baris"] == "Urusan" and r["Kode urusan"] == "2"]
    assert (urusan["8 Rp"], urusan["13 Rp"]) == ("150000000", "130000000")
    assert ["Rata-rata capaian kinerja pemda (%)", "84.00"] in rows
    assert ["Predikat kinerja pemda", "Tinggi"] in rows


def test_xlsx(e79) -> None:
    book = CalamineWorkbook.from_filelike(io.BytesIO(REGENCY_RENDERERS["xlsx"].render(e79)))
    assert book.sheet_names == ["E.79", "Rata-rata PD"]
    rows = book.get_sheet_by_name("E.79").to_python()
    [program] = [r for r in rows if r[2] == "1.02.02"]
    # Numbers stay numbers: K 12 (LAST), achievement 80, Rp 300 juta, realised 180 juta, 60 %.
    assert program[3] == "Program Upaya Kesehatan"
    assert program[6 + 2 * 7] == 12  # column 13 K
    assert program[6 + 2 * 8] == 80  # column 14 K
    assert program[6 + 2 * 2 + 1] == 300_000_000  # column 8 Rp
    assert program[6 + 2 * 7 + 1] == 180_000_000  # column 13 Rp
    [total] = [r for r in rows if r[3] == "Jumlah pemda"]
    assert total[6 + 2 * 2 + 1] == 750_000_000
    assert total[6 + 2 * 7 + 1] == 610_000_000
    [average] = [r for r in rows if r[0] == "Rata-rata capaian kinerja pemda (%)"]
    assert average[6] == 84
    agencies = book.get_sheet_by_name("Rata-rata PD").to_python()
    [kesehatan] = [r for r in agencies if r[1] == "Dinas Kesehatan Uji"]
    assert (kesehatan[4], kesehatan[5], kesehatan[6], kesehatan[7]) == (70, "Sedang", 400_000_000, 280_000_000)


def test_pdf(e79, tmp_path) -> None:
    text = "\n".join(pdf_pages(REGENCY_RENDERERS["pdf"].render(e79), tmp_path))
    assert "Evaluasi terhadap Hasil RKPD Kabupaten/Kota (Form E.79)" in text
    assert "Kabupaten Uji E79" in text
    assert "750.000.000" in text and "610.000.000" in text
    assert "84,00" in text and "Tinggi" in text
    assert "Dinas Kesehatan Uji" in text and "Sedang" in text
    assert "0 dari 3 PD disetujui Bappeda" in text


def test_html(e79) -> None:
    html = REGENCY_RENDERERS["html"].render(e79).decode("utf-8")
    assert html.startswith("<!doctype html>")
    assert "<script" not in html
    assert "Program Upaya Kesehatan" in html
    assert "300.000.000" in html and "180.000.000" in html
    assert "84,00" in html
    assert "PD masih draf" in html


def test_every_format_says_which_pd_are_approved(e79) -> None:
    for name in ("json", "csv", "html"):
        assert "0 dari 3 PD disetujui Bappeda" in REGENCY_RENDERERS[name].render(e79).decode("utf-8"), name
    assert Decimal(json.loads(REGENCY_RENDERERS["json"].render(e79))["average"]) == 84
