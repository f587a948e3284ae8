"""The Indonesian words of the report: levels, aggregations, settings, quarters."""

from __future__ import annotations

from domain.types import Aggregation, AverageBasis, AverageSource, Direction, Level, NegativeFormula, Severity

QUARTER_ROMAN = ("I", "II", "III", "IV")

LEVEL = {
    Level.GOAL: "Tujuan",
    Level.OBJECTIVE: "Sasaran",
    Level.PROGRAM: "Program",
    Level.ACTIVITY: "Kegiatan",
    Level.SUB_ACTIVITY: "Sub Kegiatan",
}

AGGREGATION = {
    Aggregation.SUM: "Jumlah triwulan",
    Aggregation.LAST: "Nilai triwulan terakhir",
    Aggregation.AVG: "Rata-rata triwulan",
    Aggregation.MAX: "Nilai tertinggi",
}

DIRECTION = {
    Direction.POSITIVE: "Positif (makin tinggi makin baik)",
    Direction.NEGATIVE: "Negatif (makin rendah makin baik)",
}

NEGATIVE_FORMULA = {
    NegativeFormula.TWO_T_MINUS_R: "Capaian indikator negatif = (2 x Target - Realisasi) / Target x 100%, minimal 0",
    NegativeFormula.T_OVER_R: "Capaian indikator negatif = Target / Realisasi x 100%",
}

AVERAGE_BASIS = {
    AverageBasis.PROGRAMS: "rata-rata capaian indikator Program",
    AverageBasis.ALL_ROWS: "rata-rata capaian seluruh indikator",
}

AVERAGE_SOURCE = {
    AverageSource.RENJA: "capaian Renja (kolom 12 / kolom 7)",
    AverageSource.RENSTRA: "capaian Renstra (kolom 14)",
}

SEVERITY = {Severity.ERROR: "Kesalahan", Severity.WARNING: "Peringatan", Severity.INFO: "Catatan"}

COLUMN = {
    "5": "kolom 5 (Target Renstra)",
    "6": "kolom 6 (Realisasi Renstra s.d. tahun lalu)",
    "7": "kolom 7 (Target Renja)",
    "8": "kolom 8 (Triwulan I)",
    "9": "kolom 9 (Triwulan II)",
    "10": "kolom 10 (Triwulan III)",
    "11": "kolom 11 (Triwulan IV)",
    "8-11": "kolom 8-11 (Realisasi triwulan)",
    "12": "kolom 12 (Realisasi Renja)",
    "12/7": "capaian Renja (12/7)",
    "13": "kolom 13 (Realisasi Renstra s.d. tahun ini)",
    "14": "kolom 14 (Capaian Renstra)",
}


def period(year: int, quarter: int) -> str:
    return f"Triwulan {QUARTER_ROMAN[quarter - 1]} Tahun {year}"
