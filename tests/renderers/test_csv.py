"""The CSVs parsed back: the portable one (comma, dot decimals, UTF-8), the one for an Excel set to
Indonesian (semicolon, comma decimals, UTF-8 with BOM), and the findings' own."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from planning.models import PlanRow
from reporting.renderers.csv_report import (
    FINDINGS_HEADER,
    HEADER,
    render_csv,
    render_csv_id,
    render_findings_csv,
    safe_text,
)
from reporting.report import Report, report_build
from tests.renderers.conftest import UMKM

PREAMBLE = ["Formulir", "Perangkat Daerah", "Pemda", "Periode", "Renja", "Status"]


def _split(data: bytes, *, indonesian: bool = False) -> tuple[list[list[str]], list[dict[str, str]], list[list[str]]]:
    """(preamble, table rows as dicts, lines after the table)."""
    if indonesian:
        assert data.startswith("\ufeff".encode())  # Excel reads the Indonesian text as UTF-8
        text = data.decode("utf-8-sig")
    else:
        assert not data.startswith("\ufeff".encode())  # portable: plain UTF-8
        text = data.decode("utf-8")
    lines = list(csv.reader(io.StringIO(text), delimiter=";" if indonesian else ","))
    blank = lines.index([])
    preamble, rest = lines[:blank], lines[blank + 1 :]
    end = rest.index([])
    header, body, after = rest[0], rest[1:end], rest[end + 1 :]
    return preamble, [dict(zip(header, r, strict=True)) for r in body], after


def test_one_row_per_report_line_with_every_column(report: Report) -> None:
    preamble, rows, after = _split(render_csv(report))
    assert [p[0] for p in preamble] == PREAMBLE
    assert dict(preamble)["Perangkat Daerah"] == "Dinas Koperasi dan Usaha Mikro"
    assert dict(preamble)["Periode"] == "Triwulan IV Tahun 2021"
    assert dict(preamble)["Renja"] == report.context.work_plan.title
    assert len(rows) == len(report.evaluation.rows)
    assert list(rows[0]) == list(HEADER)
    assert len(HEADER) == 12 + 22 + 4 + 1  # ... and the status (approval and hash) of the document
    assert after == [["Rata-rata capaian kinerja (%)", "99.45"], ["Predikat kinerja", "Sangat Tinggi"]]


def test_figures_in_machine_notation(report: Report) -> None:
    _, rows, _ = _split(render_csv(report))
    [umkm] = [r for r in rows if r["Program"] == UMKM and r["Tingkat"] == "Program"]
    assert umkm["kolom 12 (Realisasi Renja) Rp"] == "11238069445"
    assert umkm["kolom 12 (Realisasi Renja) K"] == "397"
    assert umkm["capaian Renja (12/7) K (%)"] == "99.25"
    assert umkm["kolom 14 (Capaian Renstra) Rp (%)"] == "5096.63"
    assert umkm["kolom 8 (Triwulan I) K"] == "0"  # reported as nothing: the portable CSV keeps 0
    assert umkm["kolom 8 (Triwulan I) Rp"] == ""  # not reported: blank, never 0
    assert umkm["Sasaran"] == "Meningkatnya Kuantitas dan Kualitas Usaha Mikro"
    assert (umkm["Agregasi triwulan"], umkm["Agregasi bawaan"]) == ("Jumlah triwulan", "tidak")
    assert umkm["PD penanggung jawab"] == "Dinas Koperasi dan UM"


def test_csv_id_is_the_indonesian_excel_dialect(report: Report) -> None:
    data = render_csv_id(report)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Formulir;E.81 ")
    preamble, rows, after = _split(data, indonesian=True)
    assert [p[0] for p in preamble] == PREAMBLE
    [umkm] = [r for r in rows if r["Program"] == UMKM and r["Tingkat"] == "Program"]
    assert umkm["kolom 12 (Realisasi Renja) Rp"] == "11238069445"  # no grouping: Excel reads a number
    assert umkm["capaian Renja (12/7) K (%)"] == "99,25"  # comma decimals
    assert umkm["kolom 14 (Capaian Renstra) Rp (%)"] == "5096,63"
    assert umkm["kolom 8 (Triwulan I) K"] == "-"  # nothing realised, as people write it
    assert umkm["kolom 8 (Triwulan I) Rp"] == ""  # not reported: empty
    [rat] = [r for r in rows if r["Indikator"] == "Persentase Koperasi yang melaksanakan RAT"]
    assert rat["kolom 7 (Target Renja) K"] == "81,02"
    assert after == [["Rata-rata capaian kinerja (%)", "99,45"], ["Predikat kinerja", "Sangat Tinggi"]]
    assert "." not in "".join(v for r in rows for k, v in r.items() if k.endswith("(%)"))


def test_findings_are_a_csv_of_their_own(report: Report) -> None:
    preamble, rows, _ = _split(render_findings_csv(report) + b"\r\n", indonesian=True)
    assert [p[0] for p in preamble] == PREAMBLE
    assert list(rows[0]) == list(FINDINGS_HEADER)
    findings = report.evaluation.findings
    assert len(rows) == len(findings)
    assert [r["Kode temuan"] for r in rows] == [f.code.value for f in findings]  # ranked as the core gives them
    assert rows[0]["Tingkat"] == "Kesalahan"


def test_each_line_carries_its_place_in_the_tree(report: Report) -> None:
    _, rows, _ = _split(render_csv(report))
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


@pytest.mark.parametrize("render", [render_csv, render_csv_id])
def test_text_cannot_run_as_a_formula(agency: Any, render: Any) -> None:
    PlanRow.objects.filter(name=UMKM).update(name="=1+2", responsible_unit="@SUM(A1)")
    _, rows, _ = _split(render(report_build(agency=agency, year=2021, quarter=4)), indonesian=render is render_csv_id)
    [umkm] = [r for r in rows if r["Tingkat"] == "Program" and r["Program"].endswith("1+2")]
    assert umkm["Program"] == "'=1+2" and umkm["PD penanggung jawab"] == "'@SUM(A1)"
    assert [safe_text(t) for t in ("+62 812", "-", "Dinas", "", None)] == ["'+62 812", "'-", "Dinas", "", ""]
