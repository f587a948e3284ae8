"""Small hand-made E.81 sheets for the import tests: one regular layout with switches for its variants."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import xlsxwriter

KEGIATAN = (
    "Pemberdayaan Usaha Mikro yang Dilakukan Melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan "
    "Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan"
)
PROGRAM = "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)"
SUB_1 = "Pendataan Potensi dan Pengembangan Usaha Mikro"
SUB_2 = "Pemberdayaan Kelembagaan Potensi dan Pengembangan Usaha Mikro"


@dataclass
class Variant:
    code: bool = False  # a Kode column with Permendagri 90 codes
    col6: bool = False  # column 6 (Realisasi Renstra s.d. tahun lalu) present
    dot: bool = False  # "." as thousands separator, "," as decimal point
    moved: bool = False  # two empty leading columns, header lower down, Indikator before the name
    unit_column: bool = False  # satuan in its own column instead of "50 UM"
    typos: bool = False  # "Kemiraan", "Perijinan", "Pengembangn"
    second_indicator: bool = True
    bad_cell: str = ""  # text written where a number belongs (sub kegiatan 1, quarter II K)
    year: int = 2022


def money(value: int, v: Variant) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if v.dot else text


def decimal(text: str, v: Variant) -> str:
    return text.replace(".", ",") if v.dot else text


def rows(v: Variant) -> list[list[str]]:
    names = {
        "program": PROGRAM,
        "kegiatan": KEGIATAN.replace("Kemitraan", "Kemiraan").replace("Perizinan", "Perijinan")
        if v.typos
        else KEGIATAN,
        "sub1": SUB_1.replace("Pengembangan", "Pengembangn") if v.typos else SUB_1,
        "sub2": SUB_2,
    }
    codes = {"program": "2.17.07", "kegiatan": "2.17.07.2.01", "sub1": "2.17.07.2.01.0001", "sub2": "2.17.07.2.01.0004"}
    measures = ["5", *(["6"] if v.col6 else []), "7", "I", "II", "III", "IV", "12", "13", "14"]
    labels = {
        "5": "Target Renstra PD s.d. Tahun 2026",
        "6": "Realisasi Renstra PD s.d. Tahun 2021",
        "7": f"Target Kinerja dan Anggaran Renja PD Tahun {v.year}",
        "I": f"Realisasi Kinerja dan Anggaran Tahun {v.year} pada Triwulan",
        "12": f"Realisasi Capaian Kinerja dan Anggaran Renja PD Tahun {v.year}",
        "13": f"Realisasi Kinerja dan Anggaran Renstra PD s.d. Tahun {v.year}",
        "14": f"Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s.d. Tahun {v.year} (%)",
    }
    text_head = ["No", *(["Kode"] if v.code else []), "Sasaran"]
    pair = ["Indikator Kinerja Program (outcome)/ Kegiatan (output)", "Program/Kegiatan/Sub Kegiatan"]
    text_head += pair if v.moved else pair[::-1]
    if v.unit_column:
        text_head.append("Satuan")
    width = len(text_head)
    top = list(text_head)
    numbers = [""] * width
    subs = [""] * width
    for m in measures:
        top += [labels.get(m, ""), ""]
        numbers += [m, ""]
        subs += ["K", "Rp"]
    out: list[list[str]] = [
        [f"Laporan Kinerja Triwulan II Tahun {v.year}"],
        ["Dinas Uji Coba Kabupaten Contoh"],
        [f"Periode Pelaksanaan: Tahun {v.year}"],
        [],
    ]
    if v.moved:
        out += [[], ["Catatan: disalin dari lembar kerja lama"], []]
    out += [top, numbers, subs]

    def unit(k: str, u: str) -> str:
        if k == "":
            return ""
        return k if v.unit_column else f"{k} {u}"

    def line(
        no: str,
        code: str,
        objective: str,
        name: str,
        indicator: str,
        u: str,
        figures: dict[str, tuple[str, int | None]],
    ) -> list[str]:
        texts = [no, *([code] if v.code else []), objective]
        texts += [indicator, name] if v.moved else [name, indicator]
        if v.unit_column:
            texts.append(u)
        cells = list(texts)
        for m in measures:
            k, rp = figures.get(m, ("", None))
            cells += [unit(decimal(k, v), u) if k not in ("", "-") else k, money(rp, v) if rp is not None else ""]
        return cells

    out.append(
        line(
            "1",
            "",
            "Meningkatnya Usaha Mikro",
            "",
            "Persentase Usaha Mikro Naik Kelas",
            "%",
            {
                "5": ("20", None),
                "7": ("12.5", None),
                "12": ("10.25", None),
                "13": ("10.25", None),
                "14": ("51.25", None),
            },
        )
    )
    program = {
        "5": ("500", 1_000_000_000),
        "7": ("100", 300_000_000),
        "I": ("-", 50_000_000),
        "II": ("40", 100_000_000),
        "12": ("40", 150_000_000),
        "13": ("40", 150_000_000),
        "14": ("8", 15),
    }
    if v.col6:
        program["6"] = ("150", 400_000_000)
        program["13"] = ("190", 550_000_000)
    out.append(line("", codes["program"], "", names["program"], "Jumlah UM yang diberdayakan", "UM", program))
    out.append(
        line(
            "",
            codes["kegiatan"],
            "",
            names["kegiatan"],
            "Jumlah fasilitasi UM",
            "UM",
            {
                "5": ("500", 1_000_000_000),
                "7": ("100", 300_000_000),
                "I": ("-", 50_000_000),
                "II": ("40", 100_000_000),
                "12": ("40", 150_000_000),
                "13": ("40", 150_000_000),
            },
        )
    )
    out.append(
        line(
            "",
            codes["sub1"],
            "",
            names["sub1"],
            "Jumlah UM yang didata",
            "UM",
            {
                "5": ("200", 400_000_000),
                "7": ("60", 100_000_000),
                "I": ("10", 20_000_000),
                "II": (v.bad_cell or "20", 30_000_000),
                "12": ("30", 50_000_000),
                "13": ("30", 50_000_000),
            },
        )
    )
    if v.second_indicator:
        out.append(
            line(
                "",
                "",
                "",
                "",
                "Jumlah dokumen pendataan",
                "dok",
                {
                    "5": ("4", None),
                    "7": ("1", None),
                    "II": ("1", None),
                    "12": ("1", None),
                    "13": ("1", None),
                },
            )
        )
    out.append(
        line(
            "",
            codes["sub2"],
            "",
            names["sub2"],
            "Jumlah UM yang diberdayakan",
            "UM",
            {
                "5": ("300", 600_000_000),
                "7": ("40", 200_000_000),
                "I": ("5", 30_000_000),
                "II": ("5", 70_000_000),
                "12": ("5", 100_000_000),
                "13": ("5", 100_000_000),
            },
        )
    )
    out += [[], ["Rata-rata capaian kinerja (%)", "", "", "40.00"], ["Predikat kinerja", "", "", "Sangat Rendah"]]
    if v.moved:
        out = [["", "", *r] for r in out]
    return out


def as_csv(table: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(table)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(table: list[list[str]], numbers: bool = True) -> bytes:
    """An .xlsx with plain figures written as numbers (as Excel keeps them) and the rest as text."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Evaluasi")
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            plain = value.replace(",", "")
            if numbers and plain.replace(".", "", 1).isdigit():
                sheet.write_number(r, c, float(plain))
            elif value:
                sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()
