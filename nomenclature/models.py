"""The official list of program, kegiatan and sub kegiatan codes (Permendagri 90/2019 as updated), by version.

A version is one loaded file; loading a newer one makes it the active version and keeps the old, so a plan
written against the old list can still be read against it.  Tables only: loading is ``nomenclature.loader``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NomenclatureVersion(models.Model):
    label = models.CharField("sebutan", max_length=200, help_text="mis. Kepmendagri 900.1.15.5-1317/2023")
    source = models.CharField("berkas asal", max_length=300)
    sha256 = models.CharField("sidik berkas (SHA-256)", max_length=64)
    entry_count = models.PositiveIntegerField("jumlah kode", default=0)
    is_active = models.BooleanField("berlaku", default=False)
    loaded_at = models.DateTimeField("dimuat pada", auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="dimuat oleh"
    )

    class Meta:
        verbose_name = "versi nomenklatur"
        verbose_name_plural = "versi nomenklatur"
        ordering = ["-loaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="nomenclature_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.entry_count} kode)"


class NomenclatureEntry(models.Model):
    class Level(models.TextChoices):
        URUSAN = "urusan", "Urusan"
        BIDANG = "bidang", "Bidang urusan"
        PROGRAM = "program", "Program"
        KEGIATAN = "kegiatan", "Kegiatan"
        SUB_KEGIATAN = "sub_kegiatan", "Sub kegiatan"

    version = models.ForeignKey(
        NomenclatureVersion, on_delete=models.CASCADE, related_name="entries", verbose_name="versi"
    )
    code = models.CharField("kode", max_length=40)
    level = models.CharField("tingkat", max_length=20, choices=Level.choices)
    name = models.TextField("nama")
    indicator = models.TextField("indikator", blank=True)
    unit = models.CharField("satuan", max_length=100, blank=True)
    # Lower case, without accents or punctuation: code, name and indikator, searched word by word.
    search_text = models.TextField("teks pencarian", blank=True)
    # The name alone, the same way: a row typed without a code finds its official code by name.
    name_key = models.TextField("nama ternormalisasi", blank=True, default="")

    class Meta:
        verbose_name = "kode nomenklatur"
        verbose_name_plural = "kode nomenklatur"
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="nomenclature_unique_code")]
        indexes = [
            models.Index(fields=["version", "level", "code"], name="nomenclature_level_code"),
            models.Index(fields=["version", "level", "name_key"], name="nomenclature_level_name"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:80]}"
