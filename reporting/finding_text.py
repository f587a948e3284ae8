"""Findings in words: Indonesian sentences naming the row, the column as printed, both numbers and what
to check.  ``finding_message`` is the whole finding (its own sentence, the rows carrying it and what it
throws off); ``finding_sentence`` is its own sentence only, for screens that list consequences apart."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from domain.findings import GOAL_COLUMNS, Code, Finding, walk
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


# The Indikator Tujuan table's columns, where a Tujuan indicator's findings are (``GOAL_COLUMNS``).
_GOAL_COLUMN = {
    "Target": "Indikator Tujuan, kolom Target",
    "Realisasi": "Indikator Tujuan, kolom Realisasi",
    "Capaian": "Indikator Tujuan, kolom Capaian (%)",
}
assert set(_GOAL_COLUMN) == set(GOAL_COLUMNS.values())
_PERCENT_COLUMNS = ("12/7", "14", "Capaian")


def finding_column(finding: Finding) -> str:
    """The column as the report prints it: "kolom 12 (Realisasi Renja) Rp", "Indikator Tujuan, kolom
    Capaian (%)"; "" for a finding about the whole report."""
    column = finding.column or ""
    if column in _GOAL_COLUMN:
        return _GOAL_COLUMN[column]
    if not column:
        return ""
    label = COLUMN.get(column, f"kolom {column}")
    return f"{label} {finding.measure}" if finding.measure else label


def _column(finding: Finding) -> str:
    return _GOAL_COLUMN.get(finding.column or "") or COLUMN.get(finding.column or "", f"kolom {finding.column}")


def _place(finding: Finding) -> str:
    """The column with its measure, e.g. "kolom 12 (Realisasi Renja) K"."""
    return finding_column(finding) or _column(finding)


def _stated_pair(finding: Finding) -> str:
    if finding.column in _PERCENT_COLUMNS:
        return f"tercetak {_p(finding, 'stated')}, hasil hitung {_p(finding, 'computed')}"
    return f"tercetak {_n(finding, 'stated')}, hasil hitung {_n(finding, 'computed')}"


def _repeated(finding: Finding) -> str:
    v = finding.values
    budget = v.get("budget")
    amount = rupiah(budget) if isinstance(budget, Decimal) else "-"
    value = v.get("value")
    figure = (
        f"{value_id(value)} {v.get('unit') or ''}".strip() + f"; Rp {amount}"
        if isinstance(value, Decimal)
        else f"Rp {amount}"
    )
    return (
        f"Triwulan {v.get('quarter')} mengulang angka triwulan {v.get('source')} ({figure}): "
        f"periksa apakah realisasi triwulan {v.get('source')} tersalin ke triwulan {v.get('quarter')}"
    )


def _action_plan_stated(finding: Finding) -> str:
    text = (
        f"Target dalam tabel Rencana Aksi {_n(finding, 'action_plan')} berbeda dengan target Renja "
        f"{_n(finding, 'target')}"
    )
    if "combined" in finding.values:
        text += f"; target per triwulan ({_quarters(finding)}) menghasilkan {_n(finding, 'combined')}"
    return text


_TEXT: dict[Code, Callable[[Finding], str]] = {
    Code.ANNUAL_DIFFERS: lambda f: (
        f"{_place(f)}: {_stated_pair(f)} ({_aggregation(f) if f.measure == 'K' else 'jumlah'} dari {_quarters(f)})"
    ),
    Code.CUMULATIVE_DIFFERS: lambda f: f"{_place(f)}: {_stated_pair(f)} (kolom 6 + kolom 12)",
    Code.ACHIEVEMENT_DIFFERS: lambda f: f"{_place(f)}: {_stated_pair(f)}",
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
        f"{_place(f)}: capaian {_p(f, 'achievement')} di luar batas wajar "
        f"({value_id(f.values['below'])}%-{value_id(f.values['above'])}%); periksa target dan realisasi"  # type: ignore[arg-type]
    ),
    Code.SHARE_ABOVE_100: lambda f: f"Indikator persentase bernilai {_n(f, 'realized')}%, melebihi 100%",
    Code.BUDGET_WITHOUT_OUTPUT: lambda f: (
        f"Triwulan {f.values.get('quarter')}: anggaran Rp {_n(f, 'budget')} terealisasi tanpa realisasi kinerja (K)"
    ),
    Code.QUARTER_NOT_REPORTED: lambda f: (
        f"Realisasi triwulan {f.values.get('quarters')} tidak diisi padahal direncanakan dalam Rencana Aksi "
        '(kosong berbeda dengan 0 atau "-")'
    ),
    Code.ACTION_PLAN_DIFFERS: lambda f: (
        f"Rencana Aksi per triwulan ({_quarters(f)}) menghasilkan {_n(f, 'combined')} "
        f"({_aggregation(f)}), berbeda dengan target Renja {_n(f, 'target')}"
    ),
    Code.ACTION_PLAN_STATED_DIFFERS: _action_plan_stated,
    Code.ACTION_PLAN_UNIT_DIFFERS: lambda f: (
        f'Satuan Rencana Aksi "{f.values.get("action_plan_unit")}" berbeda dengan satuan indikator '
        f'"{f.values.get("unit")}"; nilai bersatuan berbeda tidak dijumlahkan'
    ),
    Code.TARGET_MISSING: lambda f: f"{_place(f)} tidak diisi; capaian tidak dihitung (bukan 0 dan bukan 100%)",
    Code.ZERO_TARGET: lambda f: "Target 0 pada indikator positif: capaian tidak terdefinisi",
    Code.PRIOR_MISSING: lambda f: (
        f"Kolom 6 (realisasi Renstra s.d. tahun {int(f.values['year']) - 1}) tidak diisi pada "  # type: ignore[arg-type]
        f"{f.values.get('rows')} baris; kolom 13 hanya memuat realisasi tahun {f.values.get('year')}"
    ),
    Code.QUARTER_REPEATED: _repeated,
}
assert set(_TEXT) == set(Code)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """A sentence continued after a colon: "Kolom 12 ..." -> "kolom 12 ..."; "PD" and "Rp" stay."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def finding_sentence(finding: Finding) -> str:
    """The finding's own sentence, starting with a capital letter."""
    return _capital(_TEXT[finding.code](finding))


def consequence_sentences(finding: Finding) -> list[str]:
    """What the cause throws off, one sentence each (the same figure on several rows said once)."""
    seen: dict[str, None] = {}
    for consequence in walk(finding.consequences):
        seen.setdefault(finding_sentence(consequence), None)
    return list(seen)


def finding_message(finding: Finding) -> str:
    """The whole finding in words: its sentence, the other rows showing the same figures, and what it
    throws off ("Akibatnya: ...")."""
    text = finding_sentence(finding)
    if finding.other_rows:
        text += ". Angka yang sama pada: " + "; ".join(finding.other_rows)
    consequences = consequence_sentences(finding)
    if consequences:
        text += ". Akibatnya: " + "; ".join(_lower(c) for c in consequences)
    return text
