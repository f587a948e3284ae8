"""The Indonesian words of the report: levels, aggregations, settings, quarters."""

from __future__ import annotations

from enum import Enum

from domain.inputs import Stated
from domain.types import (
    Aggregation,
    AverageBasis,
    AverageSource,
    Direction,
    Level,
    NegativeFormula,
    Periodicity,
    Severity,
)

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


# -- codes shown to people: the admin, the import preview, command output (the ``|label`` filter) ----
PERIODICITY = {
    Periodicity.QUARTERLY: "Triwulanan",
    Periodicity.ANNUAL: "Tahunan (diisi pada triwulan IV)",
}

STATED = {
    Stated.ANNUAL_REALIZATION: "Realisasi Renja tercetak (kolom 12)",
    Stated.ANNUAL_ACHIEVEMENT: "Capaian Renja tercetak (12/7)",
    Stated.CUMULATIVE_REALIZATION: "Realisasi Renstra tercetak (kolom 13)",
    Stated.CUMULATIVE_ACHIEVEMENT: "Capaian Renstra tercetak (kolom 14)",
    Stated.ACTION_PLAN_TARGET: "Target tahunan tercetak di Rencana Aksi",
}

# What a change or an audit record is about: model names and the import's kinds of change.
MODEL = {
    "Region": "Pemda",
    "RatingBand": "Predikat",
    "Agency": "Perangkat Daerah",
    "StrategicPlan": "Renstra",
    "PlanRow": "Baris rencana",
    "Indicator": "Indikator",
    "WorkPlan": "Renja",
    "WorkPlanRow": "Pagu",
    "WorkPlanIndicator": "Target",
    "QuarterlyTarget": "Rencana Aksi",
    "Realization": "Realisasi K",
    "BudgetRealization": "Realisasi Rp",
    "Membership": "Peran pengguna",
    "QuarterReport": "Laporan triwulan",
    "StatedFigure": "Angka tercetak",
    "ApprovedReport": "Salinan laporan disetujui",
    "LineNote": "Catatan baris",
    "FindingExplanation": "Penjelasan temuan",
    "RowReview": "Pemeriksaan baris",
    "Evidence": "Bukti dukung",
    "Notice": "Pemberitahuan",
    "PlanDocument": "Dokumen rencana",
    "ImportFile": "Berkas impor",
    "User": "Pengguna",
}

# Field names as they appear in an import change or an audit record's before/after.
FIELD = {
    "name": "nama",
    "short_name": "nama singkat",
    "kind": "jenis",
    "place": "tempat",
    "slug": "kode alamat",
    "negative_formula": "rumus indikator negatif",
    "average_basis": "dasar rata-rata",
    "average_source": "sumber capaian rata-rata",
    "average_cap": "batas capaian untuk rata-rata",
    "bands": "rentang predikat",
    "head_name": "nama Kepala PD",
    "head_nip": "NIP Kepala PD",
    "head_title": "jabatan Kepala PD",
    "bappeda_head_name": "nama Kepala Bappeda",
    "bappeda_head_nip": "NIP Kepala Bappeda",
    "bappeda_head_title": "jabatan Kepala Bappeda",
    "start_year": "tahun awal",
    "end_year": "tahun akhir",
    "level": "tingkat",
    "code": "kode",
    "position": "urutan",
    "strategic_budget": "pendanaan Renstra (kolom 5 Rp)",
    "responsible_unit": "PD penanggung jawab",
    "unit": "satuan",
    "direction": "arah",
    "aggregation": "agregasi triwulan",
    "aggregation_is_default": "agregasi bawaan",
    "periodicity": "periode pengukuran",
    "formula": "formulasi",
    "refers_to_rkpd": "mengacu sasaran RKPD",
    "strategic_target": "target Renstra (kolom 5 K)",
    "budget": "pagu (kolom 7 Rp)",
    "prior_budget": "realisasi Renstra s.d. tahun lalu (kolom 6 Rp)",
    "funding_source": "sumber dana",
    "target": "target Renja (kolom 7 K)",
    "prior_realization": "realisasi Renstra s.d. tahun lalu (kolom 6 K)",
    "action_plan_unit": "satuan Rencana Aksi",
    "drivers": "faktor pendorong",
    "obstacles": "faktor penghambat",
    "follow_up_quarter": "tindak lanjut triwulan berikutnya",
    "follow_up_renja": "tindak lanjut Renja berikutnya",
    "stated_average": "rata-rata tercetak",
    "stated_rating": "predikat tercetak",
    "value": "nilai",
    "amount": "jumlah (Rp)",
    "status": "status",
    "note": "catatan",
    "text": "teks",
    "changes": "jumlah perubahan",
    "counts": "rincian",
    "years": "tahun",
    "role": "peran",
    "user": "pengguna",
    "region": "pemda",
    "agency": "perangkat daerah",
    "reason": "alasan",
    "size": "ukuran (byte)",
    "sha256": "SHA-256",
    "removed_at": "dihapus pada",
}

