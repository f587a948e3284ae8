"""Open data (issue 13, point 6): a pemda's approved figures, drawn from the frozen approved copies
only (``quarters.ApprovedReport``, ``reporting.frozen``), never from the tables: what is published is
what Bappeda approved, and a draft or a quarter waiting at Bappeda never appears.  Readable without
login once the pemda's administrator chose to publish (``open_data_publish``, audited)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from api.models import OpenDataPublication
from audit.services import audit_record
from planning.errors import ServiceError
from planning.models import Region
from planning.roles import is_region_admin, require
from quarters.models import ApprovedReport, QuarterReport


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, decimal, datetime
    description: str


# The data dictionary: every column of the CSV and of each JSON record, in order.
COLUMNS = (
    Column("pemda", "string", "kode alamat pemda"),
    Column("pd", "string", "kode alamat Perangkat Daerah"),
    Column("nama_pd", "string", "nama Perangkat Daerah"),
    Column("tahun", "integer", "tahun Renja"),
    Column("triwulan", "integer", "triwulan laporan (1-4): angka tahunan adalah sampai akhir triwulan ini"),
    Column("disetujui_pada", "datetime", "waktu persetujuan Bappeda (ISO 8601)"),
    Column("sha256", "string", "SHA-256 laporan JSON yang disetujui (bukti keaslian)"),
    Column("no", "string", "nomor baris dalam Form E.81"),
    Column(
        "tingkat",
        "string",
        "tingkat baris: goal (tujuan), objective (sasaran), program, activity (kegiatan), sub_activity",
    ),
    Column("kode", "string", "kode Permendagri 90 (boleh kosong)"),
    Column("uraian", "string", "nama tujuan/sasaran/program/kegiatan/sub kegiatan"),
    Column("indikator", "string", "indikator kinerja (kosong: baris tanpa indikator)"),
    Column("satuan", "string", "satuan indikator"),
    Column("target_k", "decimal", "target Renja tahun ini (kolom 7 K), dalam satuan indikator"),
    Column("pagu_rp", "decimal", "pagu (kolom 7 Rp), rupiah"),
    Column("realisasi_triwulan_k", "decimal", "realisasi K pada triwulan ini (kolom 8-11)"),
    Column("realisasi_triwulan_rp", "decimal", "realisasi Rp pada triwulan ini, rupiah"),
    Column("realisasi_tahun_k", "decimal", "realisasi K tahun ini sampai triwulan ini (kolom 12)"),
    Column("realisasi_tahun_rp", "decimal", "realisasi Rp tahun ini sampai triwulan ini (kolom 12), rupiah"),
    Column("capaian_k_persen", "decimal", "capaian kinerja Renja (kolom 12/7 K), persen, tanpa pembulatan"),
    Column("serapan_rp_persen", "decimal", "serapan anggaran (kolom 12/7 Rp), persen, tanpa pembulatan"),
    Column("rata_rata_capaian_pd_persen", "decimal", "rata-rata capaian kinerja PD pada laporan ini, persen"),
    Column("predikat_pd", "string", "predikat kinerja PD pada laporan ini"),
)
NOTES = (
    "Angka diambil dari salinan laporan Form E.81 yang disetujui Bappeda, tidak pernah dari draf.",
    "Angka desimal ditulis dengan titik dan tanpa pemisah ribuan; sel kosong berarti tidak dilaporkan (bukan 0).",
    "Untuk setiap PD dan tahun, setiap triwulan yang disetujui tampil sendiri; angka tahunan adalah sampai akhir triwulannya.",
)


def open_data_publish(*, region: Region, published: bool, actor: Any, reason: str) -> OpenDataPublication:
    """Publish (or withdraw) ``region``'s approved figures as open data: the pemda's administrator only,
    with a reason, recorded in the history."""
    require(is_region_admin(actor, region), f"Hanya administrator {region.name} yang dapat mengatur data terbuka.")
    reason = reason.strip()
    if not reason:
        raise ServiceError("Alasan wajib diisi: perubahan penerbitan data terbuka dicatat dalam riwayat.")
    with transaction.atomic():
        row, _ = OpenDataPublication.objects.select_for_update().get_or_create(region=region)
        if row.published == published:
            return row
        before = row.published
        row.published, row.changed_by = published, actor if getattr(actor, "pk", None) else None
        row.save()
        audit_record(
            actor=actor, action="open_data_publish", model="OpenDataPublication", object_id=row.pk,
            summary=f"data terbuka {region.name}: {'diterbitkan' if published else 'ditarik'}",
            before={"published": before}, after={"published": published}, reason=reason, source="API",
        )  # fmt: skip
    return row


def is_published(region: Region) -> bool:
    return OpenDataPublication.objects.filter(region=region, published=True).exists()


def approved_copies(region: Region) -> list[ApprovedReport]:
    """The current frozen copy of every approved quarter of the pemda's PD (one query)."""
    return list(
        ApprovedReport.objects.filter(
            report__agency__region=region, report__status=QuarterReport.Status.APPROVED, superseded_at__isnull=True
        )
        .select_related("report__agency")
        .order_by("report__agency__name", "report__year", "report__quarter")
    )


def _cell(data: dict[str, Any] | None, key: str) -> Any:
    return (data or {}).get(key)


def records(copies: list[ApprovedReport]) -> list[dict[str, Any]]:
    """One record per line of every approved report, in ``COLUMNS`` order."""
    out = []
    for copy in copies:
        report = json.loads(copy.json)
        quarter = report["quarter"]
        head = {
            "pemda": report["region"]["slug"],
            "pd": report["agency"]["slug"],
            "nama_pd": report["agency"]["name"],
            "tahun": report["year"],
            "triwulan": quarter,
            "disetujui_pada": copy.approved_at.isoformat(),
            "sha256": copy.sha256,
        }
        for row in report["rows"]:
            in_quarter = row["quarters"][quarter - 1] if len(row["quarters"]) >= quarter else None
            out.append(
                {
                    **head,
                    "no": row["number"],
                    "tingkat": row["level"],
                    "kode": row["code"],
                    "uraian": row["name"],
                    "indikator": row["indicator"],
                    "satuan": row["unit"],
                    "target_k": _cell(row["annual_target"], "value"),
                    "pagu_rp": _cell(row["annual_target"], "budget"),
                    "realisasi_triwulan_k": _cell(in_quarter, "value"),
                    "realisasi_triwulan_rp": _cell(in_quarter, "budget"),
                    "realisasi_tahun_k": _cell(row["annual_realization"], "value"),
                    "realisasi_tahun_rp": _cell(row["annual_realization"], "budget"),
                    "capaian_k_persen": _cell(row["annual_achievement"], "value"),
                    "serapan_rp_persen": _cell(row["annual_achievement"], "budget"),
                    "rata_rata_capaian_pd_persen": report["average_achievement"],
                    "predikat_pd": report["rating"],
                }
            )
    return out


def records_csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in COLUMNS])
    for row in rows:
        writer.writerow(["" if row[c.name] is None else str(row[c.name]) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def dictionary() -> dict[str, Any]:
    return {
        "columns": [{"name": c.name, "type": c.type, "description": c.description} for c in COLUMNS],
        "notes": list(NOTES),
    }
