"""The CSV parsed back: one row per report line, every column, machine numbers."""

from __future__ import annotations

import csv
import io
from typing import Any

from planning.models import PlanRow
from reporting.renderers.csv_report import HEADER, render_csv, safe_text
from reporting.report import Report, report_build
from tests.renderers.conftest import UMKM


def _rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # Excel reads the Indonesian text as UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_one_row_per_report_line_with_every_column(report: Report) -> None:
    data = render_csv(report)
    rows = _rows(data)
    assert len(rows) == len(report.evaluation.rows)
    assert list(rows[0]) == list(HEADER)
    assert len(HEADER) == 12 + 22 + 4 + 1  # ... and the status (approval and hash) of the document


def test_figures_in_machine_notation(report: Report) -> None:
    rows = _rows(render_csv(report))
    [umkm] = [r for r in rows if r["Program"] == UMKM and r["Tingkat"] == "Program"]
    assert umkm["kolom 12 (Realisasi Renja) Rp"] == "11238069445"
    assert umkm["kolom 12 (Realisasi Renja) K"] == "397"
    assert umkm["capaian Renja (12/7) K (%)"] == "99.25"
    assert umkm["kolom 14 (Capaian Renstra) Rp (%)"] == "5096.63"
    assert umkm["kolom 8 (Triwulan I) K"] == "0"  # reported as nothing ("-")
    assert umkm["kolom 8 (Triwulan I) Rp"] == ""  # not reported: blank, never 0
    assert umkm["Sasaran"] == "Meningkatnya Kuantitas dan Kualitas Usaha Mikro"
    assert (umkm["Agregasi triwulan"], umkm["Agregasi bawaan"]) == ("Jumlah triwulan", "tidak")
    assert umkm["PD penanggung jawab"] == "Dinas Koperasi dan UM"


def test_each_line_carries_its_place_in_the_tree(report: Report) -> None:
    rows = _rows(render_csv(report))
    [gaji] = [r for r in rows if r["Sub Kegiatan"] == "Penyediaan Gaji dan Tunjangan ASN"]
    assert gaji["Kegiatan"] == "Administrasi Keuangan Perangkat Daerah"
    assert gaji["Program"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    assert gaji["Sasaran"] == "Meningkatnya Kualitas Koperasi"
    assert gaji["Sumber dana"] == "DAU"
    second = [r for r in rows if r["Sasaran"] == "Meningkatnya Kualitas Koperasi" and r["Tingkat"] == "Sasaran"]
    assert [r["Indikator"] for r in second] == [
        "Persentase Koperasi yang melaksanakan RAT",
        "Persentase Koperasi Sehat dan Cukup Sehat",
    ]


def test_text_cannot_run_as_a_formula(agency: Any) -> None:
    PlanRow.objects.filter(name=UMKM).update(name="=1+2", responsible_unit="@SUM(A1)")
    rows = _rows(render_csv(report_build(agency=agency, year=2021, quarter=4)))
    [umkm] = [r for r in rows if r["Tingkat"] == "Program" and r["Program"].endswith("1+2")]
    assert umkm["Program"] == "'=1+2" and umkm["PD penanggung jawab"] == "'@SUM(A1)"
    assert [safe_text(t) for t in ("+62 812", "-", "Dinas", "", None)] == ["'+62 812", "'-", "Dinas", "", ""]