# Audit actions (``AuditEvent.action``).
ACTION = {
    "create": "Tambah",
    "update": "Ubah",
    "delete": "Hapus",
    "document_load": "Muat dokumen rencana",
    "plan_amend_locked_year": "Perubahan rencana tahun terkunci (Bappeda)",
    "work_plan_amend": "Perubahan Renja",
    "realization_set": "Isi realisasi K",
    "budget_realization_set": "Isi realisasi Rp",
    "line_note_set": "Isi catatan baris",
    "narratives_set": "Isi narasi triwulan",
    "finding_explain": "Penjelasan temuan",
    "quarter_submit": "Ajukan laporan",
    "quarter_return": "Kembalikan laporan",
    "quarter_approve": "Setujui laporan",
    "quarter_unlock": "Buka kunci laporan",
    "report_freeze": "Bekukan salinan laporan",
    "region_update": "Ubah pengaturan pemda",
    "rating_bands_set": "Ubah rentang predikat",
    "agency_update": "Ubah perangkat daerah",
    "membership_create": "Tambah peran pengguna",
    "membership_change": "Ubah peran pengguna",
    "import": "Impor berkas",
    "evidence_add": "Lampirkan bukti dukung",
    "evidence_remove": "Hapus bukti dukung",
    "password_change": "Ganti kata sandi",
    "membership_delete": "Hapus peran pengguna",
    "user_create": "Tambah pengguna",
    "schedule_set": "Ubah jadwal pelaporan",
    "work_plan_copy": "Salin Renja dari tahun lalu",
    "nomenclature_load": "Muat nomenklatur",
    "api_token_issue": "Terbitkan token API",
    "api_token_revoke": "Cabut token API",
    "base_figure_set": "Isi angka dasar indikator terhitung",
    "computed_define": "Tetapkan rumus indikator terhitung",
    "open_data_publish": "Ubah publikasi data terbuka",
}

QUARTER_STATUS = {"draft": "Draf", "submitted": "Diajukan", "returned": "Dikembalikan", "approved": "Disetujui"}

# Each vocabulary by name; a choice field's name is its vocabulary (``label(value, "aggregation")``).
VOCABULARIES: dict[str, dict[str, str]] = {
    "level": {k.value: v for k, v in LEVEL.items()},
    "aggregation": {k.value: v for k, v in AGGREGATION.items()},
    "direction": {k.value: v for k, v in DIRECTION.items()},
    "negative_formula": {k.value: v for k, v in NEGATIVE_FORMULA.items()},
    "average_basis": {k.value: v for k, v in AVERAGE_BASIS.items()},
    "average_source": {k.value: v for k, v in AVERAGE_SOURCE.items()},
    "periodicity": {k.value: v for k, v in PERIODICITY.items()},
    "severity": {k.value: v for k, v in SEVERITY.items()},
    "stated": {k.value: v for k, v in STATED.items()},
    "key": {k.value: v for k, v in STATED.items()},  # StatedFigure.key
    "status": QUARTER_STATUS,
    "model": MODEL,
    "field": FIELD,
    "action": ACTION,
}


def label(code: object, vocabulary: str) -> str:
    """The Indonesian words for ``code`` in ``vocabulary`` ("aggregation", "model", a field's name...);
    anything not in it (a name, a number, free text) comes back as it is."""
    if code is None:
        return ""
    text = code.value if isinstance(code, Enum) else str(code)
    return VOCABULARIES.get(vocabulary, {}).get(text, text)
