"""Who changed what, when, from what to what, and why: written by services in their transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField("waktu", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="pelaku"
    )
    action = models.CharField("tindakan", max_length=60)
    model = models.CharField("data", max_length=60)
    object_id = models.CharField("nomor data", max_length=60, blank=True)
    summary = models.CharField("ringkasan", max_length=300, blank=True)
    before = models.JSONField("sebelum", null=True, blank=True)
    after = models.JSONField("sesudah", null=True, blank=True)
    reason = models.TextField("alasan", blank=True)
    source = models.CharField("sumber", max_length=300, blank=True, help_text="layar, API, berkas impor, perintah")
    region = models.ForeignKey(
        "planning.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_index=False,  # the index audit_region_id (region, id) below serves both
        related_name="+",
        verbose_name="pemda",
        help_text="pemda yang datanya diubah; kosong: tidak terletak pada satu pemda (lihat audit/places.py)",
    )

    class Meta:
        verbose_name = "riwayat perubahan"
        verbose_name_plural = "riwayat perubahan"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["model", "object_id"]),
            # The fingerprint of a pemda's prepared pages reads its newest events (reporting/regency/prepared.py).
            models.Index(fields=["region", "id"], name="audit_region_id"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.summary}"
