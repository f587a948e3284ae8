"""Findings in words: one Indonesian sentence per finding, naming the row, column and numbers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from domain.findings import Code, Finding
from domain.types import Aggregation
from reporting.formatting import percent, printed, rupiah, value_id
from reporting.labels import AGGREGATION, COLUMN


def _n(finding: Finding, key: str) -> str:
    """A number of the finding, as Rp or K according to its measure."""
    value: Any = finding.values.get(key)
    if value is None:
        return "tidak ada"
    if not isinstance(value, Decimal):
        return str(value)
    return rupiah(value) if finding.measure == "Rp" else value_id(value)


def _p(finding: Finding, key: str) -> str:
    """A percentage: a printed one as printed ("51", "90,703"), a computed one half-up to 2 decimals."""
    value: Any = finding.values.get(key)
    if value is None:
        return "tidak dapat dihitung"
    return (printed(value) if key == "stated" else percent(value)) + "%"


def _quarters(finding: Finding) -> str:
    parts = []
    for i, name in enumerate(("I", "II", "III", "IV")):
        value = finding.values.get(f"q{i + 1}")
        if value is not None and isinstance(value, Decimal):
            parts.append(f"TW {name} {rupiah(value) if finding.measure == 'Rp' else value_id(value)}")
    return ", ".join(parts) or "tidak ada triwulan dilaporkan"


def _aggregation(finding: Finding) -> str:
    code = finding.values.get("aggregation")
    return AGGREGATION[Aggregation(str(code))].lower() if code else "jumlah"


def _column(finding: Finding) -> str:
    return COLUMN.get(finding.column or "", f"kolom {finding.column}")


def _stated_pair(finding: Finding) -> str:
    if finding.column in ("12/7", "14"):
        return f"tercetak {_p(finding, 'stated')}, seharusnya {_p(finding, 'computed')}"
    return f"tercetak {_n(finding, 'stated')}, seharusnya {_n(finding, 'computed')}"


_TEXT: dict[Code, Callable[[Finding], str]] = {
    Code.ANNUAL_DIFFERS: lambda f: (
        f"{_column(f)} {f.measure}: {_stated_pair(f)} ({_aggregation(f) if f.measure == 'K' else 'jumlah'} "
        f"dari {_quarters(f)})"
    ),
    Code.CUMULATIVE_DIFFERS: lambda f: f"{_column(f)} {f.measure}: {_stated_pair(f)} (kolom 6 + kolom 12)",
    Code.ACHIEVEMENT_DIFFERS: lambda f: f"{_column(f)} {f.measure}: {_stated_pair(f)}",
    Code.AVERAGE_DIFFERS: lambda f: (
        f"Rata-rata capaian kinerja tercetak {_p(f, 'stated')}, hasil hitung {_p(f, 'computed')}"
    ),
    Code.RATING_DIFFERS: lambda f: (
        f"Predikat tercetak {f.values.get('stated')!s}, seharusnya {f.values.get('computed') or 'tidak ada'}"
    ),
    Code.RATING_NOT_STATED: lambda f: (
        f"Predikat kinerja tidak diisi dalam dokumen; hasil hitung: {f.values.get('computed')}"
    ),
    Code.PARENT_BUDGET_DIFFERS: lambda f: (
        f"{_column(f)} Rp: tercatat {_n(f, 'entered')}, jumlah rincian di bawahnya {_n(f, 'children')} "
        f"(selisih {_n(f, 'difference')})"
    ),
    Code.BUDGET_OVERRUN: lambda f: (
        f"Realisasi anggaran {_n(f, 'realized')} melebihi pagu {_n(f, 'budget')} (selisih {_n(f, 'difference')})"
    ),
    Code.RENJA_EXCEEDS_RENSTRA: lambda f: (
        f"Pagu Renja {_n(f, 'budget')} melebihi pendanaan Renstra seluruh periode {_n(f, 'strategic')}"
    ),
    Code.IMPLAUSIBLE_ACHIEVEMENT: lambda f: (
        f"{_column(f)}: capaian {_p(f, 'achievement')} di luar batas wajar "
        f"({value_id(f.values['below'])}%-{value_id(f.values['above'])}%); periksa target dan realisasi"  # type: ignore[arg-type]
    ),
    Code.SHARE_ABOVE_100: lambda f: f"Indikator persentase bernilai {_n(f, 'realized')}%, melebihi 100%",
    Code.BUDGET_WITHOUT_OUTPUT: lambda f: (
        f"Triwulan {f.values.get('quarter')}: anggaran Rp {_n(f, 'budget')} terealisasi tanpa realisasi kinerja (K)"
    ),
    Code.QUARTER_NOT_REPORTED: lambda f: (
        f'Realisasi triwulan {f.values.get("quarters")} tidak diisi (kosong berbeda dengan 0 atau "-")'
    ),
    Code.ACTION_PLAN_DIFFERS: lambda f: (
        f"Rencana Aksi per triwulan ({_quarters(f)}) menghasilkan {_n(f, 'combined')} "
        f"({_aggregation(f)}), berbeda dengan target Renja {_n(f, 'target')}"
    ),
    Code.ACTION_PLAN_STATED_DIFFERS: lambda f: (
        f"Target dalam tabel Rencana Aksi {_n(f, 'action_plan')} berbeda dengan target Renja {_n(f, 'target')}"
    ),
    Code.ACTION_PLAN_UNIT_DIFFERS: lambda f: (
        f'Satuan Rencana Aksi "{f.values.get("action_plan_unit")}" berbeda dengan satuan indikator '
        f'"{f.values.get("unit")}"; nilai bersatuan berbeda tidak dijumlahkan'
    ),
    Code.TARGET_MISSING: lambda f: f"{_column(f)} K tidak diisi; capaian tidak dihitung (bukan 0 dan bukan 100%)",
    Code.ZERO_TARGET: lambda f: "Target 0 pada indikator positif: capaian tidak terdefinisi",
    Code.PRIOR_MISSING: lambda f: (
        f"Kolom 6 (realisasi Renstra s.d. tahun {int(f.values['year']) - 1}) tidak diisi pada "  # type: ignore[arg-type]
        f"{f.values.get('rows')} baris; kolom 13 hanya memuat realisasi tahun {f.values.get('year')}"
    ),
}


def finding_message(finding: Finding) -> str:
    """The finding as one Indonesian sentence."""
    return _TEXT[finding.code](finding)
